"""执法程序: filing, order of the steps, prior notice and the defence period, review, legal
review and collective discussion, deadlines, service and closing."""
from __future__ import annotations

import datetime as _dt

from ..model import Facts
from .common import (
    amount_evidence,
    amounts,
    contains_any,
    doc_ev,
    doc_name,
    field_ev,
    fmt_date,
    fmt_yuan,
    hit,
    hit_unless_unreadable,
    low_conf,
    missing_document,
    names_of,
    page_list,
    pages_of,
    party_kind,
    searched_ev,
    unreadable_pages,
)
from .confusables import amount_misreading
from .registry import register_check
from .timeline import (
    MILESTONES,
    decided,
    doc_date,
    filed,
    head_approved,
    milestone,
    notice_issued,
    receipts_for,
    served,
)
from .workdays import add_calendar_days, add_working_days

_MILESTONE_NAMES = {
    "filing": "立案", "inspection": "现场检查", "inquiry": "询问", "investigation_report": "调查终结报告",
    "legal_review": "法制审核", "collective_discussion": "集体讨论", "prior_notice": "事先告知",
    "notice_served": "告知书送达", "statement_record": "陈述申辩", "hearing_notice_served": "听证通知送达",
    "hearing": "听证", "approval": "处罚决定审批", "decision": "处罚决定", "decision_served": "决定书送达",
    "paid": "缴纳罚没款", "closing": "结案",
}


@register_check("procedure.no_filing", params={"doc_types": "list[str]", "title_keywords": "list[str]"})
def no_filing(facts: Facts, params: dict):
    """【检查内容】一般程序案卷中是否有立案审批表（立案报告）。
    【依据】《中华人民共和国行政处罚法》第五十四条第二款：符合立案标准的，行政机关应当及时立案。
    立案审批表是启动一般程序、经负责人批准立案的书面证明。
    【示例】案卷从现场检查笔录开始，没有立案审批表。
    【整改】依法补充立案审批程序的书面材料；不能说明立案情况的，属程序违法，应纠正。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    types = params["doc_types"]
    return missing_document(facts, params, types, names_of(types), f"案卷中没有{names_of(types)}",
                            params["title_keywords"])


@register_check("procedure.filing_after_investigation",
                params={"investigation_types": "list[str]", "grace_days": "int"})
def filing_after_investigation(facts: Facts, params: dict):
    """【检查内容】立案日期是否晚于询问（调查）笔录的日期，即“先调查后立案”。
    【依据】《中华人民共和国行政处罚法》第五十四条：除当场处罚外，发现违法行为应当调查；符合立案标准的应当
    及时立案。立案后方可开展询问等调查取证（立案前的现场检查、核查除外）。
    【示例】询问笔录日期2024年3月5日，立案审批表批准日期2024年3月12日。
    【整改】发现涉嫌违法、符合立案标准的，先立案再开展询问调查；立案前取得的证据须依法转化。
    【何时转人工】立案文书或该笔录识别置信度低于参数 low_confidence 时转人工。
    """
    f = filed(facts)
    if f is None:
        return []
    early = [(d, doc) for doc in facts.docs(*params["investigation_types"])
             if (d := doc_date(doc)) and d.date < f.date - _dt.timedelta(days=params["grace_days"])]
    if not early:
        return []
    first, doc = min(early, key=lambda x: x[0].date)
    msg = (f"立案日期{fmt_date(f.date)}晚于《{doc_name(doc)}》的日期{fmt_date(first.date)}，"
           f"存在先调查后立案")
    uncertain = low_conf(doc, params) or (f.doc is not None and low_conf(f.doc, params))
    return [hit(msg, [f.evidence, first.evidence], needs_human=uncertain)]


def _check_pairs(params: dict):
    for pair in params["pairs"]:
        if len(pair) != 2:
            return "pairs", f"each pair has two milestones, got {pair}"
        for key in pair:
            if key not in MILESTONES:
                return "pairs", f"unknown milestone {key!r} (known: {', '.join(MILESTONES)})"
    return None


@register_check("procedure.date_order_violation", params={"pairs": "list[list[str]]"},
                validator=_check_pairs)
def date_order_violation(facts: Facts, params: dict):
    """【检查内容】各程序环节的日期是否符合法定先后顺序：立案→调查→告知→（听证）→决定→送达→缴款→结案，
    例如告知书晚于决定书、送达早于决定、缴款早于送达、结案早于决定。
    【依据】《中华人民共和国行政处罚法》第四十四条（决定前告知）、第六十一条（决定后送达）；
    案卷评查标准（standards §3.2）所列的时间链条：缴款书在送达之后，结案报告最后。
    【示例】决定书日期2024年4月18日，送达回证签收日期2024年4月16日。
    【整改】核实各环节实际时间；日期笔误的依法更正并说明，程序倒置的属程序违法，应纠正。
    【何时转人工】两个日期所在文书中任一份识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for earlier, later in params["pairs"]:
        a, b = milestone(facts, earlier), milestone(facts, later)
        if a is None or b is None or a.date <= b.date:
            continue
        msg = (f"{_MILESTONE_NAMES[later]}日期{fmt_date(b.date)}早于{_MILESTONE_NAMES[earlier]}日期"
               f"{fmt_date(a.date)}，程序顺序倒置")
        uncertain = any(x.doc is not None and low_conf(x.doc, params) for x in (a, b))
        out.append(hit(msg, [a.evidence, b.evidence], needs_human=uncertain))
    return out


