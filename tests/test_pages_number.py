"""The page number a page carries: a bare number at its foot (测绘 卷面标准: 右下角) or alone on its
first line (archives number pages in the top corner)."""
import pytest

from dossier_review.model import Page
from dossier_review.pages import _archive_number


def _page(text):
    return Page(number=1, source="text", confidence=1.0, raw_text=text, text=text)


@pytest.mark.parametrize("text,number", [
    ("询问笔录\n问：你的姓名？\n答：张三。\n\n7", 7),
    ("询问笔录\n问：你的姓名？\n答：张三。\n- 12 -", 12),
    ("7\n询问笔录\n问：你的姓名？\n答：张三。", 7),          # top corner
    ("询问笔录\n问：你的姓名？\n答：张三。\n3\n被询问人签名：张三", 3),
])
def test_page_number_at_the_foot_or_the_top(text, number):
    assert _archive_number(_page(text)) == (number, None)


@pytest.mark.parametrize("text", [
    "询问笔录\n问：你单位有几名员工？\n答：12",            # a number in an answer
    "2024年5月6日\n询问笔录\n问：你的姓名？\n答：张三。\n被询问人签名：张三",   # a date first
    "询问笔录\n问：你的姓名？\n答：张三。\n被询问人签名：张三",
])
def test_numbers_that_are_not_page_numbers(text):
    assert _archive_number(_page(text)) == (None, None)
