"""One page image → everything ingest learns from it: seals, straightening, one reading, up/down,
tables, the page number.  The per-page decisions; the reading itself is an engine's
(``ingest.engines``).

One reading per page as a rule: whether a page is a dense ruled table is decided from the image
beforehand (``rules``), and the up/down check reads a strip only when the cheap cues are unsure
or the reading came out poor.
"""
from __future__ import annotations

import cv2
import numpy as np

from . import engines, straighten
from . import ink as _ink
from . import margin as _margin
from . import rules as _rules
from . import seal as _seal
from .engines import tesseract
from .engines.tesseract import DIGITS_LANG, PSM
from .sealread import reread_under_seals
from .updown import flip, two_way_confidence
from .words import lines_from_rows, rows_from_words

LOW_CONFIDENCE = 0.6
# one OpenCV thread per worker: the pool already fills every core
cv2.setNumThreads(1)


def _engine_rows(page: np.ndarray, dpi: int, psm: int, engine: str) -> list[dict]:
    if engine == "tesseract":
        return tesseract.rows(page, dpi, psm)
    return engines.get(engine).read_page(page, dpi)


def _read(page: np.ndarray, dpi: int, psm: int, boxes: list[list[int]],
          table: _rules.Grid | None, engine: str = "tesseract") -> tuple[str, list[dict], float]:
    """One reading of a straightened page: lines under seals cleaned (Tesseract's debris), and a
    dense table (``table``: its rules on ``page``) read without its horizontal rules and put back
    together row by row."""
    if table is not None:
        page = _rules.erase(page, table, vertical=False)
    rows = _engine_rows(page, dpi, psm, engine)
    if boxes and engine == "tesseract":
        rows, _ = reread_under_seals(page, dpi, rows, boxes)
    raw, words, conf = lines_from_rows(rows)
    if table is not None and words:
        # without its rules Tesseract orders a table's cells column by column; rows are what a
        # reader (and the later stages) need
        raw = rows_from_words(words)
    return raw, words, conf


