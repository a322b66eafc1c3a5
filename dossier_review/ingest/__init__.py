"""Stage 1 — ingest: PDF / image / folder → ``Dossier`` whose pages carry text.

Text comes from the PDF text layer where a page has one that says what the page shows
(``textlayer``) and from OCR otherwise: Tesseract (chi_sim) by default, RapidOCR on request, each
behind the interface in ``engines``; the per-page decisions live in ``page``.  OCR runs in a
process pool with results cached in SQLite.  See ``core.ingest``.  ``second_opinion`` reads
chosen lines again with RapidOCR's recogniser.
"""
from .cache import OcrCache
from .cache import default_path as default_cache_path
from .core import describe, ingest, text_layer_usable
from .normalize import normalize
from .ocr import LOW_CONFIDENCE, PSM, tesseract_info
from .second import second_opinion

__all__ = ["ingest", "normalize", "describe", "text_layer_usable", "OcrCache", "default_cache_path",
           "LOW_CONFIDENCE", "PSM", "tesseract_info", "second_opinion"]
