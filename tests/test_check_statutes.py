"""The checks that read the statute database, on one-document decisions (a published decision
handed in alone): each defect found by its code, and a correct control decision found by none."""
from __future__ import annotations

import datetime as dt

import pytest
from facts_builder import findings, firm, human

from dossier_review.law import SHIPPED
from dossier_review.model import Amount, Citation, DocFacts, Evidence, Facts

pytestmark = pytest.mark.skipif(not SHIPPED.exists(), reason="statute database not built")

AIR = "中华人民共和国大气污染防治法"
CODES = ("legal_basis.citation_not_found", "legal_basis.penalty_out_of_range",
         "legal_basis.discretion_unexplained", "subject.beyond_competence")


def decision(fine=200000.0, article=99, item=2, law=AIR, authority="某市生态环境局",
             reasons=True, mitigation=False, penalties=("罚款",), doc_type="decision") -> Facts:
    sentence = f"依据《{law}》第九十九条第（二）项的规定，决定处以罚款"
    doc = DocFacts(index=0, type=doc_type, title="行政处罚决定书", first_page=1, last_page=2,
                   date=dt.date(2024, 5, 10), authority=authority,
                   citations=[Citation(law, 18, role="violated", page=1, quote=f"《{law}》第十八条",
                                       sentence=f"违反了《{law}》第十八条"),
                              Citation(law, article, item=item, role="penalty_basis", page=1,
                                       quote=f"《{law}》第{article}条第（{item}）项", sentence=sentence)],
                   amounts=[Amount("fine", fine, 1, f"罚款人民币{fine:g}元")],
                   penalties=list(penalties))
    if reasons:
        doc.evidence["discretion"] = [Evidence(1, "鉴于当事人超标倍数较低、持续时间较短，依据本局裁量基准第三档")]
    if mitigation:
        doc.evidence["mitigation"] = [Evidence(1, "当事人主动消除违法行为危害后果，依法减轻处罚")]
    return Facts(dossier="one", page_count=2, procedure="general", documents=[doc])


def codes(facts, std="statutes"):
    return {f.code for f in findings(facts, std=std) if f.code in CODES}


def test_control_decision_finds_nothing():
    assert codes(decision()) == set()


def test_fine_below_range_without_ground():
    found = firm(decision(fine=50000), "legal_basis.penalty_out_of_range", std="statutes")
    assert len(found) == 1
    assert "低于所引罚则的下限100,000元" in found[0].message
    assert "大气污染防治法》第九十九条" in found[0].message and "排放标准" in found[0].message  # the text shown
    assert found[0].veto


def test_fine_below_range_with_mitigating_ground_is_not_reported():
    assert not findings(decision(fine=50000, mitigation=True), "legal_basis.penalty_out_of_range", std="statutes")


def test_fine_above_range():
    found = firm(decision(fine=1500000), "legal_basis.penalty_out_of_range", std="statutes")
    assert found and "超过所引罚则的上限1,000,000元" in found[0].message


def test_penalty_kind_not_in_provision():
    found = firm(decision(penalties=("罚款", "吊销许可证件")), "legal_basis.penalty_out_of_range", std="statutes")
    assert found and "吊销许可证件" in found[0].message


def test_article_the_law_does_not_have():
    found = firm(decision(article=139), "legal_basis.citation_not_found", std="statutes")
    assert found and "无第139条（共129条）" in found[0].message


def test_item_the_article_does_not_have_and_near_miss():
    assert firm(decision(item=4), "legal_basis.citation_not_found", std="statutes")
    assert not findings(decision(item=3), "legal_basis.citation_not_found", std="statutes")


def test_missing_law_asks_a_human_naming_it():
    found = human(decision(law="某某省大气污染防治条例"), "legal_basis.citation_not_found", std="statutes")
    assert found and "某某省大气污染防治条例" in found[0].message
    assert not [f for f in firm(decision(law="某某省大气污染防治条例"), std="statutes") if f.code in CODES]


def test_agency_enforcing_another_departments_law():
    found = firm(decision(authority="某市某区市场监督管理局"), "subject.beyond_competence", std="statutes")
    assert found and "生态环境主管部门" in found[0].message and found[0].veto


def test_comprehensive_enforcement_agency_is_not_beyond_competence():
    assert not findings(decision(authority="某市某区综合行政执法局"), "subject.beyond_competence", std="statutes")


