"""Check digits of party identifiers: 统一社会信用代码 (GB 32100-2015) and 公民身份号码
(GB 11643-1999), via python-stdnum's implementations of both standards.

The one home of these rules: the reviewer validates the numbers it reads, the sample generator
makes numbers that pass (and, for ``subject.party_id_invalid``, ones that fail by one character).
"""
from __future__ import annotations

import datetime
import re
from typing import Optional

from stdnum.cn import ric, uscc

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
_USCC_CHARS = re.compile(rf"^[{CREDIT_CHARSET}]{{18}}$")
_RIC = re.compile(r"^\d{17}[\dX]$")


def clean_id(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "").upper()


# a published or copied number with digits hidden: a run of X, *, ＊ or × (3701**********9347,
# 370102XXXXXXXX0034); one X alone is an ID number's check digit, not a mask
_MASK = re.compile(r"[*＊×●]|[Xx]{2,}")


def is_masked(value: str) -> bool:
    """Whether digits of the number were hidden on purpose: masked, not invalid."""
    return bool(_MASK.search(value or ""))


def same_number(a: str, b: str) -> bool:
    """Two readings of one number: equal, or equal wherever neither is masked."""
    a, b = clean_id(a), clean_id(b)
    if a == b:
        return True
    if not (is_masked(a) or is_masked(b)) or len(a) != len(b):
        return False
    hidden = set("*＊×●X")
    return all(x == y or x in hidden or y in hidden for x, y in zip(a, b, strict=True))


def credit_check_char(first17: str) -> str:
    """The 18th character of a credit code whose first 17 are ``first17``."""
    return uscc.calc_check_digit(first17)


def id_check_char(first17: str) -> str:
    """The 18th character of an ID number whose first 17 digits are ``first17``."""
    # stdnum's ric.calc_check_digit takes the full 18 characters (it ignores the last).
    return ric.calc_check_digit(first17 + "0")


def credit_code_valid(code: str) -> bool:
    code = (code or "").strip().upper()
    return bool(_USCC_CHARS.match(code)) and credit_check_char(code[:17]) == code[17]


def _birth_date(v: str) -> Optional[datetime.date]:
    try:
        return datetime.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return None


def id_number_valid(number: str) -> bool:
    """18 characters, a real calendar date of birth at positions 7-14 and the right check digit."""
    number = (number or "").strip().upper()
    if not _RIC.match(number) or _birth_date(number) is None:
        return False
    return id_check_char(number[:17]) == number[17]


def is_valid_party_id(number: str) -> bool:
    return credit_code_valid(number) or id_number_valid(number)


def id_kind(value: str, declared: Optional[str] = None, individual: bool = False) -> Optional[str]:
    """credit_code | id_card | None (not a format with a check digit, e.g. 15-digit numbers).
    ``individual``: the number is a natural person's (never a credit code)."""
    v = clean_id(value)
    if len(v) != 18 or is_masked(v):
        return None
    if individual and _RIC.match(v):
        # a natural person's 身份证号 with a misread birth date is still an ID number
        return "id_card"
    # The number's form outranks the label or a document's reading of it: an all-digit credit
    # code ("913201067997064411") fits the ID alphabet too, but only an ID carries a birth date
    # at positions 7-14.
    looks_id = bool(_RIC.match(v)) and _birth_date_ok(v)
    looks_cc = bool(_USCC_CHARS.match(v))
    if declared == "credit_code" and looks_cc:
        return "credit_code"
    if declared == "id_card" and looks_id:
        return "id_card"
    if looks_id:
        return "id_card"
    if looks_cc:
        return "credit_code"
    return declared if declared in ("credit_code", "id_card") else None


def _birth_date_ok(v: str) -> bool:
    d = _birth_date(v)
    return d is not None and 1900 <= d.year <= datetime.date.today().year


def check_digit_error(value: str, kind: str) -> Optional[str]:
    """None when the check digit is right, else why it is wrong (in Chinese)."""
    v = clean_id(value)
    if kind == "credit_code":
        if not _USCC_CHARS.match(v):
            return "含有统一社会信用代码不允许的字符（GB 32100 不使用 I、O、Z、S、V）或长度不是18位"
        try:
            expected = credit_check_char(v[:17])
        except Exception:  # stdnum raises on characters outside its alphabet
            return "前17位含有无效字符"
        if expected != v[17]:
            return f"校验码应为“{expected}”，实为“{v[17]}”"
        return None
    if kind == "id_card":
        if not _RIC.match(v):
            return "不是18位公民身份号码格式"
        expected = id_check_char(v[:17])
        if expected != v[17]:
            return f"校验码应为“{expected}”，实为“{v[17]}”"
        return None
    return None
