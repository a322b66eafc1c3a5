"""Derive the truth (every defect code the dossier has) from the structured case.

Each rule below restates one DEFECTS.md definition over the case's fields, so knock-on defects
(e.g. a removed prior notice also leaving the hearing right un-notified) come out by themselves
instead of being remembered by hand.  Where two codes could both describe one fault, the choice
is written in the reason text that goes into the truth file (``defect_reasons``).
"""
from __future__ import annotations

import datetime as _dt
import re

from . import ids
from .case import ORDER_RANK, THRESHOLDS, Case
from .fmt import add_workdays, workdays_between

SIMPLIFIED_CODES = {
    "subject.authority_missing", "subject.officer_certificate_missing", "subject.party_incomplete",
    "subject.party_id_invalid", "legal_basis.no_violation_basis", "legal_basis.no_penalty_basis",
    "legal_basis.citation_imprecise", "legal_basis.law_name_nonstandard", "legal_basis.citation_outdated",
    "legal_basis.simplified_over_limit", "remedy.missing", "remedy.review_period_wrong",
    "remedy.litigation_period_wrong", "remedy.body_unnamed", "remedy.review_body_outdated",
    "documents.decision_elements_missing", "documents.payment_terms_missing",
    "documents.document_number_invalid", "documents.date_missing", "documents.seal_missing",
    "documents.template_residue", "documents.amount_mismatch", "documents.typo",
}
DOCNO_RE = re.compile(r"〔(19|20)\d\d〕")
CORRECT_REVIEW = {"六十日", "60日", "六十天"}
CORRECT_LITIGATION = {"六个月", "6个月"}


def effective_cite(cite, style: str):
    """(law, article, paragraph, item) as printed under a citation style."""
    if cite is None:
        return None
    if style == "no_article":
        return (cite.law, None, None, None)
    if style == "no_item":
        return (cite.law, cite.article, None, None)
    if style == "outdated":
        if cite.old_article:
            return (cite.law, cite.old_article, cite.paragraph, cite.item)
        return (cite.old_law or cite.law, cite.article, cite.paragraph, cite.item)
    return (cite.law, cite.article, cite.paragraph, cite.item)


def _id_ok(kind: str, number: str) -> bool:
    return ids.id_number_valid(number) if kind == "id_card" else ids.credit_code_valid(number)


def order_ranks(case: Case) -> list[int]:
    ranks = []
    for d in case.docs:
        if d.type == "service_receipt":
            served = case.doc(d.attrs["serves"])
            ranks.append(ORDER_RANK.get(served.type, 12) if served else ranks[-1] if ranks else 0)
        elif d.type == "other":  # 听证申请书 with the hearing papers, 延期审批表 just before the approval
            ranks.append(13 if d.key == "extension" else 12)
        else:
            ranks.append(ORDER_RANK[d.type])
    return ranks


