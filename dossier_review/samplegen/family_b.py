"""Template family B: the same cases printed with another agency's forms.

Family A (``render.Renderer``) is the layout the committed samples use.  Family B exists so that a
tuning loop on our own samples can be caught over-fitting: the law behind every document is the
same, but titles, 文号, label words and orders, record headers, sentence wording, date and amount
styles and the page flow (notices starting mid-page, decisions over 2–3 pages with a blank back,
one photo per page) all differ.  Nothing here decides a defect: ``restyle`` only changes how a case
is printed (never a fact the truth is derived from), so ``truth.compute_defects`` stays exact.

Choices use their own random streams (``family-b-*``) so family A's output is untouched.
"""
from __future__ import annotations

import io
import random
from xml.sax.saxutils import escape

import cn2an
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from . import art
from .case import Case, Doc
from .fmt import hanzi_num
from .render import Renderer, SealBlock

FAMILIES = ("A", "B")

# titles another agency's forms carry for the same document types (DESIGN.md vocabulary)
TITLES = {
    "catalog": ["卷内文件目录", "卷内目录"],
    "case_source": ["案源登记表", "案件来源登记表"],
    "filing": ["行政处罚立案审批表", "立案呈批表", "案件立案审批表"],
    "inspection": ["现场勘验检查笔录", "检查笔录", "现场检查记录"],
    "inquiry_notice": ["接受调查询问通知书", "协助调查通知书"],
    "inquiry": ["询问调查笔录", "调查笔录"],
    "ev_identity_org": ["营业执照（副本）复印件", "当事人主体资格证明材料"],
    "ev_identity_person": ["居民身份证复印件", "当事人身份证明"],
    "ev_photos": ["现场检查照片", "照片证据"],
    "ev_report_market": ["检验检测报告", "产品质量检验报告"],
    "ev_report_env": ["环境监测报告", "检测报告"],
    "ev_books": ["书证（销售记录）", "进销货台账复印件"],
    "report": ["案件调查报告", "违法案件调查报告", "调查终结报告书"],
    "legal_review": ["法制审核表", "行政执法决定法制审核表"],
    "discussion": ["重大案件集体讨论笔录", "案件集体讨论记录表", "负责人集体讨论记录"],
    "notice_hearing": ["行政处罚告知书", "行政处罚听证告知书", "行政处罚（听证）告知书"],
    "notice_plain": ["行政处罚告知书", "行政处罚意见告知书"],
    "receipt": ["行政处罚文书送达回证", "文书送达回证", "送达回执"],
    "statement": ["陈述申辩记录", "当事人陈述申辩笔录"],
    "statement_review": ["陈述申辩复核报告", "陈述申辩意见复核表"],
    "hearing_request": ["听证申请书", "要求举行听证申请书"],
    "hearing_notice": ["行政处罚听证通知书", "举行听证通知书"],
    "hearing_record": ["行政处罚听证笔录", "听证会笔录"],
    "hearing_report": ["听证意见书", "听证会报告书"],
    "extension": ["案件延长办理期限审批表", "延长办案期限呈批表"],
    "approval": ["行政处罚决定审批表", "案件处理呈批表", "处罚决定呈批表"],
    "decision": ["行政处罚决定书"],
    "decision_simplified": ["简易程序行政处罚决定书", "当场处罚决定书", "行政处罚决定书（简易程序）"],
    "payment": ["非税收入一般缴款书", "罚没收入缴款书", "罚没款收据"],
    "closing": ["行政处罚案件结案报告", "结案报告", "案件结案审批表"],
    "remarks": ["备考表", "卷内备考表"],
}


def _title_key(case: Case, doc: Doc) -> str | None:
    k = doc.key
    if k == "ev_identity":
        return "ev_identity_person" if case.party.kind == "individual" else "ev_identity_org"
    if k == "ev_report":
        return "ev_report_market" if case.violation.agency_kind == "市场监督管理局" else "ev_report_env"
    if k in ("inquiry1", "inquiry2"):
        return "inquiry"
    if k == "notice":
        return "notice_hearing" if doc.attrs.get("hearing_right") else "notice_plain"
    if k in ("notice_receipt", "decision_receipt"):
        return "receipt"
    if k == "decision" and case.procedure == "simplified":
        return "decision_simplified"
    return k if k in TITLES else None


