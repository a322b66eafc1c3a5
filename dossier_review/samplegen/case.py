"""The structured case behind one synthetic dossier.

A ``Case`` holds every fact and every per-document choice the renderer prints; defect injectors
change it, and ``truth.compute_defects`` derives the truth from it.  Nothing about a defect is
decided in the renderer: it only prints what the case says.
"""
from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass, field
from typing import Any, Optional

from . import data, ids
from .fmt import add_workdays, is_workday, next_workday

# Hearing-scope and 重大 criteria (configurable in a real standard; these are the generator's defaults
# and are written into every truth file).
THRESHOLDS = {
    "hearing": {"individual": 10000, "organisation": 100000},
    "major": {"individual": 10000, "organisation": 100000},
    "simplified": {"individual": 200, "organisation": 3000},
    "hearing_penalties": ["吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级"],
}

# position of each document type in the standard order (reference/standards.md §3.2);
# equal ranks may come in either order.  Receipts take the rank of the document they serve.
ORDER_RANK = {
    "cover": 0, "catalog": 1, "case_source": 2, "filing": 2, "inspection": 3, "inquiry_notice": 4,
    "inquiry": 4, "evidence": 5, "preservation": 6, "investigation_report": 7, "legal_review": 8,
    "collective_discussion": 9, "prior_notice": 10, "statement_record": 11, "hearing_notice": 12,
    "hearing_record": 12, "approval": 13, "decision": 14, "payment": 15, "closing": 16, "remarks": 17,
}


@dataclass
class Officer:
    name: str
    cert: str


@dataclass
class Party:
    kind: str                     # company | individual_business | individual
    name: str
    id_number: str                # credit code (company, 个体户) or 身份证号 (individual)
    address: str
    phone: str
    representative: Optional[str] = None   # 法定代表人 / 经营者
    rep_title: str = ""
    rep_id: Optional[str] = None
    gender: Optional[str] = None
    birth: Optional[_dt.date] = None

    @property
    def klass(self) -> str:
        """Class for 第51条/第63条 thresholds: 个体工商户 counts as a citizen here."""
        return "organisation" if self.kind == "company" else "individual"

    @property
    def id_kind(self) -> str:
        return "id_card" if self.kind == "individual" else "credit_code"


@dataclass
class Doc:
    key: str
    type: str
    title: str
    date: Optional[_dt.date]
    attrs: dict = field(default_factory=dict)
    same_page: bool = False      # may begin on the page where the previous document ends


@dataclass
class Case:
    seed: int
    name: str
    procedure: str
    scanned: bool
    place: tuple
    agency: dict
    violation: data.Violation
    party: Party
    officers: list[Officer]
    staff: dict                    # other people: head, reviewer, recorder, respondent
    fine: float                    # the penalty decided
    notice_fine: float             # the penalty proposed in the prior notice
    gains: float                   # 违法所得 confiscated (0 when none)
    goods_value: float
    qty: int
    goods: str
    plate: str
    extra_penalties: list[str]
    dates: dict[str, _dt.date]
    times: dict[str, tuple]
    flags: dict[str, Any]
    numbers: dict[str, str]
    style: dict[str, Any]
    docs: list[Doc] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def doc(self, key: str) -> Optional[Doc]:
        for d in self.docs:
            if d.key == key:
                return d
        return None

    def docs_of(self, *types: str) -> list[Doc]:
        return [d for d in self.docs if d.type in types]

    def remove(self, *keys: str) -> None:
        self.docs = [d for d in self.docs if d.key not in keys]

    def hearing_scope(self, fine: float | None = None) -> bool:
        fine = self.fine if fine is None else fine
        thr = THRESHOLDS["hearing"][self.party.klass]
        heavy = any(h in p for p in self.extra_penalties for h in THRESHOLDS["hearing_penalties"])
        return heavy or fine >= thr or self.gains >= thr

    def major(self) -> bool:
        thr = THRESHOLDS["major"][self.party.klass]
        return bool(self.flags.get("hearing_held")) or self.fine >= thr


# --------------------------------------------------------------------------- people & places

def person_name(rng: random.Random) -> str:
    return rng.choice(data.SURNAMES) + rng.choice(data.GIVEN)


def _address(rng, place) -> str:
    province, _, city, _, district, _, _, roads = place
    return f"{city}{district}{rng.choice(roads)}{rng.randint(1, 399)}号" + rng.choice(["", "", f"{rng.randint(1, 12)}幢{rng.randint(101, 1808)}室", f"{rng.randint(1, 3)}楼"])


