"""The second opinion: a second OCR engine's reading of the very characters a finding rests on.

A claim that rests on OCR'd characters (two documents differ, a checksum fails, words ≠ figures,
a date order, a name) is only as good as their reading.  The pipeline asks a second engine to
re-read the evidence boxes of such findings (``reread_requests``) and stores the readings with
the facts (``Facts.second_readings``); the checks are then run again and weigh each finding here:

- every OCR'd evidence item has a second reading that agrees with the first → the claim stands
  (the confidence gate is not needed: two independent readings agree);
- a second reading disagrees → the claim goes to a human, with both readings in the message;
- no second reading → the confidence gate decides, as before.

Readings are compared on their written characters only (letters, digits, ideographs, ¥):
punctuation and spacing differ between engines without changing what a document says.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Iterable, Optional

from ..model import Evidence, Facts, Finding, LineReading

_WRITTEN = re.compile(r"[0-9A-Za-z\u3400-\u9fff¥]")
# a region taller than this share of the page is more than one line: a line recogniser cannot
# read it, so it is not asked for (a line of print is 1–3 % of an A4 page's height)
MAX_LINE_HEIGHT = 0.06


def plain(text: str) -> str:
    """The written characters of ``text``: NFKC (full-width forms, look-alike radicals folded),
    no spaces or punctuation."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if _WRITTEN.match(ch))


def _area(b: list[float]) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _overlap(a: list[float], b: list[float]) -> float:
    return _area([max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])])


def reading_for(facts: Facts, evidence: Evidence) -> Optional[LineReading]:
    """The stored second reading of ``evidence``'s box: on its page, covering at least half of it."""
    if not evidence.box or not facts.second_readings:
        return None
    best, best_cover = None, 0.0
    area = _area(evidence.box) or 1e-9
    for r in facts.second_readings:
        if r.page != evidence.page or not r.box:
            continue
        cover = _overlap(evidence.box, r.box) / area
        if cover > best_cover:
            best, best_cover = r, cover
    return best if best_cover >= 0.5 else None


def compare(first: str, second: str) -> tuple[Optional[bool], str, str]:
    """Whether two readings of one region agree: (verdict, first's differing part, second's).

    The first reading is the evidence quote (it may run past the region on either side) and the
    second reads the region (it may take in a neighbour): only the part both cover is compared,
    from their first to their last shared character.  None when they share too little to be
    readings of the same characters (a misplaced region tells nothing).
    """
    a, b = plain(first), plain(second)
    if not a or not b:
        return None, "", ""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    blocks = [m for m in sm.get_matching_blocks() if m.size]
    shared = sum(m.size for m in blocks)
    if shared < 0.5 * min(len(a), len(b)):
        return None, "", ""
    a0, b0 = blocks[0].a, blocks[0].b
    a1, b1 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    # at either end, a part only one reading has is the other's region ending there; a part both
    # have is one character read two ways, and is compared
    if a0 and b0:
        k = min(a0, b0)
        a0, b0 = a0 - k, b0 - k
    if a1 < len(a) and b1 < len(b):
        k = min(len(a) - a1, len(b) - b1)
        a1, b1 = a1 + k, b1 + k
    ops = [o for o in SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False).get_opcodes() if o[0] != "equal"]
    if not ops:
        return True, "", ""
    # the first differing characters with a little context, as a reviewer compares them on the page
    ctx = 3
    _, i0, i1, j0, j1 = ops[0]
    fa = a[a0:a1][max(0, i0 - ctx):i1 + ctx]
    fb = b[b0:b1][max(0, j0 - ctx):j1 + ctx]
    return False, fa, fb


def compare_subject(subject: str, second: str) -> tuple[Optional[bool], str, str]:
    """Whether a second reading of a region agrees with the first reading of the characters the
    fact rests on (``subject``, which the region covers exactly).  The second engine reads the
    region with a margin, so characters of its own at either end are neighbours (often cut in
    half by the margin) and say nothing; every character of the subject must be read alike."""
    a, b = plain(subject), plain(second)
    if not a or not b:
        return None, "", ""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    shared = sum(i1 - i0 for op, i0, i1, _, _ in ops if op == "equal")
    if shared < 0.5 * len(a):
        return None, "", ""
    inner = [o for k, o in enumerate(ops) if o[0] != "equal"
             and not (o[0] == "insert" and (k == 0 or k == len(ops) - 1))]
    if not inner:
        return True, "", ""
    _, i0, i1, j0, j1 = inner[0]
    ctx = 3
    return False, a[max(0, i0 - ctx):i1 + ctx], b[max(0, j0 - ctx):j1 + ctx]


def ocr_evidence(facts: Facts, finding: Finding) -> list[Evidence]:
    """The finding's evidence items read by OCR from a page image, with a located box."""
    sources = {p.page: p.source for p in facts.pages}
    return [e for e in finding.evidence
            if sources.get(e.page) == "ocr" and e.box and e.box[3] - e.box[1] <= MAX_LINE_HEIGHT]


def verdict(facts: Facts, finding: Finding) -> tuple[Optional[bool], str]:
    """(True: every OCR'd evidence item is confirmed by its second reading; False: one is
    contradicted, with the message part naming both readings; None: no second reading to go by)."""
    items = ocr_evidence(facts, finding)
    if not items:
        return None, ""
    agreed = 0
    for e in items:
        r = reading_for(facts, e)
        if r is None:
            continue
        same, fa, fb = compare_subject(e.read, r.text) if e.read else compare(e.quote, r.text)
        if same is False:
            engine = f"（{r.engine}）" if r.engine else ""
            return False, f"第{e.page}页此处首次识别为“{fa}”，复核识别{engine}为“{fb}”，两次识别不一致，可能系识别误差"
        if same:
            agreed += 1
    if agreed and agreed == len(items):
        return True, ""
    return None, ""


def reread_requests(facts: Facts, findings: Iterable[Finding], reading_codes: set[str]) -> list[tuple[int, list[float]]]:
    """(page, box) of every OCR'd evidence line of the findings of reading rules (``reading_codes``)
    that are firm or were only held back by the confidence gate: what a second engine should read."""
    out: list[tuple[int, list[float]]] = []
    seen = set()
    for f in findings:
        if not f.ocr_gated and (f.code not in reading_codes or f.needs_human):
            continue
        for e in ocr_evidence(facts, f):
            key = (e.page, tuple(e.box))
            if key not in seen:
                seen.add(key)
                out.append((e.page, list(e.box)))
    return out


def reread_value(facts: Facts, evidence: Optional[Evidence]) -> Optional[str]:
    """The second reading's written characters for ``evidence`` (for a check that re-parses a
    value from it, e.g. an identifier or an amount), None when there is none."""
    if evidence is None:
        return None
    r = reading_for(facts, evidence)
    return plain(r.text) if r is not None else None
