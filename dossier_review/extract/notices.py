"""Sentences of notices and decisions: hearing right, statement right, remedy (复议/诉讼),
penalties, payment terms, listed evidence, and what the party did (陈述, 听证 request)."""
from __future__ import annotations

import re
from typing import Optional

from dossier_review.lib.confusions import lookalikes
from dossier_review.model import Evidence, HearingInfo, RemedyInfo

from .text import CN_NUM, DocText, to_int
from .vocab import alternation, named

_N = rf"(?:\d+|{CN_NUM}+)"
PERIOD = re.compile(rf"(?P<n>{_N})(?P<ge>个)?(?P<u>工作日|日|天|个月|月|年)")


def _first_period(text: str) -> tuple[int, str] | None:
    """The first period in ``text`` whose number reads (number, unit), None when there is none."""
    for m in PERIOD.finditer(text):
        n = to_int(m.group("n"))
        if n is not None:
            return n, m.group("u")
    return None


# ------------------------------------------------------------------ hearing / statement

_HEARING_RIGHT = re.compile(r"听证")
_RIGHT_WORDS = re.compile(alternation("hearing_right_words"))
_NO_HEARING = re.compile(r"不(?:享有|适用)听证|无权(?:要求|申请)听证")


def hearing_info(dt_: DocText) -> HearingInfo:
    info = HearingInfo()
    s = dt_.flat
    for a, b in dt_.sentences:
        sent = s[a:b]
        if not _HEARING_RIGHT.search(sent) or not _RIGHT_WORDS.search(sent):
            continue
        if _NO_HEARING.search(sent):
            continue
        # a sentence about the party's actual request or a scheduled hearing is not the right
        if re.search(r"(?:于|定于|将于).{0,20}?举行听证|听证(?:会)?(?:时间|地点)", sent) and not re.search(r"有权|享有", sent):
            continue
        info.notified = True
        hm = _HEARING_RIGHT.search(sent)
        info.evidence.append(dt_.sentence_quote(a, (a + hm.start(), a + hm.end())))
        # the period tied to the request: "…之日起五个工作日内…听证" / "…听证的，应当在…3日内提出"
        for m in PERIOD.finditer(sent):
            if not re.match(r"^(?:内|之内|以内)", sent[m.end():m.end() + 2]):
                continue
            n = to_int(m.group("n"))
            if n is None:
                continue
            unit = m.group("u")
            if unit in ("个月", "月", "年"):
                continue
            info.request_days = n
            info.request_unit = "working_day" if unit == "工作日" else "day"
            break
        if info.request_days is not None:
            break
    return info


# 申辨 for 申辩: a common slip (and OCR's most frequent misreading of 辩) that still states the right;
# documents.typo reports the slip itself
_BIAN = f"[辩{lookalikes('辩')}]"
_STATEMENT_RIGHT = re.compile(rf"陈述(?:、|和|或|及|与|或者)?申{_BIAN}|陈述权|申{_BIAN}权|进行陈述|提出陈述")


def statement_right(dt_: DocText) -> tuple[Optional[bool], list[Evidence]]:
    s = dt_.flat
    for a, b in dt_.sentences:
        sent = s[a:b]
        m = _STATEMENT_RIGHT.search(sent)
        if m and re.search(r"有权|可以|享有|权利|可在|可于|可向|如对|如有|逾期|视为放弃", sent):
            return True, [dt_.sentence_quote(a, (a + m.start(), a + m.end()))]
    return None, []


# ------------------------------------------------------------------ remedy

_REVIEW = re.compile(r"行政复议|申请复议|复议")
_LITIG = re.compile(r"行政诉讼|提起诉讼|起诉|人民法院")
_REMEDY_SENT = re.compile(r"行政复议|复议|行政诉讼|提起诉讼|人民法院")
_CLAUSE_SPLIT = re.compile(r"[，,；;]|(?=(?:或者|也可以|也可|或直接|或)(?:在|于|自|直接|依法|向|\d|" + CN_NUM + r"))")


