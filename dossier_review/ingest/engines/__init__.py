"""OCR engines behind one interface, as OCRmyPDF keeps each engine's executable in a plugin.

An engine only reads: a page image in, word rows out (``read_page``), or the text of given line
regions (``read_lines``).  Everything a page needs beyond one reading (seals, up/down, tables,
page numbers) lives in ``ingest.page`` and works with any engine.

Word rows are plain dicts, the shape Tesseract's TSV output has (every value a string, as in
that output): ``level`` "5", ``block_num`` / ``par_num`` / ``line_num`` (words sharing all three
form one text line), ``left`` / ``top`` / ``width`` / ``height`` in pixels of the image read,
``conf`` 0..100, ``text``, and ``chars``: ``(confidence 0..1, [x0, y0, x1, y1] or None, char)``
of each character.  ``ingest.words.lines_from_rows`` turns them into text, word boxes and a
page confidence whatever the engine.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

# the --ocr-engine choices: the page reader, and "both" = Tesseract pages with RapidOCR's
# second opinion on evidence lines
ENGINE_CHOICES = ("tesseract", "rapidocr", "both")


@runtime_checkable
class Engine(Protocol):
    name: str

    def available(self) -> bool:
        """Whether the engine can run here (executable, models); never downloads anything."""

    def version(self) -> str:
        """A string that changes when the engine would read differently (cache keys)."""

    def read_page(self, gray: np.ndarray, dpi: int) -> list[dict]:
        """Word rows (see the module doc) of a grey page image."""

    def read_lines(self, gray: np.ndarray, boxes: list[list[int]]) -> list[tuple[str, float]]:
        """(text, confidence 0..1) of each line region ``[x0, y0, x1, y1]`` (pixels) of ``gray``."""


def get(name: str) -> Engine:
    """The engine called ``name`` (one instance per process: models load once per worker)."""
    if name == "tesseract":
        from .tesseract import ENGINE
        return ENGINE
    if name == "rapidocr":
        from .rapidocr import ENGINE
        return ENGINE
    raise ValueError(f"unknown OCR engine {name!r} (choices: tesseract, rapidocr)")


def page_reader(choice: str) -> str:
    """The engine that reads whole pages for an --ocr-engine choice."""
    if choice not in ENGINE_CHOICES:
        raise ValueError(f"unknown --ocr-engine {choice!r} (choices: {', '.join(ENGINE_CHOICES)})")
    return "rapidocr" if choice == "rapidocr" else "tesseract"


__all__ = ["Engine", "ENGINE_CHOICES", "get", "page_reader"]
