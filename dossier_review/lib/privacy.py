"""What may leave the reviewer's desk: masked identity numbers and names, inert spreadsheet cells.

Reports that are published (the 通报, summary workbooks, exported sheets) go to people who have
no need for a party's 身份证号 or a private person's full name, and spreadsheet programs run a
cell that begins with ``=`` as a formula.  These helpers are applied where text is written out,
never to the review JSON and the store (the checks need the full number).

- ``mask_id("370102197707129347") == "370102********9347"``: the region code and the last four
  stay (enough to tell two parties apart on a list), the birth date and sequence go.  The same
  shape for a 统一社会信用代码 (18 characters) and a first-generation 15-digit ID.
- ``mask_ids(text)`` masks every such number inside free text (quotes, messages): by shape, not
  by checksum, because the numbers worth hiding include the mistyped ones a finding quotes.
- ``mask_name("张三") == "张某"`` (``欧阳娜娜`` → ``欧阳某``), as Chinese judgments publish them.
- ``neutral_cell(value)``: OWASP's CSV-injection rule — a text starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return gets a leading apostrophe (CSV); ``needs_text_cell`` tells an
  XLSX writer to store the value as a string instead.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

# 18 characters: a resident ID (17 digits + check digit 0-9/X) or a unified social credit code
# (GB 32100: two register/type characters, six-digit region, nine-character organisation code,
# check character; letters from the code's alphabet without I, O, S, V, Z).  15: the ID card of
# before 1999.  The lookarounds make a number inside a longer run of letters/digits no match,
# and the fixed lengths keep the scan linear on any text.
_CREDIT_ALPHA = "0-9A-HJ-NPQRTUWXY"
_ID_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|[" + _CREDIT_ALPHA + r"]{2}\d{6}[" + _CREDIT_ALPHA + r"]{10}|\d{15})"
    r"(?![0-9A-Za-z])"
)
KEEP_HEAD = 6   # 行政区划代码: where the person or body is registered
KEEP_TAIL = 4

# Compound surnames keep both characters (欧阳某, not 欧某).
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "闻人", "澹台", "公冶", "申屠",
    "太史", "钟离", "东郭", "百里", "万俟", "司空", "赫连", "拓跋", "第五",
)

# A labelled private name inside a quote (姓名：张三, 被询问人：李四): label, separator, name.
_LABELLED_NAME_RE = re.compile(
    r"((?:姓\s*名|被询问人|被检查人|被调查人|委托代理人|代理人|法定代表人|负责人|见证人|联系人)\s*[:：]\s*)"
    r"([\u3400-\u9fff]{2,4})(?![\u3400-\u9fff])"
)

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def mask_id(number: str) -> str:
    """``370102197707129347`` → ``370102********9347``; short strings are starred whole."""
    s = str(number or "")
    if len(s) <= KEEP_HEAD + KEEP_TAIL:
        return "*" * len(s)
    return s[:KEEP_HEAD] + "*" * (len(s) - KEEP_HEAD - KEEP_TAIL) + s[-KEEP_TAIL:]


def mask_ids(text: Any) -> Any:
    """Every ID number or credit code inside ``text`` masked; non-strings pass unchanged."""
    if not isinstance(text, str) or len(text) < 15:
        return text
    return _ID_RE.sub(lambda m: mask_id(m.group(0)), text)


def mask_name(name: str) -> str:
    """张三 → 张某; 欧阳娜娜 → 欧阳某; a single character is kept (nothing to hide but the surname)."""
    s = (name or "").strip()
    if len(s) < 2:
        return s
    for sur in COMPOUND_SURNAMES:
        if s.startswith(sur) and len(s) > len(sur):
            return sur + "某"
    return s[0] + "某"


def mask_names(text: Any, names: Iterable[str] = ()) -> Any:
    """``text`` with each of ``names`` (private persons) and every labelled name reduced to 张某."""
    if not isinstance(text, str) or not text:
        return text
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return _LABELLED_NAME_RE.sub(lambda m: m.group(1) + mask_name(m.group(2)), text)


def redact(value: Any, *, ids: bool = True, names: Iterable[str] = (), skip_keys: Iterable[str] = ()) -> Any:
    """A copy of a JSON-like tree with every string masked (ID numbers, and the given names).

    ``skip_keys`` are dict keys whose values stay as they are (stable identifiers such as a
    finding's ``code`` or ``id``).
    """
    names = tuple(names)
    skip = frozenset(skip_keys)

    def walk(v):
        if isinstance(v, str):
            out = mask_ids(v) if ids else v
            return mask_names(out, names) if names else out
        if isinstance(v, dict):
            return {k: (x if k in skip else walk(x)) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x) for x in v]
        return v

    return walk(value)


def needs_text_cell(value: Any) -> bool:
    """Whether a spreadsheet would read this string as a formula (or a DDE command)."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def neutral_cell(value: Any) -> Any:
    """OWASP's CSV-injection rule: a leading ``= + - @ \\t \\r`` gets an apostrophe before it."""
    return "'" + value if needs_text_cell(value) else value
