"""extract: documents (文书) → Facts.

Each fact comes from a small pure function in its own module (dates, amounts, citations, party,
officers, notices, service, form); ``extract`` runs them per document and assembles the dossier's
view.  Every fact keeps its evidence: the page and a quote of the page's text.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from dossier_review.model import DocFacts, Document, Evidence, Facts, Page, Segmentation

from . import amounts as _amounts
from . import citations as _citations
from . import dates as _dates
from . import discretion as _discretion
from . import form as _form
from . import measures as _measures
from . import notices as _notices
from . import ocrconf as _ocrconf
from . import officers as _officers
from . import party as _party
from . import service as _service
from .nlp import known_names as known_names_in
from .text import DocText
from .text import canon as _canon

__all__ = ["extract", "extract_document"]

# which documents carry which facts (a fact looked for elsewhere is left None)
RECORDS = {"inspection", "inquiry", "statement_record", "hearing_record", "collective_discussion",
           "preservation"}
NOTICES = {"prior_notice", "hearing_notice"}
# documents that may state the grounds and circumstances of the amount chosen (裁量)
DISCRETION_SOURCES = {"decision", "investigation_report", "legal_review", "collective_discussion", "approval"}
LISTS = {"catalog", "cover", "remarks"}
ISSUED = {"decision", "prior_notice", "hearing_notice", "inquiry_notice", "preservation"}
# documents that state the facts found (认定的违法事实), which must agree with each other
FACT_FINDINGS = {"investigation_report", "prior_notice", "hearing_notice", "approval", "decision"}
# order in which documents give the dossier's party
PARTY_ORDER = ["decision", "prior_notice", "hearing_notice", "filing", "approval", "investigation_report",
               "inspection", "inquiry", "case_source", "closing", "service_receipt", "cover"]
# order in which documents give a dossier date role (the document whose own date it is first)
ROLE_SOURCES = {
    "filed": ["filing", "case_source", "approval", "closing", "cover"],
    "inspected": ["inspection"], "inquired": ["inquiry"],
    "notice_issued": ["prior_notice"], "notice_served": ["service_receipt", "prior_notice"],
    "statement": ["statement_record"], "hearing_requested": ["hearing_record", "hearing_notice", "statement_record"],
    "hearing_notified": ["hearing_notice"], "hearing": ["hearing_record", "hearing_notice"],
    "legal_review": ["legal_review"], "discussed": ["collective_discussion"], "approved": ["approval"],
    "decided": ["decision"], "served": ["service_receipt"], "paid": ["payment"], "closed": ["closing"],
}


def _is_ocr(doc: Document, pages: dict[int, Page]) -> bool:
    return any(pages[n].source == "ocr" for n in range(doc.first_page, doc.last_page + 1) if n in pages)


def extract_document(doc: Document, index: int, pages: dict[int, Page],
                     known_names: frozenset = frozenset(), char_conf: Optional[dict] = None) -> DocFacts:
    """All facts of one document; ``known_names`` are person names written apart elsewhere in
    the dossier (they tell how to split "刘超胡海燕"); ``char_conf`` maps a page number to its
    per-character OCR confidence (computed here when not given)."""
    if char_conf is None:
        char_conf = {n: _ocrconf.char_confidence(pages[n]) for n in range(doc.first_page, doc.last_page + 1)
                     if n in pages}
    dt_ = DocText(doc, _ocrconf.document_conf(doc.spans, char_conf), pages)
    t = doc.type
    ocr = _is_ocr(doc, pages)
    f = DocFacts(index=index, type=t, title=doc.title, first_page=doc.first_page,
                 last_page=doc.last_page, ocr_confidence=doc.ocr_confidence)
    ev = f.evidence

    # dates
    dfacts, own, found = _dates.date_facts(dt_, t)
    f.dates = dfacts
    if own is not None:
        f.date = own.date
        f.date_evidence = Evidence(page=dt_.page_f(own.start), quote=dt_.quote_f(max(0, own.start - 12), own.end),
                                   conf=dt_.conf_f(own.start, own.end), box=dt_.box_f(own.start, own.end), read=dt_.read_f(own.start, own.end))
    if t in RECORDS or t == "inquiry_notice":
        f.start_time, f.end_time = _dates.record_times(own)
        if own is not None:
            # the time line ("时间：…至…"): a claim that a time is missing rests on all of it after
            # the year (which says nothing about the hours)
            line_end = dt_.text.find("\n", dt_.orig_f(own.start))
            b = max(bisect.bisect_left(dt_.fmap, len(dt_.text) if line_end < 0 else line_end), own.end)
            year = _dates.year_length(dt_.flat[own.start:own.end])
            ev["time_line"] = [dt_.ev_f(own.start, b, subject=(own.start + year, b))]
    if ocr and t in RECORDS and not f.start_time:
        unread = _dates.time_field_unread(dt_, found)
        if unread is not None:
            ev["time_unread"] = [unread]
    if ocr and (own is None or own.start < len(dt_.flat) - 200):
        ill = _dates.date_illegible(dt_, found)
        if ill is not None:
            f.date_illegible = True
            ev["date_illegible"] = [ill]

    # party, officers
    f.party = _party.extract_party(dt_, party_context=t not in ("inquiry", "inquiry_notice", "evidence", "hearing_record"))
    if t not in LISTS:
        _put(f, "officers", _officers.extract_officers(dt_, known_names))
    shown, sev = _officers.certificate_shown(dt_)
    f.certificate_shown = shown
    if sev:
        ev["certificate_shown"] = sev

    # amounts, citations
    zone = _notices.penalty_zone(dt_.flat, t) if (t in NOTICES or t == "decision") else None
    f.amounts, f.amount_pairs, _ = _amounts.extract_amounts(dt_, zone, ocr)
    f.citations = _citations.extract_citations(dt_)
    if t in FACT_FINDINGS:
        f.measures = _measures.extract_measures(dt_)

    # notices and decisions
    if t in NOTICES or t == "decision" or t == "approval" or t == "investigation_report":
        _put(f, "penalties", _notices.extract_penalties(dt_, t))
    if t in NOTICES or t == "decision":
        h = _notices.hearing_info(dt_)
        if t in NOTICES or h.notified:
            f.hearing = h
        _put(f, "statement_right", _notices.statement_right(dt_))
        if t in NOTICES and f.statement_right is None:
            f.statement_right = False
    if t in NOTICES or t in DISCRETION_SOURCES:
        # grounds for a lighter penalty and the circumstances weighed (裁量), where stated
        for name, found in (("mitigation", _discretion.mitigation(dt_)), ("discretion", _discretion.discretion(dt_))):
            if found:
                ev[name] = found
    if t == "decision":
        f.remedy = _notices.remedy_info(dt_)
        _put(f, "payment_terms", _notices.payment_terms(dt_))
        _put(f, "listed_evidence", _notices.listed_evidence(dt_))

    if t not in LISTS:
        # a catalogue or cover names other documents (复核意见, 听证笔录…); none of it happened there
        _events(f, dt_)
    _form_facts(f, dt_, doc, pages, ocr, found)
    return f


def _put(f: DocFacts, name: str, found: tuple) -> None:
    """Set a fact from an extractor's (value, evidence) and keep the evidence under its name,
    where the checks look for the quote."""
    value, evidence = found
    setattr(f, name, value)
    if evidence:
        f.evidence[name] = evidence


def _events(f: DocFacts, dt_: DocText) -> None:
    """What the document says happened: statement, review, hearing request, extension, 重大."""
    t = f.type
    if t != "hearing_record":
        # a defence made at a hearing is answered by the hearing report, not by a 复核 (第45 vs 第64条)
        _put(f, "statement_made", _notices.statement_made(dt_, t))
    _put(f, "review_done", _notices.review_done(dt_))
    if t != "prior_notice":
        _put(f, "hearing_requested", _notices.hearing_requested(dt_, t))
    _put(f, "extension_approved", _notices.extension_approved(dt_))
    _put(f, "major_case", _notices.major_case(dt_))
    if not f.major_case:
        complex_reason = _notices.complex_extension(dt_)
        if complex_reason:
            f.evidence["complex_extension"] = complex_reason
    if t not in NOTICES:
        _put(f, "rights_waived", _notices.rights_waived(dt_))


def _form_facts(f: DocFacts, dt_: DocText, doc: Document, pages: dict[int, Page], ocr: bool, found) -> None:
    """文号, authority, seal, residue, typos, signatures, service, and the elements."""
    t = f.type
    ev = f.evidence
    if t in ISSUED or t in ("filing", "approval", "closing", "legal_review", "investigation_report"):
        num, valid, nev = _form.doc_number(dt_, ocr, {n: p.raw_text for n, p in pages.items()
                                                          if doc.first_page <= n <= doc.last_page},
                                           ocr_pages={n for n, p in pages.items() if p.source == "ocr"})
        f.doc_number, f.doc_number_valid = num, valid
        if nev:
            ev["doc_number"] = [nev]
        elif ocr and (garbled := _form.doc_number_illegible(dt_)) is not None:
            ev["doc_number_illegible"] = [garbled]
    if t in ISSUED or t in ("filing", "approval", "closing", "legal_review", "collective_discussion",
                            "service_receipt", "investigation_report"):
        f.authority, aev = _form.authority(dt_, ocr)
        if aev:
            ev["authority"] = [aev]
        last = list(range(doc.last_page, max(doc.first_page, doc.last_page - 1) - 1, -1))
        f.seal, f.seal_evidence = _form.seal(dt_, pages, last)
    f.template_residue = _form.template_residue(dt_) + _dates.blank_date_residue(dt_)
    f.typos, f.typo_fixes = _form.typos(dt_)
    on_the_spot = t == "decision" and bool(re.search(r"当场|简易", (f.title or "") + dt_.flat[:200]))
    if on_the_spot:
        # 第52条: a 当场 decision is signed or sealed by the officers
        sig = _form.signatures(dt_, ocr)
        f.officer_signed = sig["officer_signed"]
        if sig["officer_ev"]:
            ev["officer_signed"] = sig["officer_ev"]
    if t in RECORDS or t == "service_receipt":
        sig = _form.signatures(dt_, ocr)
        f.party_signed, f.party_refused, f.officer_signed = sig["party_signed"], sig["party_refused"], sig["officer_signed"]
        if sig["party_ev"]:
            ev["party_signed"] = sig["party_ev"]
        if sig["officer_ev"]:
            ev["officer_signed"] = sig["officer_ev"]
    if t == "service_receipt":
        f.service = _service.service_info(dt_, found, ocr)
        role = _service.served_role(f.service.served_document)
        for d in f.dates:
            if d.role == "served" and role != "served":
                d.role = role
        if f.service.evidence:
            ev["service"] = f.service.evidence

    # elements (第59条 for a decision, 第44条 for a notice)
    s = dt_.flat
    if on_the_spot:
        # 第52条: 当场 decisions state the act, penalty and basis, amount, time, place, remedy and
        # authority, and carry the officers' signatures; no evidence list or payment channel is required
        f.elements = {
            "party": bool(f.party and f.party.name),
            "facts": _notices.has_facts(s),
            "penalty": bool(f.penalties),
            "basis": any(c.role == "penalty_basis" for c in f.citations),
            "remedy": bool(f.remedy and (f.remedy.review_stated or f.remedy.litigation_stated)),
            "authority": f.authority is not None,
            "date": f.date is not None,
            "place": bool(re.search(r"(?:处罚|违法|检查)?地点[：]?\S", s)),
        }
    elif t == "decision":
        f.elements = {
            # 第59条(一): the party's name and address
            "party": bool(f.party and f.party.name and f.party.address),
            "facts": _notices.has_facts(s),
            "evidence": bool(f.listed_evidence) or _notices.has_evidence_statement(s),
            "penalty": bool(f.penalties),
            "basis": any(c.role == "penalty_basis" for c in f.citations),
            "performance": bool(f.payment_terms.get("within_15_days") or re.search(r"(?:日内|之日起).{0,20}?(?:履行|缴纳|改正|停止)", s)),
            "remedy": bool(f.remedy and (f.remedy.review_stated or f.remedy.litigation_stated)),
            "authority": f.authority is not None,
            "date": f.date is not None,
        }
    elif t == "prior_notice":
        f.elements = {
            # "拟对你依法给予行政处罚" names no penalty: the kind (or an amount) must follow
            "penalty": bool(f.penalties) or bool(re.search(
                r"拟(?:对.{0,10}?)?(?:作出|给予|处以|处).{0,30}?(?:警告|通报批评|罚款|没收|暂扣|吊销|降低资质|"
                r"责令停产停业|责令关闭|限制开展|限制从业|拘留|\d元|万元)", s)),
            "facts": _notices.has_facts(s),
            "reasons": _notices.has_reasons(s),
            "basis": any(c.role in ("penalty_basis", "violated") for c in f.citations),
            "statement_right": bool(f.statement_right),
        }
    if f.party and f.party.evidence:
        ev["party"] = list(f.party.evidence)
    if f.hearing and f.hearing.evidence:
        ev["hearing"] = f.hearing.evidence
    if f.remedy and f.remedy.evidence:
        ev["remedy"] = f.remedy.evidence
    if f.template_residue:
        ev["template_residue"] = f.template_residue
    if f.typos:
        ev["typos"] = f.typos
    # evidence under the names the checks ask for
    if f.citations:
        seen = set()
        ev["citations"] = [Evidence(page=c.page, quote=c.quote, conf=c.conf, box=c.box, read=c.read) for c in f.citations
                           if not (c.quote in seen or seen.add(c.quote))]
    if f.date_evidence is not None:
        ev["date"] = [f.date_evidence]
        if f.start_time:
            ev["start_time"] = ev["time"] = [f.date_evidence]
    sig = ev.get("party_signed", []) + ev.get("officer_signed", [])
    if sig:
        ev["signature"] = sig
    if f.amounts:
        ev["amounts"] = [Evidence(page=a.page, quote=a.quote, box=a.box, read=a.read) for a in f.amounts]
    if f.amount_pairs:
        ev["amount_pairs"] = [Evidence(page=a.page, quote=a.quote, box=a.box, read=a.read) for a in f.amount_pairs]


def _confirm_dates(docs: list[DocFacts]) -> None:
    """A date read alike, for the same event, in two documents is confirmed by the other reading:
    its confidence is that of the surer one (the filing form's date and the decision's "本局于…立案")."""
    # The case's year is read in many dates of the file: a date whose year agrees with it rests on
    # its month and day ("二〇〇二三年五月十一日": the year garbled, the day read surely)
    years: dict[int, int] = {}
    for d in docs:
        for x in d.dates:
            years[x.date.year] = years.get(x.date.year, 0) + 1
    case_years = {y for y, n in years.items() if n >= 3}
    if len(case_years) != 1:
        case_years = set()   # a case over the new year: a year misread as the other one would pass
    for d in docs:
        for x in d.dates:
            if x.conf is not None and x.day_conf is not None and x.date.year in case_years:
                x.conf = max(x.conf, x.day_conf)
    best: dict = {}
    for d in docs:
        for x in d.dates:
            if x.conf is not None and x.role != "other":
                key = (x.role, x.date)
                best[key] = max(best.get(key, 0.0), x.conf)
    for d in docs:
        for x in d.dates:
            key = (x.role, x.date)
            if x.conf is not None and best.get(key, 0.0) > x.conf:
                x.conf = best[key]
        # the document's own date is one of its dates, quoted alike
        own = next((x for x in d.dates if d.date_evidence is not None and x.quote == d.date_evidence.quote), None)
        if own is not None and own.conf is not None:
            d.date_evidence.conf = own.conf


# A 当场 (simplified, 第51条) file is the decision itself, with perhaps a receipt or a photo:
# a file this short whose decision speaks of 当场 or 简易程序 was decided on the spot; a longer
# file that merely mentions the words (a notice quoting 第51条) is a general-procedure file.
SIMPLIFIED_MAX_PAGES = 3
# with no decision found, only a file of one sheet (front and back) is read as a 当场 decision
SIMPLIFIED_UNTYPED_MAX_PAGES = 2


def _procedure(seg: Segmentation, docs: list[DocFacts]) -> str:
    n_pages = seg.dossier.page_count
    for d, doc in zip(docs, seg.documents, strict=False):
        if d.type != "decision":
            continue
        if re.search(r"当场|简易", d.title or ""):
            return "simplified"
        if n_pages <= SIMPLIFIED_MAX_PAGES and re.search(r"当场(?:作出|处罚|行政处罚)|简易程序", doc.text or ""):
            return "simplified"
    if n_pages <= SIMPLIFIED_UNTYPED_MAX_PAGES and any(re.search(r"当场(?:行政)?处罚决定书|简易程序", p.text or "") for p in seg.dossier.pages):
        return "simplified"
    return "general"


def _first_date(docs: list[DocFacts], role: str):
    """The first date of ``role`` in the documents' order, None when none of them gives one."""
    return next((df.date for d in docs for df in d.dates if df.role == role), None)


