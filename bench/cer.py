"""Character error rate of each OCR engine by page kind, on the scanned samples.

Every scanned sample page whose generator twin (the same case rendered without the scanner, see
``bench/ingest.py``) gives its clean text is sorted into one kind:

* ``seal``   — a red seal found on the page (text under and beside the stamp);
* ``hand``   — a form filled in a handwriting font (the twin draws ≥ 5 characters in 楷体);
* ``typed``  — everything else.

Up to ``--per-kind`` pages of each kind (spread over the samples) are read the way ingest reads a
page (``page.process_image``: seals lifted, straightened, tables) by each engine, and the CER of
the page text against the twin is printed per engine and kind (edit distance over the twin's
characters, whitespace ignored, both sides normalised as ``Page.text``), with seconds per page.
A second figure ignores reading order (characters missing or extra, as multisets): a table's
cells read in another order than the twin's are no misreading, and the engines order cells
differently (RapidOCR reads each cell of a 卷内目录 right but in another order).
Twins and page kinds are cached under ``--cache-dir``.

    .venv/bin/python bench/cer.py [--samples samples] [--per-kind 6] [--workers 2]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from dossier_review.ingest import normalize  # noqa: E402

ENGINES = ("tesseract", "rapidocr")
KINDS = ("typed", "hand", "seal")
HAND_FONT = "UKai"


def twin_pages(truth: dict, cache_dir: Path) -> list[dict]:
    """[{"text", "hand"}] of the scanned sample's digital twin, one per page."""
    import pdfplumber

    path = cache_dir / f"twin-{truth['name']}-{truth['seed']}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    from dossier_review.samplegen import make_case
    from dossier_review.samplegen.families import renderer_for
    from dossier_review.samplegen.render import render_pdf

    for agency in (truth.get("agency_kind"), None):
        try:
            case = make_case(truth["seed"], procedure=truth["procedure"], defects=truth["injected"],
                             scanned=True, agency=agency)
        except ValueError:
            continue
        pdf, _ = render_pdf(case, renderer_for(case))
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            pages = [{"text": p.extract_text() or "",
                      "hand": sum(HAND_FONT in (c.get("fontname") or "") for c in p.chars)} for p in doc.pages]
        if len(pages) == truth["page_count"] and case.agency["name"] == truth["facts"]["authority"]:
            path.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
            return pages
    raise SystemExit(f"cannot rebuild the digital twin of {truth['name']}")


def page_image(source: Path, index: int):
    """The ``index``-th page image of a dossier (a PDF, or a folder of page images) as ingest sees it."""
    from dossier_review.ingest import render
    from dossier_review.ingest.sources import collect

    _, files = collect(source)
    for sf in files:
        if index < sf.pages:
            if sf.kind == "pdf":
                return render.render_pdf_page(str(sf.path), index, 300), 300
            img, dpi = render.load_image_frame(str(sf.path), index)
            return img, (dpi if 100 < dpi <= 1200 else render.guess_dpi(img.shape))
        index -= sf.pages
    raise IndexError(f"{source} has no page {index + 1}")


def has_seal(job: tuple) -> bool:
    from dossier_review.ingest.seal import find_seals

    img, dpi = page_image(Path(job[0]), job[1])
    return img.ndim == 3 and bool(find_seals(img, dpi))


def read(job: tuple) -> dict:
    from dossier_review.ingest.page import process_image

    source, index = job
    img, dpi = page_image(Path(source), index)
    out = {}
    for engine in ENGINES:
        t0 = time.perf_counter()
        res = process_image(img, dpi, engine=engine)
        out[engine] = (res["raw_text"], time.perf_counter() - t0)
    return out


def flat(text: str) -> str:
    return "".join(normalize(text).split())


