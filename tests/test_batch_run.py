"""run_batch with a stand-in pipeline: skipping, failures, crashes, interruption, rescore, outputs."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
import test_batch_fakes as fakes
from test_batch_fakes import (
    FakeStandard,
    done_count,
    install,
    make_folder,
    start_fake_batch,
    write_fake,
)

from dossier_review.batch import collect_inputs, run_batch
from dossier_review.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK

TESTS = Path(__file__).parent


def _reviews(out: Path) -> dict[str, dict]:
    """Per-dossier JSON reports, without the time stamp, by file name."""
    found = {}
    for p in sorted(out.glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        data.pop("generated_at", None)
        found[p.name] = data
    return found


def _sheet(path: Path, name: str) -> list[tuple]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    wb.close()
    return rows


def test_folder_enumeration_skips_non_dossiers(tmp_path):
    make_folder(tmp_path / "in", 3)
    (tmp_path / "in" / "扫描件").mkdir()
    (tmp_path / "in" / "扫描件" / "p1.png").write_bytes(b"x")
    (tmp_path / "in" / "登记表.xlsx").write_bytes(b"x")
    write_fake(tmp_path / "in" / "卷2.pdf")
    write_fake(tmp_path / "in" / "卷10.pdf")
    items = collect_inputs(tmp_path / "in")
    names = [i.name for i in items]
    assert sorted(names) == sorted(["扫描件", "案卷01", "案卷02", "案卷03", "卷2", "卷10"])
    assert names.index("卷2") < names.index("卷10")  # natural order, not 卷10 before 卷2
    # a text list, relative to its own folder, with comments; a path listed twice counts once
    lst = tmp_path / "list.txt"
    lst.write_text("# 抽查\nin/案卷02.pdf\n\nin/案卷01.pdf\nin/案卷02.pdf\n", encoding="utf-8")
    assert [i.name for i in collect_inputs(lst)] == ["案卷02", "案卷01"]


def test_batch_reviews_skips_on_rerun_and_records_a_broken_file(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 6)
    (src / "坏文件.pdf").write_bytes(b"\x00not a pdf at all")
    out = tmp_path / "out"
    res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
    assert res.total == 7 and res.done == 6 and res.failed == 1 and res.skipped == 0
    assert res.exit_code == EXIT_INPUT
    assert res.failures[0][0].endswith("坏文件.pdf") and "no %PDF header" in res.failures[0][1]
    assert len(list(out.glob("*.评查意见书.docx"))) == 6 and len(list(out.glob("*.html"))) == 7
    assert {p.name for p in res.outputs} == {"summary.xlsx", "summary.html", "bulletin.docx"}

    con = sqlite3.connect(out / "dossier-review.sqlite")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = dict(con.execute("SELECT name, status FROM batch_dossiers").fetchall())
    assert rows["坏文件"] == "failed" and list(rows.values()).count("done") == 6
    n_findings = con.execute("SELECT COUNT(*) FROM review_findings").fetchone()[0]
    assert n_findings == sum(len(r["findings"]) for r in _reviews(out).values())
    con.close()

    # a rerun skips what is done and only retries the broken file
    fakes.CALLS["ingest"] = 0
    res2 = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
    assert (res2.done, res2.skipped, res2.failed) == (0, 6, 1)
    assert fakes.CALLS["ingest"] == 1
    # a changed file is reviewed again; a different standard is a different key
    write_fake(src / "案卷01.pdf", defects=("documents.typo",))
    res3 = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
    assert (res3.done, res3.skipped) == (1, 5)
    res4 = run_batch(src, out, workers=1, standard=FakeStandard(name="strict"), progress=False,
                     summary=False)
    assert res4.done == 6


def test_worker_crash_fails_only_that_dossier(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 5)
    write_fake(src / "案卷03.pdf", crash=True)
    res = run_batch(src, tmp_path / "out", workers=2, standard=FakeStandard(), progress=False,
                    summary=False)
    assert res.done == 4 and res.failed == 1
    assert res.failures[0][0].endswith("案卷03.pdf") and "worker process died" in res.failures[0][1]


def test_keyboard_interrupt_resumes_to_the_same_result(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 7)
    clean = run_batch(src, tmp_path / "clean", workers=1, standard=FakeStandard(), progress=False)
    assert clean.exit_code == EXIT_OK

    real_analyse = fakes.fake_analyse
    calls = {"n": 0}

    def interrupting(dossier):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real_analyse(dossier)

    import dossier_review.pipeline as pipeline

    monkeypatch.setattr(pipeline, "analyse", interrupting)
    out = tmp_path / "out"
    res = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    assert res.interrupted and res.exit_code == EXIT_INTERRUPTED and res.done == 3
    assert not (out / "summary.xlsx").exists()
    monkeypatch.setattr(pipeline, "analyse", real_analyse)
    res2 = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False)
    assert (res2.done, res2.skipped, res2.failed) == (4, 3, 0) and res2.exit_code == EXIT_OK
    assert _reviews(out) == _reviews(tmp_path / "clean")
    assert _sheet(out / "summary.xlsx", "案卷") == _sheet(tmp_path / "clean" / "summary.xlsx", "案卷")


def test_killed_batch_process_resumes(tmp_path):
    src = tmp_path / "in"
    make_folder(src, 10)
    out = tmp_path / "out"
    proc = start_fake_batch(src, out, delay="0.4", wait_for=3)
    done = done_count(out / "dossier-review.sqlite")
    assert proc.poll() is None, proc.communicate()[1].decode()
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the batch and its pool workers
    proc.wait()
    assert 3 <= done < 10

    # resume in this process with the same stand-in pipeline
    mp = pytest.MonkeyPatch()
    try:
        install(mp)
        res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
        run_batch(src, tmp_path / "clean", workers=2, standard=FakeStandard(), progress=False)
    finally:
        mp.undo()
    assert res.skipped >= 3 and res.done + res.skipped == 10 and res.failed == 0
    assert not list(out.glob(".*.tmp"))
    assert _reviews(out) == _reviews(tmp_path / "clean")


def test_rescore_uses_stored_facts_only(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 6)
    out = tmp_path / "out"
    first = run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
    before = _reviews(out)

    def no_ocr(*a, **k):
        raise AssertionError("rescore must not ingest")

    import dossier_review.pipeline as pipeline

    monkeypatch.setattr(pipeline, "ingest", no_ocr)
    monkeypatch.setattr(pipeline, "analyse", no_ocr)
    strict = FakeStandard(points={k: v * 2 for k, v in FakeStandard().points.items()})
    res = run_batch(None, out, standard=strict, rescore=True, progress=False)
    assert res.done == 6 and res.failed == 0 and res.exit_code == EXIT_OK
    after = _reviews(out)
    assert after.keys() == before.keys()
    changed = [k for k in after if after[k]["score"] != before[k]["score"]]
    assert changed  # doubled points move the scores of dossiers with deductions
    for k in after:
        deducted = sum(c["deducted"] for c in before[k]["categories"])
        if not before[k]["vetoed"]:
            assert after[k]["score"] == pytest.approx(100 - sum(c["deducted"] for c in after[k]["categories"]))
            assert sum(c["deducted"] for c in after[k]["categories"]) >= deducted
    # rescoring a folder names the same dossiers; one never reviewed is reported
    write_fake(src / "新案卷.pdf")
    res2 = run_batch(src, out, standard=strict, rescore=True, progress=False, workers=1, summary=False)
    assert res2.done == 6 and res2.failed == 1 and "no stored review" in res2.failures[0][1]
    assert first.run_id < res.run_id < res2.run_id


def test_summary_outputs_read_back(tmp_path, monkeypatch):
    import docx

    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 9)
    (src / "坏文件.pdf").write_bytes(b"broken")
    out = tmp_path / "out"
    res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
    xlsx = out / "summary.xlsx"

    import openpyxl

    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["案卷", "问题", "问题频次", "问题按机关", "标准", "说明"]
    wb.close()
    full = openpyxl.load_workbook(xlsx)
    for ws in full.worksheets:  # one table per sheet, filter-ready
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
        assert ws.freeze_panes == "A2"
    full.close()
    dossiers = _sheet(xlsx, "案卷")
    head = dossiers[0]
    col = {h: i for i, h in enumerate(head)}
    assert head[:4] == ("抽样序号", "案号", "执法机关", "当事人") and "复核意见" in col
    assert len(dossiers) == 1 + 10
    by_name = {r[col["案卷"]]: r for r in dossiers[1:]}
    assert by_name["坏文件"][col["状态"]] == "失败" and "PDF" in by_name["坏文件"][col["失败原因"]]
    assert by_name["案卷03"][col["执法机关"]] == fakes.AGENCIES[0] and by_name["案卷03"][col["一票否决"]] == "是"
    assert isinstance(by_name["案卷03"][col["得分"]], (int, float))
    problems = _sheet(xlsx, "问题")
    reviews = _reviews(out)
    assert len(problems) - 1 == sum(len(r["findings"]) for r in reviews.values())
    pcol = {h: i for i, h in enumerate(problems[0])}
    assert all(isinstance(r[pcol["PDF页码"]], int) and r[pcol["原文摘录"]] for r in problems[1:])
    freq = _sheet(xlsx, "问题频次")
    typo = next(r for r in freq if r and r[-1] == "documents.typo")
    assert freq[0][:4] == ("问题", "类别", "出现次数", "涉及案卷数")
    expected = sum(1 for r in reviews.values() for f in r["findings"] if f["code"] == "documents.typo")
    assert typo[2] == expected
    pivot = _sheet(xlsx, "问题按机关")
    assert {v for v in pivot[0][1:] if v not in ("合计", "问题代码")} == set(fakes.AGENCIES)
    std = _sheet(xlsx, "标准")
    assert std[-1][-1] == "hearing.not_notified" and std[-1][4] == "是"
    notes = dict((r[0], r[1]) for r in _sheet(xlsx, "说明")[1:])
    assert "工具版本" in notes and "随机种子" in notes and "批次编号" in notes

    html = (out / "summary.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 4 and "<script" not in html
    assert "案卷03.html" in html and "某某市生态环境局" in html

    d = docx.Document(str(out / "bulletin.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    for heading in ("一、评查范围和方法", "二、评查结果", "三、存在的主要问题", "四、各单位评查情况", "五、整改要求"):
        assert heading in text
    assert "行政处罚案卷10件" in text and "涉及执法机关3个" in text
    assert "问题代码" not in text and "如某市监处罚" in text
    (units,) = [t for t in d.tables if t.rows[0].cells[0].text == "单位"]  # one table of all units
    assert len(units.rows) == 1 + 4  # three agencies + the failed file's unknown agency
    assert res.exit_code == EXIT_INPUT


def test_rescore_in_a_pool_matches_rescore_in_process(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 6)
    strict = FakeStandard(name="strict", points={k: v * 3 for k, v in FakeStandard().points.items()})
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
        res = run_batch(None, out, workers=workers, standard=strict, rescore=True, progress=False,
                        summary=False)
        assert res.done == 6 and res.mode == ("rescore/sequential" if workers == 1 else "rescore/dossiers")
    assert _reviews(tmp_path / "out1") == _reviews(tmp_path / "out2")
    assert {r["standard"] for r in _reviews(tmp_path / "out2").values()} == {"strict"}


def test_missing_ocr_engine_stops_the_batch(tmp_path, monkeypatch):
    from dossier_review.errors import MissingDependencyError

    install(monkeypatch)

    def no_tesseract(path, **options):
        raise MissingDependencyError("tesseract is not installed; apt-get install tesseract-ocr")

    import dossier_review.pipeline as pipeline

    monkeypatch.setattr(pipeline, "ingest", no_tesseract)
    make_folder(tmp_path / "in", 4)
    with pytest.raises(MissingDependencyError):
        run_batch(tmp_path / "in", tmp_path / "out", workers=2, standard=FakeStandard(), progress=False)
    con = sqlite3.connect(tmp_path / "out" / "dossier-review.sqlite")
    assert con.execute("SELECT status FROM batch_runs").fetchone()[0] == "aborted"
    assert con.execute("SELECT COUNT(*) FROM batch_dossiers").fetchone()[0] == 0
    con.close()


def test_ctrl_c_on_a_pool_batch_keeps_finished_work(tmp_path):
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it."""
    src = tmp_path / "in"
    make_folder(src, 8)
    out = tmp_path / "out"
    proc = start_fake_batch(src, out, show="r.done, r.interrupted")
    db = out / "dossier-review.sqlite"
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == EXIT_INTERRUPTED, stderr.decode()
    finished, interrupted = stdout.decode().split()
    assert interrupted == "True" and 2 <= int(finished) < 8
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM batch_runs").fetchone()[0] == "interrupted"
    assert con.execute("SELECT COUNT(*) FROM batch_dossiers").fetchone()[0] == int(finished)
    con.close()
    mp = pytest.MonkeyPatch()
    try:
        install(mp)
        res = run_batch(src, out, workers=2, standard=FakeStandard(), progress=False)
    finally:
        mp.undo()
    assert res.skipped == int(finished) and res.done == 8 - int(finished) and res.exit_code == EXIT_OK


