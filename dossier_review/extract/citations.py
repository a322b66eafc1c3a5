"""Legal citations: 《law》第…条第…款第（…）项, lists of provisions, back-references (该法, 同法,
an abbreviation introduced by 以下简称), and the role of each citation in its sentence."""
from __future__ import annotations

import re
from typing import Optional

from dossier_review.model import Citation

from .text import CN_NUM, DocText, to_int
from .vocab import alternation

_N = rf"(?:\d+|{CN_NUM}+)"
# one provision token: 第X条 / 第X款 / 第（X）项 (brackets optional, either width after canon)
_PART = re.compile(rf"第\s*[（\[]?(?P<n>{_N})[）\]]?\s*(?P<lvl>条|款|项|目)|(?P<bare>[（](?P<bn>{_N})[）])(?=项|、|和|及|或|的|之|规定|，|。|$)")
_LEVEL = {"条": 0, "款": 1, "项": 2, "目": 3}
# 第…条 right after a law's name whose number is no numeral (OCR read 百 as 正, 十 as 干): an
# article was cited, its number unread.
_UNREAD_PART = re.compile(r"第\s*[^条。；，,\n《》]{1,8}?条")

BRACKETED = re.compile(r"《(?P<law>[^《》\n]{2,60}?)》")
# unbracketed law names: 中华人民共和国…法 / …条例 / …办法 / …规定 right before 第…条
_LAWSUFFIX = f"(?:{alternation('law_suffixes')})"
UNBRACKETED = re.compile(rf"(?P<law>中华人民共和国[\u4e00-\u9fff]{{2,24}}?{_LAWSUFFIX}|[\u4e00-\u9fff]{{2,20}}?{_LAWSUFFIX})(?=第{_N}条)")
ALIAS = re.compile(r"[（(]?以下(?:简称|称)[“\"《]*(?P<alias>[^”\"》）)，。]{2,20})[》”\"]*[）)]?")
BACKREF = re.compile(rf"(?P<ref>{alternation('law_back_references')})(?=第{_N}条)")

_VIOLATED = re.compile(alternation("violated_words"))
_BASIS = re.compile(alternation("basis_words"))
_PENALTY_AFTER = re.compile(alternation("penalty_words_after_citation"))
# procedural consequences: "根据《行政处罚法》第五十一条的规定，适用简易程序当场处罚" is not a penalty basis
_OTHER_AFTER = re.compile(alternation("procedure_words_after_citation"))

# the part of a law name before these is not the law ("依据中华人民共和国…": 依据 is not in the name)
_NAME_LEAD = re.compile(r"^(?:.*?(?:违反了?|依据|根据|依照|按照|属于|适用|符合|参照|按|依|据|的|及|和|与|、|，))?(?P<name>.+)$")


def _clean_unbracketed(name: str) -> str:
    m = re.search(r"中华人民共和国", name)
    if m:
        return name[m.start():]
    mm = _NAME_LEAD.match(name)
    return mm.group("name") if mm else name


def _parse_parts(s: str, pos: int) -> tuple[list[tuple[int, int, int, int]], int]:
    """Provision tokens starting at ``pos``: [(level, number, start, end)], and where they stop."""
    parts = []
    while True:
        m = _PART.match(s, pos)
        if not m:
            # allow joiners between tokens
            j = re.compile(r"(?:、|，|,|和|及|以及|与|或者|或|之|并)").match(s, pos)
            if j and parts:
                m2 = _PART.match(s, j.end())
                if m2:
                    pos = j.end()
                    continue
            break
        if m.group("lvl"):
            lvl, n = _LEVEL[m.group("lvl")], to_int(m.group("n"))
        else:
            lvl, n = 2, to_int(m.group("bn"))
        if n is None:
            break
        parts.append((lvl, n, m.start(), m.end()))
        pos = m.end()
    return parts, pos


def _expand(parts: list[tuple[int, int, int, int]]) -> list[tuple[Optional[int], Optional[int], Optional[int], int, int]]:
    """Turn a token stream into citations: 第34条第（一）项、第（十）项和第65条 → 34/-/1, 34/-/10, 65."""
    out = []
    cur: list[Optional[int]] = [None, None, None]
    last_lvl = -1
    start = parts[0][2] if parts else 0
    for lvl, n, a, _b in parts:
        lvl = min(lvl, 2)
        if last_lvl >= 0 and lvl <= last_lvl:
            out.append((cur[0], cur[1], cur[2], start, a))
            start = a
        cur[lvl] = n
        for k in range(lvl + 1, 3):
            cur[k] = None
        last_lvl = lvl
    if last_lvl >= 0:
        out.append((cur[0], cur[1], cur[2], start, parts[-1][3]))
    return out


