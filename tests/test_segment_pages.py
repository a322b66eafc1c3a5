"""Segmentation of whole dossiers built from page texts: continuation, splits, catalogue, other."""
from __future__ import annotations

import pytest

from dossier_review.model import Dossier, Page
from dossier_review.segment import segment


def make_dossier(pages: list[str], source: str = "text", conf: float = 1.0) -> Dossier:
    return Dossier("t", ["t.pdf"], [Page(i + 1, source, conf, t, t) for i, t in enumerate(pages)])


def summary(seg) -> list[tuple[str, int, int]]:
    return [(d.type, d.first_page, d.last_page) for d in seg.documents]


COVER = """XX市市场监督管理局
行政处罚案卷
案件名称：某某餐饮有限公司经营超过保质期食品案
处罚决定书文号：X市监罚〔2024〕12号
立案日期：2024年3月1日    结案日期：2024年5月20日
保管期限：永久
卷内共 18 件 25 页
归档号：20240012"""

CATALOG = """卷内目录
序号 文号 责任者 题名 日期 页号
1 X市监立〔2024〕12号 市场监管局 立案审批表 2024.03.01 1
2 执法人员 现场检查笔录 2024.03.02 2-3
3 执法人员 询问笔录 2024.03.05 4-6
4 当事人 营业执照复印件 2024.03.05 7
5 X市监告〔2024〕12号 市场监管局 行政处罚事先告知书 2024.04.01 10
6 市场监管局 送达回证 2024.04.02 10
7 X市监罚〔2024〕12号 市场监管局 行政处罚决定书 2024.04.18 12-13
8 市场监管局 送达回证 2024.04.19 14"""

FILING = """XX市市场监督管理局
立 案 审 批 表
X市监立〔2024〕12号
案件来源 日常检查
当事人 某某餐饮有限公司
案由 涉嫌经营超过保质期食品案
承办人意见 建议立案 签名：张三 李四 2024年3月1日
负责人意见 同意立案 签名：王五 2024年3月1日"""

INSPECTION_1 = """现场检查笔录
检查时间：2024年3月2日9时30分至10时40分
检查地点：某某区某某路8号
执法人员：张三（执法证号：44010012），李四（执法证号：44010013）
我们是XX市市场监督管理局的执法人员，已向你出示执法证件。
检查情况：当事人后厨冷藏柜内存放有超过保质期的牛奶12盒，标签显示生产日期为2023年12月1日，保质期为90天，
当事人未能提供相关的处理记录，现场负责人对上述情况予以确认，执法人员对现场进行了拍照取证，"""

INSPECTION_2 = """并对上述食品依法实施先行登记保存，当事人对检查过程无异议，现场秩序正常。
以上笔录我已看过，与事实相符。
当事人签名：赵六        2024年3月2日
执法人员签名：张三  李四"""

INQUIRY_1 = """询问笔录
第1页 共3页
询问时间：2024年3月5日14时00分至15时10分
询问地点：XX市市场监督管理局询问室
被询问人：赵六  性别：男  身份证号：440106199001011234
问：我们是XX市市场监督管理局的执法人员，这是我们的执法证件，请过目。
答：看清楚了。
问：你与某某餐饮有限公司是什么关系？
答：我是公司的法定代表人。"""

INQUIRY_2 = """第2页 共3页
问：冷藏柜中的牛奶是什么时候购进的？
答：2023年12月购进的，一共进了30盒，卖掉了18盒。
问：你知道这些牛奶已经过期了吗？
答：不知道，员工没有及时检查。"""

INQUIRY_3 = """问：你还有什么要补充的吗？
答：没有了，我们会整改。
以上笔录我已看过，与我所说的一致。
被询问人签名：赵六  2024年3月5日
询问人：张三 李四  记录人：李四"""

LICENCE = """营 业 执 照
（副 本）
统一社会信用代码 91440101MA5XXXXXX1
名称 某某餐饮有限公司
类型 有限责任公司（自然人投资或控股）
法定代表人 赵六
经营范围 餐饮服务；食品销售
成立日期 2018年05月06日
登记机关 XX市市场监督管理局"""