def test_range_without_reasons():
    found = firm(decision(reasons=False), "legal_basis.discretion_unexplained", std="statutes")
    assert found and "裁量" in found[0].message


def test_reasons_in_another_document_of_the_file_count():
    facts = decision(reasons=False)
    facts.documents.append(DocFacts(index=1, type="legal_review", title="法制审核意见书", first_page=3, last_page=3,
                                    evidence={"discretion": [Evidence(3, "违法情节较轻")]}))
    assert not findings(facts, "legal_basis.discretion_unexplained", std="statutes")


def test_default_standard_binds_none_of_them():
    assert codes(decision(fine=50000, article=139), std="default") == set()


def test_major_decision_not_filed_in_inspection_year_standard():
    std = "inspection_year"
    found = firm(decision(), "procedure.major_decision_not_filed", std=std)
    assert found and "备案" in found[0].message
    filed = decision()
    filed.documents.append(DocFacts(index=1, type="major_filing", title="重大行政处罚备案报告", first_page=3,
                                    last_page=3, date=dt.date(2024, 6, 1)))
    assert not findings(filed, "procedure.major_decision_not_filed", std=std)
    late = decision()
    late.documents.append(DocFacts(index=1, type="major_filing", title="重大行政处罚备案报告", first_page=3,
                                   last_page=3, date=dt.date(2024, 9, 1)))
    assert firm(late, "procedure.major_decision_not_filed", std=std)
    small = decision(fine=150000)
    small.documents[0].amounts = [Amount("fine", 5000, 1, "罚款5000元")]
    assert not findings(small, "procedure.major_decision_not_filed", std=std)


def _one(law, article, item=None, day=dt.date(2024, 5, 10), bracketed=True, role="penalty_basis"):
    doc = DocFacts(index=0, type="decision", title="行政处罚决定书", first_page=1, last_page=1, date=day,
                   citations=[Citation(law, article, item=item, role=role, page=1, bracketed=bracketed,
                                       quote=f"《{law}》第{article}条", sentence=f"依据《{law}》第{article}条的规定，决定")])
    return Facts(dossier="one", page_count=1, procedure="general", documents=[doc])


def test_imprecise_judged_from_the_articles_structure():
    facts = _one(AIR, 99)
    found = firm(facts, "legal_basis.citation_imprecise", std="statutes")
    assert found and "分项规定" in found[0].message
    assert not findings(facts, "legal_basis.citation_imprecise", std="default")   # the list holds only 食品安全法
    assert not findings(_one(AIR, 99, item=2), "legal_basis.citation_imprecise", std="statutes")


def test_law_name_judged_from_the_formal_name():
    found = firm(_one("道路运输条例", 63), "legal_basis.law_name_nonstandard", std="statutes")
    assert found and "中华人民共和国道路运输条例" in found[0].message
    assert not findings(_one("中华人民共和国道路运输条例", 63), "legal_basis.law_name_nonstandard", std="statutes")


def test_superseded_numbering_is_outdated_not_missing():
    # 会计法: the 2017 text has 52 articles, the 2024 amendment 51
    facts = _one("中华人民共和国会计法", 52, day=dt.date(2026, 3, 1))
    found = firm(facts, "legal_basis.citation_outdated", std="statutes")
    assert found and "2017-11-04版" in found[0].message
    assert not findings(facts, "legal_basis.citation_not_found", std="statutes")
    assert not findings(_one("中华人民共和国会计法", 52, day=dt.date(2023, 3, 1)),
                        "legal_basis.citation_outdated", std="statutes")


def test_a_short_name_resolves_through_the_full_name_cited_in_the_file():
    facts = _one("上网服务场所条例", 300)
    facts.documents[0].citations.append(Citation("互联网上网服务营业场所管理条例", 31, role="violated", page=1))
    found = firm(facts, "legal_basis.citation_not_found", std="statutes")
    assert found and "互联网上网服务营业场所管理条例" in found[0].message


def test_confiscating_illegal_gains_is_allowed_under_any_provision():
    # 行政处罚法 第二十八条第二款: 违法所得 is confiscated whatever the cited provision lists
    assert not findings(decision(penalties=("罚款", "没收违法所得")), "legal_basis.penalty_out_of_range", std="statutes")
