"""Template family C: dossiers laid out after PUBLISHED official templates, for a frozen test set.

Families A and B (``render.Renderer``, ``family_b``) were written here, and the reviewer was tuned
on them.  Family C follows the form names, labels, table structure and sentence frames of the
templates the agencies themselves publish (sources in frozen/family_c/SOURCES.md):

* 市场监管总局《市场监督管理行政处罚文书格式范本（2021年修订版）》(国市监法发〔2021〕42号):
  立案/不予立案审批表, 现场笔录, 询问笔录, 证据提取单, 案件调查终结报告, 法制审核表,
  行政处罚告知书, 陈述申辩笔录, 行政处罚案件有关事项审批表, 行政处理决定审批表,
  行政处罚决定书, 当场行政处罚决定书, 送达回证, 结案审批表, 卷内文件目录, 卷内备考表;
* 生态环境部（原环境保护部）《环境行政执法文书制作指南》: 立案审批表, 现场检查（勘察）笔录,
  调查询问笔录, 现场照片（图片、影像资料）证据, 行政处罚案件调查报告, 案件处理内部审批表,
  行政处罚事先（听证）告知书, 案件集体讨论笔录, 送达回证, 行政处罚案件结案审批表; the decision
  in three numbered parts (违法事实和证据 / 依据、种类及履行方式、期限 / 复议、诉讼的途径和期限);
* 应急管理部 安全生产行政执法文书: the header "安全生产行政执法文书", 现场检查记录, 案件处理呈批表,
  行政处罚决定书（单位/个人）with 被处罚单位/被处罚人, 文书送达回执, numbers "（X）应急罚〔年〕N号".

Other typefaces than A/B (AR PL UMing body, AR PL SungtiL GB titles, LXGW WenKai handwriting),
the archive page number in the upper right corner, and scans degraded by augraphy
(``degrade_augraphy``), not by our own ``scan.degrade``.

Like ``family_b.restyle``, ``restyle`` only changes how a case is printed, never a fact the truth
is derived from, so ``truth.compute_defects`` stays exact.  Its own random streams
(``family-c-*``) leave families A and B untouched.  Only the three agencies whose templates are
followed are used.
"""
from __future__ import annotations

import io
import random
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

from . import art
from .case import Case, Doc
from .fmt import fmt_datetime, hanzi_num, yuan_figures, yuan_words

PAGE_W, PAGE_H = A4
AGENCIES = ("市场监督管理局", "生态环境局", "应急管理局")
# Debian packages fonts-arphic-uming, fonts-arphic-gbsn00lp, fonts-lxgw-wenkai (scripts/setup.sh)
FONT_BODY = "/usr/share/fonts/truetype/arphic/uming.ttc"
FONT_TITLE = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
FONT_HAND = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
BODY, TITLE, HAND = "CMing", "CSong", "CWenKai"

MARKET, ENV, SAFETY = AGENCIES

# the templates' own names for each document (DESIGN.md types in the comments)
TITLES = {
    MARKET: {
        "catalog": "卷内文件目录", "case_source": "案件来源登记表", "filing": "立案审批表",
        "inspection": "现场笔录", "inquiry_notice": "询问通知书", "inquiry": "询问笔录",
        "ev_identity_org": "营业执照复印件", "ev_identity_person": "居民身份证复印件", "ev_photos": "现场照片",
        "ev_report": "检验报告", "ev_books": "证据提取单", "report": "案件调查终结报告",
        "legal_review": "法制审核表", "discussion": "行政处罚案件集体讨论记录",
        "notice": "行政处罚告知书", "receipt": "送达回证", "statement": "陈述申辩笔录",
        "statement_review": "行政处罚案件有关事项审批表", "hearing_request": "听证申请书",
        "hearing_notice": "行政处罚听证通知书", "hearing_record": "听证笔录", "hearing_report": "听证报告",
        "extension": "行政处罚案件有关事项审批表", "approval": "行政处理决定审批表",
        "decision": "行政处罚决定书", "decision_simplified": "当场行政处罚决定书",
        "payment": "非税收入一般缴款书", "closing": "结案审批表", "remarks": "卷内备考表",
    },
    ENV: {
        "catalog": "卷内目录", "case_source": "案件来源登记表", "filing": "立案审批表",
        "inspection": "现场检查（勘察）笔录", "inquiry_notice": "调查询问通知书", "inquiry": "调查询问笔录",
        "ev_identity_org": "营业执照复印件", "ev_identity_person": "居民身份证复印件",
        "ev_photos": "现场照片（图片、影像资料）证据", "ev_report": "监测报告", "ev_books": "书证材料",
        "report": "行政处罚案件调查报告", "legal_review": "重大行政处罚决定法制审核意见书",
        "discussion": "案件集体讨论笔录", "notice_hearing": "行政处罚事先（听证）告知书",
        "notice": "行政处罚事先告知书", "receipt": "送达回证", "statement": "陈述申辩笔录",
        "statement_review": "案件处理内部审批表", "hearing_request": "听证申请书",
        "hearing_notice": "行政处罚听证通知书", "hearing_record": "听证笔录", "hearing_report": "听证报告",
        "extension": "案件处理内部审批表", "approval": "案件处理内部审批表", "decision": "行政处罚决定书",
        "decision_simplified": "当场行政处罚决定书", "payment": "非税收入一般缴款书",
        "closing": "行政处罚案件结案审批表", "remarks": "备考表",
    },
    SAFETY: {
        "catalog": "卷内目录", "case_source": "案件来源登记表", "filing": "立案审批表",
        "inspection": "现场检查记录", "inquiry_notice": "询问通知书", "inquiry": "询问笔录",
        "ev_identity_org": "营业执照复印件", "ev_identity_person": "居民身份证复印件", "ev_photos": "现场照片",
        "ev_report": "检测报告", "ev_books": "书证材料", "report": "案件调查报告",
        "legal_review": "法制审核意见书", "discussion": "集体讨论记录", "notice": "行政处罚告知书",
        "receipt": "文书送达回执", "statement": "陈述申辩笔录", "statement_review": "陈述申辩复核意见书",
        "hearing_request": "听证申请书", "hearing_notice": "听证会通知书", "hearing_record": "听证笔录",
        "hearing_report": "听证会报告书", "extension": "延长办案期限审批表", "approval": "案件处理呈批表",
        "decision_org": "行政处罚决定书（单位）", "decision_person": "行政处罚决定书（个人）",
        "decision_simplified": "当场行政处罚决定书", "payment": "非税收入一般缴款书",
        "closing": "结案审批表", "remarks": "备考表",
    },
}

TYPO_FRAMES = {  # a sentence in the forms' own register that carries the (mis)spelt word
    "听证": "本案已依法告知当事人要求{w}的权利。",
    "申辩": "已告知当事人享有陈述、{w}的权利。",
    "行政复议": "已告知当事人申请{w}的途径和期限。",
    "违反": "当事人的行为{w}了有关法律规定，事实清楚。",
    "罚没款": "{w}已由当事人全额缴纳。",
}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(BODY, FONT_BODY, subfontIndex=0))
    pdfmetrics.registerFont(TTFont(TITLE, FONT_TITLE, subfontIndex=0))
    pdfmetrics.registerFont(TTFont(HAND, FONT_HAND, subfontIndex=0))


