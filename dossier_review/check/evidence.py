"""事实证据: investigation records, their signatures and times, proof of the party's identity,
evidence the decision relies on, and facts that agree across documents."""
from __future__ import annotations

import re

from ..model import DOCUMENT_TYPES, Facts
from .common import (
    amount_evidence,
    amounts,
    contains_any,
    doc_ev,
    doc_name,
    ev,
    field_ev,
    fmt_yuan,
    hit,
    hit_unless_unreadable,
    low_conf,
    missing_document,
    names_of,
    pages_of,
    searched_ev,
)
from .registry import register_check

_HHMM = re.compile(r"\d{1,2}[:：]\d{2}")


@register_check("evidence.no_investigation_record", params={"record_types": "list[str]"})
def no_investigation_record(facts: Facts, params: dict):
    """【检查内容】一般程序案卷中是否有现场检查（勘验）笔录或询问（调查）笔录。
    【依据】《中华人民共和国行政处罚法》第五十四条第一款：行政机关必须全面、客观、公正地调查，收集有关证据；
    第五十五条第二款：询问或者检查应当制作笔录。第四十条：违法事实不清、证据不足的，不得给予行政处罚。
    【示例】案卷只有立案审批表、告知书和决定书，没有任何检查或询问笔录。
    【整改】调查取证必须制作笔录；缺少笔录、事实无法认定的案件应撤销处罚决定，重新调查。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    types = params["record_types"]
    return missing_document(facts, params, types, f"{names_of(types)}",
                            f"案卷中没有{names_of(types)}等调查取证笔录")


def _signature_findings(facts: Facts, params: dict, attr: str, who: str):
    out = []
    for doc in facts.docs(*params["record_types"]):
        signed = getattr(doc, attr)
        if attr == "party_signed" and doc.party_refused:
            continue  # a noted refusal satisfies 第55条/第64条(八)
        evidence = field_ev(doc, attr, "signature")
        if signed is False:
            if low_conf(doc, params):
                out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）未见{who}签名，但该文书识别置信度低，需人工核实",
                               evidence, needs_human=True))
            else:
                # False on a scan means the extractor saw no ink after the signature label either
                out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）无{who}签名确认", evidence, ocr_weighed=True))
        elif signed is None and params["unknown_is_uncertain"]:
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）无法判断是否有{who}签名（签名不清或未识别），需人工核实",
                           evidence, needs_human=True))
    return out


@register_check("evidence.record_unsigned_by_party",
                params={"record_types": "list[str]", "unknown_is_uncertain": "bool"})
def record_unsigned_by_party(facts: Facts, params: dict):
    """【检查内容】现场检查笔录、询问笔录是否有当事人（被询问人）签名或“以上笔录属实”等确认；
    当事人拒绝签名的，是否注明拒签情况。
    【依据】《中华人民共和国行政处罚法》第五十五条第二款：询问或者检查应当制作笔录；笔录应交当事人核对并
    签名（参照第六十四条第（八）项：当事人拒绝签字的，由主持人在笔录中注明）。
    【示例】询问笔录末页被询问人签名栏空白，也无“当事人拒绝签名”的说明。
    【整改】笔录应逐页交当事人核对，由其写明“以上笔录属实”并签名、注明日期；拒签的由执法人员注明情况并由见证人签名。
    【何时转人工】笔录识别置信度低于参数 low_confidence 时转人工；参数 unknown_is_uncertain 为 true 时，无法判断是否
    签名（签名不清或未识别）也转人工。笔录注明当事人拒签的，不报告。
    """
    return _signature_findings(facts, params, "party_signed", "当事人（被询问人）")


@register_check("evidence.record_unsigned_by_officer",
                params={"record_types": "list[str]", "unknown_is_uncertain": "bool"})
def record_unsigned_by_officer(facts: Facts, params: dict):
    """【检查内容】现场检查笔录、询问笔录是否有执法人员（询问人、记录人）签名。
    【依据】《中华人民共和国行政处罚法》第五十五条：执法人员调查、检查应当制作笔录；笔录由执法人员签名，
    是执法人员亲自实施调查的证明（第四十二条执法人员不少于两人）。
    【示例】笔录首部列明执法人员二人，末页“执法人员签名”栏空白。
    【整改】由实施调查的执法人员在笔录上签名并注明日期；不能补签的，说明原因并重新取证。
    【何时转人工】笔录识别置信度低于参数 low_confidence 时转人工；参数 unknown_is_uncertain 为 true 时，无法判断是否
    签名（签名不清或未识别）也转人工。
    """
    return _signature_findings(facts, params, "officer_signed", "执法人员")


@register_check("evidence.record_time_incomplete", params={"record_types": "list[str]"})
def record_time_incomplete(facts: Facts, params: dict):
    """【检查内容】询问笔录是否载明起止时间，并精确到分钟（某年某月某日某时某分至某时某分）。
    【依据】环境行政处罚案卷评查指南（环办〔2012〕98号）调查取证阶段第3项：询问笔录首部据实填写，起讫时间至分钟；
    北京市行政处罚案卷标准（2016版）3.6：时间应写明年月日时分。
    【示例】“询问时间：2024年3月12日”，没有几时几分，也没有结束时间。
    【整改】询问笔录首部据实填写“×年×月×日×时×分至×时×分”。
    【何时转人工】时间栏有字迹但未能读成时间时转人工；笔录识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["record_types"]):
        problems = []
        for label, value in (("开始时间", doc.start_time), ("结束时间", doc.end_time)):
            if not value:
                problems.append(f"未载明{label}")
            elif not _HHMM.search(value):
                problems.append(f"{label}“{value}”未精确到分钟")
        if not problems:
            continue
        msg = f"《{doc_name(doc)}》（{pages_of(doc)}）{'，'.join(problems)}"
        unread = (doc.evidence or {}).get("time_unread")
        if unread and not doc.start_time:
            # the 时间 field holds writing the scan did not read as a date: written, misread
            out.append(hit(msg + "；时间栏有内容但识别不清，需人工核实", unread, needs_human=True))
            continue
        evidence = field_ev(doc, "time_line", "start_time", "time")
        out.append(hit_unless_unreadable(doc, params, msg, evidence))
    return out