@register_check("procedure.no_prior_notice",
                params={"notice_types": "list[str]", "accept_with_statement_right": "list[str]"})
def no_prior_notice(facts: Facts, params: dict):
    """【检查内容】一般程序作出处罚决定前，是否制作并送达行政处罚事先告知书。
    【依据】《中华人民共和国行政处罚法》第四十四条：行政机关在作出行政处罚决定之前，应当告知当事人拟作出的
    行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利；第六十二条：未告知的，
    不得作出行政处罚决定。
    【示例】案卷中有询问笔录和处罚决定书，但无事先告知书。
    【整改】未履行告知程序的处罚决定应撤销，依法告知并听取陈述申辩后重新作出决定。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    if not facts.docs("decision"):
        return []
    if facts.docs(*params["notice_types"]):
        return []
    if any(d.statement_right for d in facts.docs(*params["accept_with_statement_right"])):
        return []
    types = params["notice_types"]
    return missing_document(facts, params, types, names_of(types),
                            f"作出处罚决定前无{names_of(types)}，未履行告知程序")


_NOTICE_ELEMENT_NAMES = {"penalty": "拟作出的处罚内容", "facts": "违法事实", "reasons": "理由",
                         "basis": "依据", "statement_right": "陈述、申辩权利", "hearing_right": "听证权利"}


@register_check("procedure.prior_notice_incomplete", params={"notice_types": "list[str]",
                                                            "required_elements": "list[str]"})
def prior_notice_incomplete(facts: Facts, params: dict):
    """【检查内容】事先告知书是否载明拟作出的行政处罚内容、违法事实、理由、依据以及陈述、申辩权利。
    【依据】《中华人民共和国行政处罚法》第四十四条：告知当事人拟作出的行政处罚内容及事实、理由、依据，
    并告知当事人依法享有的陈述、申辩、要求听证等权利。
    【示例】告知书写明了拟罚款金额，但未写违法事实和所依据的法律条款。
    【整改】按第四十四条逐项写明处罚内容、事实、理由、依据和陈述申辩（及听证）权利与期限，重新告知。
    【何时转人工】告知书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["notice_types"]):
        present = dict(doc.elements)
        # Fields the extractor fills independently stand in for an element it did not report.
        if "statement_right" not in present and doc.statement_right is not None:
            present["statement_right"] = doc.statement_right
        if "basis" not in present and doc.citations:
            present["basis"] = True
        if "penalty" not in present and (doc.penalties or amounts(doc, "fine", "confiscation")):
            present["penalty"] = True
        missing = [e for e in params["required_elements"] if present.get(e) is False]
        if not missing:
            continue
        labels = "、".join(_NOTICE_ELEMENT_NAMES.get(e, e) for e in missing)
        evidence = field_ev(doc, *missing) + ([doc_ev(doc)] if not doc.evidence else [])
        msg = f"《{doc_name(doc)}》（{pages_of(doc)}）未载明：{labels}"
        out.append(hit_unless_unreadable(doc, params, msg, evidence[:3]))
    return out


