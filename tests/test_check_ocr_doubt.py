"""Findings that OCR could have caused become needs_human on scanned pages (rule key ocr_doubt)."""
from facts_builder import clean_case, firm, human

from dossier_review.model import Evidence


def _scanned(facts, pages=None):
    for p in facts.pages:
        if pages is None or p.page in pages:
            p.source = "ocr"
            p.confidence = 0.85
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


# -- a reading claim stands on a scan when the characters it rests on were read surely ----------

def test_wrong_term_read_surely_on_a_scan_is_firm():
    b = clean_case()
    decision = b.get("decision")
    decision.typos = [Evidence(decision.first_page, "可在六十日内申请行政复义", conf=0.97)]
    decision.typo_fixes = ["行政复义→行政复议"]
    assert len(firm(_scanned(b.build()), "documents.typo")) == 1


def test_wrong_term_read_just_under_the_firm_confidence_asks_a_human():
    b = clean_case()
    decision = b.get("decision")
    # 0.90: what a scan of 申辩 gave for 辨 on the samples (ocr_firm_confidence is 0.95)
    decision.typos = [Evidence(decision.first_page, "提出陈述、申辨意见", conf=0.90)]
    decision.typo_fixes = ["申辨→申辩"]
    scanned = _scanned(b.build())
    assert firm(scanned, "documents.typo") == [] and len(human(scanned, "documents.typo")) == 1


def _party_variant(conf_variant, conf_main):
    b = clean_case()
    filing = b.get("filing")
    name = b.get("decision").party.name
    short = name.replace("有限", "")
    assert short != name
    filing.party.name = short
    filing.party.evidence = [Evidence(filing.first_page, f"当事人 {short}", conf=conf_variant)]
    for t in ("decision", "prior_notice"):
        d = b.get(t)
        d.party.evidence = [Evidence(d.first_page, f"当事人：{name}", conf=conf_main)]
    return _scanned(b.build())


def test_party_name_variant_read_surely_on_scans_is_firm():
    facts = _party_variant(0.98, 0.97)
    assert len(firm(facts, "subject.party_inconsistent")) == 1


def test_party_name_variant_with_a_lost_character_gap_asks_a_human():
    # conf 0.0: the extractor found a gap inside the name where characters may have been dropped
    facts = _party_variant(0.0, 0.97)
    assert firm(facts, "subject.party_inconsistent") == []
    assert len(human(facts, "subject.party_inconsistent")) == 1


def test_unmeasured_confidence_keeps_the_doubt():
    facts = _party_variant(None, None)
    assert firm(facts, "subject.party_inconsistent") == []


def _decision_without(element):
    b = clean_case()
    d = b.get("decision")
    d.elements = {**d.elements, element: False}
    return _scanned(b.build())


def test_decision_element_missing_as_surely_as_its_own_rule_is_firm_on_a_scan():
    # the 落款 authority: subject.authority_missing (no ocr_doubt) reads the same closing block
    found = firm(_decision_without("authority"), "documents.decision_elements_missing")
    assert len(found) == 1 and "行政机关名称" in found[0].message


def test_decision_date_not_read_on_a_scan_still_asks_a_human():
    facts = _decision_without("date")
    assert firm(facts, "documents.decision_elements_missing") == []
    assert len(human(facts, "documents.decision_elements_missing")) == 1


def _undated_scanned_decision(seal, auth_conf, illegible=False):
    b = clean_case()
    d = b.get("decision")
    d.date = None
    d.date_illegible = illegible
    d.ocr_confidence = 0.88
    d.elements = {**d.elements, "date": False}
    d.evidence["authority"] = [Evidence(d.last_page, "福州市鼓楼区市场监督管理局（印章）", conf=auth_conf)]
    b.dates.pop("decided")
    facts = _scanned(b.build())
    for p in facts.pages:
        p.red_seal = seal
    return facts


def test_undated_decision_under_a_lifted_red_seal_read_clearly_is_firm():
    facts = _undated_scanned_decision(True, 0.97)
    found = firm(facts, "documents.date_missing")
    assert len(found) == 1 and "印章已分离" in found[0].message
    assert any("作出决定的日期" in f.message for f in firm(facts, "documents.decision_elements_missing"))


def test_undated_decision_with_a_grey_seal_or_a_blurred_closing_asks_a_human():
    for seal, conf, illegible in ((None, 0.97, False), (False, 0.97, False), (True, 0.9, False), (True, 0.97, True)):
        facts = _undated_scanned_decision(seal, conf, illegible)
        assert firm(facts, "documents.date_missing") == [], (seal, conf, illegible)
        assert len(human(facts, "documents.date_missing")) == 1


def test_unsigned_record_seen_blank_on_a_scan_is_firm_unknown_asks_a_human():
    b = clean_case()
    b.get("inquiry").party_signed = False        # the extractor saw the place blank
    assert len(firm(_scanned(b.build()), "evidence.record_unsigned_by_party")) == 1
    b = clean_case()
    b.get("inquiry").party_signed = None         # nothing read, ink or not
    facts = _scanned(b.build())
    assert firm(facts, "evidence.record_unsigned_by_party") == []
    assert len(human(facts, "evidence.record_unsigned_by_party")) == 1


def _receipt_without_method(blank):
    b = clean_case()
    r = [d for d in b.docs if d.type == "service_receipt"][-1]
    r.service.method = None
    r.service.blank = ["method"] if blank else []
    return _scanned(b.build())


def test_receipt_method_seen_blank_on_a_scan_is_firm():
    found = firm(_receipt_without_method(True), "procedure.service_receipt_incomplete")
    assert len(found) == 1 and "送达方式" in found[0].message


def test_receipt_method_not_read_on_a_scan_asks_a_human():
    facts = _receipt_without_method(False)
    assert firm(facts, "procedure.service_receipt_incomplete") == []
    assert len(human(facts, "procedure.service_receipt_incomplete")) == 1
