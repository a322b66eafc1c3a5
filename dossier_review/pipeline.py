"""The pipeline: one call per stage, each taking the previous stage's data object.

This module is the only place that knows the order of the stages; the stages themselves
import nothing from each other, only ``dossier_review.model``.
"""
from __future__ import annotations

from pathlib import Path

from .model import Dossier, Facts, Review


def ingest(path: str | Path, **options) -> Dossier:
    from .ingest import ingest as _ingest
    return _ingest(path, **options)


def analyse(dossier: Dossier) -> Facts:
    """segment + extract: everything that reads text, none of the judging."""
    from .extract import extract
    from .segment import segment
    return extract(segment(dossier))


def judge(facts: Facts, standard) -> Review:
    """check + score: re-runnable from stored facts (``--rescore``)."""
    from .check import run_checks
    from .score import score
    return score(facts, run_checks(facts, standard), standard)


def review_path(path: str | Path, standard, **ingest_options) -> Review:
    dossier = ingest(path, **ingest_options)
    review = judge(analyse(dossier), standard)
    review.sources = list(dossier.sources)
    return review
