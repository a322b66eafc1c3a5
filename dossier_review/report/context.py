"""Turn a Review (its JSON form) into the plain rows the HTML and DOCX reports lay out.

Working from the JSON form rather than the dataclasses means a report can be rebuilt from a
stored ``<name>.json`` or a store row without re-running anything.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from . import labels as L


def _as_dict(review: Any) -> dict:
    return review if isinstance(review, dict) else review.to_dict()


def _pages_range(first: Any, last: Any, amap: Optional[dict] = None) -> str:
    """A document's pages: 卷内第a–b页（PDF第x–y页）, or the PDF pages alone when unread."""
    amap = amap or {}
    if not first:
        return "—"
    if not last or last == first:
        return page_ref(first, amap.get(int(first)))
    a, b = amap.get(int(first)), amap.get(int(last))
    return f"卷内第{a}–{b}页（PDF第{first}–{last}页）" if a and b else f"PDF第{first}–{last}页"


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
    amap = archive_pages(r)
    for i, f in enumerate(r.get("findings") or [], 1):
        ev = [
            {"page": e.get("page"), "quote": L.short_quote(e.get("quote", ""), 400),
             "text": L.evidence_text(e, 400),
             "ref": page_ref(e.get("page"), e.get("archive_page") or amap.get(int(e.get("page") or 0)))}
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
            "basis": law_basis(f.get("basis", "")),
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
    amap = archive_pages(r)
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
            "pages": _pages_range(doc.get("first_page"), doc.get("last_page"), amap),
            "confidence": doc.get("confidence"),
            "notes": "；".join(notes),
        })
    return rows


