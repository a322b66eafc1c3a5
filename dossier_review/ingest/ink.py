"""Marks on a page that OCR gave no text for.

An absence claim on a scan ("the decision is not dated", "the record is not signed", "the pages
are not numbered") is only as good as the reading: the date may sit under a grey seal, the
signature be handwritten, the page number too small for the page reader.  What the reader did not
read still leaves ink on the page.  This module finds the ink that no OCR word covers, so that a
later stage can tell "nothing is written there" from "something is written there that could not be
read" — the first supports a finding, the second calls for a human.

Work is done on a ~100 dpi copy (tens of milliseconds a page); ruled lines and scanner speckle
are not marks.
"""
from __future__ import annotations

import cv2
import numpy as np

from .straighten import WORK_DPI, _strip_rules, ink_mask

# a mark smaller than this share of a character's height each way is dust, not writing
MIN_MARK = 0.35
# how far (in character heights) around an OCR word its ink may spread (bold strokes, blur)
WORD_MARGIN = 0.75


def unread_marks(gray: np.ndarray, words: list[dict], dpi: int) -> list[list[int]]:
    """[left, top, width, height] (in ``gray``'s pixels) of each writing-sized mark no word covers."""
    if gray.size == 0:
        return []
    scale = min(1.0, WORK_DPI / float(dpi or WORK_DPI))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _strip_rules(ink_mask(small))
    heights = sorted(w["height"] for w in words if w.get("height"))
    char = (heights[len(heights) // 2] if heights else dpi / 6.0) * scale   # ≈ 12 pt text when nothing was read
    pad = int(round(char * WORD_MARGIN))
    covered = np.zeros_like(ink)
    for w in words:
        x0 = int(w["left"] * scale) - pad
        y0 = int(w["top"] * scale) - pad
        x1 = int((w["left"] + w["width"]) * scale) + pad
        y1 = int((w["top"] + w["height"]) * scale) + pad
        covered[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
    rest = ink & (1 - covered)
    # join the strokes of one written character or number into one mark
    k = max(int(round(char * 0.3)), 1)
    joined = cv2.dilate(rest, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    least = max(char * MIN_MARK, 2.0)
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if w < least and h < least:
            continue
        if area < least * least:
            continue
        if (h <= 0.5 * char and w >= 2 * h) or (w <= 0.5 * char and h > 1.5 * char):
            continue   # a piece of rule, underline or dash, not writing
        out.append([int(x / scale), int(y / scale), int(w / scale), int(h / scale)])
    return out
