"""Citations judged against the statute database (``dossier_review.law``): whether the cited
article, 款 and 项 exist in the version in force on the document's date, whether the penalty
lies within what the cited provision provides, whether a range was explained (裁量), whether the
agency may enforce that law at all (权限), and whether a major penalty was filed (备案).

The database is a leaf the check stage reads like a table.  Where it lacks the law or the
version in force on the date, the finding asks a human and names what is missing; none guesses.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..law import LawStore, Provision, Resolution, default_store
from ..law.penalty import read_penalty
from ..model import Citation, DocFacts, Facts
from .common import amounts, doc_ev, doc_name, ev, fmt_yuan, hit, law_key, low_conf
from .legal_basis import (
    _abbreviates,
    _cite_ev,
    _cite_text,
    _name_letters,
    _named_citations,
    _procedural,
    _stops_at_article,
)
from .legal_basis import (
    citation_imprecise as _listed_imprecise,
)
from .legal_basis import (
    citation_outdated as _listed_outdated,
)
from .legal_basis import (
    law_name_nonstandard as _listed_name,
)
from .registry import register_check
from .timeline import decided, doc_date

_STORE: Optional[LawStore] = None


def store() -> LawStore:
    """The database the checks read (tests may set another with ``use_store``)."""
    return _STORE or default_store()


def use_store(s: Optional[LawStore]) -> None:
    global _STORE
    _STORE = s


def _day(doc: DocFacts, facts: Facts) -> Optional[dt.date]:
    dated = doc_date(doc) or decided(facts)
    return dated.date if dated else None


def _missing(res: Resolution, day: Optional[dt.date]) -> str:
    if not res.found:
        return f"法规库未收录《{res.cited}》"
    when = day.isoformat() if day else "文书日期"
    known = "、".join(str(v.version_date) for v in res.versions) or "无"
    return f"法规库未收录《{res.law}》在{when}施行的版本（已收录版本：{known}）"


def _full_name(c: Citation, facts: Facts) -> Optional[str]:
    """A fuller name of the same law cited elsewhere in the file ("上网服务场所条例" for
    "互联网上网服务营业场所管理条例"), by the default standard's rule of abbreviation."""
    short = _name_letters(c.law)
    for d in facts.documents:
        for other in d.citations:
            full = _name_letters(other.law)
            if full != short and _abbreviates(short, full, "中华人民共和国"):
                return other.law
    return None


def _resolved(c: Citation, doc: DocFacts, facts: Facts, params: dict):
    """(resolution, provisions found in the candidate versions, day) for a citation; a short
    name the database lacks is read as the fuller name the file cites elsewhere."""
    day = _day(doc, facts)
    res = store().resolve(c.law, day, params["amendment_grace_days"])
    if not res.found and (full := _full_name(c, facts)):
        fuller = store().resolve(full, day, params["amendment_grace_days"])
        if fuller.found:
            res = fuller
    provs = [store().provision(v, c.article) for v in res.candidates] if c.article else []
    return res, provs, day


def _article_text(p: Provision, limit: int = 240) -> str:
    text = p.text.replace("\n", "")
    return text if len(text) <= limit else text[:limit] + "…"


# --------------------------------------------------------------------------- citation_not_found


@register_check("statutes.citation_not_found",
                params={"doc_types": "list[str]", "roles": "list[str]", "amendment_grace_days": "int",
                        "ask_on_missing_law": "bool"})
