"""Batch benchmark: 100 dossiers (the samples repeated through symlinks in a temp dir).

Prints wall time, pages per second, peak memory of the whole process tree (this process, its
pool workers and their tesseract children, sampled from /proc) and the time to ``--rescore``
the stored dossiers. ``--compare`` runs both ways of using the cores (a pool over dossiers vs.
dossiers in sequence with ingest's page pool) on the same set.

    .venv/bin/python bench/batch.py                       # 100 digital samples, dossier pool
    .venv/bin/python bench/batch.py --compare --n 20      # dossier pool vs page pool
    .venv/bin/python bench/batch.py --kinds all --no-cache --n 10

Each repeat is a new file path with the same bytes, so with the OCR cache on only the first copy
of a scanned sample is OCR'd; ``--no-cache`` makes every copy pay for its OCR.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class TreeMemory:
    """Peak summed RSS of a process and all its descendants, sampled every ``interval`` s."""

    def __init__(self, pid: int | None = None, interval: float = 0.1):
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _children() -> dict[int, list[int]]:
        kids: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read().decode("ascii", "replace")
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
        return kids

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def sample(self) -> int:
        kids = self._children()
        todo, total = [self.pid], 0
        while todo:
            pid = todo.pop()
            total += self._rss(pid)
            todo.extend(kids.get(pid, []))
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


def pick_samples(folder: Path, kinds: str) -> list[Path]:
    """Sample dossiers (PDFs and page folders) whose truth file says scanned or not."""
    found = sorted(p for p in folder.iterdir()
                   if (p.suffix.lower() == ".pdf" or p.is_dir()) and not p.name.startswith("."))
    chosen = []
    for p in found:
        truth = p.with_name((p.stem if p.is_file() else p.name) + ".truth.json")
        if not truth.exists():
            continue
        try:
            scanned = bool(json.loads(truth.read_text(encoding="utf-8")).get("scanned"))
        except ValueError:
            continue
        if kinds == "all" or (kinds == "scanned") == scanned:
            chosen.append(p)
    return chosen


def link_batch(samples: list[Path], n: int, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = samples[i % len(samples)]
        (into / f"c{i:03d}_{src.name}").symlink_to(src, target_is_directory=src.is_dir())
    return into


def run_once(src: Path, out: Path, *, workers, mode, standard, use_cache: bool) -> dict:
    from dossier_review.batch import run_batch

    t0 = time.perf_counter()
    with TreeMemory() as mem:
        res = run_batch(src, out, workers=workers, mode=mode, standard=standard, progress=False,
                        ingest_options={"use_cache": use_cache})
    wall = time.perf_counter() - t0
    return {"mode": res.mode, "wall": wall, "done": res.done, "failed": res.failed, "pages": res.pages,
            "pps": res.pages / wall if wall else 0.0, "peak_mb": mem.peak / 2**20, "result": res}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(ROOT / "samples"))
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--mode", choices=("dossiers", "pages"), default="dossiers")
    ap.add_argument("--compare", action="store_true", help="run both modes on the same set")
    ap.add_argument("--first", choices=("dossiers", "pages"), default="dossiers",
                    help="with --compare, the mode to run first (the first run also warms the disk cache)")
    ap.add_argument("--kinds", choices=("digital", "scanned", "all"), default="digital")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--standard", default="default")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print its path")
    args = ap.parse_args(argv)

    samples = pick_samples(Path(args.samples), args.kinds)
    if not samples:
        print(f"no {args.kinds} samples in {args.samples}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="dr-bench-batch-"))
    src = link_batch(samples, args.n, tmp / "in")
    print(f"{args.n} dossiers from {len(samples)} {args.kinds} sample(s); workers={args.workers or os.cpu_count()}"
          f"; OCR cache {'off' if args.no_cache else 'on (fresh)'}; cores={os.cpu_count()}")
    if args.compare:
        modes = (args.first, "pages" if args.first == "dossiers" else "dossiers")
    else:
        modes = (args.mode,)
    last_out = None
    for mode in modes:
        out = tmp / f"out-{mode}"
        r = run_once(src, out, workers=args.workers, mode=mode, standard=args.standard,
                     use_cache=not args.no_cache)
        print(f"[{r['mode']:<10}] wall {r['wall']:7.1f} s  done {r['done']}  failed {r['failed']}  "
              f"pages {r['pages']}  {r['pps']:6.2f} pages/s  peak tree RSS {r['peak_mb']:7.1f} MB")
        last_out = out

    from dossier_review.batch import run_batch

    t0 = time.perf_counter()
    res = run_batch(None, last_out, rescore=True, standard=args.standard, progress=False)
    print(f"[rescore   ] {res.done} stored dossiers rescored (judge + json/html/docx + summaries) in "
          f"{time.perf_counter() - t0:.2f} s; failed {res.failed}")
    t0 = time.perf_counter()
    res = run_batch(None, last_out, rescore=True, standard=args.standard, progress=False,
                    formats=(), summary=False)
    print(f"[rescore   ] judge + store only: {time.perf_counter() - t0:.2f} s")
    self_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"max RSS of one process: this {self_max:.0f} MB, largest child {kids_max:.0f} MB")
    if args.keep:
        print(f"kept {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
