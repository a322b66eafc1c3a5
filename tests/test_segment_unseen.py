"""Segmentation on layouts the committed samples do not use: blank back pages, agency-prefixed
titles starting mid-page, form codes above titles, table-form headers, wrapped headings, and
titles of other agencies' forms."""
from __future__ import annotations

import pytest

from dossier_review.model import Dossier, Page
from dossier_review.segment import default_vocabulary, segment
from dossier_review.segment.lines import is_form_code


def make_dossier(pages: list[str]) -> Dossier:
    return Dossier("t", ["t.pdf"], [Page(i + 1, "text", 1.0, t, t) for i, t in enumerate(pages)])


def summary(seg) -> list[tuple[str, int, int]]:
    return [(d.type, d.first_page, d.last_page) for d in seg.documents]


DECISION_1 = """南京市应急管理局行政处罚决定书
宁应急罚〔2024〕21号
当事人：南京瑞丰木业有限公司
统一社会信用代码：91320106MA1X7Y8Z9Q
经查，当事人液氨储罐区未设置明显的安全警示标志，违反了《中华人民共和国安全生产法》
第三十五条的规定。依据《中华人民共和国安全生产法》第九十九条第（一）项的规定，本局决定
如下：罚款壹万贰仟壹佰元整。"""

DECISION_2 = """罚款请于收到本决定书之日起十五日内缴纳。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。
如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。
南京市应急管理局（印章）
二〇二四年三月十二日"""

RECEIPT = """文书送达回证
送达文书 行政处罚决定书（宁应急罚〔2024〕21号）
受送达人 南京瑞丰木业有限公司
送达方式 直接送达
受送达人签收 范志强 2024-03-14
送达人 董强 彭丽娟"""

CLOSING = """案件结案审批表
案由 未设置安全警示标志案
执行情况 当事人已缴纳罚款
负责人意见 同意结案 2024.3.30"""

REVIEW_DATE_BROKEN = """杭州市西湖区交通运输局法制审核表
送审机构：杭州市西湖区交通运输局执法科室
审核意见：经审核，本案执法主体合法，违法事实清楚，证据确凿充分，适用法律依据正确，程序合法。
任平
审核人：（法律职业资格证书编号：A201941087372）审核日期：二〇二四
年十一月八日"""

NOTICE_BODY = """杭西交告〔2024〕350号
杭州新域物流有限公司：
经本机关调查核实，你单位未取得道路运输经营许可擅自从事道路客运经营。
本机关认为，你单位的行为已违反《中华人民共和国道路运输条例》第十条之规定，拟对你单位作出以下行政处罚：罚款人民币壹万伍仟元整（¥15,000.00）。
你单位对上述拟处罚意见享有陈述、申辩的权利，可于本告知书送达后五个工作日内提出。
杭州市西湖区交通运输局
2024年11月12日"""


# --------------------------------------------------------------------------- blank pages

@pytest.mark.parametrize("blank", ["", "\n\n", "  15  ", "\n- 15 -\n", "第15页"])
def test_blank_back_page_belongs_to_the_decision(blank):
    seg = segment(make_dossier([DECISION_1, DECISION_2, blank, RECEIPT, CLOSING]))
    assert summary(seg) == [("decision", 1, 3), ("service_receipt", 4, 4), ("closing", 5, 5)]


def test_untitled_page_after_a_blank_back_is_not_more_of_the_decision():
    photo = "照片1：现场液氨储罐区\n拍摄时间：2024年3月1日\n拍摄人：董强"
    seg = segment(make_dossier([DECISION_1, DECISION_2, "", photo]))
    assert summary(seg) == [("decision", 1, 3), ("evidence", 4, 4)]


def test_empty_page_before_any_document_joins_the_next():
    seg = segment(make_dossier(["", "\n 1 \n", RECEIPT, CLOSING]))
    assert summary(seg) == [("service_receipt", 1, 3), ("closing", 4, 4)]
    assert [s.page for s in seg.documents[0].spans] == [1, 2, 3]


def test_page_with_stray_marks_before_any_document_is_other():
    seg = segment(make_dossier(["~ ·", RECEIPT]))
    assert summary(seg) == [("other", 1, 1), ("service_receipt", 2, 2)]


# --------------------------------------------------------------------------- mid-page starts

def test_notice_with_agency_in_its_title_line_starts_mid_page_after_broken_date():
    page = REVIEW_DATE_BROKEN + "\n杭州市西湖区交通运输局行政处罚告知书\n" + NOTICE_BODY
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("legal_review", 1, 1), ("prior_notice", 1, 1)]
    assert seg.documents[1].text.startswith("杭州市西湖区交通运输局行政处罚告知书")
    assert seg.documents[0].text.rstrip().endswith("年十一月八日")


