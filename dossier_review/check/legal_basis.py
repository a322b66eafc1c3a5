"""适用法律: the violated provision and the penalty basis, how laws are cited, whether the
citations are current and consistent, and the limits of the simplified procedure."""
from __future__ import annotations

import re

import cn2an

from ..lib.citation import citation_text
from ..model import Citation, DocFacts, Facts
from .common import (
    amounts,
    doc_ev,
    doc_name,
    edit_distance,
    ev,
    fmt_yuan,
    hit,
    law_key,
    low_conf,
    norm_name,
    party_kind,
)
from .registry import as_date, register_check
from .timeline import decided, doc_date

# Law names this long (without 中华人民共和国) are told apart by more than one character; shorter
# ones (森林法 / 草原法) are not.
LAW_SLIP_MIN_LEN = 6


def _cite_text(c: Citation) -> str:
    return citation_text(c.law, c.article, c.paragraph, c.item)


def _cited_for(c: Citation) -> str:
    """The words after the provision in its sentence: what it is cited for ("…第四十二条的规定，你有
    要求举行听证的权利").  Words before it belong to other provisions or to the facts."""
    text = c.sentence or c.quote or ""
    if not c.article:
        return text
    for token in (f"第{cn2an.an2cn(c.article)}条", f"第{c.article}条"):
        at = text.find(token)
        if at >= 0:
            return text[at:]
    return c.quote or text


def _cite_ev(c: Citation, doc: DocFacts):
    return ev(c.page or doc.first_page, c.quote or _cite_text(c), c.conf, c.box, c.read)


def _procedural(c: Citation, params: dict) -> bool:
    """A provision of a law on how to punish (行政处罚法, 行政强制法…), not on what is punished:
    it is never the violated rule nor the penalty basis of a violation."""
    prefix = params.get("formal_prefix", "中华人民共和国")
    return law_key(c.law, prefix) in {law_key(x, prefix) for x in params.get("procedural_laws") or ()}


def _basis_missing(facts: Facts, params: dict, role: str, label: str, example: str):
    out = []
    for doc in facts.docs(*params["doc_types"]):
        substantive = [c for c in doc.citations if not _procedural(c, params)]
        if any(c.role == role for c in substantive):
            continue
        unclassified = [c for c in substantive if c.role == "other" and c.article]
        procedural = [c for c in doc.citations if _procedural(c, params) and c.article]
        evidence = list(doc.evidence.get("citations", [])[:2]) or [doc_ev(doc, f"（检索{example}类表述）")]
        if low_conf(doc, params):
            out.append(hit(f"《{doc_name(doc)}》未识别到{label}，但该文书识别置信度低，需人工核实",
                           evidence, needs_human=True))
        elif unclassified:
            cited = "、".join(_cite_text(c) for c in unclassified[:3])
            out.append(hit(f"《{doc_name(doc)}》未见明确的{label}表述（{example}）；文中引用了{cited}，"
                           f"但无法判断其是否作为{label}，需人工核实", evidence, needs_human=True))
        elif procedural:
            cited = "、".join(dict.fromkeys(_cite_text(c) for c in procedural[:4]))
            out.append(hit(f"《{doc_name(doc)}》未载明{label}（{example}）；文中引用的{cited}是规定处罚程序、"
                           f"执行的条款，不能作为{label}", evidence))
        else:
            out.append(hit(f"《{doc_name(doc)}》未载明{label}（{example}）", evidence))
    return out


@register_check("legal_basis.no_violation_basis",
                params={"doc_types": "list[str]", "procedural_laws": "list[str]", "formal_prefix": "str"},
                optional=("procedural_laws", "formal_prefix"))
def no_violation_basis(facts: Facts, params: dict):
    """【检查内容】处罚决定书是否写明当事人违反的法律条款（“违反了《……》第×条”）。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款第（二）（三）项：决定书应当载明违反法律、法规、规章
    的事实和证据，行政处罚的种类和依据；定性须有明确的违法条款。
    【示例】决定书只写“当事人的行为违反了食品安全相关规定”，未写具体法律和条款。
    【整改】写明“当事人的上述行为违反了《中华人民共和国××法》第×条第×款第×项的规定”。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工；文中引用了法律条款、但无法判断其是否作为违法条款
    时转人工。
    """
    return _basis_missing(facts, params, "violated", "违法行为所违反的法律条款", "违反了《…》第…条")


