"""Money amounts in figures (50000元, 5.5万元, ¥50,000.00) and in words (伍万元整,
壹仟贰佰元伍角), their role (fine, confiscation, …) and words/figures pairs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import cn2an

from dossier_review.lib.confusions import lookalikes
from dossier_review.model import Amount, AmountPair

from .text import DocText
from .vocab import named

_BIG = "零〇壹贰叁肆伍陆柒捌玖拾佰仟萬万亿億"
_SMALL = "零〇一二两三四五六七八九十百千万亿"
_WD = f"[{_BIG}{_SMALL}]"
_JD = "[零〇壹贰叁肆伍陆柒捌玖一二两三四五六七八九]"

# figures: "人民币50,000.00元", "5.5万元", "¥50000", "50000元整"; a figure followed by 万 must be
# followed by 元 (5万 alone is too often a count).  A trailing "元" is optional after ¥.
FIG = re.compile(
    r"(?P<cur>人民币|RMB|¥|\$)?[：]?(?P<n>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<wan>万|千)?(?P<unit>元|圆)?(?:整)?")
WORDS = re.compile(
    rf"(?P<cur>人民币)?[：]?(?P<w>{_WD}+)(?P<unit>[元圆])(?:(?P<j>{_JD})角)?(?:(?P<f>{_JD})分)?(?P<z>整)?")

# role of an amount → the words before it that give it (vocabulary.yaml)
_ROLE_WORDS: list[tuple[str, str]] = named("amount_roles")
_ROLE_RE = re.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_ROLE_WORDS)))
_CLAUSE_BREAK = re.compile(r"[，,。；;：:]")


@dataclass
class FoundAmount:
    yuan: float
    start: int
    end: int
    form: str
    role: str = "other"


def words_to_yuan(w: str, jiao: Optional[str] = None, fen: Optional[str] = None) -> Optional[float]:
    w = w.replace("萬", "万").replace("億", "亿").replace("〇", "零")
    try:
        v = float(cn2an.cn2an(w, "smart"))
    except Exception:
        return None
    for tok, scale in ((jiao, 0.1), (fen, 0.01)):
        if tok:
            try:
                v += float(cn2an.cn2an(tok.replace("〇", "零"), "smart")) * scale
            except Exception:
                pass
    return round(v, 2)


# what may stand right before an amount in words; on a scan anything else is likely a numeral
# OCR garbled ("会什贰佰元" for 叁仟贰佰元), and the readable tail alone would be a wrong amount
_WORDS_LEAD = set("款币写：（(为计额得值收处以罚金共约达缴纳付即合是的了，、；。\n ")
# a figure with cents after a currency sign OCR misread (¥ → f, F, #, Y: lib/ocr_confusions.yaml);
# not the tail of an exponent (1e308.00) or of a negative figure (-308.00)
_CENTS = re.compile(rf"(?<![\d.,\-－−])(?<!\d[eE])(?P<cur>[{lookalikes('¥')}¥]{{1,2}})?"
                    r"(?P<n>\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2})(?![\d.])")


def _not_a_whole_figure(s: str, at: int) -> bool:
    """Whether the digits at ``at`` are the tail of something else: a longer number (12.5), an
    exponent (1e308), or a negative figure (-5000; the range 1000-5000 is not).  A lone letter
    before a figure stays allowed: OCR reads ¥ as Y, F or f."""
    if at == 0:
        return False
    before, prev = s[at - 1], s[at - 2] if at > 1 else ""
    if before.isdigit() or before == ".":
        return True
    if before in "eE" and prev.isdigit():
        return True
    return before in "-－−" and not prev.isdigit()


def find_amounts(s: str, ocr: bool = False) -> list[FoundAmount]:
    out: list[FoundAmount] = []
    for m in WORDS.finditer(s):
        if ocr and m.start() > 0 and not m.group("cur") and s[m.start() - 1] not in _WORDS_LEAD \
                and "\u4e00" <= s[m.start() - 1] <= "\u9fff":
            continue
        w = m.group("w")
        # a single small-script digit before 元 ("每一元") is rarely an amount; 大写 always is
        if len(w) == 1 and w in _SMALL and not m.group("cur"):
            continue
        v = words_to_yuan(w, m.group("j"), m.group("f"))
        if v is None or v <= 0:
            continue
        out.append(FoundAmount(v, m.start(), m.end(), "words"))
    taken = [(a.start, a.end) for a in out]
    for m in FIG.finditer(s):
        if any(a <= m.start("n") < b for a, b in taken):
            continue
        cur, unit, wan = m.group("cur"), m.group("unit"), m.group("wan")
        if not unit and cur not in ("¥", "$", "RMB"):
            continue
        if _not_a_whole_figure(s, m.start("n")):
            continue
        try:
            v = float(m.group("n").replace(",", "").replace("，", ""))
        except ValueError:
            continue
        if wan == "万":
            v *= 10000
        elif wan == "千":
            v *= 1000
        # "(大写)…元" after a figure, or an 18-digit code: only plausible money
        if v <= 0 or v > 1e10:
            continue
        out.append(FoundAmount(round(v, 2), m.start(), m.end(), "figures"))
    if ocr:
        taken = [(a.start, a.end) for a in out]
        for m in _CENTS.finditer(s):
            if any(a <= m.start("n") < b for a, b in taken):
                continue
            ctx = s[max(0, m.start() - 6):m.start()]
            if m.group("cur") or "小写" in ctx or "金额" in ctx:
                v = float(m.group("n").replace(",", ""))
                if v > 0:
                    out.append(FoundAmount(round(v, 2), m.start(), m.end(), "figures"))
    taken = [(a.start, a.end) for a in out]
    for m in _BRACKETED_FIG.finditer(s):
        key = "n" if m.group("n") else "n2"
        if any(a <= m.start(key) < b for a, b in taken) or not _words_amount_before(s, m.start()):
            continue
        v = float(m.group(key).replace(",", "").replace("，", ""))
        if 0 < v <= 1e10:
            out.append(FoundAmount(round(v, 2), m.start(), m.end(), "figures"))
    out.sort(key=lambda a: a.start)
    return out


# "人民币壹万柒仟伍佰元整（17,500.00）": the figures that restate an amount in words need neither
# ¥ nor 元, and a scan often loses the ¥ (or garbles the words) — the bracket after the 元 of the
# words is what makes the bare number money.
# The opening "（¥" may come out of OCR as one other character ("元整羊111,300.00）"): then only
# money written in full (fen and closing bracket) counts.
_BRACKETED_FIG = re.compile(
    r"(?<=[元圆])整?(?:[（(](?:小写[：:]?)?(?P<n>\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
    r"|[^\d\s，,。；;：:（(]{1,2}(?P<n2>\d{1,3}(?:[,，]\d{3})+\.\d{2}|\d+\.\d{2}))[）)]")
_WORDS_NUMERAL = set("壹贰叁肆伍陆柒捌玖拾佰仟萬万亿億")


def _words_amount_before(s: str, at: int) -> bool:
    """Whether an amount in words (readable or partly garbled by OCR) ends at ``at``: 人民币 or
    大写 a short way before, or at least two 大写 numerals among the characters before the 元."""
    head = re.split(r"[，,。；;：:\n]", s[max(0, at - 18):at])[-1]
    if re.search(r"人民币|大写", head):
        return True
    return sum(c in _WORDS_NUMERAL for c in head) >= 2


def _role_for(s: str, a: FoundAmount, clause_start: int) -> str:
    ctx = s[clause_start:a.start]
    last = None
    for m in _ROLE_RE.finditer(ctx):
        last = m
    if last is None:
        return "other"
    for i, (_, role) in enumerate(_ROLE_WORDS):
        if last.group(f"r{i}") is not None:
            if role == "fine" and "加处罚款" in ctx[max(0, last.start() - 2):last.end() + 2]:
                return "late_fee"
            return role
    return "other"


# a bound of a range ("处五千元以上五万元以下罚款", "一万元至十万元"): the statute's range quoted,
# or a condition (违法所得五千元以上的), never an amount imposed
_RANGE_AFTER = re.compile(r"[元整]?(?:以上|以下|以内|至|到|～|~|—|－)")


def range_bound(s: str, a: FoundAmount) -> bool:
    return bool(_RANGE_AFTER.match(s, a.end))


def assign_roles(s: str, amounts: list[FoundAmount]) -> None:
    prev: Optional[FoundAmount] = None
    for a in amounts:
        # a clause ends at punctuation; the bracket of "伍万元（¥50000元）" does not end it
        cs = 0
        for m in _CLAUSE_BREAK.finditer(s, max(0, a.start - 40), a.start):
            cs = m.end()
        if prev and _paired(s, prev, a):
            a.role = prev.role
        else:
            a.role = _role_for(s, a, cs if cs else max(0, a.start - 40))
            # "没收其销售的过期食品，价值共计450元": the value of confiscated goods
            if a.role in ("goods_value", "other") and re.search(r"没收(?!违法所得)", s[max(0, a.start - 30):a.start]) \
                    and not re.search(r"[。；]", s[max(0, a.start - 30):a.start]):
                a.role = "confiscation"
            if a.role == "fine" and range_bound(s, a):
                a.role = "other"
        prev = a


_PAIR_GAP = re.compile(r"^[）)\]】]?(?:金额|合计|计)?[（(\[【]?(?:大写|小写)?[）)\]】]?[：:]?(?:人民币)?[¥￥$fFY#]{0,2}$")


def _paired(s: str, a: FoundAmount, b: FoundAmount) -> bool:
    if a.form == b.form:
        return False
    gap = s[a.end:b.start]
    return len(gap) <= 8 and bool(_PAIR_GAP.match(gap))


def extract_amounts(dt_: DocText, penalty_zone: Optional[tuple[int, int]] = None, ocr: bool = False
                    ) -> tuple[list[Amount], list[AmountPair], list[FoundAmount]]:
    """Amounts of a document; inside ``penalty_zone`` (the "决定…处罚如下：…" part of a decision or
    notice) an amount with no role word of its own is the fine: OCR often garbles the 罚款 before it."""
    s = dt_.flat
    found = find_amounts(s, ocr)
    assign_roles(s, found)
    if penalty_zone:
        for a in found:
            if a.role == "other" and penalty_zone[0] <= a.start < penalty_zone[1] and not range_bound(s, a):
                a.role = "fine"
    amounts = [Amount(role=a.role, yuan=a.yuan, page=dt_.page_f(a.start),
                      quote=dt_.quote_f(max(0, a.start - 16), a.end + 2), form=a.form,
                      conf=dt_.conf_f(a.start, a.end), box=dt_.box_f(a.start, a.end), read=dt_.read_f(a.start, a.end)) for a in found]
    pairs: list[AmountPair] = []
    for a, b in zip(found, found[1:], strict=False):
        if _paired(s, a, b):
            w, f = (a, b) if a.form == "words" else (b, a)
            pairs.append(AmountPair(words_yuan=w.yuan, figures_yuan=f.yuan,
                                    page=dt_.page_f(a.start),
                                    quote=dt_.quote_f(max(0, a.start - 8), b.end + 1),
                                    conf=dt_.conf_f(a.start, b.end), box=dt_.box_f(a.start, b.end), read=dt_.read_f(a.start, b.end)))
    if ocr:
        pairs.extend(_partial_pairs(dt_, s, found))
    return amounts, pairs, found


# a 大写 amount of which OCR garbled some characters ("壹拾万过什伍佰蒜抬元整" for 壹拾万壹仟伍佰贰拾元整):
# the whole value is unknown, but a digit read cleanly before its unit (伍佰) still fixes one place
_PARTIAL = re.compile(r"(?:人民币|大写[）)\]】]?[：:]?)(?P<w>[^\s\d，,。；;：:（()）\[\]【】¥￥]{2,16}?)[元圆]整?")
_BIG_DIGIT = {c: i + 1 for i, c in enumerate("壹贰叁肆伍陆柒捌玖")}
_BIG_UNIT = {"仟": 3, "佰": 2, "拾": 1}
_CLEAN = set(_BIG + _SMALL)


def _section_disagrees(sec: str, expect: int) -> bool:
    """Whether a 万-section of the words (readable or not) contradicts ``expect`` (0–9999)."""
    if not sec:
        return expect != 0
    if all(c in _BIG for c in sec):
        try:
            return int(cn2an.cn2an(sec.replace("〇", "零"), "smart")) != expect
        except Exception:
            return False
    places = f"{expect:04d}"
    for i, c in enumerate(sec):
        if c in _BIG_UNIT and i > 0 and sec[i - 1] in _BIG_DIGIT:
            if int(places[3 - _BIG_UNIT[c]]) != _BIG_DIGIT[sec[i - 1]]:
                return True
    return False


def _partial_pairs(dt_: DocText, s: str, found: list[FoundAmount]) -> list[AmountPair]:
    out: list[AmountPair] = []
    words_spans = [(a.start, a.end) for a in found if a.form == "words"]
    for m in _PARTIAL.finditer(s):
        w = m.group("w")
        if all(c in _CLEAN for c in w) or sum(c in _BIG for c in w) < 3:
            continue
        if any(a < m.end() and m.start("w") < b for a, b in words_spans):
            continue
        fig = next((a for a in found if a.form == "figures" and a.start >= m.end() - 1), None)
        if fig is None or not _PAIR_GAP.match(s[m.end():fig.start]) or len(s[m.end():fig.start]) > 8:
            continue
        total = int(round(fig.yuan))
        parts = re.split("[万萬]", w)
        # without a readable 万 the places of a five-figure amount cannot be told apart
        if len(parts) != 2 or total < 10000 or total >= 10 ** 8:
            continue
        high = _section_disagrees(parts[0], total // 10000)
        if high or _section_disagrees(parts[1], total % 10000):
            # a disagreement in the 万 section rests on that section, its 万 and the figures: when
            # OCR read those surely the mismatch is the document's (the garbled rest is irrelevant)
            w0 = m.start("w")
            conf = None
            if high and dt_.cconf is not None:
                conf = min(dt_.conf_f(w0, w0 + len(parts[0]) + 1) or 0.0, dt_.conf_f(fig.start, fig.end) or 0.0)
            readable = sum(_BIG_DIGIT[p[i - 1]] * 10 ** _BIG_UNIT[c] * mul
                           for p, mul in zip(parts, (10000, 1), strict=False)
                           for i, c in enumerate(p) if c in _BIG_UNIT and i > 0 and p[i - 1] in _BIG_DIGIT)
            out.append(AmountPair(words_yuan=float(readable), figures_yuan=fig.yuan,
                                  page=dt_.page_f(m.start()),
                                  quote=dt_.quote_f(max(0, m.start() - 4), fig.end + 1),
                                  words_partial=True, conf=conf, box=dt_.box_f(m.start(), fig.end), read=dt_.read_f(m.start(), fig.end)))
    return out