PHOTO = """现场照片
照片1：冷藏柜内超过保质期的牛奶
拍摄时间：2024年3月2日  拍摄人：张三"""

NOTICE_AND_RECEIPT = """XX市市场监督管理局
行政处罚告知书
X市监告〔2024〕12号
某某餐饮有限公司：
经查，你单位经营超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。
依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，拟对你单位作出罚款伍万元的行政处罚。
根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位可在收到本告知书之日起五个工作日内进行陈述和申辩。
逾期视为放弃上述权利。
XX市市场监督管理局
2024年4月1日
（以下空白）
送达回证
送达文书名称 行政处罚告知书
受送达人 某某餐饮有限公司
送达地点 某某区某某路8号  送达方式 直接送达
受送达人签名：赵六 2024年4月2日"""

DECISION_1 = """XX市市场监督管理局
行政处罚决定书
X市监罚〔2024〕12号
当事人：某某餐饮有限公司
统一社会信用代码：91440101MA5XXXXXX1
住所：某某区某某路8号   法定代表人：赵六
2024年3月2日，本局执法人员对当事人经营场所进行检查，发现当事人冷藏柜内存放有超过保质期的牛奶12盒。
上述事实，有现场检查笔录、询问笔录、营业执照复印件、现场照片等证据为证。
本局认为，当事人的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定，"""

DECISION_2 = """依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定如下：
对当事人处以罚款伍万元整（¥50000.00）。
当事人应自收到本决定书之日起十五日内缴纳罚款，逾期每日按罚款数额的百分之三加处罚款。
如不服本决定，可在收到本决定书之日起六十日内向XX市人民政府申请行政复议，或者在六个月内向XX区人民法院提起行政诉讼。
XX市市场监督管理局
二〇二四年四月十八日"""

RECEIPT = """行政处罚文书送达回证
送达文书名称及文号 行政处罚决定书 X市监罚〔2024〕12号
受送达人 某某餐饮有限公司
送达时间 2024年4月19日
送达方式 直接送达
受送达人签名或盖章 赵六
送达人 张三 李四"""

PAYMENT = """中国工商银行 网上银行电子回单
交易日期 2024-04-25  付款人 某某餐饮有限公司
收款人 XX市财政局非税收入专户
金额 ¥50,000.00  人民币伍万元整
用途 罚没款"""

CLOSING = """结 案 审 批 表
当事人 某某餐饮有限公司
处罚决定 罚款伍万元
执行情况 当事人已于2024年4月25日缴纳罚款
承办人意见 建议结案  签名：张三 2024年5月20日
负责人意见 同意  签名：王五 2024年5月20日"""

REMARKS = """卷内备考表
本卷情况说明：本卷共18件25页，无缺损。
立卷人：张三
检查人：王五
立卷时间：2024年5月21日"""


def test_full_dossier_structure():
    pages = [COVER, CATALOG, FILING, INSPECTION_1, INSPECTION_2, INQUIRY_1, INQUIRY_2, INQUIRY_3,
             LICENCE, PHOTO, "", NOTICE_AND_RECEIPT, DECISION_1, DECISION_2, RECEIPT, PAYMENT,
             CLOSING, REMARKS]
    seg = segment(make_dossier(pages))
    assert summary(seg) == [
        ("cover", 1, 1), ("catalog", 2, 2), ("filing", 3, 3), ("inspection", 4, 5),
        ("inquiry", 6, 8), ("evidence", 9, 9), ("evidence", 10, 11),   # 11: blank back page
        ("prior_notice", 12, 12), ("service_receipt", 12, 12),
        ("decision", 13, 14), ("service_receipt", 15, 15), ("payment", 16, 16),
        ("closing", 17, 17), ("remarks", 18, 18),
    ]