@register_check("procedure.decided_within_defense_period",
                params={"window_working_days": "int", "fallback_margin_days": "int"})
def decided_within_defense_period(facts: Facts, params: dict):
    """【检查内容】处罚决定是否在事先告知书送达后、陈述申辩和听证申请期限届满前作出。
    【依据】《中华人民共和国行政处罚法》第六十四条第（一）项：当事人要求听证的，应当在行政机关告知后五日内提出；
    第八十五条：“五日”指工作日，不含法定节假日；第四十五条：行政机关必须充分听取当事人的意见。
    期限自送达次日起算，至第五个工作日结束时届满。
    【示例】告知书2024年4月1日（周一）送达，决定书4月8日作出（清明节假期后第三个工作日），期限尚未届满。
    【整改】自告知书送达次日起算满五个工作日（且当事人未提出陈述申辩、听证申请，或已依法处理）后再作出决定；
    当事人明确放弃权利的，应有书面记录附卷。
    【何时转人工】当事人已在期限内陈述申辩（是否放弃剩余期限需核实）时转人工；期间涉及无节假日数据的年份、且差距不超
    过参数 fallback_margin_days 时转人工。
    """
    dec = decided(facts)
    # Without a readable decision date the head's approval stands in: the penalty is decided when
    # the head approves it (第五十七条), and the decision cannot be dated before that approval.
    by_approval = dec is None
    if by_approval:
        dec = head_approved(facts)
    notice = facts.first("prior_notice")
    if dec is None or notice is None:
        return []
    issued = notice_issued(facts)
    if by_approval and issued and dec.date < issued.date:
        return []  # approved before the notice was even written: a misreading more likely than the case
    if any(d.rights_waived for d in facts.documents):
        return []  # the party expressly waived: deciding early is lawful
    hearing = milestone(facts, "hearing")
    if hearing and hearing.date <= dec.date:
        return []  # a hearing was held: the request window was used
    n = params["window_working_days"]
    stated_days, stated_unit = None, None
    if notice.hearing and notice.hearing.request_days:
        stated_days, stated_unit = notice.hearing.request_days, notice.hearing.request_unit
    srv = served(facts, "notice")
    start = srv or notice_issued(facts)
    if start is None:
        return []
    end = add_working_days(start.date, n)
    end_day = end.date
    if stated_days and stated_days > n:
        # The agency is bound by a longer window it promised.
        later = (add_working_days(start.date, stated_days).date if stated_unit == "working_day"
                 else add_calendar_days(start.date, stated_days))
        end_day = max(end_day, later)
    if dec.date > end_day:
        return []
    basis = "送达" if srv else "制作（送达日期未知，按制作日期计算已可确定）"
    what = (f"处罚决定书日期未能识别，《{doc_name(dec.doc)}》载明负责人于{fmt_date(dec.date)}审批同意作出处罚"
            if by_approval else f"处罚决定却于{fmt_date(dec.date)}作出")
    msg = (f"事先告知书于{fmt_date(start.date)}{basis}，陈述申辩/听证申请期限至{fmt_date(end_day)}届满，"
           f"{what}，未待期限届满{end.note()}")
    evidence = [start.evidence, dec.evidence]
    stated = [d for d in (doc_date(x) for x in facts.documents
                          if x.type == "statement_record" or x.statement_made) if d]
    statement = min(stated, key=lambda d: d.date) if stated else None
    if statement and statement.date <= dec.date:
        return [hit(msg + "；当事人已在期限内陈述申辩，是否放弃剩余期限需人工核实", evidence + [statement.evidence],
                    needs_human=True)]
    if not end.exact and (end_day - dec.date).days <= params["fallback_margin_days"]:
        return [hit(msg + "；该期间涉及无节假日数据的年份，差距在节假日可能影响的范围内，需人工核实",
                    evidence, needs_human=True)]
    return [hit(msg, evidence)]


