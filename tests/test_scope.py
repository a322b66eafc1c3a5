"""One document handed in alone is reviewed at document scope: only the codes that document
itself can show; the review says which scope it used."""
from test_segment_lone_decision import DEC

from dossier_review.model import Dossier, Page
from dossier_review.pipeline import load_standard, review_dossier


def _dossier(texts):
    pages = [Page(number=i + 1, source="text", confidence=1.0, raw_text=t, text=t) for i, t in enumerate(texts)]
    return Dossier(name="x", sources=["x.pdf"], pages=pages)


def test_a_lone_decision_gets_no_dossier_level_code():
    std = load_standard("default")
    doc_codes = {r.code for r in std.rules if "document" in r.applies_to}
    _, review = review_dossier(_dossier([DEC]), std)
    assert review.scope == "document" and review.to_dict()["scope"] == "document"
    assert {f.code for f in review.findings} <= doc_codes
    # the near miss: asked to review it as a dossier, the missing documents are reported
    _, review = review_dossier(_dossier([DEC]), std, scope="dossier")
    assert review.scope == "dossier"
    assert "procedure.no_filing" in {f.code for f in review.findings}


def test_masked_id_in_a_published_decision_is_not_invalid():
    std = load_standard("default")
    text = DEC.replace("统一社会信用代码：91110108MA01XXXX5X", "公民身份号码：3701**********9347")
    _, review = review_dossier(_dossier([text]), std)
    assert "subject.party_id_invalid" not in {f.code for f in review.findings}
