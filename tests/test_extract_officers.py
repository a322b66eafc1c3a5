import pytest
from test_extract_util import make_doc
from test_extract_util import officer_pairs as _off

from dossier_review.extract.officers import certificate_shown
from dossier_review.extract.text import DocText


@pytest.mark.parametrize("text,expected", [
    ("询问人：张三 执法证号：33010012345  记录人：李四 执法证号：33010012346\n",
     [("张三", "33010012345"), ("李四", "33010012346")]),
    ("执法人员：张三（执法证号：33010012345）、李四（执法证号：33010012346）\n",
     [("张三", "33010012345"), ("李四", "33010012346")]),
    ("执法人员：张三、李四\n执法证号：33010012345、33010012346\n",
     [("张三", "33010012345"), ("李四", "33010012346")]),
    ("检查人员 王建国 欧阳明 证件号码 ZJ1234567 ZJ1234568\n",
     [("王建国", "ZJ1234567"), ("欧阳明", "ZJ1234568")]),
    ("执法人员：张三李四\n",                                # OCR dropped the separator
     [("张三", None), ("李四", None)]),
    ("承办人：刘洋、陈静\n", [("刘洋", None), ("陈静", None)]),
])
def test_officer_field_styles(text, expected):
    assert _off(text) == expected


def test_opening_statement_style():
    text = ("问：我们是某市市场监督管理局的执法人员张三、李四，执法证件号码分别为33010012345、33010012346，"
            "这是我们的执法证件，请过目。\n答：看清楚了。")
    assert _off(text) == [("张三", "33010012345"), ("李四", "33010012346")]


def test_one_officer_only():
    assert _off("检查人：张三 执法证号：33010012345\n被检查人：某公司\n") == [("张三", "33010012345")]


def test_dates_are_not_certificates():
    assert _off("承办人：张三、李四 2024.3.11\n") == [("张三", None), ("李四", None)]


def test_party_labels_are_not_officers():
    assert _off("被检查人：王五\n被询问人：赵六\n") == []


@pytest.mark.parametrize("text,value", [
    ("执法人员向当事人出示了执法证件。", True),
    ("问：我们是某局执法人员，这是我们的执法证件，请你过目。", True),
    ("执法人员亮证后进行检查。", True),
    ("执法人员表明身份后开展检查。", True),
    ("执法人员未出示执法证件。", False),
    ("执法人员进行了检查。", None),
])
def test_certificate_shown(text, value):
    v, ev = certificate_shown(DocText(make_doc(text)[0]))
    assert v is value
    if value is not None:
        assert ev and ev[0].quote


def test_signature_line_adds_no_officer():
    text = "检查人员：姚伟（执法证号：37010886914）、姚勇（执法证号：37010915387）\n执法人员签名：姚伟姚舅2025.6.25\n"
    assert _off(text) == [("姚伟", "37010886914"), ("姚勇", "37010915387")]


def test_certificate_broken_over_lines_and_dates_after_names():
    text = ("检查人员：刘超（执法证号：370102-36-3656）、胡海燕（执法证号：\n370102-68-6678）\n"
            "承办人：刘超胡海燕  二〇二四年十一月十三日\n")
    assert _off(text) == [("刘超", "370102-36-3656"), ("胡海燕", "370102-68-6678")]
