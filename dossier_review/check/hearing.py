"""听证: whether the hearing right was notified when the penalty falls in 第63条's scope, the
stated request window, a requested hearing that was not held, and the notice period."""
from __future__ import annotations

import re

from ..model import Facts
from .common import (
    amounts,
    contains_any,
    doc_ev,
    doc_name,
    ev,
    field_ev,
    fmt_date,
    fmt_yuan,
    hit,
    low_conf,
    party_kind,
    searched_ev,
)
from .registry import register_check
from .timeline import first_dated, milestone, served
from .workdays import add_working_days


def _notified(facts: Facts, notice_types) -> bool:
    return any(d.hearing and d.hearing.notified for d in facts.docs(*notice_types)) or bool(
        facts.docs("hearing_notice", "hearing_record"))


def _kind_label(kind):
    return {"individual": "公民", "organisation": "法人或其他组织"}.get(kind, "当事人")


@register_check("hearing.not_notified",
                params={"notice_types": "list[str]", "fine_threshold": "map[number]",
                        "uncertain_from": "map[number]", "confiscation_threshold": "map[number]",
                        "scope_penalties": "list[str]"})
def not_notified(facts: Facts, params: dict):
    """【检查内容】拟作出较大数额罚款、没收较大数额违法所得或较大价值非法财物、降低资质等级、吊销许可证件、
    责令停产停业、责令关闭、限制从业等处罚的，是否告知当事人有要求听证的权利。
    【依据】《中华人民共和国行政处罚法》第六十三条第一款：行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的
    权利，当事人要求听证的，行政机关应当组织听证：（一）较大数额罚款；（二）没收较大数额违法所得、没收较大价值非法财物；
    （三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、限制从业；（五）其他较重的行政处罚；
    （六）法律、法规、规章规定的其他情形。“较大数额”由部门规章或地方规定确定，本标准按参数配置。
    【示例】对个人拟罚款2万元（本标准个人听证标准1万元），告知书只告知陈述申辩权，未告知听证权。
    【整改】重新制作送达载明听证权利及五个工作日申请期限的告知书；已作出的决定属程序违法，应撤销重作。
    【何时转人工】金额低于参数 fine_threshold / confiscation_threshold 所定听证标准、但不低于参数 uncertain_from
    （可能达到部门或地方规定的较大数额），或未能确定当事人类型而是否达到标准取决于类型时转人工；告知书或决定书识别
    置信度低于参数 low_confidence、且未读到听证告知时转人工。
    """
    if not facts.docs("decision", *params["notice_types"]):
        return []
    notices = facts.docs(*params["notice_types"])
    decision = facts.first("decision")
    kind = party_kind(facts)
    firm, maybe = [], []
    evidence = []
    for role, key, label in (("fine", "fine_threshold", "罚款"),
                             ("confiscation", "confiscation_threshold", "没收")):
        vals = [v for d in notices + ([decision] if decision else []) for v in amounts(d, role)]
        if not vals:
            fallback = facts.fine_yuan if role == "fine" else facts.confiscation_yuan
            vals = [fallback] if fallback else []
        if not vals:
            continue
        value = max(vals)
        limits, lower = params[key], params["uncertain_from"]
        src = next((a for d in notices + ([decision] if decision else []) for a in d.amounts
                    if a.role == role and a.yuan == value), None)
        if src:
            evidence.append(ev(src.page, src.quote))
        if kind in limits:
            if value >= limits[kind]:
                firm.append(f"{label}{fmt_yuan(value)}达到对{_kind_label(kind)}的听证标准{fmt_yuan(limits[kind])}")
            elif value >= lower.get(kind, limits[kind]):
                maybe.append(f"{label}{fmt_yuan(value)}低于本标准对{_kind_label(kind)}的听证标准"
                             f"{fmt_yuan(limits[kind])}，但可能达到部门或地方规定的较大数额")
        elif limits and value >= max(limits.values()):
            firm.append(f"{label}{fmt_yuan(value)}达到任何当事人类型的听证标准")
        elif limits and value >= min(list(lower.values()) or list(limits.values())):
            maybe.append(f"{label}{fmt_yuan(value)}是否达到听证标准取决于当事人类型或地方标准（未能确定）")
    penalties = [p for d in notices + ([decision] if decision else []) for p in d.penalties]
    scope = [p for p in penalties if contains_any(p, params["scope_penalties"])]
    if scope:
        firm.append(f"处罚种类含{'、'.join(dict.fromkeys(scope))}")
    if not firm and not maybe:
        return []
    if _notified(facts, params["notice_types"]):
        return []
    # A garbled scan can hide the hearing sentence or misread the amount: an unreadable notice
    # or decision makes this veto a question for a person.
    unread = [d for d in notices + ([decision] if decision else [])
              if low_conf(d, params) and (d.hearing is None or not d.hearing.notified)]
    looked = [doc_ev(d, "（告知权利部分）") for d in notices] or [searched_ev(facts, "听证告知")]
    evidence = evidence[:2] + looked[:2]
    if firm and not unread:
        return [hit(f"{'；'.join(firm)}，属于应当告知听证权利的情形，但未告知当事人有要求听证的权利", evidence)]
    reason = "；".join(firm + maybe)
    extra = ("告知书或决定书识别置信度低，未能确认金额及是否告知听证权利" if unread
             else "需人工核实是否适用听证程序")
    return [hit(f"{reason}；未见听证权利告知，{extra}", evidence, needs_human=True)]


