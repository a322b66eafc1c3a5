"""The batch on the real pipeline: two small digital sample dossiers and a broken file.

Uses the committed samples when present (digital ones, by their truth files), otherwise renders
two with the sample generator. Slower than the stand-in tests (spaCy loads in each worker).
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from dossier_review.batch import run_batch
from dossier_review.errors import EXIT_INPUT

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _digital_samples(n: int) -> list[Path]:
    found = []
    for truth in sorted(SAMPLES.glob("*.truth.json")):
        pdf = truth.with_name(truth.name[: -len(".truth.json")] + ".pdf")
        try:
            data = json.loads(truth.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if pdf.exists() and not data.get("scanned"):
            found.append((pdf.stat().st_size, pdf))
    return [p for _, p in sorted(found)[:n]]


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("real-in")
    picked = _digital_samples(2)
    if len(picked) == 2:
        for p in picked:
            shutil.copy(p, folder / p.name)
            shutil.copy(p.with_name(p.stem + ".truth.json"), folder / (p.stem + ".truth.json"))
    else:
        from dossier_review.samplegen import make_case, render_case

        render_case(make_case(3, defects=["remedy.litigation_period_wrong"]), folder)
        render_case(make_case(4), folder)
    (folder / "截断.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # truncated
    return folder


def test_real_pipeline_batch_resume_and_rescore(dossiers, tmp_path):
    out = tmp_path / "out"
    res = run_batch(dossiers, out, workers=2, progress=False)
    assert res.total == 3 and res.done == 2 and res.failed == 1, res.failures
    assert res.exit_code == EXIT_INPUT
    assert res.failures[0][0].endswith("截断.pdf") and "\n" not in res.failures[0][1]
    names = sorted(p.stem for p in dossiers.glob("*.pdf") if p.name != "截断.pdf")
    for name in names:
        data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        truth = json.loads((dossiers / f"{name}.truth.json").read_text(encoding="utf-8"))
        assert data["dossier"] == name and data["standard"] == "default"
        assert data["page_count"] == max(d["last_page"] for d in truth["documents"])
        assert data["documents"] and data["facts"]["documents"]
        assert (out / f"{name}.html").exists() and (out / f"{name}.评查意见书.docx").exists()

    import openpyxl

    wb = openpyxl.load_workbook(out / "summary.xlsx", read_only=True)
    rows = list(wb["案卷"].iter_rows(values_only=True))
    wb.close()
    status = rows[0].index("状态")
    assert len(rows) == 4 and sorted(r[status] for r in rows[1:]) == sorted(["失败", "完成", "完成"])

    # rerun: nothing is reviewed again
    again = run_batch(dossiers, out, workers=2, progress=False)
    assert (again.done, again.skipped, again.failed) == (0, 2, 1)

    # rescore the stored facts under another standard, no OCR or extraction
    before = {n: json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in names}
    res3 = run_batch(None, out, standard="cehui", rescore=True, progress=False)
    assert res3.done == 2 and res3.failed == 0, res3.failures
    for n in names:
        after = json.loads((out / f"{n}.json").read_text(encoding="utf-8"))
        assert after["standard"] == "cehui" and after["facts"] == before[n]["facts"]
    con = sqlite3.connect(out / "dossier-review.sqlite")
    stds = sorted(r[0] for r in con.execute("SELECT standard FROM batch_dossiers WHERE status='done'"))
    con.close()
    assert stds == ["cehui", "cehui", "default", "default"]