@register_check("procedure.penalty_increased",
                params={"notice_types": "list[str]", "amount_roles": "list[str]",
                        "tolerance_yuan": "number", "ignore_penalties": "list[str]"})
def penalty_increased(facts: Facts, params: dict):
    """【检查内容】处罚决定是否重于事先告知书拟作出的处罚：罚没金额更高，或增加了告知书中没有的处罚种类。
    【依据】《中华人民共和国行政处罚法》第四十五条第二款：行政机关不得因当事人陈述、申辩而给予更重的处罚；
    加重处罚而未重新告知，剥夺了当事人对加重部分的陈述申辩权（第四十四条）。
    【示例】告知书拟罚款2万元，决定书罚款3万元；或告知书拟警告，决定书增加没收违法所得。
    【整改】拟加重处罚的，应重新制作并送达事先告知书，听取陈述申辩后再作决定。
    【何时转人工】告知书或决定书识别置信度低于参数 low_confidence 时转人工；决定书的金额等于告知书所列各项金额之和（
    可能是罚没款合计）时转人工。
    """
    notices = facts.docs(*params["notice_types"])
    decision = facts.first("decision")
    if not notices or decision is None:
        return []
    out = []
    labels = {"fine": "罚款", "confiscation": "没收", "illegal_gains": "没收违法所得"}
    for role in params["amount_roles"]:
        proposed = [v for n in notices for v in amounts(n, role)]
        final = amounts(decision, role)
        if not proposed or not final:
            continue
        if max(final) > max(proposed) + params["tolerance_yuan"]:
            notice = next(n for n in notices if amounts(n, role))
            # A decision that states the total of all amounts proposed (罚没款合计) is not heavier;
            # the extractor may have read that total as the fine.
            totals = {round(sum({v for v in amounts(n, *params["amount_roles"], "illegal_gains")}), 2)
                      for n in notices}
            is_total = any(abs(max(final) - t) <= params["tolerance_yuan"] for t in totals)
            uncertain = low_conf(decision, params) or low_conf(notice, params) or is_total
            evidence = amount_evidence(notice, role)[:1] + amount_evidence(decision, role)[:1]
            msg = f"决定书{labels.get(role, role)}{fmt_yuan(max(final))}，高于告知书拟处{fmt_yuan(max(proposed))}"
            # one of the two read by OCR, and one misreading (a dropped digit, ¥ read as a digit)
            # turns one amount into the other: not an accusation
            scanned = {p.page for p in facts.pages if p.source == "ocr"}
            why = amount_misreading(max(final), max(proposed)) or amount_misreading(max(proposed), max(final))
            found = hit(msg, evidence, needs_human=uncertain)
            found.ocr_weighed = True   # weighed here (low confidence, totals, misreadings)
            if why and not uncertain and any(e.page in scanned for e in evidence):
                found.doubt = f"{why}，需人工核实"   # the second reading decides, or a human
            out.append(found)
    proposed_types = {p for n in notices for p in n.penalties}
    if proposed_types:
        added = [p for p in decision.penalties
                 if p not in proposed_types and not contains_any(p, params["ignore_penalties"])
                 and not any(p in q or q in p for q in proposed_types)]
        if added:
            out.append(hit(f"决定书增加了告知书未告知的处罚种类：{'、'.join(added)}",
                           field_ev(decision, "penalties"), needs_human=low_conf(decision, params)))
    return out


@register_check("procedure.statement_not_reviewed",
                params={"review_types": "list[str]", "review_title_keywords": "list[str]",
                        "not_review_types": "list[str]"},
                optional=("not_review_types",))
