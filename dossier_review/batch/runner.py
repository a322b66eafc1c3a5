"""Review many dossiers: resumable, one bad file never stops the others, bounded memory.

Two ways to use the cores (``mode``):

``"dossiers"``  a process pool over dossiers; each worker ingests its dossier with one OCR
                process and then segments, extracts, judges and writes the reports itself. All
                stages run in parallel, not only OCR.
``"pages"``     dossiers one after another in this process, each ingested with ingest's own
                page pool (``workers`` processes); the rest of the pipeline runs serially.

The default is ``"dossiers"``: measured with ``bench/batch.py --compare`` on 2 cores (shared
with other jobs, so only the ratios mean much), 12 digital dossiers took 14.8 s with the dossier
pool against 19.0 s with the page pool, and 4 scanned dossiers (84 pages, no OCR cache) 590 s
against 609 s, with a lower peak memory (837 MB against 1091 MB). A batch of one dossier runs
with the page pool; ``workers=1`` runs everything in this process.

``executor="dask"`` (``batch --executor dask``) hands the dossiers to a Dask cluster instead of
the process pool (dask_exec.py); everything else here (store, resume, rescore) is the same.

Results reach the store only through this (main) process, one transaction per dossier, right
after the dossier's reports are written; a kill therefore loses at most the dossiers in flight.
"""
from __future__ import annotations

import datetime as _dt
import os
import signal
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .. import __version__
from ..errors import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    DossierReviewError,
    MissingDependencyError,
    OutputError,
    Terminated,
)
from ..lib.outdir import FolderLock, check_output_folder, is_output_oserror, os_reason
from ..lib.signals import sigterm_as_interrupt, worker_dies_with_parent
from ..store import OCR_CACHE_NAME, STORE_NAME, Store, register_of
from .inputs import DossierInput, collect_inputs, file_hash
from .standard import load_standard, standard_name
from .unchanged import unchanged_reports

DEFAULT_MODE = "dossiers"
EXECUTORS = ("process", "dask")
REPORT_FORMATS = ("json", "html", "docx")


@dataclass
class BatchResult:
    out_dir: Path
    store_path: Path
    run_id: int = 0
    standard: str = ""
    mode: str = ""
    workers: int = 1
    total: int = 0          # dossiers named by the inputs
    done: int = 0           # reviewed (or rescored) in this run
    skipped: int = 0        # already done by an earlier run with the same file and standard
    failed: int = 0
    pages: int = 0          # pages ingested in this run
    elapsed: float = 0.0
    interrupted: bool = False
    terminated: bool = False  # the interrupt was SIGTERM (exit 143), not Ctrl-C (130)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    outputs: list[Path] = field(default_factory=list)
    dossier_ids: list[int] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_TERMINATED if self.terminated else EXIT_INTERRUPTED
        return EXIT_INPUT if self.failed else EXIT_OK

    def __str__(self) -> str:
        return self.summary_line()

    def summary_line(self) -> str:
        state = "已中断" if self.interrupted else "已完成"
        return (f"批量评查{state}：共 {self.total} 卷，本次评查 {self.done} 卷，此前已完成 {self.skipped} 卷，"
                f"失败 {self.failed} 卷，共 {self.pages} 页，用时 {self.elapsed:.1f} 秒")


# --------------------------------------------------------------------------- worker side

_WORKER: dict[str, Any] = {}


def _init_worker(standard, out_dir: str, formats: tuple, cache_path: Optional[str], ingest_workers: int,
                 in_pool: bool, ingest_options: Optional[dict] = None, show_ids: bool = False,
                 office: Any = None) -> None:
    # Tesseract's OpenMP threads fight the pool for the same cores and make OCR 5-8x slower.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if in_pool:
        # Ctrl-C is the main process's to handle: it stops the pool and keeps what is done.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # SIGTERM (from the main process's terminate(), or to the whole group) ends a worker at
        # once, and so does the main process's death, even by kill -9: no orphan holds a pipe.
        worker_dies_with_parent()
    _WORKER.update(standard=load_standard(standard), out_dir=out_dir, formats=tuple(formats),
                   cache_path=cache_path, ingest_workers=ingest_workers,
                   ingest_options=dict(ingest_options or {}), show_ids=bool(show_ids), office=office)


