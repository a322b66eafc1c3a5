"""What a decision (or the report, review or discussion behind it) says about the amount chosen:
the grounds for a lighter penalty (从轻、减轻 — 行政处罚法 第三十二条; 不予处罚 — 第三十三条) and
the circumstances weighed or the 裁量基准 applied (第五、三十四条).

The terms are the law's own (第三十二至三十四条 and the 裁量 guidance, 国办发〔2022〕27号), not a
template's sentences.  A ground the text denies ("不足以构成从轻或减轻处罚的情形", "不予从轻") is
no ground.
"""
from __future__ import annotations

import re

from ..model import Evidence
from .text import DocText

MITIGATION = re.compile(
    r"从轻(?:或者?减轻)?(?:处罚|处理|罚款)|减轻(?:处罚|处理)|首违不罚|初次违法且危害后果轻微|"
    r"主动(?:消除|减轻)[^，。；]{0,10}?危害后果|受他人胁迫|主动供述|立功表现")
DISCRETION = re.compile(
    r"裁量基准|裁量权|自由裁量|裁量标准|裁量阶次|裁量幅度|"
    r"情节(?:较轻|轻微|一般|较重|严重|特别严重)|违法情节|"
    r"综合(?:考虑|考量|衡量)|(?:鉴于|考虑到)[^。；]{2,40}")
DENIED = re.compile(r"(?:不足以|不构成|不符合|不属于|不予|不适用|没有|无|未)[^，。；]{0,8}$")


def _sentence_end(flat: str, pos: int) -> int:
    m = re.compile(r"[。；]").search(flat, pos)
    return m.end() if m else min(len(flat), pos + 60)


def _found(dt_: DocText, rx: re.Pattern, limit: int = 3) -> list[Evidence]:
    out, starts = [], []
    flat = dt_.flat
    for m in rx.finditer(flat):
        before = flat[max(0, m.start() - 12):m.start()]
        if DENIED.search(before):
            continue
        start = max(flat.rfind("。", 0, m.start()), flat.rfind("；", 0, m.start()), m.start() - 40) + 1
        if any(start == s for s in starts):
            continue  # one sentence once, however many terms it holds
        starts.append(start)
        out.append(dt_.ev_f(start, _sentence_end(flat, m.end()), subject=m.span()))
        if len(out) >= limit:
            break
    return out


def mitigation(dt_: DocText) -> list[Evidence]:
    """Sentences stating a ground for a lighter penalty."""
    return _found(dt_, MITIGATION)


def discretion(dt_: DocText) -> list[Evidence]:
    """Sentences stating the circumstances weighed or the 裁量基准 applied."""
    return _found(dt_, DISCRETION)
