"""A rule worth more than its category (or the total) is a broken standard, named with its line."""
from __future__ import annotations

from test_score_standard import GOOD, error, line_of, write

from dossier_review.pipeline import load_standard


def test_points_above_the_category_are_rejected_at_their_line(tmp_path):
    text = GOOD.replace("    points: 6\n", "    points: 150\n")
    err = error(tmp_path, text)
    assert err.line == line_of(text, "points: 150")
    assert "remedy.missing" in err.reason and "150" in err.reason and "超过所属类别" in err.reason


def test_points_above_the_category_but_not_the_total(tmp_path):
    text = GOOD.replace("    points: 0.5\n", "    points: 5\n")  # documents has 4 of the 10
    err = error(tmp_path, text)
    assert err.line == line_of(text, "points: 5")


def test_max_points_above_the_category_are_rejected(tmp_path):
    text = GOOD.replace("    points: 0.5\n", "    points: 0.5\n    per_instance: true\n    max_points: 9\n")
    err = error(tmp_path, text)
    assert err.line == line_of(text, "max_points: 9") and "max_points" in err.reason


def test_points_equal_to_the_category_are_accepted(tmp_path):
    # near miss: remedy.missing takes the whole remedy budget (6), documents.typo all of its 4
    text = GOOD.replace("    points: 0.5\n", "    points: 4\n")
    std = load_standard(str(write(tmp_path, text)))
    assert {r.code: r.points for r in std.rules} == {"remedy.missing": 6, "documents.typo": 4}
