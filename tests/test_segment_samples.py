"""Segmentation accuracy on the committed digital samples (PDF text layer), and scoring helper."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier_review.model import Document, Dossier, Page
from dossier_review.segment import segment
from dossier_review.segment.evaluation import score_documents

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _digital_samples() -> list[tuple[Path, dict]]:
    found = []
    for truth_path in sorted(SAMPLES.glob("*.truth.json")):
        pdf = truth_path.with_name(truth_path.name[: -len(".truth.json")] + ".pdf")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if pdf.exists() and not truth.get("scanned", False):
            found.append((pdf, truth))
    return found


def _text_layer(pdf: Path) -> Dossier:
    import pdfplumber

    try:
        from dossier_review.ingest import normalize
    except Exception:
        normalize = None
    pages = []
    with pdfplumber.open(pdf) as doc:
        for i, p in enumerate(doc.pages):
            raw = p.extract_text() or ""
            pages.append(Page(i + 1, "text", 1.0, raw, normalize(raw) if normalize else raw))
    return Dossier(pdf.stem, [str(pdf)], pages)


def test_digital_samples_accuracy():
    samples = _digital_samples()
    if not samples:
        pytest.skip("no digital samples with truth files in samples/")
    matched = total = 0
    misses = []
    for pdf, truth in samples:
        seg = segment(_text_layer(pdf))
        sc = score_documents(seg.documents, truth["documents"])
        matched += sc.matched
        total += sc.truth
        if sc.missed or sc.spurious:
            misses.append((pdf.name, sc.missed, sc.spurious))
    accuracy = matched / total
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; {misses}"


def test_score_documents_counts_type_and_exact_range():
    pred = [Document("decision", "", 3, 4), Document("service_receipt", "", 4, 4),
            Document("evidence", "", 5, 5)]
    truth = [{"type": "decision", "first_page": 3, "last_page": 4},
             {"type": "service_receipt", "first_page": 5, "last_page": 5},
             {"type": "evidence", "first_page": 5, "last_page": 5}]
    sc = score_documents(pred, truth)
    assert (sc.matched, sc.truth, sc.predicted) == (2, 3, 3)
    assert sc.missed == [("service_receipt", 5, 5)]
    assert sc.spurious == [("service_receipt", 4, 4)]
    assert sc.accuracy == pytest.approx(2 / 3)
