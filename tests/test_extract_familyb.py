"""Conventions seen on an unseen template family: wrapped labels, certificates in their own row."""
import pytest
from test_extract_util import make_doc
from test_extract_util import officer_pairs as _off

from dossier_review.extract.party import extract_party
from dossier_review.extract.text import DocText


@pytest.mark.parametrize("text,expected", [
    # respondent ("受询问人") is not an officer; certificates on their own row, paired by order
    ("受询问人：谭婷婷\n询问人：梁霞\n记录人：宋浩然\n执法证号：山93444878、山29632848\n",
     [("梁霞", "山93444878"), ("宋浩然", "山29632848")]),
    # a table cell whose numbers wrapped around the label, with a phone number in the next cell
    ("询问人 龙勇 记录人 丁海燕\n440106-93-5803、\n执法证号  联系电话  19826721255\n440106-15-8298\n",
     [("龙勇", "440106-93-5803"), ("丁海燕", "440106-15-8298")]),
])
def test_certificates_apart_from_names(text, expected):
    assert _off(text) == expected


def test_phone_next_to_empty_certificate_label_is_not_a_certificate():
    # near miss: the certificate cell is empty; the phone in the next cell must not fill it
    assert _off("询问人：龙勇\n执法证号  联系电话  19826721255\n") == [("龙勇", None)]


@pytest.mark.parametrize("text", [
    "当事人（单位）：济南福满网咖有限公司；地址：济南市历下区文化东路\n191号4幢239室；统一社会信用代码：91370102402698990U；法定代\n表人（负责人）：谭婷婷。\n",
    "当事人：广州嘉和商贸有限公司\n住所：广州市天河区体育西路305号\n法\n定代表人：金霞\n",
    "当事人：广州嘉和商贸有限公司，法定代表人：金霞，住所：广州市天河区体育西路305号。\n",
])
def test_representative_label_wrapped_or_run_on(text):
    p = extract_party(DocText(make_doc(text, "decision")[0]))
    assert p.representative in ("谭婷婷", "金霞")


def test_wrapped_label_word_in_prose_is_not_a_label():
    # near miss: "法定代表" broken in running prose, no colon, no field
    p = extract_party(DocText(make_doc("当事人：广州嘉和商贸有限公司\n本局认为该公司法定代\n表人应当对此负责。\n", "decision")[0]))
    assert p.representative is None


@pytest.mark.parametrize("text,kind", [
    ("当事人：南京某化工有限公司\n身份证号码：913201067997064411\n", "credit_code"),   # no birth date in it
    ("当事人：张伟\n身份证号码：110101199003070011\n", "id_card"),                    # near miss: a real ID form
])
def test_id_kind_follows_number_form(text, kind):
    p = extract_party(DocText(make_doc(text, "decision")[0]))
    assert p.id_kind == kind
