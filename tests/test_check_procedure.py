import datetime as dt

from facts_builder import clean_case, firm, one_firm, only_needs_human

from dossier_review.model import Amount, ServiceInfo

D = dt.date


def test_no_filing():
    found = firm(clean_case().remove("filing").build(), "procedure.no_filing")
    assert len(found) == 1 and found[0].points == 4


def test_filing_under_an_unusual_type_is_found_by_title():
    b = clean_case()
    b.get("filing").type = "other"
    b.get("other").title = "立案报告"
    assert firm(b.build(), "procedure.no_filing") == []


def test_filing_after_inquiry():
    b = clean_case()
    b.get("filing").date = D(2024, 3, 20)
    f = one_firm(b, "procedure.filing_after_investigation")
    assert "先调查后立案" in f.message


def test_inspection_before_filing_and_inquiry_same_day_are_fine():
    b = clean_case()
    b.get("inspection").date = D(2024, 3, 8)
    b.get("filing").date = D(2024, 3, 13)
    assert firm(b.build(), "procedure.filing_after_investigation") == []


def test_service_before_decision_is_out_of_order():
    b = clean_case()
    b.get("service_receipt", 1).service.served_date = D(2024, 4, 16)
    f = one_firm(b, "procedure.date_order_violation")
    assert "决定书送达" in f.message


def test_notice_after_decision_is_out_of_order_but_same_day_service_is_not():
    b = clean_case()
    b.get("prior_notice").date = D(2024, 4, 20)
    assert any("事先告知" in f.message for f in firm(b.build(), "procedure.date_order_violation"))
    b = clean_case()
    b.get("service_receipt", 1).service.served_date = D(2024, 4, 18)
    assert firm(b.build(), "procedure.date_order_violation") == []


def test_no_prior_notice_is_a_veto():
    found = firm(clean_case().remove("prior_notice").build(), "procedure.no_prior_notice")
    assert len(found) == 1 and found[0].veto


def test_combined_hearing_and_statement_notice_counts():
    b = clean_case()
    b.get("prior_notice").type = "hearing_notice"
    b.get("hearing_notice").title = "行政处罚听证告知书"
    assert firm(b.build(), "procedure.no_prior_notice") == []


def test_prior_notice_incomplete():
    b = clean_case()
    b.get("prior_notice").elements.update(basis=False, facts=False)
    f = one_firm(b, "procedure.prior_notice_incomplete")
    assert "违法事实" in f.message and "依据" in f.message


def test_notice_elements_not_examined_are_not_missing():
    b = clean_case()
    b.get("prior_notice").elements = {}
    assert firm(b.build(), "procedure.prior_notice_incomplete") == []


def test_decision_on_fifth_working_day_after_service_is_within_period():
    # served Mon 2024-04-01; Qingming 4–6 Apr; Sun 7 Apr worked: 2,3,7,8,9 Apr -> ends 9 Apr
    b = clean_case()
    b.get("decision").date = D(2024, 4, 9)
    f = one_firm(b, "procedure.decided_within_defense_period")
    assert "2024年4月9日届满" in f.message


def test_decision_on_sixth_working_day_is_on_time():
    b = clean_case()
    b.get("decision").date = D(2024, 4, 10)
    assert firm(b.build(), "procedure.decided_within_defense_period") == []


def test_waiver_or_statement_before_decision():
    b = clean_case()
    b.get("decision").date = D(2024, 4, 3)
    b.get("prior_notice").rights_waived = True
    assert firm(b.build(), "procedure.decided_within_defense_period") == []
    b = clean_case()
    b.get("decision").date = D(2024, 4, 3)
    b.add("statement_record", "陈述申辩笔录", date=D(2024, 4, 2), statement_made=True, review_done=True)
    assert len(only_needs_human(b, "procedure.decided_within_defense_period")) == 1


def test_penalty_increased():
    b = clean_case()
    b.get("decision").amounts = [Amount("fine", 8000, 0, "罚款8000元")]
    f = one_firm(b, "procedure.penalty_increased")
    assert "8,000元" in f.message and "5,000元" in f.message


def test_added_penalty_type_is_heavier_but_reduction_is_not():
    b = clean_case()
    b.get("decision").penalties = ["罚款", "没收违法所得"]
    assert len(firm(b.build(), "procedure.penalty_increased")) == 1
    b = clean_case()
    b.get("decision").amounts = [Amount("fine", 3000, 0, "罚款3000元")]
    b.get("decision").penalties = ["罚款", "责令改正"]
    assert firm(b.build(), "procedure.penalty_increased") == []


def test_statement_not_reviewed():
    b = clean_case()
    b.add("statement_record", "陈述申辩笔录", date=D(2024, 4, 3), statement_made=True)
    assert len(firm(b.build(), "procedure.statement_not_reviewed")) == 1
    b = clean_case()
    b.add("statement_record", "陈述申辩笔录", date=D(2024, 4, 3), statement_made=True)
    b.add("statement_record", "陈述申辩复核意见", date=D(2024, 4, 8))
    assert firm(b.build(), "procedure.statement_not_reviewed") == []


def test_overdue_decision():
    b = clean_case()
    b.get("filing").date = D(2024, 1, 10)      # decided 18 Apr = day 99
    f = one_firm(b, "procedure.overdue_decision")
    assert "99日" in f.message


def test_ninetieth_day_or_extension_is_fine():
    b = clean_case()
    b.get("filing").date = D(2024, 1, 19)      # 18 Apr is day 90
    assert firm(b.build(), "procedure.overdue_decision") == []
    b = clean_case()
    b.get("filing").date = D(2024, 1, 10)
    b.get("approval").extension_approved = True
    assert firm(b.build(), "procedure.overdue_decision") == []