@register_check("evidence.party_identity_proof_missing", params={"title_keywords": "list[str]",
                                                                 "evidence_types": "list[str]"})
def party_identity_proof_missing(facts: Facts, params: dict):
    """【检查内容】案卷中是否有当事人主体资格证明：营业执照、身份证件、许可证等复印件。
    【依据】行政处罚案卷评查评分细则（standards §1.9 第4项）：“卷中无被处罚主体身份证明（有其他证据证明的除外）”
    属基本要素问题；《中华人民共和国行政处罚法》第四十条要求事实清楚、证据确凿，当事人身份是首要事实。
    【示例】决定书载明当事人为某公司，但卷内没有该公司营业执照复印件。
    【整改】调取并附卷当事人营业执照（或身份证件）复印件，由当事人签注“与原件一致”并签名、注明日期。
    【何时转人工】未见标题相符的证明材料，但参数 evidence_types 所列证据材料载有当事人证照号码（未载地址或负责人），
    或有无标题的证据材料时，转人工：它们可能就是身份证明。
    """
    keywords = params["title_keywords"]
    for doc in facts.documents:
        if contains_any(doc.title, keywords):
            return []
        if contains_any(" ".join(doc.listed_evidence) if doc.type in params["evidence_types"] else "",
                        keywords):
            return []
    # A copy whose title was misread (曹业执照（副本）复印件) or lost still shows what a licence or an
    # identity card shows: the party's registration/ID number with its address or representative.
    # That is the proof the rule asks for (评分细则: 有其他证据证明的除外) whatever its title says; an
    # ID number alone (a test report naming the inspected firm) may be it, for a human to see.
    bearing = [d for d in facts.docs(*params["evidence_types"]) if d.party and d.party.id_number]
    if any(d.party.address or d.party.representative for d in bearing):
        return []
    if bearing:
        pages = "、".join(pages_of(d) for d in bearing[:5])
        return [hit(f"未见标题为{'/'.join(keywords[:4])}的证明材料；{pages}的证据材料载有当事人证照号码，可能即为身份证明，需人工核实",
                    [e for d in bearing[:3] for e in field_ev(d, "party")[:1]], needs_human=True)]
    untitled = [d for d in facts.docs(*params["evidence_types"]) if not (d.title or "").strip()]
    what = "当事人主体资格证明（" + "、".join(keywords[:4]) + "等）"
    if untitled:
        pages = "、".join(pages_of(d) for d in untitled[:5])
        return [hit(f"未见标题为{'/'.join(keywords[:4])}的证明材料；{pages}的证据材料无标题，可能即为身份证明，需人工核实",
                    [doc_ev(d) for d in untitled[:3]], needs_human=True)]
    return [hit(f"全卷未见{what}", [searched_ev(facts, what)])]


