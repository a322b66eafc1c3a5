"""Turn a Review (its JSON form) into the plain rows the HTML and DOCX reports lay out.

Working from the JSON form rather than the dataclasses means a report can be rebuilt from a
stored ``<name>.json`` or a store row without re-running anything.
"""
from __future__ import annotations

from typing import Any

from . import labels as L


def _as_dict(review: Any) -> dict:
    return review if isinstance(review, dict) else review.to_dict()


def _pages_range(first: Any, last: Any) -> str:
    if not first:
        return "—"
    return f"P.{first}" if not last or last == first else f"P.{first}–{last}"


def category_rows(r: dict) -> list[dict]:
    cats = r.get("categories") or []
    if cats:
        return [
            {
                "code": c.get("category"),
                "name": c.get("name") or L.CATEGORY_NAMES.get(c.get("category"), c.get("category")),
                "budget": c.get("budget"),
                "deducted": c.get("deducted"),
                "score": c.get("score"),
            }
            for c in cats
        ]
    # A review without category scores (an older or foreign JSON): show the raw deductions.
    sums: dict[str, float] = {}
    for f in r.get("findings") or []:
        if not f.get("needs_human") and not f.get("veto"):
            sums[f["category"]] = sums.get(f["category"], 0.0) + float(f.get("points") or 0)
        else:
            sums.setdefault(f["category"], 0.0)
    return [
        {"code": k, "name": L.CATEGORY_NAMES.get(k, k), "budget": None, "deducted": v, "score": None}
        for k, v in sums.items()
    ]


def finding_rows(r: dict) -> list[dict]:
    rows = []
    for i, f in enumerate(r.get("findings") or [], 1):
        ev = [
            {"page": e.get("page"), "quote": L.short_quote(e.get("quote", ""), 400),
             "text": L.evidence_text(e, 400)}
            for e in f.get("evidence") or []
        ]
        rows.append({
            "no": i,
            "code": f.get("code", ""),
            "category": f.get("category", ""),
            "points": f.get("points") or 0,
            "veto": bool(f.get("veto")),
            "needs_human": bool(f.get("needs_human")),
            "points_text": L.points_text(f.get("points") or 0, bool(f.get("veto")),
                                         bool(f.get("needs_human"))),
            "message": f.get("message", ""),
            "fix": f.get("fix", ""),
            "basis": f.get("basis", ""),
            "evidence": ev,
            "pages": L.evidence_pages(f.get("evidence") or []),
        })
    return rows


def finding_groups(r: dict) -> list[dict]:
    """Findings under their categories, in the standard's category order."""
    cats = category_rows(r)
    order = [c["code"] for c in cats]
    rows = finding_rows(r)
    for row in rows:
        if row["category"] not in order:
            order.append(row["category"])
    groups = []
    for code in order:
        items = [row for row in rows if row["category"] == code]
        if not items:
            continue
        groups.append({"code": code, "name": L.category_name(code, r.get("categories") or []),
                       "findings": items})
    return groups


def document_rows(r: dict) -> list[dict]:
    """Documents as segmented, with what extraction read from each (for spotting misreadings)."""
    facts = r.get("facts") or {}
    by_index = {}
    for d in facts.get("documents") or []:
        by_index[(d.get("type"), d.get("first_page"), d.get("last_page"))] = d
    rows = []
    for doc in r.get("documents") or []:
        key = (doc.get("type"), doc.get("first_page"), doc.get("last_page"))
        df = by_index.get(key, {})
        notes = []
        if df.get("doc_number"):
            notes.append(f"文号 {df['doc_number']}")
        if df.get("date"):
            notes.append(f"落款日期 {df['date']}")
        if df.get("authority"):
            notes.append(f"机关 {df['authority']}")
        if df.get("start_time") or df.get("end_time"):
            notes.append(f"时间 {df.get('start_time') or '?'} 至 {df.get('end_time') or '?'}")
        officers = [o.get("name") for o in df.get("officers") or [] if o.get("name")]
        if officers:
            notes.append("执法人员 " + "、".join(officers))
        if df.get("seal") is not None:
            notes.append("有印章" if df["seal"] else "未见印章")
        if df.get("party_signed") is not None:
            notes.append("当事人已签名" if df["party_signed"] else "未见当事人签名")
        if df.get("penalties"):
            notes.append("处罚种类 " + "、".join(df["penalties"]))
        rows.append({
            "type": doc.get("type"),
            "type_name": L.doc_type_name(doc.get("type", "")),
            "title": doc.get("title") or "",
            "pages": _pages_range(doc.get("first_page"), doc.get("last_page")),
            "confidence": doc.get("confidence"),
            "notes": "；".join(notes),
        })
    return rows


