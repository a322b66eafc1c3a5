"""Defect injection: one small function per DEFECTS.md code, plus the table of what each needs.

``NEEDS`` says which clean-case preconditions a code requires (a fine in hearing scope, a statement
on file, a hearing held…); ``EXCLUDES`` lists combinations that cannot coexist or would hide each
other.  The truth is not taken from this module: ``truth.compute_defects`` re-derives it from the
case after injection, and ``make_case`` checks that every requested code is really present.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import random
from typing import Callable

from . import ids
from .case import THRESHOLDS, Case
from .fmt import add_workdays, next_workday

GENERAL_ONLY = "general"
SIMPLE_OK = "both"

# code -> (procedures, needs)
NEEDS: dict[str, tuple[str, dict]] = {
    "subject.authority_missing": (SIMPLE_OK, {}),
    "subject.authority_inconsistent": (GENERAL_ONLY, {}),
    "subject.officers_fewer_than_two": (GENERAL_ONLY, {}),
    "subject.officer_certificate_missing": (SIMPLE_OK, {}),
    "subject.party_incomplete": (SIMPLE_OK, {}),
    "subject.party_inconsistent": (GENERAL_ONLY, {}),
    "subject.party_id_invalid": (SIMPLE_OK, {}),
    "evidence.no_investigation_record": (GENERAL_ONLY, {}),
    "evidence.record_unsigned_by_party": (GENERAL_ONLY, {}),
    "evidence.record_unsigned_by_officer": (GENERAL_ONLY, {}),
    "evidence.record_time_incomplete": (GENERAL_ONLY, {}),
    "evidence.party_identity_proof_missing": (GENERAL_ONLY, {}),
    "evidence.listed_evidence_missing": (GENERAL_ONLY, {}),
    "evidence.facts_inconsistent": (GENERAL_ONLY, {}),
    "legal_basis.no_violation_basis": (SIMPLE_OK, {}),
    "legal_basis.no_penalty_basis": (SIMPLE_OK, {}),
    "legal_basis.citation_imprecise": (SIMPLE_OK, {}),
    "legal_basis.law_name_nonstandard": (SIMPLE_OK, {}),
    "legal_basis.citation_outdated": (SIMPLE_OK, {}),
    "legal_basis.citation_inconsistent": (GENERAL_ONLY, {}),
    "legal_basis.simplified_over_limit": ("simplified", {}),
    "procedure.no_filing": (GENERAL_ONLY, {}),
    "procedure.filing_after_investigation": (GENERAL_ONLY, {}),
    "procedure.date_order_violation": (GENERAL_ONLY, {}),
    "procedure.no_prior_notice": (GENERAL_ONLY, {"statement": False, "hearing_requested": False}),
    "procedure.prior_notice_incomplete": (GENERAL_ONLY, {}),
    "procedure.decided_within_defense_period": (GENERAL_ONLY, {"statement": False, "hearing_requested": False}),
    "procedure.penalty_increased": (GENERAL_ONLY, {"no_reduction": True, "scope": False}),
    "procedure.statement_not_reviewed": (GENERAL_ONLY, {"statement": True, "no_reduction": True}),
    "procedure.overdue_decision": (GENERAL_ONLY, {"extension": False}),
    "procedure.no_legal_review": (GENERAL_ONLY, {"scope": True}),
    "procedure.no_collective_discussion": (GENERAL_ONLY, {"scope": True}),
    "procedure.no_service_receipt": (GENERAL_ONLY, {}),
    "procedure.service_receipt_incomplete": (GENERAL_ONLY, {}),
    "procedure.late_service": (GENERAL_ONLY, {}),
    "procedure.no_closing": (GENERAL_ONLY, {}),
    "hearing.not_notified": (GENERAL_ONLY, {"scope": True, "hearing_right": False, "hearing_requested": False}),
    "hearing.wrong_request_period": (GENERAL_ONLY, {"hearing_right": True}),
    "hearing.requested_not_held": (GENERAL_ONLY, {"scope": True, "hearing_right": True, "hearing_requested": True, "hearing_held": False}),
    "hearing.notice_too_late": (GENERAL_ONLY, {"scope": True, "hearing_right": True, "hearing_requested": True, "hearing_held": True}),
    "remedy.missing": (SIMPLE_OK, {}),
    "remedy.review_period_wrong": (SIMPLE_OK, {}),
    "remedy.litigation_period_wrong": (SIMPLE_OK, {}),
    "remedy.body_unnamed": (SIMPLE_OK, {}),
    "remedy.review_body_outdated": (SIMPLE_OK, {"after_2024": True}),
    "documents.decision_elements_missing": (SIMPLE_OK, {}),
    "documents.payment_terms_missing": (SIMPLE_OK, {}),
    "documents.document_number_invalid": (SIMPLE_OK, {}),
    "documents.date_missing": (SIMPLE_OK, {}),
    "documents.seal_missing": (SIMPLE_OK, {}),
    "documents.template_residue": (SIMPLE_OK, {}),
    "documents.amount_mismatch": (SIMPLE_OK, {}),
    "documents.typo": (SIMPLE_OK, {}),
    "filing.no_catalog": (GENERAL_ONLY, {}),
    "filing.order_irregular": (GENERAL_ONLY, {}),
    "filing.no_remarks_sheet": (GENERAL_ONLY, {}),
    "filing.page_numbers": (GENERAL_ONLY, {}),
}

_NOTICE_DEPENDENT = {"procedure.prior_notice_incomplete", "procedure.decided_within_defense_period",
                     "procedure.penalty_increased", "legal_basis.citation_inconsistent",
                     "hearing.wrong_request_period", "hearing.requested_not_held", "hearing.notice_too_late",
                     "procedure.statement_not_reviewed"}
_RECORD_DEPENDENT = {"subject.officers_fewer_than_two", "evidence.record_unsigned_by_party",
                     "evidence.record_unsigned_by_officer", "evidence.record_time_incomplete",
                     "procedure.filing_after_investigation"}
EXCLUDES: dict[str, set[str]] = {
    "procedure.no_prior_notice": _NOTICE_DEPENDENT | {"hearing.not_notified"},
    "evidence.no_investigation_record": _RECORD_DEPENDENT | {"subject.officer_certificate_missing"},
    "procedure.no_filing": {"procedure.filing_after_investigation", "procedure.overdue_decision"},
    "procedure.no_service_receipt": {"procedure.late_service", "procedure.service_receipt_incomplete"},
    "remedy.missing": {"remedy.review_period_wrong", "remedy.litigation_period_wrong", "remedy.body_unnamed",
                       "remedy.review_body_outdated"},
    "remedy.body_unnamed": {"remedy.review_body_outdated"},
    "hearing.not_notified": {"hearing.wrong_request_period", "hearing.requested_not_held", "hearing.notice_too_late",
                             "procedure.penalty_increased"},
    "hearing.requested_not_held": {"hearing.notice_too_late", "procedure.no_legal_review",
                                   "procedure.no_collective_discussion"},
    "procedure.decided_within_defense_period": {"procedure.overdue_decision", "procedure.statement_not_reviewed"},
    "documents.decision_elements_missing": {"evidence.listed_evidence_missing"},
    "procedure.penalty_increased": {"procedure.no_legal_review", "procedure.no_collective_discussion"},
    "legal_basis.citation_outdated": {"legal_basis.citation_imprecise", "legal_basis.law_name_nonstandard",
                                      "legal_basis.citation_inconsistent"},
    "legal_basis.citation_imprecise": {"legal_basis.law_name_nonstandard", "legal_basis.citation_inconsistent"},
    "legal_basis.law_name_nonstandard": {"legal_basis.citation_inconsistent"},
    "legal_basis.no_penalty_basis": {"legal_basis.citation_imprecise", "legal_basis.law_name_nonstandard",
                                     "legal_basis.citation_outdated", "legal_basis.citation_inconsistent"},
    "legal_basis.no_violation_basis": {"legal_basis.citation_imprecise", "legal_basis.law_name_nonstandard",
                                       "legal_basis.citation_outdated", "legal_basis.citation_inconsistent"},
}


def conflicts(codes) -> list[tuple[str, str]]:
    codes = set(codes)
    return sorted({tuple(sorted((a, b))) for a in codes for b in EXCLUDES.get(a, ()) if b in codes})


def merge_needs(codes, procedure: str) -> dict:
    merged: dict = {}
    for code in codes:
        if code not in NEEDS:
            raise ValueError(f"unknown defect code {code!r}")
        procs, needs = NEEDS[code]
        if procs == GENERAL_ONLY and procedure != "general":
            raise ValueError(f"{code} applies to general-procedure files only")
        if procs == "simplified" and procedure != "simplified":
            raise ValueError(f"{code} needs procedure='simplified'")
        for k, v in needs.items():
            if k in merged and merged[k] != v:
                raise ValueError(f"defects {sorted(codes)} need incompatible cases ({k})")
            merged[k] = v
    if merged.get("hearing_requested") and merged.get("hearing_right") is False:
        raise ValueError("hearing requested but no hearing right")
    if merged.get("hearing_requested") and merged.get("scope") is False:
        raise ValueError("hearing requested needs a fine in hearing scope")
    return merged


# --------------------------------------------------------------------------- helpers

def _set_tail(case: Case, decided: _dt.date, served: _dt.date | None = None) -> None:
    """Move decision/approval and everything after it so that their order stays lawful."""
    approval = case.doc("approval")
    if approval:
        approval.date = decided
    case.dates["approved"] = case.dates["decided"] = decided
    case.doc("decision").date = decided
    served = served or decided
    case.dates["served"] = served
    if case.doc("decision_receipt"):
        case.doc("decision_receipt").date = served
    paid = add_workdays(served, 2)
    case.dates["paid"] = paid
    if case.doc("payment"):
        case.doc("payment").date = paid
    closed = add_workdays(paid, 3)
    case.dates["closed"] = closed
    if case.doc("closing"):
        case.doc("closing").date = closed


def _set_fine(case: Case, fine: float) -> None:
    case.fine = float(fine)
    case.doc("decision").attrs["fine"] = float(fine)
    if case.doc("payment"):
        case.doc("payment").attrs["amount"] = float(fine) + case.gains


def _name_variant(name: str, rng) -> str:
    if "有限公司" in name:
        return name.replace("有限公司", "公司")
    if len(name) <= 4:
        alt = "华明军芳杰丽涛伟"
        return name[:-1] + rng.choice([c for c in alt if c != name[-1]])
    return name[:-2] + name[-1]


# --------------------------------------------------------------------------- injectors

def _authority_missing(c: Case, rng):
    c.doc("decision").attrs["authority_shown"] = False


def _authority_inconsistent(c: Case, rng):
    target = rng.choice([d for d in (c.doc("notice"), c.doc("filing")) if d])
    target.attrs["authority"] = c.agency["name"] + rng.choice(["稽查大队", "执法大队", "综合执法队"])


def _officers_lt2(c: Case, rng):
    r = rng.choice(c.docs_of("inspection", "inquiry"))
    r.attrs["officers"] = r.attrs["officers"][:1]


def _cert_missing(c: Case, rng):
    targets = c.docs_of("inspection", "inquiry") if c.procedure == "general" else [c.doc("decision")]
    r = rng.choice(targets)
    if rng.random() < 0.5 or c.procedure != "general":
        r.attrs["cert_numbers"] = False
    else:
        r.attrs["cert_shown"] = False


def _party_incomplete(c: Case, rng):
    pf = c.doc("decision").attrs["party_fields"]
    if c.party.kind == "company":
        pf["representative"] = False
    else:
        pf["id"] = False


def _party_inconsistent(c: Case, rng):
    targets = [d for d in c.docs if "party_name" in d.attrs and d.key != "decision"]
    t = rng.choice(targets)
    t.attrs["party_name"] = _name_variant(c.party.name, rng)


def _party_id_invalid(c: Case, rng):
    bad = ids.corrupt_check_char(c.party.id_number, rng)
    old = c.party.id_number
    c.party.id_number = bad
    for d in c.docs:
        for k in ("party_id", "id_number"):
            if d.attrs.get(k) == old:
                d.attrs[k] = bad


def _no_investigation_record(c: Case, rng):
    c.remove(*[d.key for d in c.docs_of("inspection", "inquiry", "inquiry_notice")])


def _unsigned_party(c: Case, rng):
    rng.choice(c.docs_of("inspection", "inquiry")).attrs["party_signed"] = False


def _unsigned_officer(c: Case, rng):
    rng.choice(c.docs_of("inspection", "inquiry")).attrs["officer_signed"] = False


def _time_incomplete(c: Case, rng):
    rng.choice(c.docs_of("inquiry")).attrs["time_complete"] = False


def _identity_missing(c: Case, rng):
    c.remove("ev_identity")
    if rng.random() < 0.5:  # the decision may still list it (then listed_evidence_missing follows)
        c.doc("decision").attrs["evidence_list"] = [k for k in c.doc("decision").attrs["evidence_list"] if k != "identity"]


def _listed_missing(c: Case, rng):
    dec = c.doc("decision").attrs
    if c.doc("ev_books"):
        c.remove("ev_books")
    elif "test_report" not in dec["evidence_list"]:
        dec["evidence_list"] = dec["evidence_list"] + ["test_report"]
    else:
        c.remove("ev_photos")


def _facts_inconsistent(c: Case, rng):
    target = rng.choice([d for d in (c.doc("report"), c.doc("notice")) if d])
    facts = target.attrs["facts"]
    facts["qty"] = facts["qty"] + rng.randint(2, 9)
    if facts.get("goods_value"):
        facts["goods_value"] = facts["goods_value"] + rng.randint(3, 20) * 100


def _no_violation_basis(c: Case, rng):
    c.doc("decision").attrs["violated"] = None


def _no_penalty_basis(c: Case, rng):
    c.doc("decision").attrs["penalty_cite"] = None


def _cite_style_everywhere(c: Case, role: str, style: str):
    for d in (c.doc("notice"), c.doc("decision")):
        if d:
            d.attrs.setdefault("cite_style", {"violated": "full", "penalty": "full"})[role] = style


def _imprecise(c: Case, rng):
    pen = c.violation.penalty
    if pen.paragraph or pen.item:
        _cite_style_everywhere(c, "penalty", "no_item")
    else:
        _cite_style_everywhere(c, "violated", "no_article")


def _nonstandard(c: Case, rng):
    role = rng.choice(["violated", "penalty"])
    cite = c.violation.violated if role == "violated" else c.violation.penalty
    style = "short" if cite.short != cite.law and rng.random() < 0.7 else "unbalanced"
    _cite_style_everywhere(c, role, style)


def _outdated(c: Case, rng):
    pen = c.violation.penalty
    if (pen.old_article or pen.old_law) and (rng.random() < 0.5 or not c.doc("notice")):
        _cite_style_everywhere(c, "penalty", "outdated")
    elif c.doc("notice"):
        c.doc("notice").attrs["aplaw_outdated"] = True
    else:  # 当场 decision citing the 行政处罚法 by its pre-2021 numbering (第三十三条 for 第五十一条)
        c.doc("decision").attrs["aplaw_outdated"] = True


def _citation_inconsistent(c: Case, rng):
    n = c.doc("notice").attrs
    pen = n["penalty_cite"]
    if pen.item:
        n["penalty_cite"] = dataclasses.replace(pen, item=pen.item + 1 if pen.item < 4 else pen.item - 1)
    else:
        n["penalty_cite"] = dataclasses.replace(pen, article=pen.article + 1)


def _over_limit(c: Case, rng):
    cap = THRESHOLDS["simplified"][c.party.klass]
    _set_fine(c, cap + rng.choice([100, 300, 800]) if cap < 1000 else cap + rng.choice([1000, 2000]))


def _no_filing(c: Case, rng):
    c.remove("filing")


def _filing_after(c: Case, rng):
    first = min(d.date for d in c.docs_of("inquiry"))
    c.doc("filing").date = c.dates["filed"] = add_workdays(first, rng.randint(1, 2))


def _date_order(c: Case, rng):
    rec = c.doc("decision_receipt")
    if rec and c.doc("payment") and rng.random() < 0.6 and "procedure.late_service" not in c.requested:
        served = add_workdays(c.dates["decided"], 3)
        _set_tail(c, c.dates["decided"], served)
        pay = add_workdays(c.dates["decided"], 1)
        c.doc("payment").date = c.dates["paid"] = pay
    else:
        closing = c.doc("closing")
        pay = c.doc("payment")
        anchor = pay.date if pay else c.dates["served"]
        closing.date = c.dates["closed"] = add_workdays(anchor, -rng.randint(1, 2))
        if closing.date < c.dates["decided"]:
            closing.date = c.dates["closed"] = c.dates["decided"]


def _no_prior_notice(c: Case, rng):
    c.remove("notice", "notice_receipt", "statement", "statement_review", "hearing_request", "hearing_notice",
             "hearing_record", "hearing_report")


def _notice_incomplete(c: Case, rng):
    c.doc("notice").attrs[rng.choice(["statement_right", "penalty", "basis"])] = False


def _within_defense(c: Case, rng):
    served = c.doc("notice_receipt").date if c.doc("notice_receipt") else c.doc("notice").date
    decided = add_workdays(served, rng.randint(1, 3))
    _set_tail(c, decided, add_workdays(decided, rng.randint(0, 2)))


def _penalty_increased(c: Case, rng):
    n = c.doc("notice").attrs["fine"]
    thr = THRESHOLDS["hearing"][c.party.klass]
    new = round(n * rng.uniform(1.15, 1.5) / 100) * 100
    if new >= thr:  # no room below the hearing threshold: lower the proposal instead
        proposed = round(n * rng.uniform(0.6, 0.85) / 100) * 100
        c.doc("notice").attrs["fine"] = proposed
        c.doc("report").attrs["proposed_fine"] = proposed
        c.notice_fine = proposed
        return
    _set_fine(c, new)
    c.doc("report").attrs["proposed_fine"] = n


def _statement_not_reviewed(c: Case, rng):
    c.remove("statement_review")


def _overdue(c: Case, rng):
    filed = c.doc("filing").date if c.doc("filing") else c.dates["filed"]
    decided = next_workday(filed + _dt.timedelta(days=rng.randint(95, 130)))
    _set_tail(c, decided, add_workdays(decided, rng.randint(0, 3)))


def _no_legal_review(c: Case, rng):
    c.remove("legal_review")


def _no_discussion(c: Case, rng):
    c.remove("discussion")


def _no_service_receipt(c: Case, rng):
    c.remove("decision_receipt")


def _receipt_incomplete(c: Case, rng):
    r = rng.choice(c.docs_of("service_receipt"))
    r.attrs[rng.choice(["recipient_signed", "method_shown", "date_shown"])] = False


def _late_service(c: Case, rng):
    decided = c.dates["decided"]
    _set_tail(c, decided, add_workdays(decided, rng.randint(9, 15)))


def _no_closing(c: Case, rng):
    c.remove("closing")


def _not_notified(c: Case, rng):
    c.doc("notice").attrs["hearing_right"] = False


def _wrong_period(c: Case, rng):
    c.doc("notice").attrs["hearing_days"] = rng.choice([3, 3, 7, 10])


def _requested_not_held(c: Case, rng):
    c.remove("hearing_notice", "hearing_record", "hearing_report")


def _notice_too_late(c: Case, rng):
    hn = c.doc("hearing_notice")
    day = add_workdays(hn.date, rng.randint(2, 5))
    c.doc("hearing_record").date = c.dates["hearing"] = day
    hn.attrs["hearing_date"] = day
    c.doc("hearing_report").date = c.dates["hearing_report"] = add_workdays(day, 1)


def _remedy_missing(c: Case, rng):
    rm = c.doc("decision").attrs["remedy"]
    rm["review"] = rm["litigation"] = False


def _review_period(c: Case, rng):
    c.doc("decision").attrs["remedy"]["review_days"] = rng.choice(["十五日", "三十日", "15日", "九十日"])


def _litigation_period(c: Case, rng):
    rm = c.doc("decision").attrs["remedy"]
    rm["litigation_period"] = rng.choice(["三个月", "三个月", "3个月"] + ([] if rm.get("review_first") else ["十五日"]))


def _body_unnamed(c: Case, rng):
    rm = c.doc("decision").attrs["remedy"]
    if rng.random() < 0.6:
        rm["review_body"] = rng.choice(["上一级行政机关", "有关部门", "区政府" if c.agency["level"] == "district" else "市政府"])
    else:
        rm["court"] = "人民法院"


def _body_outdated(c: Case, rng):
    c.doc("decision").attrs["remedy"]["review_body"] = c.agency["upper"]


def _elements_missing(c: Case, rng):
    a = c.doc("decision").attrs
    if c.procedure == "general" and rng.random() < 0.7:
        a["evidence_list"] = []
    else:
        a["party_fields"]["address"] = False


def _payment_terms(c: Case, rng):
    c.doc("decision").attrs["payment"][rng.choice(["late_fee", "channel"])] = False


def _docno_invalid(c: Case, rng):
    d = rng.choice([x for x in (c.doc("notice"), c.doc("decision")) if x])
    num = d.attrs["number"]
    d.attrs["number"] = rng.choice([num.replace("〔", "[").replace("〕", "]"), num.replace("〔", "（").replace("〕", "）"), None])


def _date_missing(c: Case, rng):
    d = c.doc("notice") or c.doc("decision")
    d.attrs["date_shown"] = False


def _seal_missing(c: Case, rng):
    d = rng.choice([x for x in (c.doc("notice"), c.doc("decision")) if x])
    d.attrs["seal"] = False


RESIDUES = ["XXX", "××", "________", "（选填）", "你（单位）"]


def _residue(c: Case, rng):
    places = [d for d in c.docs if d.key in ("notice", "decision", "report", "inquiry1", "closing")]
    d = rng.choice(places)
    d.attrs["residue"] = rng.choice(RESIDUES)


def _amount_mismatch(c: Case, rng):
    a = c.doc("decision").attrs
    fine = a["fine"]
    thr_h = THRESHOLDS["hearing"][c.party.klass]
    for factor in (0.8, 0.6, 0.9, 0.5, 0.7):
        words = round(fine * factor / 10) * 10
        if words != fine and (words >= thr_h) == (fine >= thr_h) and words > 0:
            a["fine_words"] = float(words)
            return
    raise ValueError("no mismatching amount on the same side of the thresholds")


TYPOS = [("听政", "听证"), ("申辨", "申辩"), ("行政复义", "行政复议"), ("违返", "违反"), ("罚没歀", "罚没款")]


def _typo(c: Case, rng):
    if c.procedure == "general":
        d = rng.choice([x for x in (c.doc("report"), c.doc("approval"), c.doc("closing")) if x])
    else:
        d = c.doc("decision")
    d.attrs["typo"] = rng.choice(TYPOS)


def _no_catalog(c: Case, rng):
    c.remove("catalog")


def _order_irregular(c: Case, rng):
    keys = [d.key for d in c.docs]
    options = []
    if "report" in keys and "ev_identity" in keys:
        options.append(("report", "ev_identity"))      # report filed before the evidence
    # Not "inspection record before the filing" nor "inquiry before the inspection record": the
    # orders of reference/standards.md §3.2 allow both (A: 现场笔录 may precede 立案审批表 on the
    # same day; B files 询问笔录 before 现场笔录 among the evidence).  结案 comes last in all of them.
    if "closing" in keys and "decision" in keys:
        options.append(("closing", "decision"))        # closing approval filed before the decision
    move, before = rng.choice(options)
    doc = c.doc(move)
    c.docs.remove(doc)
    c.docs.insert([d.key for d in c.docs].index(before), doc)


def _no_remarks(c: Case, rng):
    c.remove("remarks")


def _page_numbers(c: Case, rng):
    c.flags["page_numbers"] = rng.choice(["none", "skip", "repeat"])


INJECTORS: dict[str, Callable[[Case, random.Random], None]] = {
    "subject.authority_missing": _authority_missing,
    "subject.authority_inconsistent": _authority_inconsistent,
    "subject.officers_fewer_than_two": _officers_lt2,
    "subject.officer_certificate_missing": _cert_missing,
    "subject.party_incomplete": _party_incomplete,
    "subject.party_inconsistent": _party_inconsistent,
    "subject.party_id_invalid": _party_id_invalid,
    "evidence.no_investigation_record": _no_investigation_record,
    "evidence.record_unsigned_by_party": _unsigned_party,
    "evidence.record_unsigned_by_officer": _unsigned_officer,
    "evidence.record_time_incomplete": _time_incomplete,
    "evidence.party_identity_proof_missing": _identity_missing,
    "evidence.listed_evidence_missing": _listed_missing,
    "evidence.facts_inconsistent": _facts_inconsistent,
    "legal_basis.no_violation_basis": _no_violation_basis,
    "legal_basis.no_penalty_basis": _no_penalty_basis,
    "legal_basis.citation_imprecise": _imprecise,
    "legal_basis.law_name_nonstandard": _nonstandard,
    "legal_basis.citation_outdated": _outdated,
    "legal_basis.citation_inconsistent": _citation_inconsistent,
    "legal_basis.simplified_over_limit": _over_limit,
    "procedure.no_filing": _no_filing,
    "procedure.filing_after_investigation": _filing_after,
    "procedure.date_order_violation": _date_order,
    "procedure.no_prior_notice": _no_prior_notice,
    "procedure.prior_notice_incomplete": _notice_incomplete,
    "procedure.decided_within_defense_period": _within_defense,
    "procedure.penalty_increased": _penalty_increased,
    "procedure.statement_not_reviewed": _statement_not_reviewed,
    "procedure.overdue_decision": _overdue,
    "procedure.no_legal_review": _no_legal_review,
    "procedure.no_collective_discussion": _no_discussion,
    "procedure.no_service_receipt": _no_service_receipt,
    "procedure.service_receipt_incomplete": _receipt_incomplete,
    "procedure.late_service": _late_service,
    "procedure.no_closing": _no_closing,
    "hearing.not_notified": _not_notified,
    "hearing.wrong_request_period": _wrong_period,
    "hearing.requested_not_held": _requested_not_held,
    "hearing.notice_too_late": _notice_too_late,
    "remedy.missing": _remedy_missing,
    "remedy.review_period_wrong": _review_period,
    "remedy.litigation_period_wrong": _litigation_period,
    "remedy.body_unnamed": _body_unnamed,
    "remedy.review_body_outdated": _body_outdated,
    "documents.decision_elements_missing": _elements_missing,
    "documents.payment_terms_missing": _payment_terms,
    "documents.document_number_invalid": _docno_invalid,
    "documents.date_missing": _date_missing,
    "documents.seal_missing": _seal_missing,
    "documents.template_residue": _residue,
    "documents.amount_mismatch": _amount_mismatch,
    "documents.typo": _typo,
    "filing.no_catalog": _no_catalog,
    "filing.order_irregular": _order_irregular,
    "filing.no_remarks_sheet": _no_remarks,
    "filing.page_numbers": _page_numbers,
}

# removals first (later injectors pick among the documents left), date moves before the
# attribute edits that read dates, amount edits after the fine is final, order/pages last.
_PHASE = {
    "procedure.no_prior_notice": 0, "evidence.no_investigation_record": 0, "procedure.no_filing": 0,
    "procedure.no_service_receipt": 0, "procedure.no_closing": 0, "procedure.no_legal_review": 0,
    "procedure.no_collective_discussion": 0, "hearing.requested_not_held": 0, "filing.no_catalog": 0,
    "filing.no_remarks_sheet": 0, "procedure.statement_not_reviewed": 0,
    "evidence.party_identity_proof_missing": 0,
    "procedure.decided_within_defense_period": 1, "procedure.overdue_decision": 1, "procedure.late_service": 1,
    "procedure.filing_after_investigation": 1, "hearing.notice_too_late": 1, "procedure.date_order_violation": 2,
    "procedure.penalty_increased": 1, "legal_basis.simplified_over_limit": 1,
    "documents.amount_mismatch": 4, "filing.order_irregular": 5, "filing.page_numbers": 5,
}


def inject(case: Case, codes, rng: random.Random) -> None:
    for code in sorted(codes, key=lambda c: (_PHASE.get(c, 3), c)):
        try:
            INJECTORS[code](case, rng)
        except (AttributeError, KeyError, IndexError, TypeError) as exc:  # the document it edits is gone
            raise ValueError(f"{code} cannot be injected into this case ({type(exc).__name__}: {exc})") from exc
        case.requested.append(code)
