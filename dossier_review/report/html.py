"""The per-dossier HTML report: one self-contained file (inline CSS, no external assets)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .context import build_context


@lru_cache(maxsize=1)
def environment():
    import jinja2

    # Autoescape everything: quotes come from the dossier's own text and may hold markup.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(review: Any, standard: Any = None, office: Any = None, seq: Any = None) -> str:
    """The HTML report of one review (a Review or its JSON dict) as a string; with ``standard``
    it opens with the 评查意见书 (the same header, itemised table and conclusion as the DOCX)."""
    from .context import sheet_context

    return environment().get_template("review.html").render(
        **build_context(review), sheet=sheet_context(review, standard, office, seq))