def test_mid_page_split_spans_and_text():
    seg = segment(make_dossier([NOTICE_AND_RECEIPT]))
    notice, receipt = seg.documents
    page_text = NOTICE_AND_RECEIPT
    assert notice.spans[0].start == 0
    assert receipt.spans[0].end == len(page_text)
    assert notice.spans[0].end <= receipt.spans[0].start
    assert page_text[receipt.spans[0].start:].startswith("送达回证")
    assert notice.text.rstrip().endswith("（以下空白）")
    assert receipt.title == "送达回证"
    assert notice.title == "行政处罚告知书"


def test_mid_page_split_keeps_agency_line_with_next_document():
    page = DECISION_2 + "\nXX市市场监督管理局\n行政处罚文书送达回证\n受送达人 某某餐饮有限公司\n送达人 张三"
    seg = segment(make_dossier([DECISION_1, page]))
    assert summary(seg) == [("decision", 1, 2), ("service_receipt", 2, 2)]
    assert seg.documents[1].text.startswith("XX市市场监督管理局\n行政处罚文书送达回证")


def test_title_listed_in_body_does_not_split_without_closing_block():
    # A 送达回证 naming the served document on a line of its own is still one document.
    page = "送达回证\n送达文书\n行政处罚决定书\n受送达人 某某餐饮有限公司\n送达方式 直接送达\n受送达人签名 赵六"
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("service_receipt", 1, 1)]


def test_catalogue_is_not_split_even_when_read_column_by_column():
    # OCR of a table column by column gives every title its own line.
    column_wise = "卷内目录\n序号\n题名\n立案审批表\n现场检查笔录\n询问笔录\n行政处罚事先告知书\n送达回证\n行政处罚决定书\n送达回证\n结案审批表\n页号\n1\n2\n4"
    seg = segment(make_dossier([column_wise, FILING]))
    assert summary(seg) == [("catalog", 1, 1), ("filing", 2, 2)]


def test_catalogue_continues_on_untitled_page():
    more = "9 市场监管局 行政处罚决定审批表 2024.04.15 11\n10 X市监罚〔2024〕12号 市场监管局 行政处罚决定书 2024.04.18 12\n11 送达回证 2024.04.19 14\n12 罚没款缴款书 2024.04.25 15\n13 结案审批表 2024.05.20 16"
    seg = segment(make_dossier([CATALOG, more, FILING]))
    assert summary(seg) == [("catalog", 1, 2), ("filing", 3, 3)]


def test_unknown_page_after_completed_document_is_other():
    odd = "张三 李四 王五\n会议室 3楼\n茶歇 15:00"
    seg = segment(make_dossier([FILING, odd, CLOSING]))
    assert summary(seg) == [("filing", 1, 1), ("other", 2, 2), ("closing", 3, 3)]
    assert seg.documents[1].title == ""
    assert seg.documents[1].confidence < 0.5


def test_title_unknown_to_the_vocabulary_still_starts_a_document():
    # The decision's first page ends mid-sentence (not closed), yet a titled page follows.
    odd = "XX市市场监督管理局\n会议签到表\n张三 李四 王五\n会议室 3楼"
    seg = segment(make_dossier([DECISION_1, odd, DECISION_2]))
    assert summary(seg)[:2] == [("decision", 1, 1), ("other", 2, 2)]
    assert seg.documents[1].title == "会议签到表"


def test_untitled_evidence_page_typed_by_content():
    id_card = "姓名 赵六\n性别 男 民族 汉\n出生 1990年1月1日\n住址 XX市某某区某某路8号\n公民身份号码 440106199001011234"
    seg = segment(make_dossier([INQUIRY_1, INQUIRY_2, INQUIRY_3, id_card]))
    assert summary(seg) == [("inquiry", 1, 3), ("evidence", 4, 4)]
    assert seg.documents[1].confidence < 0.8


def test_blank_page_is_the_back_of_the_document_before_it():
    # Printed double-sided: the blank (page-number-only) page is the back of the filing's sheet.
    seg = segment(make_dossier([FILING, "   \n\n 3 \n", CLOSING]))
    assert summary(seg) == [("filing", 1, 2), ("closing", 3, 3)]
    assert [s.page for s in seg.documents[0].spans] == [1, 2]


