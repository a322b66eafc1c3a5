"""Build a clean case (no defects) that satisfies the preconditions the requested defects need."""
from __future__ import annotations

import datetime as _dt
import random
from typing import Optional

from . import data
from .case import (
    THRESHOLDS,
    Case,
    Doc,
    Officer,
    choose_fine,
    make_agency,
    make_cert,
    make_dates,
    make_party,
    person_name,
)
from .fmt import add_workdays, next_workday, workdays_between

AGENCY_ALIASES = {
    "market": "市场监督管理局", "市场监督管理局": "市场监督管理局", "市场监管": "市场监督管理局",
    "emergency": "应急管理局", "应急管理局": "应急管理局",
    "environment": "生态环境局", "生态环境局": "生态环境局",
    "urban": "城市管理综合行政执法局", "城市管理综合行政执法局": "城市管理综合行政执法局", "城管": "城市管理综合行政执法局",
    "transport": "交通运输局", "交通运输局": "交通运输局",
    "culture": "文化和旅游局", "文化和旅游局": "文化和旅游局",
}


def _violation_candidates(procedure, agency_kind, party_kind, needs):
    out = []
    for v in data.VIOLATIONS:
        if v.simplified != (procedure == "simplified"):
            continue
        if agency_kind and v.agency_kind != agency_kind:
            continue
        kinds = [k for k in v.party_kinds if party_kind in (None, k)]
        if needs.get("party_kind"):
            kinds = [k for k in kinds if k in needs["party_kind"]]
        if needs.get("test_report") and not v.test_report:
            continue
        if needs.get("gains") and not v.confiscation:
            continue
        for k in kinds:
            out.append((v, k))
    return out