def statement_not_reviewed(facts: Facts, params: dict):
    """【检查内容】当事人提出陈述、申辩的，案卷中是否有行政机关对其复核的记录（复核意见、陈述申辩情况审核表等）。
    【依据】《中华人民共和国行政处罚法》第四十五条第一款：行政机关必须充分听取当事人的意见，对当事人提出的事实、
    理由和证据，应当进行复核；当事人提出的事实、理由或者证据成立的，行政机关应当采纳。
    【示例】陈述申辩笔录记载当事人称“货物系他人寄存”，卷内无任何复核意见，随即作出决定。
    【整改】对陈述申辩逐项复核，制作复核意见（采纳或不采纳及理由），经负责人审批后附卷。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（复核记录可能在其中）时转人工。
    """
    made = [d for d in facts.documents if d.statement_made]
    if not made:
        return []
    if any(d.review_done for d in facts.documents):
        return []
    # a 法制审核意见 reviews the whole case for the agency (第58条), not the party's defence: its
    # title ("审核意见") does not make it a 复核; what it says still counts through review_done
    skip = set(params.get("not_review_types") or ()) - set(params["review_types"])
    if any(contains_any(d.title, params["review_title_keywords"]) for d in facts.documents if d.type not in skip):
        return []
    evidence = field_ev(made[0], "statement_made") + [searched_ev(facts, "复核意见")]
    uncertain = unreadable_pages(facts, params)
    msg = f"当事人在《{doc_name(made[0])}》中提出了陈述申辩，案卷中未见复核记录"
    if uncertain:
        return [hit(msg + f"；第{page_list(uncertain)}页识别置信度低，需人工核实", evidence, needs_human=True)]
    return [hit(msg, evidence)]


@register_check("procedure.overdue_decision", params={"max_calendar_days": "int"})
def overdue_decision(facts: Facts, params: dict):
    """【检查内容】处罚决定是否自立案之日起参数 max_calendar_days 所定日数内作出；超期的，是否有延长办案期限的批准。
    【依据】《中华人民共和国行政处罚法》第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。
    法律、法规、规章另有规定的，从其规定。（九十日不在第八十五条所列，按自然日计算，立案当日不计入。）
    【示例】2024年1月5日立案，2024年4月18日作出决定（第104日），卷内无延期审批。
    【整改】案件不能按期办结的，应在期限届满前按规定报批延长办案期限，并将审批表附卷。
    【何时转人工】立案或决定日期所在文书识别置信度低于参数 low_confidence 时转人工。
    """
    f, d = filed(facts), decided(facts)
    if f is None or d is None:
        return []
    limit = add_calendar_days(f.date, params["max_calendar_days"])
    if d.date <= limit:
        return []
    if any(doc.extension_approved for doc in facts.documents):
        return []
    days = (d.date - f.date).days
    msg = (f"{fmt_date(f.date)}立案，{fmt_date(d.date)}作出决定，历时{days}日，超过{params['max_calendar_days']}日"
           f"（期限至{fmt_date(limit)}），卷内无延长办案期限审批")
    uncertain = any(x.doc is not None and low_conf(x.doc, params) for x in (f, d))
    return [hit(msg, [f.evidence, d.evidence], needs_human=uncertain)]


def _major_reasons(facts: Facts, params: dict) -> tuple[list[str], list[str]]:
    """(firm reasons, uncertain reasons) why a case counts as 重大/复杂 under the standard."""
    firm, maybe = [], []
    if params.get("when_hearing_held"):
        if facts.docs("hearing_record") or facts.dates.get("hearing"):
            firm.append("案件经过听证程序")
    kind = party_kind(facts)
    decision = facts.first("decision")
    if params["when_marked_major"] and any(d.major_case for d in facts.documents):
        firm.append("案卷标注为重大/复杂案件")
    elif params["when_marked_major"] and any((d.evidence or {}).get("complex_extension") for d in facts.documents):
        # 案情复杂 as the reason for more time: maybe a 情节复杂 case (第57条), maybe only a long
        # investigation.  With a fine of the 较大数额 that opens a hearing the agency's own word is
        # taken; with a small fine it is for a human to weigh.
        limits = params.get("complex_fine") or {}
        fines = amounts(decision, "fine") if decision else []
        fine = max(fines) if fines else facts.fine_yuan
        limit = limits.get(kind) if kind in limits else (max(limits.values()) if limits else None)
        if fine and limit is not None and fine >= limit:
            firm.append(f"延长办案期限的理由为案情复杂，且罚款{fmt_yuan(fine)}达到较大数额{fmt_yuan(limit)}")
        else:
            maybe.append("延长办案期限的理由为案情复杂")
    for role, key, label in (("fine", "major_fine", "罚款"), ("confiscation", "major_confiscation", "没收")):
        vals = amounts(decision, role) if decision else []
        value = max(vals) if vals else (facts.fine_yuan if role == "fine" else facts.confiscation_yuan)
        limits = params[key]
        if not value or not limits:
            continue
        if kind in limits:
            if value >= limits[kind]:
                firm.append(f"{label}{fmt_yuan(value)}达到重大案件标准{fmt_yuan(limits[kind])}")
        elif value >= max(limits.values()):
            firm.append(f"{label}{fmt_yuan(value)}达到重大案件标准")
        elif value >= min(limits.values()):
            maybe.append(f"{label}{fmt_yuan(value)}是否达到重大案件标准取决于当事人类型（未能识别）")
    penalties = [p for d in facts.docs("decision") for p in d.penalties]
    grave = [p for p in penalties if contains_any(p, params["major_penalties"])]
    if grave:
        firm.append(f"处罚种类含{'、'.join(dict.fromkeys(grave))}")
    return firm, maybe


