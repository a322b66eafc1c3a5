"""Amounts: words ≠ figures, or notice < decision, that one misreading explains (¥ read as a
digit, one dropped digit, one look-alike) go to a human on a scan; on a text layer they stand."""
from facts_builder import clean_case, firm, human

from dossier_review.check.confusables import amount_misreading
from dossier_review.model import Amount, AmountPair, LineReading

BOX = [0.1, 0.4, 0.7, 0.43]


def _pair_case(words, figures, scanned=True):
    b = clean_case()
    d = b.get("decision")
    d.amount_pairs = [AmountPair(words, figures, 0, f"罚款人民币伍佰元整（¥{figures:.2f}）", conf=0.99, box=list(BOX))]
    facts = b.build()
    decision = next(x for x in facts.documents if x.type == "decision")
    decision.amount_pairs[0].page = decision.first_page
    if scanned:
        for p in facts.pages:
            p.source = "ocr"
    return facts


def test_explanations():
    assert amount_misreading(8500, 500)          # ¥500 read as 8500
    assert amount_misreading(500, 4500)          # 4500 with its 4 dropped
    assert amount_misreading(4000, 5000) is None  # a real difference: no one misreading
    assert amount_misreading(50000, 30000) is None


def test_words_and_figures_a_misread_sign_explains_ask_a_human_on_a_scan():
    facts = _pair_case(500, 8500)
    assert firm(facts, "documents.amount_mismatch") == []
    assert len(human(facts, "documents.amount_mismatch")) == 1
    assert len(firm(_pair_case(500, 8500, scanned=False), "documents.amount_mismatch")) == 1


def test_a_real_mismatch_on_a_scan_stays_firm():
    assert len(firm(_pair_case(4000, 5000), "documents.amount_mismatch")) == 1


def test_a_second_reading_of_agreeing_figures_drops_it():
    facts = _pair_case(500, 8500)
    page = next(d for d in facts.documents if d.type == "decision").amount_pairs[0].page
    facts.second_readings = [LineReading(page=page, box=list(BOX), text="罚款人民币伍佰元整（¥500.00）")]
    assert [f for f in firm(facts) + human(facts) if f.code == "documents.amount_mismatch"] == []


def test_penalty_increased_by_one_dropped_digit_asks_a_human_on_a_scan():
    b = clean_case(fine=4500)
    b.get("prior_notice").amounts = [Amount("fine", 500, 0, "拟处罚款500元")]
    facts = b.build()
    for d in facts.documents:
        for a in d.amounts:
            a.page = d.first_page
    assert len(firm(facts, "procedure.penalty_increased")) == 1      # text layer: it stands
    for p in facts.pages:
        p.source = "ocr"
    assert firm(facts, "procedure.penalty_increased") == []
    assert len(human(facts, "procedure.penalty_increased")) == 1
    b = clean_case(fine=6000)                                          # the near miss: 5000 → 6000
    b.get("prior_notice").amounts = [Amount("fine", 5000, 0, "拟处罚款5000元")]
    facts = b.build()
    for d in facts.documents:
        for a in d.amounts:
            a.page = d.first_page
    for p in facts.pages:
        p.source = "ocr"
    assert len(firm(facts, "procedure.penalty_increased")) == 1


def test_a_mismatch_the_second_reading_shows_too_is_firm():
    facts = _pair_case(101520, 112800)
    pair = next(d for d in facts.documents if d.type == "decision").amount_pairs[0]
    pair.words_partial = True                      # Tesseract garbled the words
    facts.second_readings = [LineReading(page=pair.page, box=list(BOX),
                                         text="罚款人民币壹拾万壹仟伍佰贰拾元整（¥112,800.00）")]
    found = firm(facts, "documents.amount_mismatch")
    assert len(found) == 1 and "101,520" in found[0].message
    # the near miss: read again the words agree with the figures: no finding
    facts.second_readings[0].text = "罚款人民币壹拾壹万贰仟捌佰元整（¥112,800.00）"
    assert [f for f in firm(facts) + human(facts) if f.code == "documents.amount_mismatch"] == []
