"""The rule catalogue: every DEFECTS.md code is a rule with a documented check."""
import pytest
from facts_builder import clean_case, findings, simplified_case, standard

from dossier_review.check import available_checks, explain, list_rules

# DEFECTS.md: code -> default points ("veto" for veto items)
DEFECTS = {
    "subject.authority_missing": 3, "subject.authority_inconsistent": 3,
    "subject.officers_fewer_than_two": "veto", "subject.officer_certificate_missing": 2,
    "subject.party_incomplete": 2, "subject.party_inconsistent": 2, "subject.party_id_invalid": 1,
    "evidence.no_investigation_record": "veto", "evidence.record_unsigned_by_party": 3,
    "evidence.record_unsigned_by_officer": 2, "evidence.record_time_incomplete": 1,
    "evidence.party_identity_proof_missing": 2, "evidence.listed_evidence_missing": 3,
    "evidence.facts_inconsistent": 3,
    "legal_basis.no_violation_basis": 5, "legal_basis.no_penalty_basis": "veto",
    "legal_basis.citation_imprecise": 2, "legal_basis.law_name_nonstandard": 1,
    "legal_basis.citation_outdated": 3, "legal_basis.citation_inconsistent": 2,
    "legal_basis.simplified_over_limit": "veto",
    "procedure.no_filing": 4, "procedure.filing_after_investigation": 2,
    "procedure.date_order_violation": 3, "procedure.no_prior_notice": "veto",
    "procedure.prior_notice_incomplete": 2, "procedure.decided_within_defense_period": 3,
    "procedure.penalty_increased": 5, "procedure.statement_not_reviewed": 2,
    "procedure.overdue_decision": 3, "procedure.no_legal_review": 4,
    "procedure.no_collective_discussion": 3, "procedure.no_service_receipt": 4,
    "procedure.service_receipt_incomplete": 1, "procedure.late_service": 2, "procedure.no_closing": 1,
    "hearing.not_notified": "veto", "hearing.wrong_request_period": 3,
    "hearing.requested_not_held": "veto", "hearing.notice_too_late": 2,
    "remedy.missing": 10, "remedy.review_period_wrong": 3, "remedy.litigation_period_wrong": 3,
    "remedy.body_unnamed": 2, "remedy.review_body_outdated": 2,
    "documents.decision_elements_missing": 3, "documents.payment_terms_missing": 2,
    "documents.document_number_invalid": 1, "documents.date_missing": 2, "documents.seal_missing": 3,
    "documents.template_residue": 1, "documents.amount_mismatch": 2, "documents.typo": 0.5,
    "filing.no_catalog": 1, "filing.order_irregular": 1, "filing.no_remarks_sheet": 1,
    "filing.page_numbers": 1,
}


def test_default_standard_has_every_defect_code_with_its_points():
    std = standard()
    assert [r.code for r in std.rules] == list(DEFECTS)
    for rule in std.rules:
        expected = DEFECTS[rule.code]
        if expected == "veto":
            assert rule.veto, rule.code
        else:
            assert not rule.veto and rule.points == expected, rule.code
        assert rule.category == rule.code.split(".")[0]
        assert rule.basis and rule.fix and rule.title


def test_simplified_procedure_is_a_property_of_the_rules():
    simplified = {r.code for r in standard().rules if "simplified" in r.applies_to}
    assert "legal_basis.simplified_over_limit" in simplified
    assert {"remedy.missing", "remedy.litigation_period_wrong", "documents.decision_elements_missing",
            "legal_basis.no_penalty_basis", "subject.officer_certificate_missing"} <= simplified
    assert not {"procedure.no_filing", "procedure.no_prior_notice", "hearing.not_notified",
                "filing.no_catalog", "evidence.no_investigation_record"} & simplified


@pytest.mark.parametrize("name", sorted(available_checks()))
def test_every_check_documents_what_why_example_fix(name):
    doc = available_checks()[name].doc
    for part in ("【检查内容】", "【依据】", "【示例】", "【整改】"):
        assert part in doc, f"{name} lacks {part}"


def test_clean_files_have_no_findings():
    assert findings(clean_case().build()) == []
    assert findings(simplified_case().build()) == []


def test_list_rules_and_explain():
    rules = list_rules(standard())
    assert len(rules) == len(DEFECTS)
    row = next(r for r in rules if r["code"] == "remedy.litigation_period_wrong")
    assert row["points"] == 3 and row["category_name"] == "救济途径告知"
    assert row["params"]["expected_months"] == 6
    text = explain("remedy.litigation_period_wrong", standard())
    assert "扣3分" in text and "第四十六条" in text and "【整改】" in text and "expected_months: 6" in text
    veto = explain("hearing.not_notified", standard())
    assert "一票否决" in veto and "第六十三条" in veto
    cehui = explain("cehui.no_cover", standard("cehui"))
    assert "卷宗封面" in cehui and "filing.no_catalog" in cehui
    with pytest.raises(KeyError):
        explain("no.such_code", standard())