def _phone(rng) -> str:
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def make_party(rng: random.Random, kind: str, v: data.Violation, place) -> Party:
    area = place[6]
    trade = rng.choice(data.TRADE_NAMES)
    city, district = place[2], place[4]
    if kind == "company":
        name = f"{city[:-1]}{trade}{rng.choice(data.COMPANY_SUFFIX[v.trade])}"
        return Party(kind, name, ids.make_credit_code(rng, area), _address(rng, place), _phone(rng),
                     representative=person_name(rng), rep_title="法定代表人")
    owner_birth = _dt.date(rng.randint(1962, 2000), rng.randint(1, 12), rng.randint(1, 28))
    male = rng.random() < 0.55
    owner = person_name(rng)
    owner_id = ids.make_id_number(rng, area if rng.random() < 0.6 else rng.choice(data.PLACES)[6], owner_birth, male)
    if kind == "individual_business":
        name = f"{city}{district}{trade}{rng.choice(data.SHOP_SUFFIX[v.trade])}"
        return Party(kind, name, ids.make_credit_code(rng, area, individual_business=True),
                     _address(rng, place), _phone(rng), representative=owner, rep_title="经营者",
                     rep_id=owner_id, gender="男" if male else "女", birth=owner_birth)
    return Party(kind, owner, owner_id, _address(rng, place), _phone(rng),
                 gender="男" if male else "女", birth=owner_birth)


def make_agency(rng: random.Random, kind: str, place) -> dict:
    province, prov_short, city, city_short, district, dist_short, area, roads = place
    abbr, prov_dept, city_dept, levels = data.AGENCY_KINDS[kind]
    level = rng.choice(levels)
    if level == "district":
        name = f"{city}{district}{kind}"
        gov = f"{city}{district}人民政府"
        upper = city_dept.format(city=city)
        prefix = city_short + dist_short + abbr
    else:
        name = f"{city}{kind}"
        gov = f"{city}人民政府"
        upper = prov_dept.format(province=province)
        prefix = city_short + abbr
    cert_style = rng.choice(["digits", "letter", "dash"])
    return {
        "kind": kind, "level": level, "name": name, "gov": gov, "upper": upper, "prefix": prefix,
        "court": f"{city}{district}人民法院", "province": province, "city": city, "district": district,
        "address": f"{city}{district}{rng.choice(roads)}{rng.randint(1, 300)}号", "phone": f"0{rng.randint(20, 999)}-{rng.randint(2000000, 89999999)}",
        "bank": rng.choice(data.BANKS), "cert_style": cert_style, "area": area,
    }


def make_cert(rng, agency) -> str:
    style = agency["cert_style"]
    if style == "digits":
        return agency["area"][:4] + "".join(rng.choice("0123456789") for _ in range(7))
    if style == "letter":
        return agency["province"][0:1] + "".join(rng.choice("0123456789") for _ in range(8))
    return f"{agency['area']}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


# --------------------------------------------------------------------------- fines

def _fine_bounds(v: data.Violation, kind: str):
    if v.fine_from_goods:
        glo, ghi = v.goods_value
        return glo * v.fine_from_goods[0], ghi * v.fine_from_goods[1]
    return v.fine_range


