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

SCOPES = ("auto", "dossier", "document")


def ingest(path: str | Path, **options) -> Dossier:
    from .ingest import ingest as _ingest
    return _ingest(path, **options)


def decide_scope(facts: Facts, scope: str = "auto") -> str:
    """"dossier" or "document" (DEFECTS.md "Scope").  auto: a file that holds one document (the
    pages no document claimed aside) is that document alone, reviewed at document scope."""
    if scope in ("dossier", "document"):
        return scope
    typed = [d for d in facts.documents if d.type != "other"]
    return "document" if len(typed) <= 1 else "dossier"


def analyse(dossier: Dossier) -> Facts:
    """pages + segment + extract: everything that reads the file, none of the judging."""
    from .extract import extract
    from .pages import analyse_pages
    from .segment import segment
    facts = extract(segment(analyse_pages(dossier)))
    facts.scope = decide_scope(facts)
    return facts


def judge(facts: Facts, standard) -> Review:
    """check + score: re-runnable from stored facts (``--rescore``)."""
    from .check import run_checks, unreadable
    from .score import score
    review = score(facts, run_checks(facts, standard), standard)
    review.unreadable_pages = unreadable(facts, standard)
    review.scope = getattr(facts, "scope", "dossier")
    return review


def second_opinion(dossier: Dossier, facts: Facts, standard) -> None:
    """Ask a second OCR engine to re-read the lines that reading claims rest on, and keep its
    readings with the facts (``Facts.second_readings``), so that judging (and any rescore) weighs
    them without OCR.  Nothing to do on a file without OCR'd pages, or without a second engine."""
    if not any(p.source == "ocr" for p in dossier.pages):
        return
    from .check import reading_requests, run_checks
    requests = reading_requests(facts, run_checks(facts, standard), standard)
    if not requests:
        return
    from . import ingest as _ingest
    reader = getattr(_ingest, "second_opinion", None)
    if reader is None:   # no second engine in this build: the confidence gate decides
        return
    facts.second_readings = list(reader(dossier, requests) or [])


def review_dossier(dossier: Dossier, standard, scope: str = "auto") -> tuple[Facts, Review]:
    """analyse, second opinion on the lines reading claims rest on, judge."""
    facts = analyse(dossier)
    facts.scope = decide_scope(facts, scope)
    second_opinion(dossier, facts, standard)
    review = judge(facts, standard)
    review.sources = list(dossier.sources)
    return facts, review


def review_path(path: str | Path, standard, scope: str = "auto", **ingest_options) -> Review:
    dossier = ingest(path, **ingest_options)
    return review_dossier(dossier, standard, scope)[1]