@pytest.mark.parametrize("signoff", ["审核人：任平（法律职业资格证书编号：A2019）审核日期：2024/11/8",
                                     "审核人：任平（法律职业资格证书编号：A2019）审核日期：2024-11-08"])
def test_dated_field_at_end_of_long_line_closes_the_form(signoff):
    review = "法制审核表\n审核意见：经审核，本案事实清楚，证据确凿，程序合法。\n" + signoff
    # No agency on the title line: only the closed sign-off allows the split.
    page = review + "\n行政处罚事先告知书\n" + NOTICE_BODY
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("legal_review", 1, 1), ("prior_notice", 1, 1)]


def test_wrapped_title_mid_page_starts_at_its_first_line():
    page = (REVIEW_DATE_BROKEN.replace("二〇二四\n年十一月八日", "2024/11/8")
            + "\n广州市天河区城市管理综合行政执法局行政处罚（听证）\n告知书\n" + NOTICE_BODY)
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("legal_review", 1, 1), ("prior_notice", 1, 1)]
    assert seg.documents[1].text.startswith("广州市天河区城市管理综合行政执法局行政处罚（听证）\n告知书")


@pytest.mark.parametrize("label", ["法制审核意见", "当事人陈述申辩意见", "复核意见", "案件法制审核意见"])
def test_row_label_that_names_a_title_does_not_split_a_form(label):
    # An approval form's rows: a dated row, then a row labelled like a title.
    page = ("行政处罚决定审批表\n当事人 某某公司\n承办人意见 建议罚款一万元\n张三 2024/12/2\n"
            f"{label}\n同意。李四 2024/12/3\n负责人审批意见\n同意。王五 2024/12/4")
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("approval", 1, 1)]


def test_agency_headed_review_opinion_mid_page_still_starts_a_document():
    page = ("行政处罚决定审批表\n负责人审批意见 同意 2024/12/4\n"
            "某某市场监督管理局法制审核意见\n经审核，本案事实清楚，证据确凿，程序合法。\n审核人：李四 2024年12月3日")
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("approval", 1, 1), ("legal_review", 1, 1)]


# --------------------------------------------------------------------------- headings

def test_statement_record_and_its_review_form_are_two_documents():
    record = ("武汉市江汉区交通运输局陈述申辩记录\n时间：2024年11月26日9时50分\n陈述申辩人：余霞\n"
              "陈述申辩内容：罚款数额过高，请求予以减轻。\n陈述申辩人签名：余霞 2024/11/26")
    review = ("武汉市江汉区交通运输局陈述申辩意见复核表\n当事人于2024/11/26提出陈述申辩意见。经复核，"
              "理由不足，不予采纳。\n复核人：胡桂英 2024/11/28")
    seg = segment(make_dossier([record, review]))
    assert summary(seg) == [("statement_record", 1, 1), ("statement_record", 2, 2)]


def test_form_code_above_agency_and_title():
    statement = ("（执法文书23-2）\n成都市武侯区城市管理综合行政执法局\n当事人陈述申辩笔录\n"
                 "时间：2025年3月7日14时25分\n陈述申辩人：余玉兰\n陈述申辩内容：初次违法，请求从轻。\n"
                 "陈述申辩人签名：余玉兰 2025年3月7日")
    request = ("（执法文书22-2）\n要求举行听证申请书\n成都市武侯区城市管理综合行政执法局：\n"
               "本人于2025年3月5日收到贵局《行政处罚听证告知书》，对拟作出的行政处罚有异议，现依法申请举行听证。\n"
               "申请人：余玉兰 2025年3月8日")
    seg = segment(make_dossier([statement, request, CLOSING]))
    assert summary(seg) == [("statement_record", 1, 1), ("other", 2, 2), ("closing", 3, 3)]
    assert seg.documents[1].title == "要求举行听证申请书"


def test_form_code_goes_with_the_form_it_heads_when_the_page_is_shared():
    page = (DECISION_2 + "\n（执法文书27-1）\n南京市应急管理局\n行政处罚文书送达回证\n"
            "送达文书 行政处罚决定书\n受送达人 南京瑞丰木业有限公司\n受送达人签收 范志强")
    seg = segment(make_dossier([DECISION_1, page]))
    assert summary(seg) == [("decision", 1, 2), ("service_receipt", 2, 2)]
    assert seg.documents[1].text.startswith("（执法文书27-1）")


