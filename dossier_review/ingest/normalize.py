"""Text normalisation shared by every later stage (``Page.text``); ``Page.raw_text`` keeps the original.

Conservative on purpose: each rule removes an artefact of OCR or of PDF text extraction and
never changes what the document says.  Line breaks are kept (later stages read lines); a run of
two or more spaces, which marks a gap between table cells or columns, stays as two spaces, while a
single space next to a Chinese character (Tesseract puts one between every two) is dropped.
"""
from __future__ import annotations

import re
import unicodedata

# Look-alike code points a broken font map puts in a text layer (Kangxi radicals, the CJK radicals
# supplement, compatibility ideographs): mapped to the unified ideographs the page shows.
# CJK radicals supplement → the unified ideograph each one stands for (Unicode's
# EquivalentUnifiedIdeograph.txt); NFKC maps only U+2E9F and U+2EF3 of this block
SUPPLEMENT = {
    "⺁": "厂", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜", "⺋": "㔾", "⺐": "尢", "⺒": "巳",
    "⺓": "幺", "⺕": "彐", "⺖": "忄", "⺘": "扌", "⺙": "攵", "⺜": "日", "⺝": "月", "⺠": "民",
    "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺦": "丬", "⺧": "牜", "⺨": "犭", "⺩": "王",
    "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺯": "糸", "⺰": "纟", "⺲": "罒", "⺷": "羊",
    "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹",
    "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝",
    "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "镸",
    "⻓": "长", "⻔": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风",
    "⻜": "飞", "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐", "⻭": "歯",
    "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀",
}


def _lookalike_codepoint_table() -> dict[int, str]:
    table = {ord(k): v for k, v in SUPPLEMENT.items()}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            mapped = unicodedata.normalize("NFKC", ch)
            if mapped != ch and len(mapped) == 1:
                table[cp] = mapped
    return table


LOOKALIKE_CODEPOINTS = _lookalike_codepoint_table()


def canonical(text: str) -> str:
    """``text`` with look-alike code points replaced by the unified ideographs they show."""
    return text.translate(LOOKALIKE_CODEPOINTS)


from ..lib.confusions import MENDS, digit_lookalikes, lookalikes

# Chinese ideographs, 〇, CJK symbols/punctuation and full-width forms count as "Chinese context".
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_CJK = _HAN + _CJK_PUNCT

# full-width digits and Latin letters → ASCII (a scanner's ＯＣＲ and a typist's ２０２４ mean 2024)
_WIDTH = {c: c - 0xFEE0 for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x09: 0x20,
               0xFF0E: 0x2E,  # ． is a decimal point or dot, never Chinese 。
               0xFFE5: 0xA5, 0xFF04: 0x24})  # ￥ → ¥, ＄ → $

_GAP = "\ue000"
_SPACES = re.compile(r" {2,}")
_SINGLE_SPACE_CJK = re.compile(rf"(?<=[{_CJK}]) (?=\S)|(?<=\S) (?=[{_CJK}])")
_NUM_SEP = re.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))")
_NUM_DOT = re.compile(r"(?<=\d)[。](?=\d{1,2}(?!\d)\s*[元)）]?)")
# a run of digits with O/o/l/I/| standing for 0/1, inside Chinese text (not inside a Latin code)
_DIGIT_LOOKALIKES = digit_lookalikes()
_DIGITISH = re.compile(rf"(?<![A-Za-z0-9])[0-9{''.join(_DIGIT_LOOKALIKES)}]{{2,}}(?![A-Za-z0-9])")
_DIGIT_MEND = str.maketrans(_DIGIT_LOOKALIKES)
_ZERO_LOOKALIKES = lookalikes("〇")
_CN_YEAR = re.compile(rf"[〇{_ZERO_LOOKALIKES}零一二三四五六七八九]{{4}}(?=\s*年)")
_DOC_NO = re.compile(
    rf"(?P<pre>[{_HAN}]{{1,16}})\s*[\[【〔(（［〈<]{{1,2}}\s*(?P<year>(?:19|20)\d{{2}})\s*[\]】〕)）］〉>]{{1,2}}\s*(?P<no>第?\s*\d{{1,6}}\s*号)"
)
# Tesseract chi_sim confusions seen on case files, mended only inside words they cannot belong to
# (罚 read as 昼 in 行政处昼决定书, 日 as 目/曰/晶 in dates …): lib/ocr_confusions.yaml's mends.
_CONFUSIONS = MENDS
_LONE_OPEN = re.compile(rf"\((?=\s*[{_HAN}])|(?<=[{_CJK}])\s*\(")
_LONE_CLOSE = re.compile(rf"(?<=[{_HAN}])\s*\)|\)(?=\s*[{_CJK}])")
_PAREN = re.compile(r"[(（]([^()（）\n]{0,60})[)）]")
_LAW_ANGLE = re.compile(rf"(?:<<|〈〈|«)([^<>〈〉«»\n]*[{_HAN}][^<>〈〉«»\n]*)(?:>>|〉〉|»)")
_HALF_PUNCT = {":": "：", ";": "；", ",": "，", "?": "？", "!": "！"}
_HALF_PUNCT_RE = re.compile(rf"(?<=[{_HAN}])\s*([:;,?!])\s*|\s*([:;,?!])\s*(?=[{_HAN}])")