def _one_line(exc: BaseException) -> str:
    text = exc.one_line() if isinstance(exc, DossierReviewError) else f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:500]


def _stamp(review) -> None:
    if not getattr(review, "generated_at", ""):
        review.generated_at = _dt.datetime.now().isoformat(timespec="seconds")
    if not getattr(review, "tool_version", ""):
        review.tool_version = __version__


def _review_one(task: dict) -> dict:
    """Review one dossier and write its reports; never raises for a bad dossier."""
    from .. import pipeline
    from ..report import write_reports

    t0 = time.perf_counter()
    source = task["source"]
    try:
        options = {"progress": False, **_WORKER.get("ingest_options", {}),
                   "workers": _WORKER["ingest_workers"]}
        scope = options.pop("scope", "auto")   # a review option carried with the ingest ones
        if _WORKER.get("cache_path") and "cache_path" not in options:
            options["cache_path"] = _WORKER["cache_path"]
        dossier = pipeline.ingest(source, **options)
        facts, review = pipeline.review_dossier(dossier, _WORKER["standard"], scope)
        _stamp(review)
        if not review.sources:
            review.sources = list(dossier.sources)
        data = review.to_dict()
        try:
            if _WORKER["formats"]:  # none on a Dask worker of another machine: the client writes
                write_reports(data, _WORKER["out_dir"], _WORKER["formats"], stem=task["stem"],
                              show_ids=_WORKER.get("show_ids", False), standard=_WORKER["standard"],
                              office=_WORKER.get("office"), seq=task.get("seq"))
        except OSError as exc:
            if is_output_oserror(exc):  # every later dossier would fail the same way
                return {"ok": False, "kind": "OutputError", "reason": f"报告无法写入（{os_reason(exc)}）",
                        "elapsed": time.perf_counter() - t0}
            raise
        return {"ok": True, "review": data, "pages": dossier.page_count,
                "elapsed": time.perf_counter() - t0}
    except KeyboardInterrupt:
        raise
    except DossierReviewError as exc:
        return {"ok": False, "kind": type(exc).__name__, "reason": _one_line(exc),
                "elapsed": time.perf_counter() - t0}
    except Exception as exc:  # a bug in a stage must not stop the batch; keep the trace in the store
        return {"ok": False, "kind": "internal", "reason": "internal error: " + _one_line(exc),
                "detail": traceback.format_exc(), "elapsed": time.perf_counter() - t0}


def _rescore_one(task: dict) -> dict:
    """Judge a stored review's facts under the worker's standard and rewrite its reports."""
    from .. import pipeline
    from ..model import Facts
    from ..report import write_reports

    t0 = time.perf_counter()
    try:
        facts = Facts.from_dict(task["review"]["facts"])
        review = pipeline.judge(facts, _WORKER["standard"])
        review.generated_at = _dt.datetime.now().isoformat(timespec="seconds")
        _stamp(review)
        data = review.to_dict()
        kept = _unchanged_reports(data, task["stem"])
        if kept is not None:
            # the judgement is the one already on disk: keep its files and its time stamp
            data["generated_at"] = kept
            return {"ok": True, "review": data, "pages": 0, "unchanged": True,
                    "elapsed": time.perf_counter() - t0}
        if _WORKER["formats"]:
            write_reports(data, _WORKER["out_dir"], _WORKER["formats"], stem=task["stem"],
                          show_ids=_WORKER.get("show_ids", False), standard=_WORKER["standard"],
                          office=_WORKER.get("office"), seq=task.get("seq"))
        return {"ok": True, "review": data, "pages": 0, "elapsed": time.perf_counter() - t0}
    except KeyboardInterrupt:
        raise
    except OSError as exc:
        if is_output_oserror(exc):
            return {"ok": False, "kind": "OutputError", "reason": f"报告无法写入（{os_reason(exc)}）",
                    "elapsed": time.perf_counter() - t0}
        return {"ok": False, "kind": "internal", "reason": "rescore failed: " + _one_line(exc),
                "detail": traceback.format_exc(), "elapsed": time.perf_counter() - t0}
    except Exception as exc:
        return {"ok": False, "kind": "internal", "reason": "rescore failed: " + _one_line(exc),
                "detail": traceback.format_exc(), "elapsed": time.perf_counter() - t0}


