"""Reports of one review: JSON for machines, HTML and the DOCX 评查意见书 for people.

``write_reports(review, out_dir)`` writes ``<dossier>.json`` and ``<dossier>.html`` (and
``<dossier>.评查意见书.docx`` when asked); every file is written atomically.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

from ..model import Review
from .atomic import safe_stem, write_text
from .docx_sheet import build_docx, write_docx
from .html import render_html

__all__ = ["write_reports", "review_json", "render_html", "build_docx", "report_paths", "safe_stem"]

FORMATS = ("json", "html", "docx")


def review_json(review: Review | dict) -> str:
    data = review if isinstance(review, dict) else review.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_paths(stem: str, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    s = safe_stem(stem)
    return {"json": out / f"{s}.json", "html": out / f"{s}.html", "docx": out / f"{s}.评查意见书.docx"}


def write_reports(review: Review | dict, out_dir: str | Path,
                  formats: Iterable[str] = ("json", "html"), *, stem: Optional[str] = None) -> list[Path]:
    """Write the reports of one review; returns the files written, in ``formats`` order.

    ``stem`` overrides the file name (default: the dossier's name), for batches where two
    dossiers share a name.
    """
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    data: dict[str, Any] = review if isinstance(review, dict) else review.to_dict()
    paths = report_paths(stem or data.get("dossier") or "dossier", out_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt == "json":
            written.append(write_text(paths["json"], review_json(data) + "\n"))
        elif fmt == "html":
            written.append(write_text(paths["html"], render_html(data)))
        elif fmt == "docx":
            written.append(write_docx(data, paths["docx"]))
    return written