def test_no_legal_review_after_hearing():
    b = clean_case()
    b.add("hearing_record", "听证笔录", date=D(2024, 4, 12))
    f = one_firm(b, "procedure.no_legal_review")
    assert "听证" in f.message
    b.add("legal_review", "法制审核意见书", date=D(2024, 4, 15))
    assert firm(b.build(), "procedure.no_legal_review") == []


def test_legal_review_amount_criterion_by_party_kind():
    assert len(firm(clean_case(fine=600000).build(), "procedure.no_legal_review")) == 1
    assert firm(clean_case(fine=50000).build(), "procedure.no_legal_review") == []


def test_no_collective_discussion_for_marked_major_case():
    b = clean_case()
    b.get("filing").major_case = True
    assert len(firm(b.build(), "procedure.no_collective_discussion")) == 1
    b.add("collective_discussion", "重大案件集体讨论记录", date=D(2024, 4, 15))
    assert firm(b.build(), "procedure.no_collective_discussion") == []


def test_no_service_receipt():
    b = clean_case()
    b.docs.remove(b.get("service_receipt", 1))
    del b.dates["served"]
    found = firm(b.build(), "procedure.no_service_receipt")
    assert len(found) == 1


def test_receipt_without_title_after_the_decision_counts():
    b = clean_case()
    b.get("service_receipt", 1).service.served_document = None
    assert firm(b.build(), "procedure.no_service_receipt") == []


def test_service_receipt_incomplete():
    b = clean_case()
    svc = b.get("service_receipt", 1).service
    svc.recipient_signed, svc.method = False, None
    f = one_firm(b, "procedure.service_receipt_incomplete")
    assert "未签名" in f.message and "送达方式" in f.message


def test_left_at_premises_needs_no_recipient_signature():
    b = clean_case()
    svc = b.get("service_receipt", 1).service
    svc.recipient_signed, svc.method = False, "留置送达"
    assert firm(b.build(), "procedure.service_receipt_incomplete") == []


def test_late_service_across_national_day():
    b = clean_case()
    b.get("decision").date = D(2024, 9, 27)
    b.get("service_receipt", 1).service.served_date = D(2024, 10, 14)
    f = one_firm(b, "procedure.late_service")
    assert "2024年10月12日届满" in f.message


def test_seven_working_days_across_national_day_is_on_time():
    b = clean_case()
    b.get("decision").date = D(2024, 9, 27)
    b.get("service_receipt", 1).service.served_date = D(2024, 10, 12)
    assert firm(b.build(), "procedure.late_service") == []


def test_no_closing():
    assert len(firm(clean_case().remove("closing").build(), "procedure.no_closing")) == 1
    b = clean_case()
    closing = b.get("closing")
    closing.type, closing.title = "other", "行政处罚案件结案报告"
    assert firm(b.build(), "procedure.no_closing") == []



def test_stated_total_of_fine_and_confiscation_is_not_an_increase():
    b = clean_case()
    b.get("decision").amounts = [Amount("fine", 6200, 0, "罚没款合计6200元")]
    assert len(only_needs_human(b, "procedure.penalty_increased")) == 1


def test_late_service_beyond_calendar_data_says_so():
    b = clean_case()
    b.get("decision").date = D(2040, 1, 5)                  # Thursday; ends Tue 16 Jan on weekdays only
    b.get("service_receipt", 1).service.served_date = D(2040, 3, 1)
    f = one_firm(b, "procedure.late_service")
    assert "2040年不在" in f.message
    b.get("service_receipt", 1).service.served_date = D(2040, 1, 18)   # 2 days over: a holiday could explain it
    assert len(only_needs_human(b, "procedure.late_service")) == 1


def test_address_confirmation_form_is_not_a_service_receipt_to_complete():
    b = clean_case()
    b.add("service_receipt", "送达地址确认书", service=ServiceInfo(recipient="王某", recipient_signed=True))
    assert firm(b.build(), "procedure.service_receipt_incomplete") == []


def _unreadable_decision_date(approved, others=()):
    from dossier_review.model import DateFact
    b = clean_case()
    b.get("decision").date = None
    b.dates.pop("decided")
    ap = b.get("approval")
    ap.date = None
    ap.dates = [DateFact("other", d, ap.first_page, f"承办人意见 同意 {d}") for d in others] + \
        [DateFact("approved", approved, ap.first_page, f"负责人审批意见 同意。{approved}")]
    return b.build()


def test_head_approval_inside_the_defence_period_stands_for_an_unreadable_decision_date():
    # notice served 2024-04-01, window ends 2024-04-09; the head approved on 04-03
    facts = _unreadable_decision_date(D(2024, 4, 3), others=[D(2024, 4, 2)])
    found = firm(facts, "procedure.decided_within_defense_period")
    assert len(found) == 1 and "负责人于2024年4月3日审批" in found[0].message


def test_head_approval_after_the_period_is_no_finding():
    facts = _unreadable_decision_date(D(2024, 4, 10))
    assert firm(facts, "procedure.decided_within_defense_period") == []


def test_head_approval_dated_before_its_own_form_is_not_trusted():
    # 负责人 04-03 but 审核 on 04-12: a misread date, not evidence of an early decision
    facts = _unreadable_decision_date(D(2024, 4, 3), others=[D(2024, 4, 12)])
    assert firm(facts, "procedure.decided_within_defense_period") == []


def test_head_approval_before_the_notice_was_written_is_not_trusted():
    facts = _unreadable_decision_date(D(2024, 3, 20))
    assert firm(facts, "procedure.decided_within_defense_period") == []
