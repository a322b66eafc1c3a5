"""The template families the generator can draw, by the letter a case's style names.

Family A is ``render.Renderer``; each other family subclasses it in a module of its own.  This
module is the only one that knows them all, so the renderers import nothing of each other.
"""
from __future__ import annotations

from .case import Case
from .family_b import RendererB
from .family_c import renderer_class as _renderer_c
from .render import Renderer

# C: laid out after the published official templates (the frozen family; see family_c)
RENDERERS: dict[str, type[Renderer]] = {"A": Renderer, "B": RendererB, "C": _renderer_c()}


def renderer_for(case: Case) -> type[Renderer]:
    family = case.style.get("family", "A")
    try:
        return RENDERERS[family]
    except KeyError:
        raise ValueError(f"unknown template family {family!r} (known: {', '.join(RENDERERS)})") from None
