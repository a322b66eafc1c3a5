"""Faults around a batch: SIGTERM, kill -9, a second batch on the same folder, a read-only, full
or misplaced output folder, symlink loops. The stand-in pipeline of test_batch_fakes keeps it fast."""
from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import test_batch_fakes as fakes
from test_batch_fakes import (
    FakeStandard,
    child_pids,
    install,
    is_alive,
    make_folder,
    start_fake_batch,
)

from dossier_review.batch import run_batch
from dossier_review.errors import EXIT_OK, EXIT_OUTPUT, EXIT_TERMINATED, OutputError
from dossier_review.lib.outdir import FolderLock
from dossier_review.store import Store

TESTS = Path(__file__).parent
SCRIPT = (
    "import sys; sys.path.insert(0, sys.argv[1]);"
    "import test_batch_fakes as f; f.install_plain();"
    "from dossier_review.cli import main;"
    "sys.exit(main(['batch', sys.argv[2], '--out', sys.argv[3], '--workers', '2', '-q']))"
)
def _start(src: Path, out: Path, delay="0.5"):
    """`dossier-review batch` in a subprocess with the stand-in pipeline; waits for 2 done."""
    proc = start_fake_batch(src, out, delay=delay)
    assert proc.poll() is None, proc.communicate()[1].decode()
    workers = child_pids(proc.pid)
    assert workers, "the pool should be running"
    return proc, workers


def _gone(pids, timeout=10.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not any(is_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def _runs(out: Path) -> list[str]:
    con = sqlite3.connect(out / "dossier-review.sqlite")
    try:
        return [r[0] for r in con.execute("SELECT status FROM batch_runs ORDER BY id")]
    finally:
        con.close()


def test_sigterm_stops_workers_marks_the_run_and_exits_143(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 8)
    proc, workers = _start(src, out)
    os.kill(proc.pid, signal.SIGTERM)  # to the main process only, as `kill PID` sends it
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == EXIT_TERMINATED, stderr.decode()
    assert _gone(workers), "no worker outlives the batch"
    assert _runs(out) == ["interrupted"]
    mp = pytest.MonkeyPatch()
    try:
        install(mp)
        res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
    finally:
        mp.undo()
    assert res.done + res.skipped == 8 and res.skipped >= 2 and res.exit_code == EXIT_OK


def test_kill_9_of_the_main_process_takes_the_workers_and_the_next_run_marks_it(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 8)
    proc, workers = _start(src, out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert _gone(workers), "workers die with their parent (PR_SET_PDEATHSIG)"
    assert _runs(out) == ["running"]  # nobody could mark it
    mp = pytest.MonkeyPatch()
    try:
        install(mp)
        res = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    finally:
        mp.undo()
    assert _runs(out) == ["interrupted", "done"] and res.done + res.skipped == 8


def test_a_second_batch_on_the_same_folder_refuses(tmp_path, monkeypatch):
    install(monkeypatch)
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 2)
    out.mkdir()
    calls = dict(fakes.CALLS)
    with FolderLock(out):
        with pytest.raises(OutputError) as info:
            run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
        assert "另一个批量评查" in info.value.reason and f"进程 {os.getpid()}" in info.value.reason
        assert fakes.CALLS == calls  # nothing reviewed
        # the command line says it in one line and exits with the output-folder code
        res = subprocess.run([sys.executable, "-c", SCRIPT, str(TESTS), str(src), str(out)],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == EXIT_OUTPUT
        assert len(res.stderr.strip().splitlines()) == 1 and "另一个批量评查" in res.stderr
    # near miss: the lock is gone with its holder
    assert run_batch(src, out, workers=1, standard=FakeStandard(), progress=False).done == 2


def test_an_output_path_that_is_a_file_is_refused_before_any_work(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 2)
    out = tmp_path / "out"
    out.write_text("a file where the folder should be")
    calls = dict(fakes.CALLS)
    with pytest.raises(OutputError) as info:
        run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    assert "不是文件夹" in info.value.reason and fakes.CALLS == calls
    with pytest.raises(OutputError) as info:
        run_batch(src, out / "sub", workers=1, standard=FakeStandard(), progress=False)
    assert "无法创建" in info.value.reason
    from test_cli import run

    res = run("review", src / "案卷01.pdf", "--out", out, "-q")
    assert res.returncode == EXIT_OUTPUT and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr and "不是文件夹" in res.stderr


def test_a_read_only_folder_is_refused_before_any_work(tmp_path, monkeypatch):
    import tempfile

    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 2)

    def erofs(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", erofs)  # root writes through chmod; this is what EROFS does
    with pytest.raises(OutputError) as info:
        run_batch(src, tmp_path / "out", workers=1, standard=FakeStandard(), progress=False)
    assert "只读" in info.value.reason


def test_a_full_disk_is_refused_before_any_work(tmp_path, monkeypatch):
    import shutil

    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 2)
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=5 * 2**20))
    with pytest.raises(OutputError) as info:
        run_batch(src, tmp_path / "out", workers=1, standard=FakeStandard(), progress=False)
    assert "剩余空间不足" in info.value.reason and "5 MB" in info.value.reason


