"""Check digits of party identifiers: 统一社会信用代码 (GB 32100-2015) and 公民身份号码
(GB 11643-1999), via python-stdnum's implementations of both standards."""
from __future__ import annotations

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
    if declared in ("credit_code", "id_card") and len(v) == 18:
        return declared
    if len(v) != 18:
        return None
    if _RIC.match(v) and v[6:8] in ("18", "19", "20"):
        return "id_card"
    if _USCC_CHARS.match(v):
        return "credit_code"
    return None


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