def unordered_errors(got: str, ref: str) -> int:
    from collections import Counter

    g, r = Counter(got), Counter(ref)
    return max(sum((r - g).values()), sum((g - r).values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parents[1] / "samples"))
    ap.add_argument("--per-kind", type=int, default=6)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--cache-dir", default="/tmp/bench-cer")
    ap.add_argument("--detail", action="store_true", help="also print each page's CER per engine")
    args = ap.parse_args()
    cache = Path(args.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    samples = Path(args.samples)

    pages = []  # (source, index, twin page)
    for tf in sorted(samples.glob("*scan*.truth.json")):
        truth = json.loads(tf.read_text(encoding="utf-8"))
        for i, twin in enumerate(twin_pages(truth, cache)):
            if len("".join(twin["text"].split())) >= 20:
                pages.append((str(samples / truth["source"]), i, twin))
    kinds_file = cache / "kinds.json"
    kinds = json.loads(kinds_file.read_text(encoding="utf-8")) if kinds_file.exists() else {}
    todo = [(s, i) for s, i, _ in pages if f"{s}#{i}" not in kinds]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for (s, i), seal in zip(todo, pool.map(has_seal, todo), strict=True):
            kinds[f"{s}#{i}"] = seal
        kinds_file.write_text(json.dumps(kinds), encoding="utf-8")
        chosen = []
        for kind in KINDS:
            of_kind = [(s, i, t) for s, i, t in pages
                       if kind == ("seal" if kinds[f"{s}#{i}"] else "hand" if t["hand"] >= 5 else "typed")]
            step = max(len(of_kind) / max(args.per_kind, 1), 1.0)
            picked = [of_kind[int(k * step)] for k in range(min(args.per_kind, len(of_kind)))]
            chosen += [(kind, s, i, t) for s, i, t in picked]
            print(f"{kind:<6} {len(of_kind):>3} pages, {len(picked)} read", file=sys.stderr)
        # readings are kept per page and ingest version: a second run only prints
        from dossier_review.ingest.cache import PIPELINE_VERSION

        read_file = cache / f"readings-{PIPELINE_VERSION}.json"
        done = json.loads(read_file.read_text(encoding="utf-8")) if read_file.exists() else {}
        todo = [(s, i) for _, s, i, _ in chosen if f"{s}#{i}" not in done]
        for (s, i), res in zip(todo, pool.map(read, todo), strict=True):
            done[f"{s}#{i}"] = res
        read_file.write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
        results = [done[f"{s}#{i}"] for _, s, i, _ in chosen]

    table: dict[tuple[str, str], list[float]] = {}
    for (kind, s, i, twin), res in zip(chosen, results, strict=True):
        ref = flat(twin["text"])
        if args.detail:
            print(f"{kind:<6} {Path(s).name}#{i + 1:<3} " + "  ".join(
                f"{e} {Levenshtein.distance(flat(t), ref) / max(len(ref), 1):6.1%} "
                f"({unordered_errors(flat(t), ref) / max(len(ref), 1):.1%})" for e, (t, _) in res.items()))
        for engine, (text, secs) in res.items():
            row = table.setdefault((engine, kind), [0, 0, 0.0, 0, 0])
            row[0] += Levenshtein.distance(flat(text), ref)
            row[1] += len(ref)
            row[2] += secs
            row[3] += 1
            row[4] += unordered_errors(flat(text), ref)
    n_kind = {k: sum(1 for c in chosen if c[0] == k) for k in KINDS}
    print(f"CER by engine and page kind on {len(chosen)} scanned sample pages (twin text as reference); "
          f"cell: CER (order-free error) s/page")
    print(f"{'engine':<10} " + " ".join(f"{f'{k} ({n_kind[k]} p)':>22}" for k in KINDS) + f" {'all':>22}")
    for engine in ENGINES:
        cells = []
        tot = [0, 0, 0.0, 0, 0]
        for kind in KINDS:
            e, n, secs, count, u = table.get((engine, kind), [0, 0, 0.0, 0, 0])
            tot = [tot[0] + e, tot[1] + n, tot[2] + secs, tot[3] + count, tot[4] + u]
            cells.append(f"{e / max(n, 1):>6.1%} ({u / max(n, 1):>5.1%}) {secs / max(count, 1):>4.1f}s"
                         if count else "-")
        cells.append(f"{tot[0] / max(tot[1], 1):>6.1%} ({tot[4] / max(tot[1], 1):>5.1%}) "
                     f"{tot[2] / max(tot[3], 1):>4.1f}s")
        print(f"{engine:<10} " + " ".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
