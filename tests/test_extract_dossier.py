import datetime as dt
import time

from test_extract_util import make_seg

from dossier_review.extract import extract
from dossier_review.model import Facts, Segmentation

FILING = """立案审批表
案件来源 日常检查
当事人 杭州某味食品有限公司  法定代表人 王建国
统一社会信用代码 91330106MA2B3C4D5E
地址 杭州市西湖区文三路100号
案情简介 当事人涉嫌销售超过保质期的食品。
承办人意见 建议立案。承办人：张三、李四   2024.3.11
负责人审批意见 同意立案。 签名：王五 2024-03-12"""

INQUIRY = """询问笔录
时间：2024年3月13日9时30分至10时45分
地点：杭州市西湖区文三路100号
询问人：张三 执法证号：33010012345  记录人：李四 执法证号：33010012346
被询问人：赵六 性别：男 身份证号：330106198001011234
问：我们是杭州市西湖区市场监督管理局的执法人员，这是我们的执法证件，请你过目。
答：看清楚了。
以上笔录我已看过，与我所说一致。
被询问人（签名）：赵六   2024年3月13日
询问人（签名）：张三 李四"""

NOTICE = """杭州市西湖区市场监督管理局
行政处罚听证告知书
杭西市监听告〔2024〕5号
杭州某味食品有限公司：
经查，你单位销售超过保质期的食品。以上事实有询问笔录等证据为证。
你单位的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定，依据该法第一百二十四条第一款第（四）项的规定，本局拟对你单位作出罚款伍万元的行政处罚。
你单位有权进行陈述和申辩，并有权要求听证。如要求听证，应当在收到本告知书之日起五个工作日内提出。
杭州市西湖区市场监督管理局
二〇二四年四月一日"""

RECEIPT_NOTICE = """送达回证
送达文书名称及文号：行政处罚听证告知书（杭西市监听告〔2024〕5号）
受送达人：杭州某味食品有限公司
送达方式：直接送达
受送达人签名：赵六 2024年4月2日"""

DECISION = """杭州市西湖区市场监督管理局
行政处罚决定书
杭西市监罚〔2024〕12号
当事人：杭州某味食品有限公司
统一社会信用代码：91330106MA2B3C4D5E
住所：杭州市西湖区文三路100号
法定代表人：王建国
经查，当事人销售超过保质期的食品。以上事实有现场检查笔录、询问笔录、营业执照复印件等证据证实。
当事人在法定期限内未提出陈述、申辩，未要求听证。
当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（四）项的规定，本局决定对当事人作出如下行政处罚：罚款人民币伍万元（¥50000元）。
当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行账户。逾期不缴纳罚款的，每日按罚款数额的3%加处罚款。
如不服本处罚决定，可以在收到本决定书之日起六十日内向杭州市西湖区人民政府申请行政复议，也可以在六个月内依法向杭州市西湖区人民法院提起行政诉讼。""", """杭州市西湖区市场监督管理局（印章）
2024年4月18日"""

RECEIPT_DECISION = """送达回证
送达文书名称及文号：行政处罚决定书（杭西市监罚〔2024〕12号）
受送达人：杭州某味食品有限公司
送达方式：直接送达
受送达人签名：赵六 2024年4月19日"""

PAYMENT = """中国工商银行电子回单
付款人：杭州某味食品有限公司
金额：¥50,000.00
交易日期：2024-04-25"""

CLOSING = """结案审批表
当事人：杭州某味食品有限公司
执行情况：已缴纳罚款50000元。
负责人意见：同意结案。2024年4月28日"""


def _seg(source="text"):
    return make_seg([(FILING, "filing"), (INQUIRY, "inquiry"), (NOTICE, "prior_notice"),
                     (RECEIPT_NOTICE, "service_receipt"), (list(DECISION), "decision"),
                     (RECEIPT_DECISION, "service_receipt"), (PAYMENT, "payment"), (CLOSING, "closing")],
                    source=source)


