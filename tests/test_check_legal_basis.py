import datetime as dt

from facts_builder import (
    FOOD_LAW,
    citations,
    clean_case,
    firm,
    one_firm,
    only_needs_human,
    simplified_case,
)

from dossier_review.model import Citation

D = dt.date


def _only(role, doc):
    doc.citations = [c for c in doc.citations if c.role == role]


def test_no_violation_basis():
    b = clean_case()
    _only("penalty_basis", b.get("decision"))
    f = one_firm(b, "legal_basis.no_violation_basis")
    assert f.points == 5


def test_unclassified_citation_makes_violation_basis_needs_human():
    b = clean_case()
    d = b.get("decision")
    d.citations = [Citation(FOOD_LAW, 34, role="other", quote="《中华人民共和国食品安全法》第三十四条"),
                   *[c for c in d.citations if c.role == "penalty_basis"]]
    assert len(only_needs_human(b, "legal_basis.no_violation_basis")) == 1


def test_no_penalty_basis_is_a_veto_also_in_simplified_files():
    b = clean_case()
    _only("violated", b.get("decision"))
    f = one_firm(b, "legal_basis.no_penalty_basis")
    assert f.veto
    s = simplified_case()
    _only("violated", s.get("decision"))
    assert len(firm(s.build(), "legal_basis.no_penalty_basis")) == 1
    assert firm(clean_case().build(), "legal_basis.no_penalty_basis") == []


def test_citation_imprecise_article_missing_or_item_missing():
    b = clean_case()
    b.get("decision").citations = citations(basis=(124, None, None))
    f = one_firm(b, "legal_basis.citation_imprecise")
    assert "第几项" in f.message
    b = clean_case()
    b.get("prior_notice").citations = citations(violated=(None, None, None))
    assert "未写明条文" in firm(b.build(), "legal_basis.citation_imprecise")[0].message


def test_article_without_items_needs_no_item():
    b = clean_case()
    b.get("decision").citations = citations(violated=(35, 1, None), basis=(124, 1, 3))
    assert firm(b.build(), "legal_basis.citation_imprecise") == []


def test_violated_article_with_items_needs_the_item():
    b = clean_case()
    b.get("decision").citations = citations(violated=(34, None, None))
    f = one_firm(b, "legal_basis.citation_imprecise")
    assert "第三十四条" in f.message


def test_law_name_abbreviated_or_unbracketed():
    b = clean_case()
    b.get("decision").citations = citations(law="食品安全法")
    f = one_firm(b, "legal_basis.law_name_nonstandard")
    assert "中华人民共和国食品安全法" in f.message
    b = clean_case()
    b.get("prior_notice").citations[0].bracketed = False
    assert "书名号" in firm(b.build(), "legal_basis.law_name_nonstandard")[0].message


def test_regulations_and_local_rules_need_no_prefix():
    b = clean_case()
    b.get("decision").citations += [Citation("福建省食品安全条例", 20, role="other"),
                                    Citation("食品经营许可和备案管理办法", 10, role="other"),
                                    Citation("中华人民共和国食品安全法实施条例", 75, role="other")]
    assert firm(b.build(), "legal_basis.law_name_nonstandard") == []


def test_old_hearing_article_after_2021_revision():
    b = clean_case()
    n = b.get("prior_notice")
    n.date = D(2022, 5, 9)
    n.citations.append(Citation("中华人民共和国行政处罚法", 42, role="other",
                                quote="根据《中华人民共和国行政处罚法》第四十二条的规定，你单位有要求举行听证的权利"))
    f = one_firm(b, "legal_basis.citation_outdated")
    assert "第六十三条" in f.message


def test_current_article_42_and_pre_revision_documents_are_fine():
    b = clean_case()
    b.get("prior_notice").citations.append(Citation("中华人民共和国行政处罚法", 42, role="other",
                                                    quote="执法人员不得少于两人"))
    assert firm(b.build(), "legal_basis.citation_outdated") == []
    b = clean_case()
    n = b.get("prior_notice")
    n.date = D(2020, 11, 2)
    n.citations.append(Citation("中华人民共和国行政处罚法", 42, role="other", quote="有要求举行听证的权利"))
    assert firm(b.build(), "legal_basis.citation_outdated") == []


def test_repealed_law():
    b = clean_case()
    b.get("decision").citations = citations(law="中华人民共和国食品卫生法")
    found = firm(b.build(), "legal_basis.citation_outdated")
    assert found and "已于2009-06-01废止" in found[0].message


def test_citation_inconsistent_between_notice_and_decision():
    b = clean_case()
    b.get("prior_notice").citations = citations(basis=(126, 1, 5))
    f = one_firm(b, "legal_basis.citation_inconsistent")
    assert "第一百二十六条" in f.message and "处罚依据" in f.message


def test_same_provision_with_short_law_name_or_more_detail_is_consistent():
    b = clean_case()
    b.get("prior_notice").citations = citations(law="食品安全法", basis=(124, None, None))
    assert firm(b.build(), "legal_basis.citation_inconsistent") == []


def test_simplified_over_limit():
    found = firm(simplified_case(fine=500, kind="individual").build(), "legal_basis.simplified_over_limit")
    assert len(found) == 1 and found[0].veto


def test_simplified_within_limits():
    assert firm(simplified_case(fine=200, kind="individual").build(), "legal_basis.simplified_over_limit") == []
    assert firm(simplified_case(fine=2000, kind="organisation").build(), "legal_basis.simplified_over_limit") == []


def test_simplified_amount_between_caps_with_unknown_party_kind_needs_human():
    b = simplified_case(fine=1000, kind="organisation")
    b.party.kind = None
    b.get("decision").party.kind = None
    assert len(only_needs_human(b, "legal_basis.simplified_over_limit")) == 1


def test_simplified_limit_not_applied_to_general_procedure():
    assert firm(clean_case(fine=5000).build(), "legal_basis.simplified_over_limit") == []


def test_simplified_amount_read_from_unreadable_scan_needs_human():
    b = simplified_case(fine=500, kind="individual")
    b.get("decision").ocr_confidence = 0.4
    assert len(only_needs_human(b, "legal_basis.simplified_over_limit")) == 1


def test_a_discretion_benchmark_cited_by_its_title_is_not_imprecise():
    b = clean_case()
    d = b.get("decision")
    d.citations.append(Citation("福建省市场监督管理行政处罚裁量基准", None, role="penalty_basis",
                                quote="《福建省市场监督管理行政处罚裁量基准》"))
    assert firm(b.build(), "legal_basis.citation_imprecise") == []
    # the near miss: a law cited without its article stays imprecise
    d.citations.append(Citation("中华人民共和国产品质量法", None, role="penalty_basis",
                                quote="《中华人民共和国产品质量法》"))
    assert len(firm(b.build(), "legal_basis.citation_imprecise")) == 1


def test_an_unbalanced_bracket_is_a_nonstandard_name():
    b = clean_case()
    d = b.get("decision")
    d.citations = [Citation(FOOD_LAW, 34, role="violated", bracketed=False, unbalanced=True,
                            quote="违反了《中华人民共和国食品安全法第三十四条"),
                   *[c for c in d.citations if c.role == "penalty_basis"]]
    f = one_firm(b, "legal_basis.law_name_nonstandard")
    assert "不成对" in f.message
