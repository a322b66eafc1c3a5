"""Extract's vocabulary (``vocabulary.yaml`` beside this file), loaded once.

The file holds the words and label alternatives as data; the modules of this package build
their regular expressions from it at import.  Helpers here turn a list of alternatives into one
alternation, and a mapping name → alternatives into (pattern, name) pairs in the file's order.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.yaml")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))


def words(key: str) -> list[str]:
    """The list ``key`` as written."""
    return list(vocabulary()[key])


def alternation(key: str) -> str:
    """The alternatives of list ``key`` joined into one pattern: ``a|b|c``."""
    return "|".join(vocabulary()[key])


def named(key: str) -> list[tuple[str, str]]:
    """(pattern, name) for each name of mapping ``key``, the name's alternatives joined."""
    return [("|".join(alts), str(name)) for name, alts in vocabulary()[key].items()]