def test_a_store_that_fills_up_stops_with_one_line_and_keeps_what_finished(tmp_path, monkeypatch):
    """SQLite's max_page_count makes a real 'database or disk is full' part-way through."""
    install(monkeypatch)
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 8)
    real_init = Store.__init__

    def small_store(self, path):
        real_init(self, path)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count={pages + 12}")

    monkeypatch.setattr(Store, "__init__", small_store)
    with pytest.raises(OutputError) as info:
        run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    assert "结果库无法写入" in info.value.reason and "full" in info.value.reason
    monkeypatch.setattr(Store, "__init__", real_init)
    with Store(out / "dossier-review.sqlite") as store:
        kept = store.counts().get("done", 0)
    assert 1 <= kept < 8
    res = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    assert res.skipped == kept and res.done == 8 - kept


def test_reports_on_a_full_disk_stop_the_pool_and_keep_what_finished(tmp_path, monkeypatch):
    import dossier_review.report as report

    install(monkeypatch)
    src, out = tmp_path / "in", tmp_path / "out"
    make_folder(src, 8)
    real = report.write_reports

    def fill_up(review, out_dir, formats=("json", "html"), *, stem=None, **kw):
        if stem and stem >= "案卷04":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(review, out_dir, formats, stem=stem, **kw)

    monkeypatch.setattr(report, "write_reports", fill_up)  # the pool forks: workers see it
    with pytest.raises(OutputError) as info:
        run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
    assert "磁盘空间已满" in info.value.reason
    with Store(out / "dossier-review.sqlite") as store:
        assert 1 <= store.counts().get("done", 0) <= 3
    assert _runs(out) == ["aborted"]


def test_a_symlink_loop_in_a_batch_folder_is_counted_and_reported(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 3)
    os.symlink(src / "环.pdf", src / "环.pdf")
    os.symlink(src / "不在.pdf", src / "断链.pdf")
    res = run_batch(src, tmp_path / "out", workers=1, standard=FakeStandard(), progress=False,
                    summary=False)
    reasons = dict(res.failures)
    assert res.total == 5 and res.done == 3 and res.failed == 2
    assert "符号链接循环" in reasons[str(src / "环.pdf")]
    assert "不存在" in reasons[str(src / "断链.pdf")]


def test_a_file_name_that_is_no_utf8_is_recorded_readably(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 1)
    gbk = os.fsencode(src) + "/案卷GBK.pdf".encode("gbk")
    Path(gbk.decode("utf-8", "surrogateescape")).write_bytes((src / "案卷01.pdf").read_bytes())
    res = run_batch(src, tmp_path / "out", workers=1, standard=FakeStandard(), progress=False)
    assert res.total == 2 and res.done == 2
    with Store(tmp_path / "out" / "dossier-review.sqlite") as store:
        sources = [r["source"] for r, _ in store.iter_dossiers()]
    assert any("\\xb0\\xb8" in s for s in sources)  # 案 in GBK, readable and distinct
    again = run_batch(src, tmp_path / "out", workers=1, standard=FakeStandard(), progress=False)
    assert again.skipped == 2  # the lookup finds the same row


class _Recorder:
    """Stands in for the batch: records what it handles, stops the run as the batch does."""

    def __init__(self):
        self.recorded = []

    def handle(self, item, h, res):
        if res.get("kind") == "OutputError":
            raise OutputError(Path("out"), res["reason"])
        self.recorded.append(item)


def test_dossiers_finished_in_the_round_that_fills_the_disk_are_recorded_first():
    from dossier_review.batch.runner import _Batch

    full = {"ok": False, "kind": "OutputError", "reason": "报告无法写入（磁盘空间已满）"}
    done = {"ok": True}
    batch = _Recorder()
    # the unordered set of one wait may give the failure first: it is handled last
    with pytest.raises(OutputError):
        _Batch.handle_round(batch, [("案卷04", "h4", full), ("案卷01", "h1", done), ("案卷02", "h2", done)])
    assert batch.recorded == ["案卷01", "案卷02"]
    # near miss: a round with no run-stopping result is handled whole, in its order
    batch = _Recorder()
    _Batch.handle_round(batch, [("案卷03", "h3", done), ("案卷05", "h5", {"ok": False, "reason": "坏文件"})])
    assert batch.recorded == ["案卷03", "案卷05"]