@register_check("legal_basis.no_penalty_basis",
                params={"doc_types": "list[str]", "procedural_laws": "list[str]", "formal_prefix": "str"},
                optional=("procedural_laws", "formal_prefix"))
def no_penalty_basis(facts: Facts, params: dict):
    """【检查内容】处罚决定书是否写明作出处罚所依据的法律条款（“依据《……》第×条，决定……”）。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款第（三）项：行政处罚的种类和依据；第三十八条第一款：
    行政处罚没有依据的，行政处罚无效。
    【示例】决定书写“决定给予罚款5000元的行政处罚”，未引用任何罚则条款。
    【整改】写明“依据《中华人民共和国××法》第×条第×款第×项的规定，决定……”；无处罚依据的决定应撤销。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工；文中引用了法律条款、但无法判断其是否作为处罚依据
    时转人工。
    """
    return _basis_missing(facts, params, "penalty_basis", "处罚依据", "依据《…》第…条")


def _finer_citations(facts: Facts, prefix: str):
    """{(law, article): (citation, document)} for the articles some document of the file cites down
    to an item, and (separately) down to a paragraph."""
    items, paras = {}, {}
    for doc in facts.documents:
        for c in doc.citations:
            if not c.article or not c.law:
                continue
            key = (law_key(c.law, prefix), c.article)
            if c.item:
                items.setdefault(key, (c, doc))
            if c.paragraph:
                paras.setdefault(key, (c, doc))
    return items, paras


_FINER_AFTER = re.compile(r"^\s*(?:第|[（(〔\[【]|之[一二三四五六七八九十])")


def _stops_at_article(c: Citation) -> bool:
    """Whether the citation as written ends at the 条: nothing that could be a garbled 款/项
    ("第九十七条第（三〕顶") follows the article, so the missing item is not a reading slip."""
    text = _cited_for(c)
    m = re.match(r"第[^条]{1,8}条", text)
    if not m:
        return False
    return not _FINER_AFTER.match(text[m.end():])


@register_check("legal_basis.citation_imprecise",
                params={"doc_types": "list[str]", "roles": "list[str]",
                        "needs_item": "map[list[int]]", "needs_paragraph": "map[list[int]]",
                        "formal_prefix": "str", "unarticled_kinds": "list[str]"},
                optional=("unarticled_kinds",))
