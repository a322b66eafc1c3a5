"""python -m dossier_review.samplegen --out samples --n 12 --seed 2024
   python -m dossier_review.samplegen family-c --out frozen/family_c --seed 2026"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _remove_generated(out: Path) -> None:
    """Delete what an earlier run wrote (truth files marked by this generator and their dossiers)."""
    import shutil
    for truth in out.glob("*.truth.json"):
        try:
            data = json.loads(truth.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("generator") != "dossier_review.samplegen":
            continue
        src = out / data.get("source", "")
        if data.get("source") and src.is_dir():
            shutil.rmtree(src)
        elif data.get("source") and src.exists():
            src.unlink()
        truth.unlink()


def main_family_c(argv) -> int:
    """``family-c``: the frozen family C (published official templates, augraphy scans)."""
    ap = argparse.ArgumentParser(prog="python -m dossier_review.samplegen family-c",
                                 description="Write template family C (published official templates) with truth files "
                                             "into OUT/digital and OUT/scan (scans need the 'frozen' extra: augraphy).")
    ap.add_argument("--out", required=True, help="output folder (gets digital/ and scan/)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--digital", type=int, default=10, help="number of text-layer dossiers")
    ap.add_argument("--scan", type=int, default=7, help="number of scanned dossiers")
    args = ap.parse_args(argv)
    from .plan import generate_family_c as generate_c

    out = Path(args.out)
    for sub in ("digital", "scan"):
        if (out / sub).exists():
            _remove_generated(out / sub)
    t0 = time.time()
    paths = generate_c(out, n_digital=args.digital, n_scan=args.scan, seed=args.seed)
    _print_summary(paths, t0)
    return 0


def _print_summary(paths, t0) -> None:
    total = 0
    for p in paths:
        size = sum(f.stat().st_size for f in p.iterdir()) if p.is_dir() else p.stat().st_size
        total += size
        truth = json.loads((p.parent / f"{p.name if p.is_dir() else p.stem}.truth.json").read_text(encoding="utf-8"))
        print(f"{p.name:45s} {truth['page_count']:3d} pages  {'scanned' if truth['scanned'] else 'digital':8s} "
              f"{size / 1e6:6.2f} MB  {len(truth['defects']):2d} defects")
    print(f"{len(paths)} dossiers, {total / 1e6:.1f} MB, {time.time() - t0:.0f} s", file=sys.stderr)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["family-c"]:
        return main_family_c(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m dossier_review.samplegen",
                                 description="Write synthetic 行政处罚 dossiers with truth files.")
    ap.add_argument("--out", default="samples", help="output folder")
    ap.add_argument("--n", type=int, default=12, help="number of dossiers")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scanned-ratio", type=float, default=0.5)
    ap.add_argument("--family", default="A", choices=["A", "B"],
                    help="template family: A = the committed samples' forms, B = another agency's (hold-out)")
    ap.add_argument("--keep", action="store_true",
                    help="keep dossiers an earlier run wrote into --out (default: replace them)")
    args = ap.parse_args(argv)
    from .plan import generate

    out = Path(args.out)
    if not args.keep and out.exists():
        _remove_generated(out)
    t0 = time.time()
    paths = generate(out, n=args.n, seed=args.seed, scanned_ratio=args.scanned_ratio,
                     family=args.family)
    _print_summary(paths, t0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
