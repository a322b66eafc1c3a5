"""Key dates of a case (filed, notice served, decided, decision served…) read from the facts.

Each milestone is taken from the document that carries it first (its own 落款 date), and falls
back to the dossier-level ``Facts.dates`` the extractor collected.  Service receipts are matched
to the document they serve by the served document's title, else by position: a receipt belongs
to the nearest earlier notice or decision (files put each receipt after what it serves).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

from ..model import DocFacts, Evidence, Facts
from .common import doc_ev, ev, fmt_date, parse_iso_day

# Date roles that date a document of each type, when its own 落款 date is missing.
_OWN_ROLES = {
    "filing": ("filed",), "inspection": ("inspected",), "inquiry": ("inquired",),
    "prior_notice": ("notice_issued",), "hearing_notice": ("hearing_notified",),
    "hearing_record": ("hearing",), "legal_review": ("legal_review",),
    "collective_discussion": ("discussed",), "approval": ("approved",),
    "decision": ("decided",), "payment": ("paid",), "closing": ("closed",),
    "statement_record": ("statement",),
}


@dataclass
class Dated:
    date: _dt.date
    evidence: Evidence
    doc: Optional[DocFacts] = None


def doc_date(doc: DocFacts) -> Optional[Dated]:
    if doc.date:
        return Dated(doc.date, doc.date_evidence or doc_ev(doc, f"落款日期{fmt_date(doc.date)}"), doc)
    for role in _OWN_ROLES.get(doc.type, ()):
        for d in doc.dates:
            if d.role == role and d.date:
                return Dated(d.date, ev(d.page, d.quote, d.conf, d.box, d.read), doc)
    start = parse_iso_day(doc.start_time)
    if start:
        return Dated(start, doc_ev(doc, f"记录时间{doc.start_time}"), doc)
    return None


def _dossier_date(facts: Facts, role: str) -> Optional[Dated]:
    day = facts.dates.get(role) if facts.dates else None
    if not day:
        return None
    if isinstance(day, str):
        day = parse_iso_day(day)
        if day is None:
            return None
    # Find the sentence the extractor took it from, for the quote.
    for doc in facts.documents:
        for d in doc.dates:
            if d.role == role and d.date == day:
                return Dated(day, ev(d.page, d.quote, d.conf, d.box, d.read), doc)
    return Dated(day, ev(0, f"案卷记载的{role}日期{fmt_date(day)}"))


def first_dated(facts: Facts, *types: str) -> Optional[Dated]:
    """Earliest dated document among ``types``."""
    dated = [d for d in (doc_date(doc) for doc in facts.docs(*types)) if d]
    return min(dated, key=lambda d: d.date) if dated else None


def last_dated(facts: Facts, *types: str) -> Optional[Dated]:
    dated = [d for d in (doc_date(doc) for doc in facts.docs(*types)) if d]
    return max(dated, key=lambda d: d.date) if dated else None


# --------------------------------------------------------------------------- service

_KIND_WORDS = {
    "hearing_notice": ("听证通知",),
    "notice": ("告知",),
    "decision": ("决定",),
}
_SERVES = {"decision": ("decision",), "notice": ("prior_notice",),
           "hearing_notice": ("hearing_notice",)}


def _receipt_kind(facts: Facts, receipt: DocFacts) -> Optional[str]:
    served = (receipt.service.served_document if receipt.service else None) or ""
    if served:
        for kind, words in _KIND_WORDS.items():
            if any(w in served for w in words):
                return kind
        return None
    # No title of the served document: the nearest earlier notice or decision in the file.
    for doc in reversed(facts.documents[: max(0, _position(facts, receipt))]):
        if doc.type == "decision":
            return "decision"
        if doc.type == "prior_notice":
            return "notice"
        if doc.type == "hearing_notice":
            title = doc.title or ""
            return "hearing_notice" if "通知" in title else "notice"
    return None


def _position(facts: Facts, doc: DocFacts) -> int:
    for i, d in enumerate(facts.documents):
        if d is doc:
            return i
    return doc.index


def _date_ev(doc: DocFacts, day) -> Optional[Evidence]:
    """The quote (and reading confidence) of ``day`` as written in ``doc``."""
    for d in doc.dates:
        if d.date == day:
            return ev(d.page, d.quote, d.conf, d.box, d.read)
    return None


def receipts_for(facts: Facts, kind: str) -> list[DocFacts]:
    """Service receipts of ``kind``: decision | notice | hearing_notice."""
    return [r for r in facts.docs("service_receipt") if _receipt_kind(facts, r) == kind]


def served(facts: Facts, kind: str) -> Optional[Dated]:
    """When the ``kind`` document was served (earliest receipt date)."""
    found: list[Dated] = []
    for r in receipts_for(facts, kind):
        if r.service and r.service.served_date:
            quote = _date_ev(r, r.service.served_date) or (r.service.evidence[0] if r.service.evidence else doc_ev(
                r, f"送达日期{fmt_date(r.service.served_date)}"))
            found.append(Dated(r.service.served_date, quote, r))
        else:
            d = doc_date(r)
            if d:
                found.append(d)
    # A decision handed over on the spot records its own service.
    for doc in facts.docs(*_SERVES[kind]):
        if doc.service and doc.service.served_date:
            quote = doc.service.evidence[0] if doc.service.evidence else doc_ev(doc)
            found.append(Dated(doc.service.served_date, quote, doc))
    if found:
        return min(found, key=lambda d: d.date)
    role = {"decision": "served", "notice": "notice_served",
            "hearing_notice": "hearing_notified"}[kind]
    if kind == "decision":
        # Facts.dates["served"] is the first service seen, which may be the notice's: only use
        # it when it is not before the decision.
        d = _dossier_date(facts, role)
        dec = decided(facts)
        if d and (dec is None or d.date >= dec.date):
            return d
        return None
    return _dossier_date(facts, role)


# --------------------------------------------------------------------------- milestones


def decided(facts: Facts) -> Optional[Dated]:
    return first_dated(facts, "decision") or _dossier_date(facts, "decided")


def head_approved(facts: Facts) -> Optional[Dated]:
    """The latest date an approval form gives for the head's approval (负责人审批意见), when the
    penalty was in substance decided (第五十七条); None when no approval date was read.

    The head signs last: an approval dated before another date on the same form (the 承办人's or
    审核's) is a misreading or a muddle, and is not used."""
    found = []
    for doc in facts.docs("approval"):
        days = [d.date for d in doc.dates if d.date]
        for d in doc.dates:
            if d.role == "approved" and d.date and d.date >= max(days):
                found.append(Dated(d.date, ev(d.page, d.quote, d.conf, d.box, d.read), doc))
    return max(found, key=lambda x: x.date) if found else None


def filed(facts: Facts) -> Optional[Dated]:
    return first_dated(facts, "filing") or _dossier_date(facts, "filed")


def notice_issued(facts: Facts) -> Optional[Dated]:
    return first_dated(facts, "prior_notice") or _dossier_date(facts, "notice_issued")


def milestone(facts: Facts, key: str) -> Optional[Dated]:
    """A named point of the case, for order rules written in the standard."""
    if key == "filing":
        return filed(facts)
    if key == "decision":
        return decided(facts)
    if key == "prior_notice":
        return notice_issued(facts)
    if key == "notice_served":
        return served(facts, "notice")
    if key == "decision_served":
        return served(facts, "decision")
    if key == "hearing_notice_served":
        return served(facts, "hearing_notice")
    if key == "paid":
        return first_dated(facts, "payment") or _dossier_date(facts, "paid")
    if key == "closing":
        return last_dated(facts, "closing") or _dossier_date(facts, "closed")
    if key == "hearing":
        return first_dated(facts, "hearing_record") or _dossier_date(facts, "hearing")
    if key in ("inspection", "inquiry", "legal_review", "collective_discussion", "approval",
               "investigation_report", "statement_record"):
        return first_dated(facts, key)
    raise KeyError(key)


MILESTONES = ("filing", "inspection", "inquiry", "investigation_report", "legal_review",
              "collective_discussion", "prior_notice", "notice_served", "statement_record",
              "hearing_notice_served", "hearing", "approval", "decision", "decision_served",
              "paid", "closing")
