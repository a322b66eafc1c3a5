"""Build ``Facts`` for check and score tests without running ingest/segment/extract.

``clean_case()`` is a complete, defect-free general-procedure dossier (an organisation fined
5,000 元 for a food-safety violation in spring 2024).  Tests take it, change one fact, and look
for the one defect that change makes.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from dossier_review.check import run_checks
from dossier_review.model import (
    DECISION_ELEMENTS,
    Amount,
    AmountPair,
    Citation,
    DocFacts,
    Evidence,
    Facts,
    Officer,
    PageFacts,
    Party,
    RemedyInfo,
    ServiceInfo,
)
from dossier_review.pipeline import load_standard

D = dt.date
AUTHORITY = "福州市鼓楼区市场监督管理局"
CREDIT_CODE = "91350100M000100Y43"   # valid GB 32100 check digit
FOOD_LAW = "中华人民共和国食品安全法"

_STANDARDS: dict = {}


def standard(name: str = "default"):
    if name not in _STANDARDS:
        _STANDARDS[name] = load_standard(name)
    return _STANDARDS[name]


def party(**over) -> Party:
    base = dict(name="福州市某某餐饮有限公司", kind="organisation", id_number=CREDIT_CODE,
                id_kind="credit_code", address="福州市鼓楼区某某路1号", representative="王某",
                evidence=[Evidence(1, "当事人：福州市某某餐饮有限公司")])
    base.update(over)
    return Party(**base)


def officers(n: int = 2, certs: bool = True) -> list[Officer]:
    people = [("张三", "35010001"), ("李四", "35010002"), ("王五", "35010003")][:n]
    return [Officer(name, cert if certs else None) for name, cert in people]


class Builder:
    def __init__(self, procedure: str = "general", dossier: str = "case"):
        self.procedure = procedure
        self.dossier = dossier
        self.docs: list[DocFacts] = []
        self.dates: dict[str, dt.date] = {}
        self.fine_yuan: Optional[float] = None
        self.party = party()
        self.low_confidence_pages: list[int] = []
        self._page = 0

    def add(self, type_: str, title: str = "", pages: int = 1, **fields) -> DocFacts:
        first = self._page + 1
        self._page += pages
        doc = DocFacts(index=len(self.docs), type=type_, title=title, first_page=first,
                       last_page=self._page, **fields)
        self.docs.append(doc)
        return doc

    def get(self, type_: str, n: int = 0) -> DocFacts:
        return [d for d in self.docs if d.type == type_][n]

    def remove(self, *types: str) -> "Builder":
        self.docs = [d for d in self.docs if d.type not in types]
        return self

    def build(self) -> Facts:
        docs = []
        page = 0
        pages = []
        printed = 0
        for i, d in enumerate(self.docs):
            # Re-number pages so removing a document keeps the file contiguous.
            span = d.last_page - d.first_page
            shift = page + 1 - d.first_page
            d.first_page, d.last_page = page + 1, page + 1 + span
            for a in d.amounts:
                a.page += shift
            page = d.last_page
            d.index = i
            docs.append(d)
            for p in range(d.first_page, d.last_page + 1):
                number = None
                if d.type not in ("cover", "catalog", "remarks"):
                    printed += 1
                    number = printed
                pages.append(PageFacts(page=p, source="text", confidence=1.0, archive_page=number))
        for pf in pages:
            if pf.page in self.low_confidence_pages:   # a scanned page read poorly
                pf.source, pf.confidence = "ocr", 0.3
        return Facts(dossier=self.dossier, page_count=page, procedure=self.procedure,
                     party=self.party, officers=officers(), dates=dict(self.dates),
                     fine_yuan=self.fine_yuan, documents=docs, pages=pages)


def _remedy(**over) -> RemedyInfo:
    base = dict(review_stated=True, review_days=60, review_body="福州市鼓楼区人民政府",
                litigation_stated=True, litigation_months=6, court="福州市鼓楼区人民法院",
                evidence=[Evidence(0, "如不服本决定，可在收到本决定书之日起六十日内向福州市鼓楼区人民政府申请行政复议，"
                                      "也可以在六个月内向福州市鼓楼区人民法院提起行政诉讼。")])
    base.update(over)
    return RemedyInfo(**base)


def citations(page: int = 0, law: str = FOOD_LAW, violated=(34, None, 10), basis=(124, 1, 3)) -> list[Citation]:
    return [
        Citation(law=law, article=violated[0], paragraph=violated[1], item=violated[2], role="violated",
                 page=page, quote=f"违反了《{law}》第三十四条第（十）项"),
        Citation(law=law, article=basis[0], paragraph=basis[1], item=basis[2], role="penalty_basis",
                 page=page, quote=f"依据《{law}》第一百二十四条第一款第（三）项"),
    ]


def clean_case(fine: float = 5000) -> Builder:
    b = Builder()
    b.fine_yuan = fine
    b.add("cover", "行政处罚案卷")
    b.add("catalog", "卷内目录")
    b.add("filing", "立案审批表", date=D(2024, 3, 12), party=party(), authority=AUTHORITY)
    b.add("inspection", "现场检查笔录", date=D(2024, 3, 12), start_time="2024-03-12 09:30",
          end_time="2024-03-12 10:40", officers=officers(), certificate_shown=True,
          officer_signed=True, party_signed=True, party=party())
    b.add("inquiry", "询问笔录", pages=2, date=D(2024, 3, 13), start_time="2024-03-13 14:00",
          end_time="2024-03-13 15:20", officers=officers(), certificate_shown=True,
          officer_signed=True, party_signed=True, party=party())
    b.add("evidence", "营业执照（复印件）")
    b.add("investigation_report", "案件调查终结报告", date=D(2024, 3, 25),
          amounts=[Amount("illegal_gains", 1200, 0, "违法所得1200元")])
    b.add("prior_notice", "行政处罚事先告知书", date=D(2024, 4, 1), doc_number="榕鼓市监罚告〔2024〕12号",
          doc_number_valid=True, party=party(), authority=AUTHORITY, seal=True, statement_right=True,
          citations=citations(), penalties=["罚款"],
          amounts=[Amount("fine", fine, 0, f"拟处罚款{fine:g}元"), Amount("illegal_gains", 1200, 0, "违法所得1200元")],
          elements={"penalty": True, "facts": True, "reasons": True, "basis": True, "statement_right": True})
    b.add("service_receipt", "送达回证", service=ServiceInfo(
        served_document="行政处罚事先告知书", recipient="王某", recipient_signed=True, method="直接送达",
        served_date=D(2024, 4, 1)))
    b.add("approval", "行政处罚决定审批表", date=D(2024, 4, 16))
    b.add("decision", "行政处罚决定书", pages=2, date=D(2024, 4, 18), doc_number="榕鼓市监罚〔2024〕12号",
          doc_number_valid=True, party=party(), authority=AUTHORITY, seal=True,
          citations=citations(), penalties=["罚款"],
          amounts=[Amount("fine", fine, 0, f"罚款{fine:g}元"), Amount("illegal_gains", 1200, 0, "违法所得1200元")],
          amount_pairs=[AmountPair(fine, fine, 0, "罚款人民币伍仟元整（¥5000.00）")] if fine == 5000 else [],
          remedy=_remedy(), listed_evidence=["现场检查笔录", "询问笔录", "营业执照复印件"],
          payment_terms={"within_15_days": True, "channel": True, "late_fee": True},
          elements={k: True for k in DECISION_ELEMENTS})
    b.add("service_receipt", "送达回证", service=ServiceInfo(
        served_document="行政处罚决定书", recipient="王某", recipient_signed=True, method="直接送达",
        served_date=D(2024, 4, 19)))
    b.add("payment", "罚没款缴纳凭证", date=D(2024, 4, 25))
    b.add("closing", "结案审批表", date=D(2024, 5, 10))
    b.add("remarks", "卷内备考表")
    b.dates = {"filed": D(2024, 3, 12), "inspected": D(2024, 3, 12), "inquired": D(2024, 3, 13),
               "notice_issued": D(2024, 4, 1), "notice_served": D(2024, 4, 1), "decided": D(2024, 4, 18),
               "served": D(2024, 4, 19), "paid": D(2024, 4, 25), "closed": D(2024, 5, 10)}
    return b


def simplified_case(fine: float = 100, kind: str = "individual") -> Builder:
    b = Builder(procedure="simplified")
    b.fine_yuan = fine
    p = party(kind=kind, name="陈某", id_number="11010519491231002X", id_kind="id_card",
              representative=None) if kind == "individual" else party()
    b.party = p
    b.add("decision", "当场行政处罚决定书", date=D(2024, 5, 6), doc_number="榕鼓市监当罚〔2024〕3号",
          doc_number_valid=True, party=p, authority=AUTHORITY, seal=True, officers=officers(),
          citations=citations(), penalties=["罚款"], amounts=[Amount("fine", fine, 1, f"罚款{fine:g}元")],
          remedy=_remedy(litigation_stated=True, review_first=True),
          elements={k: True for k in DECISION_ELEMENTS},
          payment_terms={"within_15_days": True, "channel": True, "late_fee": True})
    b.dates = {"decided": D(2024, 5, 6)}
    return b


def findings(facts: Facts, code: Optional[str] = None, std: str = "default"):
    found = run_checks(facts, standard(std), strict=True)
    return [f for f in found if code is None or f.code == code]


def firm(facts: Facts, code: Optional[str] = None, std: str = "default"):
    return [f for f in findings(facts, code, std) if not f.needs_human]


def human(facts: Facts, code: Optional[str] = None, std: str = "default"):
    return [f for f in findings(facts, code, std) if f.needs_human]


def only_needs_human(b: Builder, code: str, std: str = "default"):
    """The needs_human findings of ``code`` in the built case, which must have no firm one."""
    facts = b.build()
    assert firm(facts, code, std) == []
    return human(facts, code, std)


def one_firm(b: Builder, code: str, std: str = "default"):
    """The one firm finding of ``code`` in the built case (there must be exactly one)."""
    found = firm(b.build(), code, std)
    assert len(found) == 1
    return found[0]
