"""The party (当事人): name, kind, credit code / ID number, address, legal representative."""
from __future__ import annotations

import re
from typing import Optional

from dossier_review.model import Evidence, Party

from .labels import ALL_LABELS_RE, label_values
from .nlp import is_clause, is_person_name
from .text import DocText
from .vocab import alternation, named, words

# labels that name the party, strongest first; a document may use several (vocabulary.yaml)
NAME_LABELS = words("party_name_labels")
ID_LABELS = {kind: pattern for pattern, kind in named("party_id_labels")}
ADDRESS_LABELS = alternation("party_address_labels")
REP_LABELS = alternation("party_representative_labels")
_ADDRESSY = re.compile(r"[省市区县镇乡村路街道号室楼幢栋巷弄组社区园层]")

# GB 32100: 18 chars from 0-9 and 21 capitals (no I O S V Z)
CREDIT_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")

ORG_SUFFIX = re.compile(rf"(?:{alternation('organisation_suffixes')})(?:[（(][^）)]{{1,12}}[）)])?$")
_INDIVIDUAL_BUSINESS = re.compile(alternation("individual_business_words"))
_NAME_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()·\-]{2,60}$")
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_JUNK_VALUES = re.compile(r"^(?:无|/|／|\\|-|—|签名|签字|盖章|\(签名\)|（签名）)$")


def _clean_value(v: str) -> str:
    v = v.strip("：:，,。；; ")
    v = re.sub(r"[（(](?:以下(?:简称|称)|下称)[^）)]*[）)]", "", v)
    v = re.sub(r"[（(](?:签名|签字|盖章|签章|捺印)[）)]$", "", v)
    return v.strip("：:，,。；; ")


def _looks_like_party(v: str) -> bool:
    v = _clean_value(v)
    if is_clause(v):
        return False   # "当事人经营停车场…": prose about the party, not its name
    return bool(ORG_SUFFIX.search(v)) or bool(_PERSON.match(v) and is_person_name(v))


# OCR misreads one character of a label now and then ("被处强人" for 被处罚人): on a scan, when no
# label is found, the party labels of four characters or more are tried with any one character
# unread (shorter labels would then match ordinary words)
_FUZZY_BASES = tuple(words("party_name_labels_fuzzy"))
FUZZY_NAME_LABELS = ["|".join(base[:i] + "[\u4e00-\u9fff]" + base[i + 1:] for i in range(len(base)))
                     for base in _FUZZY_BASES]


def find_name(dt_: DocText) -> Optional[tuple[str, Evidence, str]]:
    found = _labelled_name(dt_, NAME_LABELS)
    if found is None and dt_.cconf is not None:
        found = _labelled_name(dt_, FUZZY_NAME_LABELS, colon_only=True)
    return found or _salutation(dt_)


def _labelled_name(dt_: DocText, labels: list[str], colon_only: bool = False) -> Optional[tuple[str, Evidence, str]]:
    for label in labels:
        for val, s, e, lab in label_values(dt_, label, weak_ok=_looks_like_party):
            if colon_only and "：" not in dt_.lines[max(0, e - len(val) - 2):e - len(val) + 1]:
                continue   # a misread label is taken only as a field label proper ("X：")
            v = _clean_value(val)
            if not v or _JUNK_VALUES.match(v) or not _NAME_OK.match(v):
                continue
            if ALL_LABELS_RE.fullmatch(v):
                continue
            # "文书名称：行政处罚决定书", "案件名称：某公司…案": not the party
            if lab == "名称" and re.search(r"(?:文书|案件|物品|商品|产品|货物|证据|药品|食品|项目|品)$", dt_.lines[max(0, s - 4):s]):
                continue
            if re.search(r"(?:决定书|告知书|通知书|笔录|审批表|回证|报告|一案|案)$", v):
                continue
            # a short value that is neither an organisation nor a person's name ("确认", "签字")
            if len(v) <= 4 and not ORG_SUFFIX.search(v) and not is_person_name(v):
                continue
            return v, dt_.ev_l(s, e, subject=(e - len(val), e)), lab
    return None


