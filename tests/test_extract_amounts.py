import pytest
from test_extract_util import make_doc

from dossier_review.extract.amounts import extract_amounts, words_to_yuan
from dossier_review.extract.text import DocText


def _amts(text):
    return extract_amounts(DocText(make_doc(text)[0]))


@pytest.mark.parametrize("text,yuan,form", [
    ("罚款50000元", 50000, "figures"),
    ("罚款5万元", 50000, "figures"),
    ("罚款5.5万元", 55000, "figures"),
    ("罚款¥50,000.00", 50000, "figures"),
    ("罚款￥50，000.00元", 50000, "figures"),
    ("罚款人民币50000元", 50000, "figures"),
    ("罚款 5 0000 元", 50000, "figures"),             # OCR spacing inside the figure
    ("罚款伍万元整", 50000, "words"),
    ("罚款人民币壹万伍仟元", 15000, "words"),
    ("罚款五万元", 50000, "words"),
    ("罚款壹仟贰佰元伍角", 1200.5, "words"),
    ("罚款贰拾万零伍佰元整", 200500, "words"),
    ("罚款两千元", 2000, "words"),
])
def test_amount_forms(text, yuan, form):
    amounts, _, _ = _amts(text)
    assert len(amounts) == 1
    assert amounts[0].yuan == pytest.approx(yuan)
    assert amounts[0].form == form
    assert amounts[0].role == "fine"


@pytest.mark.parametrize("text,roles", [
    ("没收违法所得人民币3000元，并处罚款5000元", [("confiscation", 3000), ("fine", 5000)]),
    ("决定没收违法所得3000元和罚款5000元", [("confiscation", 3000), ("fine", 5000)]),
    ("经查，当事人违法所得为1200元，货值金额8000元。", [("illegal_gains", 1200), ("goods_value", 8000)]),
    ("没收其销售的过期食品，价值共计450元", [("confiscation", 450)]),
    ("逾期不缴纳的，每日按罚款数额的3%加处罚款，加处罚款数额不超过5000元", [("late_fee", 5000)]),
])
def test_amount_roles(text, roles):
    amounts, _, _ = _amts(text)
    assert [(a.role, a.yuan) for a in amounts] == [(r, pytest.approx(v)) for r, v in roles]


@pytest.mark.parametrize("text", [
    "每日按罚款数额的3%加处罚款", "自收到本决定书之日起十五日内", "共卖了3个月", "第一百二十四条",
    "统一社会信用代码91330106MA2B3C4D5E", "电话13800000000", "二〇二四年三月十二日", "5万件",
])
def test_not_amounts(text):
    amounts, _, _ = _amts(text)
    assert amounts == []


@pytest.mark.parametrize("text,w,f", [
    ("罚款人民币伍万元（¥50000元）", 50000, 50000),
    ("罚款50000元(大写：伍万元整)", 50000, 50000),
    ("罚款人民币叁万元整（小写：30000.00元）", 30000, 30000),
    ("罚款人民币伍万元（¥5000元）", 50000, 5000),     # a mismatch the check must see
    ("罚款壹万伍仟元（15000元）", 15000, 15000),
])
def test_amount_pairs(text, w, f):
    amounts, pairs, _ = _amts(text)
    assert len(pairs) == 1
    assert (pairs[0].words_yuan, pairs[0].figures_yuan) == (w, f)
    assert all(a.role == "fine" for a in amounts)


def test_two_separate_amounts_are_not_a_pair():
    _, pairs, _ = _amts("没收违法所得叁仟元，罚款50000元")
    assert pairs == []


def test_quote_is_page_text():
    text = "本局决定：\n罚款人民币伍万元（¥50000元）。"
    doc, _ = make_doc(text)
    amounts, pairs, _ = extract_amounts(DocText(doc))
    for a in amounts:
        assert a.quote.replace(" ", "") in text.replace("\n", "")
        assert a.page == 1


def test_words_to_yuan():
    assert words_to_yuan("壹仟贰佰", "伍", "陆") == pytest.approx(1200.56)
    assert words_to_yuan("拾") == 10


