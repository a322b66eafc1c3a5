"""The pipeline: one call per stage, each taking the previous stage's data object.

This module is the only place that knows the order of the stages; the stages themselves
import nothing from each other, only the leaves (``model``, ``errors``, ``standards``, ``lib``).
It is also where a standard meets the check registry it is validated against.
"""
from __future__ import annotations

from pathlib import Path

from .model import Dossier, Facts, Review
from .standards import Standard


def load_standard(name_or_path: str | Path | Standard = "default") -> Standard:
    """A standard by name or YAML path, validated against the registered checks (a loaded one passes)."""
    if isinstance(name_or_path, Standard):
        return name_or_path
    from .check import CATALOG
    from .standards import load_standard as _load

    return _load(str(name_or_path), CATALOG)


def ingest(path: str | Path, **options) -> Dossier:
    from .ingest import ingest as _ingest
    return _ingest(path, **options)


def analyse(dossier: Dossier) -> Facts:
    """pages + segment + extract: everything that reads the file, none of the judging."""
    from .extract import extract
    from .pages import analyse_pages
    from .segment import segment
    return extract(segment(analyse_pages(dossier)))


def judge(facts: Facts, standard) -> Review:
    """check + score: re-runnable from stored facts (``--rescore``)."""
    from .check import run_checks, unreadable
    from .score import score
    review = score(facts, run_checks(facts, standard), standard)
    review.unreadable_pages = unreadable(facts, standard)
    return review


def review_path(path: str | Path, standard, **ingest_options) -> Review:
    dossier = ingest(path, **ingest_options)
    review = judge(analyse(dossier), standard)
    review.sources = list(dossier.sources)
    return review
