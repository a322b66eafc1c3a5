"""Run the batch's dossiers on a Dask cluster (``batch --executor dask``).

The cluster is Dask's own (``distributed``): the scheduler places each dossier on a worker,
restarts a worker that dies and runs its task again elsewhere. This module only feeds it through
the ``concurrent.futures`` seam (``Client.get_executor()``) and streams the results back, as they
complete, into the same ``_Batch`` (SQLite store, progress bars) as the process pool, so resuming,
interruption and ``--rescore`` behave the same.

Without a scheduler address a ``LocalCluster`` is started: one worker process per core, one
thread each, ``OMP_THREAD_LIMIT=1`` (Tesseract's OpenMP threads would fight the other workers).
Its workers share this machine's files, so they write the reports and use the OCR cache in the
output folder, as pool workers do. With ``scheduler="tcp://host:port"`` the workers may be on
other machines: they need the package, Tesseract and the dossiers' paths (a shared mount); the
reports are written here, by the client, and each worker keeps its own OCR cache (the ingest
default, or ``DOSSIER_REVIEW_CACHE`` on that worker).

When a worker dies (out of memory, a crash in a C library, a machine lost) the scheduler runs
its task again on another worker; a dossier that kills ``distributed.scheduler.allowed-failures``
workers in turn is recorded as failed, like the pool's "died while reviewing this file". Results
already streamed back are in the store: nothing finished is lost.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import time
import uuid
from typing import Iterator, Optional

from ..errors import MissingDependencyError

# A task that raises (not one whose worker dies: see the module doc) is tried once more; the
# review functions return failures as values, so this only covers transport/deserialisation.
TASK_RETRIES = 1


# Dask's default worker environment minus MALLOC_TRIM_THRESHOLD_=65536: trimming the heap that
# eagerly costs time where PDF parsing allocates and frees a lot (40 digital dossiers on 2 loaded
# cores: 26.3 s of summed review time with it, 24.3 s without, against 21.5 s in the pool).
_WORKER_ENV = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
               "OMP_THREAD_LIMIT": 1}


def _client(scheduler: Optional[str], workers: int):
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependencyError(
            "--executor dask 需要 dask[distributed]：pip install 'dossier-review[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    # one task at a time per worker thread (saturation 1.0): a dossier queued behind one that
    # kills its worker is not counted as a suspect of that death
    # the workers' statistical profiler samples the running task's stack every 10 ms, for a
    # dashboard nobody opens here
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0,
                          "distributed.worker.profile.enabled": False,
                          "distributed.nanny.pre-spawn-environ": _WORKER_ENV}):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, worker_dashboard_address=None,
                               silence_logs=logging.ERROR,
                               env={"OMP_THREAD_LIMIT": "1"})
    return Client(cluster), cluster


def dask_loop(todo: Iterator[tuple], batch, workers: int, initargs: tuple, run_task,
              scheduler: Optional[str] = None) -> None:
    """Review ``todo`` on a Dask cluster; results go to ``batch`` as they complete.

    ``run_task(fn, task, initargs, token)`` runs on a worker (runner._run_on_worker).
    """
    client, cluster = _client(scheduler, workers)
    try:
        local = cluster is not None
        if not local:
            # workers on other machines: reports are written here, the OCR cache is theirs
            initargs = (initargs[0], initargs[1], (), None, *initargs[4:])
        slots = _Slots(client, workers if local else None)
        executor = client.get_executor(retries=TASK_RETRIES, pure=False)
        token = uuid.uuid4().hex
        pending: dict = {}
        exhausted = False
        try:
            while True:
                # a window of 2 per worker thread keeps the cluster busy without queueing the batch
                while not exhausted and len(pending) < 2 * slots():
                    nxt = next(todo, None)
                    if nxt is None:
                        exhausted = True
                        break
                    fn, task = nxt[2]
                    pending[executor.submit(run_task, fn, task, initargs, token)] = nxt
                if not pending:
                    break
                finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                came_back = []
                for fut in finished:
                    item, h, (_fn, task) = pending.pop(fut)
                    try:
                        res = fut.result()
                    except Exception as exc:  # KilledWorker: it took allowed-failures workers down
                        if type(exc).__name__ != "KilledWorker":
                            raise
                        batch.failure(item, h, "the worker process died while reviewing this file "
                                               "(out of memory, or a crash in an image/PDF library)")
                        continue
                    if not local and res.get("ok") and batch.formats:
                        res = _write_here(res, batch, task["stem"], rescore="review" in task)
                    came_back.append((item, h, res))
                batch.handle_round(came_back)
        finally:
            for fut in pending:
                fut.cancel()
    finally:
        _close(client, cluster)


class _Slots:
    """Worker threads of the cluster, asked again every few seconds: a cluster that grows
    (dask-jobqueue, dask-kubernetes adaptive) gets more dossiers in flight as workers join."""

    EVERY_S = 5.0

    def __init__(self, client, fixed: Optional[int]):
        self.client, self.fixed, self.n, self.at = client, fixed, 1, float("-inf")

    def __call__(self) -> int:
        if self.fixed:
            return self.fixed
        now = time.monotonic()
        if now - self.at >= self.EVERY_S:
            self.n, self.at = max(1, sum(self.client.nthreads().values())), now
        return self.n


def _write_here(res: dict, batch, stem: str, rescore: bool = False) -> dict:
    """The reports of a review done on another machine, written by the client."""
    from ..lib.outdir import is_output_oserror, os_reason
    from ..report import write_reports
    from .unchanged import unchanged_reports

    if rescore:
        kept = unchanged_reports(res["review"], batch.out, batch.formats, stem, show_ids=batch.show_ids)
        if kept is not None:  # as runner._rescore_one does on a worker that sees the folder
            res["review"]["generated_at"] = kept
            return res
    try:
        write_reports(res["review"], batch.out, batch.formats, stem=stem, show_ids=batch.show_ids)
    except OSError as exc:
        if not is_output_oserror(exc):
            raise
        # handled as the pool's workers report it: the batch stops, what is recorded stays
        return {"ok": False, "kind": "OutputError", "reason": f"报告无法写入（{os_reason(exc)}）"}
    return res


def _close(client, cluster) -> None:
    # an interrupt may arrive while closing: finish closing so no worker outlives the run
    for closer in (client.close, cluster.close if cluster is not None else None):
        if closer is None:
            continue
        try:
            closer()
        except KeyboardInterrupt:
            closer()
        except Exception:  # noqa: BLE001 - a cluster already gone has nothing left to close
            pass
