"""文书制作: the decision's required elements and payment terms, document numbers, dates,
seals, template residue, amounts in words vs figures, known wrong terms."""
from __future__ import annotations

import re

from ..model import Facts
from .common import (
    amounts,
    closing_read_clearly,
    doc_ev,
    doc_name,
    ev,
    field_ev,
    fmt_yuan,
    hit,
    low_conf,
    pages_of,
)
from .confusables import amount_misreading
from .registry import register_check
from .reread import reading_for, reread_value

_ELEMENT_NAMES = {
    "party": "当事人的姓名或者名称、地址", "facts": "违法事实", "evidence": "证据",
    "penalty": "行政处罚的种类", "basis": "行政处罚的依据", "performance": "行政处罚的履行方式和期限",
    "remedy": "申请行政复议、提起行政诉讼的途径和期限", "authority": "作出决定的行政机关名称",
    "date": "作出决定的日期",
}


def _element_state(doc, element: str):
    """True/False/None for one 第59条 element; fields the extractor fills stand in for a
    missing ``elements`` entry."""
    if element in doc.elements:
        return doc.elements[element]
    if element == "party" and doc.party is not None:
        return bool((doc.party.name or "").strip())
    if element == "authority":
        return True if (doc.authority or "").strip() else None
    if element == "date":
        return True if doc.date else None
    if element == "basis":
        return True if any(c.role == "penalty_basis" for c in doc.citations) else None
    if element == "penalty":
        return True if doc.penalties else None
    if element == "evidence":
        return True if doc.listed_evidence else None
    return None


@register_check("documents.decision_elements_missing", params={"doc_types": "list[str]",
                                                              "required_elements": "list[str]",
                                                              "sure_on_scans": "list[str]"},
                optional=("sure_on_scans",))
def decision_elements_missing(facts: Facts, params: dict):
    """【检查内容】处罚决定书是否具备第五十九条规定的各项内容（救济途径另由 remedy.missing 检查）：当事人姓名或名称、
    地址；违法事实和证据；处罚种类和依据；履行方式和期限；作出决定的行政机关名称和日期。每缺一项扣分。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款：行政处罚决定书应当载明下列事项：（一）当事人的姓名或者名称、
    地址；（二）违反法律、法规、规章的事实和证据；（三）行政处罚的种类和依据；（四）行政处罚的履行方式和期限；
    （五）申请行政复议、提起行政诉讼的途径和期限；（六）作出行政处罚决定的行政机关名称和作出决定的日期。
    【示例】决定书写明了违法事实，却没有列举认定事实的证据；或没有写明罚款的缴纳方式和期限。
    【整改】按第五十九条逐项补齐，缺项的决定书应依法更正或重新制作并送达。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时，未识别到的事项只提示人工核实。参数 sure_on_scans 所列
    事项，以及落款读取清晰（印章已分离、机关名称识别可靠）时的日期，在扫描件上也作确定问题；其余事项在扫描件上按标准
    的 ocr_doubt 设置转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        for element in params["required_elements"]:
            if _element_state(doc, element) is not False:
                continue
            label = _ELEMENT_NAMES.get(element, element)
            evidence = field_ev(doc, element)
            if low_conf(doc, params):
                out.append(hit(f"《{doc_name(doc)}》未识别到“{label}”，但该文书识别置信度低，需人工核实",
                               evidence, needs_human=True))
            else:
                f = hit(f"《{doc_name(doc)}》缺少第五十九条规定的内容：{label}", evidence,
                        fix=f"在决定书中补充“{label}”。")
                # an element whose absence rests on the same reading as a rule that is firm on
                # scans (the 落款 authority, the penalty provision) is as sure here as there
                f.ocr_weighed = element in (params.get("sure_on_scans") or ()) or \
                    (element == "date" and closing_read_clearly(facts, doc, params))
                out.append(f)
    return out


_TERM_NAMES = {"within_15_days": "十五日内缴纳罚款的期限", "channel": "缴纳罚款的地点/银行/方式",
               "late_fee": "逾期不缴纳每日按罚款数额百分之三加处罚款的告知"}


@register_check("documents.payment_terms_missing", params={"doc_types": "list[str]",
                                                          "required_terms": "list[str]"})
def payment_terms_missing(facts: Facts, params: dict):
    """【检查内容】处以罚款的决定书是否写明：自收到决定书之日起十五日内缴纳、缴款的银行或方式、逾期不缴纳每日按罚款
    数额百分之三加处罚款。
    【依据】《中华人民共和国行政处罚法》第六十七条第三款：当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行
    或者通过电子支付系统缴纳罚款；第七十二条第一款第（一）项：到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，
    加处罚款的数额不得超出罚款的数额。
    【示例】决定书写“请于收到本决定书之日起十五日内缴纳罚款”，未写明缴款银行，也未告知逾期加处罚款。
    【整改】写明缴款期限、指定银行（账户）或电子缴款方式，以及逾期每日加处3%罚款的后果。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        if not amounts(doc, "fine") and not (doc.type == "decision" and facts.fine_yuan):
            continue
        missing = [t for t in params["required_terms"] if doc.payment_terms.get(t) is False]
        if not missing:
            continue
        labels = "、".join(_TERM_NAMES.get(t, t) for t in missing)
        out.append(hit(f"《{doc_name(doc)}》处以罚款，但未写明：{labels}", field_ev(doc, "payment_terms"),
                       needs_human=low_conf(doc, params)))
    return out


