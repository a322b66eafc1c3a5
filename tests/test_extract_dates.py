import datetime as dt

import pytest
from test_extract_util import make_doc

from dossier_review.extract import dates as D
from dossier_review.extract.text import DocText


def _dt(text, type_="decision"):
    return DocText(make_doc(text, type_)[0])


@pytest.mark.parametrize("text,expected", [
    ("2024年3月12日", dt.date(2024, 3, 12)),
    ("二〇二四年三月十二日", dt.date(2024, 3, 12)),
    ("二零二四年十二月三十一日", dt.date(2024, 12, 31)),
    ("二O二四年二月一日", dt.date(2024, 2, 1)),          # OCR: letter O for 〇
    ("2024.3.12", dt.date(2024, 3, 12)),
    ("2024-03-12", dt.date(2024, 3, 12)),
    ("2024/3/12", dt.date(2024, 3, 12)),
    ("2024 年 3 月 12 日", dt.date(2024, 3, 12)),        # OCR spacing
    ("2024年3月12曰", dt.date(2024, 3, 12)),             # OCR: 曰 for 日
])
def test_date_formats(text, expected):
    found = D.find_dates(_dt("落款 " + text).flat)
    assert [f.date for f in found] == [expected]


@pytest.mark.parametrize("text", ["2024年2月30日", "2024.13.01", "5.5万元", "第2024.3条", "电话0571-8888-1234"])
def test_not_dates(text):
    assert D.find_dates(_dt(text).flat) == []


@pytest.mark.parametrize("text,start,end", [
    ("时间：2024年3月12日9时30分至10时45分", "2024-03-12 09:30", "2024-03-12 10:45"),
    ("询问时间：2024年3月12日09:30至2024年3月12日11:05", "2024-03-12 09:30", "2024-03-12 11:05"),
    ("时间：二〇二四年三月十二日九时三十分至十时四十五分", "2024-03-12 09:30", "2024-03-12 10:45"),
    ("检查时间：2024年3月12日下午2时10分至3时", "2024-03-12 14:10", "2024-03-12 15:00"),
    ("时间：2024年3月12日9时30分起至10时止", "2024-03-12 09:30", "2024-03-12 10:00"),
    ("时间：2024年3月12日9时30分起，地点：某地，……10时45分止", "2024-03-12 09:30", "2024-03-12 10:45"),
])
def test_record_start_end(text, start, end):
    d = _dt(text + "\n问：你好\n答：好", "inquiry")
    facts, own, _ = D.date_facts(d, "inquiry")
    s, e = D.record_times(own)
    assert s == start
    assert e == end


def test_record_without_end_time():
    d = _dt("询问时间：2024年3月12日9时30分\n问：……", "inquiry")
    _, own, _ = D.date_facts(d, "inquiry")
    assert D.record_times(own) == ("2024-03-12 09:30", None)


def test_own_date_is_the_closing_date_not_a_fact_date():
    text = ("行政处罚决定书\n当事人于2024年1月5日销售过期食品。2024年2月1日本局立案调查。\n"
            "如不服本决定，可在六十日内申请行政复议。\n某市市场监督管理局\n2024年4月18日")
    facts, own, _ = D.date_facts(_dt(text), "decision")
    assert own.date == dt.date(2024, 4, 18)
    roles = {f.date: f.role for f in facts}
    assert roles[dt.date(2024, 4, 18)] == "decided"
    assert roles[dt.date(2024, 2, 1)] == "filed"      # narrative "…本局立案" after the date
    assert roles[dt.date(2024, 1, 5)] == "other"


@pytest.mark.parametrize("label,role", [
    ("立案日期", "filed"), ("送达时间", "served"), ("签收日期", "served"), ("缴款日期", "paid"),
    ("结案日期", "closed"), ("讨论时间", "discussed"), ("审核日期", "legal_review"),
    ("听证时间", "hearing"),
])
def test_label_roles(label, role):
    text = f"某表\n{label}：2024年5月6日\n其他内容"
    facts, _, _ = D.date_facts(_dt(text, "other"), "other")
    assert facts[0].role == role


def test_label_does_not_reach_over_a_full_stop():
    text = "承办人意见：建议立案。承办人：张三 2024.3.11\n负责人意见：同意。签名：王五 2024-03-12"
    facts, own, _ = D.date_facts(_dt(text, "filing"), "filing")
    assert own.date == dt.date(2024, 3, 12)
    assert [f.role for f in facts] == ["other", "filed"]


def test_blank_template_date_is_residue():
    assert D.blank_date_residue(_dt("落款：某局\n年  月  日"))
    assert not D.blank_date_residue(_dt("落款：某局\n2024年3月1日"))
    assert not D.blank_date_residue(_dt("出生年月日：1980年1月1日"))


def test_ocr_doubled_zero_in_chinese_year():
    found = D.find_dates(_dt("某局\n二〇〇二四年四月十八日").flat)
    assert [f.date for f in found] == [dt.date(2024, 4, 18)]