def _clauses(sent: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(sent):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end() if m.end() > m.start() else m.start()
    if pos < len(sent):
        out.append((pos, len(sent)))
    # a clause with a period but no remedy word belongs to the clause after it
    merged: list[tuple[int, int]] = []
    carry = None
    for a, b in out:
        if carry is not None:
            a = carry
            carry = None
        c = sent[a:b]
        if PERIOD.search(c) and not _REMEDY_SENT.search(c):
            carry = a
            continue
        merged.append((a, b))
    if carry is not None:
        merged.append((carry, len(sent)))
    return merged


def _body(clause: str, verb: str) -> Optional[str]:
    # a page number printed where the page broke may stand inside the name ("…人民⏎14⏎政府");
    # no body's name has digits, so they are dropped
    m = re.search(rf"向(?P<b>[\u4e00-\u9fff（）()]{{2,40}}?(?:\d{{1,4}}[\u4e00-\u9fff（）()]{{1,20}}?)?)"
                  rf"(?:依法)?(?:{verb})", clause)
    if not m:
        return None
    b = re.sub(r"\d", "", m.group("b"))
    b = re.sub(r"^(?:本机关的?上一级(?:主管部门|机关)?的?|上级)", "", b) or m.group("b")
    return b.strip("（）()")


def remedy_info(dt_: DocText) -> RemedyInfo:
    info = RemedyInfo()
    s = dt_.flat
    for a, b in dt_.sentences:
        sent = s[a:b]
        if not _REMEDY_SENT.search(sent):
            continue
        if not re.search(r"申请|提起|起诉|不服|可以|可在|可于|可向|有权", sent):
            continue
        # a sentence that only reports another case (e.g. quoting a law's title) is not the remedy
        found = False
        topic = None   # "申请行政复议的，应当…向X提出": a topic clause names the remedy for what follows
        for ca, cb in _clauses(sent):
            c = sent[ca:cb]
            is_review = bool(_REVIEW.search(c)) and re.search(r"申请|提出|提起|可以|可向", c)
            is_litig = bool(_LITIG.search(c)) and re.search(r"提起|起诉|诉讼", c)
            if is_review and is_litig and re.search(r"复议决定|对复议", c):
                is_review = False   # "对复议决定不服…提起诉讼": a litigation clause
            if not is_review and not is_litig and topic and re.search(r"向.{2,40}?(?:提出|提交|递交|申请|起诉)|日内|月内", c):
                is_review, is_litig = topic == "review", topic == "litigation"
            elif re.search(r"的$", c) and bool(_REVIEW.search(c.split("：")[-1])) != bool(_LITIG.search(c.split("：")[-1])):
                topic = "review" if _REVIEW.search(c.split("：")[-1]) else "litigation"
            else:
                topic = None
            if not (is_review or is_litig):
                continue
            found = True
            n, unit = _first_period(c) or (None, None)
            if is_review:
                info.review_stated = True
                if n is not None:
                    # months are kept as days (两个月 ≈ 60日) so the check can compare one figure
                    info.review_days = n * 30 if unit in ("个月", "月") else n
                body = _body(c, "申请行政复议|申请复议|提出行政复议|提出复议|提起行政复议|申请|提出|提交|递交")
                if body and not info.review_body:
                    info.review_body = body
            if is_litig:
                info.litigation_stated = True
                if unit in ("个月", "月"):
                    info.litigation_months = info.litigation_months or n
                elif unit == "年":
                    info.litigation_months = info.litigation_months or n * 12
                elif n is not None:
                    info.litigation_days = info.litigation_days or n
                cm = re.search(r"向(?P<c>[\u4e00-\u9fff（）()]{0,30}?人民法院)", c)
                if cm and not info.court:
                    info.court = re.sub(r"^(?:有管辖权的|有管辖权|依法)", "", cm.group("c")) or cm.group("c")
        if re.search(r"应当先(?:依法)?(?:向.{0,30}?)?申请(?:行政)?复议|复议前置|先(?:行)?申请(?:行政)?复议|对(?:行政)?复议决定不服的?(?:，)?(?:可以)?(?:再|方可)", sent):
            info.review_first = True
            found = True
        if found:
            info.evidence.append(dt_.sentence_quote(a, (a, min(b, a + 120))))
    # litigation offered only against the review decision ("对行政复议决定不服的，可以…起诉"), with no
    # direct route to court: review comes first
    if info.review_stated and info.litigation_stated and not info.review_first:
        s_all = s
        direct = re.search(r"(?:也可以|或者|或)(?:在|于|自)?.{0,24}?(?:向.{0,30}?人民法院)?(?:直接)?(?:提起|起诉|依法向)", s_all)
        after_review = re.search(r"对(?:行政)?复议决定不服", s_all)
        if after_review and not direct:
            info.review_first = True
    return info


# ------------------------------------------------------------------ penalties

# penalty name → how a decision or notice words it (vocabulary.yaml)
PENALTY_PATTERNS: list[tuple[str, str]] = named("penalties")
_PEN_RE = [(re.compile(p), name) for p, name in PENALTY_PATTERNS]
_PEN_TRIGGER = re.compile(
    r"(?:决定|拟|现)(?:对(?:当事人|你|你单位|你公司|你店|其|该单位)?)?(?:作出|给予|处以|处|实施)|"
    r"(?:处罚|决定)如下|如下(?:行政)?处罚|处罚决定如下|(?:作出|给予)(?:如下|以下)|拟作出|拟给予|拟处以|决定[：:]")
_PEN_END = re.compile(alternation("penalty_zone_end"))


def penalty_zone(s: str, doc_type: str = "decision") -> Optional[tuple[int, int]]:
    """The part of a decision or notice that states the penalty (decided or proposed)."""
    m = None
    for mm in _PEN_TRIGGER.finditer(s):
        if doc_type == "decision":
            # a decision recounting its notice ("告知其拟作出行政处罚的内容") is not deciding yet
            if mm.group(0).startswith("拟"):
                continue
            a = max(s.rfind("。", 0, mm.start()), s.rfind("；", 0, mm.start())) + 1
            if "告知" in s[a:mm.start()]:
                continue
        m = mm
        break
    if not m:
        return None
    start = m.start()
    end_m = _PEN_END.search(s, m.end() + 2)
    end = end_m.start() if end_m else min(len(s), m.end() + 300)
    end = min(end, m.end() + 400)
    return start, end


def extract_penalties(dt_: DocText, doc_type: str = "decision") -> tuple[list[str], list[Evidence]]:
    s = dt_.flat
    zone = penalty_zone(s, doc_type)
    if zone is None:
        return [], []
    a, b = zone
    text = s[a:b]
    hits: list[tuple[int, str]] = []
    for rx, name in _PEN_RE:
        for m in rx.finditer(text):
            hits.append((m.start(), name))
            break
    hits.sort()
    names = []
    for _, n in hits:
        if n not in names:
            names.append(n)
    if "吊销许可证件" in names and "暂扣许可证件" in names and len([h for h in hits if h[1] == "暂扣许可证件"]) == 0:
        names.remove("暂扣许可证件")
    return names, ([dt_.ev_f(a, min(b, a + 120))] if names else [])


# ------------------------------------------------------------------ payment

def payment_terms(dt_: DocText) -> tuple[dict[str, bool], list[Evidence]]:
    s = dt_.flat
    terms = {"within_15_days": False, "channel": False, "late_fee": False}
    ev: list[Evidence] = []
    for a, b in dt_.sentences:
        sent = s[a:b]
        if not re.search(r"缴纳|缴款|缴至|缴清|交纳|缴付|加处罚款|上缴", sent):
            continue
        hit = False
        # 日 read as 月/曰 by OCR is common; "十五个月内缴纳" is never meant
        m = re.search(r"(?:十五|15)(?:个)?[日曰月](?:内|之内|以内)", sent)
        if m and re.search(r"缴|交纳|罚款", sent):
            terms["within_15_days"] = True
            hit = True
        if re.search(r"银行|账户|帐户|账号|帐号|缴款地点|代收|电子缴款|缴款码|非税|缴款书|网上缴|扫码|指定的|财政|国库|缴费|支付宝|微信|缴款通知", sent):
            terms["channel"] = True
            hit = True
        if re.search(r"加处罚款|每日按罚款数额的?(?:百分之三|3%)", sent):
            terms["late_fee"] = True
            hit = True
        if hit:
            ev.append(dt_.sentence_quote(a, (a, min(b, a + 120))))
    return terms, ev


# ------------------------------------------------------------------ evidence listed in a decision

# evidence kind → how a decision's evidence list names it (vocabulary.yaml)
EVIDENCE_KINDS: list[tuple[str, str]] = named("evidence_kinds")
_EV_RE = [(re.compile(p), k) for p, k in EVIDENCE_KINDS]
_EV_SENT = re.compile(alternation("evidence_sentence_words"))


# the words that join the items of an evidence list, and those around the list
_EV_SPLIT = re.compile(r"[、，,；;/]|以及|及|和|与|或")
_EV_LEAD = re.compile(r"有|经|：|包括|如下|见|附")
_EV_TAIL = re.compile(alternation("evidence_list_tail"))
_ENUM = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．）)]|^[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]")
_COUNT = re.compile(r"(?:各|共)?[一二三四五六七八九十两\d]+(?:份|页|张|组|套|个|本|册|件|段|盘)$")
_BRACKETS = re.compile(r"[（(〔\[][^）)〕\]]*[）)〕\]]")


