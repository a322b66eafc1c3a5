"""Print a batch's documents to PDF and check them: every 评查意见书 and the 通报 through
LibreOffice, summary.html and each HTML report through headless Chromium.

For each file: pages, whether every page carries "第x页 共y页" with the right total, seconds.
With --png DIR, page 1 of each PDF is also rendered to PNG (pdftoppm) for a look.

    .venv/bin/dossier-review batch samples --out /tmp/b --office office.yaml
    .venv/bin/python bench/print_documents.py /tmp/b [--png /tmp/b/png] [--limit 3]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier_review.report.printing import docx_to_pdf, html_to_pdf  # noqa: E402


def page_texts(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info)[1])
    return [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
                                              capture_output=True, text=True, check=True).stdout)
            for i in range(1, n + 1)]


def numbered(pages: list[str]) -> bool:
    return all((re.findall(r"第(\d+)页共(\d+)页", t) or [None])[-1] == (str(i), str(len(pages)))
               for i, t in enumerate(pages, 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--png", type=Path)
    ap.add_argument("--limit", type=int, default=3, help="意见书/HTML reports to print (default 3)")
    args = ap.parse_args()
    pdf_dir = args.folder / "pdf"
    jobs = [(p, "docx") for p in sorted(args.folder.glob("*.评查意见书.docx"))[: args.limit]]
    jobs += [(args.folder / "bulletin.docx", "docx"), (args.folder / "summary.html", "html")]
    jobs += [(p, "html") for p in sorted(args.folder.glob("*.html")) if p.name != "summary.html"][: args.limit]
    bad = 0
    for src, kind in jobs:
        if not src.exists():
            continue
        t0 = time.perf_counter()
        pdf = docx_to_pdf(src, pdf_dir) if kind == "docx" else html_to_pdf(src, pdf_dir / (src.stem + ".pdf"))
        dt = time.perf_counter() - t0
        pages = page_texts(pdf)
        ok = numbered(pages)
        bad += not ok
        print(f"{src.name:50s} {len(pages):3d} pages  第x页 共y页 {'ok' if ok else 'MISSING'}  {dt:5.1f} s")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf),
                            str(args.png / pdf.stem)], check=True)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
