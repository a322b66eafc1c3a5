import pytest
from test_extract_util import make_doc

from dossier_review.extract import form as F
from dossier_review.extract.dates import date_facts
from dossier_review.extract.service import served_role, service_info
from dossier_review.extract.text import DocText


def _d(text, t="decision"):
    return DocText(make_doc(text, t)[0])


@pytest.mark.parametrize("text,number,valid,ocr", [
    ("行政处罚决定书\n杭市监罚〔2024〕12号\n当事人：", "杭市监罚〔2024〕12号", True, False),
    ("行政处罚决定书\n甬应急罚〔2024〕第12号\n", "甬应急罚〔2024〕第12号", True, False),
    ("行政处罚决定书\n温环罚[2024]3号\n", "温环罚[2024]3号", False, False),
    ("行政处罚决定书\n温环罚[2024]3号\n", "温环罚[2024]3号", True, True),   # OCR confusion of 〔〕
    ("行政处罚决定书\n湖城管罚（2024）7号\n", "湖城管罚（2024）7号", False, True),
    ("行政处罚决定书杭市监罚〔2024〕12号\n", "杭市监罚〔2024〕12号", True, False),
])
def test_doc_number(text, number, valid, ocr):
    num, v, ev = F.doc_number(_d(text), ocr)
    assert num == number and v is valid and ev.page == 1


def test_no_doc_number():
    assert F.doc_number(_d("行政处罚决定书\n当事人：某公司\n依据第12条"), False)[0] is None


def test_authority_and_seal_mark():
    text = "……提起行政诉讼。\n杭州市西湖区市场监督管理局（印章）\n二〇二四年四月十八日"
    d = _d(text)
    name, ev = F.authority(d)
    assert name == "杭州市西湖区市场监督管理局"
    assert F.seal(d, {}, [1])[0] is True


def test_authority_in_header_only():
    d = _d("宁波市生态环境局\n行政处罚事先告知书\n某公司：\n经查……\n2024年5月6日")
    assert F.authority(d)[0] == "宁波市生态环境局"


def test_authority_ends_in_any_agency_suffix_of_the_vocabulary():
    # one agency-suffix list (vocabulary.yaml) for the name finder and the signature line: a
    # committee abbreviated to 委 or a township 政府 signs like a 局
    assert F.authority(_d("……提起行政诉讼。\n杭州市卫生健康委（印章）\n2024年4月18日"))[0] == "杭州市卫生健康委"
    assert F.authority(_d("……提起行政诉讼。\n余杭区良渚街道政府\n2024年4月18日"))[0] == "余杭区良渚街道政府"
    # near miss: a closing line that ends in no agency suffix names no authority
    assert F.authority(_d("……提起行政诉讼。\n杭州市卫生健康委员\n2024年4月18日"))[0] is None


def test_remedy_court_line_is_not_authority():
    d = _d("如不服，可以在六个月内向杭州市西湖区人民法院提起行政诉讼。\n2024年4月18日")
    assert F.authority(d)[0] is None


def test_seal_from_page_image():
    doc, pages = make_doc("某局\n2024年4月18日", red_seal=True)
    assert F.seal(DocText(doc), pages, [1])[0] is True
    doc, pages = make_doc("某局\n2024年4月18日", red_seal=False)
    assert F.seal(DocText(doc), pages, [1])[0] is False
    doc, pages = make_doc("某局\n2024年4月18日", source="ocr", red_seal=None)
    assert F.seal(DocText(doc), pages, [1])[0] is None


@pytest.mark.parametrize("text", [
    "经查，你（单位）于2024年3月1日……", "当事人：XXX", "法定代表人：×××", "住所：____________",
    "联系电话（选填）：", "当事人：【请填写】",
])
def test_template_residue(text):
    assert F.template_residue(_d(text))


@pytest.mark.parametrize("text", [
    "经查，你单位于2024年3月1日销售过期食品。", "统一社会信用代码：91330106MA2B3C4D5E",
    "当事人：某某市某某食品有限公司",
])
def test_not_template_residue(text):
    assert not F.template_residue(_d(text))


def test_typos():
    text = "你单位有权要求听政，可以陈述和申辨。如不服可申请行政复义。"
    ev, fixes = F.typos(_d(text))
    assert fixes == ["听政→听证", "申辨→申辩", "行政复义→行政复议"]
    assert all(e.quote in text for e in ev)
    assert F.typos(_d("你单位有权要求听证，可以陈述和申辩，申请行政复议。")) == ([], [])


@pytest.mark.parametrize("text,ocr,party,refused,officer", [
    ("以上笔录我已看过，与我所说一致。\n被询问人（签名）：赵六\n询问人（签名）：张三 李四", False, True, False, True),
    ("被询问人签名：\n询问人签名：", False, False, False, False),
    ("被询问人签名：\n询问人签名：", True, None, False, None),          # scan: handwriting unread
    ("当事人拒绝签字。\n执法人员签名：张三、李四", False, True, True, True),
    ("记录属实。被检查人（签字）：王五", False, True, False, None),
])
def test_signatures(text, ocr, party, refused, officer):
    sig = F.signatures(_d(text, "inquiry"), ocr)
    assert (sig["party_signed"], sig["party_refused"], sig["officer_signed"]) == (party, refused, officer)


