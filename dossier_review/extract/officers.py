"""Enforcement officers and their certificate numbers; whether certificates were shown."""
from __future__ import annotations

import re
from typing import Optional

from dossier_review.model import Evidence, Officer

from .dates import DATE_CN, DATE_NUM, parse_date_at
from .labels import ALL_LABELS_RE
from .nlp import AFTER_NAME, known_names, leading_name, split_names
from .text import DocText
from .vocab import alternation

OFFICER_LABEL = re.compile(rf"(?<![被受])(?:{alternation('officer_labels')})(?:（?签名）?|签字|签章)?")
CERT_LABEL = re.compile(alternation("certificate_labels"))
_FILLER = re.compile(r"^(?:分别为|分别是|依次为|分别|为|是|：|（|）)+")
_CERT_SIMPLE = re.compile(r"[A-Za-z0-9\-]*\d{5,}[A-Za-z0-9\-]*")
# labels that end an officer field (another field of the form starts)
_END = re.compile(alternation("officer_field_ends"))
# "出示了湖南省行政执法证", "出示《行政执法证》", "执法证件已向当事人出示", "查看了执法人员的执法证件"
_SHOWN = re.compile(
    r"(?<!未)(?<!没有)(?<!未向当事人)(?:出示|出具)(?:了)?[^，,。；;？?！\n]{0,12}?(?:执法证|工作证|证件)|亮证|亮明(?:了)?(?:执法)?(?:身份|证件)|"
    r"(?:行政)?(?:执法|工作)证(?:件)?(?:已经|已)(?:向[^，,。；;]{0,8})?出示|"
    r"(?:查看|看过|核对)(?:了)?(?:执法人员的|你们的|我们的)?(?:行政)?执法证(?:件)?|"
    r"(?:这是|以下是)我们的(?:行政)?(?:执法)?证(?:件)?|表明(?:了)?(?:执法)?身份|持证执法")
_PARTY_PAPERS = re.compile(alternation("party_papers"))
_NOT_SHOWN = re.compile(r"(?:未|没有|未向当事人)(?:主动)?出示(?:执法)?证(?:件)?|未亮证|"
                        r"(?:执法)?证件(?:未|没有)(?:向[^，,。；;]{0,8})?出示")


def _parse_segment(seg: str, known: frozenset = frozenset()) -> tuple[list[str], list[str], list[tuple[str, Optional[str]]]]:
    """Names and certificates of one officer field, with the pairing written in it."""
    names: list[str] = []
    certs: list[str] = []
    pairs: list[tuple[str, Optional[str]]] = []
    pos = 0
    pending: Optional[str] = None
    while pos < len(seg):
        cl = CERT_LABEL.match(seg, pos)
        if cl:
            pos = cl.end()
            f = _FILLER.match(seg, pos)
            if f:
                pos = f.end()
            continue
        if parse_date_at(seg, pos):
            pos = parse_date_at(seg, pos)[1]
            continue
        cm = _CERT_SIMPLE.match(seg, pos)
        if cm and len(cm.group(0)) >= 5:
            certs.append(cm.group(0))
            if pending:
                pairs.append((pending, cm.group(0)))
                pending = None
            pos = cm.end()
            continue
        run = re.match(r"[\u4e00-\u9fff·]+", seg[pos:])
        if run:
            r = run.group(0)
            # a certificate prefix written in CJK ("浙市监0101"): keep with the number
            nxt = seg[pos + len(r):pos + len(r) + 1]
            if nxt.isdigit() and not split_names(r, known):
                cm2 = _CERT_SIMPLE.match(seg, pos + len(r))
                if cm2:
                    full = r[-6:] + cm2.group(0)
                    certs.append(full)
                    if pending:
                        pairs.append((pending, full))
                        pending = None
                    pos = cm2.end()
                    continue
            # trailing label words inside the run ("张三执法证号") are cut by CERT_LABEL next time
            cut = CERT_LABEL.search(r)
            if cut:
                r = r[:cut.start()]
            # "王建国到现场…": a verb glued to the last name would split it wrongly (王建、国到)
            if len(r) >= 3 and r[-1] in AFTER_NAME and r not in known and split_names(r[:-1], known):
                r = r[:-1]
            names_here = split_names(r, known) if r else ()
            if r and not names_here:
                # prose: "执法人员薛勇、冯俊杰在检查中发现…": a name, then the sentence goes on
                lead = leading_name(r, known)
                if lead:
                    names_here = (lead,)
                if names_here:
                    names.append(names_here[0])
                    if pending:
                        pairs.append((pending, None))
                    pending = names_here[0]
                break
            for nm in names_here:
                if pending:
                    pairs.append((pending, None))
                names.append(nm)
                pending = nm
            pos += max(len(r), 1)
            continue
        pos += 1
    if pending:
        pairs.append((pending, None))
    return names, certs, pairs