def _present(facts: Facts, entry: dict) -> tuple[bool, list]:
    types = entry.get("types") or []
    titles = entry.get("titles") or []
    for doc in facts.documents:
        type_ok = not types or doc.type in types
        title_ok = not titles or contains_any(doc.title, titles)
        if type_ok and title_ok:
            return True, []
        if titles and title_ok:
            return True, []
    # A titled match failed; untitled documents of the right type may still be it.
    maybe = [d for d in facts.docs(*types) if not (d.title or "").strip()] if titles and types else []
    return False, maybe


def _check_evidence_map(params: dict):
    allowed = {"match": list, "types": list, "titles": list, "firm": bool}
    for i, entry in enumerate(params["evidence_map"]):
        for key, value in entry.items():
            if key not in allowed:
                return "evidence_map", f"entry {i}: unknown key {key!r} (allowed: {', '.join(allowed)})"
            if not isinstance(value, allowed[key]):
                return "evidence_map", f"entry {i}: {key} must be a {allowed[key].__name__}"
        if not entry.get("match"):
            return "evidence_map", f"entry {i}: needs match: [words in the decision's evidence list]"
        if not entry.get("types") and not entry.get("titles"):
            return "evidence_map", f"entry {i}: give types and/or titles to look for"
        unknown = [t for t in entry.get("types", []) if t not in DOCUMENT_TYPES]
        if unknown:
            return "evidence_map", f"entry {i}: unknown document type(s) {', '.join(unknown)}"
    return None


@register_check("evidence.listed_evidence_missing", params={"evidence_map": "list[map]",
                                                            "doc_types": "list[str]"},
                validator=_check_evidence_map)