@register_check("hearing.wrong_request_period",
                params={"notice_types": "list[str]", "expected_days": "int", "allow_longer": "bool"})
def wrong_request_period(facts: Facts, params: dict):
    """【检查内容】告知书所载申请听证的期限是否为参数 expected_days 所定的工作日数（参数 allow_longer 为 true 时可更
    长）；常见错误为沿用旧法的“三日”。
    【依据】《中华人民共和国行政处罚法》第六十四条第（一）项：当事人要求听证的，应当在行政机关告知后五日内提出；
    第八十五条：此处“五日”为工作日。2021年修订前为三日。
    【示例】“如要求听证，应在收到本告知书之日起三日内提出”。
    【整改】改为“自收到本告知书之日起五个工作日内提出”，并按正确期限重新告知。
    【何时转人工】告知书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["notice_types"]):
        h = doc.hearing
        if not h or not h.notified or not h.request_days:
            continue
        days = h.request_days
        if days == params["expected_days"] or (params["allow_longer"] and days > params["expected_days"]):
            continue
        unit = "个工作日" if h.request_unit == "working_day" else "日"
        evidence = list(h.evidence[:2]) or [doc_ev(doc)]
        out.append(hit(f"《{doc_name(doc)}》告知的听证申请期限为{days}{unit}，法定为{params['expected_days']}个工作日",
                       evidence, needs_human=low_conf(doc, params)))
    return out


_INTERNAL_TYPES = {"filing", "approval", "legal_review", "collective_discussion", "investigation_report", "closing"}
_INTERNAL_TITLE = re.compile(r"审批|呈批|报批|审签|请示|报告|讨论|审核|审查意见|备考")


def _internal_form(doc) -> bool:
    """An agency's internal form or report (审批表, 呈批表, 调查报告, 讨论记录), not a paper of the party."""
    return doc.type in _INTERNAL_TYPES or bool(_INTERNAL_TITLE.search(doc.title or ""))


@register_check("hearing.requested_not_held",
                params={"held_types": "list[str]", "notice_title_keywords": "list[str]"})
