"""The OCR cache: location rules, keys, concurrent writers, damaged files; progress bar on stderr."""
import multiprocessing as mp
import sqlite3

from dossier_review.ingest import cache as C
from dossier_review.ingest import ingest
from dossier_review.ingest.synth import DECISION_LINES, write_text_pdf


def test_location_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("DOSSIER_REVIEW_CACHE", raising=False)
    assert str(C.default_path()).endswith(".cache/dossier-review/ocr.sqlite")
    monkeypatch.setenv("DOSSIER_REVIEW_CACHE", str(tmp_path / "env.sqlite"))
    assert C.default_path() == tmp_path / "env.sqlite"
    assert C.OcrCache().path == tmp_path / "env.sqlite"
    assert C.OcrCache(tmp_path / "arg.sqlite").path == tmp_path / "arg.sqlite"  # the argument wins


def test_key_depends_on_content_and_parameters(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"%PDF-1.4 one")
    b.write_bytes(b"%PDF-1.4 two")
    params = {"dpi": 300, "psm": 3, "tesseract": "tesseract 5.3.0"}
    ka = C.page_key(C.file_digest(a), 0, params)
    assert ka == C.page_key(C.file_digest(a), 0, dict(params))
    assert ka != C.page_key(C.file_digest(b), 0, params)
    assert ka != C.page_key(C.file_digest(a), 1, params)
    assert ka != C.page_key(C.file_digest(a), 0, {**params, "dpi": 200})
    assert ka != C.page_key(C.file_digest(a), 0, {**params, "tesseract": "tesseract 5.4.0"})


def _writer(path, start):
    c = C.OcrCache(path)
    for i in range(start, start + 150):
        c.put(f"k{i}", {"raw_text": "文" * 50, "i": i})
    c.close()


def test_concurrent_writers(tmp_path):
    path = tmp_path / "ocr.sqlite"
    procs = [mp.get_context("fork").Process(target=_writer, args=(path, n * 150)) for n in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    c = C.OcrCache(path)
    assert all(c.get(f"k{i}")["i"] == i for i in range(450))
    assert c.hits == 450 and c.error is None
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_damaged_cache_file_means_no_cache_not_a_crash(tmp_path):
    path = tmp_path / "ocr.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    c = C.OcrCache(path)
    assert c.get("x") is None
    c.put("x", {"a": 1})  # silently ignored
    assert c.error


def test_progress_bar_goes_to_stderr(tmp_path, capsys):
    pdf = write_text_pdf([DECISION_LINES] * 3, tmp_path / "p.pdf")
    ingest(pdf, use_cache=False, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "3/3" in err
