"""救济途径告知: the decision must tell the party how and when to seek 行政复议 or 行政诉讼, and
name the review body and the court correctly."""
from __future__ import annotations

from ..model import DocFacts, Facts
from .common import contains_any, doc_ev, doc_name, hit, low_conf, norm_name
from .registry import as_date, register_check
from .timeline import decided, doc_date


def _remedy_ev(doc: DocFacts):
    if doc.remedy and doc.remedy.evidence:
        return list(doc.remedy.evidence[:2])
    return [doc_ev(doc, "（救济途径告知部分）")]


@register_check("remedy.missing", params={"doc_types": "list[str]"})
def missing(facts: Facts, params: dict):
    """【检查内容】处罚决定书是否告知申请行政复议或者提起行政诉讼的途径和期限。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款第（五）项：决定书应当载明“申请行政复议、提起行政诉讼的
    途径和期限”。
    【示例】决定书在履行方式之后直接落款，没有“如不服本决定，可以……申请行政复议，或者……提起行政诉讼”。
    【整改】补充告知：“如不服本处罚决定，可在收到本决定书之日起六十日内向××人民政府申请行政复议，
    也可以在六个月内依法向××人民法院提起行政诉讼”，并重新送达。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        r = doc.remedy
        if r and (r.review_stated or r.litigation_stated):
            continue
        if r is None and doc.elements.get("remedy") is not False:
            continue  # the remedy paragraph was not examined: nothing to judge
        if low_conf(doc, params):
            out.append(hit(f"《{doc_name(doc)}》未识别到行政复议或行政诉讼的告知，但该文书识别置信度低，需人工核实",
                           _remedy_ev(doc), needs_human=True))
        else:
            out.append(hit(f"《{doc_name(doc)}》未告知申请行政复议、提起行政诉讼的途径和期限", _remedy_ev(doc)))
    return out


@register_check("remedy.review_period_wrong", params={"doc_types": "list[str]", "expected_days": "int"})
def review_period_wrong(facts: Facts, params: dict):
    """【检查内容】决定书告知的申请行政复议期限是否为参数 expected_days 所定日数。
    【依据】《中华人民共和国行政复议法》（2023年修订）第二十条第一款：公民、法人或者其他组织认为行政行为侵犯其
    合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。
    【示例】“可在收到本决定书之日起十五日内申请行政复议”。
    【整改】改为“自收到本决定书之日起六十日内”。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        r = doc.remedy
        if not r or not r.review_stated or r.review_days is None:
            continue
        if r.review_days == params["expected_days"]:
            continue
        out.append(hit(f"《{doc_name(doc)}》告知的行政复议申请期限为{r.review_days}日，法定为{params['expected_days']}日",
                       _remedy_ev(doc), needs_human=low_conf(doc, params),
                       fix=f"将复议期限改为“自收到本决定书之日起{params['expected_days']}日内”。"))
    return out


@register_check("remedy.litigation_period_wrong",
                params={"doc_types": "list[str]", "expected_months": "int", "allowed_days": "list[int]",
                        "review_first_procedures": "list[str]", "review_first_from": "date"})
def litigation_period_wrong(facts: Facts, params: dict):
    """【检查内容】决定书告知的提起行政诉讼期限是否为参数 expected_months 所定月数（常见错误为沿用旧法的“三个月”）；
    参数 review_first_procedures 所列程序作出的处罚决定（参数 review_first_from 之日起）是否告知应先申请行政复议（复
    议前置），而不是可直接起诉。
    【依据】《中华人民共和国行政诉讼法》第四十六条第一款：直接向人民法院提起诉讼的，应当自知道或者应当知道作出
    行政行为之日起六个月内提出；《中华人民共和国行政复议法》（2023年修订）第二十三条第一款第（一）项、第二款：
    对当场作出的行政处罚决定不服的，应当先申请行政复议，行政机关应当告知。
    【示例】“也可以在三个月内向人民法院提起行政诉讼”；当场处罚决定书写“可在六个月内直接提起行政诉讼”。
    【整改】改为“六个月内”；当场处罚决定书改为“应当先向××申请行政复议，对复议决定不服的再依法提起行政诉讼”。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工；告知的起诉期限以日计、且不在参数 allowed_days 之
    内（可能指复议后的起诉期限）时转人工。
    """
    out = []
    first_from = as_date(params["review_first_from"])
    dec = decided(facts)
    for doc in facts.docs(*params["doc_types"]):
        r = doc.remedy
        if not r or not r.litigation_stated:
            continue
        uncertain = low_conf(doc, params)
        if r.litigation_months is not None and r.litigation_months != params["expected_months"]:
            out.append(hit(f"《{doc_name(doc)}》告知的行政诉讼期限为{r.litigation_months}个月，"
                           f"法定为{params['expected_months']}个月", _remedy_ev(doc), needs_human=uncertain,
                           fix=f"改为“可在{params['expected_months']}个月内依法向××人民法院提起行政诉讼”。"))
        elif r.litigation_months is None and r.litigation_days is not None \
                and r.litigation_days not in params["allowed_days"]:
            out.append(hit(f"《{doc_name(doc)}》告知的行政诉讼期限为{r.litigation_days}日，直接起诉的法定期限为"
                           f"{params['expected_months']}个月；该日数是否指复议后起诉期限需人工核实",
                           _remedy_ev(doc), needs_human=True))
        day = (doc_date(doc) or dec)
        if facts.procedure in params["review_first_procedures"] and day and day.date >= first_from \
                and not r.review_first:
            out.append(hit(f"当场处罚决定书（{day.date.isoformat()}作出）告知可直接提起行政诉讼，未告知应先申请行政复议"
                           f"（复议前置）", _remedy_ev(doc), needs_human=uncertain,
                           fix="改为“如不服本决定，应当先向××人民政府申请行政复议；对复议决定不服的，"
                               "可以依法提起行政诉讼”。"))
    return out