def _ev_kind_match(item: str) -> bool:
    plain = _BRACKETS.sub("", item).replace("《", "").replace("》", "")
    return any(rx.search(item) or rx.search(plain) for rx, _ in _EV_RE)


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, cur, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        if ch in "（(《〔[":
            depth += 1
        elif ch in "）)》〕]":
            depth = max(0, depth - 1)
        if depth == 0:
            m = _EV_SPLIT.match(text, i)
            if m:
                parts.append(cur)
                cur, i = "", m.end()
                continue
        cur += ch
        i += 1
    parts.append(cur)
    return parts


def _evidence_items(text: str) -> list[str]:
    """The items of an evidence list as written: "以上事实有现场检查笔录、询问笔录、检验（监测）报告等
    证据为证" → 现场检查笔录, 询问笔录, 检验（监测）报告.  Brackets stay with their item."""
    first = min((m.start() for rx, _ in _EV_RE for m in [rx.search(text)] if m), default=None)
    if first is None:
        return []
    # the list starts after the last 有/：/经… before the first item
    lead = [m.end() for m in _EV_LEAD.finditer(text, 0, first)]
    body = text[lead[-1] if lead else 0:]
    items = []
    for part in _split_outside_brackets(body):
        part = part.strip("。：:. ")
        part = _ENUM.sub("", part)
        tail = _EV_TAIL.search(part)
        if tail and tail.start() > 0:
            part = part[:tail.start()]
        elif tail:
            continue
        part = _COUNT.sub("", part)
        part = re.sub(r"^(?:当事人(?:的)?|涉案(?:的)?|相关(?:的)?|本案(?:的)?|以下)", "", part)
        if 2 <= len(part) <= 30 and _ev_kind_match(part):
            items.append(part)
    return items


