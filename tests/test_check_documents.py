from facts_builder import clean_case, firm, human, one_firm, only_needs_human, standard

from dossier_review.model import AmountPair, Evidence
from dossier_review.score import score


def test_decision_elements_missing_three_each():
    b = clean_case()
    b.get("decision").elements.update(evidence=False, performance=False)
    facts = b.build()
    found = firm(facts, "documents.decision_elements_missing")
    assert len(found) == 2 and all(f.points == 3 for f in found)
    assert {"证据", "行政处罚的履行方式和期限"} <= {f.message.split("：")[-1] for f in found}
    review = score(facts, found, standard())
    assert review.score == 94


def test_elements_not_examined_are_not_missing():
    b = clean_case()
    b.get("decision").elements = {}
    assert firm(b.build(), "documents.decision_elements_missing") == []


def test_payment_terms_missing():
    b = clean_case()
    b.get("decision").payment_terms["late_fee"] = False
    f = one_firm(b, "documents.payment_terms_missing")
    assert "百分之三" in f.message


def test_payment_terms_not_required_without_a_fine():
    b = clean_case()
    b.fine_yuan = None
    d = b.get("decision")
    d.amounts, d.penalties = [], ["警告"]
    d.payment_terms = {"within_15_days": False, "channel": False, "late_fee": False}
    assert firm(b.build(), "documents.payment_terms_missing") == []


def test_document_number_missing_or_wrong_brackets():
    b = clean_case()
    b.get("prior_notice").doc_number = None
    assert len(firm(b.build(), "documents.document_number_invalid")) == 1
    for number in ("榕鼓市监罚(2024)12号", "榕鼓市监罚[2024]12号", "榕鼓市监罚【2024】12号"):
        b = clean_case()
        b.get("decision").doc_number = number
        found = firm(b.build(), "documents.document_number_invalid")
        assert len(found) == 1 and "六角括号" in found[0].message, number


def test_brackets_on_a_scan_need_human_and_correct_number_passes():
    b = clean_case()
    d = b.get("decision")
    d.doc_number, d.ocr_confidence = "榕鼓市监罚(2024)12号", 0.85
    assert len(only_needs_human(b, "documents.document_number_invalid")) == 1
    assert firm(clean_case().build(), "documents.document_number_invalid") == []


def test_date_missing():
    b = clean_case()
    b.get("prior_notice").date = None
    assert len(firm(b.build(), "documents.date_missing")) == 1


def test_record_dated_by_its_start_time_is_not_undated():
    b = clean_case()
    b.get("inquiry").date = None
    assert firm(b.build(), "documents.date_missing") == []


def test_seal_missing_and_unknown():
    b = clean_case()
    b.get("decision").seal = False
    assert len(firm(b.build(), "documents.seal_missing")) == 1
    b = clean_case()
    b.get("decision").seal = None
    facts = b.build()
    assert firm(facts, "documents.seal_missing") == [] and len(human(facts, "documents.seal_missing")) == 1


def test_template_residue():
    b = clean_case()
    b.get("decision").template_residue = [Evidence(12, "你(单位)的上述行为"), Evidence(13, "地址：________")]
    f = one_firm(b, "documents.template_residue")
    assert "2处" in f.message and f.evidence[0].page == 12


def test_blank_lines_in_evidence_copies_are_not_template_residue():
    b = clean_case()
    b.get("evidence").template_residue = [Evidence(6, "____")]
    assert firm(b.build(), "documents.template_residue") == []


def test_amount_mismatch_words_vs_figures():
    b = clean_case()
    b.get("decision").amount_pairs = [AmountPair(15000, 1500, 12, "罚款人民币壹万伍仟元整（¥1,500.00）")]
    f = one_firm(b, "documents.amount_mismatch")
    assert "15,000元" in f.message and "1,500元" in f.message
    b.get("decision").amount_pairs = [AmountPair(15000, 15000, 12, "罚款人民币壹万伍仟元整（¥15,000.00）")]
    assert firm(b.build(), "documents.amount_mismatch") == []


def test_typo_firm_on_text_layer_needs_human_on_scan():
    b = clean_case()
    b.get("prior_notice").typos = [Evidence(9, "陈述和申辨")]
    f = one_firm(b, "documents.typo")
    assert f.points == 0.5
    b.get("prior_notice").ocr_confidence = 0.8
    facts = b.build()
    assert firm(facts, "documents.typo") == [] and len(human(facts, "documents.typo")) == 1


def test_amount_mismatch_partly_unreadable_words_is_only_a_lead():
    b = clean_case()
    b.get("decision").amount_pairs = [AmountPair(100500, 112800, 12, "人民币壹拾万过什伍佰蒜抬元整（Y112,800.00）",
                                                 words_partial=True)]
    lead = only_needs_human(b, "documents.amount_mismatch")
    assert len(lead) == 1 and "人工核实" in lead[0].message


def test_a_doc_number_line_ocr_could_not_read_asks_a_human():
    b = clean_case()
    d = b.get("prior_notice")
    d.doc_number, d.ocr_confidence = None, 0.88
    d.evidence["doc_number_illegible"] = [Evidence(d.first_page, "[2025)j第386与")]
    found = only_needs_human(b, "documents.document_number_invalid")
    assert len(found) == 1 and "未能识别" in found[0].message and found[0].evidence[0].quote == "[2025)j第386与"
