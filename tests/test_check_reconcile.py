"""Checks brought in line with the law's structure while reconciling the samples with their
truth: each case has a wording that is found and a near miss that is not flagged."""
import datetime as dt

from facts_builder import (
    AUTHORITY,
    FOOD_LAW,
    clean_case,
    firm,
    human,
    one_firm,
    only_needs_human,
    simplified_case,
)

from dossier_review.model import Citation, Evidence, Measure

D = dt.date
APL = "中华人民共和国行政处罚法"


# ---------------------------------------------------------------- no_penalty / no_violation basis

def test_procedural_law_alone_is_no_penalty_basis():
    """行政处罚法 第51条 (简易程序) and 第72条 (加处罚款) say how to punish, not what for."""
    b = simplified_case(fine=100)
    d = b.get("decision")
    d.citations = [c for c in d.citations if c.role == "violated"] + [
        Citation(APL, 51, role="other", quote="根据《中华人民共和国行政处罚法》第五十一条的规定，适用简易程序"),
        Citation(APL, 72, role="other", quote="依照《中华人民共和国行政处罚法》第七十二条的规定每日按罚款数额的百分之三加处罚款"),
    ]
    f = one_firm(b, "legal_basis.no_penalty_basis")
    assert "第五十一条" in f.message and f.veto


def test_procedural_law_cited_as_basis_does_not_stand_for_the_penalty_basis():
    b = clean_case()
    d = b.get("decision")
    d.citations = [c for c in d.citations if c.role == "violated"] + [
        Citation("行政处罚法", 28, paragraph=2, role="penalty_basis", quote="依据《行政处罚法》第二十八条第二款，没收违法所得")]
    assert len(firm(b.build(), "legal_basis.no_penalty_basis")) == 1


def test_substantive_basis_beside_procedural_citations_is_not_flagged():
    b = clean_case()
    b.get("decision").citations.append(
        Citation(APL, 72, paragraph=1, item=1, role="other", quote="依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项"))
    facts = b.build()
    assert firm(facts, "legal_basis.no_penalty_basis") == [] == human(facts, "legal_basis.no_penalty_basis")


def test_only_procedural_citations_besides_basis_make_missing_violation_firm():
    b = clean_case()
    d = b.get("decision")
    d.citations = [c for c in d.citations if c.role == "penalty_basis"] + [
        Citation(APL, 72, role="other", quote="《中华人民共和国行政处罚法》第七十二条")]
    facts = b.build()
    assert len(firm(facts, "legal_basis.no_violation_basis")) == 1
    # near miss: an unclassified substantive citation still leaves it to a human
    d.citations.append(Citation(FOOD_LAW, 34, role="other", quote="《中华人民共和国食品安全法》第三十四条"))
    assert len(only_needs_human(b, "legal_basis.no_violation_basis")) == 1


# ---------------------------------------------------------------- citation_outdated by context

def _notice_citation(b, article, sentence):
    n = b.get("prior_notice")
    n.citations.append(Citation(APL, article, role="other", quote=f"《{APL}》第{article}条的规定，",
                                sentence=sentence))


def test_outdated_numbering_read_from_what_the_article_is_cited_for():
    b = clean_case()
    _notice_citation(b, 42, f"根据《{APL}》第四十二条的规定，你有要求举行听证的权利。")
    f = one_firm(b, "legal_basis.citation_outdated")
    assert "第六十三条" in f.message
    b = clean_case()
    _notice_citation(b, 31, f"依照《{APL}》第三十一条、第三十二条之规定，你单位享有陈述、申辩的权利。")
    assert len(firm(b.build(), "legal_basis.citation_outdated")) == 1


def test_current_article_with_the_topic_only_before_it_is_not_outdated():
    """第32条 is 从轻减轻 today: a 陈述申辩 mentioned before the citation is not what it is cited for."""
    b = clean_case()
    _notice_citation(b, 32, f"当事人陈述申辩称系初次违法，根据《{APL}》第三十二条第（一）项的规定，可从轻处罚。")
    assert firm(b.build(), "legal_basis.citation_outdated") == []