def _docno(style: str, prefix: str, mid: str, year: int, n: int) -> str:
    # every style keeps 〔year〕: the truth's DOCNO_RE calls a number valid by that alone
    if style == "zi":
        return f"{prefix}{mid}字〔{year}〕{n}号"
    if style == "bare":
        return f"〔{year}〕第{n}号"
    return f"{prefix}〔{year}〕{mid}{n}号"          # year_first: 杭环〔2024〕罚12号


def restyle(case: Case) -> None:
    """Turn a freshly built (not yet defect-injected) case into a family-B case.

    Runs before the injectors so that a mangled 文号 or a removed paper acts on family-B text.
    """
    rng = random.Random(f"family-b-{case.seed}")
    s = case.style
    s["family"] = "B"
    for doc in case.docs:
        key = _title_key(case, doc)
        if key:
            doc.title = rng.choice(TITLES[key])
    docno_style = rng.choice(["zi", "bare", "year_first"])
    s["docno"] = docno_style
    n = int(case.numbers["archive"][4:])
    prefix = case.agency["prefix"]
    y_filed = case.dates.get("filed", case.dates.get("decided")).year
    nums = case.numbers
    nums["case"] = _docno(docno_style, prefix, "立", y_filed, n)
    if case.procedure == "general":
        y_notice = case.dates["notice_issued"].year
        nums["notice"] = _docno(docno_style, prefix, rng.choice(["罚告", "告"]), y_notice, n)
        nums["hearing_notice"] = _docno(docno_style, prefix, "听", y_notice, n)
        nums["decision"] = _docno(docno_style, prefix, "罚", case.dates["decided"].year, n)
        for key, which in (("notice", "notice"), ("hearing_notice", "hearing_notice"), ("decision", "decision")):
            d = case.doc(key)
            if d and d.attrs.get("number"):
                d.attrs["number"] = nums[which]
    else:
        d = case.doc("decision")
        day = case.dates["decided"]
        d.attrs["number"] = _docno(docno_style, prefix, rng.choice(["简罚", "当罚"]), day.year, rng.randint(100, 9999))
        nums["decision"] = d.attrs["number"]

    s["date"] = rng.choice(["hanzi", "slash", "pad_cn", "cn", "slash"])
    s["seal_date"] = rng.choice(["hanzi", "cn"])
    s["amount"] = rng.choice(["words_currency", "wan", "rmb_figures", "figures_words", "wan"])
    if s["amount"] == "wan" and case.fine % 1000:
        s["amount"] = "rmb_figures"
    company = case.party.kind == "company"
    s["party_label"] = rng.choice(["被处罚人", "被处罚单位" if company else "被处罚人", "当事人（单位）" if company else "当事人（个人）"])
    s["inspect_label"] = "被检查单位" if company else rng.choice(["被检查人", "被检查单位"])
    s["addr_label"] = rng.choice(["住所", "住所地", "地址"]) if company else rng.choice(["经营场所", "住址", "地址"])
    s["rep_label"] = rng.choice(["法定代表人（负责人）", "负责人", "法定代表人"])
    s["cert_label"] = rng.choice(["执法证件号码", "执法证号", "证件号"])
    s["id_label"] = rng.choice(["统一社会信用代码", "社会信用代码（注册号）"])
    s["person_id_label"] = rng.choice(["公民身份号码", "身份证件号码"])
    s["header"] = rng.choice(["combined", "rule", "form_code"])
    s["record_head"] = rng.choice(["table", "table", "lines"])
    s["qa"] = rng.choice(["inline", "lines_colon"])
    s["remedy_b"] = rng.randrange(3)
    s["hearing_b"] = rng.randrange(3)
    s["digits"] = rng.choice(["hanzi", "arabic"])
    s["decision_size"] = rng.choice([13.5, 14, 15])
    s["blank_back"] = rng.random() < 0.6
    s["photo_per_page"] = True
    s["you"] = "你单位" if company else rng.choice(["你", "你"])  # same draw count; "你（单位）" would be a residue
    # another agency's binding order: notices follow the previous paper on the same sheet
    for doc in case.docs:
        if doc.type == "prior_notice" or (doc.type == "legal_review" and rng.random() < 0.5):
            doc.same_page = True
        elif doc.type == "service_receipt":
            doc.same_page = rng.random() < 0.6


def _digits(text: str, style: str) -> str:
    return cn2an.transform(text, "cn2an") if style == "arabic" else text


class Blank(Flowable):
    """The unprinted back of a double-sided sheet: takes a page, draws nothing."""

    def wrap(self, aw, ah):
        # Fill the page but a sliver: the document's zero-height end mark still lands on this
        # sheet, and the next document (taller than the sliver) starts on a new one.
        return aw, max(ah - 1, 0)

    def draw(self):
        pass


