"""Reading a penalty provision's text: the kinds of penalty, the fine's range, multiples of a
base amount, and the departments it names as enforcing it.

The statute's own drafting conventions (《立法技术规范》) are what is read: "处X元以上Y元以下
(的)罚款", "处Y元以下罚款", "处违法所得/货值金额N倍以上M倍以下罚款", "由县级以上人民政府××主管部门
…"; nothing here follows one decision's wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .parse import cn_number

# the kinds of administrative penalty (行政处罚法 第九条) as the provisions name them
KINDS: dict[str, str] = {
    "警告": r"警告",
    "通报批评": r"通报批评",
    "罚款": r"罚款",
    "没收违法所得": r"没收违法所得",
    "没收非法财物": r"没收(?!违法所得)[^，。；]{0,30}?(?:非法财物|产品|食品|药品|物品|工具|设备|原料|器材|物资|财物)",
    "暂扣许可证件": r"暂扣[^，。；]{0,12}?(?:许可证|执照|证件|证书)",
    "吊销许可证件": r"吊销[^，。；]{0,12}?(?:许可证|执照|证件|证书)",
    "降低资质等级": r"降低资质等级",
    "责令停产停业": r"责令停产停业|责令停业|停产整治|责令停产",
    "责令关闭": r"责令关闭|关闭",
    "限制开展生产经营活动": r"限制开展生产经营活动|限制生产",
    "限制从业": r"限制从业|禁止从业|不得从事",
    "行政拘留": r"拘留",
}
_KIND_RE = {k: re.compile(v) for k, v in KINDS.items()}

_N = r"[零〇一二三四五六七八九十百千万亿两\d.,，]+"
_MONEY = rf"({_N})\s*(万|亿)?\s*元"
RANGE = re.compile(rf"{_MONEY}以上(?:{_MONEY})?以下")   # X元以上Y元以下 (also "X以上Y元以下")
# a sum counts only after 处 (处/并处/处以): "货值金额一万元以上的" is a condition, not a penalty
RANGE2 = re.compile(rf"处以?({_N})(万|亿)?元?以上({_N})(万|亿)?元以下")
UPTO = re.compile(rf"处[^，。；元]{{0,6}}?{_MONEY}以下")   # 处警告或者五百元以下罚款
ATLEAST = re.compile(rf"处以?{_MONEY}以上(?![^，。；]{{0,12}}以下)")
MULTIPLE = re.compile(rf"(违法所得|货值金额|[^，。；、]{{1,10}}?(?:金额|价款|费用|收入|数额|价值|税款))[^，。；]{{0,6}}?({_N})倍以上({_N})倍以下")
MULTIPLE_UPTO = re.compile(rf"(违法所得|货值金额|[^，。；、]{{1,10}}?(?:金额|价款|费用|收入|数额|价值))[^，。；]{{0,6}}?({_N})倍以下")
DEPARTMENT = re.compile(r"由((?:县级以上(?:地方)?(?:各级)?人民政府|国务院|省、自治区、直辖市人民政府|设区的市级(?:以上)?人民政府|"
                        r"县级以上地方人民政府|海关|公安机关|[^，。；由]{0,6}?)"
                        r"[^，。；由]{0,30}?(?:部门|机关|机构|局|海关|人民政府))")


def _yuan(num: str, unit: str | None) -> float | None:
    num = num.replace(",", "").replace("，", "")
    try:
        value = float(num)
    except ValueError:
        n = cn_number(num)
        if n is None:
            return None
        value = float(n)
    return value * {"万": 1e4, "亿": 1e8}.get(unit or "", 1)


@dataclass
class PenaltyText:
    kinds: set[str] = field(default_factory=set)
    ranges: list[tuple[float, float]] = field(default_factory=list)   # (min, max) yuan; min 0 for "以下"
    floors: list[float] = field(default_factory=list)                 # "X元以上" without a maximum
    multiples: list[tuple[str, float, float]] = field(default_factory=list)  # (base, min×, max×)
    departments: list[str] = field(default_factory=list)
    severe_tier: bool = False      # "情节严重的" raises the penalty in a second tier

    @property
    def has_fine(self) -> bool:
        return "罚款" in self.kinds

    @property
    def fixed_only(self) -> bool:
        """The fine's bounds are all fixed sums (no multiple of an amount the text cannot know)."""
        return bool(self.ranges or self.floors) and not self.multiples

    @property
    def minimum(self) -> float | None:
        lows = [lo for lo, _ in self.ranges] + self.floors
        return min(lows) if lows else None

    @property
    def maximum(self) -> float | None:
        if self.floors:
            return None
        return max((hi for _, hi in self.ranges), default=None)

    @property
    def leaves_range(self) -> bool:
        """The provision leaves the amount or the kind to the agency: a range, a multiple range,
        or alternative kinds (或者)."""
        return any(hi > lo for lo, hi in self.ranges) or bool(self.floors) or \
            any(b > a for _, a, b in self.multiples) or len(self.kinds - {"罚款"}) > 1


def _base(words: str) -> str:
    """The amount a multiple is of, without what precedes it ("并处", "（下同）")."""
    return re.sub(r"^.*[）)]|^(?:并处|处以|处)", "", words)


def read_penalty(text: str) -> PenaltyText:
    """The penalties a provision's text (an article, or a 款 with its items) provides."""
    out = PenaltyText()
    flat = re.sub(r"\s+", "", text)
    for kind, rx in _KIND_RE.items():
        if rx.search(flat):
            out.kinds.add(kind)
    taken = []
    for m in RANGE2.finditer(flat):
        lo = _yuan(m.group(1), m.group(2) or m.group(4))
        hi = _yuan(m.group(3), m.group(4))
        if lo is not None and hi is not None:
            out.ranges.append((lo, hi))
            taken.append(m.span())
    for m in UPTO.finditer(flat):
        if any(a <= m.start() < b for a, b in taken):
            continue
        hi = _yuan(m.group(1), m.group(2))
        if hi is not None and "倍" not in flat[max(0, m.start() - 3):m.start()]:
            out.ranges.append((0.0, hi))
    for m in ATLEAST.finditer(flat):
        if any(a <= m.start() < b for a, b in taken):
            continue
        lo = _yuan(m.group(1), m.group(2))
        if lo is not None:
            out.floors.append(lo)
    for m in MULTIPLE.finditer(flat):
        a, b = cn_number(m.group(2)), cn_number(m.group(3))
        if a is not None and b is not None:
            out.multiples.append((_base(m.group(1)), float(a), float(b)))
    for m in MULTIPLE_UPTO.finditer(flat):
        b = cn_number(m.group(2))
        if b is not None and not any(x[0] == _base(m.group(1)) for x in out.multiples):
            out.multiples.append((_base(m.group(1)), 0.0, float(b)))
    out.departments = [m.group(1) for m in DEPARTMENT.finditer(flat)]
    out.severe_tier = "情节严重" in flat
    return out
