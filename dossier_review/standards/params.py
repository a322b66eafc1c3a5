"""The types a check parameter may have in a standard, and the test of a value against one.

Shared by the check registry (a check declares its parameters' types) and the loader (a
standard's values are tested against them), so neither needs the other.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

PARAM_TYPES = (
    "int", "number", "str", "bool", "date",
    "list[str]", "list[int]", "list[number]", "list[list[str]]", "list[map]",
    "map[number]", "map[str]", "map[list[str]]", "map[list[int]]", "map[list[list[str]]]",
)


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