def listed_evidence(dt_: DocText) -> tuple[list[str], list[Evidence]]:
    """Evidence a decision names for its facts, each item as written; a list numbered over several
    sentences (证据如下：1.…；2.…) is read to its last numbered item."""
    s = dt_.flat
    items: list[str] = []
    ev: list[Evidence] = []
    sents = dt_.sentences
    k = 0
    while k < len(sents):
        a, b = sents[k]
        sent = s[a:b]
        k += 1
        if not _EV_SENT.search(sent):
            continue
        if not re.search(r"以上|上述|下列|以下|有|等|经|：", sent):
            continue
        # numbered items that follow in their own sentences
        while k < len(sents) and _ENUM.match(s[sents[k][0]:sents[k][1]]):
            b = sents[k][1]
            k += 1
        block = s[a:b]
        if not re.search(r"笔录|报告|照片|执照|证据|材料", block):
            continue
        found = [x for x in _evidence_items(block) if x not in items]
        if found:
            items.extend(found)
            ev.append(dt_.sentence_quote(a, (a, min(b, a + 120))))
    return items, ev


def evidence_kinds(items: list[str]) -> list[str]:
    """The kinds (inquiry, inspection, test_report…) of listed evidence items."""
    kinds: list[str] = []
    for item in items:
        for rx, k in _EV_RE:
            if rx.search(item) and k not in kinds:
                kinds.append(k)
    return kinds


# ------------------------------------------------------------------ what happened