# ---------------------------------------------------------------- citation_inconsistent to the 项

def _basis(doc, article, paragraph=None, item=None):
    doc.citations = [c for c in doc.citations if c.role != "penalty_basis"] + [
        Citation("中华人民共和国大气污染防治法", article, paragraph=paragraph, item=item, role="penalty_basis",
                 quote=f"依据《中华人民共和国大气污染防治法》第{article}条")]


def test_notice_and_decision_citing_different_items_are_inconsistent():
    b = clean_case()
    _basis(b.get("prior_notice"), 99, item=3)
    _basis(b.get("decision"), 99, item=2)
    f = one_firm(b, "legal_basis.citation_inconsistent")
    assert "处罚依据" in f.message


def test_one_side_stopping_at_the_article_is_not_inconsistent():
    b = clean_case()
    _basis(b.get("prior_notice"), 99)
    _basis(b.get("decision"), 99, item=2)
    assert firm(b.build(), "legal_basis.citation_inconsistent") == []


# ---------------------------------------------------------------- listed evidence as written

def test_listed_evidence_with_bracketed_words_is_matched_by_kind():
    b = clean_case()
    b.get("decision").listed_evidence = ["现场检查（勘验）笔录", "询问笔录", "检验（监测）报告"]
    f = one_firm(b, "evidence.listed_evidence_missing")
    assert "检验（监测）报告" in f.message
    # near miss: a 监测报告 on file is the report the decision lists
    b.add("evidence", "监测报告")
    assert firm(b.build(), "evidence.listed_evidence_missing") == []


# ---------------------------------------------------------------- facts_inconsistent: measures

def _measure(doc, label, value, unit):
    doc.measures = [Measure(label, value, unit, doc.first_page, f"{label}{value:g}{unit}")]


def test_measured_fact_that_differs_between_report_and_decision():
    b = clean_case()
    _measure(b.get("investigation_report"), "颗粒物排放浓度", 370, "毫克/立方米")
    _measure(b.get("decision"), "烘干炉颗粒物排放浓度", 350, "毫克/立方米")
    f = one_firm(b, "evidence.facts_inconsistent")
    assert "370" in f.message and "350" in f.message


def test_counts_worded_with_counting_words_agree():
    b = clean_case()
    _measure(b.get("investigation_report"), "当事人共销售该产品", 35, "台")
    _measure(b.get("decision"), "当事人销售该产品", 35, "台")
    assert firm(b.build(), "evidence.facts_inconsistent") == []
    # near miss: different things measured (another pollutant, another unit) are not compared
    b = clean_case()
    _measure(b.get("investigation_report"), "二氧化硫排放浓度", 50, "毫克/立方米")
    _measure(b.get("decision"), "颗粒物排放浓度", 350, "毫克/立方米")
    assert firm(b.build(), "evidence.facts_inconsistent") == []


# ---------------------------------------------------------------- authority of an internal unit

def test_filing_in_the_name_of_an_enforcement_team_is_firm():
    b = clean_case()
    b.get("filing").authority = AUTHORITY + "综合执法大队"
    f = one_firm(b, "subject.authority_inconsistent")
    assert "内设" in f.message


def test_office_name_only_on_an_internal_form_stays_with_a_human():
    b = clean_case()
    b.get("filing").authority = AUTHORITY + "法规科"
    assert len(only_needs_human(b, "subject.authority_inconsistent")) == 1
    # but a decision issued in an office's name is firm
    b = clean_case()
    b.get("decision").authority = AUTHORITY + "法规科"
    assert len(firm(b.build(), "subject.authority_inconsistent")) == 1


# ---------------------------------------------------------------- closing before payment

def test_closing_dated_before_payment():
    b = clean_case()
    b.get("closing").date = D(2024, 4, 24)        # paid 2024-04-25
    b.dates["closed"] = D(2024, 4, 24)
    f = one_firm(b, "procedure.date_order_violation")
    assert "结案" in f.message
    b = clean_case()                              # near miss: closed after payment
    assert firm(b.build(), "procedure.date_order_violation") == []


