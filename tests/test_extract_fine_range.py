"""The statute's fine range quoted in a decision is not the fine imposed."""
from dossier_review.extract.amounts import extract_amounts
from dossier_review.extract.text import DocText
from dossier_review.model import Document, PageSpan


def _fines(text):
    d = Document(type="decision", title="行政处罚决定书", first_page=1, last_page=1,
                 spans=[PageSpan(page=1, start=0, end=len(text))], text=text)
    amounts, _, _ = extract_amounts(DocText(d))
    return [a.yuan for a in amounts if a.role == "fine"]


def test_the_top_of_the_range_is_not_the_fine():
    for text in ("依据第八条规定，处罚款一万元以上十万元以下。决定罚款5000元。",
                 "责令改正，处罚款5000元以上5万元以下，决定如下：罚款5000元。",
                 "根据规定，罚款数额为一万元以上三万元以下，决定罚款5000元"):
        assert _fines(text) == [5000], text


def test_a_fine_alone_is_the_fine():
    assert _fines("决定对当事人处以罚款100000元。") == [100000]
