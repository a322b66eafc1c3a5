"""A name is a label's value bounded by the layout, not a clause of prose that follows the word
当事人."""
from dossier_review.extract.nlp import is_clause
from dossier_review.extract.party import extract_party
from dossier_review.extract.text import DocText
from dossier_review.model import Document, PageSpan


def _doc(text):
    d = Document(type="decision", title="行政处罚决定书", first_page=1, last_page=1,
                 spans=[PageSpan(page=1, start=0, end=len(text))], text=text)
    return DocText(d)


def test_prose_after_the_word_is_not_the_name():
    p = extract_party(_doc("行政处罚决定书\n当事人经营停车场\n未按规定公示收费标准。"))
    assert p is None or p.name != "经营停车场"


def test_a_label_with_its_value_is_the_name():
    p = extract_party(_doc("行政处罚决定书\n当事人：福州市鼓楼区某某停车场\n地址：福州市鼓楼区五四路1号"))
    assert p is not None and p.name == "福州市鼓楼区某某停车场"


def test_clause_or_name():
    for clause in ("经营停车场", "未按规定经营的加工厂", "在本市开设的诊所", "销售过期食品的超市"):
        assert is_clause(clause), clause
    for name in ("杭州鸿运商贸有限公司", "福州市鼓楼区某某餐饮店", "张三", "经营部"):
        assert not is_clause(name), name
