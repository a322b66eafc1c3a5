"""Build the statute database shipped in the package (dossier_review/law/data/laws.sqlite).

    python scripts/build_lawdb.py [SOURCE_DIR] [--out PATH] [--include-local]

SOURCE_DIR defaults to ../shared/laws beside the repository (markdown text, one file per law and
version; see its README).  Local regulations (DLC/) are left out unless --include-local.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier_review.law.build import DEFAULT_EXCLUDE, build  # noqa: E402
from dossier_review.law.store import SHIPPED  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", nargs="?", type=Path, default=ROOT.parent / "shared" / "laws")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--include-local", action="store_true", help="also the local regulations (DLC/)")
    args = ap.parse_args()
    if not args.source.is_dir():
        print(f"source folder not found: {args.source}", file=sys.stderr)
        return 2
    figures = build(args.source, args.out, () if args.include_local else DEFAULT_EXCLUDE)
    print(f"{args.out}: {figures['bytes'] / 1e6:.1f} MB in {figures['seconds']:.1f} s — "
          f"{figures['law']} laws, {figures['version']} versions, {figures['article']} articles, "
          f"{figures['paragraph']} 款, {figures['item']} 项")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
