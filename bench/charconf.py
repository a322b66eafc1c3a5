"""How well OCR confidence tells a right character from a wrong one, on the scanned samples.

Every OCR'd character of the scanned samples is compared with the generator's digital twin of
its page (the same case rendered without the scanner; see ``bench/ingest.py``).  For each
threshold it prints the share of characters at or above it ("sure") and how many of those are
wrong, once with Tesseract's word confidence spread over the word's characters and once with
each character's own confidence (hOCR character boxes).  ``ocr_firm_confidence`` in the
standard is chosen from this table: a claim that rests on sure characters should almost never
rest on a misread one.

``--sweep 0.9,0.95`` then reviews the scanned samples (and any ``--holdout`` folders made by
``bench/holdout.py --scanned``) with the default standard at each value of
``ocr_firm_confidence`` and prints found / false / missed defects: the claim-level check of the
same choice.

    .venv/bin/python bench/charconf.py [--samples samples]
    .venv/bin/python bench/charconf.py --sweep 0.85,0.9,0.93,0.95,0.97 --holdout /tmp/hb11 /tmp/hb12
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import _twin_pages  # noqa: E402  (bench/ingest.py)

from dossier_review.extract.ocrconf import char_confidence  # noqa: E402
from dossier_review.extract.text import canon  # noqa: E402
from dossier_review.ingest import ingest  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)


def _marks(page, twin: str) -> tuple[list[float | None], list[float | None], list[bool]]:
    """(own confidence, word confidence, right?) of each non-space character of the page text."""
    text = canon(page.text or "")
    own = char_confidence(page)
    flat = copy.copy(page)
    flat.words = [copy.copy(w) for w in page.words]
    for w in flat.words:
        w.chars = None
    spread = char_confidence(flat)
    idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    got = "".join(text[i] for i in idx)
    ref = "".join(ch for ch in canon(twin) if not ch.isspace())
    # right where the twin has the character; wrong where the twin has another one in its place
    # (a substitution of equal length); characters the twin places elsewhere (a table read in
    # another order, a seal's rim) are left out: they say nothing about the reading of a character
    right: list[bool | None] = [None] * len(idx)
    for op, a0, a1, b0, b1 in SequenceMatcher(None, got, ref, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0 and a1 - a0 <= 3):
            for k in range(a0, a1):
                right[k] = op == "equal"
    return [own.conf[i] for i in idx], [spread.conf[i] for i in idx], right


def sweep(values: list[str], samples: Path, holdout: list[str]) -> None:
    """Findings at each ``ocr_firm_confidence`` on the scanned samples and hold-out folders."""
    import re
    import tempfile

    from dossier_review.evaluate import measure
    from dossier_review.standards import resolve

    base = Path(resolve("default")).read_text(encoding="utf-8")
    sets = {"samples": [str(samples / json.loads(tf.read_text(encoding="utf-8"))["source"])
                        for tf in sorted(samples.glob("*scan*.truth.json"))]}
    for folder in holdout:
        sets[folder] = sorted(str(p) for p in Path(folder).glob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        for value in values:
            path = Path(tmp) / f"firm-{value}.yaml"
            path.write_text(re.sub(r"(?m)^(\s*ocr_firm_confidence:)\s*[0-9.]+", rf"\g<1> {value}", base),
                            encoding="utf-8")
            total = [0, 0, 0]
            for name, paths in sets.items():
                r = measure(paths, str(path))
                total = [total[0] + r["tp"], total[1] + r["fp"], total[2] + r["fn"]]
                false = [(row["dossier"], row["false_positives"]) for row in r["dossiers"] if row["false_positives"]]
                print(f"{value:>6} {name:<20} found {r['tp']:>3}  false {r['fp']:>2}  missed {r['fn']:>3}  {false or ''}")
            print(f"{value:>6} {'all':<20} found {total[0]:>3}  false {total[1]:>2}  missed {total[2]:>3}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", default="samples")
    ap.add_argument("--cache-dir", default="/tmp/bench-seals")
    ap.add_argument("--sweep", help="comma-separated values of ocr_firm_confidence to review with")
    ap.add_argument("--holdout", nargs="*", default=[], help="folders made by bench/holdout.py --scanned")
    args = ap.parse_args()
    if args.sweep:
        sweep(args.sweep.split(","), Path(args.samples), args.holdout)
        return
    cache_dir = Path(args.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    rows = {"own": [], "word": []}
    for tf in sorted(Path(args.samples).glob("*scan*.truth.json")):
        truth = json.loads(tf.read_text(encoding="utf-8"))
        src = Path(args.samples) / truth["source"]
        twin = _twin_pages(truth, cache_dir)
        dossier = ingest(str(src))
        for page in dossier.pages:
            if page.source != "ocr" or page.number > len(twin):
                continue
            own, word, right = _marks(page, twin[page.number - 1])
            rows["own"] += [(c, r) for c, r in zip(own, right, strict=False) if c is not None and r is not None]
            rows["word"] += [(c, r) for c, r in zip(word, right, strict=False) if c is not None and r is not None]
        print(f"{src.name}: {len(dossier.pages)} pages", file=sys.stderr)
    n = len(rows["own"])
    wrong = sum(1 for _, r in rows["own"] if not r)
    print(f"characters compared with the twin: {n}, misread: {wrong} ({wrong / max(n, 1):.2%})")
    print(f"{'threshold':>9}  {'word: sure':>10} {'wrong/sure':>10}   {'own: sure':>10} {'wrong/sure':>10}")
    for t in THRESHOLDS:
        parts = []
        for kind in ("word", "own"):
            sure = [r for c, r in rows[kind] if c >= t]
            bad = sum(1 for r in sure if not r)
            parts.append(f"{len(sure) / max(len(rows[kind]), 1):>10.1%} {bad / max(len(sure), 1):>10.3%}")
        print(f"{t:>9.2f}  {parts[0]}   {parts[1]}")


if __name__ == "__main__":
    main()
