"""Checks that misfired on an unseen template family: id kind by form, licence evidence by meaning."""
import pytest
from facts_builder import clean_case, firm, one_firm, party

from dossier_review.lib.ids import id_kind


@pytest.mark.parametrize("value,declared,kind", [
    ("913201067997064411", "id_card", "credit_code"),   # all digits, no birth date: a credit code
    ("913201067997064411", None, "credit_code"),
    ("110105194912310021", None, "id_card"),
    ("110105194912310021", "id_card", "id_card"),
    ("91350100M000100Y44", "id_card", "credit_code"),   # letters: never an ID number
    ("350102100012345", None, None),                   # old 15-digit number: no check digit
])
def test_id_kind_by_form(value, declared, kind):
    assert id_kind(value, declared) == kind


def test_all_digit_credit_code_read_as_id_is_checked_as_credit_code():
    b = clean_case()
    b.get("decision").party = party(id_number="913201067997064411", id_kind="id_card")  # valid credit code
    assert firm(b.build(), "subject.party_id_invalid") == []


def test_all_digit_credit_code_with_a_wrong_check_digit_is_still_found():
    # near miss: the same form with a wrong check character is reported, as a credit code
    b = clean_case()
    b.get("decision").party = party(id_number="913201067997064410", id_kind="id_card")
    f = one_firm(b, "subject.party_id_invalid")
    assert "统一社会信用代码" in f.message and "应为“1”" in f.message


@pytest.mark.parametrize("listed,title", [
    ("营业执照复印件", "当事人主体资格证明材料"),
    ("营业执照", "证照复印件"),
    ("当事人主体资格证明", "营业执照（副本）复印件"),
    ("营业执照复印件", "企业法人营业执照"),
])
def test_licence_evidence_matched_by_meaning(listed, title):
    b = clean_case().remove("evidence")
    b.get("decision").listed_evidence = ["询问笔录", listed]
    b.add("evidence", title)
    assert firm(b.build(), "evidence.listed_evidence_missing") == []


def test_licence_listed_but_absent_is_found():
    # near miss: only photos and records on file
    b = clean_case().remove("evidence")
    b.get("decision").listed_evidence = ["询问笔录", "营业执照复印件"]
    b.add("evidence", "现场照片")
    f = one_firm(b, "evidence.listed_evidence_missing")
    assert "营业执照" in f.message


@pytest.mark.parametrize("listed,title", [("进货单据", "进货票据复印件"), ("购销台账", "进销货台账"), ("销售发票", "增值税发票")])
def test_business_books_listed(listed, title):
    b = clean_case()
    b.get("decision").listed_evidence = ["询问笔录", listed]
    assert len(firm(b.build(), "evidence.listed_evidence_missing")) == 1
    b.add("evidence", title)
    assert firm(b.build(), "evidence.listed_evidence_missing") == []


def test_books_filed_as_documentary_evidence():
    b = clean_case()
    b.get("decision").listed_evidence = ["进货单据"]
    b.add("evidence", "书证（销售记录）")
    assert firm(b.build(), "evidence.listed_evidence_missing") == []
