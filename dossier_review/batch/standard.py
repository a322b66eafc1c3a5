"""The evaluation standard as the batch sees it: loaded by name or path, named, listed."""
from __future__ import annotations

from pathlib import Path

from ..standards import Standard, rule_rows


def load_standard(spec: str | Path | Standard) -> Standard:
    """Load a standard from a name ("default") or a YAML path; an already loaded one passes."""
    from ..pipeline import load_standard as _load

    return _load(spec)


def standard_name(std: Standard) -> str:
    return std.name


def standard_rules(std: Standard) -> list[dict]:
    """The standard's items as dicts with code, category, points, veto, basis, title, fix."""
    return rule_rows(std)
