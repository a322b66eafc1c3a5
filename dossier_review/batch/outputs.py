"""Batch outputs for people: summary.xlsx, summary.html (charts) and bulletin.docx (通报 draft).

Everything is read back from the store one row at a time; only small aggregates (scores,
counts per code and agency, one example per code) are held in memory.
"""
from __future__ import annotations

import base64
import datetime as _dt
import io
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .. import __version__
from ..lib.privacy import mask_ids, mask_names, needs_text_cell
from ..report import labels as L
from ..report.atomic import safe_stem, write_text, write_with
from ..report.context import law_basis
from ..store import Store, register_of
from .register import CANONICAL_LABELS
from .standard import standard_name, standard_rules

CJK_FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
GRADE_ORDER = ("优秀", "良好", "合格", "不合格")
UNKNOWN_AGENCY = "（未注明机关）"
SEED_KEYS = ("seed", "随机种子")
POPULATION_KEYS = ("population", "总体案卷数")
# a sample list read back as the batch's input keeps the headers ``sample`` wrote
SAMPLE_NO_KEYS = ("sample_no", "抽样序号")
STRATUM_KEYS = ("stratum", "分层")
ROW_KEYS = ("register_row", "登记表行号")


@dataclass
class DossierRow:
    id: int
    name: str
    stem: str
    source: str
    status: str
    reason: str
    agency: str
    case_number: str
    party: str
    score: Optional[float]
    grade: str
    vetoed: bool
    needs_human: bool
    findings: int
    register: dict
    cat_deductions: dict = field(default_factory=dict)   # category name -> deducted points
    archive: dict = field(default_factory=dict)          # PDF page -> 卷内页码


def _number(v: Any) -> Any:
    """A register cell as a number when it is one (罚款 "5,000" → 5000.0), else the text."""
    if isinstance(v, (int, float)) or v in (None, ""):
        return v
    t = str(v).replace(",", "").replace("，", "").replace("元", "").strip()
    try:
        f = float(t)
    except ValueError:
        return v
    return int(f) if f.is_integer() and "." not in t else f


def _date(v: Any) -> Any:
    """A register cell as a date when it reads as one (2024-03-05, 2024/3/5, 2024年3月5日)."""
    import re

    if isinstance(v, (_dt.date, _dt.datetime)) or v in (None, ""):
        return v.date() if isinstance(v, _dt.datetime) else v
    m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00:00)?\s*", str(v))
    if not m:
        return v
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return v


