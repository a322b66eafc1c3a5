"""How sure the OCR was of each character of a scanned page's normalised text.

Tesseract gives each character its confidence and box (hOCR character boxes; older cache entries
have only the word's confidence, spread over its characters); they are aligned here with the
normalised ``Page.text`` that page analysis and the extractors read, so that either can say how
sure the reading of the very characters a fact rests on was.  A gap inside a run of text (where a
faint or stamped-over character may have been dropped) and a character the alignment cannot
place both count as unsure.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from statistics import median
from typing import Optional

from ..model import Page
from .canon import canon

# a gap wider than this many character heights inside a row of text may hide a lost character
GAP_HEIGHTS = 0.9
# a word with a letter, digit or Chinese character in it is something written
WRITTEN = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")


class CharConf:
    """Per-character confidence (None = not placed), "gap before" flags and, where placed, the
    character's box (left, top, right, bottom) and page number."""

    __slots__ = ("conf", "gap", "box")

    def __init__(self, conf: list[Optional[float]], gap: list[bool], box: Optional[list] = None):
        self.conf = conf
        self.gap = gap
        self.box = box if box is not None else [None] * len(conf)

    def span(self, a: int, b: int) -> float:
        """Lowest confidence of text[a:b] (0.0 when a character is unplaced or a gap lies inside)."""
        return self.over(list(range(a, b)))

    def over(self, positions: list[int]) -> float:
        """Lowest confidence of the characters at ``positions`` (in reading order): 0.0 when one is
        unplaced, or a gap lies before any but the first."""
        vals = [self.conf[i] if i < len(self.conf) else None for i in positions]
        if not vals or any(v is None for v in vals):
            return 0.0
        if any(i < len(self.gap) and self.gap[i] for i in positions[1:]):
            return 0.0
        return min(vals)


def _rows(page: Page) -> list[list]:
    """Word boxes in reading order: rows by vertical centre, left to right within a row."""
    ws = sorted(page.words, key=lambda w: w.top + w.height / 2.0)
    rows: list[list] = []
    for w in ws:
        centre = w.top + w.height / 2.0
        if rows:
            last = rows[-1]
            band_c = median(x.top + x.height / 2.0 for x in last)
            band_h = median(x.height for x in last)
            if abs(centre - band_c) <= 0.5 * max(band_h, w.height):
                last.append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w.left)
    return rows


def _stream(page: Page) -> tuple[str, list[float], list[bool], list[tuple]]:
    chars: list[str] = []
    confs: list[float] = []
    gaps: list[bool] = []
    boxes: list[tuple] = []
    for row in _rows(page):
        heights = [w.height for w in row if w.height > 0]
        h = median(heights) if heights else 1.0
        prev_right = None
        for w in row:
            text = canon("".join(w.text.split()))
            if not text:
                continue
            own = w.chars if w.chars and len(w.chars) == len(text) else None
            step = w.width / len(text)
            for i, ch in enumerate(text):
                if own is not None:
                    # the character's own confidence and box (hOCR)
                    c, left, top, right, bottom = own[i][:5]
                else:
                    # without them: the word's confidence for each, its width shared evenly
                    c, left, top = w.conf, w.left + i * step, w.top
                    right, bottom = left + step, w.top + w.height
                gaps.append(prev_right is not None and left - prev_right > GAP_HEIGHTS * h)
                prev_right = max(right, prev_right or right) if own is not None else right
                chars.append(ch)
                confs.append(c)
                boxes.append((int(left), int(top), int(right), int(bottom), page.number))
        # a new row starts without a gap before it
    return "".join(chars), confs, gaps, boxes


def char_confidence(page: Page) -> Optional[CharConf]:
    """Per-character confidence aligned with ``page.text``; None for a text-layer page."""
    if page.source != "ocr":
        return None
    text = canon(page.text or "")
    conf: list[Optional[float]] = [None] * len(text)
    gap = [False] * len(text)
    box: list = [None] * len(text)
    if not page.words or not text:
        return CharConf(conf, gap, box)
    stream, sconf, sgap, sbox = _stream(page)
    # align the non-space characters of the text with the word stream
    idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[i] for i in idx)
    sm = SequenceMatcher(None, compact, stream, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            # "replace" of equal length: the normaliser swapped a look-alike; the word's
            # confidence still says how clear that spot was
            for k in range(a1 - a0):
                conf[idx[a0 + k]] = sconf[b0 + k]
                gap[idx[a0 + k]] = sgap[b0 + k]
                box[idx[a0 + k]] = sbox[b0 + k]
    return CharConf(conf, gap, box)