def test_decision_continues_on_page_without_title_or_marks():
    seg = segment(make_dossier([DECISION_1, DECISION_2]))
    assert summary(seg) == [("decision", 1, 2)]
    d = seg.documents[0]
    assert d.text == DECISION_1 + "\n" + DECISION_2
    assert d.page_of(len(DECISION_1) + 5) == 2


def test_repeated_title_with_page_marks_continues():
    p1 = "询问笔录\n第1页 共2页\n询问时间：2024年3月5日14时\n问：你的姓名？\n答：赵六。\n被询问人签名：赵六"
    p2 = "询问笔录\n第2页 共2页\n问：还有补充吗？\n答：没有。\n被询问人签名：赵六 2024年3月5日"
    p3 = "询问笔录\n第1页 共1页\n询问时间：2024年3月6日9时\n被询问人：钱七\n问：你的职务？\n答：店长。\n被询问人签名：钱七 2024年3月6日"
    seg = segment(make_dossier([p1, p2, p3]))
    assert summary(seg) == [("inquiry", 1, 2), ("inquiry", 3, 3)]


def test_two_signed_inquiries_are_two_documents():
    p1 = "询问笔录\n询问时间：2024年3月5日14时\n被询问人：赵六\n问：你的姓名？\n答：赵六。\n以上笔录属实。\n被询问人签名：赵六 2024年3月5日"
    p2 = "调查询问笔录\n询问时间：2024年3月6日9时\n被询问人：钱七\n问：你的职务？\n答：店长。\n以上笔录属实。\n被询问人签名：钱七 2024年3月6日"
    seg = segment(make_dossier([p1, p2]))
    assert summary(seg) == [("inquiry", 1, 1), ("inquiry", 2, 2)]


def test_qa_continues_even_after_a_per_page_signature():
    p1 = "询问笔录\n询问时间：2024年3月5日14时\n问：你的姓名？\n答：赵六。\n被询问人签名：赵六"
    p2 = "问：牛奶从哪里进的？\n答：批发市场。\n被询问人签名：赵六 2024年3月5日"
    seg = segment(make_dossier([p1, p2]))
    assert summary(seg) == [("inquiry", 1, 2)]


def test_dossier_page_numbers_are_not_document_page_marks():
    # Pages numbered 第N页 in dossier order: page 2's "第2页" must not glue the filing to it.
    p1 = FILING + "\n第1页"
    p2 = "会议签到表\n张三 李四\n第2页"
    p3 = CLOSING + "\n第3页"
    seg = segment(make_dossier([p1, p2, p3]))
    assert summary(seg) == [("filing", 1, 1), ("other", 2, 2), ("closing", 3, 3)]


def test_ocr_noise_titles_low_confidence_pages():
    pages = ["行 政 处 罚 决 走 书\nX市监罚〔2024〕12号\n当事人：某某公司\n本局决定如下：罚款伍万元。\nXX市市场监督管理局\n2024年4月18日",
             "询间笔录\n问：你的姓名？\n答：赵六。\n被询问人签名：赵六 2024年3月5日"]
    seg = segment(make_dossier(pages, source="ocr", conf=0.55))
    assert summary(seg) == [("decision", 1, 1), ("inquiry", 2, 2)]
    for d in seg.documents:
        assert d.ocr_confidence == pytest.approx(0.55)
        assert d.confidence < 0.8


def test_spans_cover_each_page_text_in_order():
    pages = [NOTICE_AND_RECEIPT, DECISION_1, DECISION_2]
    seg = segment(make_dossier(pages))
    for d in seg.documents:
        joined = "\n".join(pages[s.page - 1][s.start:s.end] for s in d.spans)
        assert joined == d.text
        assert d.first_page == d.spans[0].page and d.last_page == d.spans[-1].page


