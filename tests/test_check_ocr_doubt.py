"""Findings that OCR could have caused become needs_human on scanned pages (rule key ocr_doubt)."""
from facts_builder import clean_case, firm, human

from dossier_review.model import Evidence


def _scanned(facts, pages=None):
    for p in facts.pages:
        if pages is None or p["page"] in pages:
            p["source"] = "ocr"
            p["confidence"] = 0.85
    return facts


def test_missing_date_on_a_text_page_is_firm():
    b = clean_case()
    b.get("prior_notice").date = None
    facts = b.build()
    assert len(firm(facts, "documents.date_missing")) == 1


def test_missing_date_on_a_scanned_page_asks_a_human():
    b = clean_case()
    notice = b.get("prior_notice")
    notice.date = None
    facts = _scanned(b.build())
    assert firm(facts, "documents.date_missing") == []
    found = human(facts, "documents.date_missing")
    assert len(found) == 1 and "扫描件" in found[0].message


def test_absence_claim_stays_firm_when_one_evidence_page_is_text():
    b = clean_case()
    b.get("prior_notice").date = None
    facts = b.build()
    notice_page = next(d for d in facts.documents if d.type == "prior_notice").first_page
    _scanned(facts, pages={notice_page + 100})  # some other page scanned, not the notice's
    assert len(firm(facts, "documents.date_missing")) == 1


def test_authority_difference_read_by_ocr_asks_a_human():
    b = clean_case()
    notice = b.get("prior_notice")
    notice.authority = "福州市鼓楼区市场监督管埋局"  # one OCR slip
    notice.evidence["authority"] = [Evidence(notice.first_page, "福州市鼓楼区市场监督管埋局")]
    text_facts = b.build()
    scanned = _scanned(b.build())
    assert firm(scanned, "subject.authority_inconsistent") == []
    # the same difference on text pages is either firm or (if the check judges it a slip) human,
    # never silently dropped
    assert firm(text_facts, "subject.authority_inconsistent") or human(text_facts, "subject.authority_inconsistent")


def test_wrong_term_read_by_ocr_asks_a_human_but_is_firm_on_text():
    b = clean_case()
    decision = b.get("decision")
    decision.typos = [Evidence(decision.first_page, "可在六十日内申请行政复义")]
    decision.typo_fixes = ["行政复义→行政复议"]
    assert len(firm(b.build(), "documents.typo")) == 1
    scanned = _scanned(b.build())
    assert firm(scanned, "documents.typo") == [] and len(human(scanned, "documents.typo")) == 1