def _sample_no(register: Optional[dict]):
    """The 抽样序号 a sample list gave the dossier (the 意见书's {序号}), if any."""
    for key in ("sample_no", "抽样序号"):
        value = (register or {}).get(key)
        if value not in (None, ""):
            return value
    return None


def _unchanged_reports(data: dict, stem: str) -> Optional[str]:
    return unchanged_reports(data, _WORKER["out_dir"], _WORKER.get("formats") or (), stem,
                             show_ids=bool(_WORKER.get("show_ids")))


def _review_task(item: DossierInput, h: str) -> tuple:
    return _review_one, {"source": item.source, "stem": item.stem, "seq": _sample_no(item.register)}


def _run_on_worker(fn, task: dict, initargs: tuple, token: str) -> dict:
    """On a Dask worker: set up the worker state once per run, then do one task."""
    if _WORKER.get("token") != token:
        # in_pool=False: a Dask task runs in a worker thread, where signals cannot be set; the
        # nanny, not the task, handles the worker process's signals
        _init_worker(*initargs[:5], False, *initargs[6:])
        _WORKER["token"] = token
    return fn(task)


# --------------------------------------------------------------------------- main side



# results after which no other dossier can succeed either: the run stops (see ``handle``)
STOPS_THE_RUN = ("MissingDependencyError", "OutputError")


class _Batch:
    """State of one run on the main side: store, counters, progress bars."""

    def __init__(self, store: Store, result: BatchResult, std_name: str, run_id: int, out: Path,
                 formats: tuple, progress: bool, show_ids: bool = False):
        self.store, self.result, self.std_name, self.run_id = store, result, std_name, run_id
        self.out, self.formats, self.show_ids = out, formats, show_ids
        self.bars = []
        if progress:
            from tqdm import tqdm

            self.dbar = tqdm(total=result.total, desc="案卷", unit="卷", position=0, file=sys.stderr,
                             dynamic_ncols=True)
            self.pbar = tqdm(desc="页", unit="页", position=1, file=sys.stderr, dynamic_ncols=True)
            self.bars = [self.dbar, self.pbar]
        else:
            self.dbar = self.pbar = None

    def close(self) -> None:
        for b in self.bars:
            b.close()

    def _tick(self, pages: int = 0) -> None:
        if self.dbar is not None:
            self.dbar.update(1)
            self.dbar.set_postfix(ok=self.result.done, skip=self.result.skipped, fail=self.result.failed,
                                  refresh=False)
            if pages:
                self.pbar.update(pages)

    def pending(self, items: Iterable[DossierInput]) -> Iterator[tuple[DossierInput, str]]:
        """The dossiers still to do, hashing lazily so the pool starts at once."""
        for item in items:
            try:
                h = file_hash(item.path)
            except OSError as exc:
                self.failure(item, "", f"无法读取：{_os_reason(exc)}")
                continue
            row = self.store.lookup(item.source, h, self.std_name)
            if row is not None and row["status"] == "done":
                self.skip(item, row)
                continue
            yield item, h

    def skip(self, item: DossierInput, row) -> None:
        self.result.skipped += 1
        self.result.dossier_ids.append(int(row["id"]))
        stem = row["stem"] or item.stem
        from ..report import report_paths, write_reports

        paths = report_paths(stem, self.out)
        missing = [f for f in self.formats if not paths[f].exists()]
        if missing:
            # reports deleted since (or the batch asked for more formats): rebuild from the store
            review = self.store.review(int(row["id"]))
            if review:
                write_reports(review, self.out, missing, stem=stem, show_ids=self.show_ids,
                              standard=_WORKER.get("standard"), office=_WORKER.get("office"))
        self._tick()

    def success(self, item: DossierInput, h: str, res: dict) -> None:
        dossier_id = self.store.record_review(
            source=item.source, file_hash=h, standard=self.std_name, review=res["review"], stem=item.stem,
            register=item.register, elapsed=res.get("elapsed"), run_id=self.run_id)
        self.result.done += 1
        self.result.pages += int(res.get("pages") or 0)
        self.result.dossier_ids.append(dossier_id)
        self._tick(int(res.get("pages") or 0))

    def failure(self, item: DossierInput, h: str, reason: str, detail: Optional[str] = None,
                elapsed: Optional[float] = None) -> None:
        dossier_id = self.store.record_failure(
            source=item.source, file_hash=h, standard=self.std_name, name=item.name, reason=reason,
            detail=detail, stem=item.stem, register=item.register, elapsed=elapsed, run_id=self.run_id)
        self.result.failed += 1
        self.result.failures.append((item.source, reason))
        self.result.dossier_ids.append(dossier_id)
        msg = f"{item.source}: {reason}" if not reason.startswith(item.source) else reason
        if self.dbar is not None:
            self.dbar.write(f"failed: {msg}", file=sys.stderr)
        self._tick()

    def handle_round(self, done: list[tuple[DossierInput, str, dict]]) -> None:
        """Handle the results that came back in one wait, a run-stopping one (a full disk, no OCR
        engine) last: every dossier finished in the same round is recorded before the run stops."""
        for item, h, res in sorted(done, key=lambda d: d[2].get("kind") in STOPS_THE_RUN):
            self.handle(item, h, res)

    def handle(self, item: DossierInput, h: str, res: dict) -> None:
        if res.get("ok"):
            self.success(item, h, res)
        elif res.get("kind") == "MissingDependencyError":
            # every other dossier would fail the same way: stop and say what to install
            raise MissingDependencyError(res["reason"])
        elif res.get("kind") == "OutputError":
            # the same: a full or read-only disk; what is recorded so far stays
            raise OutputError(self.out, res["reason"] + "；已完成的结果已保留，腾出空间后重新运行即可续上")
        else:
            self.failure(item, h, res["reason"], res.get("detail"), res.get("elapsed"))


