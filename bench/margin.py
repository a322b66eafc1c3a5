"""Page numbers read on scans against the truth (ingest/margin.py and the page reader together).

For every scanned dossier with a truth file that records the printed page numbers
(``printed_page_numbers``), each page's number as the pipeline reads it is compared with the
truth: right, wrong (a misread number is what would fake a gap in the numbering), or not read.
The confidence of the wrong ones shows whether ``ocr_firm_confidence`` keeps them from a firm
finding.

    .venv/bin/python bench/margin.py [--samples samples] [--holdout /tmp/hb11 ...]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from dossier_review.extract import _printed_number
from dossier_review.extract.ocrconf import char_confidence
from dossier_review.ingest import ingest


def _dossiers(samples: Path, holdout: list[str]):
    for tf in sorted(samples.glob("*scan*.truth.json")):
        truth = json.loads(tf.read_text(encoding="utf-8"))
        yield samples / truth["source"], truth
    for folder in holdout:
        for pdf in sorted(Path(folder).glob("*.pdf")):
            tf = pdf.with_name(pdf.stem + ".truth.json")
            if tf.exists():
                yield pdf, json.loads(tf.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", default="samples")
    ap.add_argument("--holdout", nargs="*", default=[], help="folders made by bench/holdout.py --scanned")
    args = ap.parse_args()
    right = wrong = unread = 0
    wrongs = []
    for src, truth in _dossiers(Path(args.samples), args.holdout):
        numbers = truth.get("printed_page_numbers")
        if not numbers:
            continue
        dossier = ingest(str(src))
        for page in dossier.pages:
            want = numbers.get(str(page.number))
            if want is None or page.source != "ocr":
                continue
            got, conf = _printed_number(page, char_confidence(page))
            if got == want:
                right += 1
            elif got is None:
                unread += 1
            else:
                wrong += 1
                wrongs.append(f"{src.name} p{page.number}: read {got} for {want} (confidence {conf:.2f})")
    total = right + wrong + unread
    print(f"numbered scanned pages: {total}; read right {right} ({right / max(total, 1):.1%}), "
          f"wrong {wrong}, not read {unread}")
    for line in wrongs:
        print("  wrong:", line)


if __name__ == "__main__":
    main()
