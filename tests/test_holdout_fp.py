"""False findings the hold-out template family B showed, each with the near miss that must keep
its old reading: numeric dates run into their time or a page number, a hearing request known only
from an internal approval form, a party field wrapped inside a paragraph, a page number inside a
cited law's name, and a 款 that really has 项."""
import datetime as dt

import pytest
from facts_builder import citations, clean_case, firm, human
from test_extract_util import make_doc

from dossier_review.check.common import law_key
from dossier_review.extract.dates import date_facts, record_times
from dossier_review.extract.party import extract_party
from dossier_review.extract.text import DocText
from dossier_review.model import HearingInfo

D = dt.date


def _dt(text, type_="decision"):
    return DocText(make_doc(text, type_)[0])


def _times(text, type_="inquiry"):
    _, own, _ = date_facts(_dt(text, type_), type_)
    return record_times(own)


# ------------------------------------------------------------------ record start/end times

@pytest.mark.parametrize("text,start,end", [
    # family B: a numeric date, a space, then the range (the flat view reads "2025/7/812:40")
    ("询问调查笔录\n时间  2025/7/8 12:40—13:25  地点  广州市天河区天河路267号\n",
     "2025-07-08 12:40", "2025-07-08 13:25"),
    ("调查笔录\n时间：2024/9/4 14:50—16:22\n地点：郑州市金水区花园路264号\n",
     "2024-09-04 14:50", "2024-09-04 16:22"),
    # the space tells "9/1 14:50" from "9/11 4:50"
    ("询问笔录\n询问时间：2024-9-1 14:50至16:22\n", "2024-09-01 14:50", "2024-09-01 16:22"),
    ("询问笔录\n时间：2024.3.12 9:30~10:40\n", "2024-03-12 09:30", "2024-03-12 10:40"),
    ("询问笔录\n询问时间 2024/3/5 9:05 至 9:50\n", "2024-03-05 09:05", "2024-03-05 09:50"),
    ("询问笔录\n时间：自2024年3月12日9时30分至10时40分\n", "2024-03-12 09:30", "2024-03-12 10:40"),
    ("询问笔录\n时间：二〇二四年三月十二日9时30分起 至10时40分止\n", "2024-03-12 09:30", "2024-03-12 10:40"),
    # near misses: a two-digit day stays whole when the space comes after it
    ("询问笔录\n时间：2024/9/11 4:50—6:20\n", "2024-09-11 04:50", "2024-09-11 06:20"),
    ("询问笔录\n时间：2024/11/13 12:50—13:40\n", "2024-11-13 12:50", "2024-11-13 13:40"),
])
def test_numeric_record_time_lines(text, start, end):
    assert _times(text) == (start, end)


def test_a_date_without_time_is_still_incomplete():
    # near miss: nothing to the minute, the check must still see it
    assert _times("询问笔录\n询问时间：2024/3/12\n地点：某市某区\n") == (None, None)


def test_page_number_under_a_closing_date_is_not_its_day():
    text = ("行政处罚立案审批表\n当事人  钱浩然\n承办人意见  建议立案调查。叶志明2025/7/2\n"
            "负责人审批意见  同意立案。蔡晓东2025/7/2\n1")
    _, own, _ = date_facts(_dt(text, "filing"), "filing")
    assert own.date == D(2025, 7, 2)
    # near miss: a two-digit day written in one piece
    _, own, _ = date_facts(_dt(text.replace("2025/7/2\n1", "2025/7/21\n"), "filing"), "filing")
    assert own.date == D(2025, 7, 21)


# ------------------------------------------------------------------ hearing requested, not held

def _requested_in(type_, title, **extra):
    b = clean_case(fine=150000)
    b.get("prior_notice").hearing = HearingInfo(notified=True, request_days=5, request_unit="working_day")
    b.add(type_, title, date=D(2024, 4, 10), hearing_requested=True, **extra)
    return b


@pytest.mark.parametrize("type_,title", [
    ("other", "延长办案期限呈批表"),
    ("other", "案件延长办理期限审批表"),
    ("approval", "行政处罚决定审批表"),
    ("investigation_report", "案件调查终结报告"),
])
def test_request_known_only_from_an_internal_form_is_left_to_a_human(type_, title):
    facts = _requested_in(type_, title).build()
    assert firm(facts, "hearing.requested_not_held") == []
    found = human(facts, "hearing.requested_not_held")
    assert len(found) == 1 and title in found[0].message


@pytest.mark.parametrize("type_,title", [
    ("other", "听证申请书"),
    ("statement_record", "陈述申辩笔录"),
    ("service_receipt", "送达回证"),
])
def test_request_in_the_party_s_own_paper_is_firm(type_, title):
    found = firm(_requested_in(type_, title).build(), "hearing.requested_not_held")
    assert len(found) == 1 and found[0].veto


def test_internal_form_with_a_dated_request_is_firm():
    b = _requested_in("other", "延长办案期限审批表")
    b.dates["hearing_requested"] = D(2024, 4, 3)
    assert len(firm(b.build(), "hearing.requested_not_held")) == 1