def _os_reason(exc: OSError) -> str:
    import errno

    known = {errno.ELOOP: "符号链接循环", errno.ENOENT: "文件不存在（或链接指向的文件不存在）",
             errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.EIO: "磁盘读取错误"}
    return known.get(exc.errno) or exc.strerror or str(exc)


def _mp_context():
    import multiprocessing as mp

    # fork: workers start in milliseconds and inherit the loaded standard and libraries.
    # Workers never touch the store connection or the progress bars they inherit.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _terminate(executor) -> None:
    procs = list(getattr(executor, "_processes", {}).values())  # only our own pool's workers
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
    executor.shutdown(wait=False, cancel_futures=True)


def _pool_loop(todo: Iterator[tuple], batch: _Batch, workers: int, initargs: tuple) -> None:
    """Feed a process pool a bounded window of dossiers; survive a worker crash.

    When a worker dies (out of memory, a crash inside a C library), the pool breaks and every
    dossier in flight is retried alone in a fresh pool, so that only the one that kills a worker
    on its own is recorded as failed.
    """
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    retry: deque = deque()
    exhausted = False
    while True:
        executor = cf.ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                          initializer=_init_worker, initargs=initargs)
        pending: dict = {}
        solo = False
        broken = False

        def submit(entry, pending=pending, executor=executor) -> bool:
            try:
                pending[executor.submit(*entry[2])] = entry
                return True
            except BrokenProcessPool:  # a worker died after the last wait: retry this one too
                retry.append(entry)
                return False

        try:
            while not broken:
                if retry:
                    if not pending:
                        solo = True
                        broken = not submit(retry.popleft())
                elif not solo:
                    # a window of 2 per worker keeps workers busy without queueing the whole batch
                    while not exhausted and len(pending) < 2 * workers:
                        nxt = next(todo, None)
                        if nxt is None:
                            exhausted = True
                        elif not submit(nxt):
                            broken = True
                        if exhausted or broken:
                            break
                if broken or not pending:
                    break
                finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                came_back = []
                for fut in finished:
                    item, h, task = entry = pending.pop(fut)
                    try:
                        res = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if solo:
                            batch.failure(item, h, "the worker process died while reviewing this file "
                                                   "(out of memory, or a crash in an image/PDF library)")
                        else:
                            retry.append(entry)
                        continue
                    came_back.append((item, h, res))
                batch.handle_round(came_back)
                solo = solo and bool(pending)
            if broken:
                retry.extend(pending.values())
                pending.clear()
        except BaseException:
            _terminate(executor)
            raise
        if broken:
            _terminate(executor)
            continue
        executor.shutdown(wait=True)
        return


