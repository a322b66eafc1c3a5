"""check: run the rules of an evaluation standard over a dossier's facts.

Each rule of the standard (YAML) names a registered check function, its parameters, and what a
finding costs.  ``run_checks`` calls the check for every rule that applies to the file's
procedure (``applies_to``) and completes each finding with the rule's code, category, points,
basis and fix.  A finding the machine cannot decide (``needs_human``) carries no deduction; the
points it would cost are stated in its message.
"""
from __future__ import annotations

import logging
from typing import Any

from ..model import Facts, Finding
from ..standards import PROCEDURES, Standard, rule_rows

# Importing the rule modules runs their @register_check decorators: the registry is full once
# this package is imported, and the registry module itself imports none of them.
from . import (  # noqa: F401, I001 - imported for their registrations
    documents,
    evidence,
    filing,
    hearing,
    legal_basis,
    procedure,
    remedy,
    statutes,
    subject,
)
from . import reread as _reread
from .common import hit
from .registry import (  # noqa: I001
    CATALOG,
    COMMON_PARAMS,
    CheckSpec,
    available_checks,
    get_check,
    param_type_error,
    register_check,
)

__all__ = ["run_checks", "reading_requests", "unreadable", "list_rules", "explain", "register_check",
           "get_check", "CATALOG",
           "available_checks", "param_type_error", "COMMON_PARAMS", "CheckSpec"]

log = logging.getLogger(__name__)


def _procedure(facts: Facts) -> str:
    # An unknown procedure is judged as general: its rules are the stricter superset.
    return facts.procedure if facts.procedure in PROCEDURES else "general"


def _cost(rule) -> str:
    parts = []
    if rule.veto:
        parts.append("一票否决")
    if rule.points:
        each = "每处" if rule.per_instance else ""
        parts.append(f"{each}扣{rule.points:g}分")
    return "、".join(parts) or "不扣分"


def _complete(finding: Finding, rule) -> Finding:
    finding.code = rule.code
    finding.category = rule.category
    finding.basis = rule.basis
    if not finding.fix:
        finding.fix = rule.fix
    if finding.needs_human:
        finding.points = 0.0
        finding.veto = False
        finding.message = f"{finding.message}（待人工核实，暂不扣分；如属实：{_cost(rule)}）"
    else:
        finding.points = float(rule.points or 0.0)
        finding.veto = bool(rule.veto)
    return finding


def _ocr_doubt(finding: Finding, rule, facts: Facts, params: dict) -> Finding:
    """Turn a firm finding into needs_human when OCR may have caused it.

    "absence": a claim that something is not there (a date, a page number, a signature) is only as
    good as the reading of the page; on a scan the text may be under a seal or handwritten, so it
    is doubtful when every page it rests on was OCR'd.  "reading": a claim that rests on the exact
    characters read (two documents differ, a wrong term, unbalanced 《》) is doubtful as soon as one
    of its pages was OCR'd, since an OCR slip makes the same difference.  Which rules make such
    claims is data (``ocr_doubt`` in the standard), not code.

    A reading claim stands when every OCR'd character it rests on was read with a confidence of at
    least ``ocr_firm_confidence`` (standard parameter) and without a gap where one may have been
    lost (``Evidence.conf``, measured by the extractor); evidence without a measured confidence
    keeps the doubt.
    """
    if finding.needs_human or not rule.ocr_doubt or finding.ocr_weighed:
        return finding
    sources = {p.page: p.source for p in facts.pages}
    pages = [e.page for e in finding.evidence if e.page]
    ocr = [p for p in pages if sources.get(p) == "ocr"]
    firm = params.get("ocr_firm_confidence")
    unsure = [e.page for e in finding.evidence if sources.get(e.page) == "ocr"
              and (firm is None or e.conf is None or e.conf < firm)]
    doubtful = (rule.ocr_doubt == "absence" and pages and len(ocr) == len(pages)) or \
               (rule.ocr_doubt == "reading" and unsure)
    if doubtful:
        finding.needs_human = True
        finding.ocr_gated = rule.ocr_doubt == "reading"
        where = "、".join(str(p) for p in sorted(set(ocr))[:6])
        finding.message = f"{finding.message}（第{where}页为扫描件识别结果，可能系识别误差）"
    return finding