def compute_defects(case: Case) -> dict[str, str]:
    out: dict[str, str] = {}

    def add(code: str, why: str) -> None:
        out.setdefault(code, why)

    dec = case.doc("decision")
    notice = case.doc("notice")
    filing = case.doc("filing")
    records = case.docs_of("inspection", "inquiry")
    inquiries = case.docs_of("inquiry")
    general = case.procedure == "general"
    da = dec.attrs if dec else {}

    # ---------------------------------------------------------------- subject
    if dec and not da["authority_shown"]:
        add("subject.authority_missing", "decision has no issuing authority in its heading or 落款 (seal only)")
    if general:
        names = {d.attrs["authority"] for d in (filing, notice) if d}
        if dec and da["authority_shown"]:
            names.add(case.agency["name"])
        if len(names) > 1:
            add("subject.authority_inconsistent", f"authorities named: {sorted(names)}")
    for r in records:
        if len(r.attrs["officers"]) < 2:
            add("subject.officers_fewer_than_two", f"{r.title} ({r.key}) names one officer")
    signers = records + ([dec] if not general and dec else [])
    for r in signers:
        if not r.attrs["cert_numbers"] or not r.attrs["cert_shown"]:
            add("subject.officer_certificate_missing", f"{r.title} ({r.key}) lacks certificate numbers or the 出示证件 statement")
    if dec:
        pf = da["party_fields"]
        missing = [k for k in ("name", "id", "address") if not pf[k]]
        if case.party.kind == "company" and not pf["representative"]:
            missing.append("representative")
        if missing:
            add("subject.party_incomplete", f"decision omits party {missing}")
    pnames = {d.attrs["party_name"] for d in case.docs if "party_name" in d.attrs}
    pids = {d.attrs["party_id"] for d in case.docs if "party_id" in d.attrs}
    if len(pnames) > 1 or len(pids) > 1:
        add("subject.party_inconsistent", f"party names {sorted(pnames)} / ids {sorted(pids)} differ between documents")
    all_ids = {d.attrs[k] for d in case.docs for k in ("party_id", "id_number") if k in d.attrs}
    bad = [n for n in all_ids if not _id_ok(case.party.id_kind, n)]
    if case.party.rep_id and not ids.id_number_valid(case.party.rep_id):
        bad.append(case.party.rep_id)
    if bad:
        add("subject.party_id_invalid", f"check digit wrong in {bad}")

    # ---------------------------------------------------------------- evidence
    if general:
        if not records:
            add("evidence.no_investigation_record", "no inspection and no inquiry record in the file")
        for r in records:
            if not r.attrs["party_signed"]:
                add("evidence.record_unsigned_by_party", f"{r.key}: no party signature/以上笔录属实 and no refusal note")
            if not r.attrs["officer_signed"]:
                add("evidence.record_unsigned_by_officer", f"{r.key}: officers did not sign")
        for r in inquiries:
            if not r.attrs["time_complete"]:
                add("evidence.record_time_incomplete", f"{r.key}: start/end time not to the minute")
        kinds = {d.attrs.get("kind") for d in case.docs_of("evidence")}
        if "identity" not in kinds:
            add("evidence.party_identity_proof_missing", "no licence/ID copy in the file")
        if dec:
            present = kinds | {d.type for d in records}
            missing = [k for k in da["evidence_list"] if k not in present]
            if missing:
                add("evidence.listed_evidence_missing", f"decision lists {missing}, not in the file")
        fact_sets = {}
        for d in (case.doc("report"), notice, dec):
            if d and d.attrs.get("facts_stated", True) and d.attrs.get("facts"):
                fact_sets[d.key] = tuple(sorted(d.attrs["facts"].items()))
        if len(set(fact_sets.values())) > 1:
            add("evidence.facts_inconsistent", f"amounts/facts differ: {fact_sets}")

    # ---------------------------------------------------------------- legal basis
    cites = {}
    for d in (notice, dec):
        if not d:
            continue
        style = d.attrs.get("cite_style", {"violated": "full", "penalty": "full"})
        if d is notice and not d.attrs["basis"]:
            continue
        for role, key in (("violated", "violated"), ("penalty", "penalty_cite")):
            c = d.attrs[key]
            if c is None:
                continue
            st = style[role]
            cites[(d.key, role)] = effective_cite(c, st)
            if st in ("no_article", "no_item"):
                add("legal_basis.citation_imprecise", f"{d.key} {role} cited {st.replace('_', ' ')}")
            if st in ("short", "unbalanced"):
                add("legal_basis.law_name_nonstandard", f"{d.key} {role} law name {st}")
            if st == "outdated":
                add("legal_basis.citation_outdated", f"{d.key} {role} cites a superseded article/law")
    if dec and da["violated"] is None:
        add("legal_basis.no_violation_basis", "decision cites no violated provision")
    if dec and da["penalty_cite"] is None:
        add("legal_basis.no_penalty_basis", "decision cites no penalty provision")
    if dec and da.get("aplaw_outdated"):
        add("legal_basis.citation_outdated", "当场 decision cites 行政处罚法 by the pre-2021 numbering")
    if notice and notice.attrs.get("aplaw_outdated"):
        add("legal_basis.citation_outdated", "notice cites 行政处罚法 articles by the pre-2021 numbering")
    if general and notice and dec:
        for role in ("violated", "penalty"):
            a, b = cites.get(("notice", role)), cites.get(("decision", role))
            if a and b and a != b:
                add("legal_basis.citation_inconsistent", f"{role}: notice {a} vs decision {b}")
    if not general:
        cap = THRESHOLDS["simplified"][case.party.klass]
        if case.fine > cap:
            add("legal_basis.simplified_over_limit", f"当场 fine {case.fine} > {cap}")

    # ---------------------------------------------------------------- procedure
    if general:
        if not filing:
            add("procedure.no_filing", "no 立案审批表")
        elif inquiries and filing.date > min(r.date for r in inquiries):
            add("procedure.filing_after_investigation", f"filed {filing.date} after inquiry {min(r.date for r in inquiries)}")
        nrec = case.doc("notice_receipt")
        drec = case.doc("decision_receipt")
        notice_day = None
        if notice:
            notice_day = notice.date if notice.attrs["date_shown"] else (nrec.date if nrec and nrec.attrs["date_shown"] else None)
        dec_day = dec.date if dec and da["date_shown"] else None
        served_day = drec.date if drec and drec.attrs["date_shown"] else None
        chain = [("report", case.doc("report").date if case.doc("report") else None), ("notice", notice_day),
                 ("approval", case.doc("approval").date if case.doc("approval") else None), ("decision", dec_day),
                 ("service", served_day), ("payment", case.doc("payment").date if case.doc("payment") else None),
                 ("closing", case.doc("closing").date if case.doc("closing") else None)]
        chain = [(k, v) for k, v in chain if v]
        for (k1, v1), (k2, v2) in zip(chain, chain[1:], strict=False):
            if v2 < v1:
                add("procedure.date_order_violation", f"{k2} ({v2}) dated before {k1} ({v1})")
        if not notice:
            add("procedure.no_prior_notice", "no 事先告知书 in the file")
        else:
            na = notice.attrs
            lack = [k for k in ("penalty", "facts_stated", "basis", "statement_right") if not na[k]]
            if lack:
                add("procedure.prior_notice_incomplete", f"notice lacks {lack}")
            served = nrec.date if nrec and nrec.attrs["date_shown"] else notice_day
            if served and dec_day and dec_day <= add_workdays(served, 5):
                add("procedure.decided_within_defense_period", f"notice served {served}, decided {dec_day}")
            if dec and na["penalty"] and da["fine"] > na["fine"]:
                add("procedure.penalty_increased", f"notice proposed {na['fine']}, decision {da['fine']}")
        if case.doc("statement") and not case.doc("statement_review"):
            add("procedure.statement_not_reviewed", "陈述申辩 on file, no 复核")
        if filing and dec_day and (dec_day - filing.date).days > 90 and not case.doc("extension"):
            add("procedure.overdue_decision", f"{(dec_day - filing.date).days} days from filing to decision")
        held = case.doc("hearing_record") is not None
        major = held or case.fine >= THRESHOLDS["major"][case.party.klass]
        if major and not case.doc("legal_review"):
            add("procedure.no_legal_review", "重大 case (hearing held or fine over threshold) without 法制审核")
        if major and not case.doc("discussion"):
            add("procedure.no_collective_discussion", "重大 case without 集体讨论")
        if not drec:
            add("procedure.no_service_receipt", "no 送达回证 for the decision")
        for r in case.docs_of("service_receipt"):
            a = r.attrs
            if not (a["recipient_signed"] and a["date_shown"] and a["method_shown"]):
                add("procedure.service_receipt_incomplete", f"{r.key} lacks signature/date/method")
        if served_day and dec_day and served_day > add_workdays(dec_day, 7):
            add("procedure.late_service", f"decided {dec_day}, served {served_day}")
        if not case.doc("closing"):
            add("procedure.no_closing", "no 结案审批表/结案报告")

        # ------------------------------------------------------------ hearing
        if case.hearing_scope(da["fine"] if dec else None) and not (notice and notice.attrs["hearing_right"]):
            add("hearing.not_notified", "penalty within hearing scope, hearing right not notified")
        if notice and notice.attrs["hearing_right"] and notice.attrs["hearing_days"] != 5:
            add("hearing.wrong_request_period", f"hearing request window stated as {notice.attrs['hearing_days']} days")
        if case.doc("hearing_request") and not case.doc("hearing_notice") and not case.doc("hearing_record"):
            add("hearing.requested_not_held", "hearing requested, no hearing notice or record")
        hn, hr = case.doc("hearing_notice"), case.doc("hearing_record")
        if hn and hr and workdays_between(hn.date, hr.date) < 7:
            add("hearing.notice_too_late", f"hearing notice {hn.date}, hearing {hr.date}")

    # ---------------------------------------------------------------- remedy
    if dec:
        rm = da["remedy"]
        if not rm["review"] and not rm["litigation"]:
            add("remedy.missing", "decision states neither 复议 nor 诉讼")
        else:
            if rm["review"] and rm["review_days"] not in CORRECT_REVIEW:
                add("remedy.review_period_wrong", f"review period {rm['review_days']}")
            # 复议前置 (当场 decisions): suit within 15 days of the review decision (行政诉讼法 第45条)
            allowed = {"十五日", "15日"} if rm.get("review_first") else CORRECT_LITIGATION
            if rm["litigation"] and rm["litigation_period"] not in allowed:
                add("remedy.litigation_period_wrong", f"litigation period {rm['litigation_period']}")
            full_bodies = {case.agency["gov"], case.agency["upper"]}
            if (rm["review"] and rm["review_body"] not in full_bodies) or (rm["litigation"] and rm["court"] != case.agency["court"]):
                add("remedy.body_unnamed", f"review body {rm['review_body']!r} / court {rm['court']!r} not by full name")
            if rm["review"] and rm["review_body"] == case.agency["upper"] and dec.date >= _dt.date(2024, 1, 1):
                add("remedy.review_body_outdated", f"decided {dec.date}, review body {rm['review_body']} (department one level up)")

    # ---------------------------------------------------------------- documents
    if dec:
        el = []
        if not (da["party_fields"]["name"] and da["party_fields"]["address"]):
            el.append("party")
        if general and not da["evidence_list"]:
            el.append("facts and evidence")
        if da["penalty_cite"] is None:
            el.append("penalty basis")
        if not da["payment"]["term"]:
            el.append("term of performance")
        if not da["authority_shown"]:
            el.append("authority")
        if not da["date_shown"]:
            el.append("date")
        if el:
            add("documents.decision_elements_missing", f"decision lacks 第59条 element(s): {el}")
        if not all(da["payment"].values()):
            add("documents.payment_terms_missing", f"payment terms missing: {[k for k, v in da['payment'].items() if not v]}")
        if da["fine_words"] is not None and da["fine_words"] != da["fine"]:
            add("documents.amount_mismatch", f"大写 {da['fine_words']} vs figures {da['fine']}")
    for d in (notice, dec):
        if d is None:
            continue
        num = d.attrs["number"]
        if not num or not DOCNO_RE.search(num):
            add("documents.document_number_invalid", f"{d.key} number {num!r}")
        if not d.attrs["date_shown"]:
            add("documents.date_missing", f"{d.key} has no date")
        if not d.attrs["seal"]:
            add("documents.seal_missing", f"{d.key} has no seal")
    for r in records:
        if not r.attrs["date_shown"]:
            add("documents.date_missing", f"{r.key} has no date")
    for d in case.docs:
        if d.attrs.get("residue"):
            add("documents.template_residue", f"{d.key}: {d.attrs['residue']!r}")
        if d.attrs.get("typo"):
            add("documents.typo", f"{d.key}: {d.attrs['typo'][0]!r}")

    # ---------------------------------------------------------------- filing
    if general:
        types = [d.type for d in case.docs]
        if "catalog" not in types:
            add("filing.no_catalog", "no 卷内目录")
        if "remarks" not in types:
            add("filing.no_remarks_sheet", "no 备考表")
        ranks = order_ranks(case)
        for i, (a, b) in enumerate(zip(ranks, ranks[1:], strict=False)):
            if b < a:
                add("filing.order_irregular", f"{case.docs[i + 1].title} filed after {case.docs[i].title}")
                break
        if case.flags.get("page_numbers") != "ok":
            add("filing.page_numbers", f"page numbering: {case.flags.get('page_numbers')}")
    else:
        out = {k: v for k, v in out.items() if k in SIMPLIFIED_CODES}
    return dict(sorted(out.items()))