def _salutation(dt_: DocText) -> Optional[tuple[str, Evidence, str]]:
    # a notice or decision addressed to the party: "宁波某某机械制造有限公司：" alone on a line
    spans = dt_.line_spans
    for i, line in enumerate(dt_.lines.split("\n")[:8]):
        m = re.fullmatch(r"([\u4e00-\u9fffA-Za-z0-9（）()·]{2,40})[：]", line)
        if m and _looks_like_party(m.group(1)):
            a, b = spans[i]
            return m.group(1), dt_.ev_l(a, b), "salutation"
    return None


def _birth_date_ok(num: str) -> bool:
    import datetime
    try:
        d = datetime.date(int(num[6:10]), int(num[10:12]), int(num[12:14]))
    except ValueError:
        return False
    return 1900 <= d.year <= datetime.date.today().year


# digits hidden on purpose: a run of *, ＊, ×, ● or of two and more X (one X is a check digit)
_MASK_RUN = re.compile(r"[*＊×●]+|[Xx]{2,}")


def _masked_number(val: str) -> Optional[str]:
    """The number at the start of a label's value with its hidden digits as "*", when some are
    hidden; None otherwise."""
    m = re.match(r"\s*([0-9A-Za-z*＊×●]{6,24})", val or "")
    if not m or not _MASK_RUN.search(m.group(1)):
        return None
    v = _MASK_RUN.sub(lambda r: "*" * len(r.group()), m.group(1)).upper()
    return v if sum(ch.isdigit() for ch in v) >= 2 else None


def find_ids(dt_: DocText) -> tuple[Optional[str], Optional[str], Optional[Evidence]]:
    for kind in ("credit_code", "id_card", "other"):
        for val, s, e, _ in label_values(dt_, ID_LABELS[kind], stop_at_labels=True):
            masked = _masked_number(val)
            if masked:
                # a published copy hides digits (3701**********9347): kept as written, masked
                return masked, kind, dt_.ev_l(s, e)
            v = re.sub(r"[^0-9A-Za-z]", "", val)
            if not v:
                continue
            if kind == "credit_code":
                m = CREDIT_CODE.search(v.upper())
                if m:
                    return m.group(0), "credit_code", dt_.ev_l(s, e)
                if len(v) >= 15:
                    return v.upper()[:18], "credit_code", dt_.ev_l(s, e)
            elif kind == "id_card":
                m = ID_CARD.search(v)
                # the kind follows the number's form, not the label ("社会信用代码（注册号）" rows, a
                # 信用代码 under an ID label): an ID number carries a plausible birth date at 7-14
                if m and not _birth_date_ok(m.group(0)) and CREDIT_CODE.fullmatch(m.group(0).upper()):
                    return m.group(0).upper(), "credit_code", dt_.ev_l(s, e)
                if m:
                    return m.group(0).upper(), "id_card", dt_.ev_l(s, e)
                if CREDIT_CODE.fullmatch(v.upper()):
                    return v.upper(), "credit_code", dt_.ev_l(s, e)
            else:
                if CREDIT_CODE.fullmatch(v.upper()):
                    return v.upper(), "credit_code", dt_.ev_l(s, e)
                if len(v) >= 8:
                    return v, "other", dt_.ev_l(s, e)
    # no label: an 18-character credit code or ID number standing on its own
    for rx, kind in ((CREDIT_CODE, "credit_code"), (ID_CARD, "id_card")):
        m = rx.search(dt_.lines)
        if m and (kind == "id_card" or not m.group(0).isdigit()):
            num = m.group(0).upper()
            # an all-digit number is an ID only with a birth date in it; else a credit code
            if kind == "id_card" and not _birth_date_ok(num) and CREDIT_CODE.fullmatch(num):
                kind = "credit_code"
            return num, kind, dt_.ev_l(max(0, m.start() - 10), m.end())
    return None, None, None


