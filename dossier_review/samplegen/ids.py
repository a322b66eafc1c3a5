"""Identity numbers with real check digits: 统一社会信用代码 (GB 32100-2015) and 身份证号 (GB 11643-1999).

The review stage validates these, so the generator must produce numbers that pass (and, for the
``subject.party_id_invalid`` defect, numbers that fail by exactly one wrong check character).
"""
from __future__ import annotations

import datetime as _dt
import random

from ..lib.ids import (
    CREDIT_CHARSET,
    credit_check_char,
    credit_code_valid,
    id_check_char,
    id_number_valid,
    is_valid_party_id,
)

# the checks themselves live in lib.ids; the generator's callers reach them as ids.*
__all__ = ["credit_code_valid", "id_number_valid", "is_valid_party_id", "make_credit_code",
           "make_id_number", "corrupt_check_char"]

_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code, embedded in positions 9-17
_ID_CHECK = "10X98765432"  # the characters a GB 11643 check digit may be


def _org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(8))
    if rng.random() < 0.5:  # newer codes start with letters (MA..)
        body = "MA" + body[2:]
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, _ORG_WEIGHTS, strict=False))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_credit_code(rng: random.Random, area_code: str, individual_business: bool = False) -> str:
    """18-character code: 9 (registered by 市场监管) + 1 企业 / 2 个体工商户 + area + org code + check."""
    org = _org_code(rng)
    if org[-1] not in CREDIT_CHARSET:  # 'X' is allowed in GB 32100's charset; keep guard for safety
        org = org[:-1] + "0"
    first17 = "9" + ("2" if individual_business else "1") + area_code + org
    return first17 + credit_check_char(first17)


def make_id_number(rng: random.Random, area_code: str, birth: _dt.date, male: bool) -> str:
    seq = rng.randint(0, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area_code}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def corrupt_check_char(number: str, rng: random.Random) -> str:
    """Same number with a different, wrong check character (the typical transcription slip)."""
    if id_number_valid(number) or (len(number) == 18 and number[:17].isdigit()):
        pool = [c for c in _ID_CHECK if c != number[17]]
    else:
        pool = [c for c in CREDIT_CHARSET if c != number[17]]
    return number[:17] + rng.choice(pool)