def _named(body: str | None, suffixes, placeholders, abbreviations, min_chars: int) -> str | None:
    """None when ``body`` is a proper full name, else why it is not."""
    name = norm_name(body)
    if not name:
        return "未写明"
    if contains_any(name, placeholders):
        return f"“{body}”不是具体机关名称"
    if any(name.endswith(a) or name == a for a in abbreviations):
        return f"“{body}”为简称，应使用规范全称"
    if not any(name.endswith(s) for s in suffixes):
        return f"“{body}”不是规范的机关全称"
    if len(name) < min_chars:
        return f"“{body}”未写明所属行政区划"
    return None


@register_check("remedy.body_unnamed",
                params={"doc_types": "list[str]", "review_body_suffixes": "list[str]",
                        "court_suffixes": "list[str]", "placeholders": "list[str]",
                        "abbreviations": "list[str]", "min_name_chars": "int"})
def body_unnamed(facts: Facts, params: dict):
    """【检查内容】告知行政复议的，是否写明复议机关的规范全称；告知行政诉讼的，是否写明管辖法院的规范全称。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.16：告知复议机关或诉讼法院未用规范全称的扣2分；
    《中华人民共和国行政复议法》第二十条第三款：未告知复议机关的，申请期限自知道之日起计算（最长一年）。
    【示例】“可向上一级主管部门申请行政复议”、“可向人民法院提起诉讼”、“向市政府申请复议”。
    【整改】写明“××市××区人民政府”“××市××区人民法院”等规范全称。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    args = (params["placeholders"], params["abbreviations"], params["min_name_chars"])
    for doc in facts.docs(*params["doc_types"]):
        r = doc.remedy
        if not r:
            continue
        problems = []
        if r.review_stated:
            why = _named(r.review_body, params["review_body_suffixes"], *args)
            if why:
                problems.append(f"复议机关{why}")
        if r.litigation_stated:
            why = _named(r.court, params["court_suffixes"], *args)
            if why:
                problems.append(f"管辖法院{why}")
        if problems:
            out.append(hit(f"《{doc_name(doc)}》{'；'.join(problems)}", _remedy_ev(doc),
                           needs_human=low_conf(doc, params)))
    return out



@register_check("remedy.review_body_outdated",
                params={"doc_types": "list[str]", "from_date": "date", "government_suffix": "str",
                        "department_suffixes": "list[str]", "vertical_keywords": "list[str]"})
def review_body_outdated(facts: Facts, params: dict):
    """【检查内容】参数 from_date 之日以后作出的决定，告知的复议机关是否仍为“上一级主管部门”，而不是本级人民政府。
    【依据】《中华人民共和国行政复议法》（2023年修订，2024年1月1日施行）第二十四条第一款第（一）项：县级以上地方
    各级人民政府管辖对本级人民政府工作部门作出的行政行为不服的行政复议案件；取消了向上一级主管部门申请复议的选择
    （海关、金融、外汇管理等实行垂直领导的机关和税务、国家安全机关除外，第二十七条）。
    【示例】某区市场监督管理局2024年3月的决定书写“可向某市市场监督管理局申请行政复议”。
    【整改】改为“可向××区人民政府申请行政复议”。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    from_date = as_date(params["from_date"])
    dec = decided(facts)
    for doc in facts.docs(*params["doc_types"]):
        r = doc.remedy
        if not r or not r.review_stated or not r.review_body:
            continue
        day = doc_date(doc) or dec
        if day is None or day.date < from_date:
            continue
        body = norm_name(r.review_body)
        authority = norm_name(doc.authority)
        if body.endswith(params["government_suffix"]):
            continue
        if contains_any(authority, params["vertical_keywords"]) or contains_any(body, params["vertical_keywords"]):
            continue
        if not any(body.endswith(s) for s in params["department_suffixes"]):
            continue
        out.append(hit(f"《{doc_name(doc)}》于{day.date.isoformat()}作出，告知向“{r.review_body}”申请行政复议；"
                       f"自{from_date.isoformat()}起，对地方人民政府工作部门的行政行为应向本级人民政府申请行政复议",
                       _remedy_ev(doc), needs_human=low_conf(doc, params),
                       fix=(f"改为向作出决定的{authority or '行政机关'}所属的本级{params['government_suffix']}"
                            f"（写明全称，如“××市××区{params['government_suffix']}”）申请行政复议。")))
    return out