def _clean_temp(out: Path) -> None:
    """Remove temporary report files a killed run left behind (see report.atomic)."""
    for tmp in out.glob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def _rescore_todo(items: list[DossierInput], batch: _Batch) -> Iterator[tuple]:
    """Stored reviews to judge again (read one at a time); unknown dossiers are reported."""
    for item in items:
        row = batch.store.latest_done(item.source)
        if row is None:
            batch.failure(item, "", "no stored review to rescore; run the batch without --rescore first")
            continue
        if not item.register:
            item.register = register_of(row)
        item.stem = row["stem"] or item.stem
        stored = batch.store.review(int(row["id"]))
        yield item, row["file_hash"], (_rescore_one, {"review": stored, "stem": item.stem,
                                                      "seq": _sample_no(item.register)})


def _stored_sources(store: Store) -> list[DossierInput]:
    rows = store.conn.execute(
        "SELECT source, name, stem, register_json FROM batch_dossiers WHERE status='done'"
        " GROUP BY source ORDER BY MIN(id)").fetchall()
    return [DossierInput(path=Path(r["source"]), name=r["name"], stem=r["stem"] or r["name"],
                         register=register_of(r)) for r in rows]


def run_batch(inputs, out_dir, *, workers: Optional[int] = None, standard: Any = "default",
              rescore: bool = False, progress: bool = True, register=None,
              formats: Iterable[str] = REPORT_FORMATS, mode: Optional[str] = None,
              summary: bool = True, ingest_options: Optional[dict] = None,
              show_ids: bool = False, office: Any = None, executor: str = "process",
              scheduler: Optional[str] = None) -> BatchResult:
    """Review every dossier of ``inputs`` into ``out_dir``; see the module doc.

    ``inputs``: a folder (each PDF, image and sub-folder is a dossier), a sample list
    (CSV/XLSX with a 案卷路径/path column), a text file of paths, one dossier path, or a list
    of paths; with ``rescore=True`` it may be ``None`` (every dossier in the store).
    Returns a ``BatchResult``; ``result.exit_code`` is 0, 3 (some input failed) or 130
    (interrupted; everything finished before the interrupt is kept and a rerun resumes).
    ``ingest_options`` go to ``ingest`` (e.g. ``{"use_cache": False, "dpi": 300}``); the OCR
    cache defaults to ``<out>/ocr-cache.sqlite``.
    A broken standard raises ``StandardFileError``; a missing OCR engine
    ``MissingDependencyError``.  ``show_ids`` writes ID numbers unmasked in the per-dossier
    reports and the summaries (internal use; the bulletin is always masked).
    ``executor="dask"`` runs the dossiers on a Dask cluster instead of the process pool: the one
    at ``scheduler`` ("tcp://host:port"), or a local one of ``workers`` processes (dask_exec.py).
    """
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {EXECUTORS}, not {executor!r}")
    t0 = time.perf_counter()
    # the output folder first: a read-only, full or busy folder is refused before any work
    out = check_output_folder(out_dir)
    with FolderLock(out), sigterm_as_interrupt():
        return _run_locked(inputs, out, t0, workers=workers, standard=standard, rescore=rescore,
                           progress=progress, register=register, formats=formats, mode=mode,
                           summary=summary, ingest_options=ingest_options, show_ids=show_ids,
                           office=office, executor=executor, scheduler=scheduler)


def _sql_output_error(store: Store, exc: BaseException) -> OutputError:
    text = str(exc)
    why = ("磁盘空间已满" if "full" in text else "文件系统是只读的" if "readonly" in text or "read-only" in text
           else "磁盘读写错误" if "I/O" in text else "")
    why = f"{why}：{text}" if why else text
    return OutputError(store.path.parent, f"结果库无法写入（{why}）；已完成的结果已保留")


