"""Document-type accuracy of segmentation on the samples (type AND exact page range).

    .venv/bin/python bench/segment_accuracy.py [SAMPLES_DIR] [--ocr] [-v]

Digital samples are read from their PDF text layer (pdfplumber) so the figure measures the
segmenter, not OCR.  With ``--ocr`` scanned samples go through ``dossier_review.ingest.ingest``;
their pages are cached as JSON under /tmp/segment_bench_cache (OCR takes a minute a dossier).
Prints per-sample and overall accuracy (matched truth documents / truth documents) and
precision (matched / predicted); ``-v`` lists every missed and spurious document.
``--noise 0.05`` adds simulated OCR damage on top (that share of CJK characters misread as a
look-alike, dropped or followed by a space; seeded per sample) to see how fast accuracy falls.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier_review.model import Dossier, Page  # noqa: E402
from dossier_review.segment import segment  # noqa: E402
from dossier_review.segment.evaluation import score_documents  # noqa: E402

CACHE = Path("/tmp/segment_bench_cache")
SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _normalize(text: str) -> str:
    try:
        from dossier_review.ingest import normalize
    except Exception:   # ingest not importable: segment must cope with raw text anyway
        return text
    return normalize(text)


def text_layer_dossier(pdf: Path) -> Dossier:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for i, p in enumerate(doc.pages):
            raw = p.extract_text() or ""
            pages.append(Page(i + 1, "text", 1.0, raw, _normalize(raw), source_file=str(pdf), source_index=i))
    return Dossier(pdf.stem, [str(pdf)], pages)


def has_text_layer(pdf: Path) -> bool:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return any(len((p.extract_text() or "").strip()) > 20 for p in doc.pages[:3])


def ocr_dossier(target: Path) -> Dossier:
    from dossier_review.ingest.cache import PIPELINE_VERSION

    h = hashlib.sha1(PIPELINE_VERSION.encode())   # a new ingest pipeline reads the pages anew
    files = sorted(target.iterdir()) if target.is_dir() else [target]
    for f in files:
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    cached = CACHE / f"{target.name}-{h.hexdigest()[:12]}.json"
    if cached.exists():
        return Dossier.from_dict(json.loads(cached.read_text(encoding="utf-8")))
    from dossier_review.ingest import ingest

    dossier = ingest(target)
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(dossier.to_dict(), ensure_ascii=False), encoding="utf-8")
    return dossier


_LOOKALIKES = "口日曰人入土士王主去云大太犬天夭木本未末术"


def add_noise(dossier: Dossier, rate: float, seed: str) -> Dossier:
    import random

    rng = random.Random(seed)

    def damage(text: str) -> str:
        out = []
        for ch in text:
            if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate:
                r = rng.random()
                if r < 0.6:
                    out.append(rng.choice(_LOOKALIKES))
                elif r >= 0.8:
                    out.append(ch + " ")
            else:
                out.append(ch)
        return "".join(out)

    pages = [Page(p.number, "ocr", min(p.confidence, 0.7), p.raw_text, damage(p.text)) for p in dossier.pages]
    return Dossier(dossier.name, dossier.sources, pages)


def find_samples(folder: Path):
    for truth_path in sorted(folder.glob("*.truth.json")):
        name = truth_path.name[: -len(".truth.json")]
        target = folder / name if (folder / name).is_dir() else next(
            (folder / f"{name}{s}" for s in SUFFIXES if (folder / f"{name}{s}").exists()), None)
        if target is not None:
            yield name, target, json.loads(truth_path.read_text(encoding="utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("samples", nargs="?", default=str(ROOT / "samples"))
    ap.add_argument("--ocr", action="store_true", help="also run scanned samples through ingest (OCR, cached)")
    ap.add_argument("--noise", type=float, default=0.0, help="simulated OCR character-damage rate")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    totals = {"digital": [0, 0, 0], "scanned": [0, 0, 0]}
    seg_time = 0.0
    print(f"{'sample':<28}{'kind':<9}{'pages':>6}{'matched':>9}{'truth':>7}{'pred':>6}{'acc':>8}{'prec':>7}")
    for name, target, truth in find_samples(Path(args.samples)):
        digital = target.suffix == ".pdf" and not truth.get("scanned", False) and has_text_layer(target)
        kind = "digital" if digital else "scanned"
        if digital:
            dossier = text_layer_dossier(target)
        elif args.ocr:
            dossier = ocr_dossier(target)
        else:
            print(f"{name:<28}{kind:<9}  (skipped: pass --ocr)")
            continue
        if args.noise:
            dossier = add_noise(dossier, args.noise, name)
        t0 = time.perf_counter()
        seg = segment(dossier)
        seg_time += time.perf_counter() - t0
        sc = score_documents(seg.documents, truth.get("documents", []))
        tot = totals[kind]
        tot[0] += sc.matched
        tot[1] += sc.truth
        tot[2] += sc.predicted
        print(f"{name:<28}{kind:<9}{dossier.page_count:>6}{sc.matched:>9}{sc.truth:>7}{sc.predicted:>6}"
              f"{sc.accuracy:>8.3f}{sc.precision:>7.3f}")
        if args.verbose:
            for m in sc.missed:
                print(f"    missed   {m}")
            for s in sc.spurious:
                print(f"    spurious {s}")
    print()
    all_m = all_t = all_p = 0
    for kind, (m, t, p) in totals.items():
        if t:
            print(f"{kind:<9} accuracy {m / t:.3f} ({m}/{t})  precision {m / p if p else 1:.3f} ({m}/{p})")
        all_m, all_t, all_p = all_m + m, all_t + t, all_p + p
    if all_t:
        print(f"{'overall':<9} accuracy {all_m / all_t:.3f} ({all_m}/{all_t})  "
              f"precision {all_m / all_p if all_p else 1:.3f} ({all_m}/{all_p})")
    print(f"segment() time {seg_time:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
