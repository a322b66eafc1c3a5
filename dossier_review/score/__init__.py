"""score: the scoring of findings into a Review under a standard (``dossier_review.standards``)."""
from __future__ import annotations

from .scoring import category_scores, grade, item_deductions, score

__all__ = ["score", "category_scores", "item_deductions", "grade"]
