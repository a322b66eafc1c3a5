"""Every registered check documents what / why / example / fix and when it asks a human."""
import re

import pytest
from facts_builder import standard

from dossier_review.check import available_checks, explain

SECTIONS = ("检查内容", "依据", "示例", "整改", "何时转人工")


def missing_sections(doc: str) -> list[str]:
    """The sections absent from ``doc``, or out of order, or empty."""
    found = re.findall(r"【(.+?)】([^【]*)", doc)
    names = [name for name, _ in found]
    bad = [s for s in SECTIONS if s not in names]
    if not bad and [n for n in names if n in SECTIONS] != list(SECTIONS):
        bad.append("order")
    bad += [name for name, text in found if name in SECTIONS and not text.strip()]
    return bad


@pytest.mark.parametrize("name", sorted(available_checks()))
def test_every_check_documents_its_sections(name):
    assert missing_sections(available_checks()[name].doc) == []


def test_a_doc_without_the_human_section_is_caught():
    doc = "【检查内容】甲。\n【依据】乙。\n【示例】丙。\n【整改】丁。"
    assert missing_sections(doc) == ["何时转人工"]
    assert missing_sections(doc + "\n【何时转人工】") == ["何时转人工"]   # present but empty
    assert missing_sections(doc + "\n【何时转人工】戊。") == []


def test_explain_prints_when_it_asks_a_human():
    text = explain("remedy.review_period_wrong", standard())
    assert "【何时转人工】" in text and "low_confidence" in text
    # the value is the standard's parameter, printed once from the standard, not restated in the doc
    assert "expected_days: 60" in text and "六十日内提出" in text and "是否为六十日" not in text
    assert "ocr_doubt" not in text   # the rule has no OCR doubt in the default standard
    # a rule with one: the standard's doubt is printed beside the check's own section
    late = explain("procedure.late_service", standard())
    assert "扫描件 ocr_doubt: reading" in late and "fallback_margin_days" in late
