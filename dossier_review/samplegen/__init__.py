"""Synthetic 行政处罚 dossiers (PDF or page images) with exact truth files.

    make_case(seed, defects=[...])  -> Case      structured case with the defects injected
    render_case(case, out_dir)      -> Path      <name>.pdf (+ <name>.truth.json)
    generate(out_dir, n, seed)      -> [Path]    a varied set, every DEFECTS.md code covered
    degrade(image, rng, ...)        -> Image     scanner simulation (reused by ingest tests)

Command line: ``python -m dossier_review.samplegen --out samples --n 12 --seed 2024``.
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterable, Optional

from .build import build_case
from .case import THRESHOLDS, Case
from .defects import EXCLUDES, INJECTORS, NEEDS, conflicts, inject, merge_needs
from .family_b import FAMILIES as _FAMILIES_AB
from .family_b import restyle as restyle_family_b
from .scan import degrade
from .truth import compute_defects

__all__ = ["Case", "make_case", "render_case", "degrade", "compute_defects", "ALL_CODES",
           "THRESHOLDS", "NEEDS", "EXCLUDES", "FAMILIES"]

ALL_CODES = tuple(sorted(INJECTORS))
FAMILIES = _FAMILIES_AB + ("C",)  # C: published official templates, for the frozen set (family_c)


def make_case(seed: int, *, procedure: str = "general", defects: Iterable[str] = (), scanned: bool = False,
              agency: Optional[str] = None, party_kind: Optional[str] = None, family: str = "A") -> Case:
    """A case carrying exactly the requested defects (plus their knock-on codes, see the truth).

    ``family`` picks the template family: "A" (the committed samples' forms), "B" (another
    agency's titles, labels, wording and page flow; see ``family_b``) or "C" (the published
    official templates of three agencies; see ``family_c``; other agencies are replaced by one
    of those three).
    Raises ValueError when the defects cannot coexist (see ``EXCLUDES``) or need another procedure.
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown template family {family!r}; expected one of {FAMILIES}")
    codes = list(dict.fromkeys(defects))
    bad = conflicts(codes)
    if bad:
        raise ValueError(f"defects cannot be combined: {bad}")
    needs = merge_needs(codes, procedure)
    if family == "C":
        case = _build_family_c(seed, procedure, scanned, agency, party_kind, needs)
    else:
        case = build_case(seed, procedure=procedure, scanned=scanned, agency=agency, party_kind=party_kind, needs=needs)
    if family == "B":
        restyle_family_b(case)
    rng = random.Random(f"inject-{seed}-{','.join(sorted(codes))}")
    inject(case, codes, rng)
    if family == "C":
        from .family_c import finish as finish_family_c
        finish_family_c(case)
    truth = compute_defects(case)
    missing = [c for c in codes if c not in truth]
    if missing:
        raise ValueError(f"seed {seed}: injected {missing} but the resulting case does not show them")
    return case


def _build_family_c(seed, procedure, scanned, agency, party_kind, needs) -> Case:
    """A clean case from one of the three agencies whose published templates family C follows."""
    from .build import AGENCY_ALIASES
    from .family_c import AGENCIES
    from .family_c import restyle as restyle_family_c

    kind = AGENCY_ALIASES.get(agency, agency) if agency else None
    if kind in AGENCIES:
        kinds = [kind]
    else:
        start = seed % len(AGENCIES)
        kinds = list(AGENCIES[start:] + AGENCIES[:start])
    err: Exception | None = None
    for k in kinds:
        try:
            case = build_case(seed, procedure=procedure, scanned=scanned, agency=k, party_kind=party_kind, needs=needs)
        except ValueError as exc:
            err = exc
            continue
        restyle_family_c(case)
        return case
    raise ValueError(f"family C: no case of {kinds} fits: {err}")


def render_case(case: Case, out_dir, *, name: Optional[str] = None, as_folder: bool = False) -> Path:
    """Write ``<name>.pdf`` (or, scanned with ``as_folder``, ``<name>/page*.{png,jpg,tif}``) and
    ``<name>.truth.json``; returns the PDF path (or the folder)."""
    from .families import renderer_for
    from .render import render_pdf, truth_dict
    from .scan import scan_pdf

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = name or case.name
    pdf, layout = render_pdf(case, renderer_for(case))
    pages_info = []
    if case.scanned:
        target = out_dir / name if as_folder else out_dir / f"{name}.pdf"
        if case.style.get("family") == "C":  # degraded by augraphy, not by our own scanner model
            from .family_c import scan_pdf as scan_pdf_c
            pages_info = scan_pdf_c(pdf, target, seed=case.seed, as_folder=as_folder)
        else:
            pages_info = scan_pdf(pdf, target, seed=case.seed, as_folder=as_folder)
        path = target
    else:
        path = out_dir / f"{name}.pdf"
        path.write_bytes(pdf)
    truth = truth_dict(case, layout, pages_info)
    truth["name"] = name
    if case.style.get("family", "A") != "A":  # family-A truth files stay exactly as committed
        truth["family"] = case.style["family"]
    truth["source"] = path.name
    (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