def requested_not_held(facts: Facts, params: dict):
    """【检查内容】当事人要求听证的，案卷中是否有听证通知书、听证笔录等组织听证的材料。
    【依据】《中华人民共和国行政处罚法》第六十三条第一款：当事人要求听证的，行政机关应当组织听证；
    第六十四条规定了听证程序（提前七日通知、制作听证笔录）。
    【示例】告知书回执上当事人写明“要求听证”，卷内无听证通知书和听证笔录，直接作出决定。
    【整改】依法组织听证并制作听证笔录；当事人撤回申请的，应有书面撤回材料附卷；未听证作出的决定应撤销重作。
    【何时转人工】载明当事人要求听证的文书识别置信度低于参数 low_confidence 时转人工；只有内部审批表、报告提到当事人
    申请听证，而卷内没有当事人的听证申请、回执或记录时转人工。
    """
    requested = [d for d in facts.documents if d.hearing_requested]
    if not requested and not facts.dates.get("hearing_requested"):
        return []
    if facts.docs(*params["held_types"]) or facts.dates.get("hearing"):
        return []
    if any(d.type == "hearing_notice" and contains_any(d.title, params["notice_title_keywords"])
           for d in facts.documents):
        return []
    # The party's own act (an application, a receipt, a record, the decision's account, a dated
    # request) proves the request; an internal approval form or report that only gives it as a
    # reason ("延期理由：当事人申请听证") is the agency's word with nothing of the party behind it.
    direct = [d for d in requested if not _internal_form(d)]
    src = (direct or requested or [None])[0]
    evidence = (field_ev(src, "hearing_requested") if src else []) + [searched_ev(facts, "听证通知书、听证笔录")]
    if src is not None and low_conf(src, params):
        return [hit("识别到当事人要求听证，但该页识别置信度低，需人工核实；案卷中未见听证材料", evidence,
                    needs_human=True)]
    if not direct and not facts.dates.get("hearing_requested"):
        return [hit(f"《{doc_name(src)}》记载当事人申请听证，但卷内既无当事人的听证申请或回执，也无听证通知书、"
                    "听证笔录，需人工核实当事人是否要求听证", evidence, needs_human=True)]
    return [hit("当事人要求听证，案卷中未见听证通知书或听证笔录，未依法组织听证", evidence)]


@register_check("hearing.notice_too_late", params={"min_working_days": "int"})
def notice_too_late(facts: Facts, params: dict):
    """【检查内容】听证通知是否在举行听证的参数 min_working_days 所定工作日数之前送达当事人。
    【依据】《中华人民共和国行政处罚法》第六十四条第（二）项：行政机关应当在举行听证的七日前，通知当事人及
    有关人员听证的时间、地点；第八十五条：“七日”为工作日。按送达次日起算，听证日不早于第七个工作日。
    【示例】听证通知书2024年5月6日送达，听证定于5月10日举行，仅隔四个工作日。
    【整改】合理安排听证日期，确保通知送达后至少七个工作日再举行听证；通知过迟的应重新通知、延期举行。
    【何时转人工】听证通知识别置信度低于参数 low_confidence 时转人工；期间涉及无节假日数据的年份、工作日无法精确计算
    时转人工。
    """
    hearing = milestone(facts, "hearing")
    if hearing is None:
        for doc in facts.docs("hearing_notice"):
            for d in doc.dates:
                if d.role == "hearing":
                    hearing_day, hearing_ev = d.date, ev(d.page, d.quote)
                    break
            else:
                continue
            break
        else:
            return []
    else:
        hearing_day, hearing_ev = hearing.date, hearing.evidence
    notified = served(facts, "hearing_notice")
    exact_service = notified is not None
    if notified is None:
        notified = first_dated(facts, "hearing_notice")  # issued no later than served
    if notified is None:
        return []
    earliest = add_working_days(notified.date, params["min_working_days"])
    if hearing_day >= earliest.date:
        return []
    how = "送达" if exact_service else "制作"
    msg = (f"听证通知{fmt_date(notified.date)}{how}，听证于{fmt_date(hearing_day)}举行，"
           f"不足{params['min_working_days']}个工作日（最早应为{fmt_date(earliest.date)}）{earliest.note()}")
    uncertain = (notified.doc is not None and low_conf(notified.doc, params)) or not earliest.exact
    return [hit(msg, [notified.evidence, hearing_ev], needs_human=uncertain)]

