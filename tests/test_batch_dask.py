"""``batch --executor dask`` on a LocalCluster of 2 worker processes, with the stand-in pipeline.

The workers are spawned, not forked, so the stand-in pipeline reaches them through Dask's own
worker preload (tests/dask_fake_preload.py), not through the test's monkeypatch.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_batch_fakes import FakeStandard, done_count, install, make_folder, write_fake
from test_batch_run import _reviews, _sheet, _stat

from dossier_review.batch import run_batch
from dossier_review.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

TESTS = Path(__file__).parent
PRELOAD = str(TESTS / "dask_fake_preload.py")


@pytest.fixture
def dask_fakes(monkeypatch):
    install(monkeypatch)  # the client side (rescore judges nothing here, but skip() reads reports)
    with dask.config.set({"distributed.worker.preload": [PRELOAD],
                          # a dossier that kills its worker is given up after one more try
                          "distributed.scheduler.allowed-failures": 1}):
        yield


@pytest.mark.timeout(180)
def test_dask_batch_gives_the_process_pool_results(tmp_path, dask_fakes):
    src = tmp_path / "in"
    make_folder(src, 8)
    (src / "坏文件.pdf").write_bytes(b"\x00not a pdf at all")
    write_fake(src / "案卷05.pdf", crash=True)  # kills every worker that takes it
    pool = run_batch(src, tmp_path / "pool", workers=2, standard=FakeStandard(), progress=False)
    dsk = run_batch(src, tmp_path / "dask", workers=2, standard=FakeStandard(), progress=False,
                    executor="dask")
    assert dsk.mode == "dask" and pool.mode == "dossiers"
    assert (dsk.done, dsk.failed, dsk.pages) == (pool.done, pool.failed, pool.pages) == (7, 2, pool.pages)
    assert dsk.exit_code == EXIT_INPUT
    assert dict(dsk.failures).keys() == dict(pool.failures).keys()
    crashed = dict(dsk.failures)[str(src / "案卷05.pdf")]
    assert "worker process died" in crashed
    assert _reviews(tmp_path / "dask") == _reviews(tmp_path / "pool")
    # rows follow the order dossiers finished in, on either executor
    sheet = {name: sorted(_sheet(tmp_path / name / "summary.xlsx", "案卷"), key=str) for name in ("dask", "pool")}
    assert sheet["dask"] == sheet["pool"]

    # a rerun skips what is done, on Dask as on the pool; a rescore on Dask matches the pool's
    again = run_batch(src, tmp_path / "dask", workers=2, standard=FakeStandard(), progress=False,
                      executor="dask", summary=False)
    assert again.skipped == 7 and again.done == 0
    strict = FakeStandard(name="strict", points={k: v * 3 for k, v in FakeStandard().points.items()})
    for name, executor in (("pool", "process"), ("dask", "dask")):
        res = run_batch(None, tmp_path / name, workers=2, standard=strict, rescore=True, progress=False,
                        summary=False, executor=executor)
        assert res.done == 7 and res.failed == 0
    assert _reviews(tmp_path / "dask") == _reviews(tmp_path / "pool")


def test_unknown_executor_is_refused(tmp_path):
    make_folder(tmp_path / "in", 2)
    with pytest.raises(ValueError, match="executor"):
        run_batch(tmp_path / "in", tmp_path / "out", executor="ray", progress=False)


@pytest.mark.timeout(180)
def test_a_worker_killed_mid_batch_loses_nothing_finished(tmp_path, dask_fakes, monkeypatch):
    from distributed import Client, LocalCluster

    monkeypatch.setenv("FAKE_DELAY", "0.3")
    src = tmp_path / "in"
    make_folder(src, 12)
    out = tmp_path / "out"
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           worker_dashboard_address=None, silence_logs=50)
    killed: dict = {}
    try:
        with Client(cluster) as probe:
            pids = list(probe.run(os.getpid).values())

        def kill_one_worker() -> None:
            deadline = time.time() + 90
            while time.time() < deadline and done_count(out / "dossier-review.sqlite") < 3:
                time.sleep(0.05)
            killed["done_before"] = done_count(out / "dossier-review.sqlite")
            os.kill(pids[0], signal.SIGKILL)  # as the OOM killer would

        killer = threading.Thread(target=kill_one_worker, daemon=True)
        killer.start()
        res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False, executor="dask",
                        scheduler=cluster.scheduler_address)
        killer.join(timeout=10)
        # a rescore through the scheduler that changes nothing leaves every report alone
        monkeypatch.delenv("FAKE_DELAY")
        before = _stat(out)
        same = run_batch(None, out, workers=2, standard=FakeStandard(), rescore=True, progress=False,
                         summary=False, executor="dask", scheduler=cluster.scheduler_address)
        assert same.done == 12 and _stat(out) == before
    finally:
        cluster.close()
    assert 3 <= killed["done_before"] < 12, "the worker must die mid-batch"
    assert (res.done, res.failed, res.exit_code) == (12, 0, EXIT_OK)
    con = sqlite3.connect(out / "dossier-review.sqlite")
    rows = con.execute("SELECT source, COUNT(*) FROM batch_dossiers WHERE status='done' GROUP BY source").fetchall()
    con.close()
    assert len(rows) == 12 and {n for _, n in rows} == {1}  # each dossier recorded once
    run_batch(src, tmp_path / "pool", workers=2, standard=FakeStandard(), progress=False)
    # through a remote scheduler the client writes the reports: the same files as the pool's
    assert _reviews(out) == _reviews(tmp_path / "pool")


@pytest.mark.timeout(180)
@pytest.mark.parametrize("sig, code, group", [(signal.SIGINT, EXIT_INTERRUPTED, True),
                                              (signal.SIGTERM, EXIT_TERMINATED, False)])
def test_interrupted_dask_batch_keeps_finished_work_and_resumes(tmp_path, dask_fakes, sig, code, group):
    """Ctrl-C reaches the whole process group (client and workers); `kill` only the client."""
    src = tmp_path / "in"
    make_folder(src, 10)
    out = tmp_path / "out"
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import dask; dask.config.set({'distributed.worker.preload': [sys.argv[4]]});"
        "import test_batch_fakes as f; f.install_plain();"
        "from dossier_review.batch import run_batch;"
        "r = run_batch(sys.argv[2], sys.argv[3], workers=2, standard=f.FakeStandard(), progress=False,"
        " executor='dask');"
        "print(r.done, r.interrupted); sys.exit(r.exit_code)"
    )
    env = dict(os.environ, FAKE_DELAY="0.5")
    proc = subprocess.Popen([sys.executable, "-c", script, str(TESTS), str(src), str(out), PRELOAD],
                            env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = out / "dossier-review.sqlite"
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None and done_count(db) < 2:
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
    if group:
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr.decode()[-2000:]
    finished, interrupted = stdout.decode().split()[-2:]
    assert interrupted == "True" and 2 <= int(finished) < 10
    # no worker outlives the client
    deadline = time.time() + 10
    while time.time() < deadline:
        left = subprocess.run(["pgrep", "-a", "-s", str(proc.pid)], capture_output=True,
                              text=True).stdout.splitlines()
        if not left:
            break
        time.sleep(0.2)
    assert not left, left
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM batch_runs").fetchone()[0] == "interrupted"
    assert con.execute("SELECT COUNT(*) FROM batch_dossiers").fetchone()[0] == int(finished)
    con.close()
    res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False, executor="dask")
    assert (res.skipped, res.done, res.exit_code) == (int(finished), 10 - int(finished), EXIT_OK)
    run_batch(src, tmp_path / "clean", workers=2, standard=FakeStandard(), progress=False)
    assert _reviews(out) == _reviews(tmp_path / "clean")


def test_cli_takes_the_executor_and_the_scheduler():
    from dossier_review.cli import build_parser

    args = build_parser().parse_args(["batch", "in", "--out", "o", "--executor", "dask",
                                      "--scheduler", "tcp://10.0.0.5:8786"])
    assert (args.executor, args.scheduler) == ("dask", "tcp://10.0.0.5:8786")
    assert build_parser().parse_args(["batch", "in", "--out", "o"]).executor == "process"
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["batch", "in", "--out", "o", "--executor", "threads"])
    assert exc.value.code == 2
