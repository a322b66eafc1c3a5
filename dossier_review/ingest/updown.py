"""Up or down: the densest text window of a page read both ways round when the cheap cues are unsure."""
from __future__ import annotations

import cv2
import numpy as np

from . import straighten
from .engines import tesseract
from .words import lines_from_rows

# the window (fractions of the page's height and width: about four lines, half the text width)
# whose reading both ways settles an unsure up/down decision.  Forced on all 127 scanned sample
# pages, each handed over both ways round, it decides 254/254 right (smallest confidence margin
# 0.22, the decision needs 0.05).  Per check it takes ~1.0 s against ~1.3 s for the former
# full-width band (0.10 x 1.0); a smaller window (0.05 x 0.35, ~0.6 s) also decided 254/254 but
# with a margin of only 0.07 on a photo page (`bench/ingest.py --updown`)
CHECK_STRIP = 0.08
CHECK_WIDTH = 0.5


def text_strip(gray: np.ndarray, dpi: int) -> np.ndarray:
    """The window of the page densest in character-sized marks (see ``text_window``)."""
    top, left, bottom, right = text_window(gray, dpi)
    return gray[top:bottom, left:right]


def text_window(gray: np.ndarray, dpi: int) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the window of the page densest in character-sized marks, for
    a quick two-way reading test.

    Photos and filled boxes are left out: they are the densest ink on an evidence page but hold
    nothing to read.  The window is a few lines by half the width: fewer characters to read than
    a full-width band, and a few dozen tell upright from upside-down text as well
    (`bench/ingest.py --updown`).
    """
    h, w = gray.shape[:2]
    band, width = max(int(h * CHECK_STRIP), 1), max(int(w * CHECK_WIDTH), 1)
    scale = min(1.0, straighten.WORK_DPI / float(dpi))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = straighten.ink_mask(small)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    limit = 0.4 * straighten.WORK_DPI  # 10 mm: larger blobs are not characters
    keep = (stats[:, cv2.CC_STAT_WIDTH] < limit) & (stats[:, cv2.CC_STAT_HEIGHT] < limit)
    keep[0] = False
    marks = keep[labels].astype(np.uint8)
    sh, sw = min(max(int(band * scale), 1), marks.shape[0]), min(max(int(width * scale), 1), marks.shape[1])
    total = cv2.integral(marks)  # (H+1) x (W+1) running sums
    sums = total[sh:, sw:] - total[:-sh, sw:] - total[sh:, :-sw] + total[:-sh, :-sw]
    y, x = np.unravel_index(int(np.argmax(sums)), sums.shape)
    top, left = int(y / scale), int(x / scale)
    return top, left, min(top + band, h), min(left + width, w)


def two_way_confidence(a: np.ndarray, b: np.ndarray, dpi: int) -> tuple[float, float]:
    """Mean word confidence of the densest text strip read as in ``a`` and as in ``b`` (``a``
    turned half a turn).

    The window is chosen on ``a`` and the same stretch of text cut from ``b``: chosen on each
    page by itself, ties between equally dense windows may pick different text, and the test
    would compare a good stretch one way with a poor one the other.  Both strips go to one
    Tesseract call (stacked, a white gap between) to pay its start-up once.
    """
    top, left, bottom, right = text_window(a, dpi)
    sa = a[top:bottom, left:right]
    if b.shape == a.shape:
        h, w = a.shape[:2]
        sb = b[h - bottom:h - top, w - right:w - left]
    else:
        sb = text_strip(b, dpi)
    width = max(sa.shape[1], sb.shape[1])
    paper = int(np.percentile(a[::16, ::16], 90))
    gap = np.full((max(dpi // 3, 20), width), paper, np.uint8)

    def pad(x):
        return np.pad(x, ((0, 0), (0, width - x.shape[1])), constant_values=paper)

    stacked = np.vstack([pad(sa), gap, pad(sb)])
    _, words, _ = lines_from_rows(tesseract.rows(stacked, dpi, 6))
    split = sa.shape[0] + gap.shape[0] / 2.0

    def mean(ws):
        n = sum(len(w["text"]) for w in ws)
        return sum(w["conf"] * len(w["text"]) for w in ws) / n if n else 0.0

    top = [w for w in words if w["top"] + w["height"] / 2.0 < split]
    bottom = [w for w in words if w["top"] + w["height"] / 2.0 >= split]
    return mean(top), mean(bottom)


def flip(o: straighten.Orientation) -> straighten.Orientation:
    return straighten.Orientation((o.rotation + 180) % 360, o.skew, False, -o.score)

