"""Whether a rescored review would rewrite reports that already say the same thing."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Optional


def content_hash(review: dict) -> str:
    """A review's content: everything but the time it was generated."""
    body = {k: v for k, v in review.items() if k != "generated_at"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False,
                                     default=str).encode("utf-8")).hexdigest()


def unchanged_reports(data: dict, out_dir: str | Path, formats: Iterable[str], stem: str, *,
                      show_ids: bool = False) -> Optional[str]:
    """The time stamp of the reports on disk when they already say what ``data`` says, else None.

    A rescore that changes nothing must not rewrite a folder of reports (their time stamps,
    a sync tool's traffic). The JSON report is the record the HTML/DOCX are made from, so its
    content hash stands for all three; a missing file, or ``show_ids`` (the HTML/DOCX differ
    from the masked ones on disk), means writing.
    """
    from ..report import report_paths

    formats = tuple(formats)
    if not formats or show_ids:
        return None
    paths = report_paths(stem, out_dir)
    if not all(paths[f].exists() for f in formats) or not paths["json"].exists():
        return None
    try:
        old = json.loads(paths["json"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(old, dict) or content_hash(old) != content_hash(data):
        return None
    return str(old.get("generated_at") or "")