def run_checks(facts: Facts, standard, *, strict: bool = False) -> list[Finding]:
    """Findings of every rule of ``standard`` that applies to ``facts``' procedure.

    A check that raises does not stop the review: its rule yields one needs_human finding that
    says so (``strict=True`` re-raises instead, for tests and debugging).
    """
    proc = _procedure(facts)
    alone = getattr(facts, "scope", "dossier") == "document"
    findings: list[Finding] = []
    for rule in standard.rules:
        if proc not in rule.applies_to:
            continue
        if alone and "document" not in rule.applies_to:
            continue   # a document handed in alone: nothing about documents never handed in
        spec = get_check(rule.check)
        if spec is None:  # load_standard rejects this; a hand-built Standard might not
            raise KeyError(f"rule {rule.code}: unknown check {rule.check!r}")
        params = {**standard.check_defaults, **rule.params}
        try:
            found = spec.func(facts, params)
        except Exception as exc:  # noqa: BLE001 - one broken check must not lose the review
            if strict:
                raise
            log.exception("check %s failed on %s", rule.check, facts.dossier)
            found = [hit(f"自动检查出错（{type(exc).__name__}: {exc}），本项未能判断，需人工核实", needs_human=True)]
        findings.extend(_complete(_weigh_reading(f, rule, facts, params), rule) for f in found)
    return findings


def _weigh_reading(finding: Finding, rule, facts: Facts, params: dict) -> Finding:
    """A reading claim with a second opinion (``reread``): confirmed → it stands without the
    confidence gate; contradicted → a human compares the two readings; none → the gate."""
    doubt, finding.doubt = finding.doubt, None
    if finding.second_confirmed:
        return finding   # the anomaly stands in the second engine's reading too
    if (rule.ocr_doubt == "reading" or doubt) and not finding.needs_human:
        same, why = _reread.verdict(facts, finding)
        if same is True:
            return finding
        if same is False:
            finding.needs_human = True
            finding.message = f"{finding.message}（{why}）"
            return finding
        if doubt:
            # a misreading explains the anomaly and no second reading settled it
            finding.needs_human = finding.ocr_gated = True
            finding.message = f"{finding.message}；{doubt}"
            return finding
    return _ocr_doubt(finding, rule, facts, params)


def reading_requests(facts: Facts, findings: list[Finding], standard) -> list[tuple[int, list[float]]]:
    """(page, box in page fractions) of the OCR'd lines that the findings of reading rules rest
    on: what the pipeline asks a second engine to re-read before judging again."""
    codes = {r.code for r in standard.rules if r.ocr_doubt == "reading"}
    return _reread.reread_requests(facts, findings, codes)


def unreadable(facts: Facts, standard: Standard) -> list[int]:
    """Pages too poorly read to trust under ``standard`` (its ``low_confidence``)."""
    from .common import unreadable_pages

    return unreadable_pages(facts, standard.check_defaults)


def list_rules(standard: Standard) -> list[dict[str, Any]]:
    """One dict per rule of ``standard``, in the file's order (for ``dossier-review rules``)."""
    return rule_rows(standard)


def _format_params(params: dict) -> list[str]:
    lines = []
    for key, value in params.items():
        text = repr(value) if not isinstance(value, str) else value
        if len(text) > 160:
            text = text[:157] + "..."
        lines.append(f"  {key}: {text}")
    return lines


# what a rule's ocr_doubt adds to the check's own 【何时转人工】 (see _ocr_doubt)
_OCR_DOUBT_NOTE = {
    "absence": "所依页面全部为扫描识别结果时，“未见”类问题转人工",
    "reading": "所依文字有一处扫描识别置信度低于参数 ocr_firm_confidence 或未测得置信度时转人工",
}


def explain(code: str, standard: Standard) -> str:
    """The rule's documentation (what / why / example / fix / when it asks a human) with the
    standard's points, basis and OCR doubt.

    ``code`` is a rule code of ``standard``, or a check name.
    """
    rule = next((r for r in standard.rules if r.code == code), None)
    spec = get_check(rule.check if rule else code)
    if rule is None and spec is None:
        known = ", ".join(r.code for r in standard.rules)
        raise KeyError(f"unknown rule or check {code!r} in standard {standard.name!r}; known: {known}")
    lines = []
    if rule:
        cat = standard.categories.get(rule.category)
        lines += [
            f"{rule.code}  {rule.title}",
            f"标准 standard: {standard.name}（{standard.title}）",
            f"类别 category: {rule.category}（{cat.name if cat else rule.category}）",
            f"分值 points: {_cost(rule)}" + (f"，本项最多扣{rule.max_points:g}分" if rule.max_points else ""),
            f"依据 basis: {rule.basis}",
            f"适用 applies to: {', '.join(rule.applies_to)}",
            f"检查函数 check: {rule.check}",
        ]
        if rule.params:
            lines.append("参数 params:")
            lines += _format_params(rule.params)
        if rule.ocr_doubt:
            lines.append(f"扫描件 ocr_doubt: {rule.ocr_doubt}（{_OCR_DOUBT_NOTE.get(rule.ocr_doubt, '')}）")
        lines.append(f"整改 fix: {rule.fix}")
        lines.append("")
    else:
        lines += [f"check {code} (not a rule of standard {standard.name})", ""]
    lines.append(spec.doc if spec else "")
    return "\n".join(lines).rstrip() + "\n"
