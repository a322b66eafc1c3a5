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
from ..store import Store, register_of
from .register import CANONICAL_LABELS
from .standard import standard_name, standard_rules

CJK_FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
GRADE_ORDER = ("优秀", "良好", "合格", "不合格")
UNKNOWN_AGENCY = "（未注明机关）"
SEED_KEYS = ("seed", "随机种子")


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


def collect_stats(store: Store, ids: Iterable[int], standard: Any = None) -> Stats:
    ids = list(dict.fromkeys(int(i) for i in ids))  # a dossier listed twice counts once
    st = Stats()
    if standard is not None:
        st.rules = {r["code"]: r for r in standard_rules(standard) if r.get("code")}
    for row, review in store.iter_dossiers(ids, with_review=True):
        reg = register_of(row)
        facts = (review or {}).get("facts") or {}
        for k in SEED_KEYS:
            if reg.get(k) not in (None, ""):
                st.seeds.add(str(reg[k]))
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
            findings=int(row["findings_count"] or 0), register=reg))
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
            if code not in st.code_example and f.get("evidence"):
                ev = f["evidence"][0]
                st.code_example[code] = (row["name"], ev.get("page"), L.short_quote(ev.get("quote", ""), 120))
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

    def sheet(title, header, rows, widths, wrap_from=None):
        # write-only sheets take widths and panes before the first row
        ws = wb.create_sheet(title)
        _autowidth(ws, {i: w for i, w in enumerate(widths, 1)})
        ws.freeze_panes = "A2"
        head_row(ws, header)
        for r in rows:
            ws.append([value_cell(ws, v, wrap if wrap_from is not None and i >= wrap_from else None)
                       for i, v in enumerate(r)])
        return ws

    extra_cols = []
    for d in stats.dossiers:
        for k in d.register:
            if k not in ("agency", "case_number", "party", "path", "sample_no", "register_row",
                         "stratum", *SEED_KEYS) and k not in extra_cols:
                extra_cols.append(k)
    sheet("案卷", ["案卷", "执法机关", "案号", "当事人", "得分", "等次", "一票否决", "需人工核实", "问题数",
                 "状态", "失败原因", "来源文件", *[CANONICAL_LABELS.get(k, k) for k in extra_cols]],
          ([d.name, d.agency, d.case_number, d.party, d.score, d.grade,
            ("是" if d.vetoed else "否") if d.status == "done" else "",
            ("是" if d.needs_human else "否") if d.status == "done" else "",
            d.findings if d.status == "done" else None,
            "完成" if d.status == "done" else "失败", d.reason, d.source,
            *[d.register.get(k, "") for k in extra_cols]] for d in stats.dossiers),
          [24, 24, 24, 24, 7, 8, 9, 11, 8, 7, 40, 40, *[14] * len(extra_cols)])

    agency_of = {d.id: d.agency for d in stats.dossiers}

    def finding_rows():
        for f in store.iter_findings(ids):
            yield [f["name"], agency_of.get(f["dossier_id"], ""), f["seq"] + 1, f["code"],
                   L.CATEGORY_NAMES.get(f["category"], f["category"]),
                   "一票否决" if f["veto"] else f["points"], "是" if f["needs_human"] else "否",
                   f["first_page"], f["message"], f["basis"], f["fix"], f["quote"]]

    sheet("问题", ["案卷", "执法机关", "序号", "问题代码", "类别", "扣分", "待人工核实", "页码", "问题", "依据",
                 "整改建议", "原文摘录"], finding_rows(), [20, 20, 6, 34, 12, 9, 11, 7, 40, 30, 40, 50],
          wrap_from=8)

    n_done = len(stats.done) or 1
    agencies = sorted({d.agency for d in stats.done})
    freq = []
    for code, cnt in stats.code_count.most_common():
        info = stats.code_info.get(code, {})
        freq.append([code, stats.title(code), L.CATEGORY_NAMES.get(info.get("category"), info.get("category")),
                     cnt, stats.code_dossiers[code], round(100.0 * stats.code_dossiers[code] / n_done, 1),
                     stats.basis(code), info.get("message", "")])
    ws = sheet("问题频次", ["问题代码", "问题", "类别", "出现次数", "涉及案卷数", "涉及案卷比例(%)", "依据", "示例"],
               freq, [34, 40, 12, 10, 11, 16, 30, 50])
    ws.append([])
    head_row(ws, ["按执法机关（出现次数）"])
    head_row(ws, ["问题代码", *agencies, "合计"])
    for code, cnt in stats.code_count.most_common():
        ws.append([value_cell(ws, code), *[stats.code_agency[code].get(a, 0) for a in agencies], cnt])

    rules = standard_rules(standard)
    sheet("标准", ["标准", "问题代码", "类别", "分值", "一票否决", "依据", "说明"],
          ([standard_name(standard), r["code"], L.CATEGORY_NAMES.get(r["category"], r["category"]),
            r["points"], "是" if r["veto"] else "否", r["basis"], r["title"]] for r in rules)
          if rules else [[standard_name(standard), "（该标准未提供条目清单）", "", "", "", "", ""]],
          [12, 40, 12, 7, 9, 36, 50])

    notes = [
        ["生成日期", _dt.datetime.now().isoformat(timespec="seconds")],
        ["工具版本", f"dossier-review {__version__}"],
        ["评查标准", standard_name(standard)],
        ["随机种子", "、".join(sorted(stats.seeds)) or "（未抽样或未记录）"],
        ["案卷数", len(stats.dossiers)],
        ["完成", len(stats.done)],
        ["失败", len(stats.dossiers) - len(stats.done)],
        ["待人工核实的问题", stats.human_count],
        ["说明", "“待人工核实”的问题未计扣分，也未计入问题频次；请评查人员对照原件认定。"],
    ] + [[k, str(v)] for k, v in meta.items()]
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


