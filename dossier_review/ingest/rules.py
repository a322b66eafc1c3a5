"""Ruled lines on a page image: is it a dense ruled table, and the page without its rules.

Tesseract takes the rules of a dense table (卷内目录, an evidence list: a grid of narrow cells)
for strokes and reads such a page badly.  Without the horizontal rules it reads the cells well
(the vertical ones are best kept: with no walls at all its layout analysis drops whole columns of
short cells, 题名 and 日期 of a catalogue) but orders them column by column, so the caller
rebuilds rows from the word boxes.  Deciding from the image, before any OCR, lets ingest read
such a page once instead of reading it, judging the reading poor, and reading it again.  The
rules are found by morphology on a ~100 dpi binary copy of the straightened page (~50 ms on an
A4 page at 300 dpi).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

WORK_DPI = 100
# a rule is a straight ink run at least this long; characters never are (a 一 at 20 pt is ~7 mm)
RULE_MM = 15.0
# A dense table: one horizontal rule met by at least MIN_WALLS vertical ones (five or more
# columns) and at least MIN_ROW_RULES horizontal rules (eight or more rows): a 卷内目录 (序号 文号
# 责任者 题名 日期 页号 备注), an evidence list.  Measured on the scanned samples' pages (CER and
# character-bigram recall against the digital twin, `bench/ingest.py --tables`): the six
# catalogues (8 walls, 14-22 rules) read better with their horizontal rules removed on all six
# (bigram recall 0.42 -> 0.70 on average); two-column forms (3 walls), bank receipts (5 walls,
# 5-7 rules) and photo sheets with a caption table (5-6 walls, <= 9 rules) read as well or better
# with their rules, and keep them.
MIN_WALLS = 6
MIN_ROW_RULES = 9


@dataclass
class Grid:
    horizontal: int     # horizontal rules (distinct lines, each at least RULE_MM long)
    vertical: int       # vertical rules
    crossings: int      # points where a horizontal and a vertical rule meet or cross
    walls: int          # most vertical rules meeting one horizontal rule (cell walls in a row)
    # rules at the working resolution (uint8 0/1), horizontal and vertical
    hmask: np.ndarray | None = field(default=None, repr=False)
    vmask: np.ndarray | None = field(default=None, repr=False)
    scale: float = 1.0  # working resolution / page resolution

    @property
    def dense(self) -> bool:
        return self.walls >= MIN_WALLS and self.horizontal >= MIN_ROW_RULES


def _ink(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """Binary ink at WORK_DPI (uint8 0/1) and the scale used.

    Thresholded at full resolution first: a hairline rule scaled down first fades to a grey that
    Otsu puts on the paper side.  Scaling down then keeps every block a rule crosses, which also
    absorbs the pixel or two a rule drifts over its length on a page straightened to ~0.1°.
    """
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    scale = min(1.0, WORK_DPI / float(dpi))
    if scale < 1.0:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        # a rule one pixel wide covers a third of a 3x3 block
        return (ink > 60).astype(np.uint8), scale
    return (ink > 0).astype(np.uint8), 1.0


def find(gray: np.ndarray, dpi: int) -> Grid:
    """The rules of a straightened grey page, counted, and their mask."""
    ink, scale = _ink(gray, dpi)
    length = max(int(RULE_MM / 25.4 * dpi * scale), 12)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # a scanned rule is broken here and there and may be two pixels thick: close along it
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, np.ones((3, 5), np.uint8))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, np.ones((5, 3), np.uint8))
    nh, hlab, _, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    nv, vlab, _, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    crossings = walls = 0
    if nh > 1 and nv > 1:
        # where the two meet: a vertical rule may stop a pixel short of the horizontal one
        k = np.ones((3, 3), np.uint8)
        ys, xs = np.nonzero(cv2.bitwise_and(cv2.dilate(horiz, k), cv2.dilate(vert, k)))
        if len(ys):
            h_at = cv2.dilate(hlab.astype(np.float32), k)[ys, xs].astype(np.int64)
            v_at = cv2.dilate(vlab.astype(np.float32), k)[ys, xs].astype(np.int64)
            pairs = np.unique(np.stack([h_at, v_at], axis=1), axis=0)
            pairs = pairs[(pairs[:, 0] > 0) & (pairs[:, 1] > 0)]
            crossings = int(len(pairs))
            walls = int(np.bincount(pairs[:, 0]).max()) if crossings else 0
    return Grid(nh - 1, nv - 1, crossings, walls, horiz, vert, scale)


def erase(gray: np.ndarray, grid: Grid, vertical: bool = True) -> np.ndarray:
    """``gray`` with the rules of ``grid`` painted paper-white (a copy); with ``vertical`` False
    only the horizontal ones."""
    out = gray.copy()
    mask = grid.hmask
    if vertical and grid.vmask is not None:
        mask = grid.vmask if mask is None else cv2.bitwise_or(mask, grid.vmask)
    if mask is None or not mask.any():
        return out
    # one working pixel either side: the rule's full-resolution pixels and its blur
    band = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    band = cv2.resize(band, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    out[band > 0] = int(np.percentile(gray[::16, ::16], 90))
    return out


def remove_all(gray: np.ndarray, dpi: int) -> np.ndarray | None:
    """``gray`` with ruled lines (longer than 15 mm) painted paper-white; None when it has none."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(int(dpi * 0.6), 20)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    rules = cv2.bitwise_or(horiz, vert)
    if cv2.countNonZero(rules) < length * 4:  # not even a small table
        return None
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[rules > 0] = int(np.percentile(gray[::16, ::16], 90))
    return out