_STATEMENT_MADE_NEG = re.compile(
    r"(?:未|没有|未在.{0,12}?(?:内)?)(?:提出|进行|作出|提交)(?:任何)?(?:陈述|申辩|陈述申辩|陈述、申辩)|放弃(?:了)?(?:陈述|申辩)|"
    r"(?:陈述|申辩)(?:权利)?(?:视为)?放弃|无(?:陈述|申辩)(?:意见)?")
_STATEMENT_MADE_POS = re.compile(
    r"(?:提出|进行|作出|提交)了?(?:书面|口头)?(?:的)?(?:陈述|申辩|陈述申辩|陈述、申辩)(?:意见|材料)?|"
    r"陈述(?:申辩)?(?:意见|内容)(?:如下|为|：)|申辩(?:意见|理由)(?:如下|为|：)|陈述人称|当事人(?:陈述|申辩)称")
_REVIEW_DONE = re.compile(alternation("review_done_words"))
_HEARING_REQ_NEG = re.compile(r"(?:未|没有|不)(?:要求|申请|提出)(?:举行)?听证|放弃(?:要求)?听证|逾期未(?:提出|申请|要求)")
_HEARING_REQ_POS = re.compile(r"(?:要求|申请|提出)(?:举行)?听证(?:申请)?|听证申请书")
_EXTENSION = re.compile(r"延长(?:办案|案件办理|案件处理|办理|处理|审理)?(?:期限|时限)|延期(?:作出|办理|处理)|(?:办案|案件)期限延长")
_MAJOR_NEG = re.compile(r"不(?:属于|构成)(?:重大|复杂)|非重大")
_MAJOR = re.compile(r"重大(?:、复杂)?(?:行政处罚)?案件|重大复杂|案情复杂|情节复杂|重大违法|(?:属于|为)(?:重大|复杂)")
_EXTENSION_REASON = re.compile(r"延期|延长|进一步(?:调查|取证|核实|核查)|继续调查|调查取证需要")
_MAJOR_REACH = 15
_RIGHTS = re.compile(alternation("rights_words"))


def statement_made(dt_: DocText, doc_type: str) -> tuple[Optional[bool], list[Evidence]]:
    s = dt_.flat
    m = _STATEMENT_MADE_NEG.search(s)
    if m:
        return False, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    for m in _STATEMENT_MADE_POS.finditer(s):
        sa, sb = dt_.sentence_at(m.start())
        if _RIGHTS.search(s[sa:m.start()]) and doc_type != "statement_record":
            continue
        return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    if doc_type == "statement_record" and len(s) > 80:
        # a statement record with content is a statement made (the party's words are on it)
        return True, [dt_.ev_f(0, min(len(s), 80))]
    return None, []


def review_done(dt_: DocText) -> tuple[Optional[bool], list[Evidence]]:
    m = _REVIEW_DONE.search(dt_.flat)
    if m:
        return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    return None, []


def hearing_requested(dt_: DocText, doc_type: str) -> tuple[Optional[bool], list[Evidence]]:
    s = dt_.flat
    for a, b in dt_.sentences:
        sent = s[a:b]
        neg = _HEARING_REQ_NEG.search(sent)
        if neg and not re.search(r"如|若|视为|的，|否则", sent[:neg.start()]):
            return False, [dt_.sentence_quote(a + neg.start(), (a + neg.start(), a + neg.end()))]
    if doc_type in ("prior_notice", "hearing_notice") and not re.search(r"申请书|回执.{0,6}?(?:要求|申请)听证", s):
        # the notice states the right; a request is in the party's reply, not in the notice
        pass
    for a, b in dt_.sentences:
        sent = s[a:b]
        pos = _HEARING_REQ_POS.search(sent)
        if not pos:
            continue
        if re.search(r"如|若|如果|假如", sent[:pos.start()]):
            continue   # "如要求听证，应当…": a condition, not a request
        if _RIGHTS.search(sent) and not re.search(r"(?:当事人|你单位|你|其|申请人)(?:于.{0,16}?)?(?:已|已经)?(?:书面|口头)?(?:提出|要求|申请)(?:了)?(?:举行)?听证", sent):
            continue
        return True, [dt_.sentence_quote(a + pos.start(), (a + pos.start(), a + pos.end()))]
    if doc_type == "hearing_record" or re.search(r"听证申请书", s[:40]):
        # a hearing held, or the party's own application form: the request was made
        return True, [dt_.ev_f(0, min(len(s), 60))]
    return None, []


