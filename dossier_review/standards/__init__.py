"""The evaluation standard (案卷评查标准): its data classes, parameter types and YAML loader.

A leaf shared by the check and score stages: it imports no stage.  ``load_standard`` is handed
the check registry to validate against (``pipeline.load_standard`` does that for callers).
The YAML files live beside this module; the repository's ``scoring_rules/`` links here.
"""
from __future__ import annotations

from .loader import (
    PACKAGE_DIR,
    REPO_DIR,
    CheckCatalog,
    available_standards,
    load_standard,
    resolve,
    standard_dirs,
)
from .params import PARAM_TYPES, as_date, param_type_error
from .types import (
    OCR_DOUBT,
    PROCEDURES,
    VETO_EFFECTS,
    Category,
    Grade,
    Rule,
    Standard,
    rule_rows,
)

__all__ = [
    "Category", "CheckCatalog", "Grade", "OCR_DOUBT", "PACKAGE_DIR", "PARAM_TYPES", "PROCEDURES",
    "REPO_DIR", "Rule", "Standard", "VETO_EFFECTS", "as_date", "available_standards",
    "load_standard", "param_type_error", "resolve", "rule_rows", "standard_dirs",
]
