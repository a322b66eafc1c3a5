import pytest
from test_extract_util import make_doc

from dossier_review.extract import notices as N
from dossier_review.extract.text import DocText


def _d(text, t="decision"):
    return DocText(make_doc(text, t)[0])


@pytest.mark.parametrize("text,days,unit", [
    ("你单位有权要求听证。如要求听证，应当在收到本告知书之日起五个工作日内提出。", 5, "working_day"),
    ("如你单位要求听证，应当在收到本告知书之日起5日内向本局提出。", 5, "day"),
    ("你有权在收到本告知书之日起三日内提出听证申请。", 3, "day"),
    ("你单位可在收到本告知书后5个工作日内向本机关书面申请听证，逾期视为放弃。", 5, "working_day"),
])
def test_hearing_period(text, days, unit):
    h = N.hearing_info(_d(text, "prior_notice"))
    assert h.notified and (h.request_days, h.request_unit) == (days, unit)
    assert h.evidence[0].quote


def test_no_hearing_sentence():
    h = N.hearing_info(_d("你单位可在收到本告知书之日起五日内进行陈述和申辩。", "prior_notice"))
    assert not h.notified and h.request_days is None


def test_statement_right():
    assert N.statement_right(_d("你单位有权进行陈述和申辩。"))[0] is True
    assert N.statement_right(_d("你单位可以提出陈述、申辩意见。"))[0] is True
    assert N.statement_right(_d("本局拟对你单位罚款。"))[0] is None


def test_statement_right_stated_with_the_slip_shen_bian_is_still_stated():
    # "申辨" (a slip, and what OCR makes of 申辩 on a scan): the right is stated; the typo rule
    # reports the slip
    assert N.statement_right(_d("你单位对上述拟处罚意见享有陈述、申辨的权利，可于送达后五个工作日内提出。"))[0] is True
    assert N.statement_right(_d("你单位对上述拟处罚意见享有听证的权利。"))[0] is None


REMEDY = ("如不服本处罚决定，可以在收到本决定书之日起六十日内向杭州市西湖区人民政府申请行政复议，"
          "也可以在六个月内依法向杭州市西湖区人民法院提起行政诉讼。")


def test_remedy_full():
    r = N.remedy_info(_d(REMEDY))
    assert r.review_stated and r.review_days == 60 and r.review_body == "杭州市西湖区人民政府"
    assert r.litigation_stated and r.litigation_months == 6 and r.court == "杭州市西湖区人民法院"
    assert not r.review_first


@pytest.mark.parametrize("text,rd,lm,ld", [
    ("当事人如不服本决定，可在收到本决定书之日起60日内，向某市人民政府申请行政复议；或者在3个月内向某区人民法院起诉。", 60, 3, None),
    ("如不服，可于两个月内向某省市场监督管理局申请复议，或者于6个月内直接向某市某区人民法院提起诉讼。", 60, 6, None),
    ("不服本决定的，可以自收到决定书之日起十五日内向某市人民政府申请行政复议或者六个月内向某区人民法院提起行政诉讼。", 15, 6, None),
])
def test_remedy_variants(text, rd, lm, ld):
    r = N.remedy_info(_d(text))
    assert (r.review_days, r.litigation_months, r.litigation_days) == (rd, lm, ld)


def test_three_months_elsewhere_is_not_the_litigation_period():
    text = ("本局决定责令当事人停产停业3个月，并处罚款。"
            "如不服本决定，可以在六十日内向某市人民政府申请行政复议，也可以在六个月内向某区人民法院提起行政诉讼。")
    r = N.remedy_info(_d(text))
    assert r.litigation_months == 6


def test_review_first_for_on_the_spot():
    text = ("当事人对本决定不服的，应当先依法向某市人民政府申请行政复议，对复议决定不服的，"
            "可以自收到复议决定书之日起十五日内向某区人民法院提起行政诉讼。")
    r = N.remedy_info(_d(text))
    assert r.review_first and r.review_stated and r.litigation_days == 15


def test_no_remedy():
    r = N.remedy_info(_d("本局决定罚款5000元。当事人应当于十五日内缴纳。"))
    assert not r.review_stated and not r.litigation_stated


@pytest.mark.parametrize("text,pens", [
    ("本局决定对当事人作出如下行政处罚：1.没收违法所得3000元；2.罚款50000元。", ["没收违法所得", "罚款"]),
    ("决定给予警告，并处罚款人民币伍仟元。", ["警告", "罚款"]),
    ("本机关拟对你单位作出吊销食品经营许可证的行政处罚。", ["吊销许可证件"]),
    ("决定：责令停产停业三个月，没收违法生产的产品。", ["责令停产停业", "没收非法财物"]),
    ("拟给予通报批评。", ["通报批评"]),
])
def test_penalties(text, pens):
    t = "prior_notice" if "拟" in text else "decision"
    got, ev = N.extract_penalties(_d(text, t), t)
    assert sorted(got) == sorted(pens)
    assert ev


def test_late_fee_sentence_is_not_a_fine_penalty():
    got, _ = N.extract_penalties(_d("本局决定给予警告。逾期不缴纳罚款的，每日按罚款数额的3%加处罚款。"))
    assert got == ["警告"]