def test_dossier_facts():
    f = extract(_seg())
    assert f.procedure == "general"
    assert f.party.name == "杭州某味食品有限公司"
    assert f.party.id_number == "91330106MA2B3C4D5E" and f.party.representative == "王建国"
    assert [(o.name, o.certificate) for o in f.officers] == [("张三", None), ("李四", None)] or \
        {o.name for o in f.officers} == {"张三", "李四"}
    assert {o.name: o.certificate for o in f.officers}["张三"] == "33010012345"
    assert f.fine_yuan == 50000
    assert f.dates["filed"] == dt.date(2024, 3, 12)
    assert f.dates["inquired"] == dt.date(2024, 3, 13)
    assert f.dates["notice_issued"] == dt.date(2024, 4, 1)
    assert f.dates["notice_served"] == dt.date(2024, 4, 2)
    assert f.dates["decided"] == dt.date(2024, 4, 18)
    assert f.dates["served"] == dt.date(2024, 4, 19)
    assert f.dates["paid"] == dt.date(2024, 4, 25)
    assert f.dates["closed"] == dt.date(2024, 4, 28)
    assert {(c.article, c.role) for c in f.citations} == {(34, "violated"), (124, "penalty_basis")}
    dec = f.first("decision")
    assert dec.seal is True and dec.authority == "杭州市西湖区市场监督管理局"
    assert dec.date_evidence.page == dec.last_page      # the 落款 is on the decision's second page
    assert all(dec.elements.values()), dec.elements
    assert dec.statement_made is False and dec.hearing_requested is False
    notice = f.first("prior_notice")
    assert notice.hearing.notified and notice.hearing.request_days == 5
    assert notice.hearing.request_unit == "working_day"
    assert notice.penalties == ["罚款"] and notice.amounts[0].yuan == 50000
    assert all(notice.elements.values())
    inq = f.first("inquiry")
    assert inq.start_time == "2024-03-13 09:30" and inq.end_time == "2024-03-13 10:45"
    assert inq.party_signed and inq.officer_signed and inq.certificate_shown
    assert [p.page for p in f.pages] == list(range(1, f.page_count + 1))


def test_every_quote_is_text_of_its_page():
    seg = _seg()
    f = extract(seg)
    pages = {p.number: p.text.replace("\n", "") for p in seg.dossier.pages}
    checked = 0
    for d in f.documents:
        quotes = [(x.page, x.quote) for x in d.dates + d.amounts + d.citations]
        quotes += [(e.page, e.quote) for evs in d.evidence.values() for e in evs]
        for page, q in quotes:
            assert q.replace(" ", "") in pages[page].replace(" ", ""), (page, q)
            assert len(q) <= 120
            checked += 1
    assert checked > 30


def test_json_round_trip():
    f = extract(_seg())
    again = Facts.from_dict(f.to_dict())
    assert again.to_dict() == f.to_dict()


def test_simplified_procedure():
    text = """当场行政处罚决定书
编号：杭西市监当〔2024〕3号
被处罚人：李小明  身份证号：110105199003076518
执法人员：张三（执法证号：33010012345）、李四（执法证号：33010012346）
当事人在占道经营。违反了《城市市容和环境卫生管理条例》第十四条的规定，依据该条例第三十六条第（一）项的规定，当场作出罚款人民币壹佰元（¥100元）的行政处罚。
如不服本决定，应当先依法向杭州市西湖区人民政府申请行政复议。
杭州市西湖区城市管理局 2024年6月3日"""
    seg = make_seg([(text, "decision")])
    seg.documents[0].title = "当场行政处罚决定书"
    f = extract(seg)
    assert f.procedure == "simplified"
    assert f.fine_yuan == 100
    assert f.party.kind == "individual"
    assert f.first("decision").remedy.review_first


def test_ocr_pages_low_confidence():
    seg = _seg(source="ocr")
    seg.dossier.pages[1].confidence = 0.4
    from dossier_review.pages import analyse_pages
    f = extract(Segmentation(analyse_pages(seg.dossier), seg.documents))
    from dossier_review.check.common import unreadable_pages
    assert unreadable_pages(f, {"low_confidence": 0.6}) == [2]
    # empty signature lines on scans are unknown, not missing
    assert f.first("inquiry").party_signed is True


def test_speed_25_pages():
    extract(_seg())  # warm the spaCy pipeline
    docs = [(FILING, "filing"), (INQUIRY, "inquiry"), (NOTICE, "prior_notice"),
            (RECEIPT_NOTICE, "service_receipt"), (list(DECISION), "decision"),
            (RECEIPT_DECISION, "service_receipt"), (PAYMENT, "payment"), (CLOSING, "closing")] * 3
    seg = make_seg(docs)
    assert seg.dossier.page_count >= 25
    t = time.perf_counter()
    extract(seg)
    assert time.perf_counter() - t < 0.5