def test_fine_inside_penalty_zone_when_ocr_garbled_the_word():
    from dossier_review.extract import extract_document
    text = "本局决定对当事人作出如下行政处罚：昼款人民币伍万元（50000元）。当事人应当自收到本决定书之日起十五日内缴纳。"
    doc, pages = make_doc(text)
    f = extract_document(doc, 0, pages)
    assert [a.role for a in f.amounts] == ["fine", "fine"]
    # outside the penalty part an amount without a role word stays "other"
    doc, pages = make_doc("经查，当事人共进货人民币3000元。")
    assert [a.role for a in extract_document(doc, 0, pages).amounts] == ["other"]


def test_ocr_garbled_words_and_currency_sign():
    from dossier_review.extract import extract_document
    text = "本局决定对当事人作出如下行政处罚：1.警告；2.罚款人民币会什贰佰元整（f3,200.00）。"
    doc, pages = make_doc(text, source="ocr")
    f = extract_document(doc, 0, pages)
    # the garbled 叁仟 must not leave a wrong 200 behind; the figure with a misread ¥ is kept
    assert [(a.yuan, a.form, a.role) for a in f.amounts] == [(3200, "figures", "fine")]
    assert f.amount_pairs == []
    # on a text layer the same words are read as written
    doc, pages = make_doc("罚款人民币叁仟贰佰元整（¥3,200.00）。")
    assert [p.words_yuan for p in extract_document(doc, 0, pages).amount_pairs] == [3200]


def _ocr_pairs(text):
    return extract_amounts(DocText(make_doc(text)[0]), None, True)[1]


@pytest.mark.parametrize("text", [
    # 壹拾万壹仟伍佰贰拾元 garbled: 壹拾万 (not 壹拾壹万) and 伍佰 (not 捌佰) disagree with the figures
    "罚款人民币壹拾万过什伍佰蒜抬元整（Y112,800.00）。",
    "罚款（大写）：叁万过仟伍佰元整（小写：¥23,500.00）",
    "并处罚款人民币贰拾万零肆蒜伍拾元（#200,460.00）",
])
def test_partly_unreadable_words_that_disagree_are_flagged_partial(text):
    pairs = _ocr_pairs(text)
    assert len(pairs) == 1 and pairs[0].words_partial


@pytest.mark.parametrize("text", [
    "罚款人民币壹拾壹万贰什捌佰元整（¥112,800.00）",   # readable places agree: nothing to say
    "罚款人民币壹万肆千蒜佰元整（¥14,500元）",
    "罚款人民币伍仟过佰元整（¥5,300.00）",             # no readable 万: places unknown
    "并处罚款人民币贰拾万零肆蒜伍拾元（#200,450.00）",  # 伍拾 agrees; 肆蒜 has no unit
    "罚款人民币壹拾壹万贰仟捌佰元整，另没收违法所得¥112,800.00",  # not a words/figures pair
])
def test_garbled_words_without_a_readable_disagreement_are_not_flagged(text):
    assert not any(p.words_partial for p in _ocr_pairs(text))


def test_partial_words_only_on_ocr_text():
    pairs = extract_amounts(DocText(make_doc("罚款人民币壹拾万过什伍佰蒜抬元整（Y112,800.00）")[0]))[1]
    assert not any(p.words_partial for p in pairs)


def test_figures_after_words_whose_bracket_and_yen_sign_ocr_read_as_one_character():
    from dossier_review.extract import extract_document
    text = "本局决定对当事人作出如下行政处罚：1.责令停产停业整顿；2.罚款人民币壹拾万零壹佰沫拾元整\n羊111,300.00）。\n罚没款请于十五日内缴纳。"
    doc, pages = make_doc(text, source="ocr")
    f = extract_document(doc, 0, pages)
    assert [(a.yuan, a.form, a.role) for a in f.amounts] == [(111300, "figures", "fine")]
    # near miss: a number after words without fen and bracket is not taken for money
    doc, pages = make_doc("罚款人民币壹拾万零壹佰柒拾元整，于2025年5月6日缴纳。", source="ocr")
    assert [a.form for a in extract_document(doc, 0, pages).amounts if a.form == "figures"] == []
