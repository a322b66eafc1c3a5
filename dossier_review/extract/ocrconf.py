"""How sure the OCR was of each character of a scanned page's text.

A finding that rests on the exact characters read (two documents name the party differently, a
wrong term, 27 against 21 平方米) is only as good as those characters.  Tesseract gives each
character its confidence and box (hOCR character boxes; older cache entries have only the word's
confidence, spread over its characters); they are aligned with the normalised ``Page.text`` the
extractors read, so that an extractor can say how sure the reading of the very characters a fact
rests on was.

Two things make a reading unsure: a low confidence, and a horizontal gap inside a run of text
(Tesseract drops a faint or stamped-over character without a trace, leaving only the space it
occupied).  Characters the alignment cannot place (the normaliser changed them, or the word
order differs) count as unsure: an unsure reading leads to "ask a human", never to a finding.
"""
from __future__ import annotations

from typing import Optional

from dossier_review.lib.charconf import WRITTEN, CharConf, char_confidence  # noqa: F401 - re-exported
from dossier_review.model import Page


def document_conf(spans, confs: dict[int, Optional[CharConf]]) -> Optional[CharConf]:
    """CharConf for a document's text (its spans' page texts joined by "\\n"); None if no span
    comes from an OCR'd page."""
    if not any(confs.get(s.page) is not None for s in spans):
        return None
    conf: list[Optional[float]] = []
    gap: list[bool] = []
    box: list = []
    for i, s in enumerate(spans):
        if i:
            conf.append(None)
            gap.append(False)
            box.append(None)
        page = confs.get(s.page)
        n = s.end - s.start
        if page is None:   # a text-layer page inside a scanned document: exact characters
            conf.extend([1.0] * n)
            gap.extend([False] * n)
            box.extend([None] * n)
        else:
            short = max(0, n - len(page.conf[s.start:s.end]))
            conf.extend(page.conf[s.start:s.end] + [None] * short)
            gap.extend(page.gap[s.start:s.end] + [False] * short)
            box.extend(page.box[s.start:s.end] + [None] * short)
    return CharConf(conf, gap, box)


def nothing_written_after(page: Page, box: tuple, reach: float = 1.5) -> Optional[bool]:
    """Whether the place after a label (the character box ``box``: left, top, right, bottom) is
    blank on the page image: no OCR word to its right on its row and no unread mark to its right
    within ``reach`` character heights above or below (a signature is written over or beside its
    label line, often larger than print).  None when the page was not searched for unread marks.
    """
    if page.unread_marks is None:
        return None
    left, top, right, bottom = box[:4]
    h = max(bottom - top, 1)
    for w in page.words:
        if not WRITTEN.search(w.text):
            continue   # the label's colon, a fill-in line: nothing written
        overlap = min(bottom, w.top + w.height) - max(top, w.top)
        if w.left >= right - 0.2 * h and overlap >= 0.5 * min(h, max(w.height, 1)):
            return False
    lo, hi = top - reach * h, bottom + reach * h
    for x, y, w, hh in page.unread_marks:
        if x + w > right and y < hi and y + hh > lo:
            return False
    return True