def _role(s: str, sent: tuple[int, int], law_start: int, after: int) -> str:
    """Decide by the trigger verb nearest before the law name in its sentence, and what follows."""
    a, _ = sent
    before = s[a:law_start]
    trig_v = list(_VIOLATED.finditer(before))
    trig_b = list(_BASIS.finditer(before))
    lv = trig_v[-1].start() if trig_v else -1
    lb = trig_b[-1].start() if trig_b else -1
    # "属于《…》第X条所指的…": the trigger may follow the citation
    tail = s[after:sent[1]]
    if lb < 0 and lv < 0:
        if re.match(r"^(?:的规定|规定)?(?:所指|所列|规定的|列举的).{0,20}?(?:行为|情形)", tail):
            return "violated"
        return "other"
    if lv > lb:
        return "violated"
    # a basis verb: it is the penalty basis only when a penalty follows in the same sentence
    following = tail[:80]
    if re.match(r"^.{0,30}?加处罚款", following):
        return "other"   # the basis of a late-payment fee (执行罚), not of the penalty
    pm = _PENALTY_AFTER.search(following)
    om = _OTHER_AFTER.search(following)
    if pm and (not om or pm.start() <= om.start()):
        return "penalty_basis"
    if re.match(r"^(?:的规定|之规定|规定)?[，,]?(?:当事人|你|该)?.{0,20}?(?:行为)?(?:属于|构成|违反)", tail):
        return "violated"
    return "other"


SENTENCE_MAX = 200


def _sentence(s: str, sent: tuple[int, int]) -> str:
    # what a provision is cited for (听证, 陈述申辩, 加处罚款) is said in its own sentence
    return s[sent[0]:sent[1]][:SENTENCE_MAX]


def extract_citations(dt_: DocText) -> list[Citation]:
    s = dt_.flat
    laws: list[tuple[int, int, str, bool]] = []  # (start, end, law, bracketed)
    aliases: dict[str, str] = {}
    for m in BRACKETED.finditer(s):
        laws.append((m.start(), m.end(), m.group("law").strip(), True))
    for m in UNBRACKETED.finditer(s):
        if any(a <= m.start() < b for a, b, _, _ in laws):
            continue
        name = _clean_unbracketed(m.group("law"))
        if len(name) < 3 or re.match(r"^(?:该|同|本|此|上述|前述|其)", name):
            continue   # a back-reference (该法第…条), resolved below
        st = m.end() - len(name)
        laws.append((st, m.end(), name, False))
    laws.sort()
    # aliases: 《中华人民共和国食品安全法》（以下简称《食品安全法》）
    for _a, b, law, _br in laws:
        m = ALIAS.match(s, b)
        if m:
            aliases[m.group("alias").strip("《》“”\"")] = law
    resolved = [(a, b, aliases.get(law, law), br) for a, b, law, br in laws]
    # back-references take the most recent law before them
    for m in BACKREF.finditer(s):
        prev = [x for x in resolved if x[1] <= m.start()]
        if prev:
            resolved.append((m.start(), m.end(), prev[-1][2], prev[-1][3]))
    resolved.sort()

    cites: list[Citation] = []
    for a, b, law, br in resolved:
        pos = b
        # skip "的规定" / "（以下简称…）" between the name and the provisions
        am = ALIAS.match(s, pos)
        if am:
            pos = am.end()
        parts, stop = _parse_parts(s, pos)
        sent = dt_.sentence_at(a)
        if not parts:
            # a law named without any article: kept (article None) so the check can see it,
            # except a mention that is only an abbreviation definition or a title
            if am or law in aliases:
                continue
            # "第八十三条第三项、《…裁量基准规定》的规定": a law named in a list after a citation
            if cites and re.search(r"[、和及与]$", s[max(0, a - 1):a]) and cites[-1].page == dt_.page_f(a) \
                    and s[sent[0]:a].find(cites[-1].law) >= 0:
                cites.append(Citation(law=law, role=cites[-1].role, page=dt_.page_f(a),
                                      quote=dt_.quote_f(a, min(len(s), b + 12)), bracketed=br, unbalanced=not br and s[a - 1:a] == "《",
                                      sentence=_sentence(s, sent), conf=dt_.conf_f(a, b), box=dt_.box_f(a, b), read=dt_.read_f(a, b)))
                continue
            if not _VIOLATED.search(s[max(sent[0], a - 12):a]) and not _BASIS.search(s[max(sent[0], a - 12):a]):
                continue
            # 第一正二十二条: a provision is written there, its number misread (OCR), not left out.
            unread = _UNREAD_PART.match(s, pos)
            cites.append(Citation(law=law, role=_role(s, sent, a, b), page=dt_.page_f(a),
                                  quote=dt_.quote_f(a, min(len(s), b + 12)), bracketed=br, unbalanced=not br and s[a - 1:a] == "《",
                                  sentence=_sentence(s, sent), conf=dt_.conf_f(a, b),
                                  provision_unread=bool(unread), box=dt_.box_f(a, b), read=dt_.read_f(a, b)))
            continue
        role = _role(s, sent, a, stop)
        for art, para, item, ps, pe in _expand(parts):
            cites.append(Citation(law=law, article=art, paragraph=para, item=item, role=role,
                                  page=dt_.page_f(ps), quote=dt_.quote_f(a, min(len(s), pe + 4)),
                                  bracketed=br, unbalanced=not br and s[a - 1:a] == "《", sentence=_sentence(s, sent), conf=dt_.conf_f(a, pe),
                                  box=dt_.box_f(a, pe), read=dt_.read_f(a, pe)))
    return cites
