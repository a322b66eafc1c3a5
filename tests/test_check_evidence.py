from facts_builder import clean_case, firm, human, one_firm, only_needs_human

from dossier_review.model import Amount


def test_no_investigation_record_is_a_veto():
    b = clean_case().remove("inspection", "inquiry")
    found = firm(b.build(), "evidence.no_investigation_record")
    assert len(found) == 1 and found[0].veto
    # an absence quotes nothing (a quote is the file's own text) and says 全卷未见
    assert found[0].evidence[0].quote == "" and found[0].evidence[0].page == 0
    assert "全卷未见" in found[0].message and found[0].message.count("全卷未见") == 1


def test_one_kind_of_record_is_enough():
    assert firm(clean_case().remove("inquiry").build(), "evidence.no_investigation_record") == []


def test_no_record_but_unreadable_pages_needs_human():
    b = clean_case().remove("inspection", "inquiry")
    b.low_confidence_pages = [7]
    assert len(only_needs_human(b, "evidence.no_investigation_record")) == 1


def test_record_unsigned_by_party():
    b = clean_case()
    b.get("inquiry").party_signed = False
    f = one_firm(b, "evidence.record_unsigned_by_party")
    assert "询问笔录" in f.message


def test_noted_refusal_counts_as_signed():
    b = clean_case()
    b.get("inquiry").party_signed, b.get("inquiry").party_refused = False, True
    assert findings_of(b, "evidence.record_unsigned_by_party") == []


def findings_of(b, code):
    facts = b.build()
    return firm(facts, code) + human(facts, code)


def test_illegible_party_signature_needs_human():
    b = clean_case()
    b.get("inspection").party_signed = None
    assert len(only_needs_human(b, "evidence.record_unsigned_by_party")) == 1


def test_record_unsigned_by_officer():
    b = clean_case()
    b.get("inspection").officer_signed = False
    assert len(firm(b.build(), "evidence.record_unsigned_by_officer")) == 1
    assert firm(clean_case().build(), "evidence.record_unsigned_by_officer") == []


def test_record_time_without_minutes_or_end():
    b = clean_case()
    b.get("inquiry").start_time = "2024-03-13"
    b.get("inquiry").end_time = None
    f = one_firm(b, "evidence.record_time_incomplete")
    assert "未精确到分钟" in f.message and "结束时间" in f.message


def test_record_time_to_the_minute_passes():
    b = clean_case()
    b.get("inquiry").start_time, b.get("inquiry").end_time = "2024-03-13 9:05", "2024-03-13 10:15"
    # inspection records are not held to this rule
    b.get("inspection").end_time = None
    assert firm(b.build(), "evidence.record_time_incomplete") == []


def test_party_identity_proof_missing():
    found = firm(clean_case().remove("evidence").build(), "evidence.party_identity_proof_missing")
    assert len(found) == 1


def test_identity_card_copy_counts_and_untitled_evidence_needs_human():
    b = clean_case()
    b.get("evidence").title = "居民身份证复印件"
    assert firm(b.build(), "evidence.party_identity_proof_missing") == []
    b = clean_case()
    b.get("evidence").title = ""
    assert len(only_needs_human(b, "evidence.party_identity_proof_missing")) == 1


def test_listed_evidence_missing():
    b = clean_case()
    b.get("decision").listed_evidence = ["现场检查笔录", "检验报告（编号2024-031）"]
    f = one_firm(b, "evidence.listed_evidence_missing")
    assert "检验报告" in f.message


def test_listed_evidence_present_or_unmapped_is_not_flagged():
    b = clean_case()
    b.get("decision").listed_evidence = ["询问笔录", "检验报告", "其他材料"]
    b.add("evidence", "食品检验报告")
    assert firm(b.build(), "evidence.listed_evidence_missing") == []


def test_facts_inconsistent_illegal_gains():
    b = clean_case()
    b.get("decision").amounts = [Amount("fine", 5000, 0, "罚款5000元"), Amount("illegal_gains", 2100, 0, "违法所得2100元")]
    found = firm(b.build(), "evidence.facts_inconsistent")
    assert found and "违法所得" in found[0].message and "2,100元" in found[0].message


def test_same_amount_and_reduced_fine_are_not_inconsistent_facts():
    b = clean_case()
    # a fine reduced after the notice is not a difference of facts
    b.get("decision").amounts = [Amount("fine", 3000, 0, "罚款3000元"), Amount("illegal_gains", 1200.0, 0, "违法所得壹仟贰佰元", form="words")]
    assert firm(b.build(), "evidence.facts_inconsistent") == []


def test_photos_listed_but_not_filed_separately_need_human():
    b = clean_case()
    b.get("decision").listed_evidence = ["询问笔录", "现场照片"]
    assert len(only_needs_human(b, "evidence.listed_evidence_missing")) == 1
