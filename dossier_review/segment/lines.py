"""Line-level reading of a page's text: offsets, title keys, dates, closing blocks, page marks.

Everything here works on ``Page.text`` (the normalised text) but does not trust the
normalisation: OCR output that still has spaces between characters, brackets of either
width or Chinese numerals in dates must read the same.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CJK_RE = re.compile(r"[\u3400-\u9fff]")

# Brackets of every width are dropped from title keys: agencies write 现场检查（勘验）笔录,
# 现场检查(勘验)笔录 and 现场检查勘验笔录 for the same form, and OCR confuses the widths.
_BRACKETS = "()（）〔〕【】[]［］「」『』<>＜＞{}｛｝"
_KEY_DROP = re.compile(r"[\s_＿·•・、/／\\|｜'\"“”‘’`~^*]+")
# What a title key keeps at its edges.  The edges are found by searching from each end for a
# character to keep (linear); an alternation ending in "[^…]+$" retried the whole run from every
# position inside a run of punctuation, which took minutes on a line of 10,000 "…".
_KEEP_CHAR = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")

CN_DIGITS = "〇零○OoΟ0一二三四五六七八九十"
_CN = "[〇零○OΟ一二三四五六七八九]"
DATE_RE = re.compile(
    r"(?:\d{4}|" + _CN + r"{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}(?!\d)"
)
# A date read badly (2023 -ec月20日, 20称年7月4日): enough to recognise a 落款 through a seal.
LOOSE_DATE_RE = re.compile(r"年.{0,4}月|月.{0,3}日|\d{4}.{0,6}日|\d{1,2}\s*日\s*$")
# An unfilled signature block (“年  月  日”) closes a form as surely as a filled one.
BLANK_DATE_RE = re.compile(r"年\s{1,}月\s{1,}日")

CLOSURE_RE = re.compile(
    r"以下空白|以下无正文|(?:此|本)页无正文|签\s*名|签\s*字|签\s*章|盖\s*章|印\s*章|公\s*章|捺\s*印|"
    r"(?:笔录|记录|以上).{0,8}(?:属实|无误|一致)|核对无误|看过|(?:签收|收件)人|（章）|\(章\)|"
    r"(?:当事人|被检查人|被询问人|本人)确认\s*[:：]"
)

# A 文号 line under a title: X市监罚〔2024〕12号, 编号：0012345.
DOC_NUMBER_RE = re.compile(r"^\s*\S{0,14}[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\s*\d+\s*号\s*$|^\s*编\s*号")

END_MARK_RE = re.compile(r"以\s*下\s*(?:空\s*白|无\s*正\s*文)|(?:此|本)\s*页\s*无\s*正\s*文")

_NUM = r"(\d{1,3}|[一二三四五六七八九十]{1,3})"
# Marks a document prints on its own pages (第2页 共3页, 共3页第2页, 续页).  A bare 第N页
# may also be the dossier's own page numbering; the segmenter decides which it is.
PAGE_OF_RE = re.compile(r"第\s*" + _NUM + r"\s*页\s*[,，、/／]?\s*共\s*" + _NUM + r"\s*页")
PAGE_OF_REV_RE = re.compile(r"共\s*" + _NUM + r"\s*页\s*[,，、/／]?\s*第\s*" + _NUM + r"\s*页")
BARE_PAGE_RE = re.compile(r"^\s*第\s*(\d{1,3})\s*页\s*$")
CONTINUED_RE = re.compile(r"续\s*页|[（(]\s*续\s*[)）]|续\s*表|接\s*上\s*页")
NUMBER_ONLY_RE = re.compile(r"^\s*[-—–－~_·.]*\s*(?:第\s*)?(\d{1,4})\s*(?:页)?\s*[-—–－~_·.]*\s*$")

QA_RE = re.compile(r"^\s*(?:问|答)\s*[:：]")

# A form's catalogue code printed above its title: （执法文书17-2）, 文书式样5, 样式3, 附表2-1,
# 【表 4】.  It belongs to the form below it, and is no title.
FORM_CODE_RE = re.compile(
    r"^\s*[（(【\[〔]?\s*(?:[\u3400-\u9fffA-Za-z]{0,10}(?:文书|样式|式样|格式|文本|附表|附件|表))\s*"
    r"[A-Za-z]{0,3}\s*[-—－]?\s*\d{1,3}(?:\s*[-—－.．]\s*\d{1,3}){0,2}\s*[）)】\]〕]?\s*$"
)


def is_form_code(text: str) -> bool:
    return bool(FORM_CODE_RE.match(text))


def cn_int(s: str) -> int:
    """Small Chinese or Arabic numbers as printed in page marks (二, 十二, 12)."""
    if s.isdigit():
        return int(s)
    import cn2an

    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):
        return 0


def title_key(text: str) -> str:
    """What is left of a line for title matching: no spaces, brackets, edge punctuation."""
    s = unicodedata.normalize("NFKC", text)
    s = s.translate({ord(c): None for c in _BRACKETS})
    s = _KEY_DROP.sub("", s)
    return _strip_edge_junk(s)


def _strip_edge_junk(s: str) -> str:
    first = _KEEP_CHAR.search(s)
    if first is None:
        return ""
    last = _KEEP_CHAR.search(s[::-1])
    return s[first.start(): len(s) - last.start()]


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))


@dataclass
class Line:
    index: int
    start: int      # offset of the line's first character in Page.text
    end: int        # offset just past its last character (before the newline)
    text: str

    @property
    def key(self) -> str:
        return title_key(self.text)

    @property
    def cjk(self) -> int:
        return cjk_count(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, part in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(part), part))
        pos += len(part) + 1
    return lines


def is_page_number_line(line: str) -> bool:
    return bool(NUMBER_ONLY_RE.match(line)) and cjk_count(line.replace("第", "").replace("页", "")) == 0


def meaningful(line: Line) -> bool:
    """A line carrying text: at least two CJK characters, or a long run of letters/digits."""
    if line.blank or is_page_number_line(line.text):
        return False
    return line.cjk >= 2 or len(re.sub(r"\W", "", line.text)) >= 6


def is_date_line(text: str) -> bool:
    """A line that is mostly a date: the date of a signature block, not one inside a sentence."""
    m = DATE_RE.search(text) or BLANK_DATE_RE.search(text)
    if not m:
        return False
    rest = title_key(text[: m.start()] + text[m.end():])
    return len(rest) <= 14 and "，" not in text and "。" not in text


def page_marks(text: str) -> tuple[int, int] | None:
    """(n, of) from a 第n页共m页 mark printed by the document itself."""
    m = PAGE_OF_RE.search(text)
    if m:
        return cn_int(m.group(1)), cn_int(m.group(2))
    m = PAGE_OF_REV_RE.search(text)
    if m:
        return cn_int(m.group(2)), cn_int(m.group(1))
    return None


def bare_page_numbers(lines: list[Line]) -> list[tuple[int, bool]]:
    """Numbers standing alone on the first or last lines: (number, written as 第N页)."""
    found = []
    texts = [ln for ln in lines if not ln.blank]
    for ln in texts[:2] + texts[-3:]:
        m = BARE_PAGE_RE.match(ln.text)
        if m:
            found.append((int(m.group(1)), True))
            continue
        m = NUMBER_ONLY_RE.match(ln.text)
        if m and cjk_count(ln.text) == 0:
            found.append((int(m.group(1)), False))
    return found
