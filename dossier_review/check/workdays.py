"""Working-day arithmetic for the 行政处罚法's day periods (第85条: "二日""三日""五日""七日"
are working days, statutory holidays excluded).

Official holidays and the weekend days worked in their place (调休) come from the
``chinese_calendar`` package.  For a year it has no data for, a day counts as a working day
when it is Monday–Friday, and the result says which years were counted that way so that a
finding can state it.

Periods are counted the way courts count them: the day of the triggering act (service, decision)
is not counted, the period ends at the end of its last working day, and an act done on that day
is in time.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import chinese_calendar

_ONE = _dt.timedelta(days=1)


def is_working_day(day: _dt.date) -> tuple[bool, bool]:
    """(is a working day, decided from official calendar data)."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


@dataclass(frozen=True)
class WorkdayResult:
    date: _dt.date
    fallback_years: tuple[int, ...] = field(default=())

    @property
    def exact(self) -> bool:
        return not self.fallback_years

    def note(self) -> str:
        return fallback_note(self.fallback_years)


def fallback_note(years) -> str:
    years = sorted(set(years))
    if not years:
        return ""
    listed = "、".join(str(y) for y in years)
    return (f"（注：{listed}年不在 chinese_calendar 的法定节假日数据范围内，"
            f"该年按仅排除周六、周日计算工作日，未扣除节假日）")


def _days_after(start: _dt.date, fallback: set):
    """The days after ``start`` with whether each is a working day; records fallback years."""
    day = start
    while True:
        day += _ONE
        working, exact = is_working_day(day)
        if not exact:
            fallback.add(day.year)
        yield day, working


def add_working_days(start: _dt.date, n: int) -> WorkdayResult:
    """The last day of an ``n``-working-day period that starts the day after ``start``."""
    if n < 1:
        raise ValueError("a period has at least one working day")
    fallback: set = set()
    counted = 0
    for day, working in _days_after(start, fallback):
        counted += working
        if counted == n:
            return WorkdayResult(day, tuple(sorted(fallback)))


def working_days_between(start: _dt.date, end: _dt.date) -> tuple[int, tuple[int, ...]]:
    """Working days d with start < d <= end (0 when end <= start), and the fallback years used."""
    fallback: set = set()
    counted = 0
    if end > start:
        for day, working in _days_after(start, fallback):
            counted += working
            if day >= end:
                break
    return counted, tuple(sorted(fallback))


def add_calendar_days(start: _dt.date, n: int) -> _dt.date:
    """Last day of an ``n``-calendar-day period starting the day after ``start``."""
    return start + _dt.timedelta(days=n)