def _major_missing(facts: Facts, params: dict, present: bool, what: str):
    if present or not facts.docs("decision"):
        return []
    firm, maybe = _major_reasons(facts, params)
    if not firm and not maybe:
        return []
    evidence = [searched_ev(facts, what)]
    if firm:
        return [hit(f"本案{'；'.join(firm)}，应当{what}，案卷中未见", evidence)]
    return [hit(f"{'；'.join(maybe)}；如属重大案件，应当{what}，案卷中未见，需人工核实", evidence,
                needs_human=True)]


_MAJOR_PARAMS = {"major_fine": "map[number]", "major_confiscation": "map[number]",
                 "major_penalties": "list[str]", "when_marked_major": "bool"}


@register_check("procedure.no_legal_review",
                params={"review_types": "list[str]", "review_title_keywords": "list[str]",
                        "when_hearing_held": "bool", **_MAJOR_PARAMS})
def no_legal_review(facts: Facts, params: dict):
    """【检查内容】应当进行法制审核的案件（经过听证、重大公共利益、重大权益、疑难复杂等）是否有法制审核意见。
    【依据】《中华人民共和国行政处罚法》第五十八条第一款：有下列情形之一，在行政机关负责人作出行政处罚的决定之前，
    应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定：
    （一）涉及重大公共利益的；（二）直接关系当事人或者第三人重大权益，经过听证程序的；（三）案件情况疑难复杂、
    涉及多个法律关系的；（四）法律、法规规定应当进行法制审核的其他情形。
    【示例】案件举行了听证，听证后直接作出罚款20万元的决定，卷内无法制审核意见书。
    【整改】按本机关重大执法决定法制审核目录，由法制审核人员审核并出具书面意见后再作决定。
    【何时转人工】只有不确定的理由（罚没金额是否达到参数 major_fine / major_confiscation 所定标准取决于未能确定的当
    事人类型，或延期理由为案情复杂而罚款未达参数 complex_fine）说明本案可能属重大案件时转人工。
    """
    present = bool(facts.docs(*params["review_types"])) or facts.dates.get("legal_review") is not None or any(
        contains_any(d.title, params["review_title_keywords"]) for d in facts.documents)
    return _major_missing(facts, params, present, "进行法制审核")


@register_check("procedure.no_collective_discussion",
                params={"discussion_types": "list[str]", "discussion_title_keywords": "list[str]",
                        "complex_fine": "map[number]", **_MAJOR_PARAMS},
                optional=("when_hearing_held", "complex_fine"))
def no_collective_discussion(facts: Facts, params: dict):
    """【检查内容】情节复杂或者重大违法行为给予行政处罚的，是否经行政机关负责人集体讨论决定，并有记录。
    【依据】《中华人民共和国行政处罚法》第五十七条第二款：对情节复杂或者重大违法行为给予行政处罚，
    行政机关负责人应当集体讨论决定。重大案件的标准由评查标准（本文件参数）配置。
    【示例】对企业罚款60万元并责令停产停业，卷内无集体讨论记录。
    【整改】召开负责人集体讨论会议，记录参会人员、讨论意见和结论并签名，附卷后再作决定。
    【何时转人工】只有不确定的理由（罚没金额是否达到参数 major_fine / major_confiscation 所定标准取决于未能确定的当
    事人类型，或延期理由为案情复杂而罚款未达参数 complex_fine）说明本案可能属重大案件时转人工。
    """
    present = bool(facts.docs(*params["discussion_types"])) or facts.dates.get("discussed") is not None or any(
        contains_any(d.title, params["discussion_title_keywords"]) for d in facts.documents)
    return _major_missing(facts, params, present, "经负责人集体讨论决定")