def citation_imprecise(facts: Facts, params: dict):
    """【检查内容】作为违法条款或处罚依据引用的法律是否具体到条；对分款、分项规定的条文是否具体到款、项。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.15：违法/处罚依据未准确到条款项目的扣2分；
    《中华人民共和国行政处罚法》第五十九条第一款第（三）项（处罚的种类和依据）。
    【示例】“依据《中华人民共和国食品安全法》的规定”，或“依据《中华人民共和国食品安全法》第一百二十四条”
    而该条罚则分七项，未写明第几项。
    【整改】引用到条、款、项，如“第一百二十四条第一款第（三）项”。
    【何时转人工】问题全部是条文序号识别不清（写有“第…条”但未读出数字）时转人工；文书识别置信度低于参数
    low_confidence 时转人工。
    """
    out = []
    prefix = params["formal_prefix"]
    need_item = {law_key(k, prefix): set(v) for k, v in params["needs_item"].items()}
    need_para = {law_key(k, prefix): set(v) for k, v in params["needs_paragraph"].items()}
    # The file itself shows which articles are split: an article another document cites down to
    # its 项 (or 款) has items (paragraphs), whatever law it is — the table covers only laws it lists.
    itemised, paragraphed = _finer_citations(facts, prefix)
    for doc in facts.docs(*params["doc_types"]):
        problems, evidence = [], []
        unread = 0
        for c in doc.citations:
            if c.role not in params["roles"]:
                continue
            key = law_key(c.law, prefix)
            shown = None
            if not c.article and c.provision_unread:
                # a 第…条 stands there, misread: whether it is precise is for a human to read
                problems.append(f"{_cite_text(c)}所引条文序号识别不清")
                unread += 1
            elif not c.article and any(k in c.law for k in params.get("unarticled_kinds") or ()):
                continue   # a 裁量基准 or a catalogue cited by its title: it has no articles to name
            elif not c.article:
                problems.append(f"{_cite_text(c)}未写明条文")
            elif not c.item and c.article in need_item.get(key, ()):
                problems.append(f"{_cite_text(c)}分项规定，未写明第几项")
            elif not c.item and (key, c.article) in itemised and _stops_at_article(c):
                shown = itemised[key, c.article]
                problems.append(f"{_cite_text(c)}分项规定（卷内《{doc_name(shown[1])}》引用为{_cite_text(shown[0])}），"
                                f"未写明第几项")
            elif c.article in need_para.get(key, ()) and not c.paragraph and not c.item:
                problems.append(f"{_cite_text(c)}分款规定，未写明第几款")
            elif not c.paragraph and not c.item and (key, c.article) in paragraphed and _stops_at_article(c):
                shown = paragraphed[key, c.article]
                problems.append(f"{_cite_text(c)}分款规定（卷内《{doc_name(shown[1])}》引用为{_cite_text(shown[0])}），"
                                f"未写明第几款")
            else:
                continue
            evidence.append(_cite_ev(c, doc))
            if shown:
                evidence.append(_cite_ev(*shown))
        if problems:
            msg = f"《{doc_name(doc)}》法律条款引用不具体：{'；'.join(dict.fromkeys(problems))}"
            out.append(hit(msg, evidence[:4], needs_human=unread == len(problems) or low_conf(doc, params)))
    return out


def _name_letters(law: str) -> str:
    """A cited name without what cannot belong to it: a page number or stray Latin letters the
    text layer or OCR put inside it ("中华人12民共和国…" across a page break)."""
    return re.sub(r"[0-9A-Za-z\s]", "", norm_name(law))


# the kind of enactment a name ends with; a short name keeps it ("上网服务场所条例")
_ENACTMENT_KINDS = ("实施条例", "实施细则", "实施办法", "条例", "细则", "办法", "规定", "规则", "决定", "法")


def _enactment_kind(name: str) -> str:
    return next((k for k in _ENACTMENT_KINDS if name.endswith(k)), "")


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _abbreviates(short: str, full: str, prefix: str) -> bool:
    """Whether ``short`` is a shortened form of the law named ``full``: the same kind of enactment,
    its characters taken in order from the full name, at least two of them left out (one missing
    character is more likely a slip than an abbreviation).  A full name that merely adds a
    leading qualifier ("四川省" + "…条例") names another enactment (a local one), not the same law."""
    kind = _enactment_kind(short)
    # national laws (…法) have their own rule (the formal prefix); and one full national name can be
    # read out of another ("中华人民共和国产品质量法" in "…农产品质量安全法"): never an abbreviation
    if not kind or kind == "法" or short.startswith(prefix):
        return False
    if kind != _enactment_kind(full) or len(short) < len(kind) + 2:
        return False
    if len(full) - len(short) < 2 or len(short) < 0.4 * len(full):
        return False
    if full.endswith(short) and full[:-len(short)] != prefix:
        return False
    return _is_subsequence(short, full)


def _named_citations(doc):
    """The document's citations that name a law, each with its name's letters (see _name_letters)."""
    for c in doc.citations:
        name = _name_letters(c.law)
        if name:
            yield c, name


def _full_name_cited(name: str, cited: dict, prefix: str):
    """(citation, document) of a fuller name of the same law cited elsewhere in the file, if any."""
    for other, where in cited.items():
        if other != name and _abbreviates(name, other, prefix):
            return where
    return None


@register_check("legal_basis.law_name_nonstandard",
                params={"doc_types": "list[str]", "formal_prefix": "str",
                        "national_suffixes": "list[str]", "exempt_suffixes": "list[str]",
                        "exempt_names": "list[str]"})
