"""The statute checks on the committed digital samples, read end to end (text layer, no OCR):
their decisions state the circumstances weighed and fine within the cited range, so none of the
new codes is firm; the same decision with its fine cut below the range and its grounds removed is."""
from __future__ import annotations

from pathlib import Path

import pytest
from facts_builder import findings, firm

from dossier_review.law import SHIPPED
from dossier_review.pipeline import analyse, ingest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NEW = ("legal_basis.citation_not_found", "legal_basis.penalty_out_of_range",
       "legal_basis.discretion_unexplained", "subject.beyond_competence")

pytestmark = pytest.mark.skipif(not SHIPPED.exists(), reason="statute database not built")


@pytest.fixture(scope="module")
def water_case():
    pdf = SAMPLES / "case01-environment-digital.pdf"
    if not pdf.exists():
        pytest.skip("sample not committed")
    return analyse(ingest(pdf, use_cache=False))


def test_sample_decision_is_clean_under_the_statute_checks(water_case):
    decision = water_case.first("decision")
    assert decision.evidence.get("discretion")           # 综合考虑…情节 read from the text
    assert any(c.role == "penalty_basis" and c.item for c in decision.citations)
    assert not [f for f in firm(water_case, std="statutes") if f.code in NEW]


def test_the_same_decision_below_the_range_without_grounds(water_case):
    import copy

    facts = copy.deepcopy(water_case)
    for d in facts.documents:
        d.evidence.pop("mitigation", None)
        d.evidence.pop("discretion", None)
        for a in d.amounts:
            if a.role == "fine":
                a.yuan = 50000.0
    found = firm(facts, "legal_basis.penalty_out_of_range", std="statutes")
    assert found and "低于所引罚则的下限" in found[0].message
    assert findings(facts, "legal_basis.discretion_unexplained", std="statutes")