@register_check("procedure.no_service_receipt", params={"receipt_types": "list[str]"})
def no_service_receipt(facts: Facts, params: dict):
    """【检查内容】案卷中是否有处罚决定书已送达当事人的证明（送达回证、邮寄回执、签收记录等）。
    【依据】《中华人民共和国行政处罚法》第六十一条：行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，
    行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定送达。
    【示例】卷内有决定书，但只有告知书的送达回证，没有决定书的送达回证。
    【整改】补充决定书送达凭证（当事人签收的送达回证、邮寄回执等）；未送达的，决定不发生效力，应依法送达。
    【何时转人工】有送达文书名称不明的回证时转人工；案卷中有识别置信度低于参数 low_confidence 的页面（回证可能在其中）
    时转人工。
    """
    decision = facts.first("decision")
    if decision is None:
        return []
    if served(facts, "decision"):
        return []
    if receipts_for(facts, "decision"):
        return []
    unknown = [r for r in facts.docs(*params["receipt_types"])
               if r.service and r.service.served_document and not receipts_for(facts, "decision")
               and not any(w in r.service.served_document for w in ("告知", "通知", "决定"))]
    evidence = [doc_ev(decision), searched_ev(facts, "决定书的送达回证")]
    if unknown:
        return [hit("未见明确为决定书的送达回证；另有送达文书名称不明的回证，需人工核实",
                    evidence + [doc_ev(r) for r in unknown[:2]], needs_human=True)]
    pages = unreadable_pages(facts, params)
    if pages:
        return [hit(f"未见决定书的送达回证；第{page_list(pages)}页识别置信度低，需人工核实", evidence,
                    needs_human=True)]
    return [hit(f"《{doc_name(decision)}》没有送达回证或其他送达凭证", evidence)]


@register_check("procedure.service_receipt_incomplete",
                params={"receipt_types": "list[str]", "signature_not_required_methods": "list[str]",
                        "skip_title_keywords": "list[str]"})
def service_receipt_incomplete(facts: Facts, params: dict):
    """【检查内容】送达回证是否载明受送达人签名（盖章）、送达日期和送达方式。
    【依据】《中华人民共和国民事诉讼法》第八十七条：送达诉讼文书必须有送达回证，由受送达人在送达回证上记明
    收到日期，签名或者盖章；受送达人在送达回证上的签收日期为送达日期（行政处罚法第六十一条准用）。
    【示例】送达回证“受送达人签名”栏空白，送达方式未填写。
    【整改】完整填写送达回证：送达文书名称文号、送达地点、方式、日期，受送达人签名；留置送达的记明拒收事由和日期，
    由送达人、见证人签名或以拍照录像记录。
    【何时转人工】回证识别置信度低于参数 low_confidence 时转人工；只有“无法判断受送达人是否签名”而无其他缺项时转人工。
    """
    out = []
    for r in facts.docs(*params["receipt_types"]):
        if contains_any(r.title, params["skip_title_keywords"]):
            continue  # e.g. 送达地址确认书: a receipt-like form with other required parts
        svc = r.service
        if svc is None:
            if low_conf(r, params):
                out.append(hit(f"《{doc_name(r)}》（{pages_of(r)}）识别置信度低，无法读取送达要素，需人工核实",
                               [doc_ev(r)], needs_human=True))
            continue
        firm, unsure = [], []
        no_sig_needed = contains_any(svc.method, params["signature_not_required_methods"])
        if svc.recipient_signed is False and not no_sig_needed:
            firm.append("受送达人未签名（盖章）")
        elif svc.recipient_signed is None and not no_sig_needed:
            unsure.append("无法判断受送达人是否签名")
        missing = []
        if svc.served_date is None and r.date is None:
            firm.append("未记明送达（签收）日期")
            missing.append("date")
        if not (svc.method or "").strip():
            firm.append("未载明送达方式")
            missing.append("method")
        # on a scan a missing item is known only when the extractor saw its place left blank (no
        # ink); a False signature is only ever set so
        seen_blank = all(k in svc.blank for k in missing)
        evidence = list(svc.evidence[:2]) or [doc_ev(r)]
        # the blank fields' labels (appended last by the extractor) show where the reader looked
        evidence += [e for e in (svc.evidence[-len(svc.blank):] if svc.blank else []) if e not in evidence]
        served_what = f"（{svc.served_document}）" if svc.served_document else ""
        if firm:
            msg = f"《{doc_name(r)}》{served_what}（{pages_of(r)}）{'；'.join(firm)}"
            if low_conf(r, params):
                out.append(hit(msg + "；该页识别置信度低，需人工核实", evidence, needs_human=True))
            else:
                out.append(hit(msg + (f"；另{'；'.join(unsure)}" if unsure else ""), evidence,
                               ocr_weighed=seen_blank and not unsure))
        elif unsure:
            out.append(hit(f"《{doc_name(r)}》{served_what}（{pages_of(r)}）{'；'.join(unsure)}，需人工核实",
                           evidence, needs_human=True))
    return out