def law_name_nonstandard(facts: Facts, params: dict):
    """【检查内容】法律名称是否使用全称并加书名号：全国人大及其常委会制定的法律应以“中华人民共和国”开头；
    法律名称是否置于《》之内。
    【依据】北京市行政处罚案卷标准和评查评分细则（2016版）30.19：条款项目表述不规范的扣1分；
    法律文书引用法律应使用规范全称（《立法技术规范（试行）》）。
    【示例】“违反了《食品安全法》第三十四条”、“依据食品安全法第一百二十四条”。
    【整改】改为“《中华人民共和国食品安全法》第三十四条”，法规、规章名称同样使用全称并加书名号。
    【何时转人工】文书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    prefix = params["formal_prefix"]
    cited = {}   # every name the file cites, with one place it is cited
    for d in facts.documents:
        for c in d.citations:
            cited.setdefault(_name_letters(c.law), (c, d))
    for doc in facts.docs(*params["doc_types"]):
        problems, evidence = [], []
        for c, name in _named_citations(doc):
            issue, full = None, None
            if getattr(c, "unbalanced", False):
                problems.append(f"“《{c.law}”书名号不成对（缺少“》”）")
                evidence.append(_cite_ev(c, doc))
                continue
            national = any(name.endswith(s) for s in params["national_suffixes"]) and not any(
                name.endswith(s) for s in params["exempt_suffixes"])
            if national and not name.startswith(prefix) and name not in params["exempt_names"]:
                issue = f"“{c.law}”未使用全称（应为“{prefix}{name}”）"
            elif (full := _full_name_cited(name, cited, prefix)) is not None:
                issue = f"“{c.law}”为简称，卷内同时引用了全称“{full[0].law}”"
            elif not c.bracketed:
                issue = f"“{c.law}”未加书名号《》"
            if issue:
                problems.append(issue)
                evidence.append(_cite_ev(c, doc))
                if full is not None:
                    evidence.append(_cite_ev(*full))
        if problems:
            out.append(hit(f"《{doc_name(doc)}》法律名称引用不规范：{'；'.join(dict.fromkeys(problems))}",
                           evidence[:4], needs_human=low_conf(doc, params)))
    return out


def _check_outdated(params: dict):
    def is_date(v):
        try:
            as_date(v)
            return True
        except (TypeError, ValueError):
            return False

    for i, rule in enumerate(params["repealed"]):
        if not isinstance(rule.get("law"), str) or not is_date(rule.get("repealed_on")):
            return "repealed", f"entry {i}: give law (a name) and repealed_on (a date)"
        if set(rule) - {"law", "repealed_on", "replaced_by"}:
            return "repealed", f"entry {i}: unknown key(s) {', '.join(sorted(set(rule) - {'law', 'repealed_on', 'replaced_by'}))}"
    for i, rule in enumerate(params["renumbered"]):
        if not isinstance(rule.get("law"), str) or not is_date(rule.get("in_force")):
            return "renumbered", f"entry {i}: give law (a name) and in_force (a date)"
        for j, art in enumerate(rule.get("articles") or []):
            if not isinstance(art, dict) or not isinstance(art.get("article"), int) or not art.get("new"):
                return "renumbered", f"entry {i} article {j}: give article (a number) and new (the current article)"
            if not isinstance(art.get("context", []), list):
                return "renumbered", f"entry {i} article {j}: context is a list of words"
    return None


@register_check("legal_basis.citation_outdated",
                params={"doc_types": "list[str]", "formal_prefix": "str",
                        "repealed": "list[map]", "renumbered": "list[map]"},
                validator=_check_outdated)
def citation_outdated(facts: Facts, params: dict):
    """【检查内容】是否引用参数 repealed 所列已废止的法律法规，或在参数 renumbered 所列新法施行后仍引用旧法条文序号
    （如新《行政处罚法》施行后仍引用修订前《行政处罚法》第三十一、三十二、四十二条告知陈述申辩、听证权利）。
    【依据】行政处罚案卷评查评分细则（standards §1.9 第10项）：未准确适用现行有效的法律法规规章或条文；
    《中华人民共和国行政处罚法》（2021年修订）第八十六条：本法自2021年7月15日起施行。
    【示例】2022年的告知书写“根据《中华人民共和国行政处罚法》第四十二条的规定，你单位有要求举行听证的权利”
    （现行条文为第六十三条、第六十四条）。
    【整改】引用文书制作时现行有效的法律及其条文序号；使用最新版执法文书格式范本。
    【何时转人工】文书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    prefix = params["formal_prefix"]
    fallback = decided(facts)
    for doc in facts.docs(*params["doc_types"]):
        dated = doc_date(doc) or fallback
        if dated is None:
            continue
        day = dated.date
        for c in doc.citations:
            key = law_key(c.law, prefix)
            for rule in params["repealed"]:
                if key == law_key(rule["law"], prefix) and day >= as_date(rule["repealed_on"]):
                    repl = f"，应引用《{rule['replaced_by']}》" if rule.get("replaced_by") else ""
                    out.append(hit(f"《{doc_name(doc)}》（{day.isoformat()}）引用的《{c.law}》已于"
                                   f"{as_date(rule['repealed_on']).isoformat()}废止{repl}",
                                   [_cite_ev(c, doc)], needs_human=low_conf(doc, params)))
            for rule in params["renumbered"]:
                if key != law_key(rule["law"], prefix) or day < as_date(rule["in_force"]):
                    continue
                for old in rule.get("articles", []):
                    if c.article != old["article"]:
                        continue
                    context = old.get("context") or []
                    if context and not any(k in _cited_for(c) for k in context):
                        continue
                    out.append(hit(
                        f"《{doc_name(doc)}》（{day.isoformat()}）引用{_cite_text(c)}（{old.get('topic', '')}），"
                        f"系{as_date(rule['in_force']).isoformat()}施行的新版修订前的条文序号，现行条文为{old['new']}",
                        [_cite_ev(c, doc)], needs_human=low_conf(doc, params)))
    return out