def test_payment_terms():
    text = ("当事人应当自收到本决定书之日起十五日内，持本决定书到中国工商银行各网点缴纳罚款。"
            "逾期不缴纳的，每日按罚款数额的百分之三加处罚款。")
    terms, ev = N.payment_terms(_d(text))
    assert terms == {"within_15_days": True, "channel": True, "late_fee": True}
    terms, _ = N.payment_terms(_d("当事人应于三十日内缴纳罚款。"))
    assert terms == {"within_15_days": False, "channel": False, "late_fee": False}


def test_listed_evidence():
    text = "以上事实，有现场检查笔录、询问笔录、检验报告、营业执照复印件、现场照片、进货单等证据证实。"
    items, ev = N.listed_evidence(_d(text))
    assert items == ["现场检查笔录", "询问笔录", "检验报告", "营业执照复印件", "现场照片", "进货单"]
    assert set(N.evidence_kinds(items)) == {"inspection", "inquiry", "test_report", "licence", "photo",
                                            "documentary"}
    assert ev and ev[0].page == 1


@pytest.mark.parametrize("text,items", [
    # brackets stay with their item; the list ends at 等证据为证
    ("以上事实有现场检查（勘验）笔录、询问笔录、检验（监测）报告等证据为证。",
     ["现场检查（勘验）笔录", "询问笔录", "检验（监测）报告"]),
    # a numbered list over several sentences, counts and 《》 titles
    ("上述事实，有以下证据证明：1.当事人营业执照复印件一份；2.现场笔录；3.《检测报告》（编号2024-031）。本局认为，",
     ["营业执照复印件", "现场笔录", "《检测报告》（编号2024-031）"]),
    ("认定上述事实的证据有：询问调查笔录及现场照片。", ["询问调查笔录", "现场照片"]),
    # near miss: facts without an evidence list
    ("经查，当事人于2024年3月销售过期食品。本局依法进行了检查。", []),
])
def test_listed_evidence_wordings(text, items):
    assert N.listed_evidence(_d(text))[0] == items


@pytest.mark.parametrize("text,t,value", [
    ("当事人在法定期限内未提出陈述、申辩。", "decision", False),
    ("当事人于2024年5月8日提出了书面陈述申辩意见。", "decision", True),
    ("你单位有权提出陈述、申辩。", "prior_notice", None),
])
def test_statement_made(text, t, value):
    assert N.statement_made(_d(text, t), t)[0] is value


@pytest.mark.parametrize("text,value", [
    ("当事人于2024年5月7日提出听证申请。", True),
    ("当事人要求举行听证。", True),
    ("当事人在规定期限内未要求听证。", False),
    ("当事人放弃听证。", False),
    ("如你单位要求听证，应当在五个工作日内提出。", None),
])
def test_hearing_requested(text, value):
    assert N.hearing_requested(_d(text, "decision"), "decision")[0] is value


def test_review_extension_major():
    assert N.review_done(_d("经复核，当事人的申辩理由不成立，不予采纳。"))[0] is True
    assert N.review_done(_d("当事人未提出意见。"))[0] is None
    assert N.extension_approved(_d("因案情复杂，申请延长办案期限三十日。负责人意见：同意延长。"))[0] is True
    assert N.extension_approved(_d("申请延长办案期限。负责人意见：不同意。"))[0] is False
    assert N.major_case(_d("本案属于重大行政处罚案件，经集体讨论决定。"))[0] is True
    assert N.major_case(_d("本案不属于重大案件。"))[0] is False


def test_decision_recounting_its_notice_is_not_the_penalty():
    text = ("本局于2025年6月27日送达了告知书，告知其拟作出行政处罚的内容及事实、理由、依据，以及陈述、申辩等权利。"
            "本局决定对当事人作出如下行政处罚：1.责令限期清理；2.罚款1100元。当事人应当于十五日内缴纳。")
    got, ev = N.extract_penalties(_d(text), "decision")
    assert got == ["罚款"]
    assert "1100" in ev[0].quote


def test_conditional_waiver_is_not_a_refusal():
    text = "你单位可以委托一至二人代理参加听证，无正当理由不到场的，视为放弃听证。"
    assert N.hearing_requested(_d(text, "hearing_notice"), "hearing_notice")[0] is None


@pytest.mark.parametrize("text,value", [
    ("本人放弃陈述、申辩和听证的权利。", True),
    ("当事人表示不要求听证。", True),
    ("逾期未提出的，视为放弃上述权利。", None),
    ("如你单位放弃听证，请在回执上注明。", None),
])
def test_rights_waived(text, value):
    assert N.rights_waived(_d(text, "statement_record"))[0] is value


def test_litigation_only_after_review_means_review_first():
    text = ("你如不服本决定，可以在收到本决定书之日起六十日内向某市人民政府申请行政复议；"
            "对行政复议决定不服的，可以在收到行政复议决定书之日起十五日内向某区人民法院提起行政诉讼。")
    r = N.remedy_info(_d(text))
    assert r.review_first and r.litigation_days == 15
    assert not N.remedy_info(_d(REMEDY)).review_first
