"""Hold-out figures on template family B (forms the tuning never saw).

    .venv/bin/python bench/holdout.py --n 6 --seed 1 [--out DIR] [--json] [--scanned]

Writes N digital (or, with --scanned, scanned image-only) family-B dossiers (two clean, the rest with planned defects) into a temporary
folder (or --out), runs the real pipeline on them and prints document-type accuracy (type + exact
page range), micro precision/recall over firm findings, and every miss.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier_review.evaluate import format_measure as format_figures
from dossier_review.evaluate import measure
from dossier_review.samplegen.holdout import write_family_b  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6, help="number of family-B dossiers (at least 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="keep the dossiers and truth files here (default: a temporary folder)")
    ap.add_argument("--standard", default="default")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--scanned", action="store_true",
                    help="scanned variants (OCR: about half a minute a dossier on 2 cores)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out or tmp)
        t0 = time.time()
        paths = write_family_b(out, n=args.n, seed=args.seed, scanned=args.scanned)
        t1 = time.time()
        result = measure(paths, args.standard)
        t2 = time.time()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"family B, n={len(paths)}, seed={args.seed}: generated in {t1 - t0:.0f} s, reviewed in {t2 - t1:.0f} s")
        print(format_figures(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
