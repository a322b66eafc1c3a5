"""Dates and times: find every date, give it a role from the label next to it, pick the
document's own (落款) date and a record's start/end time."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from dossier_review.lib.confusions import lookalikes
from dossier_review.model import DateFact, Evidence

from .text import DocText, to_int
from .vocab import named

# 〇 and what OCR reads in its place (lib/ocr_confusions.yaml) count as a year's zero
_ZERO = "〇零" + lookalikes("〇")
_CN_YEAR_DIGIT = {**{c: 0 for c in _ZERO + "Ｏ"},
                  "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YCN = f"[{_ZERO}一二三四五六七八九]"
_DAY = "日" + lookalikes("日")
_MDCN = "[一二三四五六七八九十〇零]"

# 2024年3月12日 / 二〇二四年三月十二日 (OCR: 曰 for 日, 号 in speech)
DATE_CN = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|{_YCN}{{4,5}})年(?P<m>\d{{1,2}}|{_MDCN}{{1,2}})月"
    rf"(?P<d>\d{{1,2}}|{_MDCN}{{1,3}})[{_DAY}号]?")
# 2024.3.12 / 2024-03-12 / 2024/3/12: the same separator twice, no digit around it
# (the flat view drops the space in "2024/11/13 12:50": a day may run straight into a time)
DATE_NUM = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<s>[.\-/])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
                      r"(?:(?![\d.]\d|[:：]\d)|(?=\d{1,2}[:：]\d{2}))")
DATE_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_HCN = "[零〇一二三四五六七八九十]"
TIME = re.compile(
    rf"(?P<ap>上午|下午|晚上|早上|中午)?(?P<h>\d{{1,2}}|{_HCN}{{1,3}})(?:时|点|[：:](?=\d))"
    rf"(?:(?P<mi>\d{{1,2}}|{_HCN}{{1,3}}|整)分?)?")
# OCR reads a dash between two times as 一 (yi) or a look-alike: between a time and digits it
# can only be the range mark
_RANGE = re.compile(r"(?:起)?(?:至|到|—|－|-|~|～|起至|止至|[一–ー](?=\d))")
_TIME_RANGE = re.compile(r"(?<![\d.])(\d{1,2}[：:]\d{2}|\d{1,2}时\d{0,2}分?)(?:起)?(?:至|到|—|－|-|~|～|[一–ー](?=\d))"
                         r"(\d{1,2}[：:]\d{1,2}|\d{1,2}时\d{0,2}分?)")
_RANGE_END_CTX = re.compile(r"^.{0,12}?(?:至|止)")

OWN_ROLE = {
    "filing": "filed", "case_source": "other", "inspection": "inspected", "inquiry": "inquired",
    "prior_notice": "notice_issued", "hearing_notice": "hearing_notified",
    "statement_record": "statement", "hearing_record": "hearing", "legal_review": "legal_review",
    "collective_discussion": "discussed", "approval": "approved", "decision": "decided",
    "service_receipt": "served", "payment": "paid", "closing": "closed",
}
ISSUED_TYPES = {"decision", "prior_notice", "hearing_notice", "inquiry_notice"}
RECORD_TYPES = {"inspection", "inquiry", "hearing_record", "collective_discussion", "statement_record"}

# label (just before the date) -> role; the nearest label wins.  Order does not matter (vocabulary.yaml).
_LABELS: list[tuple[str, str]] = named("date_labels")
_LABEL_RE = re.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_LABELS)))

# narrative: the verb right after the date tells what happened on it ("于2024年3月1日对…进行现场检查")
_AFTER: list[tuple[str, str]] = named("date_after")

# A verb announcing when something will take place (本局定于…举行听证, 拟于…召开).
_SCHEDULED = re.compile(r"(?:定于|拟于|订于|将于|拟定于)\s*$")
_SCHEDULED_REACH = 80


@dataclass
class FoundDate:
    date: dt.date
    start: int           # flat offsets
    end: int             # end of date (and time, when given)
    time: Optional[str] = None
    end_time: Optional[str] = None     # "HH:MM" of a range's end
    end_date: Optional[dt.date] = None
    role: str = "other"
    labelled: bool = False
    scheduled: bool = False     # announced for the future (定于…), never the document's own date


def _year(tok: str) -> Optional[int]:
    if tok.isdigit():
        return int(tok)
    digits = [_CN_YEAR_DIGIT.get(ch) for ch in tok]
    if any(d is None for d in digits):
        return None
    if len(digits) == 5:
        # OCR doubles a round 〇 now and then ("二〇〇二四"): drop one of two adjacent zeros
        for i in range(4):
            if digits[i] == 0 and digits[i + 1] == 0:
                digits = digits[:i] + digits[i + 1:]
                break
        else:
            return None
    return int("".join(str(d) for d in digits))


def _md(tok: str) -> Optional[int]:
    if tok.isdigit():
        return int(tok)
    tok = tok.replace("〇", "零")
    return to_int(tok)


def _time_at(s: str, pos: int) -> tuple[Optional[str], int]:
    m = TIME.match(s, pos)
    if not m:
        return None, pos
    h = to_int(m.group("h"))
    mi_tok = m.group("mi")
    mi = 0 if (mi_tok in (None, "整")) else to_int(mi_tok)
    if h is None or mi is None or h > 24 or mi > 59:
        return None, pos
    if m.group("ap") in ("下午", "晚上") and h < 12:
        h += 12
    return f"{h:02d}:{mi:02d}", m.end()


def parse_date_at(s: str, pos: int) -> Optional[tuple[dt.date, int]]:
    for rx in (DATE_CN, DATE_NUM):
        m = rx.match(s, pos)
        if m:
            d = _mk(m)
            if d:
                return d, m.end()
    return None


def _mk(m: re.Match, day: Optional[str] = None) -> Optional[dt.date]:
    y, mo, d = _year(m.group("y")), _md(m.group("m")), _md(day or m.group("d"))
    if not (y and mo and d):
        return None
    if not (1980 <= y <= 2100):
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# what may follow a one-digit day run together with a time ("2025/7/8 12:40" flattened)
_TIME_AHEAD = re.compile(r"\d{1,2}(?:[：:]\d{2}|时)")


def _num_day(s: str, m: re.Match, breaks: frozenset) -> tuple[Optional[dt.date], int]:
    """The date of a DATE_NUM match and where it ends.  The flat view drops the space between a
    numeric date and what follows it: "2025/7/8 12:40" reads "2025/7/812:40", and a date closing
    a page runs into the page number below it ("2025/7/2⏎1").  A two-digit day whose second digit
    stood after a space or line break in the original (``breaks``) ends before that digit; so does
    one that is no valid day when its first digit is and a time follows."""
    d = _mk(m)
    day = m.group("d")
    if len(day) == 2:
        cut = m.start("d") + 1
        if cut in breaks or (d is None and _TIME_AHEAD.match(s, cut)):
            short = _mk(m, day[0])
            if short:
                return short, cut
    return d, m.end()


def _wrapped_minutes(s: str, at: int, breaks: frozenset) -> Optional[str]:
    """The minutes of a time cut after its colon: two digits standing alone between two breaks
    (a line of their own in the original) within the next 40 characters; None otherwise."""
    if not breaks:
        return None
    for m in re.finditer(r"\d{2}", s[at:at + 40]):
        a, b = at + m.start(), at + m.end()
        if a in breaks and (b in breaks or b == len(s)) and not s[a - 1:a].isdigit() \
                and not s[b:b + 1].isdigit() and int(m.group()) < 60:
            return m.group()
    return None


def find_dates(s: str, breaks: frozenset = frozenset()) -> list[FoundDate]:
    """Every date in ``s`` (a flat view) with a time and a range end when written; ``breaks``
    are the flat offsets that had whitespace or a line break before them in the original."""
    found: list[FoundDate] = []
    # offsets inside a date already found (a mask, not a list of spans: checking each match
    # against every earlier span was quadratic on a page of thousands of dates)
    taken = bytearray(len(s) + 1)
    for m in DATE_COMPACT.finditer(s):
        # "缴款日期 20240924" (bank receipts): eight digits count only right after a date label
        if re.search(r"(?:日期|时间)[：]?$", s[max(0, m.start() - 6):m.start()]):
            d = _mk(m)
            if d:
                found.append(FoundDate(d, m.start(), m.end()))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for rx in (DATE_CN, DATE_NUM):
        for m in rx.finditer(s):
            if taken[m.start()]:
                continue
            if rx is DATE_CN and m.group()[-1] not in "日曰号" and re.match(r"[^\d\s日曰号]{1,2}\d{1,2}[日曰号]", s[m.end():m.end() + 5]):
                continue   # "2024年9月2了7日": OCR broke the day; its first digit is not the day
            d, end = _num_day(s, m, breaks) if rx is DATE_NUM else (_mk(m), m.end())
            if not d:
                continue
            fd = FoundDate(d, m.start(), end)
            t, p = _time_at(s, fd.end)
            if t:
                fd.time, fd.end = t, p
            # range: "…9时30分至10时45分", "…起至2024年3月12日10时45分止"
            r = _RANGE.match(s, fd.end)
            if r and fd.time:
                q = r.end()
                nd = parse_date_at(s, q)
                if nd:
                    fd.end_date, q = nd
                t2, q2 = _time_at(s, q)
                if t2:
                    if not fd.end_date and t2 < fd.time and int(t2[:2]) + 12 < 24:
                        # "下午2时10分至3时": the end inherits the afternoon
                        t2 = f"{int(t2[:2]) + 12:02d}{t2[2:]}"
                    fd.end_time, fd.end = t2, q2
                    if s.startswith("止", fd.end):
                        fd.end += 1
                elif (h := re.match(r"(\d{1,2})[：:]", s[q:q + 3])) and (mi := _wrapped_minutes(s, q + h.end(), breaks)):
                    # "12:55—14:" in a form's cell whose minutes ("20") the layout wrapped onto a
                    # line of their own further down
                    t2, _ = _time_at(f"{h.group(1)}:{mi}", 0)
                    if t2:
                        fd.end_time, fd.end = t2, q + h.end()
            taken[m.start():fd.end] = b"\x01" * (fd.end - m.start())
            found.append(fd)
    found.sort(key=lambda f: f.start)
    # A form's time cell laid out around its label ("二〇二三年七月二十五日 / 时间 地点 … /
    # 15:05—16:36"): a date with no time takes the time range that follows it closely, when no
    # other date and no sentence end come between.
    for i, f in enumerate(found):
        if f.time:
            continue
        limit = min(f.end + 40, found[i + 1].start if i + 1 < len(found) else len(s))
        for r in _TIME_RANGE.finditer(s, f.end, limit):
            if re.search(r"[。；]", s[f.end:r.start()]):
                break
            t1, _ = _time_at(r.group(1), 0)
            t2, _ = _time_at(r.group(2), 0)
            if t1 and t2:
                f.time, f.end_time = t1, t2
            break
    # "时间：2024年3月12日9时30分起 …… 10时45分止" (end written separately, time only)
    for f in found:
        if f.time and not f.end_time and s.startswith("起", f.end):
            m = re.compile(r"(?:至|到)?(\d{1,2}[时:：]\d{0,2}分?)止").search(s, f.end, f.end + 30)
            if m:
                t2, _ = _time_at(m.group(1), 0)
                f.end_time = t2
    return found


def _label_role(ctx: str) -> Optional[str]:
    last = None
    for m in _LABEL_RE.finditer(ctx):
        last = m
    if not last:
        return None
    for i, (_, role) in enumerate(_LABELS):
        if last.group(f"r{i}") is not None:
            return role
    return None


def assign_roles(dt_: DocText, found: list[FoundDate], doc_type: str) -> None:
    s = dt_.flat
    prev_end = 0
    own = OWN_ROLE.get(doc_type, "other")
    for f in found:
        ctx = s[max(prev_end, f.start - 14):f.start]
        # a label of an earlier sentence does not reach over its full stop
        cut = max(ctx.rfind("。"), ctx.rfind("；"))
        if cut >= 0:
            ctx = ctx[cut + 1:]
        role = _label_role(ctx)
        if role == "generic_time":
            role = own if doc_type in RECORD_TYPES else None
        if role in ("approved",) and doc_type == "filing":
            role = "filed"       # the head's approval of a filing form is the filing date
        if role == "served" and doc_type == "prior_notice":
            role = "notice_served"
        if role is None:
            after = s[f.end:f.end + 20]
            for pat, r in _AFTER:
                if re.match(pat, after):
                    role = r
                    break
        if role is None and _SCHEDULED.search(ctx):
            # "定于2024年1月23日13时20分在……举行听证": the day of an event the document announces,
            # not the day it was written, whatever comes between it and the verb (a place).
            f.scheduled = True
            sentence = re.split(r"[。；]", s[f.end:f.end + _SCHEDULED_REACH])[0]
            if re.search(r"(?:举行|召开|参加)听证|听证会", sentence):
                role = "hearing"
        f.labelled = role is not None and role != "signed"
        f.role = role or "other"
        prev_end = f.end


def own_date(dt_: DocText, found: list[FoundDate], doc_type: str) -> Optional[FoundDate]:
    """The document's own date: a record's time line, else the last date of the 落款 area."""
    if not found:
        return None
    own = OWN_ROLE.get(doc_type)
    if doc_type in RECORD_TYPES:
        for f in found:
            if f.role == own and f.time:
                return f
        for f in found:
            if f.role == own:
                return f
        # an unlabelled date carrying a time range is the record's own time line
        for f in found:
            if f.role == "other" and f.time and f.end_time:
                return f
    if doc_type == "service_receipt":
        for f in found:
            if f.role == "served":
                return f
    n = len(dt_.flat)
    # the closing block: the last ~400 characters, or all of a short form
    tail_start = max(0, min(n - 200, max(int(n * 0.7), n - 400)))
    tail = [f for f in found if f.start >= tail_start and not f.scheduled
            and f.role in ("other", "signed", own, "approved", "decided")]
    if tail:
        return tail[-1]
    if doc_type in ISSUED_TYPES:
        return None    # a notice or decision is dated in its closing block; a fact date is not its date
    unl = [f for f in found if f.role in ("other", "signed", own) and not f.scheduled]
    if unl:
        return unl[-1]
    return found[-1]


def date_facts(dt_: DocText, doc_type: str) -> tuple[list[DateFact], Optional[FoundDate], list[FoundDate]]:
    fmap = dt_.fmap
    breaks = frozenset(i for i in range(1, len(dt_.flat)) if fmap[i] - fmap[i - 1] > 1)
    found = find_dates(dt_.flat, breaks)
    assign_roles(dt_, found, doc_type)
    own = own_date(dt_, found, doc_type)
    own_role = OWN_ROLE.get(doc_type, "other")
    facts: list[DateFact] = []
    for f in found:
        role = f.role
        if f is own and role in ("other", "signed", "approved") and own_role != "other":
            role = own_role
        year = year_length(dt_.flat[f.start:f.end])
        facts.append(DateFact(role=role, date=f.date, page=dt_.page_f(f.start),
                              quote=dt_.quote_f(max(0, f.start - 12), f.end), time=f.time,
                              conf=dt_.conf_f(f.start, f.end),
                              day_conf=dt_.conf_f(f.start + year, f.end) if year else None,
                              box=dt_.box_f(f.start, f.end), read=dt_.read_f(f.start, f.end)))
    return facts, own, found


_YEAR_PREFIX = re.compile(r"[^年.\-/]{2,6}[年.\-/]")


def year_length(date_text: str) -> int:
    """Characters of the year and its mark at the start of a written date ("2024年", "二〇二四年",
    "2024."); 0 when it does not start with one."""
    m = _YEAR_PREFIX.match(date_text)
    return m.end() if m else 0


def record_times(own: Optional[FoundDate]) -> tuple[Optional[str], Optional[str]]:
    if not own or not own.time:
        return None, None
    start = f"{own.date.isoformat()} {own.time}"
    end = None
    if own.end_time:
        end = f"{(own.end_date or own.date).isoformat()} {own.end_time}"
    return start, end


def blank_date_residue(dt_: DocText) -> list[Evidence]:
    """A "年 月 日" left blank in a template (no digits before 年, between 年/月/日)."""
    out = []
    for m in re.finditer(r"(?<![\d〇零○一二三四五六七八九十OoΟ出生])年[_\s]*月[_\s]*日", dt_.flat):
        out.append(dt_.ev_f(max(0, m.start() - 10), m.end()))
    return out


_YEARISH = re.compile(r"(?:19|20)\d{2}|[二〇OoΟ○零]{2,}|[〇○零Oo][一二三四五六七八九]")


def date_illegible(dt_: DocText, found: list[FoundDate]) -> Optional[Evidence]:
    """A date-shaped line in the closing block that did not parse (a seal over the date on a
    scan: "所”二o五二月+七日", "OO二La四月富有"): the date is there but unreadable, not missing."""
    spans = dt_.line_spans
    lines = dt_.lines.split("\n")
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i].strip()
        if not ln or re.fullmatch(r"[-—\d\s]{1,6}", ln):
            continue          # blank, or the printed page number
        seen += 1
        if seen > 5:
            break
        if re.search(r"[，。；]", ln) and len(ln) > 12:
            continue          # a sentence of the text ("每日按罚款数额的百分之三…"), not a date line
        a, b = spans[i]
        fa, fb = dt_.l2f(a), dt_.l2f(b)
        if any(fa <= f.start < fb for f in found):
            continue
        marks = sum(ln.count(c) for c in "年月日")
        above = lines[i - 1] if i > 0 else ""
        under_agency = bool(re.search(r"局|委员会|政府|执法|大队|支队", above))
        if (marks >= 2 or (marks >= 1 and (_YEARISH.search(ln) or under_agency))) and len(ln) <= 30:
            return dt_.ev_l(a, b)
    return None


# A record's time field: its label and what stands after it, up to the next field on the line.
_TIME_FIELD = re.compile(r"(?:询问|检查|勘验|勘查|调查|笔录)?时\s*间\s*[:：]?\s*(?P<v>.*?)\s*(?:地\s*点|$)")
_TIME_FIELD_LINES = 8


def time_field_unread(dt_: DocText, found: list[FoundDate]) -> Optional[Evidence]:
    """A record's 时间 field near its top holding text that is no date (a scan read
    "时间  区汪本汪汪人2  地点 …"): the time was written and misread, not left out."""
    spans = dt_.line_spans
    lines = dt_.lines.split("\n")
    for i, ln in enumerate(lines[:_TIME_FIELD_LINES]):
        m = _TIME_FIELD.search(ln)
        # a blank template ("时间：    年  月  日  时  分至  时  分") is a time left out
        if not m or len(re.sub(r"[\s_年月日时分至起止—\-:：]", "", m.group("v"))) < 2:
            continue
        a, b = spans[i]
        fa, fb = dt_.l2f(a), dt_.l2f(b)
        if any(fa <= f.start < fb for f in found):
            return None       # a date was read there: the field was read
        return dt_.ev_l(a, b)
    return None