def _is_han(ch: str) -> bool:
    return bool(ch) and re.match(rf"[{_HAN}]", ch) is not None


def _fix_digitish(m: re.Match) -> str:
    run = m.group(0)
    digits = sum(c.isdigit() for c in run)
    if digits == len(run) or digits < max(1, len(run) // 2):
        return run
    src = m.string
    before = src[m.start() - 1] if m.start() else ""
    after = src[m.end()] if m.end() < len(src) else ""
    # only where the surroundings say "number": Chinese text or date/number separators next to it
    context = before + after
    if not any(_is_han(c) or c in "-./:年月日号第条款项元¥￥" for c in context):
        return run
    return run.translate(_DIGIT_MEND)


def _fix_cn_year(m: re.Match) -> str:
    run = m.group(0)
    han = sum(c in "〇零一二三四五六七八九" for c in run)
    if han < 2:
        return run
    return re.sub(rf"[{_ZERO_LOOKALIKES}]", "〇", run)


def _fix_paren(m: re.Match) -> str:
    inner = m.group(1)
    src = m.string
    before = src[m.start() - 1] if m.start() else ""
    after = src[m.end()] if m.end() < len(src) else ""
    if _is_han(before) or _is_han(after) or re.search(rf"[{_HAN}]", inner):
        return f"（{inner.strip()}）"
    return m.group(0)


def _fix_doc_no(m: re.Match) -> str:
    # 文号 use 〔〕 around the year; OCR reads them as [] 【】 () and doubles them
    number = "".join(m.group("no").split())
    return f"{m.group('pre')}〔{m.group('year')}〕{number}"


_DOC_NO_SPLIT = re.compile(
    rf"(?P<pre>[{_HAN}]{{1,16}})[\[【〔(（［]{{1,2}}(?P<year>(?:19|20)\d{{2}})[\]】〕)）］]{{1,2}}\n(?P<no>第?\d{{1,6}}号)"
)


def _fix_doc_no_split(m: re.Match) -> str:
    return f"{m.group('pre')}〔{m.group('year')}〕\n{m.group('no')}"


def _fix_half_punct(m: re.Match) -> str:
    return _HALF_PUNCT[m.group(1) or m.group(2)]


def normalize_line(line: str) -> str:
    line = line.translate(LOOKALIKE_CODEPOINTS).translate(_WIDTH).strip()
    if not line:
        return ""
    # keep cell gaps as one space, then drop the spaces OCR puts around Chinese characters
    # (a private-use mark holds the gap so that the space rules below cannot eat it)
    line = _GAP.join(_SINGLE_SPACE_CJK.sub("", p) for p in _SPACES.split(line))
    line = _NUM_SEP.sub(",", line)
    line = _NUM_DOT.sub(".", line)
    line = _DIGITISH.sub(_fix_digitish, line)
    line = _CN_YEAR.sub(_fix_cn_year, line)
    line = _DOC_NO.sub(_fix_doc_no, line)
    line = _LAW_ANGLE.sub(r"《\1》", line)
    line = _PAREN.sub(_fix_paren, line)
    # a bracket whose partner is on another line (or lost): full-width when it touches Chinese
    line = _LONE_OPEN.sub("（", line)
    line = _LONE_CLOSE.sub("）", line)
    for pattern, repl in _CONFUSIONS:
        line = pattern.sub(repl, line)
    line = _HALF_PUNCT_RE.sub(_fix_half_punct, line)
    # a space left between Chinese and its full-width punctuation after the swaps above
    line = _SINGLE_SPACE_CJK.sub("", line)
    # two spaces, so that normalising normalised text changes nothing
    return line.replace(_GAP, "  ")


def normalize(text: str) -> str:
    """Normalised copy of ``text`` (see module doc); line structure is kept, blank runs collapse to one."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    out: list[str] = []
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    # a 文号 broken over two lines: 告【2024]⏎第345号
    return _DOC_NO_SPLIT.sub(_fix_doc_no_split, "\n".join(out))