def _run_locked(inputs, out: Path, t0: float, *, workers, standard, rescore, progress, register,
                formats, mode, summary, ingest_options, show_ids, office=None, executor="process",
                scheduler=None) -> BatchResult:
    import sqlite3

    _clean_temp(out)
    formats = tuple(formats)
    std = load_standard(standard)
    std_name = standard_name(std)
    workers = max(1, int(workers if workers is not None else (os.cpu_count() or 1)))
    mode = mode or DEFAULT_MODE
    if mode not in ("dossiers", "pages"):
        raise ValueError(f"mode must be 'dossiers' or 'pages', not {mode!r}")

    try:
        store = Store(out / STORE_NAME)
        # this run holds the folder's lock: a run still marked running was killed
        store.mark_stale_runs()
    except sqlite3.Error as exc:
        raise OutputError(out / STORE_NAME, f"结果库无法打开或写入（{exc}）") from None
    result = BatchResult(out_dir=out, store_path=store.path, standard=std_name, mode=mode, workers=workers)
    try:
        if rescore and inputs is None:
            items = _stored_sources(store)
        else:
            items = collect_inputs(inputs, register=register, exclude=[out])
        result.total = len(items)
        try:
            result.run_id = store.start_run(
                standard=std_name, inputs=str(inputs), tool_version=__version__,
                options={"workers": workers, "mode": mode, "executor": executor, "rescore": rescore,
                         "formats": formats,
                         "register": str(register) if register else None})
        except sqlite3.Error as exc:
            raise _sql_output_error(store, exc) from None
        batch = _Batch(store, result, std_name, result.run_id, out, formats, progress, show_ids)
        aborted = False
        try:
            if rescore:
                todo = _rescore_todo(items, batch)
                initargs = (std, str(out), formats, None, 1, True, ingest_options, show_ids, office)
            else:
                todo = ((item, h, _review_task(item, h)) for item, h in batch.pending(items))
                initargs = (std, str(out), formats, str(out / OCR_CACHE_NAME), 1, True, ingest_options,
                            show_ids, office)
            if executor == "dask":
                from .dask_exec import dask_loop

                result.mode = "dask"
                dask_loop(todo, batch, workers, initargs, _run_on_worker, scheduler)
            elif workers == 1 or (mode == "pages" and not rescore) or len(items) < 2:
                result.mode = "sequential" if workers == 1 or rescore else "pages"
                # in this process; in "pages" mode ingest spreads each dossier's pages over workers
                _init_worker(std, str(out), formats, initargs[3], workers, False, ingest_options, show_ids,
                             office)
                for item, h, (fn, task) in todo:
                    batch.handle(item, h, fn(task))
            else:
                result.mode = "dossiers"
                _pool_loop(todo, batch, workers, initargs)
            if rescore:
                result.mode = "rescore/" + result.mode
        except KeyboardInterrupt as exc:
            result.interrupted = True
            result.terminated = isinstance(exc, Terminated)
        except sqlite3.Error as exc:  # database or disk is full, read-only database
            aborted = True
            raise _sql_output_error(store, exc) from None
        except BaseException:
            aborted = True  # e.g. MissingDependencyError, OutputError: the run stops, what is done stays
            raise
        finally:
            batch.close()
            result.elapsed = time.perf_counter() - t0
            status = ("aborted" if aborted else "interrupted" if result.interrupted
                      else "failed" if result.failed else "done")
            try:
                store.finish_run(result.run_id, status=status, total=result.total, done=result.done,
                                 skipped=result.skipped, failed=result.failed)
            except sqlite3.Error:
                if not aborted:
                    raise
                # the disk that stopped the run cannot take its status either; the next run
                # finds the row still 'running' under no lock and marks it
        if summary and not result.interrupted and result.dossier_ids:
            from .outputs import write_batch_outputs

            try:
                result.outputs = write_batch_outputs(
                    store, result.dossier_ids, out, standard=std,
                    meta={"run_id": result.run_id, "inputs": str(inputs), "mode": result.mode,
                          "workers": workers, "elapsed_s": round(result.elapsed, 1)}, show_ids=show_ids,
                    office=office)
            except OSError as exc:
                if not is_output_oserror(exc):
                    raise
                raise OutputError(out, f"汇总表无法写入（{os_reason(exc)}）；各案卷的结果已保留") from None
        result.elapsed = time.perf_counter() - t0
        return result
    except sqlite3.Error as exc:
        raise _sql_output_error(store, exc) from None
    finally:
        store.close()
