"""The page number at the foot of a scanned page, when the page reader passed it over.

Tesseract's page layout (psm 3) drops a lone small figure far from the text: on our scans a
one-digit page number at the foot is never read while a two-digit one is.  Its ink is still
found by ``ink.unread_marks``.  A mark shaped like a number, alone on its line in the foot of the
page (卷面标准: 页码写在右下角), is read once more on its own as one line of digits; that costs one
small Tesseract call (~0.2 s against several seconds for the page) and only on such pages.

The same second reading is given to a lone word at the foot that the page reader did read but
doubted (a two-digit page number read as "了" or "-2" at a word confidence of 0.2–0.5).

The reading is kept only when Tesseract is sure of every digit: a wrong page number would make a
gap in the numbering that is not there.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import cv2
import numpy as np

# the foot of the page: below this share of its height
FOOT = 0.85
# a page number is at most a few figures of body-text size
MAX_HEIGHT = 1.8    # × the page's median character height
MAX_WIDTH = 5.0
# Tesseract's confidence (0..1) every figure of the reading must reach
MIN_CONF = 0.80
# first reading: the mark with this much of the page around it (× its height), as scanned
PAD = 1.0
# second reading, when the first is not sure: the mark alone, scaled to this height in pixels,
# made black on white and set in a white border (`bench/margin.py` counts the page numbers read
# right, wrong and not at all)
NORM_HEIGHT = 40
BORDER = 20

_NUMBER = re.compile(r"^\d{1,4}$")

# (image, dpi) -> Tesseract's words [{"text", "conf" 0..1, "left", "top", "width", "height"}]
Reader = Callable[[np.ndarray, int], list[dict]]


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > 0


def foot_number_marks(marks: list[list[int]], words: list[dict], shape: tuple[int, int]) -> list[list[int]]:
    """The unread marks that may be the page number: in the foot, number-sized and on a line of
    their own (no word read on it), one line of them — the lowest."""
    height = shape[0]
    sizes = sorted(w["height"] for w in words if w.get("height"))
    char = sizes[len(sizes) // 2] if sizes else None
    cands = []
    for m in marks:
        x, y, w, h = m
        if y < FOOT * height:
            continue
        if char is not None and (h > MAX_HEIGHT * char or w > MAX_WIDTH * char):
            continue
        if any(_overlaps(y, y + h, wd["top"], wd["top"] + wd["height"]) for wd in words):
            continue   # part of a line that was read: not a number on its own
        cands.append(m)
    if not cands:
        return []
    low = max(cands, key=lambda m: m[1] + m[3])
    return [m for m in cands if _overlaps(m[1], m[1] + m[3], low[1], low[1] + low[3])]


def _number_word(gray: np.ndarray, box: tuple[int, int, int, int], dpi: int, read: Reader) -> Optional[dict]:
    """The figures in ``box`` (left, top, right, bottom) read on their own, as one word, or None."""
    x0, y0, x1, y1 = box
    for image, image_dpi in _views(gray, box, dpi):
        got = [w for w in read(image, image_dpi) if w["text"].strip()]
        text = "".join(w["text"].strip() for w in got)
        if got and _NUMBER.match(text) and min(w["conf"] for w in got) >= MIN_CONF:
            word = {"text": text, "conf": min(w["conf"] for w in got), "left": x0, "top": y0,
                    "width": x1 - x0, "height": y1 - y0}
            confs = [c[0] for w in got for c in (w.get("chars") or ())]
            if len(confs) == len(text):
                # each figure's own confidence; the figures share the mark's box
                step = (x1 - x0) / len(text)
                word["chars"] = [[c, int(x0 + i * step), y0, int(x0 + (i + 1) * step), y1]
                                 for i, c in enumerate(confs)]
            return word
    return None


def doubtful_foot_words(words: list[dict], shape: tuple[int, int]) -> list[dict]:
    """The words of the lowest line of the page when that line is in the foot, number-sized, and
    read with a word confidence under ``MIN_CONF``; [] otherwise."""
    if not words:
        return []
    low = max(words, key=lambda w: w["top"] + w["height"])
    line = [w for w in words if _overlaps(w["top"], w["top"] + w["height"], low["top"], low["top"] + low["height"])]
    sizes = sorted(w["height"] for w in words if w.get("height"))
    char = sizes[len(sizes) // 2]
    x0 = min(w["left"] for w in line)
    x1 = max(w["left"] + w["width"] for w in line)
    y0 = min(w["top"] for w in line)
    y1 = max(w["top"] + w["height"] for w in line)
    if y0 < FOOT * shape[0] or y1 - y0 > MAX_HEIGHT * char or x1 - x0 > MAX_WIDTH * char:
        return []
    if min(w["conf"] for w in line) >= MIN_CONF:
        return []
    return line


def reread_foot_words(gray: np.ndarray, words: list[dict], dpi: int,
                      read: Reader) -> Optional[tuple[list[dict], dict]]:
    """(the doubted foot words, the page number read in their place), or None."""
    line = doubtful_foot_words(words, gray.shape[:2])
    if not line:
        return None
    box = (min(w["left"] for w in line), min(w["top"] for w in line),
           max(w["left"] + w["width"] for w in line), max(w["top"] + w["height"] for w in line))
    number = _number_word(gray, box, dpi, read)
    return (line, number) if number is not None else None


def replace_last_line(raw: str, old: list[dict], text: str) -> str:
    """``raw`` with its last line made of the words ``old`` replaced by ``text``."""
    want = "".join(w["text"] for w in old).replace(" ", "")
    lines = raw.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].replace(" ", "") == want:
            lines[i] = text
            return "\n".join(lines)
    return f"{raw}\n\n{text}"


def read_foot_number(gray: np.ndarray, marks: list[list[int]], words: list[dict], dpi: int,
                     read: Reader) -> Optional[dict]:
    """The page number read from the foot marks of ``gray`` as one word (text, conf, box in
    ``gray``'s pixels), or None when there is no such mark or the figures are not read surely."""
    group = foot_number_marks(marks, words, gray.shape[:2])
    if not group:
        return None
    x0 = min(m[0] for m in group)
    y0 = min(m[1] for m in group)
    x1 = max(m[0] + m[2] for m in group)
    y1 = max(m[1] + m[3] for m in group)
    return _number_word(gray, (x0, y0, x1, y1), dpi, read)


def _views(gray: np.ndarray, box: tuple[int, int, int, int], dpi: int):
    """The mark as scanned with white around it, then cleaned and scaled (each is tried only
    when the one before gave no sure reading)."""
    x0, y0, x1, y1 = box
    pad = int(round(PAD * (y1 - y0)))
    crop = gray[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad]
    if crop.size == 0:
        return
    yield np.ascontiguousarray(crop), dpi
    tight = gray[y0:y1, x0:x1]
    if tight.size == 0:
        return
    f = NORM_HEIGHT / float(max(y1 - y0, 1))
    big = cv2.resize(tight, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    _, bw = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bw = cv2.copyMakeBorder(bw, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)
    yield bw, max(int(round(dpi * f)), 1)