def extension_approved(dt_: DocText) -> tuple[bool, list[Evidence]]:
    s = dt_.flat
    for m in _EXTENSION.finditer(s):
        sa, sb = dt_.sentence_at(m.start())
        sent = s[sa:sb]
        if re.search(r"不同意|不予批准|未批准", sent):
            continue
        if re.search(r"同意|批准|准予|经.{0,10}?负责人", sent):
            return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
        first = re.search(r"不同意|不予批准|未批准|不予延长|同意|批准|准予", s[m.end():m.end() + 60])
        if first and first.group(0) in ("同意", "批准", "准予"):
            return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    return False, []


def major_case(dt_: DocText) -> tuple[Optional[bool], list[Evidence]]:
    s = dt_.flat
    m = _MAJOR_NEG.search(s)
    if m:
        return False, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    for m in _MAJOR.finditer(s):
        if _extension_reason(s, m):
            continue
        return True, [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    return None, []


def _extension_reason(s: str, m: re.Match) -> bool:
    """案情复杂 given as the reason to extend the time limit (延期理由：案情复杂，需进一步调查取证)
    says the investigation needs time (第60条); whether the case is one of 情节复杂 to be decided
    collectively (第57条第二款) it does not settle."""
    near = s[max(0, m.start() - _MAJOR_REACH): m.end() + _MAJOR_REACH]
    return bool(_EXTENSION_REASON.search(near)) and not m.group(0).startswith("重大")


def complex_extension(dt_: DocText) -> list[Evidence]:
    """Where the document gives 案情复杂 as a reason for more time (see :func:`_extension_reason`)."""
    s = dt_.flat
    for m in _MAJOR.finditer(s):
        if _extension_reason(s, m):
            return [dt_.sentence_quote(m.start(), (m.start(), m.end()))]
    return []


# A statement of facts opens with the finding of an inquiry ("经查", "经本机关调查核实：", "经依法
#查实") or an inspection ("检查时发现", "进行检查，发现"), or refers back to it ("上述事实，有…为证").
_FACTS = re.compile(r"经查|查明|现查明|违法事实|经调查|经(?:本(?:机关|局|委|厅|所|单位)|我(?:局|委|厅|所))?(?:依法)?"
                    r"(?:调查|检查|核查|审查)?(?:核实|查实|查证|认定)|"
                    r"(?:调查|检查|巡查|核查|执法人员)(?:时)?[，,]?发现|(?:上述|以上)(?:违法)?事实[，,]?(?:有|已|经)|"
                    r"存在.{0,30}?(?:行为|情形)|"
                    r"当事人.{0,30}?(?:行为|销售|生产|经营|未)|(?:实施|有)了?(?:以下|下列|如下).{0,8}?(?:违法)?行为")
_REASON = re.compile(r"违反了?|属于|构成|理由|依据|根据|认定")


def has_facts(s: str) -> bool:
    return bool(_FACTS.search(s))


def has_reasons(s: str) -> bool:
    return bool(_REASON.search(s))


def has_evidence_statement(s: str) -> bool:
    return bool(re.search(r"证据|以上事实有|上述事实有|笔录|为证|证实", s))


_WAIVE = re.compile(
    r"(?:放弃|不(?:要求|申请|进行|提出))(?:了)?(?:本人的|我单位的|其)?(?:陈述|申辩|陈述、申辩|陈述申辩|陈述和申辩|听证|要求听证)"
    r"(?:[、和及](?:陈述|申辩|听证|要求听证))*(?:的)?(?:权利|权)?")


def rights_waived(dt_: DocText) -> tuple[Optional[bool], list[Evidence]]:
    """The party expressly gave up 陈述申辩/听证 ("本人放弃陈述、申辩和听证的权利"); a notice's
    "逾期视为放弃" is a warning, not a waiver."""
    s = dt_.flat
    for a, b in dt_.sentences:
        sent = s[a:b]
        for m in _WAIVE.finditer(sent):
            if re.search(r"如|若|视为|逾期|的，|否则|可以|有权", sent[:m.start()]):
                continue
            return True, [dt_.sentence_quote(a + m.start(), (a + m.start(), a + m.end()))]
    return None, []