def choose_fine(rng, v: data.Violation, kind: str, scope: Optional[bool]) -> Optional[int]:
    """A fine for this violation/party, in (scope=True) or out of (False) the hearing scope.

    个体工商户 may be read as a citizen or an organisation; fines are kept where both readings agree.
    """
    lo, hi = _fine_bounds(v, kind)
    klass = "organisation" if kind == "company" else "individual"
    thr = THRESHOLDS["hearing"][klass]
    ranges = []
    if kind == "individual_business":
        org_thr = THRESHOLDS["hearing"]["organisation"]
        if scope is not True:
            ranges.append((lo, min(hi, thr - 1)))
        if scope is not False:
            ranges.append((max(lo, org_thr), hi))
        if v.simplified:
            ranges = [(lo, min(hi, THRESHOLDS["simplified"]["individual"]))]
    elif scope is None:
        ranges.append((lo, hi))
    elif scope:
        ranges.append((max(lo, thr), hi))
    else:
        ranges.append((lo, min(hi, thr - 1)))
    ranges = [(a, b) for a, b in ranges if b >= a]
    if not ranges:
        return None
    a, b = rng.choice(ranges)
    step = 100 if b - a >= 1000 else 10
    val = int(rng.uniform(a, b) // step * step)
    return max(val, int(a) if a % step == 0 else int((a // step + 1) * step))


# --------------------------------------------------------------------------- dates

def _rand_workday(rng, start: _dt.date, end: _dt.date) -> _dt.date:
    day = start + _dt.timedelta(days=rng.randint(0, (end - start).days))
    return next_workday(day)


def _hm(rng, lo_h=8, hi_h=16):
    return (rng.randint(lo_h, hi_h), rng.choice([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]))


def _plus(hm, minutes):
    t = hm[0] * 60 + hm[1] + minutes
    return (t // 60, t % 60)


def make_dates(rng, flags, start: _dt.date = _dt.date(2023, 2, 15)) -> tuple[dict, dict]:
    d: dict[str, _dt.date] = {}
    t: dict[str, tuple] = {}
    d["inspected"] = _rand_workday(rng, start, _dt.date(2025, 6, 30))
    t["inspection"] = (_hm(rng, 8, 14),)
    t["inspection"] = (t["inspection"][0], _plus(t["inspection"][0], rng.randint(35, 100)))
    d["case_source"] = d["inspected"]
    d["filed"] = add_workdays(d["inspected"], rng.randint(0, 2))
    d["inquiry_notice"] = d["filed"]
    d["inquired"] = add_workdays(d["filed"], rng.randint(1, 4))
    s = _hm(rng, 9, 15)
    t["inquiry1"] = (s, _plus(s, rng.randint(40, 110)))
    last = d["inquired"]
    if flags["two_inquiries"]:
        d["inquired2"] = add_workdays(d["inquired"], rng.randint(1, 3))
        s = _hm(rng, 9, 15)
        t["inquiry2"] = (s, _plus(s, rng.randint(30, 80)))
        last = d["inquired2"]
    d["tested"] = add_workdays(d["filed"], rng.randint(2, 6))
    last = max(last, d["tested"])
    d["report"] = add_workdays(last, rng.randint(2, 6))
    nxt = d["report"]
    if flags["legal_review"]:
        d["legal_review"] = add_workdays(nxt, rng.randint(1, 3))
        nxt = d["legal_review"]
    if flags["discussion"]:
        d["discussed"] = add_workdays(nxt, rng.randint(1, 2))
        t["discussion"] = (_hm(rng, 9, 15),)
        nxt = d["discussed"]
    d["notice_issued"] = add_workdays(nxt, rng.randint(1, 2))
    d["notice_served"] = add_workdays(d["notice_issued"], rng.randint(0, 1))
    ready = add_workdays(d["notice_served"], rng.randint(6, 8))  # the 5-working-day window has closed
    if flags["statement_made"]:
        d["statement"] = add_workdays(d["notice_served"], rng.randint(1, 4))
        t["statement"] = (_hm(rng, 9, 15),)
        d["statement_review"] = add_workdays(d["statement"], rng.randint(1, 3))
        ready = max(ready, add_workdays(d["statement_review"], 1))
    if flags["hearing_requested"]:
        d["hearing_requested"] = add_workdays(d["notice_served"], rng.randint(1, 4))
        d["hearing_notified"] = add_workdays(d["hearing_requested"], rng.randint(1, 2))
        if flags["hearing_held"]:
            d["hearing"] = add_workdays(d["hearing_notified"], rng.randint(8, 11))
            t["hearing"] = (_hm(rng, 9, 14),)
            d["hearing_report"] = add_workdays(d["hearing"], rng.randint(1, 2))
            ready = max(ready, add_workdays(d["hearing_report"], 1))
        else:
            ready = max(ready, add_workdays(d["hearing_notified"], 9))
    d["approved"] = ready
    d["decided"] = add_workdays(ready, rng.randint(0, 1))
    d["served"] = add_workdays(d["decided"], rng.choice([0, 0, 1, 2, 3, 4]))
    paid = d["served"] + _dt.timedelta(days=rng.randint(1, 12))
    while not is_workday(paid):
        paid -= _dt.timedelta(days=1)
    d["paid"] = max(paid, add_workdays(d["served"], 1)) if paid <= d["served"] else paid
    d["closed"] = add_workdays(d["paid"], rng.randint(1, 6))
    return d, t
