"""A realistic Review built by hand (the report and batch tests' fixture) and checks of it."""
from __future__ import annotations

import datetime as dt
import json

from dossier_review.model import (
    Amount,
    CategoryScore,
    Citation,
    DateFact,
    DocFacts,
    Evidence,
    Facts,
    Finding,
    Officer,
    PageFacts,
    Party,
    Review,
)

BUDGETS = {"subject": ("执法主体", 10), "evidence": ("事实证据", 20), "legal_basis": ("适用法律", 15),
           "procedure": ("执法程序", 20), "hearing": ("听证告知", 10), "remedy": ("救济途径告知", 10),
           "documents": ("文书制作", 10), "filing": ("立卷归档", 5)}

EVIL_QUOTE = '当事人称<script>alert("x")</script>&nbsp;已改正'


def make_facts(name: str = "2024-食药-017", *, party_name: str = "某某市好味来餐饮有限公司",
               authority: str = "某某市市场监督管理局", fine: float = 50000.0) -> Facts:
    party = Party(name=party_name, kind="organisation", id_number="91330100MA2XXXXX1B",
                  id_kind="credit_code", address="某某市西湖区文三路 188 号", representative="王建国",
                  evidence=[Evidence(18, f"当事人：{party_name}")])
    officers = [Officer("李明", "33010012345", 5), Officer("张华", "33010012346", 5)]
    decision = DocFacts(
        index=5, type="decision", title="行政处罚决定书", first_page=18, last_page=19,
        doc_number="某市监处罚〔2024〕17号", doc_number_valid=True, date=dt.date(2024, 4, 18),
        date_evidence=Evidence(19, "二〇二四年四月十八日"),
        dates=[DateFact("decided", dt.date(2024, 4, 18), 19, "二〇二四年四月十八日")],
        party=party, officers=[],
        amounts=[Amount("fine", fine, 18, "罚款人民币伍万元整（¥50000.00）", "words")],
        citations=[
            Citation("中华人民共和国食品安全法", 34, None, 10, "violated", 18,
                     "违反了《中华人民共和国食品安全法》第三十四条第（十）项"),
            Citation("中华人民共和国食品安全法", 125, 1, 2, "penalty_basis", 18,
                     "依据《中华人民共和国食品安全法》第一百二十五条第一款第（二）项"),
        ],
        penalties=["罚款"], authority=authority, seal=True,
    )
    docs = [
        DocFacts(index=0, type="cover", title="卷宗封面", first_page=1, last_page=1),
        DocFacts(index=1, type="filing", title="立案审批表", first_page=2, last_page=2,
                 date=dt.date(2024, 3, 12),
                 dates=[DateFact("filed", dt.date(2024, 3, 12), 2, "立案日期：2024年3月12日")]),
        DocFacts(index=2, type="inspection", title="现场检查笔录", first_page=3, last_page=4,
                 officers=officers, start_time="2024-03-12 09:30", end_time="2024-03-12 10:45",
                 party_signed=True, officer_signed=True,
                 dates=[DateFact("inspected", dt.date(2024, 3, 12), 3, "2024.3.12 9时30分", "09:30")]),
        DocFacts(index=3, type="inquiry", title="询问笔录", first_page=5, last_page=8, officers=officers,
                 party_signed=False,
                 dates=[DateFact("inquired", dt.date(2024, 3, 14), 5, "2024-03-14")]),
        DocFacts(index=4, type="prior_notice", title="行政处罚事先告知书", first_page=15, last_page=15,
                 doc_number="某市监告〔2024〕17号", date=dt.date(2024, 4, 2),
                 dates=[DateFact("notice_issued", dt.date(2024, 4, 2), 15, "2024年4月2日")]),
        decision,
        DocFacts(index=6, type="service_receipt", title="送达回证", first_page=20, last_page=20,
                 dates=[DateFact("served", dt.date(2024, 4, 19), 20, "2024年4月19日")]),
    ]
    return Facts(
        dossier=name, page_count=21, procedure="general", party=party, officers=officers,
        dates={"filed": dt.date(2024, 3, 12), "inspected": dt.date(2024, 3, 12),
               "inquired": dt.date(2024, 3, 14), "notice_issued": dt.date(2024, 4, 2),
               "decided": dt.date(2024, 4, 18), "served": dt.date(2024, 4, 19)},
        fine_yuan=fine, citations=decision.citations, documents=docs,
        pages=[PageFacts(page=i, source="ocr" if i in (5, 6) else "text",
                         confidence=0.41 if i == 6 else (0.88 if i == 5 else 1.0)) for i in range(1, 22)],
    )


