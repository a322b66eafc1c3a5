"""Small helpers the checks share: building findings and evidence, reading dates, amounts and
names out of the facts.  Nothing here parses raw page text; it only looks up fields that the
extractor filled in.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable, Optional

from rapidfuzz.distance import Levenshtein

from ..model import DOCUMENT_TYPES, DocFacts, Evidence, Facts, Finding

# --------------------------------------------------------------------------- findings


# what an absence finding's message says: the whole file was read and the thing is not in it
ABSENT_MARK = "全卷未见"


def hit(message: str, evidence: Iterable[Evidence] = (), *, needs_human: bool = False,
        fix: str | None = None, ocr_weighed: bool = False) -> Finding:
    """A finding as a check returns it; ``run_checks`` fills in code, category, points, basis.
    ``ocr_weighed``: the check itself weighed what OCR could have caused (see Finding)."""
    evidence = [e for e in evidence if e is not None]
    # an absence has no text to quote: say so in the message (the evidence points at the whole file)
    if any(e.page == 0 and not e.quote for e in evidence) and ABSENT_MARK not in message:
        message = message.replace("在案卷中未见", ABSENT_MARK, 1) if "在案卷中未见" in message \
            else message + f"（{ABSENT_MARK}）"
    return Finding(code="", category="", points=0.0, veto=False, needs_human=needs_human,
                   message=message, fix=fix or "", basis="", evidence=evidence, ocr_weighed=ocr_weighed)


def ev(page: int, quote: str, conf: Optional[float] = None, box: Optional[list[float]] = None,
       read: Optional[str] = None) -> Evidence:
    return Evidence(page=int(page or 0), quote=(quote or "").strip(), conf=conf, box=box, read=read)


def surest(evidence: Iterable[Evidence]) -> Optional[Evidence]:
    """Of several readings of the same value, the one OCR was surest of.  The same characters read
    alike on different pages are independent readings: the value is as sure as its best one."""
    found = [e for e in evidence if e is not None]
    if not found:
        return None
    return max(found, key=lambda e: -1.0 if e.conf is None else e.conf)


def doc_name(doc: DocFacts) -> str:
    title = (doc.title or "").strip()
    return title if title else DOCUMENT_TYPES.get(doc.type, doc.type)


def type_name(doc_type: str) -> str:
    return DOCUMENT_TYPES.get(doc_type, doc_type)


def pages_of(doc: DocFacts) -> str:
    if doc.first_page == doc.last_page:
        return f"第{doc.first_page}页"
    return f"第{doc.first_page}–{doc.last_page}页"


def doc_ev(doc: DocFacts, note: str = "") -> Evidence:  # noqa: ARG001 - callers name the part looked at
    """Evidence pointing at a whole document (what was looked at): its page, no quote — a quote
    is the file's own text, never a description we wrote; the finding's message names the
    document and the part of it (``note``) that was looked at."""
    return ev(doc.first_page, "")


def field_ev(doc: DocFacts, *names: str) -> list[Evidence]:
    """The extractor's evidence for a field of ``doc``, else the document itself."""
    for name in names:
        found = doc.evidence.get(name) if doc.evidence else None
        if found:
            return list(found)
    return [doc_ev(doc)]


def searched_ev(facts: Facts, what: str) -> Evidence:  # noqa: ARG001 - the message names what
    """Evidence for a "missing" defect: the whole file was searched (page 0 = the whole file, no
    quote; ``hit`` adds 全卷未见 to the message, which names what was looked for)."""
    return ev(0, "")


def names_of(types: Iterable[str]) -> str:
    return "、".join(f"《{type_name(t)}》" for t in types)


# --------------------------------------------------------------------------- confidence


def closing_read_clearly(facts: Facts, doc: DocFacts, params: dict) -> bool:
    """Whether a scanned document's closing block (落款) was read well enough that what is not
    there is not there: a red seal was found on its last page in colour and lifted before OCR
    (black text under it stays), the issuing authority's line there was read surely, and no
    date-shaped line was left unreadable."""
    page = next((p for p in facts.pages if p.page == doc.last_page), None)
    firm = params.get("ocr_firm_confidence")
    auth = [e for e in (doc.evidence.get("authority") or []) if e.page == doc.last_page]
    return (page is not None and page.source == "ocr" and page.red_seal is True and firm is not None
            and not doc.date_illegible and bool(auth) and all(e.conf is not None and e.conf >= firm for e in auth))


def low_conf(doc: Optional[DocFacts], params: dict) -> bool:
    return doc is not None and doc.ocr_confidence < params["low_confidence"]