@pytest.mark.parametrize("date", ["2024年4月1日", "二〇二四年四月一日", "2024.4.1", "2024-04-01", "2024 年 4 月 1 日"])
def test_untitled_receipt_after_agency_and_date_is_split_by_content(date):
    # OCR lost the receipt's title; the 落款 (agency, date) and the receipt's fields remain.
    page = ("行政处罚事先告知书\n某某公司：\n拟对你单位作出罚款叁万元的行政处罚。你单位有权进行陈述和申辩。\n"
            f"XX市应急管理局\n{date}\n送达文书 行政处罚事先告知书\n受送达人 某某公司\n送达方式 直接送达\n"
            "受送达人签名：孙八")
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("prior_notice", 1, 1), ("service_receipt", 1, 1)]
    assert seg.documents[1].text.startswith("送达文书")
    assert seg.documents[1].confidence < seg.documents[0].confidence


@pytest.mark.parametrize("date", ["2024年3月12日", "二〇二四年三月十二日", "2024.3.12", "2024-03-12"])
def test_closing_date_styles_end_a_document(date):
    filing = f"立案审批表\n案由 涉嫌无证经营案\n负责人意见 同意立案\n{date}"
    seg = segment(make_dossier([filing, "张三 李四 王五\n会议室 3楼 茶歇"]))
    assert summary(seg) == [("filing", 1, 1), ("other", 2, 2)]


def test_decision_with_its_own_date_inside_text_is_not_split_by_content():
    # A date in a sentence is no 落款: the remedy paragraph after it stays in the decision.
    page = ("行政处罚决定书\n当事人：某某公司\n本局于2024年3月2日检查发现当事人未取得许可。\n"
            "本局决定如下：罚款伍万元。\n如不服本决定，可在六十日内申请行政复议，或者在六个月内提起行政诉讼。\n"
            "XX市市场监督管理局\n2024年4月18日")
    seg = segment(make_dossier([page]))
    assert summary(seg) == [("decision", 1, 1)]


def test_simplified_procedure_decision_over_two_pages():
    p1 = ("XX市市场监督管理局\n当场行政处罚决定书\n编号：0012345\n被处罚人：张某  身份证号：440106199001011234\n"
          "违法事实：在人行道上摆摊经营，")
    p2 = ("依据《XX市市容和环境卫生管理条例》第二十条，决定处以罚款200元。\n"
          "如不服本决定，可在收到本决定书之日起六十日内申请行政复议。\n执法人员：张三 李四\n2024年6月1日")
    seg = segment(make_dossier([p1, p2]))
    assert summary(seg) == [("decision", 1, 2)]


def test_previous_documents_end_above_a_title_shares_the_page():
    p1 = "陈述申辩笔录\n时间：2024年4月3日\n当事人陈述：我公司已整改完毕，请求从轻处罚。\n当事人认为处罚过重，"
    p2 = "请求减轻处罚。\n当事人签名：赵六\n2024年4月3日\nXX市市场监督管理局\n行政处罚决定审批表\n拟处罚意见 罚款叁万元"
    seg = segment(make_dossier([p1, p2]))
    assert summary(seg) == [("statement_record", 1, 2), ("approval", 2, 2)]
    assert seg.documents[1].text.startswith("XX市市场监督管理局\n行政处罚决定审批表")