def test_service_receipt():
    text = ("送达回证\n送达文书名称及文号：行政处罚决定书（杭西市监罚〔2024〕12号）\n受送达人：杭州某味食品有限公司\n"
            "送达地点：杭州市西湖区文三路100号\n送达方式：留置送达\n受送达人签名：赵六  2024年4月19日\n送达人：张三、李四")
    d = _d(text, "service_receipt")
    _, _, found = date_facts(d, "service_receipt")
    info = service_info(d, found, False)
    assert info.served_document.startswith("行政处罚决定书")
    assert info.recipient == "杭州某味食品有限公司"
    assert info.method == "留置" and info.recipient_signed is True
    assert str(info.served_date) == "2024-04-19"
    assert served_role(info.served_document) == "served"
    assert served_role("行政处罚事先告知书") == "notice_served"


def test_service_receipt_unsigned_digital():
    text = "送达回证\n送达文书：行政处罚决定书\n受送达人：某公司\n送达方式：邮寄送达\n受送达人签名：\n送达时间：2024年4月19日"
    d = _d(text, "service_receipt")
    _, _, found = date_facts(d, "service_receipt")
    info = service_info(d, found, False)
    assert info.recipient_signed is False and info.method == "邮寄"


def test_doc_number_brackets_judged_on_raw_text():
    # ingest's normalisation mends [2024] to 〔2024〕; a digital page's raw text shows what was printed
    from dossier_review.extract import extract_document
    doc, pages = make_doc("行政处罚决定书\n温环罚〔2024〕3号\n当事人：某公司")
    pages[1].raw_text = "行政处罚决定书\n温环罚[2024]3号\n当事人：某公司"
    f = extract_document(doc, 0, pages)
    assert f.doc_number == "温环罚[2024]3号" and f.doc_number_valid is False
    pages[1].raw_text = pages[1].text
    assert extract_document(doc, 0, pages).doc_number_valid is True


def test_signature_name_above_its_label_belongs_to_that_label():
    # text layers put a handwritten name on the line above its printed label
    text = "答：没有了。\n被询问人签名：\n龚芳  余思远\n执法人员签名：  2024.6.19"
    sig = F.signatures(_d(text, "inquiry"), False)
    assert sig["party_signed"] is False and sig["officer_signed"] is True
    text = "以上记录属实  孙学军\n当事人意见：  签名：  2024.6.17\n龚芳  余思远\n执法人员签名：  2024.6.17"
    sig = F.signatures(_d(text, "inspection"), False)
    assert sig["party_signed"] is True and sig["officer_signed"] is True


def test_garbled_closing_authority_on_a_scan_reads_from_header():
    text = "济南市历下区城市管理综合行政执法局\n行政处罚决定书\n……\n济南市历RE城市sm综合政执法局\n二  .202吝.7月17日"
    d = _d(text)
    assert F.authority(d, ocr=True)[0] == "济南市历下区城市管理综合行政执法局"
    # a different agency in the closing block is kept as written
    text = "济南市历下区城市管理综合行政执法局\n行政处罚决定书\n……\n杭州市西湖区市场监督管理局\n2024年4月18日"
    assert F.authority(_d(text), ocr=True)[0] == "杭州市西湖区市场监督管理局"


@pytest.mark.parametrize("text", [
    "南京市鼓楼区应急管理局行政处罚听证告知书\n\n[2025)j第386与\n\n南京晨光化工有限公司：",
    "行政处罚决定书\n杭市监 〔2024 罚l2\n当事人：某公司",
])
def test_a_garbled_doc_number_line_is_seen_as_unreadable(text):
    assert F.doc_number(_d(text), True)[0] is None
    ev = F.doc_number_illegible(_d(text))
    assert ev is not None and ("2025" in ev.quote or "2024" in ev.quote)


@pytest.mark.parametrize("text", [
    "行政处罚决定书\n当事人：某公司\n2024年5月6日，执法人员对当事人进行检查",   # a date, not a number
    "行政处罚决定书\n当事人：某公司\n依据第12条",
])
def test_no_doc_number_line_at_all_is_not_an_unreadable_one(text):
    assert F.doc_number_illegible(_d(text)) is None


def test_a_signature_in_a_handwriting_font_on_a_digital_page_is_signed():
    # a rare name (not in the name lists) or glyphs without a Unicode mapping after the label
    for name in ("龘靐", "\ue01a\ue02b"):
        text = f"送达回证\n送达文书：行政处罚决定书\n受送达人：某公司\n受送达人签名：{name}\n送达时间：2024年4月19日"
        d = _d(text, "service_receipt")
        _, _, found = date_facts(d, "service_receipt")
        assert service_info(d, found, False).recipient_signed is True, name
        sig = F.signatures(_d(f"以上笔录\n被询问人签名：{name}\n询问人签名：张三 李四", "inquiry"), False)
        assert sig["party_signed"] is True
    # the near miss: the same line on a scan may be OCR noise, it is not taken as a name
    text = "送达回证\n受送达人签名：\ue01a\ue02b\n送达时间：2024年4月19日"
    d = _d(text, "service_receipt")
    _, _, found = date_facts(d, "service_receipt")
    assert service_info(d, found, True).recipient_signed is not True


def test_a_name_on_the_line_under_the_label_on_a_digital_page_is_signed():
    text = "送达回证\n送达文书：行政处罚决定书\n受送达人签名：\n王建国\n送达时间：2024年4月19日"
    d = _d(text, "service_receipt")
    _, _, found = date_facts(d, "service_receipt")
    assert service_info(d, found, False).recipient_signed is True
