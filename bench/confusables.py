"""Learn the confusable-character table from data: which characters OCR reads as which others.

Every OCR'd page of the scanned samples (and of any ``--holdout`` folders of scanned family-B
dossiers with their truth files, made by ``bench/holdout.py --scanned --out DIR``) is aligned with
the generator's digital twin of the page (the same case rendered without the scanner, as in
``bench/charconf.py``); each substitution of one character for one other is counted, and so are
characters OCR dropped or added between two agreeing neighbours.  The pairs seen at least
``--min-count`` times are written to ``dossier_review/check/data/confusables.json``, which the
checks read to ask whether a misreading explains an anomaly (an identifier that becomes valid, an
amount whose words and figures agree after one swap).

    .venv/bin/python bench/confusables.py [--samples samples] [--family-b 6 101] [--min-count 1] [--write]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest import _twin_pages  # noqa: E402  (bench/ingest.py)

from dossier_review.extract.text import canon  # noqa: E402
from dossier_review.ingest import ingest  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "dossier_review" / "check" / "data" / "confusables.json"


def _plain(text: str) -> str:
    return "".join(ch for ch in canon(text or "") if not ch.isspace())


def pairs(ocr: str, twin: str, swaps: Counter, dropped: Counter, added: Counter) -> None:
    """Count what OCR did to the twin's characters: one for one swaps, single drops and adds."""
    got, ref = _plain(ocr), _plain(twin)
    for op, a0, a1, b0, b1 in SequenceMatcher(None, got, ref, autojunk=False).get_opcodes():
        if op == "replace" and a1 - a0 == b1 - b0 and a1 - a0 <= 2:
            for k in range(a1 - a0):
                swaps[(ref[b0 + k], got[a0 + k])] += 1      # (true, read)
        elif op == "delete" and a1 - a0 == 1:
            added[got[a0]] += 1
        elif op == "insert" and b1 - b0 == 1:
            dropped[ref[b0]] += 1


def _twin_of_holdout(pdf: Path) -> list[str] | None:
    """A scanned family-B dossier's twin: the digital file written beside it, when there is one."""
    digital = pdf.with_name(pdf.name.replace("-scan", ""))
    if digital == pdf or not digital.exists():
        return None
    import pdfplumber
    with pdfplumber.open(str(digital)) as doc:
        return [p.extract_text() or "" for p in doc.pages]