def _noisy_title(text: str, rng) -> str:
    """Spaces between characters, one misread character, brackets of the other width."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:3]):
        if len(line.strip()) <= 12 and "局" not in line and "〔" not in line:
            chars = list(line.replace(" ", ""))
            if len(chars) >= 5:
                k = rng.randrange(1, len(chars) - 1)   # never the genre character at the end
                chars[k] = rng.choice("口日曰人入土士")
            sep = rng.choice(["", " ", "  "])
            lines[i] = sep.join(chars).replace("（", "(").replace("）", ")")
            break
    return "\n".join(lines)


def test_noisy_titles_over_a_whole_dossier():
    import random

    pages = [COVER, CATALOG, FILING, INSPECTION_1, INSPECTION_2, INQUIRY_1, INQUIRY_2, INQUIRY_3,
             LICENCE, PHOTO, NOTICE_AND_RECEIPT, DECISION_1, DECISION_2, RECEIPT, PAYMENT,
             CLOSING, REMARKS]
    expected = [("cover", 1, 1), ("catalog", 2, 2), ("filing", 3, 3), ("inspection", 4, 5),
                ("inquiry", 6, 8), ("evidence", 9, 9), ("evidence", 10, 10),
                ("prior_notice", 11, 11), ("service_receipt", 11, 11), ("decision", 12, 13),
                ("service_receipt", 14, 14), ("payment", 15, 15), ("closing", 16, 16),
                ("remarks", 17, 17)]
    hits = total = 0
    for seed in range(8):
        rng = random.Random(seed)
        noisy = [_noisy_title(p, rng) for p in pages]
        got = summary(segment(make_dossier(noisy, source="ocr", conf=0.7)))
        hits += sum(1 for e in expected if e in got)
        total += len(expected)
    assert hits / total >= 0.9, hits / total


# A second template family: another agency, other titles, page marks in the other order,
# an untitled cover, a two-page catalogue and a two-page test report.
ENV_PAGES = [
    "XX县生态环境局\n案由：某某化工厂超标排放大气污染物案\n当事人：某某化工厂\n立案日期：2024.3.1\n"
    "结案日期：2024.6.20\n保管期限：永久\n全宗号 0012  目录号 3  案卷号 2024-12",
    "卷内文件目录\n序号 责任者 文件题名 日期 页号\n1 XX县生态环境局 立案登记表 2024.3.1 1\n"
    "2 XX县生态环境局 现场检查（勘验）笔录 2024.3.1 2-3\n3 XX县生态环境局 调查询问笔录 2024.3.4 4",
    "4 某检测公司 检测报告 2024.3.5 5-6\n5 XX县生态环境局 案件调查终结报告 2024.4.1 7\n"
    "6 XX县生态环境局 行政处罚事先（听证）告知书 2024.4.10 8\n7 XX县生态环境局 行政处罚决定书 2024.5.6 9-11",
    "立 案 登 记 表\n案件来源：日常监管\n当事人：某某化工厂\n简要案情：废气排放口颗粒物浓度超标。\n"
    "经办人意见：建议立案。经办人：周一 2024年3月1日\n负责人意见：同意。负责人：吴二 2024年3月1日",
    "现场检查（勘验）笔录\n共2页 第1页\n检查时间：2024年3月1日10时至11时\n检查地点：某某化工厂\n"
    "检查人：周一、郑三  执法证号：1234、5678\n现场情况：废气处理设施未运行，",
    "共2页 第2页\n排放口有明显黄烟。\n被检查单位负责人签名：王四\n检查人签名：周一 郑三\n二〇二四年三月一日",
    "调查询问笔录\n询问时间：2024年3月4日\n被询问人：王四\n问：废气处理设施为什么没有运行？\n答：设备坏了。\n"
    "以上记录我已看过，属实。\n被询问人：王四 2024年3月4日",
    "检 测 报 告\n报告编号：JC-2024-0312\n委托单位：XX县生态环境局\n检测项目：颗粒物\n采样日期：2024年3月1日",
    "检测结果\n颗粒物浓度 56 mg/m3  标准限值 20 mg/m3  判定 超标\n检测方法：HJ 836-2017\n"
    "（以下空白）\n编制：李五 审核：赵六 批准：孙七\n检测机构（盖章） 2024年3月5日",
    "案件调查终结报告\n一、案件来源\n二、调查经过\n三、违法事实：颗粒物超标排放。\n四、处理意见：建议罚款拾万元。\n"
    "承办人：周一 郑三\n2024年4月1日\nXX县生态环境局\n法制审核表\n审核意见：事实清楚，证据确凿，程序合法。\n审核人：冯八 2024年4月5日",
    "行政处罚事先（听证）告知书\nX环罚告字〔2024〕第12号\n某某化工厂：\n本局拟对你单位作出罚款拾万元的行政处罚。\n"
    "你单位有权进行陈述、申辩，并有权要求听证。\nXX县生态环境局\n二〇二四年四月十日",
    "XX县生态环境局\n行政处罚决定书\nX环罚字〔2024〕第12号\n共3页 第1页\n当事人：某某化工厂\n"
    "经查，你单位于2024年3月1日超标排放大气污染物，",
    "共3页 第2页\n违反了《中华人民共和国大气污染防治法》第十八条的规定，依据该法第九十九条第（二）项，",
    "共3页 第3页\n本局决定对你单位罚款拾万元。\n如不服本决定，可于六十日内申请行政复议或者六个月内提起行政诉讼。\n"
    "XX县生态环境局\n2024年5月6日",
    "送达地址确认书\n受送达人：某某化工厂\n送达地址：某某镇工业园1号\n受送达人签名：王四 2024年5月6日",
    "非税收入一般缴款书\n缴款人：某某化工厂\n执收单位：XX县生态环境局\n金额：壹拾万元整 ¥100000.00\n收款日期：2024-05-15",
    "结案报告\n执行情况：当事人已缴纳罚款。\n承办人：周一 2024年6月20日\n负责人：吴二 2024年6月20日",
    "备考表\n本卷情况说明：本卷共14件17页。\n立卷人：周一\n检查人：吴二\n2024年6月21日",
]
ENV_EXPECTED = [
    ("cover", 1, 1), ("catalog", 2, 3), ("filing", 4, 4), ("inspection", 5, 6), ("inquiry", 7, 7),
    ("evidence", 8, 9), ("investigation_report", 10, 10), ("legal_review", 10, 10),
    ("prior_notice", 11, 11), ("decision", 12, 14), ("service_receipt", 15, 15), ("payment", 16, 16),
    ("closing", 17, 17), ("remarks", 18, 18),
]


def test_second_template_family():
    assert summary(segment(make_dossier(ENV_PAGES))) == ENV_EXPECTED


def test_record_signed_on_every_page_continues_without_qa_start():
    p1 = ("询问笔录\n询问时间：2024年3月5日14时\n被询问人：赵六\n问：你的姓名？\n答：赵六。\n"
          "问：牛奶从哪里进的？\n答：从批发市场进的，\n被询问人签名：赵六 2024年3月5日")
    p2 = ("当时没有索取票据，进了30盒。\n问：还有补充吗？\n答：没有。\n以上笔录属实。\n"
          "被询问人签名：赵六 2024年3月5日")
    seg = segment(make_dossier([p1, p2, LICENCE]))
    assert summary(seg) == [("inquiry", 1, 2), ("evidence", 3, 3)]


def test_untitled_photo_page_continues_the_titled_photo_item():
    p2 = "照片3：仓库内堆放的过期牛奶。拍摄时间：2024年3月2日\n照片4：冷藏柜标签。拍摄时间：2024年3月2日"
    seg = segment(make_dossier([FILING, PHOTO, p2, CLOSING]))
    assert summary(seg) == [("filing", 1, 1), ("evidence", 2, 3), ("closing", 4, 4)]


def test_running_header_is_not_a_title_on_every_page():
    header = "XX市市场监督管理局\n行政执法文书\n"
    pages = [header + FILING, header + DECISION_1, header + DECISION_2, header + RECEIPT]
    seg = segment(make_dossier(pages))
    assert summary(seg) == [("filing", 1, 1), ("decision", 2, 3), ("service_receipt", 4, 4)]


def test_explicit_page_mark_beats_a_subheading_that_looks_like_a_title():
    p1 = "现场检查笔录\n第1页 共2页\n检查时间：2024年3月2日9时\n检查情况：冷藏柜内有过期牛奶。\n检查人签名：张三 2024年3月2日"
    p2 = "第2页 共2页\n现场照片\n照片1：冷藏柜。\n当事人签名：赵六 2024年3月2日"
    seg = segment(make_dossier([p1, p2, CLOSING]))
    assert summary(seg) == [("inspection", 1, 2), ("closing", 3, 3)]


def test_dossier_wide_page_of_marks_are_not_document_marks():
    pages = [FILING, DECISION_1, DECISION_2, RECEIPT, CLOSING]
    marked = [f"{t}\n第{i + 1}页 共{len(pages)}页" for i, t in enumerate(pages)]
    seg = segment(make_dossier(marked))
    assert summary(seg) == [("filing", 1, 1), ("decision", 2, 3), ("service_receipt", 4, 4), ("closing", 5, 5)]


def test_sign_off_garbled_by_a_seal_above_the_next_title_stays_with_its_document():
    # OCR through the red seal: the agency name and date at the top of page 2 are damaged.
    p2 = "4沙市F包管理月，\n2023 -ec月20日\n送达回证\n送达文书名称及文号 行政处罚决定书\n受送达人 某某公司\n送达方式 邮寄送达"
    seg = segment(make_dossier([DECISION_1, p2], source="ocr", conf=0.8))
    assert summary(seg) == [("decision", 1, 2), ("service_receipt", 2, 2)]


def test_numbered_page_with_nothing_readable_ends_an_unfinished_document():
    # The decision's last page held the seal and date; OCR read only the page number.
    pages = [DECISION_1, "\n12\n", RECEIPT]
    seg = make_dossier(pages, source="ocr", conf=0.9)
    seg.pages[1].red_seal = True
    assert summary(segment(seg)) == [("decision", 1, 2), ("service_receipt", 3, 3)]


def test_empty_page_after_closed_document_joins_it():
    seg = segment(make_dossier([CLOSING, "\n\n", REMARKS]))
    assert summary(seg) == [("closing", 1, 2), ("remarks", 3, 3)]


def test_untitled_evidence_of_another_kind_is_a_new_item():
    books = ("日期 品名 数量 单价（元） 金额（元）\n2024-07-13 牛奶 24 5 120\n2024-06-13 牛奶 38 5 190\n"
             "以上单据复印件由当事人提供，与原件一致。赵六 2024年8月13日")
    photo = PHOTO + "\n当事人确认：赵六"
    seg = segment(make_dossier([FILING, photo, books, CLOSING]))
    assert summary(seg) == [("filing", 1, 1), ("evidence", 2, 2), ("evidence", 3, 3), ("closing", 4, 4)]


def test_equally_close_titles_are_decided_by_content():
    # “木案审批表” is one error from 立案审批表 and from 结案审批表.
    seg = segment(make_dossier([FILING.replace("立 案 审 批 表", "木案审批表")], source="ocr", conf=0.7))
    assert summary(seg) == [("filing", 1, 1)]
    seg = segment(make_dossier([CLOSING.replace("结 案 审 批 表", "木案审批表")], source="ocr", conf=0.7))
    assert summary(seg) == [("closing", 1, 1)]


def test_unreadable_title_between_agency_and_document_number_starts_a_document():
    page = DECISION_1.replace("行政处罚决定书", "人政处罚决定本")
    seg = segment(make_dossier([FILING, page, DECISION_2], source="ocr", conf=0.7))
    assert summary(seg) == [("filing", 1, 1), ("decision", 2, 3)]


def _pages_with_conf(texts_confs):
    return Dossier("t", ["t.pdf"], [Page(i + 1, "ocr", c, t, t) for i, (t, c) in enumerate(texts_confs)])


def test_an_untitled_page_ocr_made_nothing_of_stays_with_the_document_before_it():
    # a near-empty back page read upside down into noise, after a decision that closed
    noise = "出SLC AT汪汪权归\nEM人\n二人四=人5\n是二帮于证"
    seg = segment(_pages_with_conf([(DECISION_1, 0.9), (DECISION_2, 0.9), (noise, 0.15), (RECEIPT, 0.9)]))
    assert summary(seg) == [("decision", 1, 3), ("service_receipt", 4, 4)]


def test_an_untitled_page_read_well_still_starts_its_own_document():
    # near miss: the same kind of page read surely is judged by what it says
    other = "附件：现场照片说明\n照片1：冷藏柜内超过保质期的牛奶\n拍摄人：张三"
    seg = segment(_pages_with_conf([(DECISION_1, 0.9), (DECISION_2, 0.9), (other, 0.9), (RECEIPT, 0.9)]))
    assert summary(seg)[:2] == [("decision", 1, 2), (summary(seg)[1][0], 3, 3)]
    assert summary(seg)[1][0] != "decision"
