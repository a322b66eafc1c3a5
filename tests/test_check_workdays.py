import datetime as dt

from dossier_review.check.workdays import (
    add_working_days,
    fallback_note,
    is_working_day,
    working_days_between,
)

D = dt.date


def test_2024_national_day_holidays_and_adjusted_weekends():
    for day in range(1, 8):
        assert is_working_day(D(2024, 10, day)) == (False, True)
    # 调休: Sunday 29 Sept and Saturday 12 Oct 2024 were working days
    assert is_working_day(D(2024, 9, 29)) == (True, True)
    assert is_working_day(D(2024, 10, 12)) == (True, True)
    assert is_working_day(D(2024, 10, 13)) == (False, True)


def test_seven_working_days_across_national_day():
    # decided Fri 27 Sept: 29 Sept, 30 Sept, 8, 9, 10, 11, 12 Oct
    end = add_working_days(D(2024, 9, 27), 7)
    assert end.date == D(2024, 10, 12) and end.exact


def test_five_working_days_across_qingming_2024():
    # served Mon 1 Apr; 4–6 Apr holiday, Sun 7 Apr worked: 2, 3, 7, 8, 9 Apr
    assert add_working_days(D(2024, 4, 1), 5).date == D(2024, 4, 9)


def test_day_of_service_not_counted():
    assert add_working_days(D(2024, 3, 11), 1).date == D(2024, 3, 12)   # Mon -> Tue
    assert add_working_days(D(2024, 3, 15), 1).date == D(2024, 3, 18)   # Fri -> Mon


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(D(2024, 9, 27), D(2024, 10, 12)) == (7, ())
    assert working_days_between(D(2024, 3, 12), D(2024, 3, 12)) == (0, ())


def test_years_without_calendar_data_fall_back_to_weekends_and_say_so():
    end = add_working_days(D(2040, 1, 5), 5)   # Thu 5 Jan 2040
    assert end.date == D(2040, 1, 12)
    assert not end.exact and end.fallback_years == (2040,)
    assert "2040" in end.note() and "周六、周日" in end.note()
    assert fallback_note(()) == ""
