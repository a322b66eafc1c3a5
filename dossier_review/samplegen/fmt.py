"""Ways of writing dates, amounts, times and document numbers, as real agencies vary them."""
from __future__ import annotations

import datetime as _dt

import chinese_calendar
import cn2an

from .data import CHINESE_DIGITS


def is_workday(day: _dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # outside the calendar's years: fall back to weekdays
        return day.weekday() < 5


def next_workday(day: _dt.date) -> _dt.date:
    while not is_workday(day):
        day += _dt.timedelta(days=1)
    return day


def add_workdays(day: _dt.date, n: int) -> _dt.date:
    """The n-th working day after ``day`` (第85条: 五日/七日 are working days)."""
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += _dt.timedelta(days=step)
        while not is_workday(day):
            day += _dt.timedelta(days=step)
    return day


def workdays_between(a: _dt.date, b: _dt.date) -> int:
    """Working days after ``a`` up to and including ``b`` (0 when b <= a)."""
    count, day = 0, a
    while day < b:
        day += _dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count


def hanzi_year(year: int) -> str:
    return "".join(CHINESE_DIGITS[int(c)] for c in str(year))


def hanzi_num(n: int) -> str:
    return cn2an.an2cn(n, "low")


def fmt_date(day: _dt.date, style: str = "cn") -> str:
    if style == "hanzi":
        return f"{hanzi_year(day.year)}年{hanzi_num(day.month)}月{hanzi_num(day.day)}日"
    if style == "dot":
        return f"{day.year}.{day.month}.{day.day}"
    if style == "iso":
        return day.isoformat()
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "pad_cn":
        return f"{day.year}年{day.month:02d}月{day.day:02d}日"
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_datetime(day: _dt.date, hm: tuple[int, int], style: str = "cn") -> str:
    h, m = hm
    if style == "colon":
        return f"{day.year}年{day.month}月{day.day}日 {h:02d}:{m:02d}"
    return f"{day.year}年{day.month}月{day.day}日{h}时{m:02d}分"


def yuan_words(amount: float) -> str:
    """大写 amount: 伍万元整 / 壹万伍仟元整 / 叁佰贰拾元伍角."""
    return cn2an.an2cn(round(amount, 2), "rmb")


def yuan_figures(amount: float, style: str = "plain") -> str:
    if style == "currency":
        return f"¥{amount:,.2f}"
    if style == "wan" and amount >= 10000 and amount % 1000 == 0:
        wan = amount / 10000
        return f"{wan:g}万元"
    if style == "comma":
        return f"{amount:,.0f}元" if amount == int(amount) else f"{amount:,.2f}元"
    return f"{amount:.0f}元" if amount == int(amount) else f"{amount:.2f}元"


def yuan_text(amount: float, style: str, words: float | None = None) -> str:
    """An amount as the documents write it; ``words`` lets the 大写 part say a different amount."""
    w = yuan_words(amount if words is None else words)
    if words is not None and style not in ("words_currency", "words_plain", "figures_words"):
        # a mismatch needs both forms on the page, whatever the template's usual style
        return f"人民币{w}（{yuan_figures(amount, 'currency')}）"
    if style == "words_currency":
        return f"人民币{w}（{yuan_figures(amount, 'currency')}）"
    if style == "words_plain":
        return f"{w}（{yuan_figures(amount, 'plain')}）"
    if style == "rmb_figures":
        return f"人民币{amount:,.2f}元"
    if style == "figures_words":
        return f"{yuan_figures(amount, 'plain')}（大写：{w}）"
    return yuan_figures(amount, style)