def _title_key(case: Case, doc: Doc) -> str:
    k = doc.key
    kind = case.agency["kind"]
    if k == "ev_identity":
        return "ev_identity_person" if case.party.kind == "individual" else "ev_identity_org"
    if k in ("inquiry1", "inquiry2"):
        return "inquiry"
    if k in ("notice_receipt", "decision_receipt"):
        return "receipt"
    if k == "notice" and kind == ENV and doc.attrs.get("hearing_right"):
        return "notice_hearing"
    if k == "decision":
        if case.procedure == "simplified":
            return "decision_simplified"
        if kind == SAFETY:
            return "decision_person" if case.party.kind == "individual" else "decision_org"
    return k


def _docno(case: Case, mid: str, year: int, n: int) -> str:
    prefix = case.agency["prefix"]
    if case.agency["kind"] == SAFETY:  # （杭西）应急罚〔2024〕12号
        return f"（{prefix[:-2]}）应急{mid}〔{year}〕{n}号"
    return f"{prefix}{mid}〔{year}〕{n}号"    # 杭西市监处罚〔2024〕12号 / 杭环罚〔2024〕12号


def restyle(case: Case) -> None:
    """Turn a freshly built (not yet defect-injected) case into a family-C case."""
    rng = random.Random(f"family-c-{case.seed}")
    kind = case.agency["kind"]
    if kind not in AGENCIES:
        raise ValueError(f"family C follows the templates of {AGENCIES}, not {kind}")
    s = case.style
    s["family"] = "C"
    titles = TITLES[kind]
    for doc in case.docs:
        key = _title_key(case, doc)
        if key in titles:
            doc.title = titles[key]
        doc.same_page = False  # every template is a form of its own
    n = int(case.numbers["archive"][4:])
    mids = {MARKET: ("立", "罚告", "听通", "处罚", "当罚"), ENV: ("立", "罚告", "听", "罚", "罚当"),
            SAFETY: ("立", "罚告", "听通", "罚", "当罚")}[kind]
    nums = case.numbers
    nums["case"] = _docno(case, mids[0], case.dates.get("filed", case.dates.get("decided")).year, n)
    if case.procedure == "general":
        y_notice = case.dates["notice_issued"].year
        nums["notice"] = _docno(case, mids[1], y_notice, n)
        nums["hearing_notice"] = _docno(case, mids[2], y_notice, n)
        nums["decision"] = _docno(case, mids[3], case.dates["decided"].year, n)
        for key in ("notice", "hearing_notice", "decision"):
            d = case.doc(key)
            if d and d.attrs.get("number"):
                d.attrs["number"] = nums[key]
    else:
        d = case.doc("decision")
        d.attrs["number"] = _docno(case, mids[4], d.date.year, rng.randint(100, 9999))
        nums["decision"] = d.attrs["number"]
    s["date"] = rng.choice(["cn", "cn", "cn", "pad_cn"])
    s["seal_date"] = rng.choice(["cn", "cn", "hanzi"])
    s["amount"] = rng.choice(["words_currency", "rmb_figures", "figures_words", "comma"])
    company = case.party.kind == "company"
    if kind == SAFETY:
        s["party_label"] = "被处罚单位" if case.party.kind != "individual" else "被处罚人"
    else:
        s["party_label"] = "当事人"
    s["you"] = "你单位" if company else "你"
    s["body_size"] = rng.choice([11.5, 12])        # 小四号
    s["title_size"] = rng.choice([18, 20])         # 二号/小二号
    s["seal_label"] = False
    s["postcode"] = f"{rng.randint(10, 85)}{rng.randint(0, 9999):04d}"
    s["review_suspends"] = rng.random() < 0.5
    s["page_corner"] = "top"


def finish(case: Case) -> None:
    """After the defects are injected: titles that name a right follow what the paper grants
    (生态环境's 事先（听证）告知书 only when the hearing right is really in it)."""
    notice = case.doc("notice")
    if notice and case.agency["kind"] == ENV:
        notice.title = TITLES[ENV]["notice_hearing" if notice.attrs.get("hearing_right") else "notice"]


def _typo_text(doc: Doc) -> str:
    t = doc.attrs.get("typo")
    if not t:
        return ""
    return TYPO_FRAMES.get(t[1], "（{w}）").format(w=t[0])


def _residue_text(res: str | None) -> str:
    if not res:
        return ""
    if res in ("XXX", "××"):
        return f"联系人：{res}"
    if res == "你（单位）":
        return f"{res}对本文书内容有异议的，可向本机关反映。"
    return f"备注：{res}"