_NUM_ITEM = r"[\u4e00-\u9fff]{0,2}[A-Za-z0-9\-]*\d{5,}[A-Za-z0-9\-]*"
_NUM_RUN = re.compile(rf"(?:{_NUM_ITEM}[、，,\s]*)+")


def _continued_numbers(s: str, pos: int, max_lines: int = 3) -> list[str]:
    """Certificate numbers continuing a list that ended its line with a separator: the first of
    the next few lines that holds only numbers, after at most the wrapped tail of the label."""
    line_end = s.find("\n", pos)
    for _ in range(max_lines):
        if line_end < 0:
            return []
        nxt_end = s.find("\n", line_end + 1)
        ln = s[line_end + 1:(len(s) if nxt_end < 0 else nxt_end)]
        body = re.sub(r"^(?:号码|编号|码|号)[：]?", "", ln)
        if body and _NUM_RUN.fullmatch(body):
            return re.findall(_NUM_ITEM, body)
        line_end = nxt_end
    return []


def _with_gaps(dt_: DocText, a: int, n: int) -> str:
    """The line-view segment with a separator where the original had a gap between two
    numbers ("ZJ1234567 ZJ1234568" must stay two certificates)."""
    out = []
    for i in range(a, a + n):
        ch = dt_.lines[i]
        if out and i > a and dt_.lmap[i] - dt_.lmap[i - 1] > 1 and ch.isascii() and ch.isalnum() \
                and dt_.lines[i - 1].isascii() and dt_.lines[i - 1].isalnum():
            out.append("、")
        out.append(ch)
    return "".join(out)