def citation_not_found(facts: Facts, params: dict):
    """【检查内容】引用的条、款、项在文书日期施行的法律（法规、规章）版本中是否存在（与内置法规库核对）。
    【依据】《中华人民共和国行政处罚法》第三十八条（没有依据的处罚无效）；北京市行政处罚案卷标准和评查评分细则
    （2016版）30.15。
    【示例】决定书“依据《中华人民共和国大气污染防治法》第一百三十九条”，而该法只有一百二十九条；或引用第九十九条
    第（五）项，而该条只有三项。
    【整改】核对法律文本，引用实际存在的条款项；引用错误的决定应予更正。
    【何时转人工】法规库未收录该法律、法规或其在文书日期施行的版本（写明缺哪一部、哪一版）；新旧版本交替期间
    两版结果不一致；文书系扫描识别且置信度低。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        for c in doc.citations:
            if c.role not in params["roles"] or not c.article or not c.law:
                continue
            res, provs, day = _resolved(c, doc, facts, params)
            if not res.found or res.older_missing or res.not_yet or not res.candidates:
                if res.found or params["ask_on_missing_law"]:
                    out.append(hit(f"《{doc_name(doc)}》引用{_cite_text(c)}：{_missing(res, day)}，无法核对条文是否存在",
                                   [_cite_ev(c, doc)], needs_human=True))
                continue
            exists = [p is not None and p.has(c.paragraph, c.item) for p in provs]
            if all(exists):
                continue
            if not any(exists) and _older_has(res, c):
                continue  # a superseded numbering: citation_outdated says so
            what = _cite_text(c)
            if not any(p is not None for p in provs):
                n = max((a for a, _ in store().articles(v)), default=0) if (v := res.candidates[-1]) else 0
                detail = f"{v.label()}无第{c.article}条（共{n}条）"
            else:
                p = next(p for p in provs if p is not None)
                shape = "、".join(f"第{i}款{f'（{len(items)}项）' if items else ''}"
                                  for i, (_, items) in enumerate(p.paragraphs, 1))
                detail = f"{p.version.label()}第{c.article}条只有{shape}"
            firm = not any(exists) and not low_conf(doc, params)
            note = "" if not any(exists) else "（新旧版本交替期间，另一版本中存在该条款）"
            out.append(hit(f"《{doc_name(doc)}》引用的{what}不存在：{detail}{note}", [_cite_ev(c, doc)],
                           needs_human=not firm))
    return out


def _older_has(res: Resolution, c: Citation):
    """The newest version older than those in force that has the cited provision, if any."""
    first = res.candidates[0].version_date if res.candidates else None
    older = [v for v in res.versions if first and v.version_date and v.version_date < first]
    for v in reversed(older):
        p = store().provision(v, c.article)
        if p is not None and p.has(c.paragraph, c.item):
            return v
    return None


# --------------------------------------------------------------------------- penalty range


def _penalty_provisions(doc: DocFacts, facts: Facts, params: dict):
    """(citation, provision part text, PenaltyText) of the decision's penalty basis in the database,
    and the names of what could not be read (missing laws / versions)."""
    found, missing = [], []
    for c in doc.citations:
        if c.role != "penalty_basis" or not c.article or _procedural(c, params):
            continue
        res, provs, day = _resolved(c, doc, facts, params)
        if not res.found or res.older_missing or res.not_yet or not res.candidates:
            missing.append(f"{_cite_text(c)}（{_missing(res, day)}）")
            continue
        if len(provs) != 1 or provs[0] is None or not provs[0].has(c.paragraph, c.item):
            missing.append(f"{_cite_text(c)}（条文在法规库中无法唯一确定）")
            continue
        p = provs[0]
        # the cited 项 with its 款's lead-in (which often states the penalty), the cited 款 with
        # its items, or the whole article
        found.append((c, p, read_penalty(p.part(c.paragraph, c.item))))
    return found, missing


def _mitigated(facts: Facts, doc: DocFacts, params: dict) -> list:
    out = list(doc.evidence.get("mitigation", []))
    for d in facts.docs(*params["reason_doc_types"]):
        out += d.evidence.get("mitigation", [])
    return out


@register_check("statutes.penalty_out_of_range",
                params={"doc_types": "list[str]", "reason_doc_types": "list[str]", "amendment_grace_days": "int",
                        "kinds_always_allowed": "list[str]", "procedural_laws": "list[str]", "formal_prefix": "str"},
                optional=("procedural_laws",))
def penalty_out_of_range(facts: Facts, params: dict):
    """【检查内容】决定的处罚种类和罚款数额是否在所引罚则条款规定的种类、幅度之内（与内置法规库中该条文本核对）：
    罚款高于上限；低于下限而未载明从轻、减轻处罚的法定情形（行政处罚法第三十二条）；给予了该条未规定的处罚种类。
    【依据】《中华人民共和国行政处罚法》第四条、第三十二条；评查评分细则“超出法定种类或幅度”。
    【示例】依据《中华人民共和国大气污染防治法》第九十九条（处十万元以上一百万元以下罚款）罚款5万元，决定书
    未写任何从轻、减轻情节。
    【整改】在法定种类和幅度内重新作出处罚；确有减轻情形的，在决定书中写明事实和依据（第三十二条）。
    【何时转人工】罚则以违法所得、货值金额的倍数计算（金额无法从文本核实）；所引法律或版本不在法规库；
    条文有多档幅度而无法确定适用哪一档；文书识别置信度低。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        fines = amounts(doc, "fine")
        fine = max(fines) if fines else None
        provs, missing = _penalty_provisions(doc, facts, params)
        if not provs:
            if missing and (fine or doc.penalties):
                out.append(hit(f"《{doc_name(doc)}》的处罚幅度无法核对：{'；'.join(missing[:3])}",
                               [doc_ev(doc)], needs_human=True))
            continue
        texts = "；".join(f"{_cite_text(c)}：{_article_text(p)}" for c, p, _ in provs)
        cite_ev = [_cite_ev(c, doc) for c, _, _ in provs][:2]
        fine_ev = [ev(a.page, a.quote, a.conf) for a in doc.amounts if a.role == "fine"][:1]
        unsure = low_conf(doc, params)
        kinds = set().union(*(pt.kinds for _, _, pt in provs))
        stray = [k for k in doc.penalties if k not in kinds and k not in params["kinds_always_allowed"]]
        if stray and kinds:
            # a kind the cited 款/项 lacks but another part of the same article provides ("情节严重的，
            # 吊销…" in a later 款): the citation may be imprecise rather than the penalty unlawful
            elsewhere = set().union(*(read_penalty(p.text).kinds for _, p, _ in provs))
            out.append(hit(f"《{doc_name(doc)}》给予的{'、'.join(stray)}不在所引罚则规定的处罚种类之内（{texts}）",
                           cite_ev + list(doc.evidence.get("penalties", [])[:1]),
                           needs_human=unsure or any(k in elsewhere for k in stray)))
        if fine is None or "罚款" not in kinds:
            continue
        multiples = [m for _, _, pt in provs for m in pt.multiples]
        fixed = [pt for _, _, pt in provs if pt.ranges or pt.floors]
        hi = None if multiples or any(pt.maximum is None for pt in fixed) else \
            max((pt.maximum for pt in fixed), default=None)
        lo = None if multiples else min((pt.minimum for pt in fixed if pt.minimum is not None), default=None)
        if hi is not None and fine > hi:
            out.append(hit(f"《{doc_name(doc)}》罚款{fmt_yuan(fine)}，超过所引罚则的上限{fmt_yuan(hi)}（{texts}）",
                           fine_ev + cite_ev, needs_human=unsure))
        elif lo is not None and fine < lo:
            grounds = _mitigated(facts, doc, params)
            if grounds:
                continue  # 减轻处罚 may go below the minimum (第三十二条)
            tiers = sum(len(pt.ranges) + len(pt.floors) for pt in fixed) > 1
            out.append(hit(f"《{doc_name(doc)}》罚款{fmt_yuan(fine)}，低于所引罚则的下限{fmt_yuan(lo)}，且未载明从轻、"
                           f"减轻处罚的情形（行政处罚法第三十二条）（{texts}）",
                           fine_ev + cite_ev, needs_human=unsure or tiers))
        elif multiples and (fine_ev or fine):
            bases = "、".join(dict.fromkeys(m[0] for m in multiples))
            gains = amounts(doc, "illegal_gains", "goods_value")
            if not gains:
                continue  # nothing to compute the multiple from: nothing to say
            top = max(gains) * max(m[2] for m in multiples)
            if fine > top and not fixed:
                out.append(hit(f"《{doc_name(doc)}》罚款{fmt_yuan(fine)}，超过所引罚则按{bases}计算的上限"
                               f"{fmt_yuan(top)}（{texts}）", fine_ev + cite_ev, needs_human=True))
    return out


