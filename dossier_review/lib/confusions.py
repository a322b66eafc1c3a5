"""The OCR-confusion table (``ocr_confusions.yaml``), loaded once: which characters Tesseract reads
for which, and the mends applied in context.  Ingest mends with it; extract accepts the same
lookalikes while matching, so both read one table."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

TABLE_PATH = Path(__file__).with_name("ocr_confusions.yaml")


def _load() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    data = yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))
    lookalikes = {str(k): str(v) for k, v in data["lookalikes"].items()}
    mends = [(re.compile(p), r) for p, r in data["mends"]]
    return lookalikes, mends


LOOKALIKES, MENDS = _load()


def lookalikes(char: str) -> str:
    """The characters OCR reads in place of ``char`` ("" when none are known)."""
    return LOOKALIKES.get(char, "")


def digit_lookalikes() -> dict[str, str]:
    """Letter → digit for the letters read in place of digits (O → 0, l → 1 …)."""
    return {c: d for d in "0123456789" for c in lookalikes(d)}
