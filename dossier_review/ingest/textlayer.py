"""Whether a PDF page's text layer says what the page shows.

Two ways a text layer lies while looking like Chinese:

* **look-alike code points**: a font whose character map points at Kangxi radicals (U+2F00–2FDF),
  the CJK radicals supplement (U+2E80–2EFF) or compatibility ideographs (U+F900–FAFF,
  U+2F800–2FA1F) instead of the unified ideographs the page shows (⼀ for 一, ⻔ for 门).  The
  page reads right to a person and wrong to every pattern.  ``canonical`` maps them back: Unicode
  NFKC covers the Kangxi radicals and the compatibility ideographs; for the supplement, where it
  covers two, ``normalize.SUPPLEMENT`` follows Unicode's EquivalentUnifiedIdeograph.txt (the
  mapping is part of ``normalize``, so every page's text gets it).
* **wrong characters**: a broken ToUnicode map sends each glyph to another real ideograph, so the
  layer is made of common characters in an order no writer would use.  ``plausibility`` measures
  how much of the text falls inside words of jieba's dictionary; a layer below ``MIN_PLAUSIBLE``
  is checked against a Tesseract reading of a strip of the rendered page (``agrees_with_image``)
  and OCR'd instead when the two disagree.  A genuine page with a rare name or term scores far
  above the threshold: the words around it still are words.
"""
from __future__ import annotations

import functools
import re

from .normalize import canonical

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# A layer whose Han characters lie inside dictionary words less often than this is checked
# against the page image.  Measured on the 131 text pages of the digital samples (bench/cer.py
# --layers): genuine pages score 0.50 and up (the lowest: 卷内目录 pages, rows of names and
# titles); the same pages with their Han characters permuted, as a broken map does, 0.35 at most.
MIN_PLAUSIBLE = 0.42
# below this many Han characters a page says too little for the score to mean anything
MIN_HAN = 20
# the strip reading agrees with the layer when this share of its confidently read pairs of
# neighbouring characters occur in the layer (OCR slips and characters cut at the strip's edge
# stay well above it; a permuted map well below); fewer pairs than MIN_PAIRS tell nothing
MIN_AGREEMENT = 0.5
MIN_PAIRS = 6


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


def plausibility(text: str) -> tuple[float, int]:
    """(share of Han characters inside a 2–4 character word of jieba's dictionary, Han characters)."""
    words = _words()
    total = covered = 0
    for m in _HAN_RUN.finditer(canonical(text)):
        run = m.group(0)
        mark = [False] * len(run)
        for i in range(len(run) - 1):
            for n in (2, 3, 4):
                if i + n <= len(run) and words.get(run[i:i + n]):
                    for k in range(i, i + n):
                        mark[k] = True
        total += len(run)
        covered += sum(mark)
    return (covered / total if total else 1.0), total


def suspicious(text: str) -> bool:
    """Whether a layer reads like wrong characters (enough text, too few words)."""
    score, han = plausibility(text)
    return han >= MIN_HAN and score < MIN_PLAUSIBLE


def agrees_with_image(layer: str, strip_text: str, strip_confs: list[float]) -> bool | None:
    """Whether a strip of the page read by OCR shows the layer's text; None when the strip held
    too little confident text to tell.

    Compared by pairs of neighbouring characters, not characters: a broken map permutes the
    font's own characters, so the page and the layer use the same characters in other orders.
    """
    flat = "".join(canonical(layer).split())
    pairs = {flat[i:i + 2] for i in range(len(flat) - 1)}
    seen = [strip_text[i:i + 2] for i in range(len(strip_text) - 1)
            if _HAN.match(strip_text[i]) and _HAN.match(strip_text[i + 1])
            and min(strip_confs[i], strip_confs[i + 1]) >= 0.8]
    if len(seen) < MIN_PAIRS:
        return None
    return sum(p in pairs for p in seen) / len(seen) >= MIN_AGREEMENT