# the identifier alphabet: digits, the capitals of credit codes and ID numbers, the currency sign
GLYPH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ¥"
GLYPH_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def glyph_pairs(threshold: float) -> list[list]:
    """Pairs of the identifier alphabet whose glyphs, each cropped to its ink and scaled to one
    size, overlap by at least ``threshold`` (intersection over union) in every font at hand: the
    shapes a scan can turn into each other (0/O, 8/S, Y/¥ …).  [a, b, lowest overlap]."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    def glyph(ch: str, font: str):
        im = Image.new("L", (96, 96), 0)
        ImageDraw.Draw(im).text((16, 8), ch, fill=255, font=ImageFont.truetype(font, 64))
        a = np.array(im) > 128
        ys, xs = np.nonzero(a)
        if not len(ys):
            return None
        crop = Image.fromarray((a[ys.min():ys.max() + 1, xs.min():xs.max() + 1] * 255).astype("uint8"))
        return np.array(crop.resize((24, 32))) > 100

    fonts = [f for f in GLYPH_FONTS if Path(f).exists()]
    lowest: dict = {}
    for font in fonts:
        g = {c: glyph(c, font) for c in GLYPH_ALPHABET}
        for i, a in enumerate(GLYPH_ALPHABET):
            for b in GLYPH_ALPHABET[i + 1:]:
                if g[a] is None or g[b] is None:
                    continue
                iou = float((g[a] & g[b]).sum() / max(1, (g[a] | g[b]).sum()))
                lowest[(a, b)] = min(lowest.get((a, b), 1.0), iou)
    return sorted(([a, b, round(v, 3)] for (a, b), v in lowest.items() if v >= threshold), key=lambda r: -r[2])


def _family_b_jobs(n: int, seed: int, out: Path) -> list:
    """Scanned family-B dossiers (other templates and forms than the samples) with their twins:
    the same case rendered without the scanner."""
    import io

    import pdfplumber

    from dossier_review.samplegen import make_case, render_case
    from dossier_review.samplegen.holdout import family_b_specs
    from dossier_review.samplegen.render import render_pdf

    jobs = []
    for s in family_b_specs(n, seed):
        case = make_case(s["seed"], procedure=s["procedure"], defects=s["defects"], scanned=True,
                         agency=s.get("agency"), party_kind=s.get("party_kind"), family="B")
        path = render_case(case, out, name=s["name"])
        pdf, _ = render_pdf(case)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            twin = [p.extract_text() or "" for p in doc.pages]
        jobs.append((path, lambda t=twin: t))
    return jobs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", default="samples")
    ap.add_argument("--cache-dir", default="/tmp/bench-seals")
    ap.add_argument("--holdout", nargs="*", default=[], help="folders of scanned dossiers with digital twins beside")
    ap.add_argument("--family-b", nargs=2, type=int, metavar=("N", "SEED"),
                    help="also N scanned family-B dossiers made with SEED")
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--glyph-threshold", type=float, default=0.5,
                    help="glyph overlap from which two identifier characters count as look-alikes")
    ap.add_argument("--write", action="store_true", help=f"write the table to {OUT.relative_to(OUT.parents[3])}")
    args = ap.parse_args()
    cache_dir = Path(args.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    swaps: Counter = Counter()
    dropped: Counter = Counter()
    added: Counter = Counter()
    jobs = []
    for tf in sorted(Path(args.samples).glob("*scan*.truth.json")):
        truth = json.loads(tf.read_text(encoding="utf-8"))
        jobs.append((Path(args.samples) / truth["source"], lambda t=truth: _twin_pages(t, cache_dir)))
    for folder in args.holdout:
        for pdf in sorted(Path(folder).glob("*-scan*.pdf")):
            jobs.append((pdf, lambda p=pdf: _twin_of_holdout(p)))
    if args.family_b:
        fb = cache_dir / f"famb-{args.family_b[1]}"
        fb.mkdir(parents=True, exist_ok=True)
        jobs += _family_b_jobs(args.family_b[0], args.family_b[1], fb)
    compared = 0
    for src, twin_of in jobs:
        twin = twin_of()
        if not twin:
            continue
        dossier = ingest(str(src), progress=False)
        for page in dossier.pages:
            if page.source != "ocr" or page.number > len(twin):
                continue
            pairs(page.text, twin[page.number - 1], swaps, dropped, added)
            compared += len(_plain(twin[page.number - 1]))
        print(f"{src.name}: {len(dossier.pages)} pages", file=sys.stderr)
    kept = sorted(((t, r, n) for (t, r), n in swaps.items() if n >= args.min_count), key=lambda x: -x[2])
    print(f"characters compared: {compared}; one-for-one misreadings: {sum(swaps.values())} "
          f"({len(swaps)} pairs, {len(kept)} seen ≥{args.min_count}×); dropped {sum(dropped.values())}, "
          f"added {sum(added.values())}")
    for t, r, n in kept[:60]:
        print(f"  {t} → {r}  ×{n}")
    shapes = glyph_pairs(args.glyph_threshold)
    print("look-alike glyphs: " + "  ".join(f"{a}/{b} {v}" for a, b, v in shapes))
    if args.write:
        table = {
            "about": "pairs: characters OCR read as others on the generator's scanned pages against their "
                     "clean twins, [true, read, count]; glyph_pairs: identifier characters whose glyphs overlap "
                     "most, [a, b, overlap]; dropped/added: characters OCR lost or added. Written by "
                     "bench/confusables.py.",
            "pairs": [[t, r, n] for t, r, n in kept],
            "glyph_pairs": shapes,
            "dropped": dict(sorted(dropped.items(), key=lambda x: -x[1])),
            "added": dict(sorted(added.items(), key=lambda x: -x[1])),
        }
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"written {OUT}")


if __name__ == "__main__":
    main()
