"""Hold-out check: the real pipeline on template family B, forms it was never tuned on.

Family-B dossiers are generated at test time (digital only, no OCR): two clean general files and
four with planned defects.  The thresholds are deliberately below the targets on our own samples;
a failure prints every missed document and code so the fix can go to the right stage.
"""
from __future__ import annotations

import pytest

from dossier_review.evaluate import format_measure as format_figures
from dossier_review.evaluate import measure
from dossier_review.samplegen.holdout import write_family_b


@pytest.fixture(scope="module")
def holdout(tmp_path_factory):
    out = tmp_path_factory.mktemp("family_b")
    paths = write_family_b(out, n=6, seed=1)
    return measure(paths)


def test_holdout_set_shape(holdout):
    clean = [r for r in holdout["dossiers"] if not r["truth_defects"]]
    defective = [r for r in holdout["dossiers"] if r["truth_defects"]]
    assert len(clean) >= 2 and len(defective) >= 4
    assert len({c for r in defective for c in r["truth_defects"]}) >= 20


def test_document_types_and_page_ranges(holdout):
    assert holdout["doc_accuracy"] >= 0.85, format_figures(holdout)


def test_defect_precision(holdout):
    assert holdout["precision"] >= 0.9, format_figures(holdout)


def test_defect_recall(holdout):
    assert holdout["recall"] >= 0.7, format_figures(holdout)
