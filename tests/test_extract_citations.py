
from test_extract_util import make_doc

from dossier_review.extract.citations import extract_citations
from dossier_review.extract.text import DocText


def _cites(text):
    return [(c.law, c.article, c.paragraph, c.item, c.role) for c in extract_citations(DocText(make_doc(text)[0]))]


def test_full_citation_with_item():
    assert _cites("依据《中华人民共和国食品安全法》第一百二十四条第一款第（四）项的规定，决定给予如下行政处罚：") == [
        ("中华人民共和国食品安全法", 124, 1, 4, "penalty_basis")]


def test_several_provisions_in_one_sentence():
    got = _cites("当事人的行为违反了《中华人民共和国广告法》第三十四条第（一）项、第（十）项和第六十五条的规定。")
    assert got == [("中华人民共和国广告法", 34, None, 1, "violated"),
                   ("中华人民共和国广告法", 34, None, 10, "violated"),
                   ("中华人民共和国广告法", 65, None, None, "violated")]


def test_paragraph_list():
    got = _cites("依照《中华人民共和国产品质量法》第四十九条第一款、第二款之规定，责令停止生产，并处罚款。")
    assert got == [("中华人民共和国产品质量法", 49, 1, None, "penalty_basis"),
                   ("中华人民共和国产品质量法", 49, 2, None, "penalty_basis")]


def test_arabic_numerals_and_brackets():
    got = _cites("违反了《中华人民共和国大气污染防治法》第18条第1款的规定，依据同法第99条第(2)项，处以罚款。")
    assert got == [("中华人民共和国大气污染防治法", 18, 1, None, "violated"),
                   ("中华人民共和国大气污染防治法", 99, None, 2, "penalty_basis")]


def test_abbreviation_and_back_reference():
    text = ("当事人的行为违反了《中华人民共和国食品安全法》（以下简称《食品安全法》）第三十四条第（十）项的规定。"
            "依据《食品安全法》第一百二十四条第一款第（四）项的规定，本局决定对当事人处罚如下：")
    assert _cites(text) == [("中华人民共和国食品安全法", 34, None, 10, "violated"),
                            ("中华人民共和国食品安全法", 124, 1, 4, "penalty_basis")]


def test_unbracketed_law_and_gai_fa():
    cites = extract_citations(DocText(make_doc(
        "你单位违反了中华人民共和国安全生产法第二十八条第一款的规定，依据该法第九十七条第（三）项的规定，拟处罚款。")[0]))
    assert [(c.law, c.article, c.paragraph, c.item, c.role, c.bracketed) for c in cites] == [
        ("中华人民共和国安全生产法", 28, 1, None, "violated", False),
        ("中华人民共和国安全生产法", 97, None, 3, "penalty_basis", False)]


def test_regulation_abbreviation():
    text = ("违反了《娱乐场所管理条例》（以下简称《条例》）第十四条第一款的规定，根据《条例》第四十三条的规定，决定给予警告。")
    assert _cites(text) == [("娱乐场所管理条例", 14, 1, None, "violated"),
                            ("娱乐场所管理条例", 43, None, None, "penalty_basis")]


def test_shuyu_suozhi_is_violated():
    got = _cites("当事人的行为属于《中华人民共和国产品质量法》第三十九条所指的以次充好行为。")
    assert got == [("中华人民共和国产品质量法", 39, None, None, "violated")]


def test_procedural_citation_is_other():
    got = _cites("根据《中华人民共和国行政处罚法》第四十四条、第六十三条的规定，你单位享有陈述、申辩和要求听证的权利。")
    assert [r for *_, r in got] == ["other", "other"]


def test_role_by_verb_not_position():
    # the basis comes first in the sentence, the violated rule second
    got = _cites("根据《中华人民共和国安全生产法》第九十九条的规定，对你单位处以罚款，你单位违反了该法第三十六条。")
    assert ("中华人民共和国安全生产法", 99, None, None, "penalty_basis") in got
    assert ("中华人民共和国安全生产法", 36, None, None, "violated") in got


def test_article_outside_a_citation_is_ignored():
    assert _cites("本决定书第三条所列物品已退还。当事人第二次被查处。") == []


def test_law_without_article_is_kept_for_the_check():
    got = _cites("当事人的行为违反了《中华人民共和国食品安全法》的规定。")
    assert got == [("中华人民共和国食品安全法", None, None, None, "violated")]


def test_quote_and_page():
    doc, _ = make_doc(["第一页内容。", "依据《中华人民共和国广告法》第五十八条第一款第（一）项的规定，处以罚款。"])
    c = extract_citations(DocText(doc))[0]
    assert c.page == 2
    assert "广告法" in c.quote and len(c.quote) <= 120


def test_law_listed_after_a_citation_takes_its_role():
    got = _cites("依据《中华人民共和国水污染防治法》第八十三条第三项、《浙江省生态环境行政处罚裁量基准规定》的规定，"
                 "我局决定对你单位处以罚款。")
    assert got == [("中华人民共和国水污染防治法", 83, None, 3, "penalty_basis"),
                   ("浙江省生态环境行政处罚裁量基准规定", None, None, None, "penalty_basis")]


def test_procedural_basis_for_on_the_spot_is_other():
    got = _cites("根据《中华人民共和国行政处罚法》第五十一条的规定，适用简易程序当场处罚。本局决定罚款100元。")
    assert got == [("中华人民共和国行政处罚法", 51, None, None, "other")]


def test_an_unbalanced_opening_bracket_is_noticed():
    from dossier_review.extract.citations import extract_citations
    from dossier_review.extract.text import DocText
    from dossier_review.model import Document, PageSpan

    def cites(text):
        d = Document(type="decision", title="", first_page=1, last_page=1,
                     spans=[PageSpan(page=1, start=0, end=len(text))], text=text)
        return extract_citations(DocText(d))

    c = cites("违反了《中华人民共和国食品安全法第三十四条的规定。")
    assert c and c[0].unbalanced and c[0].article == 34
    c = cites("违反了《中华人民共和国食品安全法》第三十四条的规定。")      # the near miss
    assert c and not c[0].unbalanced and c[0].bracketed
    c = cites("违反了中华人民共和国食品安全法第三十四条的规定。")        # unbracketed, not unbalanced
    assert c and not c[0].unbalanced and not c[0].bracketed
