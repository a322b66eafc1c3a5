"""Loading standards: names and paths, extends, and errors with the YAML line."""
from pathlib import Path

import pytest

from dossier_review.errors import EXIT_STANDARD, StandardFileError
from dossier_review.pipeline import load_standard
from dossier_review.standards import PACKAGE_DIR, REPO_DIR, available_standards

GOOD = """\
name: mini
title: 最小标准
total: 10
categories:
  remedy: {name: 救济, budget: 6}
  documents: {name: 文书, budget: 4}
grades:
  levels:
    - {name: 合格, min: 6}
  fail: 不合格
veto:
  effect: fail_and_zero
check_defaults:
  low_confidence: 0.6
rules:
  remedy.missing:
    title: 未告知救济途径
    check: remedy.missing
    category: remedy
    points: 6
    basis: 行政处罚法第五十九条
    fix: 告知复议诉讼
    applies_to: [general, simplified]
    params:
      doc_types: [decision]
  documents.typo:
    check: documents.typo
    category: documents
    points: 0.5
    params: {max_quotes: 3, firm_min_confidence: 0.9}
"""


def write(tmp_path: Path, text: str, name: str = "std.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[nth]


def error(tmp_path, text) -> StandardFileError:
    with pytest.raises(StandardFileError) as info:
        load_standard(str(write(tmp_path, text)))
    assert info.value.exit_code == EXIT_STANDARD
    return info.value


def test_builtin_standards_load_by_name_from_repo_and_package():
    assert {"default", "cehui", "bar_excellent"} <= set(available_standards())
    assert (PACKAGE_DIR / "default.yaml").is_file()
    assert REPO_DIR.is_symlink() and REPO_DIR.resolve() == PACKAGE_DIR.resolve()
    std = load_standard()
    assert std.name == "default" and std.total == 100 and std.unsourced_grades
    assert [g.name for g in std.grades] == ["优秀", "良好", "合格"] and std.fail_grade == "不合格"


def test_minimal_file_loads(tmp_path):
    std = load_standard(str(write(tmp_path, GOOD)))
    assert std.name == "mini" and [r.code for r in std.rules] == ["remedy.missing", "documents.typo"]
    assert std.rule("documents.typo").applies_to == ("general",)


def test_yaml_syntax_error_has_line(tmp_path):
    text = GOOD.replace("  documents: {name: 文书, budget: 4}", "  documents: {name: 文书, budget: 4")
    err = error(tmp_path, text)
    assert "syntax" in err.reason and err.line is not None
    assert abs(err.line - line_of(text, "documents: {name")) <= 2


def test_unknown_check_function(tmp_path):
    text = GOOD.replace("check: documents.typo", "check: documents.tpyo")
    err = error(tmp_path, text)
    assert "unknown check function" in err.reason and err.line == line_of(text, "documents.tpyo")
    assert f":{err.line}:" in str(err)


@pytest.mark.parametrize("old, new, reasons, at", [
    pytest.param("    points: 6\n", "", ["points or veto"], "  remedy.missing:", id="rule_without_points_or_veto"),
    pytest.param("category: documents", "category: paperwork", ["unknown category 'paperwork'"], "category: paperwork",
                 id="unknown_category"),
    pytest.param("budget: 4}", "budget: 5}", ["add up to 11"], "categories:", id="budgets_must_add_up_to_total"),
    pytest.param("max_quotes: 3", "max_quotes: three", ["max_quotes", "integer"], "max_quotes: three",
                 id="bad_parameter_type"),
    pytest.param("      doc_types: [decision]", "      doc_types: decision", ["doc_types"], "doc_types: decision",
                 id="bad_list_parameter_type"),
])
def test_an_error_names_its_reason_and_line(tmp_path, old, new, reasons, at):
    text = GOOD.replace(old, new)
    err = error(tmp_path, text)
    assert all(r in err.reason for r in reasons) and err.line == line_of(text, at)


def test_unknown_and_missing_parameters(tmp_path):
    text = GOOD.replace("firm_min_confidence: 0.9}", "firm_min_confidence: 0.9, max_qoutes: 2}")
    err = error(tmp_path, text)
    assert "no parameter 'max_qoutes'" in err.reason
    text = GOOD.replace("      doc_types: [decision]\n", "      {}\n").replace("    params:\n      {}", "    params: {}")
    err = error(tmp_path, text)
    assert "needs parameter(s) doc_types" in err.reason


def test_unknown_key_and_duplicate_key(tmp_path):
    text = GOOD.replace("    basis: 行政处罚法第五十九条", "    bassis: 行政处罚法第五十九条")
    err = error(tmp_path, text)
    assert "unknown key 'bassis'" in err.reason and err.line == line_of(text, "bassis")
    text = GOOD + "  documents.typo:\n    check: documents.typo\n    category: documents\n    points: 1\n"
    err = error(tmp_path, text)
    assert "duplicate key" in err.reason and err.line == line_of(text, "  documents.typo:", 1)


def test_bad_veto_effect_and_grade_order(tmp_path):
    err = error(tmp_path, GOOD.replace("effect: fail_and_zero", "effect: halve"))
    assert "veto effect" in err.reason
    text = GOOD.replace("    - {name: 合格, min: 6}", "    - {name: 合格, min: 6}\n    - {name: 良好, min: 8}")
    err = error(tmp_path, text)
    assert "highest threshold down" in err.reason and err.line == line_of(text, "良好")


def test_milestone_names_are_validated(tmp_path):
    text = GOOD + ("  procedure.date_order_violation:\n    category: documents\n    points: 1\n"
                   "    params:\n      pairs: [[filing, decison]]\n")
    err = error(tmp_path, text)
    assert "decison" in err.reason and err.line == line_of(text, "pairs:")


def test_extends_overrides_and_reports_errors_in_the_child(tmp_path):
    child = ("extends: default\nname: strict\nrules:\n  documents.typo: {points: 1}\n"
             "  filing.no_catalog: null\n  remedy.review_period_wrong:\n    params: {expected_days: 90}\n")
    std = load_standard(str(write(tmp_path, child)))
    assert std.name == "strict" and std.rule("documents.typo").points == 1
    assert std.rule("filing.no_catalog") is None
    r = std.rule("remedy.review_period_wrong")
    assert r.params == {"doc_types": ["decision"], "expected_days": 90} and r.points == 3
    bad = child.replace("{points: 1}", "{points: 1, category: nowhere}")
    err = error(tmp_path, bad)
    assert err.path.endswith("std.yaml") and err.line == line_of(bad, "nowhere")
    # replacing the categories without re-homing the inherited rules is an error too
    err = error(tmp_path, "extends: default\ncategories:\n  all: {name: 全部, budget: 100}\n")
    assert "unknown category" in err.reason


def test_unknown_standard_name():
    with pytest.raises(StandardFileError) as info:
        load_standard("no_such_standard")
    assert "可用：" in info.value.reason and "default" in info.value.reason


def test_structured_parameters_are_validated(tmp_path):
    text = GOOD + ("  evidence.listed_evidence_missing:\n    category: documents\n    points: 1\n"
                   "    params:\n      doc_types: [decision]\n"
                   "      evidence_map:\n        - {match: [检测报告], types: [lab_report]}\n")
    err = error(tmp_path, text)
    assert "lab_report" in err.reason and err.line == line_of(text, "evidence_map:")
    text = GOOD + ("  documents.document_number_invalid:\n    category: documents\n    points: 1\n"
                   "    params:\n      doc_types: [decision]\n      year_pattern: '(19|20\\d{2}'\n"
                   "      bracketed_year_pattern: '〔\\d{4}〕'\n")
    err = error(tmp_path, text)
    assert "regular expression" in err.reason and err.line == line_of(text, "year_pattern")