# ---------------------------------------------------------------- statement review vs legal review

def test_legal_review_title_is_not_a_review_of_the_statement():
    b = clean_case()
    b.add("statement_record", "陈述申辩笔录", statement_made=True,
          evidence={"statement_made": [Evidence(1, "当事人提出陈述申辩意见")]})
    b.add("legal_review", "法制审核意见书")
    found = firm(b.build(), "procedure.statement_not_reviewed")
    assert len(found) == 1
    b.add("statement_record", "陈述申辩复核意见书")   # near miss: a 复核 on file
    assert firm(b.build(), "procedure.statement_not_reviewed") == []


# ---------------------------------------------------------------- 当场 decisions: date, typo, seal

def test_simplified_decision_without_its_own_date():
    b = simplified_case()
    d = b.get("decision")
    d.date = None
    from dossier_review.model import DateFact
    d.dates = [DateFact("served", D(2024, 5, 6), 1, "当事人签收：陈某2024年5月6日")]
    found = firm(b.build(), "documents.date_missing")
    assert len(found) == 1
    d.dates.append(DateFact("decided", D(2024, 5, 6), 1, "2024年5月6日"))   # near miss
    assert firm(b.build(), "documents.date_missing") == []


def test_typo_in_a_simplified_decision():
    b = simplified_case()
    b.get("decision").typos = [Evidence(1, "（行政复义）")]
    b.get("decision").typo_fixes = ["行政复义→行政复议"]
    assert len(firm(b.build(), "documents.typo")) == 1
    assert firm(simplified_case().build(), "documents.typo") == []


def test_simplified_decision_without_seal_but_signed_by_officers_is_for_a_human():
    b = simplified_case()
    d = b.get("decision")
    d.seal, d.officer_signed = False, True
    assert len(only_needs_human(b, "documents.seal_missing")) == 1
    d.officer_signed = None          # neither the organ's seal nor the officers' signature
    assert len(firm(b.build(), "documents.seal_missing")) == 1


def test_general_decision_without_seal_is_firm_even_when_signed():
    b = clean_case()
    d = b.get("decision")
    d.seal, d.officer_signed = False, True
    assert len(firm(b.build(), "documents.seal_missing")) == 1


# ---------------------------------------------------------------- filing order with evidence

def test_evidence_filed_after_the_investigation_report():
    b = clean_case()
    ev_doc = b.get("evidence")
    b.docs.remove(ev_doc)
    b.docs.insert(b.docs.index(b.get("investigation_report")) + 1, ev_doc)
    assert len(firm(b.build(), "filing.order_irregular")) == 1
    assert firm(clean_case().build(), "filing.order_irregular") == []


def test_scanned_decision_without_a_readable_own_date_is_for_a_human():
    from dossier_review.model import DateFact
    b = clean_case()
    d = b.get("decision")
    d.date, d.ocr_confidence = None, 0.85
    d.dates = [DateFact("filed", D(2024, 3, 12), 3, "本局于2024年3月12日立案")]
    assert len(only_needs_human(b, "documents.date_missing")) == 1
    d.ocr_confidence = 1.0           # the same on a text layer is firm
    assert len(firm(b.build(), "documents.date_missing")) == 1


def test_old_simplified_procedure_article_in_an_on_the_spot_decision():
    b = simplified_case()
    d = b.get("decision")
    d.citations.append(Citation(APL, 33, role="other", quote=f"《{APL}》第三十三条的规定，",
                                sentence=f"根据《{APL}》第三十三条的规定，适用简易程序当场处罚。"))
    f = one_firm(b, "legal_basis.citation_outdated")
    assert "第五十一条" in f.message
    # near miss: today's 第33条 (不予处罚) cited for what it says now
    b = simplified_case()
    b.get("decision").citations.append(Citation(APL, 33, paragraph=1, role="other", quote=f"《{APL}》第三十三条第一款",
                                                sentence=f"依据《{APL}》第三十三条第一款的规定，对当事人不予行政处罚。"))
    assert firm(b.build(), "legal_basis.citation_outdated") == []
