"""The command line as a user meets it: exit codes, one-line errors, reports written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dossier_review.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def digital_sample() -> Path:
    for truth in sorted(SAMPLES.glob("*.truth.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        pdf = truth.with_name(truth.name.replace(".truth.json", ".pdf"))
        if not data.get("scanned") and pdf.exists():
            return pdf
    pytest.skip("no digital sample committed")


def test_version():
    res = run("--version")
    assert res.returncode == 0 and "dossier-review" in res.stdout


def test_unknown_command_is_usage_error():
    res = run("frobnicate")
    assert res.returncode == 2


@pytest.mark.parametrize("content,why", [(b"", "empty"), (b"hello, not a pdf", "not")])
def test_bad_pdf_gives_one_line_and_exit_3(tmp_path, content, why):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(content)
    res = run("review", bad, "--out", tmp_path / "out", "--no-cache", "-q")
    assert res.returncode == 3
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert "broken.pdf" in lines[0]
    assert "Traceback" not in res.stderr


def test_batch_of_paths_goes_on_after_a_bad_file(tmp_path):
    good = digital_sample()
    bad = tmp_path / "corrupt.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF")
    out = tmp_path / "out"
    res = run("review", bad, good, "--out", out, "--formats", "json,html", "-q")
    assert res.returncode == 3, res.stderr
    assert "corrupt.pdf" in res.stderr
    report = json.loads((out / f"{good.stem}.json").read_text(encoding="utf-8"))
    for key in ("dossier", "sources", "page_count", "procedure", "pages", "documents", "facts",
                "findings", "score", "grade", "vetoed", "standard"):
        assert key in report
    assert report["page_count"] == len(report["pages"]) > 0
    assert (out / f"{good.stem}.html").exists()


def test_ingest_json_contract():
    res = run("ingest", digital_sample(), "--json", "-q")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert set(data) >= {"dossier", "page_count", "pages", "documents"}
    assert all({"type", "first_page", "last_page"} <= set(d) for d in data["documents"])


def test_rules_list_and_explain():
    res = run("rules")
    assert res.returncode == 0
    assert "remedy.litigation_period_wrong" in res.stdout
    res = run("rules", "explain", "remedy.litigation_period_wrong")
    assert res.returncode == 0
    assert "行政诉讼法" in res.stdout
    assert "【何时转人工】" in res.stdout and "allowed_days" in res.stdout
    res = run("rules", "explain", "no.such_code")
    assert res.returncode == 2 and "no.such_code" in res.stderr


def test_malformed_standard_is_rejected_with_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\ncategories:\n  subject: [unclosed\n", encoding="utf-8")
    res = run("rules", "--standard", bad)
    assert res.returncode == 4
    assert "bad.yaml" in res.stderr and ":" in res.stderr


def test_evaluate_prints_precision_recall_and_document_accuracy(tmp_path):
    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    pdf = digital_sample()
    (truth_dir / pdf.name).symlink_to(pdf)
    truth = pdf.with_name(pdf.stem + ".truth.json")
    (truth_dir / truth.name).symlink_to(truth)
    res = run("evaluate", truth_dir, "--out", tmp_path / "out", "-q")
    assert res.returncode == 0, res.stderr
    assert "micro precision" in res.stdout and "document-type accuracy" in res.stdout
    result = json.loads((tmp_path / "out" / "evaluation.json").read_text(encoding="utf-8"))
    assert result["dossiers"][0]["dossier"] == pdf.stem
    assert 0.0 <= result["micro"]["digital"]["precision"] <= 1.0
