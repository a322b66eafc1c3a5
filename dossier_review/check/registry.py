"""The registry of check functions, keyed by name (spaCy-style ``@register_check("…")``).

A leaf: it imports none of the rule modules.  They register themselves when the ``check``
package imports them (as spaCy's ``registry`` is filled by the modules that use it), and the
standard loader is handed ``CATALOG`` to validate a standard against what is registered.

A check is ``func(facts, params) -> list[Finding]``.  The rule that uses it (code, category,
points, basis, fix) lives in the standard's YAML; the registry only knows the function, the
parameters it reads and their types, so that a standard file can be validated before anything
runs (unknown check, unknown or ill-typed parameter → ``StandardFileError`` with a line).
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable

from ..model import Facts, Finding
from ..standards.params import PARAM_TYPES, as_date, param_type_error  # noqa: F401 - re-exported

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


def get_check(name: str) -> CheckSpec | None:
    return _REGISTRY.get(name)


def available_checks() -> dict[str, CheckSpec]:
    return dict(_REGISTRY)


class _Catalog:
    """The registry as the standard loader reads it (``standards.loader.CheckCatalog``)."""
    common_params = COMMON_PARAMS
    optional_common = OPTIONAL_COMMON

    @staticmethod
    def get(name: str) -> CheckSpec | None:
        return _REGISTRY.get(name)


# Handed to ``load_standard``; filled as the rule modules are imported (``check/__init__``).
CATALOG = _Catalog()
