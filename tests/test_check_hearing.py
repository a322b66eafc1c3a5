import datetime as dt

from facts_builder import clean_case, findings, firm, human, one_firm, only_needs_human, party

from dossier_review.model import DateFact, HearingInfo, ServiceInfo

D = dt.date


def _individual(b):
    for d in b.docs:
        if d.party:
            d.party = party(kind="individual", name="陈某", id_number="11010519491231002X",
                            id_kind="id_card", representative=None)
    b.party = party(kind="individual")
    return b


def test_large_fine_without_hearing_notice_is_a_veto():
    found = firm(clean_case(fine=150000).build(), "hearing.not_notified")
    assert len(found) == 1 and found[0].veto and "150,000元" in found[0].message


def test_fine_just_under_threshold_is_not_firmly_flagged():
    facts = clean_case(fine=99999).build()
    assert firm(facts, "hearing.not_notified") == []
    assert len(human(facts, "hearing.not_notified")) == 1        # local thresholds may be lower
    facts = _individual(clean_case(fine=9999)).build()
    assert firm(facts, "hearing.not_notified") == []
    facts = _individual(clean_case(fine=500)).build()
    assert findings(facts, "hearing.not_notified") == []          # below the uncertain band


def test_individual_threshold_is_lower():
    assert len(firm(_individual(clean_case(fine=20000)).build(), "hearing.not_notified")) == 1


def test_licence_revocation_is_in_scope_and_notice_satisfies():
    b = clean_case()
    b.get("decision").penalties = ["罚款", "吊销食品经营许可证"]
    b.get("prior_notice").penalties = ["罚款", "吊销食品经营许可证"]
    assert len(firm(b.build(), "hearing.not_notified")) == 1
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=5, request_unit="working_day")
    assert firm(b.build(), "hearing.not_notified") == []


def test_wrong_request_period():
    b = clean_case(fine=150000)
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=3, request_unit="day")
    f = one_firm(b, "hearing.wrong_request_period")
    assert "3日" in f.message
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=5, request_unit="day")
    assert firm(b.build(), "hearing.wrong_request_period") == []


def test_requested_not_held_is_a_veto():
    b = clean_case(fine=150000)
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=5, request_unit="working_day")
    b.add("statement_record", "陈述申辩及听证申请", date=D(2024, 4, 3), hearing_requested=True)
    f = one_firm(b, "hearing.requested_not_held")
    assert f.veto
    b.add("hearing_record", "听证笔录", date=D(2024, 4, 16))
    assert firm(b.build(), "hearing.requested_not_held") == []


def _hearing_case(hearing_day):
    b = clean_case(fine=150000)
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=5, request_unit="working_day")
    b.add("hearing_notice", "听证通知书", date=D(2024, 5, 6))
    b.add("service_receipt", "送达回证", service=ServiceInfo(
        served_document="听证通知书", recipient="王某", recipient_signed=True, method="直接送达",
        served_date=D(2024, 5, 6)))
    b.add("hearing_record", "听证笔录", date=hearing_day,
          dates=[DateFact("hearing", hearing_day, 0, "听证时间")])
    return b.build()


def test_hearing_notice_too_late():
    # served Mon 6 May 2024: 7, 8, 9, 10, 11 (Saturday worked, 调休), 13, 14 May
    found = firm(_hearing_case(D(2024, 5, 10)), "hearing.notice_too_late")
    assert len(found) == 1 and "2024年5月14日" in found[0].message


def test_hearing_on_seventh_working_day_after_notice_is_on_time():
    assert firm(_hearing_case(D(2024, 5, 14)), "hearing.notice_too_late") == []


def test_unreadable_notice_turns_the_veto_into_a_question():
    b = clean_case(fine=150000)
    b.get("prior_notice").ocr_confidence = 0.4
    b.get("prior_notice").hearing = HearingInfo(notified=False)
    h = only_needs_human(b, "hearing.not_notified")
    assert len(h) == 1 and not h[0].veto and "一票否决" in h[0].message
