from facts_builder import clean_case, firm, human, officers, one_firm, only_needs_human, party

from dossier_review.model import Officer


def test_authority_missing_found_and_near_miss():
    b = clean_case()
    b.get("decision").authority = None
    b.get("decision").elements["authority"] = False
    found = firm(b.build(), "subject.authority_missing")
    assert len(found) == 1 and found[0].points == 3 and "落款机关" in found[0].message
    assert found[0].evidence and found[0].evidence[0].page > 0
    assert firm(clean_case().build(), "subject.authority_missing") == []


def test_authority_missing_on_unreadable_page_needs_human():
    b = clean_case()
    d = b.get("decision")
    d.authority, d.ocr_confidence = None, 0.4
    del d.elements["authority"]
    h = only_needs_human(b, "subject.authority_missing")
    assert len(h) == 1 and h[0].points == 0 and "如属实：扣3分" in h[0].message


def test_authority_inconsistent():
    b = clean_case()
    b.get("filing").authority = "福州市台江区市场监督管理局"
    f = one_firm(b, "subject.authority_inconsistent")
    assert "台江区" in f.message and "鼓楼区" in f.message


def test_authority_same_name_written_differently_is_not_inconsistent():
    b = clean_case()
    b.get("decision").authority = "福州市鼓楼区市场监督管理局（印）"
    b.get("prior_notice").authority = "福州市鼓楼区 市场监督管理局"
    assert [f.code for f in firm(b.build())] == []


def test_authority_internal_unit_is_only_needs_human():
    b = clean_case()
    b.get("filing").authority = "福州市鼓楼区市场监督管理局执法稽查科"
    assert len(only_needs_human(b, "subject.authority_inconsistent")) == 1


def test_one_officer_is_a_veto():
    b = clean_case()
    b.get("inquiry").officers = officers(1)
    f = one_firm(b, "subject.officers_fewer_than_two")
    assert f.veto and "张三" in f.message


def test_same_officer_twice_counts_once_but_three_officers_pass():
    b = clean_case()
    b.get("inquiry").officers = [Officer("张三", "35010001"), Officer("张 三", "35010001")]
    assert len(firm(b.build(), "subject.officers_fewer_than_two")) == 1
    b = clean_case()
    b.get("inspection").officers = officers(3)
    assert firm(b.build(), "subject.officers_fewer_than_two") == []


def test_no_officer_names_read_needs_human_not_veto():
    b = clean_case()
    b.get("inspection").officers = []
    h = only_needs_human(b, "subject.officers_fewer_than_two")
    assert len(h) == 1 and not h[0].veto and "一票否决" in h[0].message


def test_officer_certificate_missing():
    b = clean_case()
    b.get("inquiry").officers = officers(2, certs=False)
    f = one_firm(b, "subject.officer_certificate_missing")
    assert "张三、李四" in f.message
    b = clean_case()
    b.get("inspection").certificate_shown = False
    f = one_firm(b, "subject.officer_certificate_missing")
    assert "出示执法证件" in f.message


def test_record_silent_on_showing_certificates_is_found_even_with_numbers():
    # DEFECTS.md: "... or no record that certificates were shown"; numbers in the header do not
    # record that the party saw the certificates (第五十五条)
    b = clean_case()
    b.get("inquiry").certificate_shown = None
    f = one_firm(b, "subject.officer_certificate_missing")
    assert "出示执法证件" in f.message


def test_decision_silent_on_showing_certificates_is_fine():
    # only the records of the investigation must record the showing; a general-procedure
    # decision need not
    b = clean_case()
    b.get("decision").certificate_shown = None
    b.get("decision").officers = b.get("inquiry").officers
    assert firm(b.build(), "subject.officer_certificate_missing") == []


def _one_party_finding(doc_type: str, code: str, **party_fields) -> str:
    """The message of the one firm ``code`` finding when ``doc_type`` names the party so."""
    b = clean_case()
    b.get(doc_type).party = party(**party_fields)
    found = firm(b.build(), code)
    assert len(found) == 1
    return found[0].message


def test_party_incomplete_organisation_without_representative():
    msg = _one_party_finding("decision", "subject.party_incomplete", representative=None, address="")
    assert "法定代表人" in msg and "地址" in msg


def test_individual_needs_no_representative():
    b = clean_case()
    b.get("decision").party = party(kind="individual", name="陈某", representative=None,
                                    id_number="11010519491231002X", id_kind="id_card")
    assert firm(b.build(), "subject.party_incomplete") == []


def test_party_inconsistent_name():
    msg = _one_party_finding("filing", "subject.party_inconsistent", name="福州市某某餐饮公司")
    assert "福州市某某餐饮公司" in msg


def test_party_name_bracket_width_and_spaces_are_the_same_name():
    b = clean_case()
    b.get("filing").party = party(name="福州市某某餐饮有限公司（鼓楼店）")
    b.get("decision").party = party(name="福州市某某餐饮有限公司 (鼓楼店)")
    for d in b.docs:
        if d.party and d.type not in ("filing", "decision"):
            d.party = party(name="福州市某某餐饮有限公司(鼓楼店)")
    assert firm(b.build(), "subject.party_inconsistent") == []


def _party_id_read_by_ocr_needs_human(doc_type: str, id_number: str, ocr_confidence: float, code: str):
    """The party's ID on one document read by OCR as ``id_number``: ``code`` only asks a human."""
    b = clean_case()
    d = b.get(doc_type)
    d.party = party(id_number=id_number)
    d.ocr_confidence = ocr_confidence
    facts = b.build()
    assert firm(facts, code) == []
    assert len(human(facts, code)) == 1


def test_party_id_variant_on_unreadable_page_needs_human():
    _party_id_read_by_ocr_needs_human("filing", "91350100M000100Y48", 0.5, "subject.party_inconsistent")


def test_party_id_invalid_credit_code_on_text_layer():
    msg = _one_party_finding("decision", "subject.party_id_invalid", id_number="91350100M000100Y44")
    assert "应为“3”" in msg


def test_party_id_invalid_identity_card():
    msg = _one_party_finding("decision", "subject.party_id_invalid",
                             kind="individual", id_number="110105194912310021", id_kind="id_card")
    assert "公民身份号码" in msg and "应为“X”" in msg


def test_valid_ids_and_old_15_digit_numbers_pass():
    b = clean_case()
    b.get("decision").party = party(kind="individual", id_number="11010519491231002X", id_kind="id_card")
    b.get("filing").party = party(id_number="350102100012345")  # old 15-digit registration number
    assert firm(b.build(), "subject.party_id_invalid") == []


def test_invalid_id_read_once_by_ocr_needs_human():
    _party_id_read_by_ocr_needs_human("decision", "91350100M000100Y44", 0.8, "subject.party_id_invalid")


def test_person_questioned_in_a_record_is_not_compared_with_the_party():
    b = clean_case()
    b.get("inquiry").party = party(name="王某", kind="individual", id_number="11010519491231002X")
    assert firm(b.build(), "subject.party_inconsistent") == []