class RendererB(Renderer):
    def __init__(self, case: Case):
        super().__init__(case)
        self.rng = random.Random(f"family-b-render-{case.seed}")

    # -------------------------------------------------------------- common parts
    def header(self, doc, authority, number=None):
        s = self.c.style
        out = []
        if s["header"] == "form_code":
            out.append(self.P(f"（执法文书{self.rng.randint(1, 30)}-{self.rng.randint(1, 4)}）", self.small))
        if authority and s["header"] == "combined":
            out.append(self.P(authority + doc.title, self.title))
        else:
            if authority:
                out.append(self.P(authority, self.head))
            out.append(self.P(doc.title, self.title))
            if authority and s["header"] == "rule":
                out.append(HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=2, spaceAfter=4))
        if number:
            out.append(self.P(number, self.right))
        out.append(Spacer(1, 0.25 * cm))
        return out

    def officer_text(self, idxs, certs=True):
        offs = [self.c.officers[i] for i in idxs]
        if certs:
            lab = self.c.style["cert_label"]
            return "，".join(f"{o.name}，{lab}{o.cert}" for o in offs)
        return "、".join(o.name for o in offs)

    def party_block(self, attrs=None, show=None):
        p, s = self.c.party, self.c.style
        show = show or {"name": True, "id": True, "address": True, "representative": True}
        name = (attrs or {}).get("party_name", p.name)
        pid = (attrs or {}).get("party_id", p.id_number)
        label = s["party_label"]
        if p.kind == "individual":
            parts = [f"{label}：{name}" if show["name"] else f"{label}：", f"性别：{p.gender}"]
            if show["id"]:
                parts.append(f"{s['person_id_label']}：{pid}")
            if show["address"]:
                parts.append(f"{s['addr_label']}：{p.address}")
            parts.append(f"联系电话：{p.phone}")
            return [self.P("　".join(parts), self.plain)]
        # an organisation on one run-on line, the way many county forms print it
        parts = [f"{label}：{name}" if show["name"] else f"{label}："]
        if show["address"]:
            parts.append(f"{s['addr_label']}：{p.address}")
        if show["id"]:
            parts.append(f"{s['id_label']}：{pid}")
        if show["representative"] and p.representative:
            parts.append(f"{s['rep_label'] if p.kind == 'company' else '经营者'}：{p.representative}")
        return [self.P("；".join(parts) + "。", self.plain)]

    # -------------------------------------------------------------- records
    def _record_when(self, doc) -> str:
        a = doc.attrs
        (st, e) = a["times"]
        if not a["time_complete"]:
            return f"{self.d(doc.date)}{'上午' if st[0] < 12 else '下午'}"
        if not a["date_shown"]:
            return f"{st[0]}时{st[1]:02d}分至{e[0]}时{e[1]:02d}分"
        return f"{self.d(doc.date)} {st[0]:02d}:{st[1]:02d}—{e[0]:02d}:{e[1]:02d}"

    def _record_head(self, doc, kind):
        c, a, s = self.c, doc.attrs, self.c.style
        offs = a["officers"]
        place = c.party.address if kind == "inspection" else c.agency["address"]
        if kind == "inspection":
            people = [(s["inspect_label"], a["party_name"]),
                      (s["id_label"] if c.party.kind != "individual" else s["person_id_label"], a["party_id"]),
                      ("负责人" if c.party.kind == "company" else "在场人", f"{c.staff['respondent']}（{c.staff['respondent_title']}）"),
                      ("检查人员", "、".join(c.officers[i].name for i in offs))]
        else:
            people = [("受询问人", c.staff["respondent"]),
                      ("工作单位及职务" if c.party.kind == "company" else "身份证件号码",
                       f"{a['party_name']}，{c.staff['respondent_title']}" if c.party.kind == "company" else (c.party.rep_id or a["party_id"])),
                      ("询问人", c.officers[offs[0]].name),
                      ("记录人", c.officers[offs[1]].name if len(offs) > 1 else "")]
        certs = ("、".join(c.officers[i].cert for i in offs) if a["cert_numbers"] else "")
        if s["record_head"] == "table":
            rows = [["时间", self._record_when(doc), "地点", place]]
            for i in range(0, len(people), 2):
                pair = people[i:i + 2]
                rows.append([pair[0][0], pair[0][1]] + ([pair[1][0], pair[1][1]] if len(pair) > 1 else ["", ""]))
            rows.append([s["cert_label"], certs, "联系电话", c.party.phone])
            return [self.table(rows, [2.6, 5.4, 2.6, 5.4]), Spacer(1, 0.2 * cm)]
        lines = [f"时间：{self._record_when(doc)}", f"地点：{place}"]
        lines += [f"{k}：{v}" for k, v in people]
        lines.append(f"{s['cert_label']}：{certs}")
        return [self.P(x, self.plain) for x in lines]

    def _record_tail(self, doc, day):
        c, a = self.c, doc.attrs
        out = [Spacer(1, 0.3 * cm)]
        who = "受询问人" if doc.type == "inquiry" else self.c.style["inspect_label"]
        if a["party_signed"]:
            confirm = self.rng.choice(["经核对，记录无误", "上述记录我已阅读，情况属实", "以上情况属实"])
            out.append(self.P(escape(f"{who}核对意见：") + self.hand(confirm) + escape(f"　{who}（签字）：")
                              + self.hand(c.staff["respondent"]) + "　" + escape(self.d(day)), self.plain, raw=True))
        else:
            out.append(self.P(f"{who}（签字）：", self.plain))
        if a["officer_signed"]:
            out.append(self.P("执法人员（签字）：" + "　".join(self.hand(c.officers[i].name) for i in a["officers"]), self.plain, raw=True))
        else:
            out.append(self.P("执法人员（签字）：", self.plain))
        return out

    def doc_inspection(self, doc):
        c, a = self.c, doc.attrs
        you = "该单位" if c.party.kind == "company" else "当事人"
        out = self.header(doc, c.agency["name"]) + self._record_head(doc, "inspection")
        # narrative, no 问/答: what the officers did and saw, in order
        paras = []
        arrive = f"{self.d(doc.date)}，我局执法人员{'、'.join(c.officers[i].name for i in a['officers'])}到{a['party_name']}进行检查"
        if a["cert_shown"]:
            arrive += "，检查前向现场负责人出示了执法证件，说明了检查的依据和内容，告知其有申请回避的权利，对方表示不申请回避。"
        else:
            arrive += "。"
        paras.append(arrive)
        fact = self.facts_text({})[0]
        paras.append(f"检查发现：{fact.replace('当事人', you)}")
        paras.append("执法人员对上述情况进行了拍照，并责令其立即改正。检查过程中" + you + "现场负责人在场并予以配合。")
        out += [self.P(t) for t in paras]
        return out + self._record_tail(doc, doc.date)

    def doc_inquiry(self, doc):
        c, a = self.c, doc.attrs
        out = self.header(doc, c.agency["name"]) + self._record_head(doc, "inquiry")
        res = self.residue(doc)
        if res:
            out.append(self.P(f"邮编：{res}", self.plain))
        offs = [c.officers[i] for i in a["officers"]]
        if a["cert_shown"]:
            q1 = f"我们是{c.agency['name']}执法人员{'、'.join(o.name for o in offs)}，已向你出示执法证件，你是否看清楚？"
            a1 = "看清楚了。"
        else:
            q1 = f"我们是{c.agency['name']}的工作人员，今天依法向你了解情况。"
            a1 = "好。"
        fact = self.facts_text({})[0].split("，", 1)[-1].replace("当事人", "我们").replace("执法人员", "你们")
        qa = [(q1, a1), ("你是否申请回避？", "不申请回避。"),
              ("请你如实回答问题，你清楚吗？", "清楚。"),
              ("你在单位担任什么职务？" if c.party.kind == "company" else "你和当事人是什么关系？",
               f"我是{c.staff['respondent_title']}。" if c.staff["respondent_title"] != "本人" else "我就是本人。"),
              ("请讲一下检查时发现的问题。", fact),
              ("以上情况你还有补充吗？", "没有补充。")]
        if doc.key == "inquiry2":
            qa = qa[:3] + [("上次询问时你讲的情况是否属实？", "属实。"), ("相关票据是否已提供？", "已提供。"), qa[-1]]
        for q, ans in qa:
            if c.style["qa"] == "inline":
                out.append(self.P(f"问：{q}答：{ans}", self.plain))
            else:
                out.append(self.P(f"问：{q}", self.plain))
                out.append(self.P(f"答：{ans}", self.plain))
        return out + self._record_tail(doc, doc.date)

    # -------------------------------------------------------------- evidence
    def doc_evidence(self, doc):
        if doc.attrs["kind"] != "photos":
            return super().doc_evidence(doc)
        c, a = self.c, doc.attrs
        out = self.header(doc, None)
        scene = {"food": "shelf", "product": "shelf", "ad": "shelf", "price": "shelf", "env": "yard", "safety": "yard",
                 "planning": "yard"}.get(c.violation.trade, "street")
        for i in range(a["count"]):
            if i:
                out.append(PageBreak())  # one photo per sheet: pages that carry almost no text
            img = Image(io.BytesIO(art.photo(c.seed * 10 + i, scene)), width=13 * cm, height=8.5 * cm)
            cap = self.P(f"图{i + 1}　{self.d(doc.date)}　{c.goods}", self.small)
            out.append(KeepTogether([img, cap]))
        out.append(self.P("拍摄人：" + "　".join(self.hand(o.name) for o in c.officers[:2]), self.right, raw=True))
        return out

    # -------------------------------------------------------------- notice
    def doc_notice(self, doc):
        c, a, s = self.c, doc.attrs, self.c.style
        you = s["you"]
        st = a.get("cite_style", {"violated": "full", "penalty": "full"})
        out = self.header(doc, a["authority"], a["number"])
        out.append(self.P(f"{a['party_name']}：", self.plain))
        paras = []
        if a["facts_stated"]:
            paras.append("经本机关调查核实：" + "".join(self.facts_text(a["facts"])).replace("当事人", you) +
                         "上述事实，有检查笔录、询问调查笔录、照片等证据在案佐证。")
        else:
            paras.append(f"{you}涉嫌违法一案，本机关已调查完毕。")
        pen = f"拟对{you}作出以下行政处罚：{'；'.join(self.penalties(a['fine']))}。" if a["penalty"] else "拟对你依法给予行政处罚。"
        if a["basis"]:
            paras.append(f"本机关认为，{you}的行为已违反{self.cite(a['violated'], st['violated'])}之规定。"
                         f"根据{self.cite(a['penalty_cite'], st['penalty'])}之规定，" + pen)
        else:
            paras.append(pen)
        if a["statement_right"]:
            paras.append(f"依照{self._aplaw(a['aplaw_outdated'], 'statement')}之规定，{you}对上述拟处罚意见享有陈述、申辩的权利，"
                         f"可于本告知书送达后{_digits('五个工作日', s['digits'])}内提出，逾期未提出的，视为放弃。")
        if a["hearing_right"]:
            n = a["hearing_days"]
            unit = a["hearing_unit"]
            num = hanzi_num(n) if s["digits"] == "hanzi" else str(n)
            law = self._aplaw(a["aplaw_outdated"], "hearing")
            v = s["hearing_b"]
            if v == 0:
                paras.append(f"依照{law}之规定，{you}有权要求听证。要求听证的，请于本告知书送达之日起{num}{unit}内以书面形式提出。")
            elif v == 1:
                paras.append(f"根据{law}的规定，{you}可以要求举行听证；如需听证，应当在收到本告知书后{num}{unit}内向本机关提出，逾期不提出的，视为放弃听证权利。")
            else:
                paras.append(f"{you}如对拟处罚意见有异议，可以自收到本告知书之日起{num}{unit}内提出听证申请（{law}）。")
        out += [self.P(t) for t in paras]
        res = a.get("residue")
        out.append(self.P(f"本机关地址：{c.agency['address']}　联系人：{res if res in ('XXX', '××') else c.officers[0].name}"
                          f"　电话：{c.agency['phone']}" + (f"　{res}" if res and res not in ('XXX', '××') else ""), self.plain))
        out.append(SealBlock(a["authority"], self.d(doc.date, s["seal_date"]) if a["date_shown"] else "",
                             self.seal(a["authority"]) if a["seal"] else None, self.size, s["seal_label"] and a["seal"]))
        return out

    # -------------------------------------------------------------- decision
    def _remedy(self, a):
        _c, rm, s = self.c, a["remedy"], self.c.style
        if not rm["review"] and not rm["litigation"]:
            return ""
        rd, lp = _digits(rm["review_days"], s["digits"]), _digits(rm["litigation_period"], s["digits"])
        body, court = rm["review_body"], rm["court"]
        if rm.get("review_first"):
            if not rm["litigation"]:
                return f"被处罚人对本决定不服的，可以自收到本决定书之日起{rd}内向{body}申请行政复议。"
            return (f"被处罚人对本决定不服的，可以自收到本决定书之日起{rd}内向{body}申请行政复议；"
                    f"对复议决定不服的，可以自收到复议决定书之日起{lp}内向{court}起诉。")
        v = s["remedy_b"]
        if v == 0:
            parts = []
            if rm["review"]:
                parts.append(f"可以在收到本决定书之日起{rd}内向{body}申请行政复议")
            if rm["litigation"]:
                parts.append(f"{'也可以' if rm['review'] else '可以'}在{lp}内依法向{court}提起行政诉讼")
            return "如不服本决定，" + "，".join(parts) + "。"
        if v == 1:
            parts = []
            if rm["review"]:
                parts.append(f"可自知道该决定之日起{rd}内向{body}申请行政复议")
            if rm["litigation"]:
                parts.append(f"{'或者' if rm['review'] else '可'}自知道该决定之日起{lp}内直接向{court}提起行政诉讼")
            return "当事人对本处罚决定不服的，" + "；".join(parts) + "。"
        parts = []
        if rm["review"]:
            parts.append(f"申请行政复议的，应当自收到本决定书之日起{rd}内向{body}提出")
        if rm["litigation"]:
            parts.append(f"提起行政诉讼的，应当自收到本决定书之日起{lp}内向{court}提出")
        kinds = "申请行政复议或者提起行政诉讼" if rm["review"] and rm["litigation"] else (
            "申请行政复议" if rm["review"] else "提起行政诉讼")
        return f"被处罚人如对本决定不服，有权依法{kinds}：" + "；".join(parts) + "。"

    def doc_decision(self, doc):
        s = self.c.style
        if self.c.procedure == "simplified":
            return super().doc_decision(doc)
        # 三号-size body as many agencies print decisions: the text runs over 2–3 pages
        saved = self.body, self.plain
        size = s["decision_size"]
        self.body = ParagraphStyle("bodyB", parent=saved[0], fontSize=size, leading=size * 2.0)
        self.plain = ParagraphStyle("plainB", parent=saved[1], fontSize=size, leading=size * 2.0)
        try:
            out = super().doc_decision(doc)
        finally:
            self.body, self.plain = saved
        if s["blank_back"]:
            # the next document starts on its own sheet, after the blank back
            out += [PageBreak(), Blank()]
        return out

    def doc_receipt(self, doc):
        c, a = self.c, doc.attrs
        served = c.doc(a["serves"])
        num = served.attrs.get("number") if served else ""
        rows = [["送达文书", f"{served.title if served else ''}（{num}）" if num else (served.title if served else "")],
                ["受送达人", c.party.name], ["送达方式", a["method"] if a["method_shown"] else ""],
                ["送达地点", c.party.address],
                ["送达日期", self.d(doc.date) if a["date_shown"] else ""],
                ["受送达人签收", Paragraph(self.hand(c.staff["respondent"]) if a["recipient_signed"] else "", self.cell)],
                ["送达人", Paragraph("　".join(self.hand(o.name) for o in c.officers[:2]), self.cell)]]
        if a["method"] == "邮寄送达" and a["method_shown"]:
            rows.append(["备注", "EMS邮寄，回执附后。"])
        head = [self.P(doc.title, self.title)] if doc.same_page else self.header(doc, c.agency["name"])
        return head + [self.table(rows, [3.6, 12.4])]

    def doc_cover(self, doc):
        c, lay = self.c, self.layout or {}
        dec = c.doc("decision")
        big = ParagraphStyle("bigB", parent=self.title, fontSize=26, leading=40)
        lines = [f"案　　由：{c.party.name}{c.violation.cause}案", f"当 事 人：{c.party.name}",
                 f"处理结果：{'；'.join(self.penalties(c.fine))}",
                 f"决定书文号：{(dec.attrs['number'] if dec and dec.attrs['number'] else '无')}",
                 f"立案日期：{self.d(c.dates.get('filed'))}　　结案日期：{self.d(c.dates.get('closed'))}",
                 f"本卷共{lay.get('doc_count', '  ')}件{lay.get('numbered', '  ')}页　　保管期限：{self.rng.choice(['永久', '30年'])}"]
        return ([Spacer(1, 3 * cm), self.P("行政执法案卷", big), Spacer(1, 0.6 * cm), self.P(c.agency["name"], self.head),
                 Spacer(1, 2 * cm)] + [self.P(x, self.plain) for x in lines])

    # -------------------------------------------------------------- assembly
    SAME_PAGE_ROOM_CM = 7
    SAME_PAGE_GAP_CM = 0.8

    def keeps_together(self, doc: Doc) -> bool:
        # long papers that start mid-page simply flow on; only a receipt is kept on one sheet
        return doc.same_page and doc.type == "service_receipt"
