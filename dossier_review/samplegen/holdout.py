"""A hold-out set in template family B.

``write_family_b`` writes digital family-B dossiers (at least two clean, the rest carrying planned
defects).  The generator never imports the reviewer: ``dossier_review.evaluate.measure`` reviews
what it writes.
"""
from __future__ import annotations

from pathlib import Path


def family_b_specs(n: int = 6, seed: int = 0) -> list[dict]:
    """Plans for ``n`` (>= 3) digital family-B dossiers: two clean general files, the rest with defects."""
    from .plan import AGENCIES, plan_set

    n = max(n, 3)
    specs = plan_set(n - 1, seed, scanned_ratio=0.0, family="B")
    # plan_set keeps one digital file clean; a second clean one, from another agency, guards precision
    used = {s.get("agency") for s in specs if s["clean"]}
    agency = next(a for a in AGENCIES[seed % len(AGENCIES):] + AGENCIES if a not in used)
    specs.append({"index": n - 1, "seed": seed * 1000 + 997, "procedure": "general", "scanned": False,
                  "defects": [], "clean": True, "family": "B", "agency": agency})
    for s in specs:
        s["name"] = f"famb-s{seed}-{s['index'] + 1:02d}-{'clean' if not s['defects'] else 'defects'}"
    return specs


def write_family_b(out_dir, n: int = 6, seed: int = 0, scanned: bool = False) -> list[Path]:
    """``scanned``: image-only PDFs through the scanner simulation (skew, turns, blur, speckle,
    grey paper, JPEG, colour or grey seals), read by OCR like any scan."""
    from . import make_case, render_case

    paths = []
    for s in family_b_specs(n, seed):
        case = make_case(s["seed"], procedure=s["procedure"], defects=s["defects"], scanned=scanned,
                         agency=s.get("agency"), party_kind=s.get("party_kind"), family="B")
        paths.append(render_case(case, out_dir, name=s["name"]))
    return paths