@dataclass
class Stats:
    dossiers: list[DossierRow] = field(default_factory=list)   # small rows, no review JSON
    code_count: Counter = field(default_factory=Counter)        # firm findings per code
    code_dossiers: Counter = field(default_factory=Counter)     # dossiers having the code
    code_agency: dict = field(default_factory=lambda: defaultdict(Counter))
    code_info: dict = field(default_factory=dict)               # code -> category, basis, message, fix
    code_example: dict = field(default_factory=dict)            # code -> (dossier, page, quote)
    human_count: int = 0
    seeds: set = field(default_factory=set)
    private_names: set = field(default_factory=set)             # individuals: 张某 when published
    rules: dict = field(default_factory=dict)                   # code -> the standard's item
    populations: set = field(default_factory=set)               # register sizes the sample was drawn from
    categories: list = field(default_factory=list)              # the standard's category names
    standard_title: str = ""

    def title(self, code: str) -> str:
        """The standard's wording of a defect (a finding's message names one instance of it)."""
        rule = self.rules.get(code) or {}
        return rule.get("title") or self.code_info.get(code, {}).get("message") or code

    def basis(self, code: str) -> str:
        return (self.rules.get(code) or {}).get("basis") or self.code_info.get(code, {}).get("basis", "")

    @property
    def done(self) -> list[DossierRow]:
        return [d for d in self.dossiers if d.status == "done"]

    def grade_counts(self) -> dict[str, int]:
        c = Counter(d.grade for d in self.done)
        order = [g for g in GRADE_ORDER] + sorted(g for g in c if g not in GRADE_ORDER)
        return {g: c.get(g, 0) for g in order if g in c or g in GRADE_ORDER}

    def agency_scores(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = defaultdict(list)
        for d in self.done:
            out[d.agency].append(d.score or 0.0)
        return dict(sorted(out.items()))

    def average(self) -> Optional[float]:
        scores = [d.score or 0.0 for d in self.done]
        return sum(scores) / len(scores) if scores else None


def _reg(reg: dict, *keys: str) -> str:
    for k in keys:
        v = reg.get(k)
        if v not in (None, ""):
            return str(v)
    return ""


def _whole_sentence(quote: str) -> bool:
    return (quote or "").rstrip().endswith(("。", "；", "！", "？", "」", "”"))


def collect_stats(store: Store, ids: Iterable[int], standard: Any = None) -> Stats:
    ids = list(dict.fromkeys(int(i) for i in ids))  # a dossier listed twice counts once
    st = Stats()
    if standard is not None:
        st.rules = {r["code"]: r for r in standard_rules(standard) if r.get("code")}
        st.categories = [c.name for c in getattr(standard, "categories", {}).values()]
        st.standard_title = getattr(standard, "title", "") or standard_name(standard)
    for row, review in store.iter_dossiers(ids, with_review=True):
        reg = register_of(row)
        facts = (review or {}).get("facts") or {}
        for k in SEED_KEYS:
            if reg.get(k) not in (None, ""):
                st.seeds.add(str(reg[k]))
        for k in POPULATION_KEYS:
            if reg.get(k) not in (None, ""):
                st.populations.add(str(_number(reg[k])))
        agency = _reg(reg, "agency") or L.agency(facts) or UNKNOWN_AGENCY
        party = facts.get("party") or {}
        if party.get("kind") == "individual" and party.get("name"):
            st.private_names.add(str(party["name"]))
        if party.get("representative"):  # a company's legal representative is a private person
            st.private_names.add(str(party["representative"]))
        st.dossiers.append(DossierRow(
            id=row["id"], name=row["name"], stem=row["stem"] or row["name"], source=row["source"],
            status=row["status"], reason=row["reason"] or "", agency=agency,
            case_number=_reg(reg, "case_number") or L.case_number(facts),
            party=_reg(reg, "party") or (facts.get("party") or {}).get("name") or "",
            score=row["score"], grade=row["grade"] or ("—" if row["status"] != "done" else ""),
            vetoed=bool(row["vetoed"]), needs_human=bool(row["review_needs_human"]),
            findings=int(row["findings_count"] or 0), register=reg,
            cat_deductions={c.get("name") or c.get("category"): float(c.get("deducted") or 0)
                            for c in (review or {}).get("categories") or []},
            archive={int(p["page"]): int(p["archive_page"]) for p in (review or {}).get("pages") or []
                     if isinstance(p, dict) and p.get("page") and p.get("archive_page")}))
        if not review:
            continue
        seen = set()
        for f in review.get("findings") or []:
            if f.get("needs_human"):
                st.human_count += 1
                continue
            code = f.get("code", "")
            st.code_count[code] += 1
            st.code_agency[code][agency] += 1
            if code not in seen:
                st.code_dossiers[code] += 1
                seen.add(code)
            st.code_info.setdefault(code, {"category": f.get("category", ""), "basis": f.get("basis", ""),
                                           "message": f.get("message", ""), "fix": f.get("fix", ""),
                                           "veto": bool(f.get("veto")), "points": f.get("points")})
            quoted = [e for e in f.get("evidence") or [] if e.get("quote")]
            # the example a bulletin prints: a whole sentence of the file where one was quoted
            # (a quote that stops at a clause reads as cut off), else the first quote
            whole = [e for e in quoted if _whole_sentence(e["quote"])]
            held = st.code_example.get(code)
            if quoted and (held is None or (whole and not _whole_sentence(held[2]))):
                ev = (whole or quoted)[0]
                page = int(ev.get("page") or 0)
                st.code_example[code] = (len(st.dossiers) - 1, page, L.short_quote(ev.get("quote", ""), 120),
                                         ev.get("archive_page") or st.dossiers[-1].archive.get(page))
    return st


# --------------------------------------------------------------------------- XLSX


def _autowidth(ws, widths: dict[int, float]) -> None:
    from openpyxl.utils import get_column_letter

    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(6, min(60, w))


def write_summary_xlsx(store: Store, ids: list[int], stats: Stats, target: Path, *, standard,
                       meta: dict, show_ids: bool = False) -> Path:
    """summary.xlsx, streamed (openpyxl write-only): the 问题 sheet may hold 100 000 rows.

    Every text cell is inert (a value starting with ``=``, ``+``, ``-``, ``@``, tab or CR is
    stored as a string, never a formula: file names and register cells come from outside), and
    ID numbers are masked unless ``show_ids``.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook(write_only=True)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE3EE")
    wrap = Alignment(wrap_text=True, vertical="top")

    def value_cell(ws, v, alignment=None):
        """A plain value, or a cell that holds the text as text (see module lib.privacy)."""
        if isinstance(v, str) and not show_ids:
            v = mask_ids(v)
        if not needs_text_cell(v) and alignment is None:
            return v
        c = WriteOnlyCell(ws, value=v)
        if needs_text_cell(v):
            c.data_type = "s"       # openpyxl made it a formula on assignment
            c.quotePrefix = True    # and Excel keeps it text when the cell is edited
        if alignment is not None:
            c.alignment = alignment
        return c

    def head_row(ws, values):
        cells = []
        for v in values:
            c = WriteOnlyCell(ws, value=v)
            if needs_text_cell(v):  # an agency's name from a register heads a column
                c.data_type, c.quotePrefix = "s", True
            c.font, c.fill = head_font, head_fill
            cells.append(c)
        ws.append(cells)

    date_style = "yyyy-mm-dd"

    def sheet(title, header, rows, widths, wrap_from=None, dates=()):
        """One table per sheet: frozen header, autofilter over the whole table, typed cells."""
        from openpyxl.utils import get_column_letter

        ws = wb.create_sheet(title)
        _autowidth(ws, {i: w for i, w in enumerate(widths, 1)})
        ws.freeze_panes = "A2"
        head_row(ws, header)
        n = 1
        for r in rows:
            cells = []
            for i, v in enumerate(r):
                if i in dates and isinstance(v, _dt.date):
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = date_style
                    cells.append(c)
                else:
                    cells.append(value_cell(ws, v, wrap if wrap_from is not None and i >= wrap_from else None))
            ws.append(cells)
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n}"
        return ws

    cats = stats.categories or sorted({k for d in stats.dossiers for k in d.cat_deductions})
    extra_cols = []
    for d in stats.dossiers:
        for k in d.register:
            if k not in ("agency", "case_number", "party", "path", "fine", "closed", *SAMPLE_NO_KEYS, *ROW_KEYS,
                         *STRATUM_KEYS, *SEED_KEYS, *POPULATION_KEYS) and k not in extra_cols:
                extra_cols.append(k)
    done = {"done"}
    sheet("案卷", ["抽样序号", "案号", "执法机关", "当事人", "分层", "结案日期", "罚款（元）", "得分", "等次",
                 "一票否决", "需人工核实", "问题数", *[f"{c}扣分" for c in cats], "复核意见", "状态", "失败原因",
                 "案卷", "来源文件", *[CANONICAL_LABELS.get(k, k) for k in extra_cols]],
          ([_number(_reg(d.register, *SAMPLE_NO_KEYS)), d.case_number, d.agency, d.party,
            _reg(d.register, *STRATUM_KEYS),
            _date(d.register.get("closed")), _number(d.register.get("fine")),
            d.score if d.status in done else None, d.grade if d.status in done else "",
            ("是" if d.vetoed else "否") if d.status in done else "",
            ("是" if d.needs_human else "否") if d.status in done else "",
            d.findings if d.status in done else None,
            *[d.cat_deductions.get(c) if d.status in done else None for c in cats], "",
            "完成" if d.status in done else "失败", d.reason, d.name, d.source,
            *[d.register.get(k, "") for k in extra_cols]] for d in stats.dossiers),
          [9, 24, 24, 18, 12, 11, 11, 7, 8, 9, 11, 8, *[11] * len(cats), 30, 7, 30, 24, 40,
           *[14] * len(extra_cols)], dates=(5,))

    by_id = {d.id: d for d in stats.dossiers}

    def finding_rows():
        import json

        for f in store.iter_findings(ids):
            d = by_id.get(f["dossier_id"])
            try:
                ev = (json.loads(f["evidence_json"] or "[]") or [{}])[0]
            except ValueError:
                ev = {}
            page = f["first_page"] or None
            archive = ev.get("archive_page") or (d.archive.get(int(page)) if d and page else None)
            yield [d.case_number if d else "", d.agency if d else "", f["seq"] + 1,
                   L.CATEGORY_NAMES.get(f["category"], f["category"]), stats.title(f["code"]),
                   None if f["veto"] or f["needs_human"] else f["points"],
                   "是" if f["veto"] else "否", "是" if f["needs_human"] else "否",
                   archive, page, f["message"], law_basis(stats.basis(f["code"])), f["fix"], f["quote"], "",
                   f["code"], f["name"]]

    sheet("问题", ["案号", "执法机关", "序号", "类别", "问题", "扣分", "一票否决", "待人工核实", "卷内页码", "PDF页码",
                 "问题描述", "依据", "整改建议", "原文摘录", "复核意见", "问题代码", "案卷"],
          finding_rows(), [22, 20, 6, 11, 34, 7, 9, 11, 9, 9, 40, 30, 40, 50, 24, 30, 20], wrap_from=10)

    n_done = len(stats.done) or 1
    agencies = sorted({d.agency for d in stats.done})
    freq = []
    for code, cnt in stats.code_count.most_common():
        info = stats.code_info.get(code, {})
        freq.append([stats.title(code), L.CATEGORY_NAMES.get(info.get("category"), info.get("category")),
                     cnt, stats.code_dossiers[code], round(100.0 * stats.code_dossiers[code] / n_done, 1),
                     law_basis(stats.basis(code)), code])
    sheet("问题频次", ["问题", "类别", "出现次数", "涉及案卷数", "涉及案卷比例（%）", "依据", "问题代码"],
          freq, [40, 12, 10, 11, 16, 40, 34])
    sheet("问题按机关", ["问题", *agencies, "合计", "问题代码"],
          ([stats.title(code), *[stats.code_agency[code].get(a, 0) for a in agencies], cnt, code]
           for code, cnt in stats.code_count.most_common()), [40, *[14] * len(agencies), 8, 34])

    rules = standard_rules(standard) if standard is not None else []
    sheet("标准", ["序号", "类别", "评查内容", "分值", "一票否决", "依据", "问题代码"],
          ([i, L.CATEGORY_NAMES.get(r["category"], r["category"]), r["title"], r["points"],
            "是" if r["veto"] else "否", r["basis"], r["code"]] for i, r in enumerate(rules, 1)),
          [6, 12, 44, 7, 9, 40, 34])

    meta_names = {"run_id": "批次编号", "inputs": "输入", "mode": "并行方式", "workers": "进程数",
                  "elapsed_s": "用时（秒）"}
    notes = [
        ["生成时间", _dt.datetime.now().replace(microsecond=0)],
        ["工具版本", f"dossier-review {__version__}"],
        ["评查标准", stats.standard_title or (standard_name(standard) if standard is not None else "")],
        ["随机种子", "、".join(sorted(stats.seeds)) or "（未抽样或未记录）"],
        ["案卷数", len(stats.dossiers)],
        ["完成", len(stats.done)],
        ["失败", len(stats.dossiers) - len(stats.done)],
        ["待人工核实的问题", stats.human_count],
        ["说明", "“待人工核实”的问题未计扣分，也未计入问题频次；请评查人员对照原件认定。"
                 "“复核意见”列留给复核人员填写。"],
    ] + [[meta_names.get(k, k), v] for k, v in meta.items()]
    sheet("说明", ["项目", "内容"], notes, [18, 80])
    return write_with(target, lambda tmp: wb.save(str(tmp)))


# --------------------------------------------------------------------------- charts


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    # WQY Zen Hei registers as weight 500 only; matplotlib warns on every "normal" lookup.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    family = None
    if Path(CJK_FONT_FILE).exists():
        font_manager.fontManager.addfont(CJK_FONT_FILE)
        family = font_manager.FontProperties(fname=CJK_FONT_FILE).get_name()
    else:  # another CJK font the system has, so labels are not boxes
        for f in font_manager.fontManager.ttflist:
            if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Song", "Kai", "Ming")):
                family = f.name
                break
    if family:
        plt.rcParams["font.family"] = [family]
    plt.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212
    return plt


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pareto_figure(stats: Stats, plt):
    """The Pareto chart of the most frequent defects, named as the standard names them."""
    from matplotlib.ticker import MaxNLocator

    top = stats.code_count.most_common(12)
    fig, ax = plt.subplots(figsize=(8, 4.6))
    if top:
        # the standard's names of the defects, not codes: a reader of the chart has no code table
        names = [_short(stats.title(c), 14) for c, _ in top]
        counts = [n for _, n in top]
        total = sum(stats.code_count.values())
        ax.bar(range(len(names)), counts, color="#2f4a7a")
        ax.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 tick
        ax.set_ylabel("出现次数")
        ax2 = ax.twinx()
        cum, acc = [], 0
        for n in counts:
            acc += n
            cum.append(100.0 * acc / total)
        ax2.plot(range(len(names)), cum, color="#b3261e", marker="o", markersize=3)
        ax2.set_ylim(0, 105)
        ax2.set_ylabel("累计占比（%）")
    else:
        ax.text(0.5, 0.5, "未发现问题", ha="center", va="center", transform=ax.transAxes)
    ax.set_title("常见问题帕累托图（前12项）")
    return fig


def make_charts(stats: Stats) -> dict[str, str]:
    """Base64 PNGs: score histogram, grades, Pareto of codes, average score per agency."""
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    charts = {}
    scores = [d.score or 0.0 for d in stats.done]

    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.hist(scores, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.0001], color="#2f4a7a", edgecolor="white")
    ax.set_xlabel("得分")
    ax.set_ylabel("案卷数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("得分分布")
    ax.set_xlim(0, 100)
    charts["scores"] = _png(fig)

    grades = stats.grade_counts()
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    colors = {"优秀": "#1b7f3b", "良好": "#4f8fd8", "合格": "#d89b2b", "不合格": "#b3261e"}
    bars = ax.bar(list(grades), list(grades.values()), color=[colors.get(g, "#888") for g in grades])
    ax.bar_label(bars)
    ax.set_ylabel("案卷数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("等次分布")
    charts["grades"] = _png(fig)

    charts["pareto"] = _png(pareto_figure(stats, plt))

    per = {a: sum(v) / len(v) for a, v in stats.agency_scores().items()}
    fig, ax = plt.subplots(figsize=(6.4, max(2.4, 0.4 * len(per) + 1)))
    if per:
        names = sorted(per, key=per.get)
        bars = ax.barh(names, [per[a] for a in names], color="#4f8fd8")
        ax.bar_label(bars, fmt="%.1f")
        ax.set_xlim(0, 105)
    ax.set_xlabel("平均得分")
    ax.set_title("各执法机关平均得分")
    charts["agencies"] = _png(fig)
    return charts


# --------------------------------------------------------------------------- HTML


def _published(text: Any, stats: Stats, *, ids: bool = True, names: bool = True) -> Any:
    """Text as it may be published: ID numbers masked, private persons reduced to 张某."""
    if ids:
        text = mask_ids(text)
    if names:
        text = mask_names(text, stats.private_names)
    return text


def _published_row(d: DossierRow, stats: Stats, *, names: bool) -> DossierRow:
    import dataclasses

    return dataclasses.replace(
        d, name=_published(d.name, stats, names=names), reason=_published(d.reason, stats, names=names),
        case_number=_published(d.case_number, stats, names=names),
        party=_published(d.party, stats, names=names), source=_published(d.source, stats, names=names))


def _example_text(stats: Stats, ex: tuple) -> str:
    """案号（单位）卷内第x页（PDF第y页）「quote」 — the example's file named as an office names it."""
    from ..report.context import page_ref

    d = stats.dossiers[ex[0]]
    who = d.case_number or d.name
    return f"{who}（{d.agency}）{page_ref(ex[1], ex[3])}：「{ex[2]}」"


def write_summary_html(stats: Stats, target: Path, *, standard, meta: dict, show_ids: bool = False) -> Path:
    from ..report.html import environment

    def pub(text):
        return text if show_ids else _published(text, stats, names=False)

    charts = make_charts(stats)
    avg = stats.average()
    top = []
    for code, cnt in stats.code_count.most_common(20):
        info = stats.code_info.get(code, {})
        ex = stats.code_example.get(code)
        top.append({"code": code, "count": cnt, "dossiers": stats.code_dossiers[code],
                    "category": L.CATEGORY_NAMES.get(info.get("category"), info.get("category")),
                    "basis": stats.basis(code), "message": pub(stats.title(code)),
                    "example": pub(_example_text(stats, ex)) if ex else ""})
    agencies = [{"name": a, "count": len(v), "avg": sum(v) / len(v)} for a, v in stats.agency_scores().items()]
    html = environment().get_template("summary.html").render(
        title="案卷评查汇总", generated=_dt.datetime.now().isoformat(timespec="seconds"),
        standard=stats.standard_title or standard_name(standard), version=__version__,
        dossiers=stats.dossiers if show_ids else [_published_row(d, stats, names=False) for d in stats.dossiers],
        done=len(stats.done), failed=len(stats.dossiers) - len(stats.done),
        avg=avg, grades=stats.grade_counts(), charts=charts, top=top, agencies=agencies,
        human_count=stats.human_count, seeds="、".join(sorted(stats.seeds)), meta=meta,
        link=lambda d: safe_stem(d.stem) + ".html")
    return write_text(target, html)


# --------------------------------------------------------------------------- bulletin


def _period(stats: Stats) -> str:
    """The closing dates the sample covers, from the register's 结案日期 column."""
    days = [x for x in (_date(d.register.get("closed")) for d in stats.dossiers) if isinstance(x, _dt.date)]
    if not days:
        return ""
    a, b = min(days), max(days)
    return f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日"


def write_bulletin(stats: Stats, target: Path, *, standard, office: Any = None, top_n: int = 12) -> Path:
    """评查情况通报: sender, number, addressees, scope and method, results with the named 优秀 and
    不合格 files, problems by category with the law and an example, one table of all units,
    整改要求 with its deadline, signature and date (office details from ``report.office``).

    A bulletin is published: ID numbers are always masked and private persons named 张某; it
    names defects by the standard's wording, never by code.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    from ..report.docx_sheet import (
        BODY_FONT,
        TITLE_FONT,
        add_page_numbers,
        add_table,
        clean,
        heading,
        keep_with_next,
        new_document,
        set_run_font,
    )
    from ..report.office import BLANK, Office, chinese_date

    office = office or Office()

    def pub(text):
        return clean(_published(text, stats))

    def para(text, align=None, size=None, bold=None, font=None):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if font or size or bold:
            set_run_font(p.add_run(pub(text)), font or BODY_FONT, size=size, bold=bold)
        else:
            p.add_run(pub(text))
        return p

    doc = new_document(office.template or None)
    add_page_numbers(doc)
    C = WD_ALIGN_PARAGRAPH.CENTER
    if office.sender_name:
        p = para(f"{office.sender_name}", align=C, size=26, bold=True, font="宋体")
        p.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    para(office.number or f"〔{office.day.year}〕{BLANK}号", align=C, size=14)
    para("关于行政处罚案卷评查情况的通报", align=C, size=20, bold=True, font=TITLE_FONT)
    para(f"{office.addressees or BLANK}：")

    done = stats.done
    n_all = len(stats.dossiers)
    avg = stats.average()
    grades = stats.grade_counts()
    agencies = stats.agency_scores()
    title = stats.standard_title or (standard_name(standard) if standard is not None else "")

    keep_with_next(heading(doc, "一、评查范围和方法", level=2))
    scope = "本次评查"
    if stats.populations:
        scope += f"从登记的{'、'.join(sorted(stats.populations))}件行政处罚案卷中，"
        scope += "分层随机抽取" if any(_reg(d.register, *STRATUM_KEYS) for d in stats.dossiers) else "随机抽取"
        scope += f"{n_all}件"
    else:
        scope += f"行政处罚案卷{n_all}件"
    if stats.seeds:
        scope += f"（随机种子{'、'.join(sorted(stats.seeds))}，可复现）"
    period = office.period or _period(stats)
    if period:
        scope += f"，结案时间为{period}"
    scope += f"，涉及执法机关{len(agencies)}个。评查依据《{title}》，逐卷填写评查表，初审后经复核确定。"
    para(scope)

    keep_with_next(heading(doc, "二、评查结果", level=2))
    n = len(done) or 1
    text = f"完成评查{len(done)}件"
    if n_all > len(done):
        text += f"，{n_all - len(done)}件因文件无法读取未能评查"
    if avg is not None:
        text += f"，平均得分{avg:.1f}分"
    text += "。其中" + "，".join(f"{g}{c}件（占{100.0 * c / n:.1f}%）" for g, c in grades.items()) + "。"
    para(text)

    def named(rows):
        return "；".join(f"{d.case_number or d.name}（{d.agency}）" for d in rows)

    best = [d for d in done if d.grade == "优秀"]
    if best:
        para("评为优秀的案卷：" + named(best) + "。")
    failed = [d for d in done if d.grade == "不合格"]
    if failed:
        para("评为不合格的案卷：" + "；".join(
            f"{d.case_number or d.name}（{d.agency}，{'存在一票否决事项' if d.vetoed else f'{d.score or 0:g}分'}）"
            for d in failed) + "。")

    keep_with_next(heading(doc, "三、存在的主要问题", level=2))
    if not stats.code_count:
        para("本次评查未发现扣分问题。")
    by_cat: dict[str, list] = defaultdict(list)
    for code, cnt in stats.code_count.most_common(top_n):
        info = stats.code_info.get(code, {})
        by_cat[L.CATEGORY_NAMES.get(info.get("category"), info.get("category") or "其他")].append((code, cnt))
    numerals = "一二三四五六七八九十"
    for ci, (cat, items) in enumerate(by_cat.items()):
        keep_with_next(para(f"（{numerals[ci % 10]}）{cat}方面", bold=True, font=TITLE_FONT))
        for i, (code, cnt) in enumerate(items, 1):
            text = (f"{i}. {stats.title(code)}。共{cnt}处，涉及{stats.code_dossiers[code]}件案卷"
                    f"（占{100.0 * stats.code_dossiers[code] / n:.1f}%）。")
            basis = law_basis(stats.basis(code))
            if basis:
                text += f"依据：{basis}。"
            ex = stats.code_example.get(code)
            if ex:
                text += "如" + _example_text(stats, ex)
            para(text)

    keep_with_next(heading(doc, "四、各单位评查情况", level=2))
    unit_rows = []
    by_agency: dict[str, list[DossierRow]] = defaultdict(list)
    for d in stats.dossiers:
        by_agency[d.agency].append(d)
    for agency in sorted(by_agency):
        rows = [d for d in by_agency[agency] if d.status == "done"]
        scores = [d.score or 0.0 for d in rows]
        unit_rows.append([agency, len(by_agency[agency]), f"{sum(scores) / len(scores):.1f}" if scores else "—",
                          *[sum(1 for d in rows if d.grade == g) for g in GRADE_ORDER]])
    add_table(doc, ["单位", "评查案卷", "平均得分", *GRADE_ORDER], [[pub(x) for x in r] for r in unit_rows],
              widths_mm=[52, 18, 18, 18, 18, 18, 18], font_size=10)
    para("注：存在一票否决事项的案卷计0分，计入平均得分。", size=9)

    keep_with_next(heading(doc, "五、整改要求", level=2))
    para("（一）各单位要对照本通报和逐卷评查表，对存在问题的案卷逐件核查，能补正的依法补正，"
         "不能补正的说明情况；评为不合格的案卷要分析原因、落实责任。")
    fixes = []
    for code, _ in stats.code_count.most_common(5):
        fix = (stats.rules.get(code) or {}).get("fix")
        if fix and fix not in fixes:
            fixes.append(fix)
    if fixes:
        para("（二）针对共性问题：" + "".join(f"{i}. {f}" for i, f in enumerate(fixes, 1)))
    para(f"（三）请各单位于{office.deadline or '　　年　　月　　日'}前将整改情况书面报送"
         f"{office.sender_name or BLANK}。标注“待人工核实”的事项，经评查人员对照原件认定后另行通报。")

    doc.add_paragraph()
    para(office.signature_name or BLANK, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(chinese_date(office.day), align=WD_ALIGN_PARAGRAPH.RIGHT)
    p = doc.add_paragraph()
    set_run_font(p.add_run(f"（dossier-review {__version__} 生成初稿，发文前请人工核对。）"), size=8)
    return write_with(target, lambda tmp: doc.save(str(tmp)))


def write_batch_outputs(store: Store, ids: list[int], out_dir: Path, *, standard,
                        meta: Optional[dict] = None, show_ids: bool = False, office: Any = None) -> list[Path]:
    """summary.xlsx, summary.html and bulletin.docx; ``show_ids`` unmasks ID numbers in the
    two summaries (internal use); the bulletin is always masked."""
    out = Path(out_dir)
    meta = dict(meta or {})
    if standard is None:
        from .standard import load_standard

        standard = load_standard("default")
    stats = collect_stats(store, ids, standard)
    return [
        write_summary_xlsx(store, ids, stats, out / "summary.xlsx", standard=standard, meta=meta,
                           show_ids=show_ids),
        write_summary_html(stats, out / "summary.html", standard=standard, meta=meta, show_ids=show_ids),
        write_bulletin(stats, out / "bulletin.docx", standard=standard, office=office),
    ]
