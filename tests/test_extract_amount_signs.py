"""A figure is money only whole: not the exponent of 1e308, not the magnitude of -5000."""
from __future__ import annotations

import pytest

from dossier_review.extract.amounts import find_amounts


@pytest.mark.parametrize("text", ["罚款1e308元", "罚款1E308元", "罚款-5000元", "罚款－5000元", "罚款−5000元"])
@pytest.mark.parametrize("ocr", [False, True])
def test_exponent_and_negative_figures_are_not_amounts(text, ocr):
    assert [a.yuan for a in find_amounts(text, ocr=ocr)] == []


@pytest.mark.parametrize("text,yuan", [
    ("罚款5000元", 5000.0),
    ("处1000-5000元罚款", 5000.0),        # a range: the upper end keeps its reading
    ("罚款人民币Y5000元", 5000.0),         # OCR's Y for ¥ is no exponent
    ("罚款人民币50,000.00元", 50000.0),
])
def test_near_misses_still_read(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


def test_cents_after_a_misread_currency_sign_still_read_on_scans():
    assert [a.yuan for a in find_amounts("金额Y308.00", ocr=True)] == [308.0]
    assert find_amounts("金额1e308.00", ocr=True) == [] and find_amounts("金额-308.00", ocr=True) == []
