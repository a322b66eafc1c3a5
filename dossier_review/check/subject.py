"""执法主体 (subject legality): the authority, the officers, the party."""
from __future__ import annotations

import re
from collections import defaultdict

from ..lib.ids import check_digit_error, clean_id, id_kind, same_number
from ..model import Evidence, Facts
from .common import (
    doc_ev,
    doc_name,
    edit_distance,
    ev,
    field_ev,
    hit,
    hit_unless_unreadable,
    low_conf,
    norm_name,
    pages_of,
    surest,
)
from .confusables import misreading_fix
from .registry import register_check
from .reread import reread_value


@register_check("subject.authority_missing", params={"doc_types": "list[str]"})
def authority_missing(facts: Facts, params: dict):
    """【检查内容】行政处罚决定书是否写明作出决定的行政机关名称（落款机关）。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款第（六）项：行政处罚决定书应当载明
    “作出行政处罚决定的行政机关名称和作出决定的日期”；第二款：必须盖有作出决定的行政机关的印章。
    【示例】决定书末尾只有日期和空白印章位置，没有“××市市场监督管理局”字样。
    【整改】在决定书落款处写明作出决定的行政机关全称，与印章名称一致。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        if (doc.authority or "").strip() or doc.elements.get("authority") is True:
            continue
        evidence = [doc.date_evidence or doc_ev(doc, "落款处")]
        if low_conf(doc, params):
            out.append(hit(f"《{doc_name(doc)}》未识别到落款机关名称，但该文书识别置信度低，需人工核实",
                           evidence, needs_human=True))
        else:
            out.append(hit(f"《{doc_name(doc)}》未载明作出决定的行政机关名称（落款机关）", evidence))
    return out


@register_check("subject.authority_inconsistent",
                params={"doc_types": "list[str]", "team_suffixes": "list[str]", "office_suffixes": "list[str]",
                        "external_types": "list[str]"},
                optional=("team_suffixes", "office_suffixes", "external_types"))
def authority_inconsistent(facts: Facts, params: dict):
    """【检查内容】立案审批表、事先告知书、处罚决定书等文书所载的执法机关名称是否一致。
    【依据】《中华人民共和国行政处罚法》第十七条：行政处罚由具有行政处罚权的行政机关在法定职权范围内
    实施。同一案件应由同一机关立案、告知和决定，以该机关名义作出。
    【示例】立案审批表为“甲县市场监督管理局”，决定书落款为“乙县市场监督管理局”。
    【整改】核实实施主体，统一以有处罚权的机关名义制作全部文书；确属主体错误的应撤销重作。
    【何时转人工】各名称互相包含（可能为内设机构或简称）时转人工；只有两个名称、相差不超过两个字且涉及识别置信度低于
    参数 low_confidence 的文书（可能为识别误差）时转人工。下属执法队伍或内设科室以自己名义制作文书的，为确定问题。
    """
    seen: dict[str, list] = defaultdict(list)
    for doc in facts.docs(*params["doc_types"]):
        name = norm_name(doc.authority)
        if name:
            seen[name].append(doc)
    if len(seen) < 2:
        return []
    names = list(seen)
    best = {n: surest(field_ev(d, "authority")[0] for d in docs) for n, docs in seen.items()}
    evidence = list(best.values())
    listing = "；".join(f"{'、'.join('《'+doc_name(d)+'》' for d in docs)}：“{n}”"
                       for n, docs in seen.items())
    docs_all = [d for docs in seen.values() for d in docs]
    # "X局综合执法队" beside "X局": a document made in the name of the organ's own unit, which
    # has no power to punish in its own name (第17条).  An enforcement team (执法队伍) must act in
    # its department's name, so a document headed by it is firm; an office's name (科/室) on an
    # internal form is often only the 承办机构, so it is firm only on the notice or the decision.
    teams = params.get("team_suffixes") or []
    offices = params.get("office_suffixes") or []
    external = set(params.get("external_types") or ())
    for organ in names:
        for unit in names:
            if unit == organ or not unit.startswith(organ) or any(low_conf(d, params) for d in docs_all):
                continue
            team = any(unit.endswith(u) for u in teams)
            office = any(unit.endswith(u) for u in offices) and any(d.type in external for d in seen[unit])
            if team or office:
                # the organ's name is read again as the start of the unit's: the claim rests on
                # the unit's reading, which confirms the organ's
                o, u = best[organ], best[unit]
                if o is not None and u is not None and u.conf is not None:
                    best[organ] = Evidence(page=o.page, quote=o.quote, conf=max(o.conf or 0.0, u.conf), box=o.box, read=o.read)
                evidence = [best[unit], best[organ]]
                return [hit(f"各文书所载执法机关名称不一致：{listing}；“{unit}”是“{organ}”的内设（下属）机构，"
                            f"不能以自己的名义实施行政处罚", evidence)]
    # Otherwise one name inside another is often an abbreviation (no region prefix); OCR slips
    # differ by a character or two.  Neither is a firm accusation.
    nested = all(any(a in b or b in a for b in names if b != a) for a in names)
    near = len(names) == 2 and edit_distance(*names) <= 2 and any(low_conf(d, params) for d in docs_all)
    if nested or near:
        return [hit(f"各文书所载执法机关名称不完全一致（{listing}），可能为内设机构、简称或识别误差，需人工核实",
                    evidence, needs_human=True)]
    found = hit(f"各文书所载执法机关名称不一致：{listing}", evidence)
    found.doubt = _one_character_apart(facts, names, evidence)
    return [found]


@register_check("subject.officers_fewer_than_two", params={"record_types": "list[str]"})
def officers_fewer_than_two(facts: Facts, params: dict):
    """【检查内容】现场检查（勘验）笔录、询问（调查）笔录记载的执法人员是否不少于两人。
    【依据】《中华人民共和国行政处罚法》第四十二条第一款：行政处罚应当由具有行政执法资格的执法人员
    实施。执法人员不得少于两人，法律另有规定的除外。
    【示例】询问笔录“询问人”栏只有“张三（执法证号 12345）”一人。
    【整改】调查取证须由两名以上持证执法人员进行；仅一人实施的调查取证不能作为定案依据，应依法重新取证。
    【何时转人工】未能识别任何执法人员姓名时转人工；只识别到一人而笔录识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["record_types"]):
        names = {norm_name(o.name) for o in doc.officers if norm_name(o.name)}
        evidence = field_ev(doc, "officers")
        if len(names) >= 2:
            continue
        if not names:
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）未能识别执法人员姓名，无法判断人数，需人工核实",
                           evidence, needs_human=True))
        elif low_conf(doc, params):
            out.append(hit(f"《{doc_name(doc)}》仅识别到执法人员“{next(iter(names))}”一人，"
                           f"但该文书识别置信度低，需人工核实", evidence, needs_human=True))
        else:
            out.append(hit(f"《{doc_name(doc)}》（{pages_of(doc)}）仅记载执法人员“{next(iter(names))}”一人，"
                           f"少于法定的两人", evidence))
    return out