@register_check("legal_basis.citation_inconsistent",
                params={"roles": "list[str]", "formal_prefix": "str",
                        "notice_types": "list[str]", "decision_types": "list[str]",
                        "procedural_laws": "list[str]"},
                optional=("procedural_laws",))
def citation_inconsistent(facts: Facts, params: dict):
    """【检查内容】事先告知书与处罚决定书对同一违法行为引用的违法条款、处罚依据是否一致（比较到条；两份文书都写明
    款、项的，比较到款、项）。
    【依据】行政处罚案卷评查评分细则（standards §1.9 第11项）：引用法律法规规章或条款项目错误；
    《中华人民共和国行政处罚法》第四十四条：告知的依据与决定的依据应当一致，改变依据须重新告知。
    【示例】告知书依据《中华人民共和国食品安全法》第一百二十六条，决定书依据第一百二十四条；或告知书依据
    《中华人民共和国大气污染防治法》第九十九条第（三）项，决定书依据同条第（二）项。
    【整改】核实适用条款，决定依据与告知依据不一致的，应重新履行告知程序。
    【何时转人工】不一致的引用所在文书中任一份识别置信度低于参数 low_confidence 时转人工。长名称只差一个字、且任一处
    识别置信度低于参数 ocr_firm_confidence 的，视为同一法律的识别误差，不报告。
    """
    out = []
    prefix = params["formal_prefix"]
    notices = facts.docs(*params["notice_types"])
    decisions = facts.docs(*params["decision_types"])
    if not notices or not decisions:
        return out
    labels = {"violated": "违法条款", "penalty_basis": "处罚依据"}
    firm_conf = params.get("ocr_firm_confidence")

    def same_law(x: Citation, y: Citation) -> bool:
        kx, ky = law_key(x.law, prefix), law_key(y.law, prefix)
        if kx == ky:
            return True
        # One character apart in a long name, where OCR read either name unsurely
        # (互联网上网服务莒业场所管理条例): the same law misread, not another law.  A different
        # law, or a short form of the name, differs by more than that.
        unsure = any(c.conf is not None and (firm_conf is None or c.conf < firm_conf) for c in (x, y))
        return unsure and min(len(kx), len(ky)) >= LAW_SLIP_MIN_LEN and edit_distance(kx, ky) <= 1

    def provisions(docs, role):
        return [(c, d) for d in docs for c in d.citations
                if c.role == role and c.article and not _procedural(c, params)]

    def same(x: Citation, y: Citation) -> bool:
        # compared down to the 款 and 项 where both documents give them; a side that stops at the
        # 条 is imprecise (citation_imprecise), not a different provision
        if not same_law(x, y) or x.article != y.article:
            return False
        if x.paragraph and y.paragraph and x.paragraph != y.paragraph:
            return False
        return not (x.item and y.item and x.item != y.item)

    for role in params["roles"]:
        n, d = provisions(notices, role), provisions(decisions, role)
        if not n or not d:
            continue
        only_n = [(c, doc) for c, doc in n if not any(same(c, y) for y, _ in d)]
        only_d = [(c, doc) for c, doc in d if not any(same(c, x) for x, _ in n)]
        if not only_n and not only_d:
            continue
        parts = []
        if only_n:
            parts.append("告知书引用而决定书未引用：" + "、".join(dict.fromkeys(_cite_text(c) for c, _ in only_n)))
        if only_d:
            parts.append("决定书引用而告知书未引用：" + "、".join(dict.fromkeys(_cite_text(c) for c, _ in only_d)))
        evidence = [_cite_ev(c, doc) for c, doc in (only_n + only_d)[:4]]
        uncertain = any(low_conf(doc, params) for _, doc in only_n + only_d)
        out.append(hit(f"告知书与决定书的{labels.get(role, role)}不一致：{'；'.join(parts)}",
                       evidence, needs_human=uncertain))
    return out


