"""Check digits of party identifiers: 统一社会信用代码 (GB 32100-2015) and 公民身份号码
(GB 11643-1999), via python-stdnum's implementations of both standards."""
from __future__ import annotations

import datetime
import re
from typing import Optional

from stdnum.cn import ric, uscc

_USCC_CHARS = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
_RIC = re.compile(r"^\d{17}[\dX]$")


def clean_id(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "").upper()


def id_kind(value: str, declared: Optional[str] = None) -> Optional[str]:
    """credit_code | id_card | None (not a format with a check digit, e.g. 15-digit numbers)."""
    v = clean_id(value)
    if len(v) != 18:
        return None
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
    try:
        d = datetime.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return 1900 <= d.year <= datetime.date.today().year


def check_digit_error(value: str, kind: str) -> Optional[str]:
    """None when the check digit is right, else why it is wrong (in Chinese)."""
    v = clean_id(value)
    if kind == "credit_code":
        if not _USCC_CHARS.match(v):
            return "含有统一社会信用代码不允许的字符（GB 32100 不使用 I、O、Z、S、V）或长度不是18位"
        try:
            expected = uscc.calc_check_digit(v[:17])
        except Exception:  # stdnum raises on characters outside its alphabet
            return "前17位含有无效字符"
        if expected != v[17]:
            return f"校验码应为“{expected}”，实为“{v[17]}”"
        return None
    if kind == "id_card":
        if not _RIC.match(v):
            return "不是18位公民身份号码格式"
        # stdnum's ric.calc_check_digit takes the full 18 characters (it ignores the last).
        expected = ric.calc_check_digit(v)
        if expected != v[17]:
            return f"校验码应为“{expected}”，实为“{v[17]}”"
        return None
    return None