def _check_patterns(params: dict):
    for key in ("year_pattern", "bracketed_year_pattern"):
        try:
            re.compile(params[key])
        except re.error as exc:
            return key, f"not a valid regular expression: {exc}"
    return None


@register_check("documents.document_number_invalid",
                params={"doc_types": "list[str]", "year_pattern": "str", "bracketed_year_pattern": "str"},
                validator=_check_patterns)
def document_number_invalid(facts: Facts, params: dict):
    """【检查内容】处罚决定书、事先告知书是否有文号，文号格式是否规范（机关代字＋〔年份〕＋序号，年份用六角括号〔〕）。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）文书规范；《党政机关公文格式》（GB/T 9704-2012）7.2.4：
    发文字号由发文机关代字、年份、发文顺序号组成，年份、发文顺序号用阿拉伯数字标注，年份应标全称，用六角括号“〔〕”括入。
    【示例】决定书无文号；或写作“京朝市监罚(2024)12号”、“京朝市监罚[2024]12号”。
    【整改】按“××罚〔2024〕12号”编号，一案一号，与立案号、送达回证所载文号一致。
    【何时转人工】文号位置有字但未能读成文号时转人工；扫描件上“年份未用六角括号”一律转人工（识别常把〔〕读成()或[]）；
    文书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    year = re.compile(params["year_pattern"])
    good = re.compile(params["bracketed_year_pattern"])
    for doc in facts.docs(*params["doc_types"]):
        number = (doc.doc_number or "").strip()
        evidence = field_ev(doc, "doc_number")
        if not number:
            garbled = (doc.evidence or {}).get("doc_number_illegible") or []
            if garbled:
                # a line where the 文号 stands that OCR could not read: not an absence
                out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）文号未能识别（识别为“{garbled[0].quote}”），需人工核实",
                               garbled[:1], needs_human=True))
                continue
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）没有文号", evidence,
                           needs_human=low_conf(doc, params)))
            continue
        problem = None
        # On a scan OCR reads a printed 〔〕 as [] or 【】 (even one side doubled, “（2024]】”): the
        # extractor then judged the number valid, and a square side is not held against the file.
        read_as_hexagonal = doc.ocr_confidence < 1.0 and doc.doc_number_valid is True \
            and bool(_SQUARE.search(number))
        if year.search(number) and not good.search(number) and not read_as_hexagonal:
            problem = "年份未用六角括号“〔〕”"
        elif doc.doc_number_valid is False:
            problem = "格式不规范"
        if problem:
            # OCR reads 〔〕 as ( ) or [ ] often: only a text layer or a confident page is firm.
            uncertain = doc.ocr_confidence < 1.0 and "六角" in problem or low_conf(doc, params)
            out.append(hit(f"《{doc_name(doc)}》文号“{number}”{problem}"
                           + ("（扫描件识别可能混淆括号，需人工核实）" if uncertain else ""),
                           evidence, needs_human=uncertain))
    return out


_SQUARE = re.compile(r"[\[\]［］【】]")


@register_check("documents.date_missing", params={"doc_types": "list[str]", "own_date_roles": "map[str]"},
                optional=("own_date_roles",))
def date_missing(facts: Facts, params: dict):
    """【检查内容】处罚决定书、告知书、笔录等文书是否注明日期（落款日期；笔录的制作时间）。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.18：决定书没有落款日期扣2分；
    《中华人民共和国行政处罚法》第五十九条第一款第（六）项：作出决定的日期。
    【示例】告知书落款处只有机关印章，没有日期。
    【整改】补注文书制作日期（年月日），与送达回证、审批表的时间衔接一致。
    【何时转人工】文书识别置信度低于参数 low_confidence 时转人工；落款日期识别不清，或扫描件读到了其他日期而落款处未
    能清晰读取（可能被印章覆盖或为手写）时转人工。扫描件上印章已分离、落款机关名称读取可靠而其处确无日期的，为确定问
    题。
    """
    out = []
    own_roles = params.get("own_date_roles") or {}
    for doc in facts.docs(*params["doc_types"]):
        if doc.date:
            continue
        if doc.type in own_roles:
            # an issued document is dated by its own 落款 date; the party's receipt date on it
            # (当事人签收 … 年 月 日) or the dates of the facts it recounts are not its date
            if any(d.date and d.role == own_roles[doc.type] for d in doc.dates):
                continue
        elif doc.start_time or any(d.date for d in doc.dates if d.role != "other"):
            continue
        evidence = [doc.date_evidence or doc_ev(doc, "（落款处）")]
        other_dates = any(d.date for d in doc.dates)
        if low_conf(doc, params):
            out.append(hit(f"《{doc_name(doc)}》未识别到日期，但该文书识别置信度低，需人工核实", evidence,
                           needs_human=True))
        elif doc.date_illegible or (doc.ocr_confidence < 1.0 and other_dates
                                    and not closing_read_clearly(facts, doc, params)):
            # on a scan the 落款 date is often under the red seal or handwritten: OCR read the
            # other dates of the page but not this one
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）未识别到落款日期（扫描件落款处可能被印章覆盖或为手写），"
                           f"需人工核实", evidence + doc.evidence.get("date_illegible", [])[:1], needs_human=True))
        else:
            clear = doc.ocr_confidence < 1.0 and closing_read_clearly(facts, doc, params)
            note = "（扫描件：印章已分离，落款机关名称识别清晰，其处未见日期）" if clear else ""
            f = hit(f"《{doc_name(doc)}》（{pages_of(doc)}）没有注明日期{note}",
                    evidence + (doc.evidence.get("authority") or [])[:1] if clear else evidence)
            f.ocr_weighed = clear
            out.append(f)
    return out


@register_check("documents.seal_missing", params={"doc_types": "list[str]", "signature_suffices_for": "list[str]"},
                optional=("signature_suffices_for",))
def seal_missing(facts: Facts, params: dict):
    """【检查内容】处罚决定书、事先告知书等对外文书是否加盖行政机关印章。
    【依据】《中华人民共和国行政处罚法》第五十九条第二款：行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章；
    行政处罚案卷评查评分细则（standards §1.9 第1项）：主要对外文书未加盖执法机关印章属基本要素问题。
    【示例】扫描件落款处没有红色印章，文本中也没有“（印章）”标记。
    【整改】在落款处加盖作出决定的行政机关印章；未盖章的文书不发生效力，应重新制作送达。
    【何时转人工】未检测到印章图像、也无印章标记，无法判断是否盖章时转人工；文书识别置信度低于参数 low_confidence 时
    转人工；参数 signature_suffices_for 所列程序的文书无印章但有执法人员签名的，是否须加盖机关印章依本机关文书格式，
    转人工。
    """
    out = []
    signed_ok = facts.procedure in (params.get("signature_suffices_for") or ())
    for doc in facts.docs(*params["doc_types"]):
        evidence = [doc.seal_evidence or doc_ev(doc, "（落款处）")]
        if doc.seal is False and signed_ok and doc.officer_signed:
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）未见行政机关印章，但有执法人员签名；第五十二条规定"
                           f"当场处罚决定书由执法人员签名或者盖章，是否须加盖机关印章依本机关文书格式，需人工核实",
                           evidence + field_ev(doc, "officer_signed")[:1], needs_human=True))
        elif doc.seal is False:
            if low_conf(doc, params):
                out.append(hit(f"《{doc_name(doc)}》未见印章，但该文书识别置信度低，需人工核实", evidence,
                               needs_human=True))
            else:
                out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）未加盖行政机关印章", evidence))
        elif doc.seal is None:
            out.append(hit(f"《{doc_name(doc)}》无法判断是否盖章（未检测到印章图像或印章标记），需人工核实",
                           evidence, needs_human=True))
    return out


@register_check("documents.template_residue", params={"exclude_types": "list[str]",
                                                     "max_quotes": "int"})
def template_residue(facts: Facts, params: dict):
    """【检查内容】文书中是否残留模板文字或未处理的空白：“你(单位)”、“XXX”、“××”、空白下划线、“(选填)”等。
    【依据】北京市行政处罚案卷标准（2016版）3.10：空白栏目应以“\\”划去，文书结束处注明“（以下空白）”；
    30.20：空格/空白处未做技术处理的扣分；standards §1.3。
    【示例】决定书称“你(单位)的上述行为违反了……”，当事人明明是个人；或“地址：________”。
    【整改】按当事人实际情况选用措辞，删除模板提示文字，空白栏目划线或注明“以下空白”。
    【何时转人工】含残留文字的文书全部识别置信度低于参数 low_confidence 时转人工。
    """
    hits, docs = [], []
    for doc in facts.documents:
        if doc.type in params["exclude_types"] or not doc.template_residue:
            continue
        hits.extend(doc.template_residue)
        docs.append(doc)
    if not hits:
        return []
    shown = hits[: params["max_quotes"]]
    quotes = "；".join(f"第{e.page}页“{e.quote}”" for e in shown)
    uncertain = all(low_conf(d, params) for d in docs)
    return [hit(f"{len(hits)}处模板残留或空白未处理：{quotes}", shown, needs_human=uncertain)]


@register_check("documents.amount_mismatch", params={"tolerance_yuan": "number"})
def amount_mismatch(facts: Facts, params: dict):
    """【检查内容】同一金额的大写（中文数字）与小写（阿拉伯数字）是否一致，如“伍万元整（¥50,000.00）”。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）文书规范；《中华人民共和国行政处罚法》第五十九条第一款
    第（三）项：处罚的种类和数额必须明确，大小写不一致使处罚内容不确定。
    【示例】“罚款人民币壹万伍仟元整（¥1,500.00）”。
    【整改】核对金额，统一大小写，更正后重新送达。
    【何时转人工】金额大写只有部分字符可辨、且不一致之处未测得识别置信度时转人工；文书识别置信度低于参数
    low_confidence 时转人工。
    """
    out = []
    sources = {p.page: p.source for p in facts.pages}
    for doc in facts.documents:
        for pair in doc.amount_pairs:
            pev = ev(pair.page, pair.quote, pair.conf, pair.box, pair.read)
            again = _reread_pair(facts, pev) if sources.get(pair.page) == "ocr" else None
            if again is not None:
                # a second engine read the words and figures: the anomaly is judged on its reading
                words2, figures2 = again
                if abs(words2 - figures2) <= params["tolerance_yuan"]:
                    continue   # read again, they agree: the first reading was wrong
                if abs(figures2 - pair.figures_yuan) <= params["tolerance_yuan"]:
                    found = hit(f"《{doc_name(doc)}》金额大写{fmt_yuan(words2)}与小写{fmt_yuan(figures2)}不一致", [pev])
                    found.second_confirmed = True
                    out.append(found)
                    continue
            if pair.words_partial:
                # only some characters of the words were legible.  The extractor measures the
                # confidence of the disagreeing places (ocr_doubt decides); unmeasured, it is a lead
                # for a reader, never a firm finding.
                out.append(hit(f"《{doc_name(doc)}》金额大写部分字符无法识别，可辨认的数位与小写"
                               f"{fmt_yuan(pair.figures_yuan)}不一致" + ("" if pair.conf is not None else "，需人工核实"),
                               [ev(pair.page, pair.quote, pair.conf, pair.box, pair.read)], needs_human=pair.conf is None))
                continue
            if abs(pair.words_yuan - pair.figures_yuan) <= params["tolerance_yuan"]:
                continue
            msg = (f"《{doc_name(doc)}》金额大写{fmt_yuan(pair.words_yuan)}与小写{fmt_yuan(pair.figures_yuan)}不一致")
            evidence = [ev(pair.page, pair.quote, pair.conf, pair.box, pair.read)]
            if sources.get(pair.page) == "ocr":
                reread = reread_value(facts, evidence[0])
                if reread is not None and any(abs(v - pair.words_yuan) <= params["tolerance_yuan"]
                                              for v in _figures_in(reread)):
                    continue   # a second engine read figures that agree with the words
                why = amount_misreading(pair.figures_yuan, pair.words_yuan)
                if why:
                    found = hit(msg, evidence)
                    found.doubt = f"{why}，需人工核实"
                    out.append(found)
                    continue
            out.append(hit(msg + ("；该页识别置信度低，需人工核实" if low_conf(doc, params) else ""),
                           evidence, needs_human=low_conf(doc, params)))
    return out


def _read_right_again(facts: Facts, evidence, fix: str) -> bool:
    """Whether a second engine read the right term where the first read the wrong one
    ("申辨→申辩": its reading of the line has 申辩 and not 申辨): the typo was a misreading."""
    wrong, _, right = (fix or "").partition("→")
    text = reread_value(facts, evidence)
    return bool(text and wrong and right and right in text and wrong not in text)


_BIG = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"


def _reread_pair(facts: Facts, evidence) -> tuple[float, float] | None:
    """(words, figures) of an amount written both ways in the second engine's reading of its
    line, when it holds both readably; None otherwise."""
    import unicodedata

    import cn2an

    r = reading_for(facts, evidence)
    if r is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", r.text or ""))
    words = re.search(rf"[{_BIG}]{{2,}}", text)
    if not words:
        return None
    figures = re.search(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?", text[words.end():])
    if not figures:
        return None
    w = re.sub(r"[元整角分].*$", "", words.group())
    try:
        return float(cn2an.cn2an(w, "normal")), float(re.sub(r"[,，]", "", figures.group()))
    except (ValueError, KeyError, TypeError):
        return None


def _figures_in(text: str) -> list[float]:
    """Amounts written in figures in a second reading's characters (punctuation is gone there:
    "500.00" reads "50000", so both the whole run and the run less two decimals count)."""
    out = []
    for m in re.finditer(r"\d+", text or ""):
        out.append(float(m.group()))
        if len(m.group()) > 2:
            out.append(float(m.group()[:-2]))
    return out


@register_check("documents.typo", params={"max_quotes": "int", "firm_min_confidence": "number"})
def typo(facts: Facts, params: dict):
    """【检查内容】文书中是否有常见的错别字或错误术语（听政、申辨、行政复义、起诉期线等）。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.21：其他不规范（每处）扣分；执法文书应用语规范、准确。
    【示例】“你单位有权进行陈述和申辨”、“有要求举行听政的权利”。
    【整改】改正错别字（申辩、听证、行政复议），文书定稿前校对。
    【何时转人工】所在文书的识别置信度都低于参数 firm_min_confidence、且有引文未测得逐字置信度时转人工（识别本身会混
    淆形近字，如辩/辨）；测得置信度的，由标准的 ocr_doubt 设置逐字判断。
    """
    found, docs = [], []
    for doc in facts.documents:
        kept = [e for e, fix in zip(doc.typos, doc.typo_fixes or [""] * len(doc.typos), strict=False)
                if not _read_right_again(facts, e, fix)]
        if kept:
            found.extend(kept)
            docs.append(doc)
    if not found:
        return []
    shown = found[: params["max_quotes"]]
    quotes = "；".join(f"第{e.page}页“{e.quote}”" for e in shown)
    # OCR itself confuses look-alike characters (辩/辨): only a typo read from a text layer or a
    # confident page is the agency's for sure.
    # Where the extractor measured each quote's confidence the standard's ocr_doubt rule judges it
    # character by character; otherwise only the pages' overall confidence can.
    uncertain = all(d.ocr_confidence < params["firm_min_confidence"] for d in docs) and \
        any(e.conf is None for e in found)
    return [hit(f"{len(found)}处错别字或错误术语：{quotes}", shown, needs_human=uncertain)]
