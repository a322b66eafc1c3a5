"""Turn findings into a score and a grade, exactly as the standard file says.

1. Only firm findings count; needs_human findings deduct nothing (their would-be cost is in
   their message) but set ``Review.needs_human``.
2. Item (rule) deduction: a rule's points once however many findings it has, or per finding
   when ``per_instance``; never more than ``max_points`` (扣完为止，不计负分).
3. Category: the sum of its items, at most its budget less the floor (a category cannot go
   below ``category_floor``).
4. Score = the categories' scores; grade from the thresholds.
5. A firm veto finding: ``fail_and_zero`` → score 0 and the veto grade; ``bar_excellent`` →
   the score stands but the barred grade (优秀) is lowered to the next one.
"""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict

from .. import __version__
from ..model import CategoryScore, Facts, Finding, Review
from ..standards import Standard


def item_deductions(findings: list[Finding], standard: Standard) -> dict[str, float]:
    """Deduction per rule code, after the item cap, from firm findings."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if not f.needs_human:
            by_code[f.code].append(f)
    out: dict[str, float] = {}
    for code, found in by_code.items():
        rule = standard.rule(code)
        if rule is None:
            # A finding from outside this standard (e.g. re-scored under another one) is
            # counted once at its own points.
            out[code] = max(f.points for f in found)
            continue
        raw = sum(f.points for f in found) if rule.per_instance else max(f.points for f in found)
        cap = rule.item_cap
        out[code] = min(raw, cap) if cap is not None else raw
    return out


def category_scores(findings: list[Finding], standard: Standard) -> list[CategoryScore]:
    items = item_deductions(findings, standard)
    per_cat: dict[str, float] = defaultdict(float)
    for code, amount in items.items():
        rule = standard.rule(code)
        cat = rule.category if rule else next((f.category for f in findings if f.code == code), "")
        per_cat[cat] += amount
    out = []
    for key, cat in standard.categories.items():
        room = max(0.0, cat.budget - standard.category_floor)
        deducted = min(per_cat.get(key, 0.0), room)
        out.append(CategoryScore(category=key, name=cat.name, budget=cat.budget,
                                 deducted=round(deducted, 2), score=round(cat.budget - deducted, 2)))
    return out


def grade(score_value: float, vetoed: bool, standard: Standard) -> tuple[float, str]:
    g = standard.grade_for(score_value)
    if not vetoed:
        return score_value, g
    if standard.veto_effect == "fail_and_zero":
        return 0.0, standard.veto_grade
    # bar_excellent: the grade may not be the barred one; take the next lower grade.
    if g == standard.barred_grade:
        names = [x.name for x in standard.grades] + [standard.fail_grade]
        g = names[names.index(g) + 1]
    return score_value, g


def score(facts: Facts, findings: list[Finding], standard: Standard) -> Review:
    """The Review of one dossier under ``standard``."""
    cats = category_scores(findings, standard)
    total = round(sum(c.score for c in cats), 2)
    vetoed = any(f.veto and not f.needs_human for f in findings)
    total, grade_name = grade(total, vetoed, standard)
    return Review(
        dossier=facts.dossier,
        sources=list(getattr(facts, "sources", []) or []),
        page_count=facts.page_count,
        procedure=facts.procedure,
        pages=[p.to_dict() for p in facts.pages],
        documents=[{"type": d.type, "title": d.title, "first_page": d.first_page,
                    "last_page": d.last_page} for d in facts.documents],
        facts=facts.to_dict(),
        findings=list(findings),
        score=total,
        grade=grade_name,
        vetoed=vetoed,
        standard=standard.name,
        categories=cats,
        needs_human=any(f.needs_human for f in findings),
        generated_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        tool_version=__version__,
    )
