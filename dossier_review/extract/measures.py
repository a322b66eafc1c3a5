"""Measured and counted facts of a case (颗粒物排放浓度为350毫克/立方米, 载客6人, 销售35台): the
quantities the investigation report, the notice and the decision must state alike.

Official documents write measurements and counts in Arabic numerals (GB/T 15835 出版物上数字用法:
计量、计数用阿拉伯数字), so only figures are read; money is left to ``amounts`` and dates, periods
and article numbers are not units here.
"""
from __future__ import annotations

import re

from dossier_review.model import Measure

from .text import DocText
from .vocab import alternation, words

# the units of vocabulary.yaml, longest first, so that 毫克/立方米 wins over 立方米 and 人次 over 人
UNITS = sorted(words("measure_units"), key=len, reverse=True)
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MEASURE = re.compile(rf"(?<![\d.,A-Za-z])(?P<num>{_NUM})(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})")
# clauses about the penalty, the procedure or the rights are not facts found; a sentence that
# proposes or decides a penalty is not either
_NOT_FACTS = re.compile(alternation("not_fact_words"))
_PENALTY_SENT = re.compile(r"(?:拟|决定|建议)(?:对|给予|作出|处以|处|责令|没收)")
_CLAUSE = re.compile(r"[^，,。；;：:]+")
_CLAUSE_END = "，,。；;：:、（）()“”《》"
_CONNECTIVES = re.compile(r"(?:为|是|达到|达|约|共计|共|计|合计|累计|总计|了|有|：)+$")
LABEL_MAX = 12


def _label(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1] not in _CLAUSE_END and end - start < LABEL_MAX + 4:
        start -= 1
    label = _CONNECTIVES.sub("", text[start:end])
    return label[-LABEL_MAX:]


def extract_measures(dt_: DocText) -> list[Measure]:
    s = dt_.flat
    out: list[Measure] = []
    for a, b in dt_.sentences:
        sent = s[a:b]
        for m in _MEASURE.finditer(sent):
            clause = next((c.group() for c in _CLAUSE.finditer(sent) if c.start() <= m.start() < c.end()), "")
            if _NOT_FACTS.search(clause) or _PENALTY_SENT.search(sent[:m.start()]):
                continue
            unit = m.group("unit")
            rest = sent[m.end():m.end() + 1]
            if unit in ("个", "次", "度") and rest in ("月", "工", "小", "年"):
                continue   # 三个月, 个工作日: periods, not counts
            label = _label(sent, m.start())
            if len(re.sub(r"[^\u4e00-\u9fff]", "", label)) < 2:
                continue   # a number without words before it cannot be matched across documents
            try:
                value = float(m.group("num").replace(",", ""))
            except ValueError:
                continue
            pos = a + m.start()
            out.append(Measure(label=label, value=value, unit=unit, page=dt_.page_f(pos),
                               quote=dt_.quote_f(max(a, pos - len(label)), a + m.end()),
                               conf=dt_.conf_f(a + m.start("num"), a + m.end("num")),
                               box=dt_.box_f(a + m.start("num"), a + m.end("num")), read=dt_.read_f(a + m.start("num"), a + m.end("num"))))
    return out