def make_charts(stats: Stats) -> dict[str, str]:
    """Base64 PNGs: score histogram, grades, Pareto of codes, average score per agency."""
    plt = _pyplot()
    charts = {}
    scores = [d.score or 0.0 for d in stats.done]

    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.hist(scores, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.0001], color="#2f4a7a", edgecolor="white")
    ax.set_xlabel("得分")
    ax.set_ylabel("案卷数")
    ax.set_title("得分分布")
    ax.set_xlim(0, 100)
    charts["scores"] = _png(fig)

    grades = stats.grade_counts()
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    colors = {"优秀": "#1b7f3b", "良好": "#4f8fd8", "合格": "#d89b2b", "不合格": "#b3261e"}
    bars = ax.bar(list(grades), list(grades.values()), color=[colors.get(g, "#888") for g in grades])
    ax.bar_label(bars)
    ax.set_ylabel("案卷数")
    ax.set_title("等次分布")
    charts["grades"] = _png(fig)

    top = stats.code_count.most_common(15)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    if top:
        codes = [c for c, _ in top]
        counts = [n for _, n in top]
        total = sum(stats.code_count.values())
        ax.bar(range(len(codes)), counts, color="#2f4a7a")
        ax.set_xticks(range(len(codes)), codes, rotation=60, ha="right", fontsize=8)
        ax.set_ylabel("出现次数")
        ax2 = ax.twinx()
        cum, acc = [], 0
        for n in counts:
            acc += n
            cum.append(100.0 * acc / total)
        ax2.plot(range(len(codes)), cum, color="#b3261e", marker="o", markersize=3)
        ax2.set_ylim(0, 105)
        ax2.set_ylabel("累计占比 (%)")
    else:
        ax.text(0.5, 0.5, "未发现问题", ha="center", va="center", transform=ax.transAxes)
    ax.set_title("常见问题帕累托图")
    charts["pareto"] = _png(fig)

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
                    "example": pub(f"{ex[0]} P.{ex[1]} 「{ex[2]}」") if ex else ""})
    agencies = [{"name": a, "count": len(v), "avg": sum(v) / len(v)} for a, v in stats.agency_scores().items()]
    html = environment().get_template("summary.html").render(
        title="案卷评查汇总", generated=_dt.datetime.now().isoformat(timespec="seconds"),
        standard=standard_name(standard), version=__version__,
        dossiers=stats.dossiers if show_ids else [_published_row(d, stats, names=False) for d in stats.dossiers],
        done=len(stats.done), failed=len(stats.dossiers) - len(stats.done),
        avg=avg, grades=stats.grade_counts(), charts=charts, top=top, agencies=agencies,
        human_count=stats.human_count, seeds="、".join(sorted(stats.seeds)), meta=meta,
        link=lambda d: safe_stem(d.stem) + ".html")
    return write_text(target, html)


# --------------------------------------------------------------------------- bulletin