def build_case(seed: int, *, procedure: str = "general", scanned: bool = False,
               agency: Optional[str] = None, party_kind: Optional[str] = None,
               needs: Optional[dict] = None) -> Case:
    needs = dict(needs or {})
    rng = random.Random(f"samplegen-{seed}")
    agency_kind = AGENCY_ALIASES.get(agency, agency) if agency else None
    cands = _violation_candidates(procedure, agency_kind, party_kind, needs)
    rng.shuffle(cands)
    for v, kind in cands:
        if procedure == "simplified":
            cap = THRESHOLDS["simplified"]["organisation" if kind == "company" else "individual"]
            lo, hi = v.fine_range
            hi = min(hi, cap)
            if hi < lo:
                continue
            fine = int(rng.uniform(lo, hi) // 10 * 10) or lo
            break
        heavy = any(h in p for p in v.extra_penalties for h in THRESHOLDS["hearing_penalties"])
        if heavy and needs.get("scope") is False:
            continue
        fine = choose_fine(rng, v, kind, None if heavy else needs.get("scope"))
        if fine is not None:
            break
    else:
        raise ValueError(f"no violation fits procedure={procedure} agency={agency} party_kind={party_kind} needs={needs}")

    place = rng.choice(data.PLACES)
    ag = make_agency(rng, v.agency_kind, place)
    party = make_party(rng, kind, v, place)
    n_off = 3 if rng.random() < 0.3 else 2
    officers = [Officer(person_name(rng), make_cert(rng, ag)) for _ in range(n_off)]
    goods = rng.choice(data.GOODS[v.key])
    qty = rng.randint(3, 60) if v.key != "transport_unlicensed" else rng.randint(2, 6)
    gains = float(rng.randint(*v.confiscation) // 10 * 10) if v.confiscation else 0.0
    if v.fine_from_goods:
        factor = rng.uniform(*v.fine_from_goods)
        goods_value = float(round(fine / factor / 10) * 10)
    elif v.goods_value:
        goods_value = float(rng.randint(*v.goods_value) // 10 * 10)
    else:
        goods_value = 0.0
    plate = place[1] + rng.choice("ABCDEFGH") + "".join(rng.choice("0123456789") for _ in range(5))
    extra = list(v.extra_penalties)

    klass = "organisation" if kind == "company" else "individual"
    in_scope = (fine >= THRESHOLDS["hearing"][klass] or gains >= THRESHOLDS["hearing"][klass]
                or any(h in p for p in extra for h in THRESHOLDS["hearing_penalties"]))
    major = fine >= THRESHOLDS["major"][klass]
    flags = {
        "two_inquiries": rng.random() < 0.35,
        "case_source": rng.random() < 0.5,
        "inquiry_notice": rng.random() < 0.4,
        "books": rng.random() < 0.5,
        "statement_made": needs.get("statement", rng.random() < 0.3),
        "hearing_requested": False, "hearing_held": False,
    }
    if in_scope and procedure == "general":
        if needs.get("hearing_requested") is not None:
            flags["hearing_requested"] = needs["hearing_requested"]
        else:
            flags["hearing_requested"] = rng.random() < 0.45
        flags["hearing_held"] = flags["hearing_requested"] and needs.get("hearing_held", True)
    if flags["hearing_requested"]:
        flags["statement_made"] = needs.get("statement", False)
    flags["legal_review"] = major or flags["hearing_held"] or rng.random() < 0.5
    flags["discussion"] = major or flags["hearing_held"]
    flags["hearing_right"] = needs.get("hearing_right", in_scope or rng.random() < 0.35)

    # keep a general file within 10-25 pages: drop optional papers when the procedure is long
    flags["photos"] = rng.choice([2, 3, 4])
    est = (18 + (flags["photos"] >= 3) + flags["case_source"] + flags["inquiry_notice"] + flags["two_inquiries"] + flags["books"] + v.test_report
           + flags["legal_review"] + flags["discussion"] + 2 * flags["statement_made"]
           + (2 + 2 * flags["hearing_held"]) * flags["hearing_requested"])
    for opt in ("case_source", "inquiry_notice", "two_inquiries", "books", "photos"):
        if est <= 21:
            break
        if opt == "photos":
            if flags["photos"] >= 3:
                flags["photos"], est = 2, est - 1
        elif flags[opt]:
            flags[opt] = False
            est -= 1

    reduce = flags["statement_made"] and rng.random() < 0.4 and not needs.get("no_reduction")
    notice_fine = float(fine)
    if reduce:
        cut = float(round(fine * rng.uniform(0.75, 0.95) / 100) * 100)
        same_side = (cut >= THRESHOLDS["hearing"][klass]) == (fine >= THRESHOLDS["hearing"][klass])
        lo = v.fine_range[0] if not v.fine_from_goods else 0
        if same_side and cut >= lo:
            fine = cut
        else:
            reduce = False
    flags["reduced"] = reduce

    for _ in range(40):
        dates, times = make_dates(rng, flags, _dt.date(2024, 1, 8) if needs.get("after_2024") else _dt.date(2023, 2, 15))
        if (dates["decided"] - dates["filed"]).days <= 80:
            break
    else:
        raise RuntimeError("could not schedule a case within 80 days")

    # some clean files run past 90 days with an approved extension (第60条 "另有规定的，从其规定")
    flags["extension"] = needs.get("extension", rng.random() < 0.12)
    if flags["extension"]:
        chain = ("approved", "decided", "served", "paid", "closed")
        gaps = [workdays_between(dates[a], dates[b]) for a, b in zip(chain, chain[1:], strict=False)]
        dates["approved"] = next_workday(dates["filed"] + _dt.timedelta(days=rng.randint(95, 110)))
        for (a, b), gap in zip(zip(chain, chain[1:], strict=False), gaps, strict=False):
            dates[b] = add_workdays(dates[a], gap)
        if dates["paid"] > dates["served"] + _dt.timedelta(days=15):
            dates["paid"] = add_workdays(dates["served"], 1)
            dates["closed"] = add_workdays(dates["paid"], 2)
        dates["extension"] = next_workday(dates["filed"] + _dt.timedelta(days=rng.randint(78, 84)))

    num = rng.randint(3, 480)
    year = dates["decided"].year
    docno_style = rng.choice(["plain", "di", "pad"])

    def docno(mid: str, n: int, y: int) -> str:
        body = {"plain": f"{n}号", "di": f"第{n}号", "pad": f"{n:04d}号"}[docno_style]
        return f"{ag['prefix']}{mid}〔{y}〕{body}"

    numbers = {
        "case": docno("立", num, dates["filed"].year),
        "notice": docno(rng.choice(["罚告", "告", "罚先告"]), num, dates["notice_issued"].year),
        "decision": docno("罚", num, year),
        "hearing_notice": docno("听通", num, dates["notice_issued"].year),
        "archive": f"{year}{num:04d}",
    }
    style = {
        "date": rng.choice(["cn", "cn", "hanzi", "dot", "iso"]),
        "seal_date": rng.choice(["cn", "hanzi", "hanzi"]),
        "party_label": rng.choice(["当事人", "当 事 人", "被处罚人", "名称"]),
        "id_label": rng.choice(["统一社会信用代码", "社会信用代码", "统一社会信用代码（注册号）"]),
        "amount": rng.choice(["plain", "comma", "wan", "words_currency", "words_plain", "figures_words", "currency"]),
        "body_size": rng.choice([10.5, 11, 11.5, 12]),
        "title_size": rng.choice([16, 17, 18, 20]),
        "seal_label": rng.random() < 0.4,
        "remedy_variant": rng.randrange(3),
        "payment_variant": rng.randrange(3),
        "evidence_variant": rng.randrange(2),
        "facts_first": rng.random() < 0.5,
        "time_style": rng.choice(["cn", "colon"]),
        "you": "你单位" if kind == "company" else "你",
    }
    if style["amount"] == "wan" and fine % 1000:
        style["amount"] = "plain"

    staff = {
        "head": person_name(rng), "reviewer": person_name(rng), "chief": person_name(rng),
        "recorder": officers[-1].name, "respondent": party.representative or party.name,
        "respondent_title": "法定代表人" if kind == "company" else ("经营者" if kind == "individual_business" else "本人"),
        "presider": person_name(rng), "witness": person_name(rng), "filer": person_name(rng),
        "checker": person_name(rng), "members": [person_name(rng) for _ in range(rng.randint(3, 5))],
        "agent": person_name(rng),
    }
    if kind == "company" and rng.random() < 0.4:
        staff["respondent"] = person_name(rng)
        staff["respondent_title"] = rng.choice(["店长", "生产主管", "安全员", "委托代理人"])

    case = Case(seed=seed, name=f"dossier-{seed}", procedure=procedure, scanned=scanned, place=place,
                agency=ag, violation=v, party=party, officers=officers, staff=staff, fine=float(fine),
                notice_fine=notice_fine, gains=gains, goods_value=goods_value, qty=qty, goods=goods,
                plate=plate, extra_penalties=extra, dates=dates, times=times, flags=flags,
                numbers=numbers, style=style)
    if procedure == "simplified":  # a one-page pre-printed form
        style["body_size"] = min(style["body_size"], 10.5)
        style["title_size"] = min(style["title_size"], 17)
        _simplified_docs(case, rng)
    else:
        _general_docs(case, rng)
    return case


def _record_attrs(case: Case, rng, when: _dt.date, times) -> dict:
    return {
        "officers": [0, 1], "cert_numbers": True, "cert_shown": True, "party_signed": True,
        "officer_signed": True, "date_shown": True, "time_complete": True, "times": times,
        "party_name": case.party.name, "party_id": case.party.id_number,
    }


def _general_docs(case: Case, rng) -> None:
    d, f, v = case.dates, case.flags, case.violation
    add = case.docs.append
    add(Doc("cover", "cover", "行政处罚案卷", None))
    add(Doc("catalog", "catalog", "卷内目录", None))
    if f["case_source"]:
        add(Doc("case_source", "case_source", "案件来源登记表", d["case_source"]))
    add(Doc("filing", "filing", rng.choice(["立案审批表", "立案审批表", "立案（不予立案）审批表"]), d["filed"],
            {"authority": case.agency["name"], "party_name": case.party.name, "party_id": case.party.id_number}))
    add(Doc("inspection", "inspection", rng.choice(["现场检查笔录", "现场检查（勘验）笔录", "现场笔录"]), d["inspected"],
            _record_attrs(case, rng, d["inspected"], case.times["inspection"])))
    if f["inquiry_notice"]:
        add(Doc("inquiry_notice", "inquiry_notice", rng.choice(["询问通知书", "询问调查通知书"]), d["inquiry_notice"],
                {"authority": case.agency["name"]}))
    add(Doc("inquiry1", "inquiry", rng.choice(["询问笔录", "调查询问笔录", "询问（调查）笔录"]), d["inquired"],
            _record_attrs(case, rng, d["inquired"], case.times["inquiry1"])))
    if f["two_inquiries"]:
        att = _record_attrs(case, rng, d["inquired2"], case.times["inquiry2"])
        att["officers"] = [len(case.officers) - 1, 0]
        add(Doc("inquiry2", "inquiry", case.doc("inquiry1").title, d["inquired2"], att))
    add(Doc("ev_identity", "evidence", "营业执照复印件" if case.party.kind != "individual" else "身份证复印件", None,
            {"kind": "identity", "id_number": case.party.id_number}))
    add(Doc("ev_photos", "evidence", "现场照片", d["inspected"], {"kind": "photos", "count": case.flags["photos"]}))
    if v.test_report:
        add(Doc("ev_report", "evidence", "检验报告" if v.agency_kind == "市场监督管理局" else "监测报告", d["tested"],
                {"kind": "test_report"}))
    if f["books"]:
        add(Doc("ev_books", "evidence", rng.choice(["进货单据", "销售台账", "证据提取单"]), d["inspected"], {"kind": "books"}))
    facts = {"goods_value": case.goods_value, "gains": case.gains, "qty": case.qty}
    add(Doc("report", "investigation_report", rng.choice(["案件调查终结报告", "行政处罚案件调查报告", "调查终结报告"]), d["report"],
            {"facts": dict(facts), "proposed_fine": case.notice_fine, "typo": None, "residue": None}))
    if f["legal_review"]:
        add(Doc("legal_review", "legal_review", rng.choice(["法制审核意见书", "重大执法决定法制审核意见", "案件审核表"]), d["legal_review"], {}))
    if f["discussion"]:
        add(Doc("discussion", "collective_discussion", rng.choice(["案件集体讨论记录", "重大案件集体讨论笔录"]), d["discussed"], {}))
    hearing_title = "行政处罚听证告知书" if f["hearing_right"] and rng.random() < 0.4 else (
        "行政处罚事先（听证）告知书" if f["hearing_right"] and rng.random() < 0.5 else "行政处罚事先告知书")
    add(Doc("notice", "prior_notice", hearing_title, d["notice_issued"], {
        "number": case.numbers["notice"], "authority": case.agency["name"], "date_shown": True, "seal": True,
        "penalty": True, "facts_stated": True, "basis": True, "statement_right": True,
        "hearing_right": f["hearing_right"], "hearing_days": 5, "hearing_unit": rng.choice(["个工作日", "日"]),
        "fine": case.notice_fine, "facts": dict(facts), "violated": v.violated, "penalty_cite": v.penalty,
        "aplaw_outdated": False, "party_name": case.party.name, "residue": None,
    }))
    add(Doc("notice_receipt", "service_receipt", "送达回证", d["notice_served"], {
        "serves": "notice", "recipient_signed": True, "date_shown": True, "method_shown": True,
        "method": "直接送达",
    }, same_page=rng.random() < 0.5))
    if f["statement_made"]:
        add(Doc("statement", "statement_record", rng.choice(["陈述申辩笔录", "陈述、申辩笔录"]), d["statement"], {}))
        add(Doc("statement_review", "statement_record", rng.choice(["陈述申辩复核意见书", "陈述申辩情况复核意见"]), d["statement_review"],
                {"adopted": f["reduced"]}))
    if f["hearing_requested"]:
        add(Doc("hearing_request", "other", "听证申请书", d["hearing_requested"], {}))
        add(Doc("hearing_notice", "hearing_notice", "听证通知书", d["hearing_notified"], {
            "number": case.numbers["hearing_notice"], "hearing_date": d.get("hearing")}))
        if f["hearing_held"]:
            add(Doc("hearing_record", "hearing_record", "听证笔录", d["hearing"], {}))
            add(Doc("hearing_report", "hearing_record", "听证报告", d["hearing_report"], {}))
    if f.get("extension"):
        add(Doc("extension", "other", rng.choice(["延长办案期限审批表", "案件延期审批表"]), d["extension"], {}))
    add(Doc("approval", "approval", rng.choice(["行政处罚决定审批表", "案件处理审批表", "处罚决定审批表"]), d["approved"],
            {"typo": None}))
    evid = ["inspection", "inquiry", "identity", "photos"] + (["test_report"] if v.test_report else []) + (
        ["books"] if f["books"] else [])
    add(Doc("decision", "decision", rng.choice(["行政处罚决定书", "行政处罚决定书"]), d["decided"], {
        "number": case.numbers["decision"], "authority_shown": True, "date_shown": True, "seal": True,
        "party_fields": {"name": True, "id": True, "address": True, "representative": True},
        "party_name": case.party.name, "party_id": case.party.id_number,
        "facts": dict(facts), "evidence_list": evid, "violated": v.violated, "penalty_cite": v.penalty,
        "cite_style": {"violated": "full", "penalty": "full"},
        "fine": case.fine, "fine_words": None, "payment": {"term": True, "channel": True, "late_fee": True},
        "remedy": {"review": True, "review_days": "六十日", "review_body": case.agency["gov"], "litigation": True,
                   "litigation_period": "六个月", "court": case.agency["court"]},
        "residue": None, "typo": None,
    }))
    add(Doc("decision_receipt", "service_receipt", "送达回证", d["served"], {
        "serves": "decision", "recipient_signed": True, "date_shown": True, "method_shown": True,
        "method": rng.choice(["直接送达", "直接送达", "邮寄送达"]),
    }, same_page=rng.random() < 0.4))
    add(Doc("payment", "payment", rng.choice(["罚没款缴纳凭证", "非税收入一般缴款书", "银行缴款回单"]), d["paid"],
            {"amount": case.fine + case.gains}))
    add(Doc("closing", "closing", rng.choice(["结案审批表", "行政处罚案件结案报告", "结案审批表"]), d["closed"], {"typo": None}))
    add(Doc("remarks", "remarks", "卷内备考表", None))
    case.flags["page_numbers"] = "ok"


def _simplified_docs(case: Case, rng) -> None:
    day = case.dates["inspected"]
    case.dates = {"decided": day, "served": day}
    if rng.random() < 0.6:
        case.dates["paid"] = day
    case.times = {"decision": ((rng.randint(8, 17), rng.randint(0, 59)),)}
    v = case.violation
    case.docs.append(Doc("decision", "decision", rng.choice(["当场行政处罚决定书", "当场处罚决定书", "行政处罚决定书（当场）"]), day, {
        "number": f"{case.agency['prefix']}{rng.choice(['当罚', '简罚', '罚当'])}〔{day.year}〕{rng.randint(100, 9999)}号",
        "authority_shown": True, "date_shown": True, "seal": True,
        "party_fields": {"name": True, "id": True, "address": True, "representative": True},
        "party_name": case.party.name, "party_id": case.party.id_number,
        "facts": {}, "evidence_list": [], "violated": v.violated, "penalty_cite": v.penalty,
        "cite_style": {"violated": "full", "penalty": "full"},
        "fine": case.fine, "fine_words": None, "payment": {"term": True, "channel": True, "late_fee": True},
        "remedy": {"review": True, "review_days": "六十日", "review_body": case.agency["gov"], "litigation": True,
                   "litigation_period": "十五日", "court": case.agency["court"], "review_first": True},
        "officers": [0, 1], "cert_numbers": True, "cert_shown": True, "residue": None, "typo": None,
    }))
    if "paid" in case.dates:
        case.docs.append(Doc("payment", "payment", "罚没款缴纳凭证", day, {"amount": case.fine}, same_page=False))
    case.flags["page_numbers"] = "none"