def extract_officers(dt_: DocText, known: frozenset = frozenset()) -> tuple[list[Officer], list[Evidence]]:
    """Officers named in a document; ``known`` holds names written apart elsewhere in the file."""
    s = dt_.lines
    known = known | known_names(s)
    officers: dict[str, Officer] = {}
    order: list[str] = []
    evidence: list[Evidence] = []
    used_cert_spans: list[tuple[int, int]] = []
    for m in OFFICER_LABEL.finditer(s):
        if re.search(r"签名|签字|签章", m.group(0)) or re.match(r"[（(]?(?:签名|签字|签章)", s[m.end():m.end() + 4]):
            continue   # a signature line: handwriting (often misread on scans), not the officer list
        a = m.end()
        if s.startswith("：", a):
            a += 1
        line_end = s.find("\n", a)
        line_end = len(s) if line_end < 0 else line_end
        e = min(line_end, a + 90)
        # "胡海燕（执法证号：\n370102-68-6678）": a certificate broken over two lines
        if e == line_end and line_end < len(s) and re.search(r"(?:证号|号码|编号)[：]?$|（[^）]*$", s[a:e]):
            nxt_end = s.find("\n", line_end + 1)
            e = min(len(s) if nxt_end < 0 else nxt_end, a + 120)
        seg = s[a:e]
        # stop at the next officer label or another field
        nxt = OFFICER_LABEL.search(seg)
        if nxt and nxt.start() > 0:
            seg = seg[:nxt.start()]
        end = _END.search(seg)
        if end:
            seg = seg[:end.start()]
        # prose: "执法人员张三、李四向当事人出示…" — stop at the first verb-like break
        seg = re.split(r"[。；]|，(?![\u4e00-\u9fff]{2,4}(?:[、，]|$|（|执法))", seg)[0]
        text = _with_gaps(dt_, a, len(seg)).replace("\n", "")
        # dates are not names ("刘超胡海燕二〇二四年十月二十八日")
        text = DATE_CN.sub("、", DATE_NUM.sub("、", text))
        names, certs, pairs = _parse_segment(text, known)
        if not names:
            continue
        used_cert_spans.append((a, a + len(seg)))
        paired = {n: c for n, c in pairs}
        names_first = bool(certs) and len(certs) == len(names) and len(names) > 1 and \
            all(c is None for _, c in pairs[:-1])
        if certs and (not any(paired.values()) or names_first):
            # "执法人员：张三、李四 执法证号：123、456": names then numbers, in order
            paired = {n: (certs[i] if i < len(certs) else None) for i, n in enumerate(names)}
        for n in names:
            o = officers.get(n)
            if o is None:
                o = officers[n] = Officer(name=n, certificate=None, page=dt_.page_l(m.start()))
                order.append(n)
            if paired.get(n) and not o.certificate:
                o.certificate = paired[n]
        # how surely the list was read is that of the value (names, numbers), not of the label
        evidence.append(dt_.ev_l(m.start(), a + len(seg), subject=(a, a + len(seg))))
    # certificate numbers given apart from the names ("执法证号：123、456" on its own line, or
    # "执法证件号码分别为123、456" in the opening statement)
    loose: list[str] = []
    for m in CERT_LABEL.finditer(s):
        if any(x <= m.start() < y for x, y in used_cert_spans):
            continue
        tail = s[m.end():m.end() + 60].split("\n")[0]
        f = _FILLER.match(tail)
        if f:
            tail = tail[f.end():]
        nums = []
        for cm in re.finditer(r"([\u4e00-\u9fff]{0,4}[A-Za-z0-9\-]*\d{5,}[A-Za-z0-9\-]*)|([、，和及与,\s]+)|(.)", tail):
            if cm.group(1):
                nums.append(re.sub(r"^(?:分别为|分别是|为|是|和|及)", "", cm.group(1)))
            elif cm.group(3):
                break
        nums = [n for n in nums if not re.search(r"电话|手机|传真|号码|邮编", n)]
        if nums and re.search(r"[、，,]\s*$", tail):
            # the list goes on past the line: a table cell wrapped around a neighbouring cell
            # ("执法证件号 123、 / 联系电话 … / 码 456" — the label itself wrapped as well)
            nums.extend(_continued_numbers(s, m.end()))
        if not nums and not re.match(r"[：:\s]*[A-Za-z0-9]", s[m.end():m.end() + 3]):
            # a table cell whose value wrapped around the label: numbers on the lines just above
            # and below, each line holding nothing but numbers ("440106-93-5803、" / label / "…")
            ls = s.rfind("\n", 0, m.start())
            le = s.find("\n", m.end())
            above = s[s.rfind("\n", 0, max(ls, 0)) + 1:ls] if ls > 0 else ""
            below = s[le + 1:(s.find("\n", le + 1) if s.find("\n", le + 1) >= 0 else len(s))] if le >= 0 else ""
            for ln in (above, below):
                # the numbers may share their line with the next cell ("陕81546204 联系电话 …")
                lead = _NUM_RUN.match(ln or "")
                if lead and (lead.end() == len(ln) or ALL_LABELS_RE.match(ln, lead.end())):
                    nums.extend(re.findall(_NUM_ITEM, lead.group(0)))
        if nums:
            loose.extend(nums)
            evidence.append(dt_.ev_l(max(0, m.start() - 12), min(len(s), m.end() + 40)))
    for n in order:
        if not loose:
            break
        if officers[n].certificate is None:
            c = loose.pop(0)
            if c not in {o.certificate for o in officers.values()}:
                officers[n].certificate = c
    return [officers[n] for n in order], evidence


def certificate_shown(dt_: DocText) -> tuple[Optional[bool], list[Evidence]]:
    s = dt_.flat
    neg = _NOT_SHOWN.search(s)
    if neg:
        return False, [dt_.sentence_quote(neg.start(), (neg.start(), neg.end()))]
    for m in _SHOWN.finditer(s):
        if _PARTY_PAPERS.search(m.group(0)):
            continue   # "请出示你的身份证件": the party's papers, not the officers'
        return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    return None, []


def merge_officers(lists: list[list[Officer]]) -> list[Officer]:
    out: dict[str, Officer] = {}
    for lst in lists:
        for o in lst:
            if o.name not in out:
                out[o.name] = Officer(name=o.name, certificate=o.certificate, page=o.page)
            elif not out[o.name].certificate and o.certificate:
                out[o.name].certificate = o.certificate
    return list(out.values())


__all__ = ["extract_officers", "certificate_shown", "merge_officers"]