@pytest.mark.parametrize("head, kind", [
    ("案件立案审批表 案由 杭州新域物流有限公司涉嫌未取得道路运输经营许可", "filing"),
    ("杭州市西湖区交通运输局案件立案审批表案由杭州新域物流有限公司涉嫌无证经营", "filing"),
    ("现场勘验检查笔录 时间：2024年3月12日10时40分 地点：杭州市西湖区文三路97号", "inspection"),
    ("现场检查（勘验）笔录 检查时间 2024.3.12 检查地点 文三路97号", "inspection"),
    ("行政处罚决定审批表 当事人 杭州新域物流有限公司", "approval"),
    ("结案登记表 案件名称 杭州新域物流有限公司无证经营案", "closing"),
])
def test_title_sharing_its_line_with_table_cells(head, kind):
    page = head + "\n当事人 杭州新域物流有限公司\n承办人意见 同意 2024年3月12日"
    seg = segment(make_dossier([RECEIPT, page]))
    assert summary(seg) == [("service_receipt", 1, 1), (kind, 2, 2)]


@pytest.mark.parametrize("first, second", [
    ("郑州市金水区城市管理综合行政执法局询问调查笔", "录"),
    ("郑州市金水区城市管理综合行政执法局案件调查报", "告"),
    ("郑州市金水区城市管理综合行政执法局行政执法决", "定法制审核表"),
])
def test_long_heading_wrapped_at_top_of_page(first, second):
    page = first + "\n" + second + "\n时间：2023年4月25日09:45\n内容如下\n承办人：刘志明 2023年4月25日"
    seg = segment(make_dossier([RECEIPT, page]))
    expected = default_vocabulary().match_title(first + second).type
    assert summary(seg) == [("service_receipt", 1, 1), (expected, 2, 2)]
    assert expected != "other"


@pytest.mark.parametrize("title, kind", [
    ("行政处罚听证会通知书", "hearing_notice"),
    ("听证会笔录", "hearing_record"),
    ("案件处理审批表", "approval"),
    ("行政处罚决定审批表", "approval"),
    ("责令改正通知书", "other"),
    ("当场处罚决定书", "decision"),
    ("罚款缴款书", "payment"),
    ("行政处罚缴款单", "payment"),
    ("结案登记表", "closing"),
    ("案件移送书", "other"),
    ("法制审核表", "legal_review"),
    ("行政执法决定法制审核表", "legal_review"),
    ("陈述申辩记录", "statement_record"),
    ("陈述申辩意见复核表", "statement_record"),
    ("现场勘验检查笔录", "inspection"),
    ("案件立案审批表", "filing"),
    ("要求举行听证申请书", "other"),
])
@pytest.mark.parametrize("prefix", ["", "深圳市南山区市场监督管理局", "某某县综合行政执法大队 ", "XX省生态环境厅"])
def test_titles_of_other_agencies(title, kind, prefix):
    m = default_vocabulary().match_title(prefix + title)
    assert m is not None and m.type == kind and m.errors == 0
    assert m.agency == bool(prefix)


@pytest.mark.parametrize("line", ["当事人陈述申辩笔录", "行政执法决定法制审核表", "案件结案审批表"])
def test_modifier_words_are_not_an_agency(line):
    m = default_vocabulary().match_title(line)
    assert m is not None and not m.agency


@pytest.mark.parametrize("text, code", [
    ("（执法文书17-2）", True), ("(执法文书 5-1)", True), ("文书式样12", True), ("附表3", True),
    ("【表4-1】", True), ("行政处罚决定书", False), ("X市监罚〔2024〕12号", False), ("第2页", False),
    ("2024年3月12日", False),
])
def test_form_codes(text, code):
    assert is_form_code(text) is code


def test_cover_field_naming_a_document_is_not_a_table_title():
    # A garbled cover title (OCR) followed by a field 处罚决定书文号: not a decision's heading.
    cover = ("南京市鼓楼区城市管理综合行政执法局\n行政处罚笋郑\n案件名称  莫永刚擅自堆放物料案\n"
             "|处罚决定书文号  宁鼓综执罚〔2023〕0098号\n保管期限  定期30年\n本卷共12件13页\n归档号  20230098")
    seg = segment(make_dossier([cover, RECEIPT]))
    assert [d.type for d in seg.documents] == ["cover", "service_receipt"]


@pytest.mark.parametrize("line", ["行政处罚决定书文号 宁鼓综执罚〔2023〕98号", "告知书编号 001", "决定书日期 2024-03-12"])
def test_field_naming_a_document_is_no_table_title(line):
    assert default_vocabulary().match_table_title(line) is None


def test_blank_back_page_does_not_lower_the_documents_read_confidence():
    d = make_dossier([DECISION_1, DECISION_2, "", RECEIPT])
    d.pages[2].source, d.pages[2].confidence = "ocr", 0.0    # an empty page gets OCR'd, reads nothing
    decision = segment(d).documents[0]
    assert (decision.first_page, decision.last_page) == (1, 3)
    assert decision.ocr_confidence == 1.0 and decision.confidence > 0.9