def process_image(rgb: np.ndarray, dpi: int, psm: int = PSM, engine: str = "tesseract") -> dict:
    """Everything ingest learns from one page image; plain data for the cache and the pool.

    ``engine`` reads the page (``ingest.engines``); the up/down strips and page numbers are
    always Tesseract's (cheap, and tuned for it).
    """
    warnings: list[str] = []
    if rgb.ndim == 2:
        gray = rgb
        seals: list[list[int]] = []
        seal_looked = False
    else:
        seals = _seal.find_seals(rgb, dpi)
        seal_looked = True
        gray = cv2.cvtColor(np.ascontiguousarray(rgb[..., :3]), cv2.COLOR_RGB2GRAY)
        gray = _seal.whiten_seals(gray, rgb, seals)
    orient = straighten.detect(gray, dpi)
    upright = straighten.apply(gray, orient)
    checked = False
    if not orient.sure:
        flipped_o = flip(orient)
        flipped = straighten.apply(gray, flipped_o)
        c_keep, c_flip = two_way_confidence(upright, flipped, dpi)
        checked = abs(c_flip - c_keep) >= 0.05  # a strip without readable text settles nothing
        if c_flip > c_keep + 0.05:
            orient, upright = flipped_o, flipped
    grid = _rules.find(upright, dpi)
    table = grid if grid.dense else None

    def boxes_for(o: straighten.Orientation) -> list[list[int]]:
        return [_transform_box(b, gray.shape, o) for b in seals]

    raw, words, conf = _read(upright, dpi, psm, boxes_for(orient), table, engine)
    if words and conf < LOW_CONFIDENCE and not checked and abs(orient.score) < 0.5:
        # weak up/down evidence and a poor reading: check the other way up on a strip first
        # (a low confidence is far more often a poor scan than an upside-down page)
        flipped_o = flip(orient)
        flipped = straighten.apply(gray, flipped_o)
        c_keep, c_flip = two_way_confidence(upright, flipped, dpi)
        if c_flip > c_keep + 0.1:
            flipped_grid = _rules.find(flipped, dpi) if table is not None else None
            raw2, words2, conf2 = _read(flipped, dpi, psm, boxes_for(flipped_o), flipped_grid, engine)
            if conf2 > conf:
                orient, upright, raw, words, conf = flipped_o, flipped, raw2, words2, conf2
                table = flipped_grid
    removed = table is not None
    if words and conf < LOW_CONFIDENCE:
        # a poor reading of a table the image test left alone (or wrongly took for a dense one):
        # read once more the other way and keep that reading when it is clearly better
        if removed:
            raw2, words2, conf2 = _read(upright, dpi, psm, boxes_for(orient), None, engine)
            if conf2 > conf + 0.1:
                raw, words, conf, removed = raw2, words2, conf2, False
        else:
            unruled = _rules.remove_all(upright, dpi)
            if unruled is not None:
                raw2, words2, conf2 = lines_from_rows(_engine_rows(unruled, dpi, psm, engine))
                if conf2 > conf + 0.1:
                    raw, words, conf, removed = rows_from_words(words2), words2, conf2, True
    if removed and words:
        warnings.append("table rules removed for OCR; lines rebuilt row by row")
    if not words:
        conf = 0.0
        scale = min(1.0, straighten.WORK_DPI / float(dpi))
        if straighten._char_size(straighten.ink_mask(cv2.resize(gray, None, fx=scale, fy=scale))) == 0:
            conf = 1.0  # a blank page is read with certainty: there is nothing on it
            warnings.append("blank page")
        else:
            warnings.append("no text recognised")
    elif conf < LOW_CONFIDENCE:
        warnings.append(f"low OCR confidence {conf:.2f}")
    box = _transform_box(seals[0], gray.shape, orient) if seals else None
    unread = _ink.unread_marks(upright, words, dpi)
    if words:
        # the page number: a figure left unread at the foot, or a doubted word there, read again
        number = _margin.read_foot_number(upright, unread, words, dpi, _read_digits)
        if number is not None:
            words = words + [number]
            raw = f"{raw}\n\n{number['text']}"
            unread = _ink.unread_marks(upright, words, dpi)
        elif (fixed := _margin.reread_foot_words(upright, words, dpi, _read_digits)) is not None:
            old, number = fixed
            words = [w for w in words if not any(w is o for o in old)] + [number]
            raw = _margin.replace_last_line(raw, old, number["text"])
    return {
        "raw_text": raw, "words": words, "confidence": round(conf, 4),
        "width": int(upright.shape[1]), "height": int(upright.shape[0]),
        "rotation": int(orient.rotation), "skew": float(orient.skew),
        "red_seal": bool(seals) if seal_looked else None, "red_seal_box": box, "warnings": warnings,
        # what is written but was not read, so that "nothing there" can be told from "unread"
        "unread_marks": unread,
    }


def _read_digits(crop: np.ndarray, dpi: int) -> list[dict]:
    """One line of figures (a page number) on its own: the English model with only digits allowed
    reads a lone figure that the Chinese page reader passes over."""
    if DIGITS_LANG not in tesseract.tesseract_info().langs:
        return []   # installed by scripts/setup.sh; without it page numbers stay unread marks
    rows = tesseract.rows(crop, dpi, 7, lang=DIGITS_LANG, config="-c tessedit_char_whitelist=0123456789")
    return lines_from_rows(rows)[1]



def _transform_box(box: list[int], shape: tuple[int, int], orient: straighten.Orientation) -> list[int]:
    """A box of the original image in the coordinates of the straightened image."""
    h, w = shape[:2]
    x, y, bw, bh = box
    pts = np.array([[x, y], [x + bw, y], [x, y + bh], [x + bw, y + bh]], dtype=float)
    for _ in range(orient.rotation // 90):
        # np.rot90 (counter-clockwise): (x, y) -> (y, W - 1 - x); the new width is the old height
        pts = np.stack([pts[:, 1], w - 1 - pts[:, 0]], axis=1)
        w, h = h, w
    if orient.skew:
        m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), orient.skew, 1.0)
        pts = np.hstack([pts, np.ones((4, 1))]) @ m.T
    x0, y0 = np.clip(pts.min(axis=0), 0, None)
    x1, y1 = pts.max(axis=0)
    return [int(x0), int(y0), int(min(x1, w) - x0), int(min(y1, h) - y0)]

