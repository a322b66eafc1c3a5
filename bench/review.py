"""Time segment + extract + check + score + report per dossier, after ingest.

Prints, for each digital sample (or the paths given), the pages and the median wall time of
the stages after ingest over --repeat runs, excluding the one-off spaCy/jieba load, which is
reported on its own.  Issue target: under 1 s for a 25-page dossier.

    .venv/bin/python bench/review.py [PATH ...] [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier_review.extract import extract  # noqa: E402
from dossier_review.pages import analyse_pages  # noqa: E402
from dossier_review.pipeline import (  # noqa: E402
    ingest,
    judge,
    load_standard,  # noqa: E402
)
from dossier_review.report import write_reports  # noqa: E402
from dossier_review.segment import segment  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    paths = [Path(p) for p in args.paths] or sorted((ROOT / "samples").glob("*digital*.pdf"))
    standard = load_standard("default")
    dossiers = [ingest(p, progress=False) for p in paths]

    started = time.perf_counter()
    extract(segment(analyse_pages(dossiers[0])))
    print(f"one-off load of spaCy/jieba and first extraction: {time.perf_counter() - started:.2f} s")

    out = Path(tempfile.mkdtemp(prefix="bench-review-"))
    print(f"{'dossier':<30}{'pages':>6}{'segment':>10}{'extract':>10}{'check+score':>13}{'report':>9}{'total':>9}")
    per_page = []
    for dossier in dossiers:
        rows = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            seg = segment(dossier)
            t1 = time.perf_counter()
            facts = extract(seg)
            t2 = time.perf_counter()
            review = judge(facts, standard)
            t3 = time.perf_counter()
            write_reports(review, out, formats=("json", "html", "docx"))
            t4 = time.perf_counter()
            rows.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0))
        med = [statistics.median(col) for col in zip(*rows, strict=False)]
        per_page.append(med[4] / dossier.page_count)
        print(f"{dossier.name:<30}{dossier.page_count:>6}" + "".join(f"{v * 1000:>9.0f}ms" for v in med[:1])
              + "".join(f"{v * 1000:>8.0f}ms" for v in med[1:2]) + f"{med[2] * 1000:>11.0f}ms"
              + "".join(f"{v * 1000:>7.0f}ms" for v in med[3:]))
    print(f"median per page {statistics.median(per_page) * 1000:.1f} ms -> a 25-page dossier "
          f"≈ {statistics.median(per_page) * 25:.2f} s after ingest (target < 1 s)")


if __name__ == "__main__":
    main()
