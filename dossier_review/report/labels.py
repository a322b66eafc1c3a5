"""Chinese labels and small formatters shared by the HTML, DOCX and batch reports.

Reports are read by reviewers who think in the standard's Chinese terms, so every code the
pipeline uses (categories, date roles, document types…) is shown with its Chinese name; an
unknown code (a standard may add its own) is shown as is rather than dropped.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..lib.citation import citation_text as lib_citation_text
from ..model import DOCUMENT_TYPES

CATEGORY_NAMES = {
    "subject": "执法主体",
    "evidence": "事实证据",
    "legal_basis": "适用法律",
    "procedure": "执法程序",
    "hearing": "听证告知",
    "remedy": "救济途径告知",
    "documents": "文书制作",
    "filing": "立卷归档",
}

DATE_ROLE_NAMES = {
    "filed": "立案",
    "inspected": "现场检查",
    "inquired": "询问",
    "notice_issued": "告知书制发",
    "notice_served": "告知书送达",
    "statement": "陈述申辩",
    "hearing_requested": "申请听证",
    "hearing_notified": "听证通知",
    "hearing": "听证",
    "legal_review": "法制审核",
    "discussed": "集体讨论",
    "approved": "审批",
    "decided": "作出决定",
    "served": "决定送达",
    "paid": "缴纳罚没款",
    "closed": "结案",
    "signed": "签署",
    "other": "其他",
}

AMOUNT_ROLE_NAMES = {
    "fine": "罚款",
    "confiscation": "没收",
    "illegal_gains": "违法所得",
    "goods_value": "货值金额",
    "late_fee": "加处罚款",
    "other": "其他金额",
}

CITATION_ROLE_NAMES = {"violated": "违反条款", "penalty_basis": "处罚依据", "other": "其他引用"}

PROCEDURE_NAMES = {"general": "一般程序", "simplified": "简易程序"}

SOURCE_NAMES = {"text": "文本层", "ocr": "OCR"}


def category_name(code: str, categories: Iterable[Any] = ()) -> str:
    for cat in categories or ():
        c = cat if isinstance(cat, dict) else getattr(cat, "__dict__", {})
        if c.get("category") == code and c.get("name"):
            return c["name"]
    return CATEGORY_NAMES.get(code, code)


def doc_type_name(code: str) -> str:
    return DOCUMENT_TYPES.get(code, code)


def citation_text(c: dict) -> str:
    """《中华人民共和国食品安全法》第一百二十五条第一款第（二）项 — the way a decision writes it."""
    return lib_citation_text(c.get("law") or "?", c.get("article"), c.get("paragraph"), c.get("item"))


def yuan_text(v: Optional[float]) -> str:
    if v is None:
        return "—"
    v = float(v)
    text = f"{v:,.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"
    if abs(v) >= 10000:
        wan = v / 10000
        text += f" 元（{wan:g} 万元）"
    else:
        text += " 元"
    return text


def points_text(points: float, veto: bool, needs_human: bool = False) -> str:
    if needs_human:
        # the scorer does not deduct needs_human findings; say what would follow if confirmed
        if veto:
            return "待人工核实（如属实：一票否决）"
        return f"待人工核实（拟扣 {float(points):g} 分）" if points else "待人工核实"
    return "一票否决" if veto else f"扣 {float(points):g} 分"


_WS = re.compile(r"\s+")
_CTRL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def short_quote(quote: str, limit: int = 160) -> str:
    q = _WS.sub(" ", _CTRL.sub("", quote or "")).strip()
    return q if len(q) <= limit else q[: limit - 1] + "…"


def evidence_text(ev: dict, limit: int = 160) -> str:
    page = ev.get("page")
    q = short_quote(ev.get("quote", ""), limit)
    return f"P.{page} 「{q}」" if q else f"P.{page}"


def evidence_pages(evidence: Iterable[dict]) -> str:
    pages = sorted({int(e["page"]) for e in evidence or () if e.get("page")})
    return "、".join(f"P.{p}" for p in pages) if pages else "—"


def low_confidence_pages(pages: list[dict], unreadable: list[int]) -> list[dict]:
    """Pages the reviewer should read on paper: those the review judged unreadable under its
    standard's ``low_confidence`` (``Review.unreadable_pages``)."""
    wanted = set(unreadable or [])
    return [p for p in pages or [] if p.get("page") in wanted]


def decision_doc(facts: dict) -> Optional[dict]:
    for d in facts.get("documents") or []:
        if d.get("type") == "decision":
            return d
    return None


def case_number(facts: dict) -> str:
    d = decision_doc(facts)
    return (d or {}).get("doc_number") or ""


def agency(facts: dict) -> str:
    d = decision_doc(facts)
    if d and d.get("authority"):
        return d["authority"]
    for d in facts.get("documents") or []:
        if d.get("authority"):
            return d["authority"]
    return ""
