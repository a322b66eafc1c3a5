"""A second engine's reading of chosen lines of scanned pages (the second opinion).

A claim that rests on OCR'd characters (a checksum, an amount, a name) is only as good as the
reading; Tesseract misreads some characters at high confidence, and a second engine with other
models rarely makes the same mistake on the same characters.  Only the requested lines are read
again, by the recogniser alone (no detection, tens of milliseconds a line), on the page image
rendered again and turned as ingest turned it, so a box in page fractions lands on the same ink.
"""
from __future__ import annotations

import cv2
import numpy as np

from ..model import Dossier, LineReading, Page
from . import engines, straighten
from . import render as _render
from .normalize import normalize
from .seal import find_seals, whiten_seals

# resolution of the re-rendered page when the page has no OCR image size to match (a text-layer
# page): the resolution ingest reads scans at
RENDER_DPI = 300
# a requested box is widened by this share of the line height left and right, so that the crop
# does not cut through the first or last character
SIDE_PAD = 0.5


def second_opinion(dossier: Dossier, requests: list[tuple[int, list[float]]],
                   engine: str = "rapidocr") -> list[LineReading]:
    """One ``LineReading`` per request ``(page_number, [x0, y0, x1, y1])`` (page fractions, origin
    top left, of the image OCR saw), in the order asked; each page is rendered once."""
    eng = engines.get(engine)
    by_page: dict[int, list[int]] = {}
    for i, (number, _box) in enumerate(requests):
        by_page.setdefault(int(number), []).append(i)
    out: list[LineReading | None] = [None] * len(requests)
    try:
        for number, idxs in by_page.items():
            page = dossier.page(number)
            gray = page_image(page)
            h, w = gray.shape[:2]
            pixel_boxes = [line_box(page, requests[i][1], w, h) for i in idxs]
            readings = eng.read_lines(gray, pixel_boxes)
            for i, (raw, conf) in zip(idxs, readings, strict=True):
                out[i] = LineReading(page=number, box=[round(float(v), 4) for v in requests[i][1]],
                                     text=normalize(raw), raw=raw, engine=eng.name,
                                     conf=round(float(conf), 4))
    finally:
        _render.close_docs()
    return [r for r in out if r is not None]


def page_image(page: Page) -> np.ndarray:
    """The page's grey image as OCR saw it: rendered or loaded again, red seals lifted, turned by
    the page's rotation and skew, at the size of the image OCR read (``Page.width``/``height``)."""
    path, index = page.source_file, page.source_index
    if path.lower().endswith(".pdf"):
        dpi = RENDER_DPI
        if page.width and page.height:
            pw, ph = _render.pdf_doc(path)[index].get_size()
            long_px, long_pt = max(page.width, page.height), max(pw, ph)
            dpi = max(72, min(1200, round(long_px * 72.0 / long_pt)))
        img = _render.render_pdf_page(path, index, dpi)
    else:
        img, dpi = _render.load_image_frame(path, index)
        dpi = dpi or _render.guess_dpi(img.shape)
    if img.ndim == 3:
        gray = cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_RGB2GRAY)
        if page.red_seal:
            gray = whiten_seals(gray, img, find_seals(img, dpi))
    else:
        gray = img
    upright = straighten.apply(gray, straighten.Orientation(page.rotation, page.skew, True, 0.0))
    if page.width and page.height and upright.shape[:2] != (page.height, page.width):
        upright = cv2.resize(upright, (page.width, page.height), interpolation=cv2.INTER_AREA)
    return upright


def line_box(page: Page, box: list[float], w: int, h: int) -> list[int]:
    """``box`` (page fractions) in pixels of a ``w`` x ``h`` image, grown to the full height of the
    OCR words it crosses (a quote may cover part of a line, or a box only the characters' cores)
    and by half a line height left and right."""
    x0, y0, x1, y1 = box[0] * w, box[1] * h, box[2] * w, box[3] * h
    sx = w / float(page.width) if page.width else 1.0
    sy = h / float(page.height) if page.height else 1.0
    for wd in page.words:
        top, bottom = wd.top * sy, (wd.top + wd.height) * sy
        left, right = wd.left * sx, (wd.left + wd.width) * sx
        centre = (top + bottom) / 2.0
        if y0 <= centre <= y1 and left < x1 and right > x0:
            y0, y1 = min(y0, top), max(y1, bottom)
    pad = SIDE_PAD * max(y1 - y0, 1.0)
    return [int(max(x0 - pad, 0)), int(max(y0, 0)), int(min(x1 + pad, w)), int(min(y1, h))]
