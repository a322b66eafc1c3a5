"""Label: value fields of forms and headers ("当事人：…", "法定代表人 张三", table cells)."""
from __future__ import annotations

import re
from typing import Callable, Iterator, Optional

from .text import DocText
from .vocab import alternation

# Labels whose presence ends the value of the previous field even without a colon (vocabulary.yaml).
_STRONG = alternation("field_labels")
ALL_LABELS_RE = re.compile(rf"(?:{_STRONG})")
_STOP_PUNCT = "，。；,;"
# A field's value is read at most this far: no form field (name, address, 案由) runs longer
# without a line break or a stop, and on a line of thousands of labels an unbounded scan per
# label made extraction quadratic (minutes on one hostile page).
MAX_VALUE = 400
_VALUE_END_RE = re.compile("[\n" + _STOP_PUNCT + "]")


def _value_end(s: str, vs: int) -> int:
    """Where a value starting at ``vs`` ends: the line's end, a stop, or MAX_VALUE on."""
    stop = min(len(s), vs + MAX_VALUE)
    m = _VALUE_END_RE.search(s, vs, stop)
    return m.start() if m else stop


def _orig_gap_after(dt_: DocText, lpos: int) -> bool:
    """Was there whitespace in the original text right before line-view offset ``lpos``?"""
    if lpos <= 0 or lpos >= len(dt_.lines):
        return False
    return dt_.lmap[lpos] - dt_.lmap[lpos - 1] > 1


def label_values(dt_: DocText, label: str, stop_at_labels: bool = True,
                 weak_ok: Optional[Callable[[str], bool]] = None) -> Iterator[tuple[str, int, int, str]]:
    """(value, start, end, label) for each occurrence of ``label`` used as a field label.

    A label counts when a colon follows it, when it starts a line, or when the original text
    had a gap after it (a table cell); a word of running prose is not a label.  The value runs
    to the end of the line, sentence punctuation, or the next known label.  Offsets are in
    ``dt_.lines``.  Without a colon the label may be a word of prose ("经查，当事人自2024年…",
    a line starting "当事人逾期不履行的"): its value is kept only when ``weak_ok`` accepts it.
    """
    s = dt_.lines
    for a, b, label_text in _label_matches(dt_, label):
        # "当事人（单位）：", "被处罚人（个人）名称：": a short note between label and colon
        # A layout wrap may fall inside that note or right before the colon ("法定代表人（\n负责人）：",
        # "负责人\n：余霞"): the colon still belongs to the label.
        # (also inside the note: "法定代表人（负责⏎人）：")
        pm = re.match(r"\n?[（(]\n?(?:[^）)\n]{1,5}\n)?[^）)\n]{1,6}\n?[）)](?:名称|姓名)?\n?(?=[：；])", s[b:b + 18])
        if pm:
            b += pm.end()
        elif s.startswith("\n：", b):
            b += 1
        # OCR reads a colon as a semicolon now and then; right after a label it can only be a colon
        colon = s.startswith("：", b) or (s.startswith("；", b) and b + 1 < len(s) and s[b + 1] != "\n")
        line_start = a == 0 or s[a - 1] == "\n" or re.match(r"[\d一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]", s[max(0, a - 4):a]) is not None
        after_sep = a > 0 and s[a - 1] in "，。；、（(|" or _orig_gap_before(dt_, a)
        gap = _orig_gap_after(dt_, b)
        if not (colon or gap or line_start or after_sep):
            continue
        if not colon and not gap and s[b:b + 1] in ("的", "在", "于", "对", "已", "未", "是", "为", "因", "应", "有", "进", "称", "所", "向"):
            continue
        vs = b + 1 if colon else b
        ve = _value_end(s, vs)
        # value on the next line (a label alone in its cell); a label word ending a line of prose
        # ("本局决定对当事人\n作出如下…") is not a cell
        if ve == vs and ve < len(s) and s[ve] == "\n" and (colon or line_start):
            nl_end = s.find("\n", ve + 1)
            nl_end = len(s) if nl_end < 0 else nl_end
            nxt = s[ve + 1:nl_end]
            if nxt and not ALL_LABELS_RE.match(nxt) and len(nxt) <= 60:
                vs, ve = ve + 1, ve + 1
                ve = _value_end(s, vs)
        ve = _prose_wrap_end(s, a, vs, ve)
        val = s[vs:ve]
        if stop_at_labels and val:
            for lm in ALL_LABELS_RE.finditer(val):
                if lm.start() == 0:
                    continue
                nxt_colon = val.startswith("：", lm.end())
                if nxt_colon or _orig_gap_before(dt_, vs + lm.start()) or len(lm.group(0)) >= 3:
                    val = val[:lm.start()]
                    break
        end = vs + len(val)
        val = val.replace("\n", "")
        if not colon and val and weak_ok is not None and not weak_ok(val):
            continue   # no colon: a table cell or running prose ("当事人逾期不履行的"); the value must look right
        yield val, a, end, label_text


# the rest of a field a paragraph's wrap carried to the next line, up to the field's end mark
_WRAP_REST = re.compile(r"[^\n，。；,;：]{1,24}(?=[，。；,;])")


def _prose_wrap_end(s: str, a: int, vs: int, ve: int) -> int:
    """Where a value ends when the layout wrapped it: in a paragraph of fields run together
    ("当事人：某公司；住所：某市某区某大⏎街9号；负责人：邓⏎佳怡。") a value that meets the line's end
    before its ；/。 goes on at the start of the next line.  A form row has no such marks before
    its label, and a next line opening with a label is a new field, so both stay as they are."""
    if ve <= vs or ve >= len(s) or s[ve] != "\n":
        return ve
    line_start = s.rfind("\n", 0, a) + 1
    if not re.search(r"[，。；,;]", s[line_start:a]):
        return ve
    m = _WRAP_REST.match(s, ve + 1)
    if not m or ALL_LABELS_RE.match(m.group(0)):
        return ve
    return m.end()


def _label_matches(dt_: DocText, label: str) -> list[tuple[int, int, str]]:
    """Label occurrences in ``dt_.lines``, also those a line wrap cut in two ("法定代\n表人")."""
    s = dt_.lines
    out = [(m.start(), m.end(), m.group(0)) for m in re.finditer(rf"(?:{label})", s)]
    if "\n" not in s:
        return out
    # the flat view has no line breaks: a label found there that spans a break in the line view
    # was wrapped by the layout; offsets map through the original text
    inv = {o: i for i, o in enumerate(dt_.lmap[:len(s)])}
    seen = {a for a, _, _ in out}
    for m in re.finditer(rf"(?:{label})", dt_.flat):
        if m.end() - m.start() < 2:
            continue
        la, lb = inv.get(dt_.fmap[m.start()]), inv.get(dt_.fmap[m.end() - 1])
        if la is None or lb is None or la in seen or "\n" not in s[la:lb + 1]:
            continue
        out.append((la, lb + 1, m.group(0)))
    return sorted(out)


def _orig_gap_before(dt_: DocText, lpos: int) -> bool:
    if lpos <= 0 or lpos >= len(dt_.lmap):
        return False
    return dt_.lmap[lpos] - dt_.lmap[lpos - 1] > 1