def _dossier_dates(docs: list[DocFacts]) -> dict:
    out = {}
    for role, types in ROLE_SOURCES.items():
        # the role's own documents first, in ROLE_SOURCES order; then any document that gives it
        chosen = next((day for t in types if (day := _first_date([d for d in docs if d.type == t], role))), None)
        if chosen is None:
            chosen = _first_date(docs, role)
        if chosen is not None:
            out[role] = chosen
    return out


def _main_amount(decisions: list[DocFacts], role: str) -> Optional[float]:
    for d in decisions:
        vals = [a for a in d.amounts if a.role == role]
        if vals:
            figs = [a for a in vals if a.form == "figures"]
            return (figs or vals)[0].yuan
    return None


def extract(seg: Segmentation) -> Facts:
    pages = {p.number: p for p in seg.dossier.pages}
    known = known_names_in("\n".join(_canon(p.text or "") for p in seg.dossier.pages))
    confs = {n: _ocrconf.char_confidence(p) for n, p in pages.items()}
    docs = [extract_document(doc, i, pages, known, confs) for i, doc in enumerate(seg.documents)]
    _confirm_dates(docs)
    facts = Facts(dossier=seg.dossier.name, page_count=seg.dossier.page_count,
                  procedure=_procedure(seg, docs), documents=docs)
    by_type = {t: [d for d in docs if d.type == t] for t in PARTY_ORDER}
    facts.party = _party.merge_parties([d.party for t in PARTY_ORDER for d in by_type[t]]
                                       + [d.party for d in docs if d.type not in PARTY_ORDER])
    facts.officers = _officers.merge_officers([d.officers for d in docs])
    facts.dates = _dossier_dates(docs)
    decisions = [d for d in docs if d.type == "decision"]
    facts.fine_yuan = _main_amount(decisions, "fine")
    facts.confiscation_yuan = _main_amount(decisions, "confiscation")
    facts.citations = [c for d in decisions for c in d.citations]
    # decided once by the pages stage; page facts are never re-derived here
    facts.pages = [p.facts for p in seg.dossier.pages]
    return facts