def make_findings(*, veto: bool = False, evil: bool = True) -> list[Finding]:
    out = [
        Finding("remedy.litigation_period_wrong", "remedy", 3, False, False,
                "决定书告知的行政诉讼期限为三个月，应为六个月",
                "将诉讼期限改为“可在收到本决定书之日起六个月内依法向某某市西湖区人民法院提起行政诉讼”",
                "《中华人民共和国行政诉讼法》第四十六条",
                [Evidence(19, "也可以在收到本决定书之日起三个月内向某某市西湖区人民法院提起行政诉讼")]),
        Finding("evidence.record_unsigned_by_party", "evidence", 3, False, False,
                "询问笔录无被询问人签名或“以上笔录属实”确认，也未注明拒签",
                "由被询问人逐页签名并注明“以上笔录属实”；拒签的由执法人员注明情况",
                "《中华人民共和国行政处罚法》第五十五条",
                [Evidence(8, EVIL_QUOTE if evil else "被询问人：（空白）")]),
        Finding("documents.typo", "documents", 0.5, False, False, "文书出现错别字“申辨”", "改为“申辩”",
                "北京2016 30.21", [Evidence(15, "你单位享有陈述、申辨的权利")]),
        Finding("procedure.decided_within_defense_period", "procedure", 3, False, True,
                "告知书送达日期无法确认（P.6 识别置信度低），无法判断是否在陈述申辩期内作出决定（拟扣 3 分）",
                "在陈述申辩期满后再作出处罚决定", "《中华人民共和国行政处罚法》第四十五条",
                [Evidence(6, "送达日期：2O24年4月?日")]),
    ]
    if veto:
        out.append(Finding("hearing.not_notified", "hearing", 0, True, False,
                           "罚款 5 万元属较大数额，事先告知书未告知听证权利",
                           "重新履行事先告知程序，告知当事人有要求听证的权利",
                           "《中华人民共和国行政处罚法》第六十三条",
                           [Evidence(15, "你单位可在收到本告知书之日起五个工作日内提出陈述、申辩")]))
    return out


def make_review(name: str = "2024-食药-017", *, veto: bool = False, evil: bool = True,
                standard: str = "default", authority: str = "某某市市场监督管理局",
                fine: float = 50000.0) -> Review:
    facts = make_facts(name, authority=authority, fine=fine)
    findings = make_findings(veto=veto, evil=evil)
    cats = []
    for code, (cname, budget) in BUDGETS.items():
        ded = min(budget, sum(f.points for f in findings if f.category == code and not f.needs_human
                              and not f.veto))
        cats.append(CategoryScore(code, cname, budget, ded, budget - ded))
    total = sum(c.score for c in cats)
    score = 0.0 if veto else total
    grade = "不合格" if veto else ("优秀" if score >= 90 else "良好" if score >= 80 else "合格" if score >= 60 else "不合格")
    return Review(
        dossier=name, sources=[f"{name}.pdf"], page_count=facts.page_count, procedure="general",
        pages=[p.to_dict() for p in facts.pages], unreadable_pages=[6], documents=[{"type": d.type, "title": d.title, "first_page": d.first_page,
                                       "last_page": d.last_page} for d in facts.documents],
        facts=facts.to_dict(), findings=findings, score=score, grade=grade, vetoed=veto,
        standard=standard, categories=cats, needs_human=True, generated_at="2026-01-05T10:00:00",
        tool_version="0.1.0",
    )


# --------------------------------------------------------------------------- self-checks


def test_fixture_round_trips_through_json():
    review = make_review(veto=True)
    data = json.loads(json.dumps(review.to_dict(), ensure_ascii=False))
    again = Review.from_dict(data)
    assert again.findings[0].evidence[0].page == 19
    facts = Facts.from_dict(data["facts"])
    assert facts.dates["decided"] == dt.date(2024, 4, 18)
    assert facts.first("decision").citations[1].article == 125
    assert review.score == 0 and review.grade == "不合格"


def test_fixture_score_follows_findings():
    review = make_review()
    # 3 (remedy) + 3 (evidence) + 0.5 (documents); the needs_human finding deducts nothing
    assert review.score == 100 - 6.5
    assert review.grade == "优秀"