def fact_rows(r: dict) -> dict:
    facts = r.get("facts") or {}
    party = facts.get("party") or {}
    party_rows = [
        ("名称/姓名", party.get("name")),
        ("类型", {"organisation": "单位", "individual": "个人"}.get(party.get("kind"), party.get("kind"))),
        ("统一社会信用代码/身份证号", party.get("id_number")),
        ("住所/地址", party.get("address")),
        ("法定代表人/负责人", party.get("representative")),
    ]
    officers = [
        {"name": o.get("name", ""), "certificate": o.get("certificate") or "—", "page": o.get("page") or ""}
        for o in facts.get("officers") or []
    ]
    # Dates by role: the dossier-level first date, with every dated mention found in documents
    # so a wrong pick is visible next to the alternatives.
    mentions: dict[str, list[str]] = {}
    for d in facts.get("documents") or []:
        for df in d.get("dates") or []:
            mentions.setdefault(df.get("role", "other"), []).append(
                f"P.{df.get('page')} {df.get('date')}" + (f" {df['time']}" if df.get("time") else ""))
    dates = []
    roles = list(facts.get("dates") or {})
    roles += [k for k in mentions if k not in roles]
    for role in roles:
        dates.append({
            "role": L.DATE_ROLE_NAMES.get(role, role),
            "date": (facts.get("dates") or {}).get(role) or "—",
            "mentions": "；".join(mentions.get(role, [])[:6]),
        })
    amounts = []
    if facts.get("fine_yuan") is not None:
        amounts.append({"role": "罚款（认定）", "value": L.yuan_text(facts["fine_yuan"]), "where": ""})
    if facts.get("confiscation_yuan") is not None:
        amounts.append({"role": "没收（认定）", "value": L.yuan_text(facts["confiscation_yuan"]), "where": ""})
    seen = set()
    for d in facts.get("documents") or []:
        for a in d.get("amounts") or []:
            # a figure repeated in words and figures on one page is one reading, not several
            key = (a.get("role"), a.get("yuan"), a.get("page"))
            if key in seen:
                continue
            seen.add(key)
            amounts.append({
                "role": L.AMOUNT_ROLE_NAMES.get(a.get("role"), a.get("role")),
                "value": L.yuan_text(a.get("yuan")),
                "where": f"P.{a.get('page')} 「{L.short_quote(a.get('quote', ''), 80)}」",
            })
    citations = [
        {
            "text": L.citation_text(c),
            "role": L.CITATION_ROLE_NAMES.get(c.get("role"), c.get("role")),
            "where": f"P.{c.get('page')}" if c.get("page") else "",
            "quote": L.short_quote(c.get("quote", ""), 120),
        }
        for c in facts.get("citations") or []
    ]
    return {"party": party_rows, "officers": officers, "dates": dates, "amounts": amounts,
            "citations": citations}


def build_context(review: Any) -> dict:
    r = _as_dict(review)
    facts = r.get("facts") or {}
    low = L.low_confidence_pages(r.get("pages") or [], r.get("unreadable_pages") or [])
    firm = [f for f in r.get("findings") or [] if not f.get("needs_human")]
    return {
        "r": r,
        "dossier": r.get("dossier", ""),
        "score": r.get("score"),
        "grade": r.get("grade", ""),
        "vetoed": bool(r.get("vetoed")),
        "standard": r.get("standard", ""),
        "needs_human": bool(r.get("needs_human")) or any(f.get("needs_human") for f in r.get("findings") or []),
        "procedure": L.PROCEDURE_NAMES.get(r.get("procedure"), r.get("procedure") or ""),
        "page_count": r.get("page_count"),
        "sources": r.get("sources") or [],
        "generated_at": r.get("generated_at") or "",
        "tool_version": r.get("tool_version") or "",
        "case_number": L.case_number(facts),
        "agency": L.agency(facts),
        "party_name": (facts.get("party") or {}).get("name") or "",
        "categories": category_rows(r),
        "groups": finding_groups(r),
        "findings": finding_rows(r),
        "firm_count": len(firm),
        "human_count": len(r.get("findings") or []) - len(firm),
        "veto_codes": [f["code"] for f in r.get("findings") or [] if f.get("veto") and not f.get("needs_human")],
        "documents": document_rows(r),
        "facts": fact_rows(r),
        "low_pages": [
            {"page": p.get("page"), "source": L.SOURCE_NAMES.get(p.get("source"), p.get("source")),
             "confidence": p.get("confidence")}
            for p in low
        ],
    }