@register_check("subject.officer_certificate_missing", params={"doc_types": "list[str]",
                                                               "statement_types": "list[str]"},
                optional=("statement_types",))
def officer_certificate_missing(facts: Facts, params: dict):
    """【检查内容】笔录（及当场处罚决定书）所列执法人员是否载明执法证件编号，笔录是否记载已出示执法证件。
    【依据】《中华人民共和国行政处罚法》第五十五条第一款：执法人员在调查或者进行检查时，应当主动向当事人
    或者有关人员出示执法证件；第五十二条第一款：当场作出行政处罚决定的，执法人员应当向当事人出示执法证件。
    【示例】询问笔录写“执法人员：张三、李四”，无执法证号，也无“已出示执法证件”的记载。
    【整改】在笔录首部逐一填写执法人员姓名及执法证件编号，并记载“执法人员已出示执法证件”，由当事人确认。
    【何时转人工】文书识别置信度低于参数 low_confidence 时转人工（证号可能未被识别）。
    """
    out = []
    # A standard may require the record itself to say the certificates were shown (第五十五条:
    # "在调查或者进行检查时", so the records of those acts, e.g. [inspection, inquiry]); without
    # statement_types, certificate numbers in the record suffice.
    silent_types = set(params.get("statement_types") or ())
    for doc in facts.docs(*params["doc_types"]):
        if not doc.officers and doc.certificate_shown is not False:
            continue
        problems = []
        no_cert = [o.name for o in doc.officers if not (o.certificate or "").strip()]
        if no_cert:
            problems.append(f"执法人员{'、'.join(no_cert)}未载明执法证件编号")
        if doc.certificate_shown is False:
            problems.append("未记载向当事人出示执法证件")
        elif doc.certificate_shown is None and doc.type in silent_types:
            # a record that names the officers but never says they showed their certificates:
            # certificate numbers in the header do not record that the party saw them
            problems.append("未记载执法人员向当事人出示执法证件")
        if not problems:
            continue
        evidence = field_ev(doc, "officers", "certificate_shown")
        msg = f"《{doc_name(doc)}》（{pages_of(doc)}）{'；'.join(problems)}"
        if low_conf(doc, params):
            out.append(hit(msg + "；该文书识别置信度低，证号可能未被识别，需人工核实", evidence, needs_human=True))
        else:
            out.append(hit(msg, evidence))
    return out


_FIELD_NAMES = {"name": "姓名/名称", "id_number": "统一社会信用代码或身份证件号码", "address": "地址/住所",
                "representative": "法定代表人（负责人）"}


