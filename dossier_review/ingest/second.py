"""A second engine's reading of chosen lines of scanned pages (the second opinion).

A claim that rests on OCR'd characters (a checksum, an amount, a name) is only as good as the
reading; Tesseract misreads some characters at high confidence, and a second engine with other
models rarely makes the same mistake on the same characters.  Only the requested lines are read
again, by the recogniser alone (no detection, tens of milliseconds a line): each line's region
of the sheet is rendered again and turned as ingest turned the page, so a box in page fractions
lands on the same ink.  Measured on the scanned samples (`bench/cer.py`), RapidOCR's recogniser
misreads fewer characters than Tesseract on every page kind.
"""
from __future__ import annotations

import cv2
import numpy as np

from ..model import Dossier, LineReading, Page
from . import engines
from . import render as _render
from .normalize import normalize

# resolution of the re-rendered page when the page has no OCR image size to match (a text-layer
# page): the resolution ingest reads scans at
RENDER_DPI = 300
# a requested box is widened by this share of the line height left and right, so that the crop
# does not cut through the first or last character, and by TOP_PAD above and below: the
# recogniser reads a line whose strokes touch the crop's edge badly
SIDE_PAD = 0.5
TOP_PAD = 0.15


def second_opinion(dossier: Dossier, requests: list[tuple[int, list[float]]],
                   engine: str = "rapidocr") -> list[LineReading]:
    """One ``LineReading`` per request ``(page_number, [x0, y0, x1, y1])`` (page fractions, origin
    top left, of the image OCR saw), in the order asked.

    Only the requested lines are rendered: each one's region of the original sheet is found by
    undoing the page's turn and skew, rendered (a PDF) or cut (an image), and turned upright on
    its own; a whole page is never rendered or turned again.
    """
    eng = engines.get(engine)
    by_page: dict[int, list[int]] = {}
    for i, (number, _box) in enumerate(requests):
        by_page.setdefault(int(number), []).append(i)
    out: list[LineReading | None] = [None] * len(requests)
    try:
        for number, idxs in by_page.items():
            page = dossier.page(number)
            source = _Source(page)
            crops = []
            for i in idxs:
                x0, y0, x1, y1 = line_box(page, requests[i][1], source.width, source.height)
                crops.append(source.upright(x0, y0, x1, y1))
            readings = [eng.read_lines(c, [[0, 0, c.shape[1], c.shape[0]]])[0] for c in crops]
            for i, (raw, conf) in zip(idxs, readings, strict=True):
                out[i] = LineReading(page=number, box=[round(float(v), 4) for v in requests[i][1]],
                                     text=normalize(raw), raw=raw, engine=eng.name,
                                     conf=round(float(conf), 4))
    finally:
        _render.close_docs()
    return [r for r in out if r is not None]


