"""Stage 1b — pages: what each page shows about itself, decided once (``PageFacts``).

Right after ingest and before segmentation, every page gets its ``Page.facts``: the 卷内页码
printed on it (and how surely its figures were read), whether it is blank, whether the place a
number would be written holds no ink, the red seal and the text-layer verdict ingest found.
Segment, extract, check and report read these facts; none decides them again.
"""
from __future__ import annotations

import re
from typing import Optional

from ..lib.charconf import char_confidence
from ..model import Dossier, Page, PageFacts

__all__ = ["analyse_pages", "page_facts", "number_place_blank"]

# a page number alone on its line, between optional dashes (— 12 —)
_PRINTED_NO = re.compile(r"^[-—－\s]*(\d{1,3})[-—－\s]*$")


def analyse_pages(dossier: Dossier) -> Dossier:
    """Set ``facts`` on every page of ``dossier`` (in place) and return it."""
    for page in dossier.pages:
        page.facts = page_facts(page)
    return dossier


def page_facts(page: Page) -> PageFacts:
    number, number_conf = _archive_number(page)
    blank_place = number_place_blank(page) if number is None else None
    return PageFacts(
        page=page.number, source=page.source, confidence=round(page.confidence, 3),
        archive_page=number,
        archive_page_conf=round(number_conf, 3) if number_conf is not None else None,
        number_place_blank=blank_place, blank=_blank(page), red_seal=page.red_seal,
        # ingest's verdict on the text layer is kept as it found it
        text_layer=page.facts.text_layer if page.facts else "none")


def _archive_number(page: Page) -> tuple[Optional[int], Optional[float]]:
    """A page number written at the foot of the page (a bare number on one of the last two lines)
    or, as archives number pages (正面右上角), alone on its first line; and, on an OCR'd page, the
    lowest confidence of its figures."""
    text = page.text or ""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    for ln in list(reversed(lines[-2:])) + lines[:1]:
        m = _PRINTED_NO.match(ln.group())
        if m:
            a, b = ln.start() + m.start(1), ln.start() + m.end(1)
            cconf = char_confidence(page) if page.source == "ocr" else None
            return int(m.group(1)), (cconf.span(a, b) if cconf is not None else None)
    return None, None


def _blank(page: Page) -> bool:
    """An empty page (the back of a sheet): OCR found no word, or at most a page number.

    Such a page is not "unreadable"; a noisy page that OCR could not read still yields words.
    """
    letters = [c for c in page.text if not c.isspace() and not c.isdigit()]
    return len(letters) <= 2 and (page.source == "text" or not page.words or page.confidence == 0)


# where a page number is written: the foot (测绘 卷面标准 第7项: 右下角) or, in archive practice,
# the top corner — this share of the page's height at either end
NUMBER_BAND = 0.12


def number_place_blank(page: Page) -> Optional[bool]:
    """Whether nothing is written where a page number goes on a scanned page: no ink left unread
    in the top or bottom band, no word read in the bottom band and no bare number on a line of its
    own in the top one.  None when it cannot be told (a text layer, a page not searched for unread
    marks)."""
    if page.source != "ocr" or page.unread_marks is None or not page.height:
        return None
    top, bottom = NUMBER_BAND * page.height, (1 - NUMBER_BAND) * page.height
    if any(y < top or y + h > bottom for _, y, _, h in page.unread_marks):
        return False
    for w in page.words:
        if w.top + w.height > bottom:
            return False
        if w.top < top and re.fullmatch(r"\d{1,4}", w.text.strip()) and not any(
                o is not w and min(o.top + o.height, w.top + w.height) > max(o.top, w.top) for o in page.words):
            return False   # a bare number on a line of its own at the top: a number in the corner
    return True
