"""Evaluation standards (案卷评查标准) as YAML files, loaded into a validated ``Standard``.

A name resolves to ``<name>.yaml`` in the repository's ``scoring_rules/`` (a checkout), then in
the package's ``dossier_review/standards/`` (an installed tool).  In the repository the
package folder holds the files and ``scoring_rules`` is a relative symlink to it, so both are
one set of files.

A standard may ``extends: <other standard>``: top-level keys it gives replace the base's, except
``rules`` and ``check_defaults``, which merge entry by entry (a rule's ``params`` merge key by
key; ``<code>: null`` drops an inherited rule).

Every error names the file and the YAML line: syntax errors, unknown keys, unknown check
function, a rule without points or veto, an unknown category, budgets that do not add up to the
total, parameters of the wrong type or missing.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Mapping, Optional, Protocol

import yaml

from ..errors import StandardFileError
from .params import param_type_error
from .types import OCR_DOUBT, PROCEDURES, VETO_EFFECTS, Category, Grade, Rule, Standard

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = Path(__file__).resolve().parents[2] / "scoring_rules"
# applies_to may name this scope besides the procedures: the rule also applies to one document
# handed in alone (DEFECTS.md "Scope")
SCOPES = ("document",)
_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


# --------------------------------------------------------------------------- YAML with lines


class LDict(dict):
    """A mapping that remembers the file and line of itself and of each key."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.where: tuple[str, int] = ("", 0)
        self.key_where: dict[Any, tuple[str, int]] = {}


class LList(list):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.where: tuple[str, int] = ("", 0)
        self.item_where: list[tuple[str, int]] = []


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parses 10x faster
    source_path = ""