class _Source:
    """A page's sheet as ingest found it, and the map from the upright image OCR read (``width``
    x ``height`` pixels) back to the sheet's pixels."""

    def __init__(self, page: Page):
        self.page = page
        self.pdf = page.source_file.lower().endswith(".pdf")
        self.image = None
        if self.pdf:
            pw, ph = _render.pdf_doc(page.source_file)[page.source_index].get_size()
            turned = page.rotation in (90, 270)
            if page.width and page.height:
                self.dpi = page.width * 72.0 / (ph if turned else pw)
            else:
                self.dpi = float(RENDER_DPI)
            sw, sh = int(round(pw * self.dpi / 72.0)), int(round(ph * self.dpi / 72.0))
        else:
            self.image, _ = _render.load_image_frame(page.source_file, page.source_index)
            sh, sw = self.image.shape[:2]
        self.sheet = (sw, sh)
        # upright → sheet: undo the skew (a turn about the centre of the rotated image), then the
        # quarter turns (np.rot90, counter-clockwise: (x, y) -> (y, W - 1 - x) per turn)
        k = (page.rotation // 90) % 4
        dims = [(sw, sh)]
        for _ in range(k):
            dims.append((dims[-1][1], dims[-1][0]))
        rw, rh = dims[-1]
        m = np.eye(3)
        if page.skew:
            fwd = np.vstack([cv2.getRotationMatrix2D((rw / 2.0, rh / 2.0), page.skew, 1.0), [0, 0, 1]])
            m = np.linalg.inv(fwd)
        for w_before, _h in reversed(dims[:-1]):
            back = np.array([[0, -1, w_before - 1], [1, 0, 0], [0, 0, 1]], float)  # (u, v) -> (W-1-v, u)
            m = back @ m
        self.to_sheet = m
        self.width, self.height = (page.width, page.height) if page.width and page.height else (rw, rh)

    def upright(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """The grey, upright image of the region ``[x0, y0, x1, y1]`` of the upright page."""
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], float).T
        pts = (self.to_sheet @ corners)[:2]
        sw, sh = self.sheet
        cx0, cy0 = max(int(np.floor(pts[0].min())) - 2, 0), max(int(np.floor(pts[1].min())) - 2, 0)
        cx1, cy1 = min(int(np.ceil(pts[0].max())) + 2, sw), min(int(np.ceil(pts[1].max())) + 2, sh)
        if cx1 - cx0 < 2 or cy1 - cy0 < 2:
            return np.full((max(y1 - y0, 1), max(x1 - x0, 1)), 255, np.uint8)
        if self.pdf:
            f = 72.0 / self.dpi
            clip = _render.render_pdf_page(self.page.source_file, self.page.source_index, self.dpi,
                                           crop=(cx0 * f, (sh - cy1) * f, (sw - cx1) * f, cy0 * f))
        else:
            clip = self.image[cy0:cy1, cx0:cx1]
        gray = _grey(clip, bool(self.page.red_seal))
        # region pixel (i, j) -> sheet (to_sheet @ (i + x0, j + y0)) -> clip (minus its origin)
        shift = np.array([[1, 0, -cx0], [0, 1, -cy0], [0, 0, 1]], float)
        place = np.array([[1, 0, x0], [0, 1, y0], [0, 0, 1]], float)
        m = (shift @ self.to_sheet @ place)[:2]
        paper = int(np.percentile(gray, 90)) if gray.size else 255
        return cv2.warpAffine(gray, m, (max(x1 - x0, 1), max(y1 - y0, 1)),
                              flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=paper)


def _grey(img: np.ndarray, red_seal: bool) -> np.ndarray:
    """Grey for reading; on a page with a red seal the red channel, in which the stamp's red ink
    is as light as the paper and black text stays black (the crop may hold only part of the
    seal, too little for ``seal.find_seals``)."""
    if img.ndim == 2:
        return img
    if red_seal:
        return np.ascontiguousarray(img[..., 0])
    return cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_RGB2GRAY)


def line_box(page: Page, box: list[float], w: int, h: int) -> list[int]:
    """``box`` (page fractions) in pixels of a ``w`` x ``h`` image, grown to the full height of the
    OCR words it crosses (a quote may cover part of a line, or a box only the characters' cores)
    by half a line height left and right and a little above and below."""
    x0, y0, x1, y1 = box[0] * w, box[1] * h, box[2] * w, box[3] * h
    sx = w / float(page.width) if page.width else 1.0
    sy = h / float(page.height) if page.height else 1.0
    for wd in page.words:
        top, bottom = wd.top * sy, (wd.top + wd.height) * sy
        left, right = wd.left * sx, (wd.left + wd.width) * sx
        centre = (top + bottom) / 2.0
        if y0 <= centre <= y1 and left < x1 and right > x0:
            y0, y1 = min(y0, top), max(y1, bottom)
    pad, top = SIDE_PAD * max(y1 - y0, 1.0), TOP_PAD * max(y1 - y0, 1.0)
    return [int(max(x0 - pad, 0)), int(max(y0 - top, 0)), int(min(x1 + pad, w)), int(min(y1 + top, h))]
