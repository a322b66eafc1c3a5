"""score: evaluation standards (YAML) and the scoring of findings into a Review."""
from __future__ import annotations

from .scoring import category_scores, grade, item_deductions, score
from .standard import (
                       Category,
                       Grade,
                       Rule,
                       Standard,
                       available_standards,
                       load_standard,
                       standard_dirs,
)

__all__ = ["load_standard", "score", "Standard", "Rule", "Category", "Grade",
           "available_standards", "standard_dirs", "category_scores", "item_deductions", "grade"]