def fact_rows(r: dict) -> dict:
    facts = r.get("facts") or {}
    amap = archive_pages(r)

    def at(page: Any) -> str:
        return page_ref(page, amap.get(int(page))) if page else ""

    party = facts.get("party") or {}
    party_rows = [
        ("名称/姓名", party.get("name")),
        ("类型", {"organisation": "单位", "individual": "个人"}.get(party.get("kind"), party.get("kind"))),
        ("统一社会信用代码/身份证号", party.get("id_number")),
        ("住所/地址", party.get("address")),
        ("法定代表人/负责人", party.get("representative")),
    ]
    officers = [
        {"name": o.get("name", ""), "certificate": o.get("certificate") or "—", "page": at(o.get("page"))}
        for o in facts.get("officers") or []
    ]
    # Dates by role: the dossier-level first date, with every dated mention found in documents
    # so a wrong pick is visible next to the alternatives.
    mentions: dict[str, list[str]] = {}
    for d in facts.get("documents") or []:
        for df in d.get("dates") or []:
            mentions.setdefault(df.get("role", "other"), []).append(
                f"{at(df.get('page'))} {df.get('date')}" + (f" {df['time']}" if df.get("time") else ""))
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
                "where": f"{at(a.get('page'))} 「{L.short_quote(a.get('quote', ''), 80)}」",
            })
    citations = [
        {
            "text": L.citation_text(c),
            "role": L.CITATION_ROLE_NAMES.get(c.get("role"), c.get("role")),
            "where": at(c.get("page")),
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
        "veto_titles": list(dict.fromkeys(f.get("message", "") for f in r.get("findings") or []
                                          if f.get("veto") and not f.get("needs_human"))),
        "documents": document_rows(r),
        "facts": fact_rows(r),
        "low_pages": [
            {"page": p.get("page"), "ref": page_ref(p.get("page"), p.get("archive_page")),
             "source": L.SOURCE_NAMES.get(p.get("source"), p.get("source")),
             "confidence": p.get("confidence")}
            for p in low
        ],
    }


# --------------------------------------------------------------------------- 一卷一表

_STANDARD_SOURCE = re.compile(r"评查|评分|计分|案卷标准|standards?\s*§|细则")
_LAW = re.compile(r"《[^》]+》")


def law_basis(text: str) -> str:
    """The law a finding rests on: the parts of ``basis`` that cite a statute (《…》 not a
    scoring standard).  A standard's own source is the standard's, named once in the header."""
    parts = [p.strip(" ；;，,。") for p in re.split(r"[；;]|\n", text or "")]
    keep = [p for p in parts if p and _LAW.search(p) and not _STANDARD_SOURCE.search(p)]
    return "；".join(dict.fromkeys(keep))


def archive_pages(r: dict) -> dict[int, int]:
    """PDF page → the 卷内页码 printed on it, for the pages where it was read."""
    out = {}
    for p in r.get("pages") or []:
        if isinstance(p, dict) and p.get("page") and p.get("archive_page"):
            out[int(p["page"])] = int(p["archive_page"])
    return out


def page_ref(page: Any, archive: Optional[int] = None) -> str:
    """Where to look: 卷内第12页（PDF第14页）; 全卷 for an absence (page 0)."""
    if not page:
        return "全卷"
    return f"卷内第{archive}页（PDF第{page}页）" if archive else f"PDF第{page}页"


def evidence_refs(f: dict, amap: dict[int, int], limit: int = 160) -> list[dict]:
    out = []
    for e in f.get("evidence") or []:
        page = e.get("page")
        archive = e.get("archive_page") or amap.get(int(page or 0))
        out.append({"ref": page_ref(page, archive), "quote": L.short_quote(e.get("quote", ""), limit)})
    return out


def _fmt(v: Optional[float]) -> str:
    return "" if v is None else f"{float(v):g}"


def _reason(f: dict, amap: dict[int, int], titles: dict[str, str]) -> str:
    refs = evidence_refs(f, amap, 60)
    where = "、".join(dict.fromkeys(x["ref"] for x in refs if x["ref"] != "全卷"))
    text = f.get("message", "")
    if where:
        text = text.rstrip("。") + f"。见{where}"
    if f.get("absorbed_by"):
        text += f"〔已计入“{titles.get(f['absorbed_by'], f['absorbed_by'])}”，不重复扣分〕"
    if f.get("needs_human") and "人工核实" not in text:
        text = "待人工核实：" + text
    return text


def item_rows(r: dict, standard: Any) -> list[dict]:
    """One row per item of the standard (一卷一表): 分值, 扣分, 得分 and the reasons.

    The deduction is the review's own (``items``, after caps and absorption) when recorded;
    an older review is re-added from its firm findings under the item's cap.
    """
    amap = archive_pages(r)
    if standard is None:
        return _finding_items(r, amap)
    findings = r.get("findings") or []
    titles = {rule.code: rule.title for rule in standard.rules}
    recorded = r.get("items")
    procedure = r.get("procedure") or "general"
    rows = []
    for no, rule in enumerate(standard.rules, 1):
        mine = [f for f in findings if f.get("code") == rule.code]
        firm = [f for f in mine if not f.get("needs_human") and not f.get("absorbed_by")]
        if isinstance(recorded, dict):
            ded = float(recorded.get(rule.code) or 0.0)
        else:
            raw = [float(f.get("points") or 0) for f in firm]
            ded = (sum(raw) if rule.per_instance else max(raw, default=0.0))
            if rule.item_cap is not None:
                ded = min(ded, rule.item_cap)
        cat = standard.categories.get(rule.category)
        applies = procedure in rule.applies_to
        if rule.veto:
            value, deducted, score = "否决", ("否决" if firm else ""), ""
        else:
            cap = rule.item_cap
            value = _fmt(cap) if cap is not None else f"每处{_fmt(rule.points)}"
            deducted = _fmt(ded) if ded else ""
            score = _fmt(max(0.0, cap - ded)) if cap is not None else ""
        reasons = [_reason(f, amap, titles) for f in mine]
        if not applies and not mine:
            reasons = [f"本案适用{L.PROCEDURE_NAMES.get(procedure, procedure)}，本项不适用"]
        rows.append({
            "no": no, "code": rule.code, "category": cat.name if cat else rule.category,
            "title": rule.title, "value": value, "deducted": deducted, "score": score,
            "deduction": 0.0 if rule.veto else ded, "veto": rule.veto, "hit": bool(firm),
            "human": any(f.get("needs_human") for f in mine), "reasons": reasons,
            "fix": rule.fix, "basis": law_basis(rule.basis),
        })
    return rows


def _finding_items(r: dict, amap: dict[int, int]) -> list[dict]:
    """Without the standard: one row per code found (its points as the review recorded them)."""
    rows: dict[str, dict] = {}
    for f in r.get("findings") or []:
        code = f.get("code", "")
        row = rows.setdefault(code, {
            "no": len(rows) + 1, "code": code, "category": L.category_name(f.get("category", ""),
                                                                         r.get("categories") or []),
            "title": f.get("message", ""), "value": "", "deducted": "", "score": "", "deduction": 0.0,
            "veto": bool(f.get("veto")), "hit": False, "human": False, "reasons": [],
            "fix": f.get("fix", ""), "basis": law_basis(f.get("basis", ""))})
        firm = not f.get("needs_human") and not f.get("absorbed_by")
        if firm:
            row["hit"] = True
            if row["veto"]:
                row["deducted"] = "否决"
            else:
                row["deduction"] = float((r.get("items") or {}).get(code, row["deduction"] + float(f.get("points") or 0)))
                row["deducted"] = _fmt(row["deduction"])
        row["human"] = row["human"] or bool(f.get("needs_human"))
        row["reasons"].append(_reason(f, amap, {}))
    return list(rows.values())


def quoted_evidence(r: dict, items: list[dict]) -> list[str]:
    """证据摘录: each quote of the file under its item, with 卷内页码 and PDF page."""
    amap = archive_pages(r)
    no = {i["code"]: i for i in items}
    out = []
    for f in r.get("findings") or []:
        item = no.get(f.get("code", ""))
        for e in evidence_refs(f, amap, 200):
            if e["quote"]:
                label = f"{item['no']}. {item['title']}" if item else f.get("message", "")
                out.append(f"{label}：{e['ref']}「{e['quote']}」")
    return out


def conclusion(r: dict, items: list[dict]) -> str:
    """The written 评查结论: score and grade, the veto, the main problems in a sentence."""
    text = f"经评查，该案卷得分{float(r.get('score') or 0):g}分，评定等次为“{r.get('grade') or ''}”。"
    vetoes = [i["title"] for i in items if i["veto"] and i["hit"]]
    if vetoes:
        text += "存在一票否决事项：" + "；".join(vetoes) + "。"
    main = sorted((i for i in items if i["deduction"] > 0), key=lambda i: -i["deduction"])[:3]
    if main:
        text += "主要问题：" + "；".join(i["title"] for i in main) + "。"
    elif not vetoes:
        text += "未发现扣分问题。"
    human = sum(1 for f in r.get("findings") or [] if f.get("needs_human"))
    if human:
        text += f"另有{human}项待人工核实，未计扣分，请评查人员对照原件认定。"
    return text


def rectifications(items: list[dict]) -> list[str]:
    """整改意见: the standard's fix of every item that deducted or vetoed, once each."""
    out = []
    for i in items:
        if (i["hit"]) and i["fix"] and i["fix"] not in out:
            out.append(i["fix"])
    return out


def sheet_context(review: Any, standard: Any = None, office: Any = None, seq: Optional[int] = None) -> dict:
    """What the 评查意见书 (DOCX, and the same block of the HTML report) shows."""
    from .office import BLANK, Office, chinese_date

    r = _as_dict(review)
    office = office or Office()
    facts = r.get("facts") or {}
    items = item_rows(r, standard)
    title = getattr(standard, "title", "") or r.get("standard", "")
    header = [
        ("评查机关", office.reviewer or BLANK),
        *([("评查文号", office.sheet_no(seq))] if office.sheet_number else []),
        ("被评查单位", L.agency(facts) or BLANK),
        ("案号", L.case_number(facts) or BLANK),
        ("当事人", (facts.get("party") or {}).get("name") or BLANK),
        ("案由", r.get("cause") or BLANK),
        ("评查标准", title),
        ("评查日期", chinese_date(office.day)),
    ]
    vetoes = [i for i in items if i["veto"] and i["hit"]]
    return {
        "header": header, "items": items, "vetoes": vetoes, "conclusion": conclusion(r, items),
        "fixes": rectifications(items), "quotes": quoted_evidence(r, items), "score": float(r.get("score") or 0), "grade": r.get("grade") or "",
        "total": getattr(standard, "total", None), "standard_title": title,
        "standard_description": getattr(standard, "description", ""),
    }