def _construct_mapping(loader: _Loader, node):
    loader.flatten_mapping(node)
    out = LDict()
    out.where = (loader.source_path, node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in out:
            raise StandardFileError(loader.source_path, f"duplicate key {key!r}", line)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_where[key] = (loader.source_path, line)
    return out


def _construct_sequence(loader: _Loader, node):
    out = LList()
    out.where = (loader.source_path, node.start_mark.line + 1)
    for item in node.value:
        out.append(loader.construct_object(item, deep=True))
        out.item_where.append((loader.source_path, item.start_mark.line + 1))
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _read_yaml(path: Path) -> LDict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StandardFileError(path, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise StandardFileError(path, "not UTF-8 text") from None
    loader = _Loader(text)
    loader.source_path = str(path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = f"YAML syntax error: {exc.problem or exc.context}"
        raise StandardFileError(path, reason, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise StandardFileError(path, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(data, LDict):
        raise StandardFileError(path, "a standard is a YAML mapping (name, total, categories, rules…)", 1)
    return data


# --------------------------------------------------------------------------- resolution


def standard_dirs() -> list[Path]:
    dirs = []
    for d in (REPO_DIR, PACKAGE_DIR):
        if d.is_dir() and d.resolve() not in [x.resolve() for x in dirs]:
            dirs.append(d)
    return dirs


def available_standards() -> list[str]:
    names = []
    for d in standard_dirs():
        for p in sorted(d.glob("*.yaml")):
            if p.stem not in names:
                names.append(p.stem)
    return names


def resolve(name_or_path: str, relative_to: Optional[Path] = None) -> Path:
    text = str(name_or_path)
    candidate = Path(text).expanduser()
    looks_like_path = "/" in text or "\\" in text or candidate.suffix in (".yaml", ".yml")
    if looks_like_path:
        if not candidate.is_absolute() and relative_to is not None:
            near = relative_to.parent / candidate
            if near.is_file():
                return near
        if candidate.is_file():
            return candidate
        raise StandardFileError(text, "找不到评查标准文件")
    if relative_to is not None:
        near = relative_to.parent / f"{text}.yaml"
        if near.is_file():
            return near
    for d in standard_dirs():
        p = d / f"{text}.yaml"
        if p.is_file():
            return p
    known = "、".join(available_standards()) or "无"
    raise StandardFileError(text, f"未知的评查标准（可用：{known}）")


# --------------------------------------------------------------------------- merge (extends)


def _layered(base: LDict, where: tuple[str, int], key_where: dict | None = None) -> LDict:
    """A copy of ``base`` that stands at ``where``: its keys keep their places unless ``key_where``
    (the places of the keys a child file sets) names them."""
    out = LDict(base)
    out.where = where
    out.key_where = {**base.key_where, **(key_where or {})}
    return out


def _merge_rule(base: LDict, child: LDict) -> LDict:
    out = _layered(base, child.where)
    for key, value in child.items():
        if key == "params" and isinstance(value, dict) and isinstance(base.get("params"), dict):
            params = _layered(base["params"], value.where if isinstance(value, LDict) else base["params"].where,
                              getattr(value, "key_where", {}))
            params.update(value)
            out["params"] = params
        else:
            out[key] = value
        out.key_where[key] = child.key_where.get(key, child.where)
    return out


def _load_tree(path: Path, chain: tuple[Path, ...] = ()) -> LDict:
    data = _read_yaml(path)
    if "extends" not in data:
        return data
    parent_name = data["extends"]
    if not isinstance(parent_name, str):
        _fail(data, "extends", "extends names a standard (a string)")
    parent_path = resolve(parent_name, relative_to=path)
    if parent_path.resolve() in chain or parent_path.resolve() == path.resolve():
        _fail(data, "extends", f"circular extends: {parent_name}")
    base = _load_tree(parent_path, chain + (path.resolve(),))
    merged = _layered(base, data.where)
    for key, value in data.items():
        if key == "rules" and isinstance(value, dict) and isinstance(base.get("rules"), dict):
            rules = _layered(base["rules"], value.where)
            for code, rule in value.items():
                rules.key_where[code] = value.key_where[code]
                if rule is None:
                    rules.pop(code, None)
                elif isinstance(rule, LDict) and isinstance(rules.get(code), LDict):
                    rules[code] = _merge_rule(rules[code], rule)
                else:
                    rules[code] = rule
            merged["rules"] = rules
        elif key == "check_defaults" and isinstance(value, dict) and isinstance(base.get(key), dict):
            cd = _layered(base[key], value.where, value.key_where)
            cd.update(value)
            merged[key] = cd
        else:
            merged[key] = value
        merged.key_where[key] = data.key_where[key]
    merged["extends"] = str(parent_path)
    if "name" not in data:
        merged["name"] = path.stem
    return merged


# --------------------------------------------------------------------------- validation


def _fail(container, key, reason: str):
    """Raise at ``key`` of ``container`` (its own line when key is None or unknown)."""
    where = None
    if key is not None:
        if isinstance(container, LDict):
            where = container.key_where.get(key)
        elif isinstance(container, LList) and isinstance(key, int) and key < len(container.item_where):
            where = container.item_where[key]
    if where is None:
        where = getattr(container, "where", ("", 0))
    raise StandardFileError(where[0] or "<standard>", reason, where[1] or None)


def _number(container, key, *, minimum: float | None = 0.0) -> float:
    value = container.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        _fail(container, key, f"{key} must be a number, got {value!r}")
    if minimum is not None and value < minimum:
        _fail(container, key, f"{key} must be ≥ {minimum:g}, got {value!r}")
    return float(value)


def _string(container, key, *, required=True, default="") -> str:
    if key not in container:
        if required:
            _fail(container, None, f"missing key {key!r}")
        return default
    value = container[key]
    if not isinstance(value, str) or (required and not value.strip()):
        _fail(container, key, f"{key} must be a non-empty string, got {value!r}")
    return value


def _mapping(container, key, *, required=True) -> LDict:
    if key not in container:
        if required:
            _fail(container, None, f"missing key {key!r}")
        return LDict()
    value = container[key]
    if not isinstance(value, dict):
        _fail(container, key, f"{key} must be a mapping, got {type(value).__name__}")
    return value


def _only_keys(container: LDict, allowed, what: str):
    for key in container:
        if key not in allowed:
            _fail(container, key, f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})")


_TOP_KEYS = ("name", "title", "description", "extends", "total", "categories", "category_floor",
             "grades", "veto", "check_defaults", "rules")
_RULE_KEYS = ("title", "check", "category", "points", "veto", "per_instance", "max_points", "basis",
              "fix", "applies_to", "params", "ocr_doubt", "absorbs")


class CheckCatalog(Protocol):
    """What the loader needs of a check registry (the check stage hands its own in).

    ``get(name)`` returns a spec with ``params`` (name → type), ``optional``, ``all_params()``
    and ``validator``, or None; ``common_params`` are the ``check_defaults`` every check reads,
    ``optional_common`` those a standard may leave out.
    """
    common_params: Mapping[str, str]
    optional_common: tuple[str, ...]

    def get(self, name: str) -> Any: ...


def _validate(data: LDict, path: Path, checks: CheckCatalog) -> Standard:
    COMMON_PARAMS, OPTIONAL_COMMON = checks.common_params, checks.optional_common
    get_check = checks.get

    _only_keys(data, _TOP_KEYS, "the standard")
    name = _string(data, "name")
    title = _string(data, "title", required=False, default=name)
    total = _number(data, "total")
    if total <= 0:
        _fail(data, "total", "total must be positive")

    cats_node = _mapping(data, "categories")
    if not cats_node:
        _fail(data, "categories", "categories is empty")
    categories: dict[str, Category] = {}
    for key, spec in cats_node.items():
        if not isinstance(spec, dict):
            _fail(cats_node, key, f"category {key}: give {{name, budget}}")
        _only_keys(spec, ("name", "budget"), f"category {key}")
        budget = _number(spec, "budget") if "budget" in spec else _fail(spec, None, f"category {key}: missing budget")
        categories[key] = Category(key, _string(spec, "name", required=False, default=key), budget)
    budget_sum = sum(c.budget for c in categories.values())
    if abs(budget_sum - total) > 1e-6:
        listing = " + ".join(f"{c.key} {c.budget:g}" for c in categories.values())
        _fail(data, "categories", f"category budgets add up to {budget_sum:g} ({listing}), not the total {total:g}")
    floor = _number(data, "category_floor") if "category_floor" in data else 0.0

    grades_node = _mapping(data, "grades")
    _only_keys(grades_node, ("levels", "fail", "unsourced_default"), "grades")
    levels = grades_node.get("levels")
    if not isinstance(levels, list) or not levels:
        _fail(grades_node, "levels" if "levels" in grades_node else None,
              "grades.levels must be a list of {name, min}")
    grades: list[Grade] = []
    for i, lv in enumerate(levels):
        if not isinstance(lv, dict):
            _fail(levels, i, "each grade level is {name, min}")
        _only_keys(lv, ("name", "min"), "a grade level")
        g = Grade(_string(lv, "name"), _number(lv, "min") if "min" in lv else _fail(lv, None, "grade level without min"))
        if g.min > total:
            _fail(lv, "min", f"grade {g.name} needs {g.min:g}, more than the total {total:g}")
        if grades and g.min >= grades[-1].min:
            _fail(lv, "min", "grade levels are listed from the highest threshold down")
        grades.append(g)
    fail_grade = _string(grades_node, "fail")
    unsourced = grades_node.get("unsourced_default", False)
    if not isinstance(unsourced, bool):
        _fail(grades_node, "unsourced_default", "unsourced_default is true or false")

    veto_node = _mapping(data, "veto")
    _only_keys(veto_node, ("effect", "grade", "barred_grade"), "veto")
    effect = _string(veto_node, "effect")
    if effect not in VETO_EFFECTS:
        _fail(veto_node, "effect", f"veto effect {effect!r} is not one of {', '.join(VETO_EFFECTS)}")
    veto_grade = _string(veto_node, "grade", required=False, default=fail_grade)
    grade_names = [g.name for g in grades] + [fail_grade]
    if veto_grade not in grade_names:
        _fail(veto_node, "grade", f"veto grade {veto_grade!r} is not a grade of this standard")
    barred = None
    if effect == "bar_excellent":
        barred = _string(veto_node, "barred_grade", required=False, default=grades[0].name)
        if barred not in grade_names:
            _fail(veto_node, "barred_grade", f"barred grade {barred!r} is not a grade of this standard")

    defaults_node = _mapping(data, "check_defaults")
    for key, value in defaults_node.items():
        if key not in COMMON_PARAMS:
            _fail(defaults_node, key, f"unknown check default {key!r} (known: {', '.join(COMMON_PARAMS)})")
        err = param_type_error(COMMON_PARAMS[key], value)
        if err:
            _fail(defaults_node, key, f"check default {key}: {err}")
    missing_defaults = [k for k in COMMON_PARAMS if k not in defaults_node and k not in OPTIONAL_COMMON]
    if missing_defaults:
        _fail(data, "check_defaults" if "check_defaults" in data else None,
              f"check_defaults must give {', '.join(missing_defaults)}")

    rules_node = _mapping(data, "rules")
    rules: list[Rule] = []
    for code, spec in rules_node.items():
        if not isinstance(code, str) or not _CODE.match(code):
            _fail(rules_node, code, f"rule code {code!r} is not of the form prefix.slug")
        if not isinstance(spec, dict):
            _fail(rules_node, code, f"rule {code}: expected a mapping")
        if isinstance(spec, LDict) and code in rules_node.key_where:
            spec.where = rules_node.key_where[code]  # rule-level errors point at the rule's code
        _only_keys(spec, _RULE_KEYS, f"rule {code}")
        check_name = _string(spec, "check", required=False, default=code)
        check = get_check(check_name)
        if check is None:
            _fail(spec, "check" if "check" in spec else None, f"rule {code}: unknown check function {check_name!r}")
        category = _string(spec, "category") if "category" in spec else _fail(spec, None, f"rule {code}: missing category")
        if category not in categories:
            _fail(spec, "category", f"rule {code}: unknown category {category!r} (known: {', '.join(categories)})")
        if "points" not in spec and "veto" not in spec:
            _fail(spec, None, f"rule {code}: give points or veto")
        points = _number(spec, "points") if "points" in spec else 0.0
        veto = spec.get("veto", False)
        if not isinstance(veto, bool):
            _fail(spec, "veto", f"rule {code}: veto is true or false")
        if not veto and points == 0 and "points" not in spec:
            _fail(spec, None, f"rule {code}: give points or veto: true")
        per_instance = spec.get("per_instance", False)
        if not isinstance(per_instance, bool):
            _fail(spec, "per_instance", f"rule {code}: per_instance is true or false")
        max_points = _number(spec, "max_points") if spec.get("max_points") is not None else None
        if max_points is not None and max_points < points:
            _fail(spec, "max_points", f"rule {code}: max_points {max_points:g} is below points {points:g}")
        # A deduction is capped by its category and the category by the total, so an item worth
        # more than either can never be deducted in full: a typo in the standard, not a weight.
        budget = categories[category].budget
        for key, value in (("points", points), ("max_points", max_points)):
            if value is not None and value > budget:
                _fail(spec, key, f"规则 {code}：{key} {value:g} 超过所属类别 {category} 的分值 {budget:g}"
                                 f"（总分 {total:g}）；一项扣分不能超过其类别")
        applies = spec.get("applies_to", ["general"])
        # "document": the rule also applies to one document handed in alone (DEFECTS.md "Scope")
        if not isinstance(applies, list) or not any(p in PROCEDURES for p in applies) \
                or any(p not in PROCEDURES + SCOPES for p in applies):
            _fail(spec, "applies_to", f"rule {code}: applies_to is a list of {', '.join(PROCEDURES)} "
                                      f"(and {', '.join(SCOPES)} for a rule that applies to a document alone)")
        ocr_doubt = spec.get("ocr_doubt")
        if ocr_doubt is not None and ocr_doubt not in OCR_DOUBT:
            _fail(spec, "ocr_doubt", f"rule {code}: ocr_doubt is one of {', '.join(OCR_DOUBT)}")
        absorbs = spec.get("absorbs", [])
        if not isinstance(absorbs, list) or any(not isinstance(a, str) or a == code for a in absorbs):
            _fail(spec, "absorbs", f"规则 {code}：absorbs 是其他规则代码的列表")
        params_node = _mapping(spec, "params", required=False)
        allowed = check.all_params()
        for pname, value in params_node.items():
            if pname not in allowed:
                _fail(params_node, pname, f"rule {code}: check {check_name} has no parameter {pname!r} "
                                          f"(parameters: {', '.join(check.params) or 'none'})")
            err = param_type_error(allowed[pname], value)
            if err:
                _fail(params_node, pname, f"rule {code}: parameter {pname}: {err}")
        missing = [p for p in check.params if p not in params_node and p not in check.optional]
        if missing:
            _fail(spec, "params" if "params" in spec else None,
                  f"rule {code}: check {check_name} needs parameter(s) {', '.join(missing)}")
        params = _plain(params_node)
        if check.validator:
            problem = check.validator({**_plain(defaults_node), **params})
            if problem:
                _fail(params_node, problem[0], f"rule {code}: parameter {problem[0]}: {problem[1]}")
        where = rules_node.key_where.get(code, rules_node.where)
        rules.append(Rule(
            code=code, check=check_name, category=category,
            title=_string(spec, "title", required=False, default=code),
            points=points, veto=veto, per_instance=per_instance, max_points=max_points,
            basis=_string(spec, "basis", required=False), fix=_string(spec, "fix", required=False),
            applies_to=tuple(applies), params=params, source=f"{where[0]}:{where[1]}",
            ocr_doubt=ocr_doubt, absorbs=tuple(absorbs)))
    if not rules:
        _fail(data, "rules", "the standard has no rules")
    known = {r.code for r in rules}
    for rule in rules:
        for other in rule.absorbs:
            if other not in known:
                _fail(rules_node[rule.code], "absorbs", f"规则 {rule.code}：absorbs 中的 {other} 不是本标准的规则")

    return Standard(
        name=name, title=title, total=total, categories=categories, grades=grades,
        fail_grade=fail_grade, veto_effect=effect, veto_grade=veto_grade, barred_grade=barred,
        rules=rules, check_defaults=_plain(defaults_node), category_floor=floor,
        unsourced_grades=unsourced, description=_string(data, "description", required=False),
        path=str(path), extends=data.get("extends"))


def _plain(value):
    """LDict/LList trees → plain dicts and lists (what checks receive)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_standard(name_or_path: str, checks: CheckCatalog) -> Standard:
    """Load a standard by name (``scoring_rules/<name>.yaml``) or by file path, and validate it
    against ``checks`` (the check stage's registry: check names, their parameters and types)."""
    path = resolve(name_or_path)
    return _validate(_load_tree(path), path, checks)
