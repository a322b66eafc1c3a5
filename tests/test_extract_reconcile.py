"""Extraction added while reconciling the samples with their truth: measured facts, the sentence
a citation stands in, and the officers' signature on a 当场 decision."""
import pytest
from test_extract_util import make_doc, make_seg

from dossier_review.extract import extract, extract_document
from dossier_review.extract.citations import extract_citations
from dossier_review.extract.measures import extract_measures
from dossier_review.extract.text import DocText


def _m(text, t="decision"):
    return [(m.label, m.value, m.unit) for m in extract_measures(DocText(make_doc(text, t)[0]))]


@pytest.mark.parametrize("text,expected", [
    ("经查，执法人员对当事人烘干炉排气筒进行监督性监测，颗粒物排放浓度为370毫克/立方米，超过排放限值。",
     [("颗粒物排放浓度", 370.0, "毫克/立方米")]),
    ("经查：当事人驾驶小型客车擅自从事道路客运经营，载客6人。", [("载客", 6.0, "人")]),
    ("当事人自2024年1月起共销售该型号电动车1,250台。", [("当事人自2024年1月起销售该型号电动车", 1250.0, "台")]),
    ("噪声排放值达到68.5分贝。", [("噪声排放值", 68.5, "分贝")]),
])
def test_measures_in_the_facts(text, expected):
    got = _m(text)
    assert [(u, v) for _, v, u in got] == [(u, v) for _, v, u in expected]
    assert got[0][0].endswith(expected[0][0][-4:])


@pytest.mark.parametrize("text", [
    "本局拟对你单位作出如下行政处罚：没收违法销售的插座5件，罚款3000元。",   # the penalty, not a fact
    "请于收到本决定书之日起15日内缴纳罚款。",                                # a period
    "你单位可在收到本告知书之日起5个工作日内提出陈述、申辩。",
    "依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项的规定。",
])
def test_no_measures_outside_the_facts(text):
    assert _m(text) == []


def test_citation_keeps_its_sentence():
    text = ("当事人的行为违反了《中华人民共和国价格法》第十三条第一款的规定。"
            "根据《中华人民共和国行政处罚法》第四十二条的规定，你有要求举行听证的权利。")
    cites = extract_citations(DocText(make_doc(text, "prior_notice")[0]))
    hearing = [c for c in cites if c.article == 42][0]
    assert "听证" in hearing.sentence and "价格法" not in hearing.sentence
    assert "听证" not in [c for c in cites if c.article == 13][0].sentence


def test_on_the_spot_decision_officer_signature_and_date():
    text = ("当场行政处罚决定书\n合蜀市监当罚〔2023〕3386号\n被处罚人：张某\n经查：当事人销售的散装糖果未标明价格。\n"
            "本局决定对当事人作出如下行政处罚：罚款100元。\n"
            "执法人员签名：郭振宇  徐卫东\n当事人签收：刘志明 2023年12月18日8时39分\n处罚地点：合肥市蜀山区长江西路390号")
    doc, pages = make_doc(text, "decision", title="当场行政处罚决定书", red_seal=False)
    f = extract_document(doc, 0, pages)
    assert f.officer_signed is True
    assert f.date is None and f.elements["date"] is False      # the receipt date is not the decision's
    assert f.seal is False


def test_general_decision_measures_reach_the_facts():
    seg = make_seg([("调查终结报告\n三、违法事实\n经查，当事人排放废水中化学需氧量浓度为120毫克/升。", "investigation_report"),
                    ("行政处罚决定书\n经查：当事人排放废水中化学需氧量浓度为150毫克/升。", "decision")])
    facts = extract(seg)
    values = {d.type: [m.value for m in d.measures] for d in facts.documents}
    assert values == {"investigation_report": [120.0], "decision": [150.0]}


def test_ocr_broken_day_is_not_read_as_a_date():
    from dossier_review.extract.dates import find_dates
    assert find_dates("结案日期2024年9月2了7日保管期限") == []
    assert [f.date.day for f in find_dates("于2024年3月12对当事人进行检查")] == [12]


@pytest.mark.parametrize("text,day,start,end", [
    ("时间  2024/11/13 12:50—13:46  地点  武汉市江汉区新华路252号", 13, "12:50", "13:46"),
    ("询问时间：2024-3-5 9:05至10:20", 5, "09:05", "10:20"),
])
def test_numeric_date_running_into_a_time(text, day, start, end):
    from dossier_review.extract.dates import find_dates
    from dossier_review.extract.text import DocText
    f = find_dates(DocText(make_doc(text, "inquiry")[0]).flat)[0]
    assert (f.date.day, f.time, f.end_time) == (day, start, end)


def test_numeric_date_followed_by_other_digits_is_not_cut():
    from dossier_review.extract.dates import find_dates
    assert find_dates("编号2024.3.1210") == []


@pytest.mark.parametrize("text,number", [
    ("武汉市江汉区交通运输局行政处罚决定书\n武汉交〔2024〕罚381号\n被处罚人：某公司", "武汉交〔2024〕罚381号"),
    ("行政处罚决定书\n京朝市监罚字〔2024〕第12号", "京朝市监罚字〔2024〕第12号"),
])
def test_document_number_with_words_after_the_year(text, number):
    from dossier_review.extract.form import doc_number
    from dossier_review.extract.text import DocText
    num, valid, _ = doc_number(DocText(make_doc(text)[0]), False)
    assert (num, valid) == (number, True)


def test_year_in_brackets_then_words_is_not_a_document_number():
    from dossier_review.extract.form import doc_number
    from dossier_review.extract.text import DocText
    assert doc_number(DocText(make_doc("本局于（2024）年度共受理12号案件。")[0]), False)[0] is None
