"""立卷归档: catalogue, remarks sheet, order of the documents, page numbering."""
from __future__ import annotations

from ..model import DOCUMENT_TYPES, Facts
from .common import doc_name, ev, hit, missing_document, names_of, page_list, pages_of
from .registry import register_check


@register_check("filing.no_catalog", params={"doc_types": "list[str]", "title_keywords": "list[str]"})
def no_catalog(facts: Facts, params: dict):
    """【检查内容】案卷是否有卷内文件目录（本检查也可由其他标准配置为检查卷宗封面等其他必备文书）。
    【依据】测绘地理信息行政处罚案卷评查标准 卷面标准第5项：卷内目录按顺序填写，页码正确；
    《中华人民共和国行政处罚法》第四十七条：执法全过程记录应归档保存。
    【示例】案卷封面之后直接是立案审批表，没有卷内目录。
    【整改】按卷内文件排列顺序逐件填写卷内目录（序号、文号、责任者、题名、日期、页号、备注）。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    types = params["doc_types"]
    return missing_document(facts, params, types, names_of(types), f"案卷中没有{names_of(types)}",
                            params["title_keywords"])


@register_check("filing.no_remarks_sheet", params={"doc_types": "list[str]", "title_keywords": "list[str]"})
def no_remarks_sheet(facts: Facts, params: dict):
    """【检查内容】案卷末尾是否有卷内备考表。
    【依据】测绘地理信息行政处罚案卷评查标准 卷面标准第7项（封面、卷内目录、备考表不编号）；档案立卷规范要求
    卷末附备考表，记载件数、页数、立卷人、检查人及日期。
    【示例】案卷以结案审批表结束，没有备考表。
    【整改】在卷末补充卷内备考表，写明本卷文件件数、页数及需说明的情况，由立卷人、检查人签名并注明日期。
    【何时转人工】案卷中有识别置信度低于参数 low_confidence 的页面（空白页除外）时转人工：该文书可能就在其中。
    """
    types = params["doc_types"]
    return missing_document(facts, params, types, names_of(types), f"案卷中没有{names_of(types)}",
                            params["title_keywords"])


def _check_orders(params: dict):
    known = set(DOCUMENT_TYPES)
    for name, groups in params["orders"].items():
        seen = set()
        for group in groups:
            for t in group:
                if t not in known:
                    return "orders", f"order {name}: unknown document type {t!r}"
                if t in seen:
                    return "orders", f"order {name}: document type {t!r} listed twice"
                seen.add(t)
    for t in params["ignore_types"]:
        if t not in known:
            return "ignore_types", f"unknown document type {t!r}"
    return None


def _longest_ordered(ranks: list[int]) -> list[int]:
    """Indices of one longest non-decreasing subsequence of ``ranks`` (O(n²), files are short)."""
    n = len(ranks)
    best, prev = [1] * n, [-1] * n
    for i in range(n):
        for j in range(i):
            if ranks[j] <= ranks[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return []
    i = max(range(n), key=lambda k: best[k])
    keep = []
    while i != -1:
        keep.append(i)
        i = prev[i]
    return keep[::-1]


@register_check("filing.order_irregular",
                params={"orders": "map[list[list[str]]]", "ignore_types": "list[str]", "tolerance": "int"},
                validator=_check_orders)
def order_irregular(facts: Facts, params: dict):
    """【检查内容】卷内文书是否按规定顺序排列。标准可配置多种公认的排列方式（时间顺序；正卷/副卷；决定书在前），
    案卷符合其中任一种即为合格；送达回证、证据材料等随附文书不参与比较。
    【依据】测绘地理信息行政处罚案卷评查标准 卷面标准第6项：按立案（受理）、调查取证、审查、决定、送达等顺序立卷；
    standards §3.2 所列的排列顺序。
    【示例】结案审批表装订在立案审批表之前；处罚决定书夹在询问笔录中间。
    【整改】按本机关采用的立卷顺序重新排列、编页码并更新卷内目录。
    【何时转人工】本检查不转人工：顺序只按已识别的文书类型比较（文书类型识别有误时结论随之有误，请对照证据所列文书核
    对）。
    """
    docs = [d for d in facts.documents if d.type not in params["ignore_types"]]
    best = None
    for name, groups in params["orders"].items():
        rank = {t: i for i, group in enumerate(groups) for t in group}
        ranked = [d for d in docs if d.type in rank]
        ranks = [rank[d.type] for d in ranked]
        keep = set(_longest_ordered(ranks))
        misplaced = [d for i, d in enumerate(ranked) if i not in keep]
        if best is None or len(misplaced) < len(best[1]):
            best = (name, misplaced)
    if best is None or len(best[1]) <= params["tolerance"]:
        return []
    name, misplaced = best
    listing = "、".join(f"《{doc_name(d)}》({pages_of(d)})" for d in misplaced[:8])
    return [hit(f"卷内文书未按规定顺序排列（与最接近的“{name}”顺序相比）：{listing}位置不当",
                [ev(d.first_page, f"《{doc_name(d)}》") for d in misplaced[:5]])]


def _as_int(value):
    if value is None:
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _sure_numbers(numbered: list[tuple], sources: dict, confs: dict, firm: float | None, run: int) -> set[int]:
    """Pages whose printed number can be relied on: read from a text layer, or OCR'd with every
    figure at ``firm`` confidence and continued by the numbers of the ``run - 1`` pages before it
    or after it (two readings that agree confirm each other; a misread figure stands alone)."""
    def read_surely(pg):
        if sources.get(pg) != "ocr":
            return True
        return firm is not None and confs.get(pg) is not None and confs[pg] >= firm

    def agrees(i: int, step: int) -> bool:
        """numbered[i + step] is the next page and carries the next number, read surely."""
        if not 0 <= i + step < len(numbered):
            return False
        (p1, _, n1), (p2, g2, n2) = numbered[i], numbered[i + step]
        return n2 is not None and p2 - p1 == step and n2 - n1 == step and read_surely(g2)

    sure = set()
    for i, (_, pg, num) in enumerate(numbered):
        if num is None or not read_surely(pg):
            continue
        if sources.get(pg) != "ocr" or any(all(agrees(i + k * step, step) for k in range(run - 1))
                                           for step in (-1, 1)):
            sure.add(pg)
    return sure


@register_check("filing.page_numbers", params={"unnumbered_types": "list[str]",
                                              "firm_min_confidence": "number", "confirm_run": "int"})
def page_numbers(facts: Facts, params: dict):
    """【检查内容】卷内材料是否逐页编号，页码是否连续（封面、卷内目录、备考表不编号）。
    【依据】测绘地理信息行政处罚案卷评查标准 卷面标准第7项：卷内材料逐页编号，用阿拉伯数字写在有文字页的右下角；
    未编页码或页码混乱的，每项扣1分。
    【示例】第1–12页有页码，第13页起无页码；或页码从8跳到10。
    【整改】对卷内有文字的页面逐页用阿拉伯数字编号（右下角），并据此更新卷内目录的页号。
    扫描件上的页码跳号，只有在断点两侧的页码都识别可靠、且各与相邻页码连续（confirm_run 页）时才直接认定。
    【何时转人工】未见页码的页均为识别置信度低于参数 firm_min_confidence 的扫描页、且页码位置并非空白时转人工；页码
    不连续处涉及未被可靠读取的页码（扫描页上页码的识别置信度低于参数 ocr_firm_confidence，或未被参数 confirm_run 所
    定页数的连续页码印证）时转人工。
    """
    if not facts.pages:
        return []  # no page facts (a hand-built Facts): nothing to judge
    skip = set()
    for d in facts.docs(*params["unnumbered_types"]):
        skip.update(range(d.first_page, d.last_page + 1))
    pages = [p for p in facts.pages if p.page not in skip]
    if not pages:
        return []
    confident = {p.page for p in pages if (p.confidence or 0) >= params["firm_min_confidence"]}
    numbered = [(p.page, _as_int(p.archive_page)) for p in pages]
    missing = [pg for pg, num in numbered if num is None]
    # A scanned page without a read number between two numbered pages whose numbers leave exactly
    # its place (5, ?, 7) carries its number unread: the sequence shows it was numbered.  Only
    # where the run does not close over it (5, ?, 6), at the ends, or without neighbours could a
    # missing number hide, and only there is anything said.
    src = {p.page: p.source for p in pages}
    known = [(pos, num) for pos, (_pg, num) in enumerate(numbered) if num is not None]
    closed_over = set()
    for (p0, n0), (p1, n1) in zip(known, known[1:], strict=False):
        if p1 - p0 > 1 and n1 - n0 == p1 - p0:
            closed_over.update(numbered[k][0] for k in range(p0 + 1, p1) if src.get(numbered[k][0]) == "ocr")
    missing = [pg for pg in missing if pg not in closed_over]
    breaks = []
    last = None   # (position, page, printed number) of the last numbered page
    for pos, (pg, num) in enumerate(numbered):
        if num is None:
            continue  # reported as missing; the numbers around it may still be in sequence
        if last is not None and num != last[2] + (pos - last[0]):
            breaks.append(((last[1], last[2]), (pg, num)))
        last = (pos, pg, num)
    sure = _sure_numbers([(pos, pg, num) for pos, (pg, num) in enumerate(numbered)],
                         {p.page: p.source for p in pages},
                         {p.page: p.archive_page_conf for p in pages},
                         params.get("ocr_firm_confidence"), max(int(params.get("confirm_run") or 2), 1))
    out = []
    if missing:
        # a scanned page whose top and foot hold no ink where a number would be written
        blank = {p.page for p in pages if p.number_place_blank}
        sources = {p.page: p.source for p in pages}
        firm = [pg for pg in missing if pg in confident or pg in blank]
        what = "全部未编页码" if len(missing) == len(numbered) else f"第{page_list(missing)}页未见页码"
        evidence = [ev(pg, "页面顶部和底部空白，未见页码" if pg in blank else "未识别到页码") for pg in missing[:5]]
        shown = [pg for pg in missing if pg in blank]
        if shown and any(sources.get(pg) == "ocr" and pg not in blank for pg in missing):
            # the scanned pages whose number places are blank prove the finding; the others are
            # named for the reviewer but do not carry it
            rest = [pg for pg in missing if pg not in blank]
            found = hit(f"卷内材料第{page_list(shown)}页未见页码（页面顶部和底部空白）；"
                        f"第{page_list(rest)}页亦未识别到页码，需人工核实",
                        [ev(pg, "页面顶部和底部空白，未见页码") for pg in shown[:5]])
            found.ocr_weighed = True
            out.append(found)
        elif firm:
            found = hit(f"卷内材料{what}", evidence)
            found.ocr_weighed = all(pg in blank or sources.get(pg) != "ocr" for pg in missing)
            out.append(found)
        else:
            out.append(hit(f"卷内材料{what}，但这些页为识别置信度不高的扫描页，页码可能未被识别，需人工核实",
                           evidence, needs_human=True))
    if breaks:
        desc = "；".join(f"第{a[0]}页页码{a[1]}后接第{b[0]}页页码{b[1]}" for a, b in breaks[:5])
        uncertain = any(a[0] not in sure or b[0] not in sure for a, b in breaks)
        found = hit(f"卷内页码不连续：{desc}" + ("（涉及扫描页，可能为识别误差，需人工核实）" if uncertain else ""),
                    [e for a, b in breaks[:5] for e in (ev(a[0], f"页码{a[1]}"), ev(b[0], f"页码{b[1]}"))],
                    needs_human=uncertain)
        # on a scan, a gap between two runs of surely read numbers is not an OCR slip
        found.ocr_weighed = not uncertain
        out.append(found)
    return out
