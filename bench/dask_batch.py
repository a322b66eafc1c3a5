"""Dask executor bench: a LocalCluster of 2 workers against the process pool, on the same batch.

The batch is the digital samples repeated to ``--n`` dossiers plus ``--scanned`` scanned samples
whose OCR is already in the cache (a warm-up pass fills a private copy of it first), so the
comparison measures the executors, not Tesseract. Each executor runs ``--repeat`` times,
alternating, into a fresh output folder; the wall time includes starting the pool or the cluster.
Then, from the per-dossier times the store recorded, and from one scanned dossier OCR'd
without cache (``--cold``), it works out on paper how many single-threaded workers review
10,000 files in a night.

    .venv/bin/python bench/dask_batch.py                       # 40 digital + 2 scanned (cache warm)
    .venv/bin/python bench/dask_batch.py --cold 1              # + one scanned dossier without cache
    .venv/bin/python bench/dask_batch.py --cache ~/.cache/dossier-review/ocr.sqlite   # warm start

The machine may be shared: the load average is printed with the figures.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

NIGHT_S = 10 * 3600  # 20:00 to 06:00


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _per_dossier(out: Path) -> list[float]:
    con = sqlite3.connect(out / "dossier-review.sqlite")
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(batch_dossiers)")}
        col = "elapsed" if "elapsed" in cols else "elapsed_s"
        return [r[0] for r in con.execute(f"SELECT {col} FROM batch_dossiers WHERE status='done'") if r[0]]
    finally:
        con.close()


def _run(src: Path, out: Path, executor: str, workers: int, cache: Path) -> tuple[float, object]:
    from dossier_review.batch import run_batch

    t0 = time.perf_counter()
    res = run_batch(src, out, workers=workers, progress=False, executor=executor,
                    ingest_options={"cache_path": str(cache)})
    return time.perf_counter() - t0, res


def main(argv=None) -> int:
    from batch import link_batch, pick_samples

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(ROOT / "samples"))
    ap.add_argument("--n", type=int, default=40, help="digital dossiers (the samples repeated)")
    ap.add_argument("--scanned", type=int, default=2, help="scanned samples added, OCR cache warm")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--cold", type=int, default=0, help="scanned dossiers to OCR without cache (slow)")
    ap.add_argument("--cache", default=None, help="an OCR cache to start from (copied, never written)")
    ap.add_argument("--files", type=int, default=10_000, help="files for the on-paper scaling")
    args = ap.parse_args(argv)

    digital = pick_samples(Path(args.samples), "digital")
    scanned = pick_samples(Path(args.samples), "scanned")[: args.scanned]
    tmp = Path(tempfile.mkdtemp(prefix="dr-bench-dask-"))
    try:
        src = link_batch(digital, args.n, tmp / "in")
        for s in scanned:
            (src / f"s_{s.name}").symlink_to(s, target_is_directory=s.is_dir())
        cache = tmp / "ocr-cache.sqlite"
        if args.cache and Path(args.cache).exists():
            shutil.copyfile(args.cache, cache)
        print(f"batch: {args.n} digital ({len(digital)} samples repeated) + {len(scanned)} scanned; "
              f"workers={args.workers}; cores={os.cpu_count()}; load average at start {_load()}")
        if scanned:
            warm = tmp / "warm-in"
            warm.mkdir()
            for s in scanned:
                (warm / s.name).symlink_to(s, target_is_directory=s.is_dir())
            w, _ = _run(warm, tmp / "warm-out", "process", args.workers, cache)
            print(f"OCR cache warm-up of the scanned samples: {w:.1f} s (not counted)")

        walls: dict[str, list[float]] = {"process": [], "dask": []}
        last = {}
        for i in range(args.repeat):
            order = ("process", "dask") if i % 2 == 0 else ("dask", "process")
            for executor in order:
                out = tmp / f"out-{executor}-{i}"
                wall, res = _run(src, out, executor, args.workers, cache)
                walls[executor].append(wall)
                last[executor] = out
                print(f"[{executor:<7}] run {i + 1}: wall {wall:6.1f} s  done {res.done}  failed {res.failed}  "
                      f"pages {res.pages}  {res.pages / wall:6.1f} pages/s  load {_load()}")
        med = {k: statistics.median(v) for k, v in walls.items()}
        print(f"median wall: process {med['process']:.1f} s, dask {med['dask']:.1f} s; "
              f"dask / process = {med['dask'] / med['process']:.3f}")

        from distributed import LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, worker_dashboard_address=None, silence_logs=50)
        cluster.close()
        print(f"LocalCluster start + stop alone: {time.perf_counter() - t0:.1f} s")

        # ---- on paper: single-threaded workers for --files files in one night
        per = _per_dossier(last["process"])
        digital_s = statistics.median(per) if per else float("nan")
        print(f"per dossier (one worker, from the store): median {digital_s:.2f} s, "
              f"max {max(per):.2f} s over {len(per)} dossiers (digital; scanned with the OCR cache warm)")
        cold_s = None
        if args.cold:
            cold_in = tmp / "cold-in"
            cold_in.mkdir()
            picks = pick_samples(Path(args.samples), "scanned")[: args.cold]
            for s in picks:
                (cold_in / s.name).symlink_to(s, target_is_directory=s.is_dir())
            from dossier_review.batch import run_batch

            res = run_batch(cold_in, tmp / "cold-out", workers=1, progress=False,
                            ingest_options={"use_cache": False})
            times = _per_dossier(tmp / "cold-out")
            cold_s = statistics.mean(times)
            print(f"scanned without OCR cache, one worker: {cold_s:.1f} s per dossier "
                  f"({res.pages} pages, {sum(times) / max(res.pages, 1):.2f} s/page), load {_load()}")
        print(f"\n{args.files} files in a night ({NIGHT_S // 3600} h), one-thread workers, "
              f"at the measured per-dossier cost:")
        mixes = [("all digital", digital_s)]
        if cold_s is not None:
            mixes += [("half scanned", (digital_s + cold_s) / 2), ("all scanned", cold_s)]
        for name, cost in mixes:
            need = math.ceil(args.files * cost / NIGHT_S)
            print(f"  {name:<13} {cost:7.2f} s/dossier -> {args.files * cost / 3600:7.1f} worker-hours "
                  f"-> {need} workers (+ the client: one store write per dossier)")
        print(f"load average at end {_load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
