"""lib.citation: the one way a provision is written, by the reviewer, the report and the generator."""
from dossier_review.lib.citation import citation_text, cn_number, provisions_text


def test_full_citation_as_a_decision_writes_it():
    assert citation_text("中华人民共和国食品安全法", 125, 1, 2) == "《中华人民共和国食品安全法》第一百二十五条第一款第（二）项"


def test_parts_only_when_given():
    assert citation_text("价格法", 13) == "《价格法》第十三条"
    assert citation_text("价格法") == "《价格法》"
    assert provisions_text(13, None, 1) == "第十三条第（一）项"
    assert cn_number("x") == "x"  # not a number: written as it came, never an error