@register_check("procedure.late_service",
                params={"max_working_days": "int", "fallback_margin_days": "int"})
def late_service(facts: Facts, params: dict):
    """【检查内容】处罚决定书是否在作出后参数 max_working_days 所定工作日数内送达（期限自决定次日起算，至最后一个工
    作日结束时届满）。
    【依据】《中华人民共和国行政处罚法》第六十一条第一款：当事人不在场的，行政机关应当在七日内依照民事诉讼法的
    有关规定，将行政处罚决定书送达当事人；第八十五条：“七日”指工作日，不含法定节假日。
    【示例】2024年9月27日作出决定，10月14日才送达；期限（扣除国庆假期、计入9月29日和10月12日调休上班日）
    至10月12日届满。
    【整改】决定作出后及时送达；直接送达困难的及时采用留置、邮寄等方式，并保留送达凭证。
    【何时转人工】决定或送达日期所在文书识别置信度低于参数 low_confidence 时转人工；期间涉及无节假日数据的年份、且超
    期天数不超过参数 fallback_margin_days 时转人工。
    """
    d = decided(facts)
    s = served(facts, "decision")
    if d is None or s is None:
        return []
    end = add_working_days(d.date, params["max_working_days"])
    if s.date <= end.date:
        return []
    msg = (f"处罚决定于{fmt_date(d.date)}作出，{fmt_date(s.date)}送达，超过{params['max_working_days']}个工作日"
           f"的送达期限（至{fmt_date(end.date)}届满）{end.note()}")
    evidence = [d.evidence, s.evidence]
    if not end.exact and (s.date - end.date).days <= params["fallback_margin_days"]:
        return [hit(msg + "；该期间涉及无节假日数据的年份，超期天数在节假日可能影响的范围内，需人工核实",
                    evidence, needs_human=True)]
    uncertain = any(x.doc is not None and low_conf(x.doc, params) for x in (d, s))
    return [hit(msg, evidence, needs_human=uncertain)]


@register_check("procedure.no_closing", params={"doc_types": "list[str]", "title_keywords": "list[str]"})
def no_closing(facts: Facts, params: dict):
    """【检查内容】案卷中是否有结案审批表或结案报告。
    【依据】行政处罚案卷评查标准（standards §3.2）：执行完毕后制作结案报告，结案报告位于卷末；
    《中华人民共和国行政处罚法》第四十七条：行政处罚的启动、调查取证、审核、决定、送达、执行等应全过程记录并归档。
    【示例】案卷以罚没款缴纳凭证结束，没有结案审批表。
    【整改】处罚决定执行完毕（或依法终结）后制作结案审批表，写明执行情况，经负责人批准后归档。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    types = params["doc_types"]
    return missing_document(facts, params, types, names_of(types), f"案卷中没有{names_of(types)}",
                            params["title_keywords"])

