"""Figures on the frozen evaluation sets (issue 10): the sets no rule is ever tuned on.

    OMP_THREAD_LIMIT=1 timeout 3600 .venv/bin/python bench/frozen.py [--sets real/digital real/scan ...]
        [--out DIR] [--json] [--standard default]

Sets are folders under frozen/ holding ``<name>.pdf`` + ``<name>.truth.json`` pairs:
``real/digital`` and ``real/scan`` (published decisions, frozen/real/), and every folder under
``family_c/`` that holds truth files (the third synthetic family; skipped with a note while absent).

For each set it runs the reviewer through ``dossier_review.evaluate`` (the same P/R code as
``dossier-review evaluate``) and prints, digital and scanned apart:

  firm precision / recall   findings that are not needs_human, against the truth defects
  needs_human absent/doss.  needs_human items on codes the truth says are absent, per dossier
  documents                 document type + exact page range
  party / fine / decided    the facts against the truth

and then each dossier's firm false positives and misses.  The targets (issue 10) are printed
beside the figures; nothing here passes or fails.  Never change a rule because of this output
without first showing the same failure on families A or B (frozen/README.md).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier_review.errors import InputError  # noqa: E402
from dossier_review.evaluate import evaluate  # noqa: E402

FROZEN = Path(__file__).resolve().parents[1] / "frozen"
TARGETS = {"precision": 0.97, "recall": 0.92, "needs_human_absent_per_dossier": 0.5,
           "documents": 0.97, "facts": 0.97}


def default_sets() -> list[str]:
    sets = ["real/digital", "real/scan"]
    family_c = FROZEN / "family_c"
    if family_c.is_dir():
        sets += sorted({str(p.parent.relative_to(FROZEN)) for p in family_c.rglob("*.truth.json")})
    return list(dict.fromkeys(sets))


def figures(result: dict) -> dict:
    """Reduce one evaluate() result (one set) to the issue's figures, per kind."""
    rows = result.get("dossiers", [])
    out = {}
    for kind, micro in result.get("micro", {}).items():
        n = sum(1 for r in rows if r["kind"] == kind)
        docs = result.get("documents", {}).get(kind, {})
        out[kind] = {
            "dossiers": n,
            "precision": micro["precision"], "recall": micro["recall"],
            "tp": micro["tp"], "fp": micro["fp"], "fn": micro["fn"],
            "needs_human_absent": micro["needs_human_absent"],
            "needs_human_absent_per_dossier": micro["needs_human_absent"] / n if n else None,
            "needs_human_true": micro["needs_human_true"],
            "documents": docs.get("accuracy"), "documents_matched": docs.get("matched"),
            "documents_total": docs.get("total"),
        }
    out["facts"] = {k: v for k, v in result.get("facts", {}).items()}
    out["failed"] = result.get("failed", [])
    return out


def _mark(value, target, higher=True) -> str:
    if value is None:
        return "   -  "
    ok = value >= target if higher else value <= target
    return f"{value:6.3f}{' ' if ok else '*'}"


def format_set(name: str, fig: dict, result: dict) -> str:
    lines = [f"== frozen/{name}"]
    for kind, f in fig.items():
        if kind in ("facts", "failed", "seconds"):
            continue
        lines.append(
            f"  {kind:<8} n={f['dossiers']:<3} firm P {_mark(f['precision'], TARGETS['precision'])} "
            f"R {_mark(f['recall'], TARGETS['recall'])} (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})  "
            f"needs_human on absent/dossier {_mark(f['needs_human_absent_per_dossier'], TARGETS['needs_human_absent_per_dossier'], False)}"
            f" ({f['needs_human_absent']} items; {f['needs_human_true']} on true defects)  "
            f"documents {_mark(f['documents'], TARGETS['documents'])} ({f['documents_matched']}/{f['documents_total']})")
    facts = fig.get("facts", {})
    if facts:
        lines.append("  facts    " + "  ".join(
            f"{k} {_mark(v['accuracy'], TARGETS['facts'])} (n={v['n']})" for k, v in sorted(facts.items())))
    for r in result.get("dossiers", []):
        lines.append(f"    {r['dossier']:<10} {r['kind']:<8} docs {r['documents']:<5} "
                     f"FP: {', '.join(r['false_positives']) or '-'} | FN: {', '.join(r['missed']) or '-'} | "
                     f"needs_human: {', '.join(r['needs_human']) or '-'}")
    for name_, reason in fig.get("failed", []):
        lines.append(f"    {name_:<10} FAILED: {reason}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="*", help="folders under frozen/ (default: real/digital real/scan family_c/*)")
    ap.add_argument("--out", help="keep the reviews here (default: a temporary folder)")
    ap.add_argument("--standard", default="default")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    sets = args.sets or default_sets()
    if not (FROZEN / "family_c").is_dir() and not args.sets:
        print("note: frozen/family_c is absent (built by the family-C generator); measured the real set only",
              file=sys.stderr)
    report, blocks = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        out_root = Path(args.out or tmp)
        for name in sets:
            folder = FROZEN / name
            if not folder.is_dir() or not any(folder.glob("*.truth.json")):
                blocks.append(f"== frozen/{name}: absent, skipped")
                continue
            t0 = time.time()
            try:
                result = evaluate(folder, out_root / name.replace("/", "_"), standard=args.standard)
            except InputError as exc:
                blocks.append(f"== frozen/{name}: {exc.reason}")
                continue
            fig = figures(result)
            fig["seconds"] = round(time.time() - t0, 1)
            report[name] = {"figures": fig, "dossiers": result.get("dossiers", [])}
            blocks.append(format_set(name, fig, result) + f"\n  ({fig['seconds']} s)")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print("targets (issue 10): firm P >= 0.97, R >= 0.92, needs_human on absent <= 0.5 a dossier, "
              "documents >= 0.97, facts >= 0.97;  * = target missed")
        print("\n".join(blocks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