def test_internal_form_and_hearing_held_gives_nothing():
    b = _requested_in("other", "延长办案期限呈批表")
    b.add("hearing_record", "听证笔录", date=D(2024, 4, 20))
    facts = b.build()
    assert firm(facts, "hearing.requested_not_held") == [] and human(facts, "hearing.requested_not_held") == []


# ------------------------------------------------------------------ party fields wrapped in a paragraph

@pytest.mark.parametrize("text,rep,address", [
    ("当事人（单位）：成都嘉和电镀有限公司；住所地：成都市武侯区武侯祠大\n街92号；社会信用代码（注册号）："
     "91510107MA04842080；负责人：邓\n佳怡。\n成都嘉和电镀有限公司未采取密闭措施一案，本局依法立案调查。\n",
     "邓佳怡", "成都市武侯区武侯祠大街92号"),
    ("被处罚单位：南京安泰文化娱乐有限公司，法定代表人：钟\n建国，地址：南京市鼓楼区汉中门大街150号。\n",
     "钟建国", "南京市鼓楼区汉中门大街150号"),
    # near misses: form rows, and a complete value followed by a new field on the next line
    ("当事人：成都嘉和电镀有限公司\n法定代表人：邓佳怡\n住所：成都市武侯区武侯祠大街92号\n",
     "邓佳怡", "成都市武侯区武侯祠大街92号"),
    ("当事人：成都嘉和电镀有限公司；法定代表人：邓佳怡\n住所：成都市武侯区武侯祠大街92号；\n",
     "邓佳怡", "成都市武侯区武侯祠大街92号"),
    ("当事人：成都嘉和电镀有限公司；住所：成都市武侯区武侯祠大街92号\n法定代表人：邓佳怡。\n",
     "邓佳怡", "成都市武侯区武侯祠大街92号"),
])
def test_party_fields_across_a_paragraph_wrap(text, rep, address):
    p = extract_party(_dt(text))
    assert (p.representative, p.address) == (rep, address)


def test_party_incomplete_not_raised_for_a_wrapped_representative():
    p = extract_party(_dt("当事人：福州市某某餐饮有限公司；住所：福州市鼓楼区某某路1号；统一社会信用代码：\n"
                          "91350100M000100Y43；法定代表人：王\n建国。\n"))
    b = clean_case()
    b.get("decision").party = p
    assert firm(b.build(), "subject.party_incomplete") == []
    # near miss: the representative really missing
    p.representative = None
    assert len(firm(b.build(), "subject.party_incomplete")) == 1


# ------------------------------------------------------------------ law names, 款 and 项

def test_page_number_inside_a_law_name_is_the_same_law():
    assert law_key("中华人民16共和国道路运输条例") == law_key("《中华人民共和国道路运输条例》") == "道路运输条例"
    b = clean_case()
    b.get("decision").citations = citations(law="中华人民16共和国食品安全法")
    assert firm(b.build(), "legal_basis.citation_inconsistent") == []
    # near miss: a different article with the same stray digits is still a different provision
    b.get("decision").citations = citations(law="中华人民16共和国食品安全法", basis=(125, 1, 3))
    assert len(firm(b.build(), "legal_basis.citation_inconsistent")) == 1


def test_food_safety_law_123_paragraph_1_has_items():
    # 《食品安全法》第一百二十三条第一款 lists （一）至（六）项: citing the 款 alone is imprecise …
    b = clean_case()
    b.get("prior_notice").citations = citations(basis=(123, 1, None))
    b.get("decision").citations = citations(basis=(123, 1, None))
    found = firm(b.build(), "legal_basis.citation_imprecise")
    assert found and "第一百二十三条第一款" in found[0].message
    # … while 第一百二十二条第一款 has no 项 and is cited exactly enough
    b.get("prior_notice").citations = citations(basis=(122, 1, None))
    b.get("decision").citations = citations(basis=(122, 1, None))
    assert firm(b.build(), "legal_basis.citation_imprecise") == []



# ------------------------------------------------------------------ remedy body across a page break

@pytest.mark.parametrize("text,body", [
    ("被处罚人如对本决定不服，有权依法申请行政复议或者提起行政诉讼：\n申请行政复议的，应当自收到本决定书之日起六十日内"
     "向长沙市岳麓区人民\n14\n政府提出；提起行政诉讼的，应当自收到本决定书之日起六个月内向长沙市岳麓区人民法院提出。\n",
     "长沙市岳麓区人民政府"),
    # near miss: the same sentence without a page break
    ("如不服本决定，可以在收到本决定书之日起60日内向长沙市人民政府申请行政复议，也可以在6个月内向长沙市"
     "岳麓区人民法院提起行政诉讼。\n", "长沙市人民政府"),
])
def test_review_body_with_a_page_number_inside(text, body):
    from dossier_review.extract.notices import remedy_info
    assert remedy_info(_dt(text)).review_body == body


def test_a_dash_read_as_yi_between_two_times_is_the_range_mark():
    from dossier_review.extract.dates import find_dates
    found = find_dates("时间：2025年4月17日15:20一16:53地点：杭州市西湖区留下街247号")
    assert found and found[0].time == "15:20" and found[0].end_time == "16:53"
    # near miss: a Chinese numeral after a time is not a range ("9时一刻" has no end time)
    found = find_dates("时间：2025年4月17日9时一刻")
    assert found and found[0].end_time is None
