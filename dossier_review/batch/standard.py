"""The evaluation standard as the batch sees it: loaded by name or path, named, listed.

The standard's loader and rule listing belong to the score/check stages; the batch only needs
to load one, put its name in the store key, and print its codes and points in the outputs.
"""
from __future__ import annotations

from typing import Any


def load_standard(spec: Any):
    """Load a standard from a name ("default") or a YAML path; an already loaded one passes."""
    if not isinstance(spec, (str, bytes)) and not hasattr(spec, "__fspath__"):
        return spec
    from ..score import load_standard as _load

    return _load(str(spec))


def standard_name(std: Any) -> str:
    for attr in ("name", "id", "key"):
        v = getattr(std, attr, None)
        if isinstance(v, str) and v:
            return v
    if isinstance(std, dict) and std.get("name"):
        return str(std["name"])
    return str(std)


def standard_rules(std: Any) -> list[dict]:
    """The standard's items as dicts with code, category, points, veto, basis (best effort)."""
    rows: list = []
    try:
        from ..check import list_rules

        rows = list(list_rules(std))
    except Exception:  # a stand-in standard (tests) or an older check package
        rules = getattr(std, "rules", None) or (std.get("rules") if isinstance(std, dict) else None) or []
        rows = list(rules.values()) if isinstance(rules, dict) else list(rules)
    out = []
    for r in rows:
        d = r if isinstance(r, dict) else getattr(r, "__dict__", {})
        if not d:
            continue
        out.append({
            "code": d.get("code") or d.get("id") or "",
            "category": d.get("category") or "",
            "points": d.get("points"),
            "veto": bool(d.get("veto")),
            "basis": d.get("basis") or d.get("legal_basis") or d.get("source") or "",
            "title": d.get("title") or d.get("name") or d.get("description") or "",
            "fix": d.get("fix") or "",
        })
    return out