@register_check("subject.party_incomplete",
                params={"doc_types": "list[str]", "required_fields": "list[str]",
                        "organisation_fields": "list[str]", "individual_fields": "list[str]"})
def party_incomplete(facts: Facts, params: dict):
    """【检查内容】处罚决定书所载当事人基本情况是否完整：名称/姓名、统一社会信用代码或身份证件号码、
    地址；当事人为单位的，还应载明法定代表人（负责人）。
    【依据】《中华人民共和国行政处罚法》第五十九条第一款第（一）项：当事人的姓名或者名称、地址；
    各地评查标准（如北京2016版30.17）将“当事人基本情况记载不完整”列为扣分项。
    【示例】决定书写“当事人：某某餐饮有限公司”，未写统一社会信用代码和法定代表人。
    【整改】按营业执照/身份证件补全当事人名称、证照号码、住所和法定代表人（负责人）姓名。
    【何时转人工】决定书识别置信度低于参数 low_confidence 时转人工。
    """
    out = []
    for doc in facts.docs(*params["doc_types"]):
        party = doc.party
        if party is None:
            continue  # nothing read: the decision-elements check reports a missing party
        wanted = list(params["required_fields"])
        if party.kind == "organisation":
            wanted += params["organisation_fields"]
        elif party.kind == "individual":
            wanted += params["individual_fields"]
        missing = [f for f in dict.fromkeys(wanted) if not (getattr(party, f, None) or "").strip()]
        if not missing:
            continue
        labels = "、".join(_FIELD_NAMES.get(f, f) for f in missing)
        evidence = list(party.evidence[:2]) or field_ev(doc, "party")
        msg = f"《{doc_name(doc)}》当事人基本情况不完整，缺少：{labels}"
        out.append(hit_unless_unreadable(doc, params, msg, evidence))
    return out


@register_check("subject.party_inconsistent", params={"doc_types": "list[str]",
                                                      "max_ocr_edit_distance": "int"})
def party_inconsistent(facts: Facts, params: dict):
    """【检查内容】各文书所载当事人名称（姓名）和证照号码是否前后一致。
    【依据】行政处罚案卷评查标准（参见 standards §1.10 基本标准1(3)）：当事人名称在各文书中应一致，
    不规范的扣2分；《中华人民共和国行政处罚法》第五十九条要求准确载明当事人。
    【示例】立案审批表为“某某商贸有限公司”，决定书为“某某商贸公司”；或身份证号末位不同。
    【整改】以营业执照/身份证件为准统一全部文书中的当事人名称和证照号码，对错误文书依法补正。
    【何时转人工】不同写法出自识别置信度低于参数 low_confidence 的文书、且与其他写法相差不超过参数
    max_ocr_edit_distance 个字（可能为识别误差）时转人工；两个名称一个包含另一个（简称或含字号）时转人工。
    """
    names: dict[str, list] = defaultdict(list)
    ids: dict[str, list] = defaultdict(list)
    # Records name the person questioned, who may be the party's representative: only the
    # documents that state "the party" are compared.
    for doc in facts.docs(*params["doc_types"]):
        if doc.party is None:
            continue
        if norm_name(doc.party.name):
            names[norm_name(doc.party.name)].append(doc)
        if clean_id(doc.party.id_number or ""):
            v = clean_id(doc.party.id_number)
            # a masked copy of the number (3701**********9347) is the same number
            key = next((k for k in ids if same_number(k, v)), v)
            ids[key].append(doc)
    out = []
    for label, seen in (("当事人名称", names), ("证照号码", ids)):
        if len(seen) < 2:
            continue
        values = list(seen)
        listing = "；".join(f"{'、'.join('《'+doc_name(d)+'》' for d in docs)}：“{v}”" for v, docs in seen.items())
        evidence = [surest(d.party.evidence[0] if d.party and d.party.evidence else doc_ev(d) for d in docs)
                    for docs in seen.values()]
        # OCR typically changes a character or two; if an unreadable page carries a variant that
        # is that close to another, the variation may be the machine's, not the agency's.
        low = [v for v, docs in seen.items() if any(low_conf(d, params) for d in docs)]
        ocr_like = low and all(
            any(edit_distance(v, w) <= params["max_ocr_edit_distance"] for w in values if w != v)
            for v in low)
        nested = label == "当事人名称" and len(values) == 2 and (values[0] in values[1] or values[1] in values[0])
        if ocr_like or nested:
            reason = "可能为识别误差" if ocr_like else "一处为另一处的简称或含字号，可能指同一主体"
            out.append(hit(f"各文书{label}不一致（{listing}），{reason}，需人工核实", evidence, needs_human=True))
        else:
            found = hit(f"各文书{label}不一致：{listing}", evidence)
            found.doubt = _one_character_apart(facts, values, evidence)
            out.append(found)
    return out