def renderer_class():

    from .render import Renderer, SealBlock

    class SealBlockC(SealBlock):
        def draw(self):
            c = self.canv
            c.setFont(BODY, self.size)
            x_right = self.width - 1.2 * cm
            y = self.height - 1.3 * cm
            if self.authority:
                c.drawRightString(x_right, y, self.authority)
            if self.date_text:
                c.drawRightString(x_right, y - self.size * 1.8, self.date_text)
            if self.seal_img is not None:
                d = 4.2 * cm
                cx = x_right - (pdfmetrics.stringWidth(self.authority or "某某某某某某某某", BODY, self.size) / 2)
                c.drawImage(ImageReader(self.seal_img), cx - d / 2, y - d / 2 - 0.3 * cm, d, d, mask="auto")

    class RendererC(Renderer):
        def __init__(self, case: Case):
            super().__init__(case)
            register_fonts()
            self.rng = random.Random(f"family-c-render-{case.seed}")
            self.kind = case.agency["kind"]
            size, ts = self.size, case.style["title_size"]
            self.body = ParagraphStyle("bodyC", fontName=BODY, fontSize=size, leading=size * 1.9,
                                       firstLineIndent=size * 2, wordWrap="CJK", alignment=TA_LEFT)
            self.plain = ParagraphStyle("plainC", parent=self.body, firstLineIndent=0)
            self.small = ParagraphStyle("smallC", parent=self.plain, fontSize=size - 2, leading=(size - 2) * 1.5)
            self.cell = ParagraphStyle("cellC", parent=self.plain, fontSize=size - 1, leading=(size - 1) * 1.55)
            self.head = ParagraphStyle("headC", parent=self.plain, fontName=TITLE, fontSize=ts - 4,
                                       leading=(ts - 4) * 1.6, alignment=TA_CENTER)
            self.title = ParagraphStyle("titleC", parent=self.plain, fontName=TITLE, fontSize=ts, leading=ts * 1.7,
                                        alignment=TA_CENTER)
            self.right = ParagraphStyle("rightC", parent=self.plain, alignment=TA_RIGHT)
            self.center = ParagraphStyle("centerC", parent=self.plain, alignment=TA_CENTER)

        # ---------------------------------------------------------------- common parts
        def hand(self, text, size=None):
            size = size or self.size + 2
            return f'<font name="{HAND}" size="{size}">{escape(text)}</font>'

        def seal(self, name):
            if name not in self._seals:
                self._seals[name] = art.seal_image(name, seed=self.c.seed, font_path=FONT_TITLE)
            return self._seals[name]

        def seal_block(self, authority, date_text, seal_img):
            return SealBlockC(authority, date_text, seal_img, self.size, False)

        def header(self, doc, authority, number=None):
            out = []
            if self.kind == SAFETY:
                out.append(self.P("安全生产行政执法文书", self.head))
            if authority:
                out.append(self.P(authority, self.head if self.kind != SAFETY else self.center))
            out.append(self.P(doc.title, self.title))
            if number:
                out.append(self.P(number, self.right))
            out.append(Spacer(1, 0.3 * cm))
            return out

        def sig(self, label: str, names, day=None) -> str:
            txt = f"{escape(label)}：" + "　".join(self.hand(n) for n in names)
            if day:
                txt += "　　" + escape(self.d(day))
            return txt

        def form(self, rows, widths=(3.6, 12.4)):
            """A template's two-column form: label cell, then the filled-in cell."""
            return self.table([[r[0], r[1] if not isinstance(r[1], str) else Paragraph(r[1], self.cell)]
                               for r in rows], list(widths))

        def approve_cell(self, opinion: str, names, day) -> Paragraph:
            return Paragraph(escape(opinion) + "<br/>" + self.sig("签名", names, day), self.cell)

        def party_id_label(self) -> str:
            return "统一社会信用代码" if self.c.party.kind != "individual" else "身份证件号码"

        # ---------------------------------------------------------------- filing
        def doc_filing(self, doc):
            c, a, p = self.c, doc.attrs, self.c.party
            src = self.rng.choice(["监督检查", "投诉举报", "上级交办", "其他机关移送"])
            facts = self.facts_text({})[0] + f"当事人的行为涉嫌违反{self.cite(c.violation.violated)}的规定。"
            rows = [["案件来源", src], ["案由", f"涉嫌{c.violation.cause}"], ["立案编号", c.numbers["case"]],
                    ["当事人", a["party_name"]], ["主体资格证照名称" if p.kind != "individual" else "身份证件名称",
                                                  "营业执照" if p.kind != "individual" else "居民身份证"],
                    [self.party_id_label(), a["party_id"]], ["住所（住址）", p.address]]
            if p.representative:
                rows.append(["法定代表人（负责人、经营者）", p.representative])
            rows += [["联系电话", p.phone], ["简要案情", facts],
                     ["承办人意见", self.approve_cell("符合立案条件，建议立案调查。", [o.name for o in c.officers[:2]], doc.date)],
                     ["承办机构负责人意见", self.approve_cell("同意立案。", [c.staff["chief"]], doc.date)],
                     ["部门负责人意见", self.approve_cell(f"同意立案，由{'、'.join(o.name for o in c.officers[:2])}承办。",
                                                    [c.staff["head"]], doc.date)]]
            return self.header(doc, a["authority"]) + [self.form(rows, (4.2, 11.8))]

        # ---------------------------------------------------------------- records
        def _when(self, doc, kind):
            a = doc.attrs
            (st, e) = a["times"]
            label = "检查时间" if kind == "inspection" else "询问时间"
            if not a["time_complete"]:
                return f"{label}：{self.d(doc.date)}{'上午' if st[0] < 12 else '下午'}"
            if not a["date_shown"]:
                return f"{label}：{st[0]}时{st[1]:02d}分至{e[0]}时{e[1]:02d}分"
            return f"{label}：{fmt_datetime(doc.date, st)}至{e[0]}时{e[1]:02d}分"

        def _officer_lines(self, doc, roles):
            c, a = self.c, doc.attrs
            lines = []
            for role, i in zip(roles, a["officers"], strict=False):
                o = c.officers[i]
                lines.append(f"{role}：{o.name}" + (f"　执法证号：{o.cert}" if a["cert_numbers"] else ""))
            return lines

        def _record_tail_c(self, doc, who):
            c, a = self.c, doc.attrs
            out = [Spacer(1, 0.3 * cm)]
            if a["party_signed"]:
                confirm = "以上笔录我已看过，与我说的一致。" if doc.type == "inquiry" else "以上记录属实。"
                out.append(self.P(f"{escape(who)}意见：" + self.hand(confirm), self.plain, raw=True))
                out.append(self.P(self.sig(f"{who}签名", [c.staff["respondent"]], doc.date), self.plain, raw=True))
            else:
                out.append(self.P(f"{who}签名：", self.plain))
            names = [c.officers[i].name for i in a["officers"]]
            if a["officer_signed"]:
                out.append(self.P(self.sig("执法人员签名", names, doc.date), self.plain, raw=True))
            else:
                out.append(self.P("执法人员签名：", self.plain))
            return out

        def doc_inspection(self, doc):
            c, a, p = self.c, doc.attrs, self.c.party
            out = self.header(doc, c.agency["name"])
            lines = [self._when(doc, "inspection"), f"检查地点：{p.address}"]
            lines += self._officer_lines(doc, ["执法人员", "执法人员"])
            lines.append(f"当事人：{a['party_name']}")
            lines.append(f"{self.party_id_label()}：{a['party_id']}")
            if p.representative:
                lines.append(f"法定代表人（负责人、经营者）：{p.representative}")
            lines.append(f"现场负责人：{c.staff['respondent']}　职务：{c.staff['respondent_title']}　联系电话：{p.phone}")
            out += [self.P(x, self.plain) for x in lines]
            if a["cert_shown"]:
                out.append(self.P("执法人员出示了执法证件，表明身份，说明了检查的依据和内容，告知当事人依法享有陈述权、"
                                  "申辩权及申请回避的权利。当事人（现场负责人）表示不申请回避。"))
            out.append(self.P("现场检查情况：" + "".join(self.facts_text({})[:1])
                              + "执法人员对上述情况进行了拍照，并当场责令当事人改正。"))
            return out + self._record_tail_c(doc, "当事人（现场负责人）")

        def doc_inquiry(self, doc):
            c, a, p = self.c, doc.attrs, self.c.party
            out = self.header(doc, c.agency["name"])
            lines = [self._when(doc, "inquiry"), f"询问地点：{c.agency['address']}", f"询问机关：{c.agency['name']}"]
            lines += self._officer_lines(doc, ["询问人", "记录人"])
            resp = c.staff["respondent"]
            lines.append(f"被询问人：{resp}　性别：{p.gender or self.rng.choice(['男', '女'])}　民族：汉")
            if p.kind == "company":
                lines.append(f"工作单位：{a['party_name']}　职务：{c.staff['respondent_title']}")
            else:
                lines.append(f"身份证件号码：{p.rep_id or a['party_id']}")
            lines.append(f"住址：{p.address}　联系电话：{p.phone}")
            res = self.residue(doc)
            if res:
                lines.append(_residue_text(res))
            out += [self.P(x, self.plain) for x in lines]
            offs = [c.officers[i] for i in a["officers"]]
            if a["cert_shown"]:
                q1 = (f"我们是{c.agency['name']}的执法人员{'、'.join(o.name for o in offs)}，这是我们的执法证件"
                      "（出示执法证件），请你确认。")
                a1 = "我看清楚了。"
            else:
                q1 = f"我们是{c.agency['name']}的执法人员，现依法向你进行询问调查。"
                a1 = "好。"
            fact = self.facts_text({})[0].split("，", 1)[-1].replace("当事人", "我们").replace("执法人员", "你们")
            qa = [(q1, a1),
                  ("你依法享有陈述、申辩和申请回避的权利，同时负有如实回答询问、协助调查的义务。你是否申请回避？", "不申请回避。"),
                  (f"请说明你与{a['party_name']}的关系。",
                   f"我是{c.staff['respondent_title']}。" if c.staff["respondent_title"] != "本人" else "我就是当事人本人。"),
                  ("请如实陈述检查中发现的问题。", fact),
                  ("你对以上问题还有什么需要说明的？", "没有了，我们已经在整改。")]
            if doc.key == "inquiry2":
                qa = qa[:2] + [("上次询问时你所陈述的内容是否属实？", "属实。"), ("相关票据、台账是否已经提供？", "已经提供。"), qa[-1]]
            for q, ans in qa:
                out.append(self.P(f"问：{q}", self.plain))
                out.append(self.P(f"答：{ans}", self.plain))
            return out + self._record_tail_c(doc, "被询问人")

        # ---------------------------------------------------------------- evidence
        def doc_evidence(self, doc):
            c, a = self.c, doc.attrs
            if a["kind"] == "books" and self.kind == MARKET:  # 证据提取单
                rows = [["证据名称", f"{c.goods}进货、销售单据复印件"], ["证据来源", f"由当事人{c.party.name}提供"],
                        ["提取地点", c.party.address], ["提取时间", self.d(doc.date)],
                        ["证明内容", "当事人经营涉案物品的数量及金额"],
                        ["当事人意见", Paragraph(self.hand("与原件核对无误") + "　" + self.sig("签名", [c.staff["respondent"]], doc.date),
                                             self.cell)],
                        ["执法人员", Paragraph(self.sig("签名", [o.name for o in c.officers[:2]]), self.cell)]]
                return self.header(doc, c.agency["name"]) + [self.form(rows)]
            if a["kind"] == "test_report":
                return self._test_report(doc)
            if a["kind"] != "photos":
                return super().doc_evidence(doc)
            out = self.header(doc, None)
            scene = {"food": "shelf", "product": "shelf", "ad": "shelf", "price": "shelf", "env": "yard",
                     "safety": "yard", "planning": "yard"}.get(c.violation.trade, "street")
            for i in range(a["count"]):
                img = Image(io.BytesIO(art.photo(c.seed * 10 + i, scene)), width=10.5 * cm, height=6.8 * cm)
                rows = [["证明对象", f"{c.goods}现场情况（第{i + 1}张）"], ["拍摄时间", self.d(doc.date)],
                        ["拍摄地点", c.party.address], ["拍摄人", c.officers[i % 2].name]]
                out.append(KeepTogether([img, Spacer(1, 0.15 * cm), self.form(rows, (3.0, 13.0)), Spacer(1, 0.3 * cm)]))
            out.append(self.P("当事人签名：" + self.hand(c.staff["respondent"]), self.right, raw=True))
            return out

        def _test_report(self, doc):
            c = self.c
            market = c.violation.agency_kind == MARKET
            inst = f"{c.place[2]}{'产品质量检验研究院' if market else '环境监测中心站'}"
            out = [self.P(inst, self.head)] + self.header(doc, None)
            rows = [["报告编号", f"JC{doc.date:%Y%m}{self.rng.randint(100, 999)}"], ["委托单位", c.agency["name"]],
                    ["受检单位", c.party.name], ["样品（监测点位）", c.goods],
                    ["检验（监测）类别", "监督抽查" if market else "执法监测"], ["报告日期", self.d(doc.date)],
                    ["结论", "所检项目中有一项不符合标准要求，判定为不合格。" if market else "监测结果超过排放标准限值。"]]
            out.append(self.form(rows))
            out.append(self.seal_block(inst, self.d(doc.date), self.seal(inst)))
            return out

        def doc_inquiry_notice(self, doc):
            c = self.c
            out = self.header(doc, doc.attrs["authority"])
            out.append(self.P(f"{c.party.name}：", self.plain))
            day = c.dates.get("inquired") or doc.date
            out.append(self.P(f"因调查{c.party.name}涉嫌{c.violation.cause}一案，根据《中华人民共和国行政处罚法》第五十五条的规定，"
                              f"请{c.style['you']}于{self.d(day)}到{c.agency['address']}接受询问调查，"
                              "并携带营业执照、身份证明等材料。"))
            out.append(self.P(f"联系人：{c.officers[0].name}　联系电话：{c.agency['phone']}", self.plain))
            out.append(self.seal_block(doc.attrs["authority"], self.d(doc.date, c.style["seal_date"]),
                                       self.seal(doc.attrs["authority"])))
            return out

        def doc_hearing_notice(self, doc):
            c, a = self.c, doc.attrs
            t = c.times.get("hearing", ((9, 30),))[0]
            out = self.header(doc, c.agency["name"], a["number"])
            out.append(self.P(f"{c.party.name}：", self.plain))
            out.append(self.P(f"根据{c.style['you']}的申请，本局定于{fmt_datetime(a['hearing_date'], t)}在{c.agency['address']}"
                              f"对{c.party.name}涉嫌{c.violation.cause}一案举行听证会，听证主持人为{c.staff['presider']}。"))
            out.append(self.P(f"{c.style['you']}可以委托一至二名代理人参加听证，委托代理人参加听证的，应当提交授权委托书。"
                              "无正当理由拒不出席听证的，视为放弃听证权利。"))
            out.append(self.seal_block(c.agency["name"], self.d(doc.date, c.style["seal_date"]), self.seal(c.agency["name"])))
            return out

        # ---------------------------------------------------------------- investigation report
        def doc_report(self, doc):
            c, a, v = self.c, doc.attrs, self.c.violation
            out = self.header(doc, c.agency["name"])
            p = c.party
            who = "、".join(o.name for o in c.officers[:2])
            heads = {
                MARKET: ["一、当事人基本情况", "二、案件来源、调查经过及采取行政强制措施的情况", "三、调查认定的事实、证据",
                         "四、违法行为的性质及适用的法律依据", "五、从轻、减轻、从重处罚的情节", "六、处理意见及建议"],
                ENV: ["一、当事人基本情况", "二、案件来源及调查经过", "三、环境违法事实和证据", "四、违法行为定性及法律依据",
                      "五、裁量情节", "六、处理意见"],
                SAFETY: ["一、被调查单位（人）基本情况", "二、案件来源及调查经过", "三、违法事实和证据", "四、定性及依据",
                         "五、从轻、从重情节", "六、处理建议"],
            }[self.kind]
            ident = f"{p.name}，{self.party_id_label()}：{p.id_number}，住所（住址）：{p.address}"
            if p.representative:
                ident += f"，法定代表人（负责人、经营者）：{p.representative}"
            extra = []
            typo = _typo_text(doc)
            if typo:
                extra.append(typo)
            res = self.residue(doc)
            proposal = f"建议对当事人作出如下行政处罚：{'；'.join(self.penalties(a['proposed_fine']))}。"
            if c.hearing_scope(a["proposed_fine"]):
                proposal += "拟作出的行政处罚属于听证范围，应当告知当事人有要求听证的权利。"
            paras = [
                [ident + "。"],
                [f"{self.d(c.dates.get('inspected'))}，执法人员{who}在检查中发现当事人涉嫌{v.cause}，"
                 f"经批准于{self.d(c.dates.get('filed'))}立案调查。办案人员制作了现场笔录、询问笔录，提取了相关证据。"],
                self.facts_text(a["facts"]),
                [f"当事人的上述行为违反了{self.cite(v.violated)}的规定，依据{self.cite(v.penalty)}的规定，应当予以行政处罚。"],
                ["当事人积极配合调查，主动整改，依法可以从轻处罚。"] + extra,
                [proposal],
            ]
            for h, ps in zip(heads, paras, strict=True):
                out.append(self.P(h, self.plain))
                out += [self.P(t) for t in ps]
            if res:
                out.append(self.P(_residue_text(res), self.plain))
            out.append(Spacer(1, 0.2 * cm))
            out.append(self.P(self.sig("承办人", [o.name for o in c.officers[:2]], doc.date), self.right, raw=True))
            return out

        # ---------------------------------------------------------------- legal review / discussion
        def doc_legal_review(self, doc):
            c = self.c
            rows = [["案件名称", f"{c.party.name}涉嫌{c.violation.cause}案"], ["当事人", c.party.name],
                    ["送审机构", f"{c.agency['name']}执法机构"], ["承办人", "、".join(o.name for o in c.officers[:2])],
                    ["送审时间", self.d(doc.date)],
                    ["审核意见", "经审核，执法主体合法，执法人员具备执法资格，案件事实清楚，证据确实充分，定性准确，"
                               "适用依据正确，程序合法，处罚裁量适当。同意承办机构意见。"],
                    ["审核人", Paragraph(self.sig("签名", [c.staff["reviewer"]], doc.date), self.cell)],
                    ["审核机构负责人意见", self.approve_cell("同意。", [c.staff["chief"]], doc.date)]]
            return self.header(doc, c.agency["name"]) + [self.form(rows)]

        def doc_discussion(self, doc):
            c = self.c
            t = c.times.get("discussion", ((10, 0),))[0]
            out = self.header(doc, c.agency["name"])
            lines = [f"时间：{fmt_datetime(doc.date, t)}", f"地点：{c.agency['name']}会议室",
                     f"主持人：{c.staff['head']}", f"出席人员：{'、'.join(c.staff['members'])}",
                     f"列席人员：{'、'.join(o.name for o in c.officers[:2])}", f"记录人：{c.officers[-1].name}",
                     f"案件名称：{c.party.name}涉嫌{c.violation.cause}案"]
            out += [self.P(x, self.plain) for x in lines]
            out.append(self.P("讨论内容：承办人汇报了案件事实、证据、定性、处罚依据及处罚建议，出席人员逐一发表意见。"))
            for m in c.staff["members"][:3]:
                out.append(self.P(f"{m}：事实清楚，证据充分，同意承办机构意见。", self.plain))
            out.append(self.P(f"讨论决定：对当事人作出{'；'.join(self.penalties(c.notice_fine))}的行政处罚。"))
            out.append(self.P(self.sig("出席人员签名", [c.staff["head"]] + c.staff["members"]), self.plain, raw=True))
            return out

        # ---------------------------------------------------------------- prior notice
        def doc_notice(self, doc):
            c, a = self.c, doc.attrs
            you = c.style["you"]
            st = a.get("cite_style", {"violated": "full", "penalty": "full"})
            out = self.header(doc, a["authority"], a["number"])
            out.append(self.P(f"{a['party_name']}：", self.plain))
            paras = []
            if a["facts_stated"]:
                paras.append(f"经调查，本局认定{you}存在以下违法事实：" + "".join(self.facts_text(a["facts"])).replace("当事人", you)
                             + "以上事实有现场笔录、询问笔录、现场照片等证据为证。")
            else:
                paras.append(f"本局对{you}涉嫌违法一案已调查终结。")
            pen = (f"本局拟对{you}作出如下行政处罚：{'；'.join(self.penalties(a['fine']))}。" if a["penalty"]
                   else f"本局拟依法对{you}给予行政处罚。")
            if a["basis"]:
                paras.append(f"{you}的上述行为违反了{self.cite(a['violated'], st['violated'])}的规定，"
                             f"依据{self.cite(a['penalty_cite'], st['penalty'])}的规定，" + pen)
            else:
                paras.append(pen)
            if a["statement_right"]:
                paras.append(f"根据{self._aplaw(a['aplaw_outdated'], 'statement')}的规定，{you}可在收到本告知书之日起"
                             "五个工作日内向本局进行陈述、申辩。逾期未提出陈述、申辩的，视为放弃此权利。")
            if a["hearing_right"]:
                paras.append(f"根据{self._aplaw(a['aplaw_outdated'], 'hearing')}的规定，{you}有权在收到本告知书之日起"
                             f"{hanzi_num(a['hearing_days'])}{a['hearing_unit']}内要求听证。逾期未要求听证的，视为放弃此权利。")
            out += [self.P(t) for t in paras]
            res = a.get("residue")
            contact = c.officers[0].name if res not in ("XXX", "××") else res
            out.append(self.P(f"联系人：{contact}　联系电话：{c.agency['phone']}", self.plain))
            out.append(self.P(f"联系地址：{c.agency['address']}　邮政编码：{c.style['postcode']}", self.plain))
            if res and res not in ("XXX", "××"):
                out.append(self.P(_residue_text(res), self.plain))
            out.append(self.seal_block(a["authority"], self.d(doc.date, c.style["seal_date"]) if a["date_shown"] else "",
                                       self.seal(a["authority"]) if a["seal"] else None))
            return out

        # ---------------------------------------------------------------- service receipt
        def doc_receipt(self, doc):
            c, a = self.c, doc.attrs
            served = c.doc(a["serves"])
            num = served.attrs.get("number") if served else ""
            name = f"《{served.title}》{num or ''}" if served else ""
            signed = Paragraph(self.hand(c.staff["respondent"]) if a["recipient_signed"] else "", self.cell)
            officers = Paragraph("　".join(self.hand(o.name) for o in c.officers[:2]), self.cell)
            method = a["method"] if a["method_shown"] else ""
            when = self.d(doc.date) if a["date_shown"] else ""
            note = "邮寄送达，邮件回执附后。" if a["method"] == "邮寄送达" and a["method_shown"] else ""
            if self.kind == SAFETY:
                rows = [["送达文书名称及文号", name], ["受送达人", c.party.name], ["送达地点", c.party.address],
                        ["送达人", officers], ["送达方式", method], ["收件人签名（盖章）", signed],
                        ["收件日期", when], ["备注", note]]
            else:
                rows = [["送达文书名称、文号", name], ["受送达人", c.party.name], ["送达时间", when],
                        ["送达地点", c.party.address], ["送达方式", method], ["收件人签名或者盖章", signed],
                        ["送达人", officers], ["见证人", ""], ["备注", note]]
            return self.header(doc, c.agency["name"]) + [self.form(rows, (4.6, 11.4))]

        # ---------------------------------------------------------------- statement
        def doc_statement(self, doc):
            c = self.c
            if doc.key == "statement":
                t = c.times.get("statement", ((10, 0),))[0]
                out = self.header(doc, c.agency["name"])
                out += [self.P(x, self.plain) for x in [
                    f"时间：{fmt_datetime(doc.date, t)}", f"地点：{c.agency['address']}",
                    f"陈述申辩人：{c.staff['respondent']}　单位及职务：{c.party.name}{c.staff['respondent_title']}",
                    f"承办人：{c.officers[0].name}　记录人：{c.officers[1].name}"]]
                out.append(self.P("陈述申辩内容：" + self.rng.choice([
                    "对调查认定的事实无异议。我方系初次违法，发现问题后已立即整改，未造成危害后果，请求从轻处罚。",
                    "我方经营困难，拟罚款数额较大，请求依法予以减轻。"])))
                out.append(self.P(self.sig("陈述申辩人签名", [c.staff["respondent"]], doc.date), self.plain, raw=True))
                out.append(self.P(self.sig("承办人签名", [o.name for o in c.officers[:2]]), self.plain, raw=True))
                return out
            # 复核 on the agency's approval form for "other matters"
            adopted = doc.attrs.get("adopted")
            opinion = (f"当事人所述整改情况属实，建议采纳其部分意见，罚款调整为{self.money(c.fine)}。" if adopted
                       else "当事人提出的理由不构成从轻或者减轻处罚的情形，建议不予采纳，维持原拟处罚意见。")
            rows = [["案件名称", f"{c.party.name}涉嫌{c.violation.cause}案"], ["当事人", c.party.name],
                    ["审批事项", "陈述申辩复核"],
                    ["事项内容及理由", f"当事人于{self.d(c.dates.get('statement'))}提出陈述、申辩意见，承办人员进行了复核。"],
                    ["承办人意见", self.approve_cell(opinion, [o.name for o in c.officers[:2]], doc.date)],
                    ["承办机构负责人意见", self.approve_cell("同意。", [c.staff["chief"]], doc.date)],
                    ["部门负责人意见", self.approve_cell("同意。", [c.staff["reviewer"]], doc.date)]]
            return self.header(doc, c.agency["name"]) + [self.form(rows)]

        # ---------------------------------------------------------------- approval
        def doc_approval(self, doc):
            c = self.c
            dec = c.doc("decision")
            fine = dec.attrs["fine"] if dec else c.fine
            note = _typo_text(doc) or "已依法履行告知程序。"
            rows = [["案件名称", f"{c.party.name}涉嫌{c.violation.cause}案"], ["当事人", c.party.name],
                    ["违法事实", self.facts_text({})[0]], ["处罚依据", self.cite(c.violation.penalty)],
                    ["处理意见", "；".join(self.penalties(fine))],
                    ["承办人意见", self.approve_cell(note + "建议按上述意见作出行政处罚决定。",
                                                 [o.name for o in c.officers[:2]], doc.date)],
                    # a 法制审核 opinion row only where the file holds the review: otherwise the form
                    # itself would be the review the truth says is missing
                    ["法制审核意见" if c.doc("legal_review") else "承办机构负责人意见",
                     self.approve_cell("同意。", [c.staff["reviewer"] if c.doc("legal_review") else c.staff["chief"]], doc.date)],
                    ["部门负责人意见", self.approve_cell("同意。", [c.staff["head"]], doc.date)]]
            return self.header(doc, c.agency["name"]) + [self.form(rows)]

        # ---------------------------------------------------------------- decision
        def _party_lines(self, a, show):
            p, label = self.c.party, self.c.style["party_label"]
            name = a.get("party_name", p.name)
            pid = a.get("party_id", p.id_number)
            lines = [f"{label}：{name}" if show["name"] else f"{label}："]
            if self.kind == SAFETY:
                if show["address"]:
                    lines.append(f"地址：{p.address}　邮政编码：{self.c.style['postcode']}")
                if show["id"]:
                    lines.append(f"{self.party_id_label()}：{pid}")
                if show["representative"] and p.representative:
                    lines.append(f"法定代表人（负责人）：{p.representative}　职务：{p.rep_title}")
                lines.append(f"联系电话：{p.phone}")
                return lines
            if p.kind == "individual":
                if show["id"]:
                    lines.append(f"身份证件号码：{pid}")
                if show["address"]:
                    lines.append(f"住址：{p.address}")
                return lines
            lines.append("主体资格证照名称：营业执照")
            if show["id"]:
                lines.append(f"统一社会信用代码：{pid}")
            if show["address"]:
                lines.append(f"住所（住址）：{p.address}")
            if show["representative"] and p.representative:
                lines.append(f"法定代表人（负责人、经营者）：{p.representative}")
                if p.rep_id and show["id"]:
                    lines.append(f"身份证件号码：{p.rep_id}")
            return lines

        def _evidence_sentences(self, a):
            c = self.c
            if not a["evidence_list"]:
                return []
            names = {"inspection": "现场笔录" if self.kind == MARKET else "现场检查笔录", "inquiry": "询问笔录",
                     "identity": "营业执照复印件" if c.party.kind != "individual" else "居民身份证复印件",
                     "photos": "现场照片", "test_report": "检验（监测）报告", "books": "进货销售单据等书证"}
            proves = {"inspection": "证明现场检查发现的情况", "inquiry": "证明当事人对违法事实的陈述",
                      "identity": "证明当事人的主体资格", "photos": "证明违法行为现场情况",
                      "test_report": "证明涉案物品（排放物）不符合标准", "books": "证明涉案数量及金额"}
            out = ["上述事实，主要有以下证据证明："]
            out += [f"{i + 1}.{names[k]}，{proves[k]}；" for i, k in enumerate(a["evidence_list"])]
            return out

        def _remedy_c(self, a) -> str:
            c, rm = self.c, a["remedy"]
            if not rm["review"] and not rm["litigation"]:
                return ""
            who = "当事人" if self.kind != SAFETY else ("你单位" if c.party.kind != "individual" else "你")
            rd, lp, body, court = rm["review_days"], rm["litigation_period"], rm["review_body"], rm["court"]
            if rm.get("review_first"):
                s = f"{who}如不服本决定，可以自收到本决定书之日起{rd}内向{body}申请行政复议"
                if rm["litigation"]:
                    s += f"；对行政复议决定不服的，可以自收到行政复议决定书之日起{lp}内向{court}提起行政诉讼"
                return s + "。"
            if self.kind == SAFETY:
                parts = []
                if rm["review"]:
                    parts.append(f"可以依法在{rd}内向{body}申请行政复议")
                if rm["litigation"]:
                    parts.append(f"{'或者' if rm['review'] else '可以'}在{lp}内依法向{court}提起行政诉讼")
                return f"{who}如果不服本决定，" + "，".join(parts) + "，但本决定不停止执行，法律另有规定的除外。"
            parts = []
            if rm["review"]:
                parts.append(f"可以自收到本决定书之日起{rd}内向{body}申请行政复议")
            if rm["litigation"]:
                parts.append(f"{'也可以' if rm['review'] else '可以'}自收到本决定书之日起{lp}内向{court}提起行政诉讼")
            s = f"{who}如对本处罚决定不服，" + "；".join(parts) + "。"
            if c.style["review_suspends"]:
                s += "申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行。"
            return s

        def _payment_c(self, a) -> str:
            c, pay = self.c, a["payment"]
            you = "当事人" if self.kind != SAFETY else ("你单位" if c.party.kind != "individual" else "你")
            s = f"{you}应当自收到本决定书之日起十五日内" if pay["term"] else f"{you}应当"
            if pay["channel"]:
                s += f"将罚没款缴至{c.agency['bank']}（{c.place[2]}财政局非税收入汇缴结算户），或者通过非税收入缴款平台缴纳"
            else:
                s += "缴纳罚没款"
            s += "。"
            if pay["late_fee"]:
                s += "逾期不缴纳罚款的，本局将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。"
            return s

        def doc_decision(self, doc):
            c, a, v = self.c, doc.attrs, self.c.violation
            st = a["cite_style"]
            out = self.header(doc, c.agency["name"] if a["authority_shown"] else None, a["number"])
            out += [self.P(x, self.plain) for x in self._party_lines(a, a["party_fields"])]
            out.append(Spacer(1, 0.2 * cm))
            paras: list[str] = []
            filing = c.doc("filing")
            general = c.procedure == "general"
            if general:
                paras.append(f"{a['party_name']}涉嫌{v.cause}一案，" + (
                    f"本局于{self.d(filing.date)}立案调查。" if filing else "本局依法进行了调查。")
                    + "办案人员依法进行了现场检查、询问调查并提取了相关证据，现已调查终结。")
            facts = "".join(self.facts_text(a["facts"]))
            ev = self._evidence_sentences(a)
            basis_v = (f"当事人的上述行为违反了{self.cite(a['violated'], st['violated'])}的规定，构成{v.cause}的违法行为。"
                       if a["violated"] is not None else f"当事人的上述行为构成{v.cause}的违法行为。")
            if c.procedure == "simplified":
                basis_v += ("根据《中华人民共和国行政处罚法》"
                            f"{'第三十三条' if a.get('aplaw_outdated') else '第五十一条'}的规定，适用简易程序当场处罚。")
            elif a.get("aplaw_outdated"):
                # the truth's citation_outdated for a decision: the pre-2021 article (now 第五十七条)
                basis_v += "本局依照《中华人民共和国行政处罚法》第三十八条第一款第（一）项的规定作出本决定。"
            notice_txt = ""
            notice = c.doc("notice")
            if notice:
                served = c.doc("notice_receipt").date if c.doc("notice_receipt") else notice.date
                num = notice.attrs["number"]
                notice_txt = (f"本局于{self.d(served)}向当事人送达了《{notice.title}》{'（' + num + '）' if num else ''}，"
                              f"告知其拟作出行政处罚的事实、理由、依据及处罚内容，并告知其依法享有陈述、申辩"
                              f"{'、要求听证' if notice.attrs['hearing_right'] else ''}的权利。")
                if c.doc("hearing_record"):
                    notice_txt += f"当事人申请听证，本局于{self.d(c.doc('hearing_record').date)}依法举行了听证。"
                elif c.doc("hearing_request"):
                    notice_txt += "当事人提出了听证申请。"
                if c.doc("statement"):
                    notice_txt += f"当事人于{self.d(c.doc('statement').date)}提出了陈述、申辩意见"
                    if c.doc("statement_review"):
                        notice_txt += "，经复核，" + ("本局采纳其部分意见。" if c.flags.get("reduced") else "其意见不予采纳。")
                    else:
                        notice_txt += "。"
                elif not c.doc("hearing_request"):
                    notice_txt += "当事人在规定期限内未提出陈述、申辩意见。"
            decide = (f"依据{self.cite(a['penalty_cite'], st['penalty'])}的规定，本局决定对当事人作出如下行政处罚："
                      if a["penalty_cite"] is not None else "本局决定对当事人作出如下行政处罚：")
            pens = self.penalties(a["fine"], a["fine_words"])
            pen_txt = "；".join(f"{i + 1}.{p}" for i, p in enumerate(pens)) + "。"
            pay, rem = self._payment_c(a), self._remedy_c(a)
            typo = _typo_text(doc)
            if self.kind == ENV and general:
                out_paras = paras + ["一、环境违法事实和证据", "经查，" + facts] + ev + [basis_v] + ([notice_txt] if notice_txt else []) \
                    + ["二、行政处罚的依据、种类及其履行方式、期限", decide, pen_txt, pay] \
                    + (["三、申请行政复议或者提起行政诉讼的途径和期限", rem] if rem else [])
            elif self.kind == SAFETY and general:
                out_paras = paras + ["违法事实及证据：" + facts] + ev + [basis_v] + ([notice_txt] if notice_txt else []) \
                    + [decide + pen_txt, pay] + ([rem] if rem else [])
            else:
                out_paras = paras + ["经查，" + facts] + ev + ([notice_txt] if notice_txt else []) + [
                    "本局认为，" + basis_v, decide, pen_txt, pay] + ([rem] if rem else [])
            if typo:
                out_paras.append(typo)
            if a.get("residue"):
                out_paras.append(_residue_text(a["residue"]))
            heads = {"一、环境违法事实和证据", "二、行政处罚的依据、种类及其履行方式、期限", "三、申请行政复议或者提起行政诉讼的途径和期限"}
            out += [self.P(t, self.plain if t in heads else self.body) for t in out_paras]
            out.append(self.seal_block(c.agency["name"] if a["authority_shown"] else "",
                                       self.d(doc.date, c.style["seal_date"]) if a["date_shown"] else "",
                                       self.seal(c.agency["name"]) if a["seal"] else None))
            if c.procedure == "simplified":
                t = c.times["decision"][0]
                offs = [c.officers[i] for i in a["officers"]]
                lines = ["执法人员：" + "、".join(o.name + (f"（执法证号：{o.cert}）" if a["cert_numbers"] else "") for o in offs)]
                if a["cert_shown"]:
                    lines.append("执法人员已当场出示执法证件，告知当事人拟作出行政处罚的事实、理由、依据及其依法享有的陈述、申辩权利，"
                                 "当事人未提出陈述、申辩。")
                out += [self.P(x, self.plain) for x in lines]
                out.append(self.P(self.sig("执法人员签名", [o.name for o in offs]), self.plain, raw=True))
                out.append(self.P(f"当事人签收：{self.hand(c.staff['respondent'])}　{escape(fmt_datetime(doc.date, t))}",
                                  self.plain, raw=True))
                out.append(self.P(f"处罚地点：{c.party.address}", self.plain))
            return out

        # ---------------------------------------------------------------- payment / closing / filing aids
        def doc_payment(self, doc):
            c, a = self.c, doc.attrs
            dec = c.doc("decision")
            rows = [["缴款人全称", c.party.name, "执收单位", c.agency["name"]],
                    ["收款人全称", f"{c.place[2]}财政局", "决定书文号", (dec.attrs["number"] if dec else "") or "/"],
                    ["收入项目名称", "罚没收入", "缴款日期", self.d(doc.date)],
                    ["金额（大写）", yuan_words(a["amount"]), "（小写）", yuan_figures(a["amount"], "currency")]]
            out = self.header(doc, None) + [self.table(rows, [3, 5, 3, 5], size=self.size - 1.5), Spacer(1, 0.4 * cm)]
            stamp = art.bank_stamp([c.agency["bank"], f"{c.place[4]}支行", doc.date.strftime("%Y.%m.%d"), "收讫"], c.seed + 7)
            from .render import StampImage
            out.append(StampImage(stamp, 4.2 * cm, 4.2 * cm * stamp.height / stamp.width, 9 * cm))
            out.append(Spacer(1, 1.2 * cm))
            return out

        def doc_closing(self, doc):
            c = self.c
            dec = c.doc("decision")
            pay = c.doc("payment")
            exe = (f"当事人已于{self.d(pay.date)}缴纳罚没款{self.money(pay.attrs['amount'])}，处罚决定已履行完毕。" if pay
                   else "当事人已履行处罚决定。")
            exe += _typo_text(doc)
            res = self.residue(doc)
            rows = [["案件名称", f"{c.party.name}涉嫌{c.violation.cause}案"], ["立案编号", c.numbers["case"]],
                    ["当事人", c.party.name], ["立案时间", self.d(c.dates.get("filed"))],
                    ["处罚决定书文号", (dec.attrs["number"] if dec else "") or "/"],
                    ["处理结果", "；".join(self.penalties(c.fine))], ["执行情况", exe]]
            if res:
                rows.append(["备注", _residue_text(res)])
            rows += [["承办人意见", self.approve_cell("处罚决定已执行完毕，建议结案。", [o.name for o in c.officers[:2]], doc.date)],
                     ["承办机构负责人意见", self.approve_cell("同意结案。", [c.staff["chief"]], doc.date)],
                     ["部门负责人意见", self.approve_cell("同意结案。", [c.staff["head"]], doc.date)]]
            return self.header(doc, c.agency["name"]) + [self.form(rows)]

        def doc_cover(self, doc):
            c, lay = self.c, self.layout or {}
            dec = c.doc("decision")
            big = ParagraphStyle("bigC", parent=self.title, fontSize=28, leading=44)
            rows = [["案　　由", f"{c.party.name}涉嫌{c.violation.cause}案"], ["当 事 人", c.party.name],
                    ["立案编号", c.numbers["case"]],
                    ["处罚决定书文号", (dec.attrs["number"] if dec and dec.attrs["number"] else "/")],
                    ["处理结果", "；".join(self.penalties(c.fine))],
                    ["立案日期", self.d(c.dates.get("filed"))], ["结案日期", self.d(c.dates.get("closed"))],
                    ["本卷件数、页数", f"共{lay.get('doc_count', '  ')}件{lay.get('numbered', '  ')}页"],
                    ["保管期限", self.rng.choice(["永久", "长期", "30年"])]]
            return [Spacer(1, 2 * cm), self.P(c.agency["name"], self.head), Spacer(1, 0.8 * cm),
                    self.P("行政处罚案卷", big), Spacer(1, 1.2 * cm), self.form(rows, (4.0, 11.0)), Spacer(1, 1 * cm),
                    self.P(f"归档号：{c.numbers['archive']}", self.center)]

        CATALOG_WIDTHS = [1.0, 4.6, 3.0, 4.2, 1.8, 1.2, 0.9]
        CATALOG_BLANK = ""

        def doc_remarks(self, doc):
            c, lay = self.c, self.layout or {}
            closed = c.dates.get("closed") or c.dates["decided"]
            rows = [["卷内情况说明", f"本卷共{lay.get('doc_count', '  ')}件，{lay.get('numbered', '  ')}页。"
                                     "卷内文件齐全完整，排列有序。"],
                    ["立卷人", Paragraph(self.sig("签名", [c.staff["filer"]]), self.cell)],
                    ["检查人", Paragraph(self.sig("签名", [c.staff["checker"]]), self.cell)],
                    ["立卷时间", self.d(closed)]]
            return self.header(doc, None) + [self.form(rows, (3.2, 12.8))]

        # ---------------------------------------------------------------- assembly
        MARGINS_CM = (2.8, 2.6, 3.0, 2.5)

        def draw_page_label(self, canv, label: str) -> None:
            # 卷内页码 in the upper right corner of each sheet, as archive rules put it
            canv.setFont(BODY, self.size + 1)
            canv.drawRightString(PAGE_W - 1.6 * cm, PAGE_H - 1.3 * cm, label)

    return RendererC


def scan_pdf(pdf_bytes: bytes, target: Path, *, seed: int, dpi: int = 200, as_folder: bool = False,
             quality: int = 30) -> list[dict]:
    """Render each page at ``dpi``, degrade it with augraphy, write an image PDF (or a folder)."""
    import pypdfium2 as pdfium

    from .degrade_augraphy import scan_page
    from .scan import _write_folder, _write_image_pdf

    pdf = pdfium.PdfDocument(pdf_bytes)
    images, info = [], []
    for i in range(len(pdf)):
        page = pdf[i]
        pil = page.render(scale=dpi / 72).to_pil()
        page.close()
        img, prm = scan_page(pil, seed * 1000 + i + 1, source_dpi=dpi, dpi=dpi)
        images.append(img)
        info.append({"page": i + 1, "rotate_cw": 0, "skew_ccw": float(prm.rotate_deg), "color": prm.color, "dpi": dpi,
                     "degraded_by": "augraphy", "jpeg_quality": prm.jpeg_quality, "shadow": prm.shadow})
    pdf.close()
    if as_folder:
        _write_folder(images, target, random.Random(f"family-c-folder-{seed}"), quality, info)
    else:
        _write_image_pdf(images, target, dpi, quality)
    return info