def _stat(out: Path) -> dict[str, tuple]:
    """Each report file's inode and mtime: an atomic rewrite changes both."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(out.iterdir())
            if p.suffix in (".json", ".html", ".docx") and not p.name.startswith("summary")
            and p.name != "bulletin.docx"}


def test_rescore_rewrites_only_reports_whose_content_changed(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 6)
    out = tmp_path / "out"
    run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
    before, reviews = _stat(out), _reviews(out)
    stamps = {k: json.loads((out / k).read_text(encoding="utf-8"))["generated_at"] for k in reviews}
    time.sleep(0.02)  # a rewrite would show a later mtime

    same = run_batch(None, out, workers=1, standard=FakeStandard(), rescore=True, progress=False,
                     summary=False)
    assert same.done == 6 and _stat(out) == before  # nothing changed: no file touched
    con = sqlite3.connect(out / "dossier-review.sqlite")
    stored = [json.loads(r[0])["generated_at"] for r in con.execute("SELECT review_json FROM review_reviews")]
    con.close()
    assert sorted(stored) == sorted(stamps.values())  # the store keeps the files' time stamps

    # doubled points: only dossiers with a deduction change; a deleted HTML is written again
    (out / "案卷01.html").unlink()
    strict = FakeStandard(points={k: v * 2 for k, v in FakeStandard().points.items()})
    run_batch(None, out, workers=1, standard=strict, rescore=True, progress=False, summary=False)
    after, new_reviews = _stat(out), _reviews(out)
    for stem in (p[:-5] for p in reviews):
        files = [n for n in before if n.startswith(stem + ".")]
        moved = reviews[stem + ".json"] != new_reviews[stem + ".json"]
        if moved or stem == "案卷01":
            assert all(after[n] != before.get(n) for n in files), stem
        else:
            assert all(after[n] == before[n] for n in files), stem
    assert any(reviews[k] != new_reviews[k] for k in reviews)
    assert any(reviews[k] == new_reviews[k] for k in reviews if k != "案卷01.json")


def test_rescore_with_show_ids_rewrites_the_masked_reports(tmp_path, monkeypatch):
    install(monkeypatch)
    src = tmp_path / "in"
    make_folder(src, 2)
    out = tmp_path / "out"
    run_batch(src, out, workers=1, standard=FakeStandard(), progress=False, summary=False)
    before = _stat(out)
    time.sleep(0.02)
    run_batch(None, out, workers=1, standard=FakeStandard(), rescore=True, progress=False,
              summary=False, show_ids=True)  # the same review, but unmasked HTML/DOCX asked for
    after = _stat(out)
    assert all(after[n] != before[n] for n in before)
