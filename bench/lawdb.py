"""The statute database: its size, build time, lookup time per citation, and the share of
citations that resolve to a law version (the law is found, a version was in force on the
document's date, and the cited article, 款 and 项 exist in it).

    python bench/lawdb.py [--source ../shared/laws] [--real-branch HEAD]

Citations are those the extractor reads from the decisions and notices of the samples (the scans
through the OCR cache when it holds them; a cold cache means minutes of OCR) and, when the branch is given and holds ``frozen/real/digital/*.pdf``, of
those real published decisions (read from git, nothing merged; never used to tune rules).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier_review.law import SHIPPED, LawStore  # noqa: E402
from dossier_review.law.build import build  # noqa: E402
from dossier_review.pipeline import analyse, ingest  # noqa: E402

DOC_TYPES = ("decision", "prior_notice", "hearing_notice")
GRACE_DAYS = 365   # as statutes.yaml


def citations_of(pdfs: list[Path]):
    """(file name, document, citation) of every decision's and notice's citations to an article."""
    for pdf in pdfs:
        facts = analyse(ingest(pdf))
        for doc in facts.docs(*DOC_TYPES):
            for c in doc.citations:
                if c.law and c.article:
                    yield pdf.name, doc, c


def resolve_all(store: LawStore, cites) -> tuple[Counter, list[float], Counter]:
    outcome, times, missing = Counter(), [], Counter()
    for _name, doc, c in cites:
        t = time.perf_counter()
        res = store.resolve(c.law, doc.date, GRACE_DAYS)
        provs = [store.provision(v, c.article) for v in res.candidates]
        times.append(time.perf_counter() - t)
        if not res.found:
            outcome["law not in database"] += 1
            missing[c.law] += 1
        elif not res.candidates:
            outcome["no version in force on the date"] += 1
        elif all(p is not None and p.has(c.paragraph, c.item) for p in provs):
            outcome["resolved"] += 1
        else:
            outcome["article/款/项 not found"] += 1
    return outcome, times, missing


def report(label: str, outcome: Counter, times: list[float], missing: Counter) -> None:
    n = sum(outcome.values())
    ok = outcome["resolved"]
    print(f"\n{label}: {n} citations, resolved {ok}/{n} = {ok / n:.1%}" if n else f"\n{label}: no citations")
    for k, v in outcome.most_common():
        print(f"  {k}: {v}")
    if times:
        times = sorted(times)
        print(f"  lookup per citation: median {times[len(times) // 2] * 1e3:.2f} ms, "
              f"max {times[-1] * 1e3:.2f} ms")
    for law, k in missing.most_common(8):
        print(f"  missing law: 《{law}》 ×{k}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", type=Path, help="statute text folder: also time a fresh build")
    ap.add_argument("--real-branch", default="HEAD",
                    help="the git revision whose frozen/real/digital is read (default: the checkout's HEAD)")
    ap.add_argument("--digital-only", action="store_true", help="skip the scanned samples (no OCR)")
    args = ap.parse_args()
    print(f"shipped database: {SHIPPED} {SHIPPED.stat().st_size / 1e6:.1f} MB")
    if args.source:
        with tempfile.TemporaryDirectory() as tmp:
            figures = build(args.source, Path(tmp) / "laws.sqlite")
        print(f"build: {figures['seconds']:.1f} s, {figures['bytes'] / 1e6:.1f} MB, {figures['law']} laws, "
              f"{figures['version']} versions, {figures['article']} articles")
    store = LawStore(user=Path("/nonexistent"))   # the shipped database alone
    t = time.perf_counter()
    hits = store.search(["排污许可证", "罚款"])
    print(f"search (2 words): {len(hits)} articles in {time.perf_counter() - t:.2f} s")

    samples = []
    for truth in sorted((ROOT / "samples").glob("*.truth.json")):
        base = truth.with_name(truth.name[:-len(".truth.json")])
        samples += [p for p in (base.with_suffix(".pdf"), base) if p.exists()][:1]
    if args.digital_only:
        samples = [p for p in samples if "digital" in p.name]
    report(f"samples ({len(samples)} dossiers)", *resolve_all(store, list(citations_of(samples))))

    listed = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", args.real_branch],
                            capture_output=True, text=True)
    real = [p for p in listed.stdout.split() if p.startswith("frozen/real/digital/") and p.endswith(".pdf")]
    if listed.returncode or not real:
        print(f"\nreal set: branch {args.real_branch} has no frozen/real/digital/*.pdf")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = []
        for p in real:
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{args.real_branch}:{p}"], capture_output=True)
            out = Path(tmp) / Path(p).name
            out.write_bytes(blob.stdout)
            pdfs.append(out)
        report(f"real published decisions ({len(pdfs)}, {args.real_branch}:frozen/real/digital)",
               *resolve_all(store, list(citations_of(pdfs))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