# --------------------------------------------------------------------------- discretion


@register_check("statutes.discretion_unexplained",
                params={"doc_types": "list[str]", "reason_doc_types": "list[str]", "amendment_grace_days": "int",
                        "procedural_laws": "list[str]", "formal_prefix": "str"},
                optional=("procedural_laws",))
def discretion_unexplained(facts: Facts, params: dict):
    """【检查内容】所引罚则留有裁量幅度（罚款幅度、倍数幅度或可选的处罚种类）时，决定书（或调查终结报告、
    法制审核意见、集体讨论记录）是否说明了考虑的情节或适用的裁量基准。
    【依据】《中华人民共和国行政处罚法》第五条、第三十四条；《国务院办公厅关于进一步规范行政裁量权基准制定和
    管理工作的意见》（国办发〔2022〕27号）。
    【示例】依据第九十九条（十万元以上一百万元以下）罚款二十万元，全卷未写违法情节、从轻从重情形或裁量基准。
    【整改】在决定书中写明认定的情节（违法次数、持续时间、危害后果、整改情况等）和适用的裁量基准条款。
    【何时转人工】所引法律或版本不在法规库；文书识别置信度低。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        provs, _missing_ = _penalty_provisions(doc, facts, params)
        ranged = [(c, p) for c, p, pt in provs if pt.leaves_range]
        if not ranged:
            continue
        stated = list(doc.evidence.get("discretion", [])) + list(doc.evidence.get("mitigation", []))
        for d in facts.docs(*params["reason_doc_types"]):
            stated += d.evidence.get("discretion", []) + d.evidence.get("mitigation", [])
        if stated:
            continue
        c, p = ranged[0]
        out.append(hit(f"《{doc_name(doc)}》所引罚则{_cite_text(c)}留有裁量幅度（{_article_text(p, 160)}），卷内未见"
                       f"对违法情节或适用裁量基准的说明", [_cite_ev(c, doc), doc_ev(doc, "（检索情节、裁量基准等表述）")],
                       needs_human=low_conf(doc, params)))
    return out


# --------------------------------------------------------------------------- competence


def _kind_of(text: str, kinds: dict) -> set[str]:
    return {k for k, words in kinds.items() if any(w in text for w in words)}


@register_check("statutes.beyond_competence",
                params={"doc_types": "list[str]", "amendment_grace_days": "int", "departments": "map[list[str]]",
                        "agencies": "map[list[str]]", "comprehensive": "list[str]", "delegation": "list[str]",
                        "procedural_laws": "list[str]", "formal_prefix": "str"},
                optional=("procedural_laws",))
def beyond_competence(facts: Facts, params: dict):
    """【检查内容】作出处罚的机关是否有权执行所引法律：罚则条文写明由哪类部门处罚（“由县级以上人民政府生态环境
    主管部门……”），与决定机关名称所示的部门类别对照；综合行政执法机关（第十八条）和载明委托（第二十条）的除外。
    【依据】《中华人民共和国行政处罚法》第十七条、第十八条、第二十条。
    【示例】某区市场监督管理局依据《中华人民共和国大气污染防治法》第九十九条（由生态环境主管部门处罚）作出罚款。
    【整改】移送有管辖权的部门；确属综合执法或委托执法的，在决定书中载明其依据。
    【何时转人工】条文写“有关部门”“人民政府”等无法归类的主体，或决定机关名称无法归类时不报；法律或版本不在
    法规库时不报（由 citation_not_found 提示）。
    """
    out = []
    agency_kinds = params["agencies"]
    dept_kinds = params["departments"]
    for doc in facts.docs(*params["doc_types"]):
        authority = doc.authority or ""
        if not authority or any(w in authority for w in params["comprehensive"] + params["delegation"]):
            continue
        mine = _kind_of(authority, agency_kinds)
        if len(mine) != 1:
            continue
        if any(w in (c.sentence or c.quote or "") for c in doc.citations for w in params["delegation"]):
            continue
        provs, _ = _penalty_provisions(doc, facts, params)
        for c, p, pt in provs:
            if not pt.departments:
                continue
            named = [_kind_of(d, dept_kinds) for d in pt.departments]
            if any(not k for k in named):
                continue  # "有关部门" or a body not in the table: no firm view
            allowed = set().union(*named)
            if mine & allowed:
                continue
            depts = "、".join(dict.fromkeys(pt.departments))
            out.append(hit(f"《{doc_name(doc)}》由{authority}作出，而所引罚则{_cite_text(c)}规定由{depts}处罚"
                           f"（{_article_text(p, 160)}）；卷内未载明综合行政执法或委托执法的依据",
                           [_cite_ev(c, doc)] + ([doc.evidence["authority"][0]] if doc.evidence.get("authority") else []),
                           needs_human=low_conf(doc, params)))
            break
    return out


# --------------------------------------------------------------------------- 备案


@register_check("statutes.major_decision_not_filed",
                params={"doc_types": "list[str]", "record_types": "list[str]", "min_fine": "number",
                        "major_kinds": "list[str]", "period_days": "int"})
def major_decision_not_filed(facts: Facts, params: dict):
    """【检查内容】重大行政处罚决定（责令停产停业、吊销许可证或者执照、罚款达到标准所定数额）是否在标准所定期限内
    报政府法制机构备案（卷内有备案表、备案报告或备案回执）。
    【依据】地方规定（如：重大行政处罚决定作出之日起60日内报本级人民政府法制机构备案；罚款20000元以上）。
    【示例】决定罚款50000元，卷内无备案材料；或备案回执日期在决定后90日。
    【整改】按本地规定报送备案，并将备案材料归档。
    【何时转人工】备案材料日期无法识别；决定日期无法确定。
    """
    out = []
    records = facts.docs(*params["record_types"])
    for doc in facts.docs(*params["doc_types"]):
        fines = amounts(doc, "fine")
        fine = max(fines) if fines else 0
        kinds = [k for k in doc.penalties if k in params["major_kinds"]]
        if fine < params["min_fine"] and not kinds:
            continue
        why = "、".join(kinds + ([f"罚款{fmt_yuan(fine)}"] if fine >= params["min_fine"] else []))
        day = _day(doc, facts)
        if not records:
            out.append(hit(f"《{doc_name(doc)}》属重大行政处罚（{why}），卷内未见备案材料", [doc_ev(doc)]))
            continue
        dates = [dd.date for r in records if (dd := doc_date(r))]
        if day is None or not dates:
            out.append(hit(f"《{doc_name(doc)}》属重大行政处罚（{why}），备案材料或决定日期无法识别，需人工核实期限",
                           [doc_ev(r) for r in records[:1]], needs_human=True))
            continue
        late = min(dates) - day
        if late.days > params["period_days"]:
            out.append(hit(f"《{doc_name(doc)}》（{day.isoformat()}）属重大行政处罚（{why}），备案日期"
                           f"{min(dates).isoformat()}，超过{params['period_days']}日",
                           [doc_ev(records[0])]))
    return out


# --------------------------------------------------------------------------- the three list-based codes,
# judged against the database (the hand-written lists of the default standard stay as a supplement
# for what the database lacks: repealed laws and older numberings it holds no text of)

_LISTED_IMPRECISE = {"needs_item": "map[list[int]]", "needs_paragraph": "map[list[int]]", "formal_prefix": "str",
                     "unarticled_kinds": "list[str]"}


def _one_provision(c: Citation, doc: DocFacts, facts: Facts, params: dict) -> Optional[Provision]:
    """The cited article in the version in force, when every candidate version agrees on it."""
    res, provs, _ = _resolved(c, doc, facts, params)
    if not res.found or res.older_missing or not provs or any(p is None for p in provs):
        return None
    shapes = {tuple(len(items) for _, items in p.paragraphs) for p in provs}
    return provs[-1] if len(shapes) == 1 else None


@register_check("statutes.citation_imprecise",
                params={"doc_types": "list[str]", "roles": "list[str]", "amendment_grace_days": "int",
                        **_LISTED_IMPRECISE},
                optional=tuple(_LISTED_IMPRECISE))
def citation_imprecise(facts: Facts, params: dict):
    """【检查内容】违法条款、处罚依据是否具体到款、项：所引条文在施行版本中分项规定而未写第几项；作为处罚依据的条文
    有两款以上各自规定处罚而未写第几款（条文结构取自内置法规库，未收录的法律按标准所列条文判断）。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.15；《中华人民共和国行政处罚法》第五十九条第一款第（三）项。
    【示例】“依据《中华人民共和国大气污染防治法》第九十九条的规定”，该条分三项，未写明第几项。
    【整改】引用到条、款、项，如“第九十九条第（二）项”。
    【何时转人工】条文序号识别不清；文书识别置信度低。
    """
    legacy = {**params, "needs_item": params.get("needs_item") or {}, "needs_paragraph": params.get("needs_paragraph") or {},
              "formal_prefix": params.get("formal_prefix") or "中华人民共和国"}
    out = _listed_imprecise(facts, legacy)
    reported = {e.page for f in out for e in f.evidence}
    for doc in facts.docs(*params["doc_types"]):
        problems, evidence = [], []
        for c in doc.citations:
            if c.role not in params["roles"] or not c.article or c.item or not _stops_at_article(c) \
                    and not c.paragraph:
                continue
            p = _one_provision(c, doc, facts, params)
            if p is None:
                continue
            paras = p.paragraphs if not c.paragraph else p.paragraphs[c.paragraph - 1:c.paragraph]
            if any(items for _, items in paras):
                problems.append(f"{_cite_text(c)}分项规定（{p.version.label()}），未写明第几项")
            elif not c.paragraph and c.role == "penalty_basis" and \
                    sum(bool(read_penalty(lead).kinds) for lead, _ in p.paragraphs) >= 2:
                problems.append(f"{_cite_text(c)}有两款以上分别规定处罚（{p.version.label()}），未写明第几款")
            else:
                continue
            evidence.append(_cite_ev(c, doc))
        if problems and not any(e.page in reported for e in evidence):
            out.append(hit(f"《{doc_name(doc)}》法律条款引用不具体：{'；'.join(dict.fromkeys(problems))}", evidence[:4],
                           needs_human=low_conf(doc, params)))
    return out


_LISTED_NAME = {"formal_prefix": "str", "national_suffixes": "list[str]", "exempt_suffixes": "list[str]",
                "exempt_names": "list[str]"}


@register_check("statutes.law_name_nonstandard",
                params={"doc_types": "list[str]", "levels": "list[str]", **_LISTED_NAME},
                optional=tuple(_LISTED_NAME))
def law_name_nonstandard(facts: Facts, params: dict):
    """【检查内容】法律、行政法规的名称是否使用法规库所载的规范全称并加书名号（如《中华人民共和国道路运输条例》）。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.19；《立法技术规范（试行）》。
    【示例】“违反了《食品安全法》第三十四条”（全称为《中华人民共和国食品安全法》）。
    【整改】使用规范全称并加书名号。
    【何时转人工】法规库未收录该名称时按标准所列后缀判断；文书识别置信度低。
    """
    out = []
    names = []
    for doc in facts.docs(*params["doc_types"]):
        problems, evidence = [], []
        for c, name in _named_citations(doc):
            res = store().resolve(c.law, None)
            if not res.found or res.level not in params["levels"]:
                continue
            names.append(c.law)
            if name != res.law:
                problems.append(f"“{c.law}”未使用全称（应为“{res.law}”）")
            elif not c.bracketed:
                problems.append(f"“{c.law}”未加书名号《》")
            else:
                continue
            evidence.append(_cite_ev(c, doc))
        if problems:
            out.append(hit(f"《{doc_name(doc)}》法律名称引用不规范：{'；'.join(dict.fromkeys(problems))}",
                           evidence[:4], needs_human=low_conf(doc, params)))
    if all(k in params for k in _LISTED_NAME):
        # names the database does not hold (a short form of a regulation, a local text): the
        # standard's list-based reading, for the documents the database found nothing wrong in
        judged = {f.evidence[0].page for f in out if f.evidence}
        docs = {d.index: d for d in facts.docs(*params["doc_types"])}
        for f in _listed_name(facts, params):
            pages = {e.page for e in f.evidence}
            doc = next((d for d in docs.values() if any(d.first_page <= pg <= d.last_page for pg in pages)), None)
            if doc is None or not any(doc.first_page <= pg <= doc.last_page for pg in judged):
                out.append(f)
    return out


_LISTED_OUTDATED = {"formal_prefix": "str", "repealed": "list[map]", "renumbered": "list[map]"}


@register_check("statutes.citation_outdated",
                params={"doc_types": "list[str]", "amendment_grace_days": "int", **_LISTED_OUTDATED},
                optional=tuple(_LISTED_OUTDATED))
def citation_outdated(facts: Facts, params: dict):
    """【检查内容】引用的法律在文书日期是否已施行、未废止，条文序号是否为施行版本的序号：法规库中该法的在施行版本
    没有所引条文，而旧版本有（修订后条文序号已变）；文书日期早于该法通过之日。法规库未收录的旧版本和已废止
    法律按标准所列（repealed、renumbered）判断。
    【依据】行政处罚案卷评查评分细则（standards §1.9 第10项）；《中华人民共和国立法法》。
    【示例】2023年的决定书引用《中华人民共和国体育法》第五十一条，而2023年1月1日施行的修订版已重新编排条文。
    【整改】引用文书制作时现行有效的法律及其条文序号。
    【何时转人工】法规库缺少文书日期施行的版本；新旧版本交替期间；文书识别置信度低。
    """
    out = []
    if all(k in params for k in _LISTED_OUTDATED):
        out += _listed_outdated(facts, params)
    for doc in facts.docs(*params["doc_types"]):
        for c in doc.citations:
            if not c.law or not c.article:
                continue
            res, provs, day = _resolved(c, doc, facts, params)
            if not res.found or day is None:
                continue
            if res.not_yet:
                first = res.versions[0]
                out.append(hit(f"《{doc_name(doc)}》（{day.isoformat()}）引用的《{res.law}》于{first.version_date}"
                               f"方才通过，文书日期早于该法", [_cite_ev(c, doc)], needs_human=True))
                continue
            if not provs or any(p is not None and p.has(c.paragraph, c.item) for p in provs):
                continue
            old = _older_has(res, c)
            if old is not None:
                out.append(hit(f"《{doc_name(doc)}》（{day.isoformat()}）引用的{_cite_text(c)}是{old.label()}的条文序号；"
                               f"文书日期施行的是{res.candidates[-1].label()}", [_cite_ev(c, doc)],
                               needs_human=low_conf(doc, params) or len(res.candidates) > 1))
    return out


__all__ = ["citation_not_found", "penalty_out_of_range", "discretion_unexplained", "beyond_competence",
           "major_decision_not_filed", "citation_imprecise", "law_name_nonstandard",
           "citation_outdated", "store", "use_store", "law_key"]
