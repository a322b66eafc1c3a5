"""Reports of one review: JSON for machines, HTML and the DOCX 评查意见书 for people.

``write_reports(review, out_dir)`` writes ``<dossier>.json`` and ``<dossier>.html`` (and
``<dossier>.评查意见书.docx`` when asked); every file is written atomically.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

from ..lib.privacy import redact
from ..lib.text import scrub_tree
from ..model import Review
from .atomic import safe_stem, write_text
from .docx_sheet import build_docx, write_docx
from .html import render_html

__all__ = ["write_reports", "for_people", "review_json", "render_html", "build_docx", "report_paths", "safe_stem"]

FORMATS = ("json", "html", "docx")


def review_json(review: Review | dict) -> str:
    data = review if isinstance(review, dict) else review.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_paths(stem: str, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    s = safe_stem(stem)
    return {"json": out / f"{s}.json", "html": out / f"{s}.html", "docx": out / f"{s}.评查意见书.docx"}


# stable identifiers a reader looks up, never text to mask
_ID_KEYS = ("code", "id", "check", "category", "type", "role")


def for_people(review: Review | dict, *, show_ids: bool = False) -> dict:
    """The review as the HTML/DOCX reports show it: ID numbers masked unless ``show_ids``."""
    data = scrub_tree(review if isinstance(review, dict) else review.to_dict())
    return data if show_ids else redact(data, skip_keys=_ID_KEYS)


def write_reports(review: Review | dict, out_dir: str | Path,
                  formats: Iterable[str] = ("json", "html"), *, stem: Optional[str] = None,
                  show_ids: bool = False) -> list[Path]:
    """Write the reports of one review; returns the files written, in ``formats`` order.

    ``stem`` overrides the file name (default: the dossier's name), for batches where two
    dossiers share a name.  The JSON is the machine record and keeps every number (checks and
    ``--rescore`` read it); the HTML and DOCX mask ID numbers unless ``show_ids``.  A lone
    surrogate in the text (broken text layers have them) is written as U+FFFD.
    """
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    data: dict[str, Any] = scrub_tree(review if isinstance(review, dict) else review.to_dict())
    people = for_people(data, show_ids=show_ids) if {"html", "docx"} & set(formats) else data
    paths = report_paths(stem or data.get("dossier") or "dossier", out_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt == "json":
            written.append(write_text(paths["json"], review_json(data) + "\n"))
        elif fmt == "html":
            written.append(write_text(paths["html"], render_html(people)))
        elif fmt == "docx":
            written.append(write_docx(people, paths["docx"]))
    return written
