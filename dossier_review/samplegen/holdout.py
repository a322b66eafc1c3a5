"""A hold-out set in template family B and the figures the pipeline reaches on it.

``write_family_b`` writes digital family-B dossiers (at least two clean, the rest carrying planned
defects); ``measure`` runs the real pipeline on a folder of dossiers with truth files and returns
document-type accuracy (type + exact page range) and micro precision/recall over firm findings
(``needs_human`` false), with every miss listed so a failure can be routed to the right stage.
The pipeline is imported only inside ``measure``: generating never depends on the stages.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..lib.metrics import confusion, micro


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


def measure(paths, standard: str = "default") -> dict:
    """Review each dossier (its ``<stem>.truth.json`` beside it) and compare with the truth."""
    from ..pipeline import review_path
    from ..score import load_standard

    std = load_standard(standard)
    counts = []
    doc_hit = doc_total = 0
    rows = []
    for path in paths:
        path = Path(path)
        truth = json.loads((path.parent / f"{path.stem}.truth.json").read_text(encoding="utf-8"))
        review = review_path(path, std)
        predicted = {f.code for f in review.findings if not f.needs_human}
        wanted = set(truth["defects"])
        counts.append(confusion(predicted, wanted))
        got = {(d["type"], d["first_page"], d["last_page"]) for d in review.documents}
        missed_docs = [d for d in truth["documents"] if (d["type"], d["first_page"], d["last_page"]) not in got]
        doc_hit += len(truth["documents"]) - len(missed_docs)
        doc_total += len(truth["documents"])
        rows.append({
            "dossier": path.name, "truth_defects": sorted(wanted),
            "false_positives": sorted(predicted - wanted), "missed": sorted(wanted - predicted),
            "needs_human": sorted({f.code for f in review.findings if f.needs_human}),
            "documents": f"{len(truth['documents']) - len(missed_docs)}/{len(truth['documents'])}",
            "missed_documents": [f"{d['type']} {d['title']} p{d['first_page']}-{d['last_page']}" for d in missed_docs],
            "predicted_documents": [f"{d['type']} p{d['first_page']}-{d['last_page']}" for d in review.documents],
            "fp_evidence": {f.code: f.message for f in review.findings if not f.needs_human and f.code not in wanted},
        })
    return {
        "dossiers": rows,
        "doc_accuracy": doc_hit / doc_total if doc_total else None, "doc_matched": doc_hit, "doc_total": doc_total,
        **micro(counts),
    }


def format_figures(result: dict, verbose: bool = True) -> str:
    lines = [f"document type + page range: {result['doc_matched']}/{result['doc_total']} = {result['doc_accuracy']:.3f}",
             f"defect codes (firm findings): precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
             f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})"]
    if verbose:
        for r in result["dossiers"]:
            lines.append(f"- {r['dossier']}: documents {r['documents']}, {len(r['truth_defects'])} true codes")
            for d in r["missed_documents"]:
                lines.append(f"    missed document: {d}")
            for code in r["false_positives"]:
                lines.append(f"    false positive: {code}: {r['fp_evidence'].get(code, '')[:150]}")
            for code in r["missed"]:
                lines.append(f"    missed code: {code}")
    return "\n".join(lines)