def hit_unless_unreadable(doc: Optional[DocFacts], params: dict, message: str,
                          evidence: Iterable[Evidence] = ()) -> Finding:
    """A firm finding, or needs_human when the document was read with low OCR confidence."""
    if low_conf(doc, params):
        return hit(message + "；该文书识别置信度低，需人工核实", evidence, needs_human=True)
    return hit(message, evidence)


def unreadable_pages(facts: Facts, params: dict) -> list[int]:
    """OCR'd pages read below the standard's ``low_confidence`` (blank pages excepted: nothing is
    printed there, so nothing was missed there).  Decided here, at check time, so that a
    standard, and a rescore under it, sets what counts as unreadable."""
    return sorted(p.page for p in facts.pages
                  if p.source == "ocr" and not p.blank and p.confidence < params["low_confidence"])


def page_list(pages: list[int], limit: int = 12) -> str:
    shown = "、".join(str(p) for p in pages[:limit])
    return shown + ("…" if len(pages) > limit else "")


def missing_document(facts: Facts, params: dict, types: list[str], what: str,
                     message: str, title_keywords: Iterable[str] = ()) -> list[Finding]:
    """Shared logic of the "document X is not in the file" checks.

    A document counts as present when one of ``types`` was segmented, or any document's title
    contains one of ``title_keywords`` (an unusual title the segmenter typed otherwise).  When
    pages could not be read the document may be hiding there: needs_human.
    """
    if facts.docs(*types):
        return []
    keywords = [k for k in title_keywords if k]
    if keywords and any(any(k in (d.title or "") for k in keywords) for d in facts.documents):
        return []
    unreadable = unreadable_pages(facts, params)
    evidence = [searched_ev(facts, what)]
    if unreadable:
        return [hit(f"{message}；但第{page_list(unreadable)}页识别置信度低，该文书可能在其中，需人工核实",
                    evidence, needs_human=True)]
    return [hit(message, evidence)]


# --------------------------------------------------------------------------- dates

_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_iso_day(text: Optional[str]) -> Optional[_dt.date]:
    if not text:
        return None
    m = _TIME.search(text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def fmt_date(day: Optional[_dt.date]) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（无日期）"


def fmt_yuan(amount: Optional[float]) -> str:
    if amount is None:
        return "（未知）"
    if float(amount).is_integer():
        return f"{int(amount):,}元"
    return f"{amount:,.2f}元"


# --------------------------------------------------------------------------- names


_SPACE = re.compile(r"\s+")
_SEAL_NOTE = re.compile(r"[（(][^（）()]{0,6}(?:印|章)[^（）()]{0,2}[）)]")


def norm_name(text: Optional[str]) -> str:
    """Compare names ignoring spaces, bracket width, 《》 and seal notes like （印）."""
    if not text:
        return ""
    s = _SPACE.sub("", text)
    s = _SEAL_NOTE.sub("", s)
    s = s.replace("（", "(").replace("）", ")").replace("《", "").replace("》", "")
    return s.strip("：:，,。.;；")


def law_key(law: str, prefix: str = "中华人民共和国") -> str:
    """A law's identity for comparison: formal prefix and brackets dropped, and the page number or
    stray Latin letters a text layer or OCR put inside the name ("中华人民16共和国…") too — a
    Chinese law's name has neither."""
    s = re.sub(r"[0-9A-Za-z\s]", "", norm_name(law))
    return s[len(prefix):] if s.startswith(prefix) else s


def edit_distance(a: str, b: str) -> int:
    return Levenshtein.distance(a, b)


# --------------------------------------------------------------------------- amounts


def amounts(doc: Optional[DocFacts], *roles: str) -> list[float]:
    if doc is None:
        return []
    return [a.yuan for a in doc.amounts if a.role in roles and a.yuan is not None]


def amount_evidence(doc: DocFacts, *roles: str) -> list[Evidence]:
    found = [ev(a.page, a.quote, a.conf, a.box, a.read) for a in doc.amounts if a.role in roles and a.quote]
    return found[:3] or [doc_ev(doc)]


def party_kind(facts: Facts) -> Optional[str]:
    """organisation | individual | None, from the decision's party, else the dossier's."""
    for doc in facts.docs("decision", "prior_notice"):
        if doc.party and doc.party.kind in ("organisation", "individual"):
            return doc.party.kind
    kind = facts.party.kind if facts.party else None
    return kind if kind in ("organisation", "individual") else None


def contains_any(text: Optional[str], words: Iterable[str]) -> bool:
    return bool(text) and any(w and w in text for w in words)