def listed_evidence_missing(facts: Facts, params: dict):
    """【检查内容】处罚决定书列举的证据（询问笔录、现场检查笔录、检测报告、营业执照复印件等）是否都在卷内。
    【依据】《中华人民共和国行政处罚法》第四十条：违法事实不清、证据不足的，不得给予行政处罚；
    第五十九条第一款第（二）项：决定书应载明违法事实和证据——载明的证据必须有卷可查。
    【示例】决定书写“以上事实有现场检查笔录、询问笔录、检验报告为证”，卷内没有检验报告。
    【整改】将决定书所列证据全部归入案卷；确无该证据的，应核实事实认定是否仍有充分证据支持。
    【何时转人工】参数 evidence_map 中 firm 为 false 的证据（常附于其他笔录，如照片）未见单独材料时转人工；卷内有无
    标题的证据材料、可能即为所列证据时转人工。所列证据不属 evidence_map 任何一类的，不作判断。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        for item in doc.listed_evidence:
            # "检验（监测）报告", "《检测报告》（编号…）": the words in brackets are not the kind
            plain = re.sub(r"[（(〔\[][^）)〕\]]*[）)〕\]]|[《》]", "", item)
            entry = next((e for e in params["evidence_map"]
                          if contains_any(item, e.get("match") or []) or contains_any(plain, e.get("match") or [])),
                         None)
            if entry is None:
                continue  # evidence of a kind the standard does not map: cannot decide
            present, maybe = _present(facts, entry)
            if present:
                continue
            evidence = field_ev(doc, "listed_evidence")
            if not entry.get("firm", True):
                # Evidence that is usually kept inside other records (photos attached to an
                # inspection record) cannot be shown absent from document titles alone.
                out.append(hit(f"《{doc_name(doc)}》列举的证据“{item}”未找到单独的材料，可能附于其他笔录中，需人工核实",
                               evidence, needs_human=True))
            elif maybe:
                out.append(hit(f"《{doc_name(doc)}》列举的证据“{item}”未找到标题相符的材料，"
                               f"{'、'.join(pages_of(d) for d in maybe[:4])}有无标题的证据材料，需人工核实",
                               evidence, needs_human=True))
            else:
                out.append(hit(f"《{doc_name(doc)}》列举的证据“{item}”在案卷中未见", evidence + [
                    searched_ev(facts, f"“{item}”")]))
    return out


def _measure_key(label: str, chars: int) -> str:
    # "当事人共销售该产品" and "当事人销售该产品" name the same count: drop the counting words
    core = re.sub(r"[^\u4e00-\u9fff]|共计|合计|累计|总计|共|计|约|了", "", label)
    return core[-chars:]


def _measure_conflicts(facts: Facts, params: dict) -> list:
    """Pairs of documents that state the same measured fact (same words before it, same unit) with
    no value in common: (doc a, doc b, label, unit, values a, values b, evidence)."""
    chars = params.get("measure_key_chars") or 0
    if chars <= 0:
        return []
    per_doc = []
    for doc in facts.docs(*params["doc_types"]):
        table: dict = {}
        for m in doc.measures:
            key = (_measure_key(m.label, chars), m.unit)
            if len(key[0]) >= 2:
                table.setdefault(key, []).append(m)
        if table:
            per_doc.append((doc, table))
    out = []
    seen = set()
    for i, (a, ta) in enumerate(per_doc):
        for b, tb in per_doc[i + 1:]:
            for key in ta.keys() & tb.keys():
                va = {m.value for m in ta[key]}
                vb = {m.value for m in tb[key]}
                if va & vb or key in seen:
                    continue
                seen.add(key)
                out.append((a, b, ta[key][0].label, key[1], sorted(va), sorted(vb),
                            [ev(ta[key][0].page, ta[key][0].quote, ta[key][0].conf, ta[key][0].box, ta[key][0].read),
                             ev(tb[key][0].page, tb[key][0].quote, tb[key][0].conf, tb[key][0].box, tb[key][0].read)]))
    return out


@register_check("evidence.facts_inconsistent", params={"doc_types": "list[str]", "roles": "list[str]",
                                                       "tolerance_yuan": "number", "measure_key_chars": "int"},
                optional=("measure_key_chars",))
def facts_inconsistent(facts: Facts, params: dict):
    """【检查内容】调查终结报告、事先告知书、处罚决定书认定的违法所得、货值金额等关键事实是否一致。
    【依据】株洲市一般程序行政处罚案卷计分标准（standards §1.4）事实部分：认定事实“前后不一致每项扣2分”；
    《中华人民共和国行政处罚法》第四十条要求违法事实清楚。
    【示例】调查终结报告认定违法所得3,200元，决定书认定违法所得2,300元。
    【整改】核实证据，统一各文书认定的事实和金额；差异确有依据的，在后续文书中说明变更理由。
    【何时转人工】不一致的两份文书中任一份识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    tol = params["tolerance_yuan"]
    labels = {"illegal_gains": "违法所得", "goods_value": "货值金额", "fine": "罚款", "confiscation": "没收金额"}
    for role in params["roles"]:
        per_doc = [(doc, sorted(set(amounts(doc, role)))) for doc in facts.docs(*params["doc_types"])]
        per_doc = [(d, vals) for d, vals in per_doc if vals]
        for i, (a, va) in enumerate(per_doc):
            for b, vb in per_doc[i + 1:]:
                if any(abs(x - y) <= tol for x in va for y in vb):
                    continue
                label = labels.get(role, role)
                msg = (f"{label}前后不一致：《{doc_name(a)}》为{'/'.join(fmt_yuan(x) for x in va)}，"
                       f"《{doc_name(b)}》为{'/'.join(fmt_yuan(x) for x in vb)}")
                evidence = amount_evidence(a, role)[:1] + amount_evidence(b, role)[:1]
                if low_conf(a, params) or low_conf(b, params):
                    out.append(hit(msg + "；涉及识别置信度低的页面，需人工核实", evidence, needs_human=True))
                else:
                    out.append(hit(msg, evidence))
    for a, b, label, unit, va, vb, evidence in _measure_conflicts(facts, params):
        fmt = lambda vals, unit=unit: "/".join(f"{v:g}{unit}" for v in vals)  # noqa: E731
        msg = f"认定的事实前后不一致：“{label}”《{doc_name(a)}》为{fmt(va)}，《{doc_name(b)}》为{fmt(vb)}"
        if low_conf(a, params) or low_conf(b, params):
            out.append(hit(msg + "；涉及识别置信度低的页面，需人工核实", evidence, needs_human=True))
        else:
            out.append(hit(msg, evidence))
    return out