def _one_character_apart(facts: Facts, values: list[str], evidence: list) -> str | None:
    """Why two readings of one name that differ in a single character, one of them by OCR, may
    be one name misread (one character of an agency's name, 晋/普): None when they differ more,
    or were both read from a text layer.  A second reading of those characters decides."""
    if len(values) != 2 or len(values[0]) != len(values[1]):
        return None
    diff = [(a, b) for a, b in zip(values[0], values[1], strict=True) if a != b]
    scanned = {p.page for p in facts.pages if p.source == "ocr"}
    if len(diff) != 1 or not any(e is not None and e.page in scanned for e in evidence):
        return None
    a, b = diff[0]
    return f"两处仅“{a}”“{b}”一字之差，且出自扫描件识别结果，可能系识别误差，需人工核实"


@register_check("subject.party_id_invalid", params={"firm_min_confidence": "number"})
def party_id_invalid(facts: Facts, params: dict):
    """【检查内容】当事人统一社会信用代码（GB 32100-2015）或公民身份号码（GB 11643-1999）的校验码是否正确。
    【依据】GB 32100-2015《法人和其他组织统一社会信用代码编码规则》第4.5条、GB 11643-1999《公民身份号码》
    第6条规定了校验码的计算方法；号码错误即当事人身份认定有误（行政处罚法第五十九条第（一）项）。
    【示例】“统一社会信用代码：91350100M000100Y44”，按 GB 32100 计算校验码应为“3”。
    【整改】对照营业执照、身份证原件核对号码，更正全部文书中的错误号码。
    【何时转人工】载有该号码的文书不足两份、且识别置信度都低于参数 firm_min_confidence 时转人工（识别误读一位数字
    同样校验失败）；两份以上文书载有同一错误号码的，为确定问题。
    """
    # Each distinct number once, with every document that carries it.
    carriers: dict[str, list] = defaultdict(list)
    declared: dict[str, str] = {}
    for doc in facts.documents:
        if doc.party and clean_id(doc.party.id_number or ""):
            v = clean_id(doc.party.id_number)
            carriers[v].append(doc)
            if doc.party.id_kind:
                declared.setdefault(v, doc.party.id_kind)
    if facts.party and clean_id(facts.party.id_number or "") and clean_id(facts.party.id_number) not in carriers:
        carriers[clean_id(facts.party.id_number)] = []
        if facts.party.id_kind:
            declared.setdefault(clean_id(facts.party.id_number), facts.party.id_kind)
    out = []
    sources = {p.page: p.source for p in facts.pages}
    for value, docs in carriers.items():
        person = any(d.party and d.party.kind == "individual" and not d.party.individual_business for d in docs)
        kind = id_kind(value, declared.get(value), individual=person)
        if kind is None:   # not a number with a check character, or masked on purpose
            continue
        reason = check_digit_error(value, kind)
        if reason is None:
            continue
        label = "统一社会信用代码" if kind == "credit_code" else "公民身份号码"
        evidence = [d.party.evidence[0] if d.party.evidence else doc_ev(d) for d in docs[:3]]
        if not evidence:
            evidence = list(facts.party.evidence[:1]) or [ev(0, value)]
        msg = f"当事人{label}“{value}”校验失败：{reason}"
        scanned = [e for e in evidence if sources.get(e.page) == "ocr"]
        if scanned and len(scanned) == len(evidence):
            # read by OCR only: a second engine's reading of the number decides first
            reread = [r for r in (reread_value(facts, e) for e in scanned) if r]
            if any(_valid_in(r, kind) for r in reread):
                continue   # the second reading is a valid number: the first was misread
            if (fix := misreading_fix(value, kind)) is not None:
                i, read, alt = fix
                found = hit(msg, evidence)
                found.ocr_weighed = True
                found.doubt = f"第{i + 1}位“{read}”若为形近的“{alt}”则校验通过，可能系识别误差，需人工核实"
                out.append(found)
                continue
        # A digit misread by OCR fails the check too: firm only when read from a clean text
        # layer / confident OCR, or when two documents carry the identical wrong number.
        confident = any(d.ocr_confidence >= params["firm_min_confidence"] for d in docs)
        if confident or len(docs) >= 2:
            found = hit(msg, evidence)
            found.ocr_weighed = True   # weighed here; a second reading still may contradict it
            out.append(found)
        else:
            out.append(hit(msg + "；号码来自识别置信度不高的扫描页，可能为识别误差，需人工核实",
                           evidence, needs_human=True))
    return out


def _valid_in(text: str, kind: str) -> bool:
    """Whether ``text`` (a second reading's characters) holds a number of ``kind`` that checks."""
    for m in re.finditer(r"[0-9A-Z]{18}", (text or "").upper()):
        if check_digit_error(m.group(0), kind) is None:
            return True
    return False