def write_bulletin(stats: Stats, target: Path, *, standard, top_n: int = 10) -> Path:
    """评查情况通报 draft: overview, grades, common defects with basis and example, per agency.

    A bulletin is published: ID numbers are always masked and private persons named 张某.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..report.docx_sheet import (
        TITLE_FONT,
        add_table,
        clean,
        heading,
        new_document,
        set_run_font,
    )

    def pub(text):
        return clean(_published(text, stats))

    doc = new_document()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(p.add_run("关于行政处罚案卷评查情况的通报"), TITLE_FONT, size=18, bold=True)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(p.add_run("（征求意见稿）"), size=11)

    done = stats.done
    agencies = stats.agency_scores()
    avg = stats.average()
    grades = stats.grade_counts()
    heading(doc, "一、总体情况", level=2)
    overview = (f"本次共评查行政处罚案卷 {len(stats.dossiers)} 卷，涉及执法机关 {len(agencies)} 个，"
                f"完成评查 {len(done)} 卷")
    if len(stats.dossiers) > len(done):
        overview += f"，{len(stats.dossiers) - len(done)} 卷因文件无法读取未能评查"
    overview += "。"
    if avg is not None:
        overview += f"平均得分 {avg:.1f} 分；" + "，".join(f"{g} {n} 卷" for g, n in grades.items()) + "。"
    vetoed = sum(1 for d in done if d.vetoed)
    if vetoed:
        overview += f"其中 {vetoed} 卷存在一票否决事项。"
    overview += f"评查依据：{standard_name(standard)} 评查标准。"
    doc.add_paragraph(pub(overview))

    heading(doc, "二、等次分布", level=2)
    n = len(done) or 1
    add_table(doc, ["等次", "案卷数", "占比"],
              [[g, c, f"{100.0 * c / n:.1f}%"] for g, c in grades.items()], widths_mm=[50, 40, 40],
              font_size=10.5)

    heading(doc, "三、存在的主要问题", level=2)
    if not stats.code_count:
        doc.add_paragraph("本次评查未发现问题。")
    for i, (code, cnt) in enumerate(stats.code_count.most_common(top_n), 1):
        # the standard's fix speaks to every instance; a finding's fix may name one document
        fix = (stats.rules.get(code) or {}).get("fix") or stats.code_info.get(code, {}).get("fix")
        para = doc.add_paragraph()
        set_run_font(para.add_run(pub(f"（{i}）{stats.title(code)}")), TITLE_FONT, bold=True)
        text = (f"共 {cnt} 处，涉及 {stats.code_dossiers[code]} 卷"
                f"（占 {100.0 * stats.code_dossiers[code] / n:.1f}%）。问题代码 {code}。")
        if stats.basis(code):
            text += f"依据：{stats.basis(code)}。"
        doc.add_paragraph(pub(text))
        ex = stats.code_example.get(code)
        if ex:
            doc.add_paragraph(pub(f"例：案卷“{ex[0]}”第 {ex[1]} 页：「{ex[2]}」"))
        if fix:
            doc.add_paragraph(pub(f"整改要求：{fix}"))

    heading(doc, "四、各单位情况", level=2)
    by_agency: dict[str, list[DossierRow]] = defaultdict(list)
    for d in stats.dossiers:
        by_agency[d.agency].append(_published_row(d, stats, names=True))
    for agency in sorted(by_agency):
        rows = by_agency[agency]
        scores = [d.score or 0.0 for d in rows if d.status == "done"]
        para = doc.add_paragraph()
        label = f"{agency}（{len(rows)} 卷"
        label += f"，平均 {sum(scores) / len(scores):.1f} 分）" if scores else "）"
        set_run_font(para.add_run(pub(label)), TITLE_FONT, bold=True)
        add_table(doc, ["案卷", "案号", "得分", "等次", "问题数"],
                  [[d.name, d.case_number or "—",
                    f"{d.score:.1f}" if d.status == "done" and d.score is not None else "—",
                    d.grade if d.status == "done" else "未评查", d.findings if d.status == "done" else "—"]
                   for d in rows], widths_mm=[50, 45, 20, 20, 20])

    heading(doc, "五、工作要求", level=2)
    doc.add_paragraph("各单位对照本通报所列问题逐卷自查，于规定期限内完成整改并报送整改情况。"
                      "标注“待人工核实”的事项，由评查人员对照原件认定后再行通报。")
    p = doc.add_paragraph()
    set_run_font(p.add_run(f"（dossier-review {__version__} 生成初稿，"
                           f"{_dt.date.today().isoformat()}；发文前请人工核对。）"), size=8)
    return write_with(target, lambda tmp: doc.save(str(tmp)))


def write_batch_outputs(store: Store, ids: list[int], out_dir: Path, *, standard,
                        meta: Optional[dict] = None, show_ids: bool = False) -> list[Path]:
    """summary.xlsx, summary.html and bulletin.docx; ``show_ids`` unmasks ID numbers in the
    two summaries (internal use); the bulletin is always masked."""
    out = Path(out_dir)
    meta = dict(meta or {})
    stats = collect_stats(store, ids, standard)
    return [
        write_summary_xlsx(store, ids, stats, out / "summary.xlsx", standard=standard, meta=meta,
                           show_ids=show_ids),
        write_summary_html(stats, out / "summary.html", standard=standard, meta=meta, show_ids=show_ids),
        write_bulletin(stats, out / "bulletin.docx", standard=standard),
    ]
