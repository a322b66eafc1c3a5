"""The evaluation standard as data: categories, grades, rules (what the YAML files hold).

A leaf of the package: every stage may read a ``Standard``; only ``loader`` builds one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

PROCEDURES = ("general", "simplified")
VETO_EFFECTS = ("fail_and_zero", "bar_excellent")
OCR_DOUBT = ("absence", "reading")



@dataclass(frozen=True)
class Category:
    key: str
    name: str
    budget: float


@dataclass(frozen=True)
class Grade:
    name: str
    min: float


@dataclass
class Rule:
    code: str
    check: str
    category: str
    title: str
    points: float = 0.0
    veto: bool = False
    per_instance: bool = False
    max_points: Optional[float] = None   # cap of the item's total deduction (扣完为止)
    basis: str = ""
    fix: str = ""
    applies_to: tuple[str, ...] = ("general",)
    params: dict = field(default_factory=dict)
    source: str = ""                    # file:line the rule was defined at
    ocr_doubt: Optional[str] = None     # "absence" | "reading": see check.run_checks

    @property
    def item_cap(self) -> Optional[float]:
        """Most this item can deduct: max_points, else its points (once) unless per instance."""
        if self.max_points is not None:
            return self.max_points
        return None if self.per_instance else self.points


@dataclass
class Standard:
    name: str
    title: str
    total: float
    categories: dict[str, Category]
    grades: list[Grade]                  # highest first
    fail_grade: str
    veto_effect: str
    veto_grade: str
    barred_grade: Optional[str]
    rules: list[Rule]
    check_defaults: dict = field(default_factory=dict)
    category_floor: float = 0.0
    unsourced_grades: bool = False
    description: str = ""
    path: str = ""
    extends: Optional[str] = None

    def rule(self, code: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.code == code), None)

    def grade_for(self, score: float) -> str:
        for g in self.grades:
            if score >= g.min - 1e-9:
                return g.name
        return self.fail_grade


def rule_rows(standard: Standard) -> list[dict[str, Any]]:
    """One dict per rule of ``standard``, in the file's order (listings, outputs, ``rules``)."""
    out = []
    for rule in standard.rules:
        cat = standard.categories.get(rule.category)
        out.append({
            "code": rule.code, "title": rule.title, "check": rule.check, "category": rule.category,
            "category_name": cat.name if cat else rule.category, "points": rule.points,
            "veto": rule.veto, "per_instance": rule.per_instance, "max_points": rule.max_points,
            "basis": rule.basis, "fix": rule.fix, "applies_to": list(rule.applies_to),
            "params": dict(rule.params),
        })
    return out
