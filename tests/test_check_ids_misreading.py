"""Identifiers: a failed check character a confusable swap explains is a misreading (a human
looks), a masked number is masked (not invalid), an individual's ID is never a credit code."""
from facts_builder import CREDIT_CODE, clean_case, firm, human

from dossier_review.check.confusables import alternatives, misreading_fix
from dossier_review.lib.ids import id_kind, is_masked, same_number
from dossier_review.model import Evidence, LineReading

READ_O = CREDIT_CODE[:9] + "O" + CREDIT_CODE[10:]     # 91350100M O 00100Y43: the 0 read as O
ID_OK = "11010519491231002X"


def _with_id(value, scanned=True, box=None):
    b = clean_case()
    for t in ("filing", "prior_notice", "decision"):
        doc = b.get(t)
        doc.party.id_number = value
        doc.party.evidence = [Evidence(doc.first_page, f"统一社会信用代码：{value}", conf=0.99, box=box)]
        doc.ocr_confidence = 0.97
        if t != "decision":
            doc.party.id_number = None
    b.party.id_number = value
    facts = b.build()
    if scanned:
        for p in facts.pages:
            p.source = "ocr"
    return facts


def test_the_learned_table_knows_letter_o_and_zero():
    assert "0" in alternatives("O") and "O" in alternatives("0")


def test_a_code_valid_after_one_confusable_swap_is_a_misreading_on_a_scan():
    assert misreading_fix(READ_O, "credit_code") == (9, "O", "0")
    facts = _with_id(READ_O)
    assert firm(facts, "subject.party_id_invalid") == []
    found = human(facts, "subject.party_id_invalid")
    assert len(found) == 1 and "形近" in found[0].message


def test_the_same_code_in_a_text_layer_is_the_agencys_error():
    facts = _with_id(READ_O, scanned=False)
    assert len(firm(facts, "subject.party_id_invalid")) == 1


def test_a_second_reading_of_a_valid_code_settles_it():
    box = [0.1, 0.2, 0.7, 0.23]
    facts = _with_id(READ_O, box=box)
    page = next(d for d in facts.documents if d.type == "decision").party.evidence[0].page
    facts.second_readings = [LineReading(page=page, box=box, text=f"统一社会信用代码：{CREDIT_CODE}")]
    assert [f for f in firm(facts) + human(facts) if f.code == "subject.party_id_invalid"] == []


def test_masked_numbers_are_masked_not_invalid():
    for v in ("3701**********9347", "370102XXXXXXXX0034", "91350100MA2X****43"):
        assert is_masked(v) and id_kind(v) is None
    assert not is_masked(ID_OK)                     # the near miss: one X is a check digit
    facts = _with_id("3701**********9347", scanned=False)
    assert firm(facts, "subject.party_id_invalid") == [] and human(facts, "subject.party_id_invalid") == []


def test_a_masked_copy_is_the_same_number():
    assert same_number("3701**********9347", "370102198001019347")
    assert not same_number("3701**********9347", "370102198001019348")


def test_an_individuals_id_is_never_a_credit_code():
    bad_birth = "110105194913310021"   # 13th month: a misread birth date, all digits
    assert id_kind(bad_birth, None, individual=True) == "id_card"
    assert id_kind(bad_birth) == "credit_code"      # the near miss: nothing says it is a person's


def test_only_a_forbidden_character_is_taken_for_a_misreading():
    # a code whose check character is wrong, every character allowed: a swap elsewhere may pass
    # the check by chance, which says nothing; the check character's error stands
    wrong = CREDIT_CODE[:17] + "4"
    assert misreading_fix(wrong, "credit_code") is None
    facts = _with_id(wrong)
    assert len(firm(facts, "subject.party_id_invalid")) == 1