def test_undated_decision_has_no_own_date():
    text = ("行政处罚决定书\n当事人：某公司\n经查，当事人于2024年3月1日销售过期食品。" + "本局决定给予警告。" * 30 +
            "\n如不服本决定，可以在六十日内申请行政复议。\n某市市场监督管理局")
    _, own, _ = D.date_facts(_dt(text), "decision")
    assert own is None


def test_illegible_closing_date_on_a_scan():
    from dossier_review.extract import extract_document
    text = "行政处罚决定书\n当事人：某公司\n本局决定给予警告。\n郑州；全水区区-5监梧，理局\n二一下丰卫月了7九日\n13"
    doc, pages = make_doc(text, "decision", source="ocr")
    f = extract_document(doc, 0, pages)
    assert f.date is None and f.date_illegible is True
    doc, pages = make_doc(text.replace("二一下丰卫月了7九日", "2024年5月29日"), "decision", source="ocr")
    f = extract_document(doc, 0, pages)
    assert str(f.date) == "2024-05-29" and f.date_illegible is False


def test_illegible_year_under_a_seal():
    from dossier_review.extract import extract_document
    text = "行政处罚决定书\n本局决定给予警告。\n济南市历必区城市(综合政执法局\n丘  ，202印：7月1日\n12"
    doc, pages = make_doc(text, "decision", source="ocr")
    f = extract_document(doc, 0, pages)
    assert f.date is None and f.date_illegible


def test_hearing_notice_dates():
    text = ("行政处罚听证通知书\n某公司：\n根据你单位的申请，本局定于2024年5月20日上午9时30分在本局三楼会议室举行听证，"
            "请准时参加。\n某市市场监督管理局\n2024年5月10日")
    facts, own, _ = D.date_facts(_dt(text, "hearing_notice"), "hearing_notice")
    roles = {(f.role, str(f.date), f.time) for f in facts}
    assert ("hearing", "2024-05-20", "09:30") in roles
    assert own.date == dt.date(2024, 5, 10)
    assert ("hearing_notified", "2024-05-10", None) in roles


def test_compact_date_only_after_a_label():
    assert [str(f.date) for f in D.find_dates("缴款日期20240924")] == ["2024-09-24"]
    assert D.find_dates("账号20240924") == []


@pytest.mark.parametrize("closing", ["所”二o五二月+七日", "OO二La四月富有", "\\\\， 2023 -日29日"])
def test_illegible_date_shapes(closing):
    from dossier_review.extract import extract_document
    text = f"行政处罚决定书\n本局决定给予警告。\n成都市武侯区文化广电旅游局\n{closing}\n13"
    doc, pages = make_doc(text, "decision", source="ocr")
    assert extract_document(doc, 0, pages).date_illegible


def test_date_line_under_the_agency():
    from dossier_review.extract import extract_document
    text = "行政处罚决定书\n本局决定给予警告。\n成都市武侯F半化和计由局《\n海忆了罗（<月三必旧\n\n13"
    doc, pages = make_doc(text, "decision", source="ocr")
    assert extract_document(doc, 0, pages).date_illegible
    # a digital page never reports an illegible date
    doc, pages = make_doc(text, "decision", source="text")
    assert not extract_document(doc, 0, pages).date_illegible


def test_a_sentence_with_每日_in_the_closing_lines_is_not_an_illegible_date():
    from dossier_review.extract.dates import date_facts, date_illegible
    from dossier_review.extract.text import DocText
    from dossier_review.model import Document, PageSpan
    text = ("三、逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项\n"
            "的规定，每日按罚款数额的百分之三加处罚款。\n南京市鼓楼区城市管理综合行政执法局")
    doc = Document(type="decision", title="行政处罚决定书", first_page=1, last_page=1,
                   spans=[PageSpan(page=1, start=0, end=len(text))], text=text)
    dt_ = DocText(doc)
    _, _, found = date_facts(dt_, "decision")
    assert date_illegible(dt_, found) is None
    garbled = text + "\n二D二四年九月五再"
    doc2 = Document(type="decision", title="行政处罚决定书", first_page=1, last_page=1,
                    spans=[PageSpan(page=1, start=0, end=len(garbled))], text=garbled)
    dt2 = DocText(doc2)
    assert date_illegible(dt2, date_facts(dt2, "decision")[2]) is not None


def test_end_minutes_wrapped_by_a_form_cell_onto_their_own_line():
    text = ("某局调查笔录\n2025年4月11日 12:55—14:\n时间 地点 南京市鼓楼区中山北路236号\n20\n"
            "受询问人 胡浩然\n问：你好\n答：好\n受询问人（签字）： 2025年4月\n11日")
    _, own, _ = D.date_facts(_dt(text, "inquiry"), "inquiry")
    assert D.record_times(own) == ("2025-04-11 12:55", "2025-04-11 14:20")
    # the near miss: a number inside a line (a house number) is not the minutes
    text = "某局调查笔录\n2025年4月11日 12:55—14:\n时间 地点 中山北路236号 门牌20号\n问：你好\n答：好"
    _, own, _ = D.date_facts(_dt(text, "inquiry"), "inquiry")
    assert D.record_times(own)[1] is None
