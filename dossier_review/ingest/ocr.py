"""The pool's entry point for one OCR page: render or load the image, then ``page.process_image``.

Where the rest lives: the engines' own interfaces in ``engines/`` (``engines/tesseract.py``: the
executable and its hOCR), the per-page decisions in ``page``, seal re-reading in ``sealread``,
the up/down strip check in ``updown``, ruled tables in ``rules``, word rows to text in ``words``,
rendering and the per-process pdfium documents in ``render``.
"""
from __future__ import annotations

from .engines.tesseract import LANG, PSM, tesseract_info
from .page import LOW_CONFIDENCE, process_image
from .render import close_docs, guess_dpi, load_image_frame, render_pdf_page

__all__ = ["ocr_task", "LANG", "PSM", "LOW_CONFIDENCE", "tesseract_info", "process_image",
           "close_docs", "render_pdf_page"]


def ocr_task(task: dict) -> dict:
    """Pool entry point: render or load the page, then ``process_image`` with the task's engine."""
    dpi = int(task["dpi"])
    if task["kind"] == "pdf":
        img = render_pdf_page(task["path"], task["index"], dpi)
    else:
        img, file_dpi = load_image_frame(task["path"], task["index"])
        # images carry their own resolution; guess from the size of an A4 sheet when they do not
        # 72/96 dpi are what cameras and editors write by default, not a scan resolution
        dpi = file_dpi if 100 < file_dpi <= 1200 else guess_dpi(img.shape)
    result = process_image(img, dpi, task.get("psm", PSM), task.get("engine", "tesseract"))
    result["dpi"] = dpi
    return result
