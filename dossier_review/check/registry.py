"""The registry of check functions, keyed by name (spaCy-style ``@register_check("…")``).

A check is ``func(facts, params) -> list[Finding]``.  The rule that uses it (code, category,
points, basis, fix) lives in the standard's YAML; the registry only knows the function, the
parameters it reads and their types, so that a standard file can be validated before anything
runs (unknown check, unknown or ill-typed parameter → ``StandardFileError`` with a line).
"""
from __future__ import annotations

import datetime as _dt
import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import Facts, Finding

CheckFunc = Callable[[Facts, dict], list[Finding]]

# Parameters every check accepts; their values come from the standard's ``check_defaults``.
COMMON_PARAMS: dict[str, str] = {
    # documents/pages whose OCR confidence is below this are "unreadable": findings resting on
    # them are returned as needs_human instead of as firm defects.
    "low_confidence": "number",
    # a claim resting on exact OCR'd characters stands only when each was read at least this surely
    "ocr_firm_confidence": "number",
}
# common parameters a standard may leave out (without ocr_firm_confidence every reading claim
# resting on an OCR'd page asks a human)
OPTIONAL_COMMON = ("ocr_firm_confidence",)

PARAM_TYPES = (
    "int", "number", "str", "bool", "date",
    "list[str]", "list[int]", "list[number]", "list[list[str]]", "list[map]",
    "map[number]", "map[str]", "map[list[str]]", "map[list[int]]", "map[list[list[str]]]",
)


@dataclass(frozen=True)
class CheckSpec:
    name: str
    func: CheckFunc
    params: dict[str, str]
    optional: frozenset[str] = field(default_factory=frozenset)
    module: str = ""
    # Extra validation of the params as a whole: returns (param name, reason) or None.
    validator: Callable[[dict], tuple[str, str] | None] | None = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def all_params(self) -> dict[str, str]:
        return {**COMMON_PARAMS, **self.params}


_REGISTRY: dict[str, CheckSpec] = {}


def register_check(name: str, *, params: dict[str, str] | None = None,
                   optional: tuple[str, ...] = (),
                   validator: Callable[[dict], tuple[str, str] | None] | None = None,
                   ) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` under ``name``; ``params`` maps each parameter it reads to a type.

    Every declared parameter must be given by the standard (no values live in Python) unless it
    is listed in ``optional``.
    """
    params = dict(params or {})
    for pname, ptype in params.items():
        if ptype not in PARAM_TYPES:
            raise ValueError(f"check {name}: parameter {pname} has unknown type {ptype!r}")

    def decorator(func: CheckFunc) -> CheckFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ValueError(f"check {name!r} registered twice")
        _REGISTRY[name] = CheckSpec(name, func, params, frozenset(optional), func.__module__,
                                    validator)
        return func

    return decorator


def _load_builtin() -> None:
    # Importing the category modules runs their @register_check decorators.
    from . import documents, evidence, filing, hearing, legal_basis, procedure, remedy, subject  # noqa: F401


def get_check(name: str) -> CheckSpec | None:
    _load_builtin()
    return _REGISTRY.get(name)


def available_checks() -> dict[str, CheckSpec]:
    _load_builtin()
    return dict(_REGISTRY)


# --------------------------------------------------------------------------- param validation

def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def param_type_error(ptype: str, value: Any) -> str | None:
    """None when ``value`` fits ``ptype``, else a short reason."""
    def bad(expected: str) -> str:
        return f"expected {expected}, got {type(value).__name__} {value!r}"

    if ptype == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else bad("an integer")
    if ptype == "number":
        return None if _is_number(value) else bad("a number")
    if ptype == "str":
        return None if isinstance(value, str) else bad("a string")
    if ptype == "bool":
        return None if isinstance(value, bool) else bad("true/false")
    if ptype == "date":
        if isinstance(value, _dt.date):
            return None
        if isinstance(value, str):
            try:
                _dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return bad("a date YYYY-MM-DD")
    if ptype.startswith("list[") and ptype.endswith("]"):
        if not isinstance(value, list):
            return bad("a list")
        inner = ptype[5:-1]
        for i, item in enumerate(value):
            err = param_type_error("map[any]" if inner == "map" else inner, item)
            if err:
                return f"item {i}: {err}"
        return None
    if ptype == "map[any]":
        return None if isinstance(value, dict) else bad("a mapping")
    if ptype.startswith("map[") and ptype.endswith("]"):
        if not isinstance(value, dict):
            return bad("a mapping")
        inner = ptype[4:-1]
        for key, item in value.items():
            if not isinstance(key, str):
                return f"key {key!r}: expected a string key"
            err = param_type_error(inner, item)
            if err:
                return f"{key}: {err}"
        return None
    return f"unknown parameter type {ptype}"


def as_date(value: Any) -> _dt.date:
    """Dates in params may be YAML dates or ISO strings."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value))