def find_address(dt_: DocText) -> Optional[tuple[str, Evidence]]:
    for val, s, e, _ in label_values(dt_, ADDRESS_LABELS, weak_ok=lambda v: bool(_ADDRESSY.search(v))):
        v = _clean_value(val)
        if len(v) >= 4 and not _JUNK_VALUES.match(v) and _ADDRESSY.search(v):
            return v, dt_.ev_l(s, e)
    return None


def find_representative(dt_: DocText) -> Optional[tuple[str, Evidence]]:
    """法定代表人/负责人/经营者: a person's name after the label ("负责人审批意见" is not one)."""
    lone = None
    for val, s, e, _ in label_values(dt_, REP_LABELS + r"(?!意见|审批|审核|签名|签字|签章|（签)"):
        v = _clean_value(val)
        # a name whose surname is not in the list (a rare one, 侯 read as 候 on a scan) is still a
        # name when it stands alone after its label: saying "no representative" would accuse wrongly
        if lone is None and (m := _LONE_NAME.match(v)) and not ALL_LABELS_RE.match(m.group(1)) \
                and not _NO_VALUE.fullmatch(m.group(1)):
            lone = m.group(1), dt_.ev_l(s, e)
        v = re.sub(r"^(?:姓名|名字)[：]?", "", v)
        m = re.match(r"^[\u4e00-\u9fff·]{2,5}", v)
        if not m or ALL_LABELS_RE.match(m.group(0)):
            continue
        # "张三职务经理": the name stops at the next label word
        run = re.split(r"职务|性别|电话|身份|年龄|住址|联系|手机|（", m.group(0))[0]
        for k in (len(run), 3, 2):
            if 2 <= k <= len(run) and is_person_name(run[:k]):
                return run[:k], dt_.ev_l(s, e)
    return lone


_LONE_NAME = re.compile(r"^([\u4e00-\u9fff]{2,4})(?=$|[。；;，,、\s（(]|职务|性别|电话|身份|联系)")
_NO_VALUE = re.compile(alternation("no_value_words"))


def kind_of(name: str, id_kind: Optional[str]) -> Optional[str]:
    if id_kind == "credit_code":
        return "organisation"
    if ORG_SUFFIX.search(name) or len(name) > 6:
        return "organisation"
    if _PERSON.match(name):
        return "individual"
    return None


def extract_party(dt_: DocText, party_context: bool = True) -> Optional[Party]:
    found = find_name(dt_)
    id_number, id_kind, id_ev = find_ids(dt_)
    addr = find_address(dt_)
    rep = find_representative(dt_)
    if not found and not id_number:
        return None
    if not found and not party_context:
        # an ID without a party label (a witness's or respondent's) is not the party's
        return None
    p = Party()
    if found:
        p.name, ev, _ = found
        p.evidence.append(ev)
    p.id_number, p.id_kind = id_number, id_kind
    if id_ev:
        p.evidence.append(id_ev)
    if addr:
        p.address = addr[0]
        p.evidence.append(addr[1])
    if rep and rep[0] != p.name:
        p.representative = rep[0]
        p.evidence.append(rep[1])
    if p.name:
        p.kind = kind_of(p.name, p.id_kind)
        if p.kind == "individual" and p.id_kind == "credit_code":
            p.kind = "organisation"
    elif p.id_kind == "credit_code":
        p.kind = "organisation"
    elif p.id_kind == "id_card":
        p.kind = "individual"
    # 个体工商户: the 字号 is the party and the operator its representative (北京2016 3.5)
    if _INDIVIDUAL_BUSINESS.search(dt_.flat[:600]) and p.name and p.kind == "organisation":
        p.individual_business = True
    return p


def merge_parties(parties: list[Party]) -> Party:
    """The dossier's party: the first non-empty value of each field, in the order given."""
    out = Party()
    for p in parties:
        if p is None:
            continue
        for f in ("name", "kind", "id_number", "id_kind", "address", "representative", "individual_business"):
            if getattr(out, f) is None and getattr(p, f, None) is not None:
                if f in ("id_number", "id_kind") and out.id_number is not None:
                    continue
                setattr(out, f, getattr(p, f))
        if not out.evidence:
            out.evidence = list(p.evidence)
    return out