@register_check("legal_basis.simplified_over_limit", params={"max_fine": "map[number]"})
def simplified_over_limit(facts: Facts, params: dict):
    """【检查内容】适用简易程序（当场处罚）的罚款是否超过参数 max_fine 按当事人类型（公民；法人或其他组织）所定的限
    额。
    【依据】《中华人民共和国行政处罚法》第五十一条：违法事实确凿并有法定依据，对公民处以二百元以下、
    对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。
    【示例】当场处罚决定书对个体工商户经营者（公民）罚款500元。
    【整改】超过限额的案件应适用普通程序（立案、调查、告知、决定），已作出的当场处罚决定应依法纠正。
    【何时转人工】罚款超过对公民的限额、未超过对单位的限额（参数 max_fine）而未能确定当事人类型时转人工；决定书识别
    置信度低于参数 low_confidence 时转人工。
    """
    docs = facts.docs("decision")
    fines = [a for d in docs for a in amounts(d, "fine")]
    fine = max(fines) if fines else facts.fine_yuan
    if not fine:
        return []
    kind = party_kind(facts)
    caps = params["max_fine"]
    evidence = [ev(a.page, a.quote) for d in docs for a in d.amounts if a.role == "fine"][:2] or [
        doc_ev(d) for d in docs[:1]]
    unreadable = any(low_conf(d, params) for d in docs)
    if kind in caps:
        if fine > caps[kind]:
            who = "公民" if kind == "individual" else "法人或其他组织"
            msg = f"简易程序当场处罚罚款{fmt_yuan(fine)}，超过对{who}的{fmt_yuan(caps[kind])}限额"
            if unreadable:
                return [hit(msg + "；金额取自识别置信度低的扫描页，需人工核实", evidence, needs_human=True)]
            return [hit(msg, evidence)]
        return []
    highest = max(caps.values())
    if fine > highest:
        return [hit(f"简易程序当场处罚罚款{fmt_yuan(fine)}，超过任何当事人类型的限额（最高{fmt_yuan(highest)}）",
                    evidence, needs_human=unreadable)]
    if fine > min(caps.values()):
        return [hit(f"简易程序当场处罚罚款{fmt_yuan(fine)}，超过对公民的限额但未超过对单位的限额；"
                    f"未能判断当事人是公民还是单位，需人工核实", evidence, needs_human=True)]
    return []
