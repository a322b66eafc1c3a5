"""Render a Case to a PDF (reportlab) and write its truth file.

Two passes: the first lays the dossier out to learn where each document falls; the second prints
the catalogue's page column, the cover's page count and the page numbers from that layout.
"""
from __future__ import annotations

import datetime as _dt
import io
import random
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreakIfNotEmpty,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..lib.citation import provisions_text
from . import art
from .case import THRESHOLDS, Case, Doc
from .fmt import fmt_date, fmt_datetime, hanzi_num, yuan_figures, yuan_text, yuan_words
from .truth import compute_defects, effective_cite

PAGE_W, PAGE_H = A4


@lru_cache(maxsize=1)
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("WQY", art.WQY, subfontIndex=0))
    pdfmetrics.registerFont(TTFont("UKai", art.UKAI, subfontIndex=0))


class Mark(Flowable):
    """Zero-size flowable that records the page it lands on."""

    def __init__(self, sink: dict, key: str, edge: str):
        super().__init__()
        self.sink, self.key, self.edge = sink, key, edge
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.sink.setdefault(self.key, {})[self.edge] = self.canv.getPageNumber()


class SealBlock(Flowable):
    """Authority name and date at the right (落款), with the red seal stamped over them."""

    def __init__(self, authority, date_text, seal_img, size: float, label: bool, width=16 * cm):
        super().__init__()
        self.authority, self.date_text, self.seal_img = authority, date_text, seal_img
        self.size, self.label, self.width, self.height = size, label, width, 3.6 * cm

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.height

    def draw(self):
        c = self.canv
        c.setFont("WQY", self.size)
        x_right = self.width - 0.8 * cm
        y = self.height - 1.3 * cm
        if self.authority:
            c.drawRightString(x_right, y, self.authority + ("（印章）" if self.label else ""))
        if self.date_text:
            c.drawRightString(x_right, y - self.size * 1.8, self.date_text)
        if self.seal_img is not None:
            d = 4.0 * cm
            cx = x_right - (pdfmetrics.stringWidth(self.authority or "某某某某某某某某", "WQY", self.size) / 2)
            c.drawImage(ImageReader(self.seal_img), cx - d / 2, y - d / 2 - 0.2 * cm, d, d, mask="auto")


class StampImage(Flowable):
    def __init__(self, img, w, h, x_off=0):
        super().__init__()
        self.img, self.w, self.h, self.x_off = img, w, h, x_off

    def wrap(self, aw, ah):
        return aw, self.h * 0.35

    def draw(self):
        self.canv.drawImage(ImageReader(self.img), self.x_off, -self.h * 0.55, self.w, self.h, mask="auto")


class Renderer:
    def __init__(self, case: Case):
        register_fonts()
        self.c = case
        self.rng = random.Random(f"render-{case.seed}")
        s = case.style
        self.size = s["body_size"]
        self.body = ParagraphStyle("body", fontName="WQY", fontSize=self.size, leading=self.size * 1.75,
                                   firstLineIndent=self.size * 2, wordWrap="CJK", alignment=TA_LEFT)
        self.plain = ParagraphStyle("plain", parent=self.body, firstLineIndent=0)
        self.small = ParagraphStyle("small", parent=self.plain, fontSize=self.size - 1.5, leading=(self.size - 1.5) * 1.45)
        self.cell = ParagraphStyle("cell", parent=self.plain, fontSize=self.size - 1, leading=(self.size - 1) * 1.5)
        self.head = ParagraphStyle("head", parent=self.plain, fontSize=s["title_size"] - 3, leading=(s["title_size"] - 3) * 1.6, alignment=TA_CENTER)
        self.title = ParagraphStyle("title", parent=self.plain, fontSize=s["title_size"], leading=s["title_size"] * 1.8, alignment=TA_CENTER)
        self.right = ParagraphStyle("right", parent=self.plain, alignment=TA_RIGHT)
        self.center = ParagraphStyle("center", parent=self.plain, alignment=TA_CENTER)
        self.marks: dict = {}
        self.layout: dict | None = None
        self._seals: dict = {}

    # ------------------------------------------------------------------ small helpers
    def d(self, day, style=None) -> str:
        return fmt_date(day, style or self.c.style["date"]) if day else ""

    def hand(self, text: str, size=None) -> str:
        size = size or self.size + 3
        return f'<font name="UKai" size="{size}">{escape(text)}</font>'

    def P(self, text: str, style=None, raw=False):
        return Paragraph(text if raw else escape(text), style or self.body)

    def money(self, amount: float, words: float | None = None) -> str:
        return yuan_text(amount, self.c.style["amount"], words)

    def seal(self, name: str):
        if name not in self._seals:
            self._seals[name] = art.seal_image(name, seed=self.c.seed)
        return self._seals[name]

    def header(self, doc: Doc, authority: str | None, number: str | None = None) -> list:
        out = []
        if authority:
            out.append(self.P(authority, self.head))
        out.append(self.P(doc.title, self.title))
        if number:
            out.append(self.P(number, self.right if self.rng.random() < 0.5 else self.center))
        out.append(Spacer(1, 0.3 * cm))
        return out

    def table(self, rows, widths, spans=(), size=None, pad=5):
        cell = self.cell if size is None else ParagraphStyle("c2", parent=self.cell, fontSize=size, leading=size * 1.45)
        data = [[c if isinstance(c, Flowable) else Paragraph(str(c), cell) for c in row] for row in rows]
        t = Table(data, colWidths=[w * cm for w in widths])
        style = [("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
        style += [("SPAN", a, b) for a, b in spans]
        t.setStyle(TableStyle(style))
        return t

    def officer_text(self, idxs, certs=True) -> str:
        offs = [self.c.officers[i] for i in idxs]
        if certs:
            return "、".join(f"{o.name}（执法证号：{o.cert}）" for o in offs)
        return "、".join(o.name for o in offs)

    def cite(self, cite, style="full", lead="") -> str:
        if cite is None:
            return ""
        law, art_, para, item = effective_cite(cite, style)
        name = f"《{law}》"
        if style == "short":
            name = f"《{cite.short}》"
        elif style == "unbalanced":
            name = f"《{law}"
        return name + provisions_text(art_, para, item)

    def fill(self, template: str, facts: dict) -> str:
        c = self.c
        return template.format(
            date=self.d(c.dates.get("inspected") or c.dates.get("decided")), place=c.party.address,
            goods=c.goods, qty=facts.get("qty", c.qty), start=self.d(_months_before(c.dates.get("inspected") or c.dates["decided"])),
            goods_value=self.money(facts.get("goods_value", c.goods_value)) if facts.get("goods_value", c.goods_value) else "无法计算",
            gains=self.money(facts.get("gains", c.gains)) if facts.get("gains", c.gains) else "无", plate=c.plate)

    def facts_text(self, facts: dict) -> list[str]:
        return [self.fill(t, facts) for t in self.c.violation.facts]

    def penalties(self, fine: float, words: float | None = None) -> list[str]:
        c, out = self.c, []
        for p in c.extra_penalties:
            if p == "没收违法所得":
                if c.gains:
                    out.append(f"没收违法所得{self.money(c.gains)}")
            else:
                out.append(p)
        out.append(f"罚款{self.money(fine, words)}")
        return out

    def sigline(self, label: str, names: list[str], day=None) -> list:
        txt = f"{escape(label)}：" + "　".join(self.hand(n) for n in names)
        if day:
            txt += "　　" + escape(self.d(day))
        return [self.P(txt, self.plain, raw=True)]

    def party_block(self, attrs: dict | None = None, show=None) -> list:
        p, s = self.c.party, self.c.style
        show = show or {"name": True, "id": True, "address": True, "representative": True}
        name = (attrs or {}).get("party_name", p.name)
        pid = (attrs or {}).get("party_id", p.id_number)
        lines = []
        label = s["party_label"]
        if p.kind == "individual":
            parts = [f"{label}：{name}" if show["name"] else f"{label}：", f"性别：{p.gender}",
                     f"出生日期：{self.d(p.birth)}"]
            if show["id"]:
                parts.append(f"身份证号码：{pid}")
            if show["address"]:
                parts.append(f"住址：{p.address}")
            if self.rng.random() < 0.5:
                lines.append("，".join(parts) + "。")
            else:
                lines += parts
        else:
            lines.append(f"{label}：{name}" if show["name"] else f"{label}：")
            if show["id"]:
                lines.append(f"{s['id_label']}：{pid}")
            if show["address"]:
                lines.append(f"{'住所' if p.kind == 'company' else '经营场所'}：{p.address}")
            if show["representative"] and p.representative:
                lines.append(f"{p.rep_title}：{p.representative}")
                if p.rep_id:
                    lines.append(f"身份证号码：{p.rep_id}")
        lines.append(f"联系电话：{p.phone}")
        return [self.P(x, self.plain) for x in lines]

    def residue(self, doc: Doc) -> str:
        return doc.attrs.get("residue") or ""

    def typo(self, doc: Doc, right: str) -> str:
        t = doc.attrs.get("typo")
        return t[0] if t and t[1] == right else right

    # ------------------------------------------------------------------ documents
    def doc_cover(self, doc):
        c, lay = self.c, self.layout or {}
        dec = c.doc("decision")
        rows = [
            ["案件名称", f"{c.party.name}{c.violation.cause}案"],
            ["处罚决定书文号", (dec.attrs["number"] if dec and dec.attrs["number"] else "/")],
            ["办案机构", c.agency["name"]],
            ["立案日期", self.d(c.dates.get("filed"))], ["结案日期", self.d(c.dates.get("closed"))],
            ["保管期限", self.rng.choice(["永久", "定期30年", "长期"])],
            ["卷内件数及页数", f"本卷共{lay.get('doc_count', '  ')}件{lay.get('numbered', '  ')}页"],
            ["归档号", c.numbers["archive"]],
        ]
        big = ParagraphStyle("big", parent=self.title, fontSize=30, leading=48)
        return [Spacer(1, 2.5 * cm), self.P(c.agency["name"], self.head), Spacer(1, 1 * cm),
                self.P("行政处罚案卷", big), Spacer(1, 1.5 * cm), self.table(rows, [4.5, 10.5]),
                Spacer(1, 1 * cm), self.P(f"全宗号：{self.rng.randint(10, 99)}　目录号：{self.rng.randint(1, 9)}　案卷号：{c.numbers['archive'][-4:]}", self.center)]

    # the catalog's column widths (cm) and what an empty 文号 or 日期 cell shows
    CATALOG_WIDTHS = [0.9, 4.4, 3.2, 4.1, 1.6, 1.3, 0.8]
    CATALOG_BLANK = "/"

    def doc_catalog(self, doc):
        c, lay = self.c, self.layout or {}
        rows = [["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]]
        i = 0
        for d in c.docs:
            if d.type in ("cover", "catalog", "remarks"):
                continue
            i += 1
            num = d.attrs.get("number") or (c.numbers["case"] if d.key == "filing" else "")
            who = c.party.name if d.key in ("hearing_request", "ev_identity", "statement") else (
                "检验机构" if d.key == "ev_report" else "银行" if d.type == "payment" else c.agency["name"])
            pages = lay.get("printed", {}).get(d.key, "")
            day = d.date.strftime("%Y%m%d") if d.date and d.attrs.get("date_shown", True) else ""
            rows.append([str(i), num or self.CATALOG_BLANK, who, d.title, day or self.CATALOG_BLANK, pages, ""])
        return self.header(doc, None) + [self.table(rows, self.CATALOG_WIDTHS, size=7.5, pad=2)]

    def doc_case_source(self, doc):
        c = self.c
        src = self.rng.choice(["日常监督检查", "投诉举报", "上级交办", "其他部门移送"])
        rows = [["案件来源", src], ["登记时间", self.d(doc.date)], ["当事人", c.party.name], ["地址", c.party.address],
                ["联系电话", c.party.phone], ["案情简述", self.facts_text({})[0]],
                ["登记人", Paragraph(self.hand(c.officers[0].name), self.cell)],
                ["负责人意见", Paragraph("同意核查。" + self.hand(c.staff["chief"]) + "　" + escape(self.d(doc.date)), self.cell)]]
        return self.header(doc, c.agency["name"]) + [self.table(rows, [3.5, 12.5])]

    def doc_filing(self, doc):
        c, a = self.c, doc.attrs
        p = c.party
        rows = [["案由", f"{a['party_name']}涉嫌{c.violation.cause}案"], ["立案编号", c.numbers["case"]],
                ["当事人", a["party_name"]], [c.style["id_label"] if p.kind != "individual" else "身份证号码", a["party_id"]],
                ["地址", p.address]]
        if p.representative:
            rows.append([p.rep_title, p.representative])
        rows += [["简要案情及立案依据", self.facts_text({})[0] + f"当事人的行为涉嫌违反{self.cite(c.violation.violated)}的规定，符合立案条件。"],
                 ["承办人意见", Paragraph("建议立案调查。" + "　".join(self.hand(o.name) for o in c.officers[:2])
                                      + "　" + escape(self.d(doc.date)), self.cell)],
                 ["承办机构意见", Paragraph("同意立案，由" + escape("、".join(o.name for o in c.officers[:2])) + "承办。"
                                       + self.hand(c.staff["chief"]) + "　" + escape(self.d(doc.date)), self.cell)],
                 ["负责人审批意见", Paragraph("同意立案。" + self.hand(c.staff["head"]) + "　" + escape(self.d(doc.date)), self.cell)]]
        return self.header(doc, a["authority"]) + [self.table(rows, [3.8, 12.2])]

    def _record_head(self, doc, kind: str):
        c, a = self.c, doc.attrs
        (s, e) = a["times"]
        ts = c.style["time_style"]
        if not a["time_complete"]:
            when = f"{self.d(doc.date)}{'上午' if s[0] < 12 else '下午'}"
        elif not a["date_shown"]:
            when = f"{s[0]}时{s[1]:02d}分至{e[0]}时{e[1]:02d}分"
        elif ts == "colon":
            when = f"{fmt_datetime(doc.date, s, 'colon')} 至 {e[0]:02d}:{e[1]:02d}"
        else:
            when = f"{fmt_datetime(doc.date, s)}至{e[0]}时{e[1]:02d}分"
        place = c.party.address if kind == "inspection" else self.rng.choice([c.agency["address"], c.agency["name"] + "询问室"])
        lines = [f"{'检查' if kind == 'inspection' else '询问'}时间：{when}", f"地点：{place}"]
        offs = a["officers"]
        if kind == "inspection":
            lines.append(f"检查人员：{self.officer_text(offs, a['cert_numbers'])}")
        else:
            lines.append(f"询问人：{self.officer_text(offs[:1], a['cert_numbers'])}")
            if len(offs) > 1:
                lines.append(f"记录人：{self.officer_text(offs[1:], a['cert_numbers'])}")
        return [self.P(x, self.plain) for x in lines]

    def _record_tail(self, doc, day):
        c, a = self.c, doc.attrs
        out = [Spacer(1, 0.3 * cm)]
        if a["party_signed"]:
            confirm = self.rng.choice(["以上笔录属实", "以上笔录我已看过，与我说的一致", "以上记录属实"])
            out.append(self.P(f"{'被询问人' if doc.type == 'inquiry' else '当事人'}意见：" + self.hand(confirm) + "　签名："
                              + self.hand(c.staff["respondent"]) + "　" + escape(self.d(day)), self.plain, raw=True))
        else:
            out.append(self.P(f"{'被询问人' if doc.type == 'inquiry' else '当事人'}签名：", self.plain))
        if a["officer_signed"]:
            out += self.sigline("执法人员签名", [c.officers[i].name for i in a["officers"]], day)
        else:
            out.append(self.P("执法人员签名：", self.plain))
        return out

    def doc_inspection(self, doc):
        c, a = self.c, doc.attrs
        out = self.header(doc, c.agency["name"]) + self._record_head(doc, "inspection")
        out.append(self.P(f"当事人：{a['party_name']}　{c.style['id_label'] if c.party.kind != 'individual' else '身份证号码'}：{a['party_id']}", self.plain))
        out.append(self.P(f"现场负责人：{c.staff['respondent']}（{c.staff['respondent_title']}）　联系电话：{c.party.phone}", self.plain))
        if a["cert_shown"]:
            out.append(self.P(self.rng.choice([
                "执法人员向当事人出示了执法证件，表明了身份，告知了当事人依法享有的权利和应履行的义务。",
                "检查人员已出示执法证件并说明来意，当事人确认知悉申请回避的权利，不申请回避。"]), self.body))
        out.append(self.P("现场检查情况：" + "".join(self.facts_text({})[:1]) + "执法人员对现场进行了拍照取证。", self.body))
        return out + self._record_tail(doc, doc.date)

    def doc_inquiry(self, doc):
        c, a = self.c, doc.attrs
        p = c.party
        out = self.header(doc, c.agency["name"]) + self._record_head(doc, "inquiry")
        resp = c.staff["respondent"]
        if p.kind == "company":
            out.append(self.P(f"被询问人：{resp}　职务：{c.staff['respondent_title']}　工作单位：{a['party_name']}", self.plain))
        else:
            out.append(self.P(f"被询问人：{resp}　性别：{p.gender}　身份证号码：{p.rep_id or a['party_id']}", self.plain))
            out.append(self.P(f"住址：{p.address}", self.plain))
        res = self.residue(doc)
        out.append(self.P(f"联系电话：{p.phone}" + (f"　邮编：{res}" if res else ""), self.plain))
        offs = [c.officers[i] for i in a["officers"]]
        if a["cert_shown"]:
            q1 = f"我们是{c.agency['name']}的执法人员" + "、".join(o.name for o in offs) + "，这是我们的执法证件（出示执法证件），请你过目。"
            a1 = "看清楚了。"
        else:
            q1 = f"我们是{c.agency['name']}的执法人员，现就有关情况向你进行调查询问。"
            a1 = "好的。"
        qa = [(q1, a1), ("根据法律规定，执法人员少于两人或者与本案有直接利害关系的，你有权申请回避。你是否申请回避？", "不申请。"),
              ("你应当如实回答我们的询问，作伪证要承担法律责任，你听清楚了吗？", "听清楚了。"),
              (f"请介绍一下你与{a['party_name']}的关系。", f"我是{c.staff['respondent_title']}。" if c.staff['respondent_title'] != "本人" else "我就是当事人本人。"),
              ("请说明一下本次检查发现的情况。", self.facts_text({})[0].split("，", 1)[-1].replace("当事人", "我们").replace("执法人员", "你们")),
              ("上述情况持续了多长时间？", f"从{self.d(_months_before(c.dates.get('inspected')))}开始的，我们不清楚这是违法的。"),
              ("你还有什么需要补充的吗？", "没有了，我们会立即整改。")]
        if doc.key == "inquiry2":
            qa = qa[:3] + [("我们今天再次向你核实有关情况，上次询问所述是否属实？", "属实。"),
                           ("相关的进货（经营）记录是否已提供？", "已经提供了。"), qa[-1]]
        for q, ans in qa:
            out.append(self.P(f"问：{q}", self.plain))
            out.append(self.P(f"答：{ans}", self.plain))
        return out + self._record_tail(doc, doc.date)

    def doc_evidence(self, doc):
        c, a = self.c, doc.attrs
        kind = a["kind"]
        out = self.header(doc, None)
        if kind == "identity":
            p = c.party
            if p.kind == "individual":
                rows = [["姓名", p.name, "性别", p.gender], ["出生", self.d(p.birth, "cn"), "民族", "汉"],
                        ["住址", p.address, "", ""], ["公民身份号码", a["id_number"], "", ""]]
                out.append(self.table(rows, [3, 5, 2, 3], spans=[((1, 2), (3, 2)), ((1, 3), (3, 3))]))
                out.append(Spacer(1, 0.5 * cm))
                out.append(self.table([["中华人民共和国　居民身份证"], [f"签发机关：{c.place[2]}公安局{c.place[4]}分局"],
                                       [f"有效期限：{p.birth.year + 30}.01.01-长期"]], [13]))
            else:
                rows = [["营业执照"], [f"{c.style['id_label'] if self.rng.random() < 0.5 else '统一社会信用代码'}　{a['id_number']}"],
                        [f"名称　{p.name}"], [f"类型　{'有限责任公司（自然人投资或控股）' if p.kind == 'company' else '个体工商户'}"],
                        [f"{'法定代表人' if p.kind == 'company' else '经营者'}　{p.representative}"],
                        [f"{'住所' if p.kind == 'company' else '经营场所'}　{p.address}"],
                        [f"成立日期　{self.d(_months_before(c.dates.get('inspected') or c.dates['decided'], 40))}"],
                        [f"登记机关　{c.place[2]}{c.place[4]}市场监督管理局"]]
                out.append(self.table(rows, [14]))
            out.append(Spacer(1, 0.5 * cm))
            out.append(self.P("此复印件与原件核对一致。" + self.hand(c.staff["respondent"]), self.right, raw=True))
        elif kind == "photos":
            scene = {"food": "shelf", "product": "shelf", "ad": "shelf", "price": "shelf", "env": "yard", "safety": "yard",
                     "planning": "yard"}.get(c.violation.trade, "street")
            for i in range(a["count"]):
                img = Image(io.BytesIO(art.photo(c.seed * 10 + i, scene)), width=11 * cm, height=7.2 * cm)
                cap = self.P(f"照片{i + 1}：{c.goods}现场情况。拍摄时间：{self.d(doc.date)}　拍摄地点：{c.party.address}　"
                             f"拍摄人：{c.officers[i % 2].name}", self.small)
                out.append(KeepTogether([img, cap, Spacer(1, 0.3 * cm)]))
            out.append(self.P("当事人确认：" + self.hand(c.staff["respondent"]), self.right, raw=True))
        elif kind == "test_report":
            inst = f"{c.place[2]}{'产品质量检验研究院' if c.violation.agency_kind == '市场监督管理局' else '生态环境监测站'}"
            out.insert(0, self.P(inst, self.head))
            rows = [["报告编号", f"JC{doc.date:%Y%m}{self.rng.randint(100, 999)}", "委托单位", c.agency["name"]],
                    ["受检单位", c.party.name, "检验类别", "监督抽查" if c.violation.agency_kind == "市场监督管理局" else "监督性监测"],
                    ["样品名称", c.goods, "报告日期", self.d(doc.date)]]
            out.append(self.table(rows, [2.6, 5.4, 2.6, 5.4]))
            out.append(Spacer(1, 0.3 * cm))
            res = [["序号", "检验项目", "标准要求", "检验结果", "单项判定"]]
            for i, item in enumerate(["标志和标识", "主要性能指标", "安全指标"] if c.violation.agency_kind == "市场监督管理局"
                                     else ["pH值", "化学需氧量（mg/L）", "颗粒物（mg/m³）"]):
                res.append([str(i + 1), item, "符合标准", "不符合" if i == 1 else "符合", "不合格" if i == 1 else "合格"])
            out.append(self.table(res, [1.5, 4.5, 3.5, 3.5, 3]))
            out.append(Spacer(1, 0.3 * cm))
            out.append(self.P("检验结论：经检验，所检项目中有一项不符合标准要求，判定为不合格。", self.body))
            out.append(SealBlock(inst, self.d(doc.date, "cn"), self.seal(inst), self.size, False))
        else:
            rows = [["日期", "品名", "数量", "单价（元）", "金额（元）"]]
            for i in range(self.rng.randint(3, 6)):
                q = self.rng.randint(5, 40)
                pr = self.rng.randint(3, 90)
                rows.append([self.d(_months_before(doc.date, 1 + i), "iso"), c.goods, str(q), str(pr), str(q * pr)])
            out.append(self.table(rows, [3.2, 4, 2.4, 3, 3.4]))
            out.append(Spacer(1, 0.3 * cm))
            out.append(self.P("以上单据复印件由当事人提供，与原件一致。" + self.hand(c.staff["respondent"])
                              + "　" + escape(self.d(doc.date)), self.right, raw=True))
        return out

    def doc_report(self, doc):
        c, a = self.c, doc.attrs
        v = c.violation
        out = self.header(doc, c.agency["name"])
        fired = "、".join(o.name for o in c.officers[:2])
        sections = [
            ("一、当事人基本情况", [f"当事人：{c.party.name}，{c.style['id_label'] if c.party.kind != 'individual' else '身份证号码'}：{c.party.id_number}，地址：{c.party.address}。"]),
            ("二、案件来源及调查经过", [f"{self.d(c.dates.get('inspected'))}，执法人员{fired}在检查中发现当事人涉嫌{v.cause}，"
                                 f"经批准于{self.d(c.dates.get('filed'))}立案调查。执法人员依法制作了现场检查笔录、询问笔录，提取了相关证据。"]),
            ("三、违法事实及证据", self.facts_text(a["facts"])),
            ("四、定性及处罚依据", [f"当事人的上述行为违反了{self.cite(v.violated)}的规定。依据{self.cite(v.penalty)}的规定，"
                               f"当事人的行为应当予以行政处罚。当事人积极配合调查，主动整改，可依法从轻处罚。"]),
            ("五、处罚建议", [f"建议对当事人作出如下行政处罚：{'；'.join(self.penalties(a['proposed_fine']))}。"
                          + ("本案拟罚款数额达到较大数额标准，应告知当事人听证权利。" if c.hearing_scope(a['proposed_fine']) else "")
                          + (f"（{self.typo(doc, '听证')}权利告知后，当事人未提出申请的，依法作出决定。）" if doc.attrs.get("typo") and doc.attrs["typo"][1] == "听证" else "")
                          + (f"当事人违{self.typo(doc, '违反')[-1]}法律规定的情节较轻。" if doc.attrs.get("typo") and doc.attrs["typo"][1] == "违反" else "")]),
        ]
        if doc.attrs.get("typo") and doc.attrs["typo"][1] not in ("听证", "违反"):
            sections[-1][1].append(f"（本报告所称{doc.attrs['typo'][0]}，见附件。）")
        for h, paras in sections:
            out.append(self.P(h, self.plain))
            out += [self.P(t) for t in paras]
        if self.residue(doc):
            out.append(self.P(f"附件：{self.residue(doc)}", self.plain))
        out += self.sigline("承办人", [o.name for o in c.officers[:2]], doc.date)
        return out

    def doc_legal_review(self, doc):
        c = self.c
        out = self.header(doc, c.agency["name"])
        out.append(self.P(f"送审机构：{c.agency['name']}执法科室　　案件名称：{c.party.name}{c.violation.cause}案", self.plain))
        out.append(self.P("审核意见：经审核，本案执法主体合法，当事人认定准确，违法事实清楚，证据确凿充分，定性准确，"
                          "适用法律依据正确，程序合法，拟作出的行政处罚裁量适当。同意承办机构的处理意见。"))
        out.append(self.P(f"审核人：{self.hand(c.staff['reviewer'])}（法律职业资格证书编号：A{self.rng.randint(2010, 2022)}{self.rng.randint(10000000, 99999999)}）"
                          f"　审核日期：{escape(self.d(doc.date))}", self.plain, raw=True))
        return out

    def doc_discussion(self, doc):
        c = self.c
        t = c.times.get("discussion", ((10, 0),))[0]
        out = self.header(doc, c.agency["name"])
        lines = [f"时间：{fmt_datetime(doc.date, t)}", f"地点：{c.agency['name']}会议室",
                 f"主持人：{c.staff['head']}（局长）", f"参加人员：{'、'.join(c.staff['members'])}",
                 f"汇报人：{c.officers[0].name}　记录人：{c.officers[-1].name}",
                 f"讨论案件：{c.party.name}{c.violation.cause}案"]
        out += [self.P(x, self.plain) for x in lines]
        out.append(self.P(f"案情汇报：{c.officers[0].name}汇报了案件的调查经过、违法事实、证据及处罚建议。"))
        for m in c.staff["members"][:3]:
            out.append(self.P(f"{m}：本案事实清楚，证据充分，同意承办机构的处罚建议。", self.plain))
        out.append(self.P(f"讨论结论：经集体讨论，决定对当事人作出{'；'.join(self.penalties(c.notice_fine))}的行政处罚。"))
        out += self.sigline("参加人员签名", [c.staff["head"]] + c.staff["members"])
        return out

    def _aplaw(self, outdated: bool, which: str) -> str:
        arts = {"statement": ("第四十四条、第四十五条", "第三十一条、第三十二条"), "hearing": ("第六十三条、第六十四条", "第四十二条")}
        return f"《中华人民共和国行政处罚法》{arts[which][1 if outdated else 0]}"

    def doc_notice(self, doc):
        c, a = self.c, doc.attrs
        you = c.style["you"]
        st = a.get("cite_style", {"violated": "full", "penalty": "full"})
        out = self.header(doc, a["authority"], a["number"])
        out.append(self.P(f"{a['party_name']}：", self.plain))
        paras = []
        if a["facts_stated"]:
            paras.append("经查，" + "".join(self.facts_text(a["facts"])).replace("当事人", you)
                         + "以上事实有现场检查笔录、询问笔录、现场照片等证据证实。")
        else:
            paras.append(f"本局对{you}涉嫌违法一案已调查终结。")
        if a["basis"]:
            paras.append(f"{you}的上述行为违反了{self.cite(a['violated'], st['violated'])}的规定。依据{self.cite(a['penalty_cite'], st['penalty'])}的规定，"
                         + (f"本局拟对{you}作出如下行政处罚：{'；'.join(self.penalties(a['fine']))}。" if a["penalty"] else f"本局拟依法对{you}给予行政处罚。"))
        elif a["penalty"]:
            paras.append(f"本局拟对{you}作出如下行政处罚：{'；'.join(self.penalties(a['fine']))}。")
        else:
            paras.append(f"本局拟依法对{you}给予行政处罚。")
        if a["statement_right"]:
            paras.append(f"根据{self._aplaw(a['aplaw_outdated'], 'statement')}的规定，{you}有权进行陈述和申辩。"
                         f"{you}可在收到本告知书之日起五个工作日内向本局提出陈述、申辩意见，逾期未提出的，视为放弃上述权利。")
        if a["hearing_right"]:
            n = a["hearing_days"]
            paras.append(f"根据{self._aplaw(a['aplaw_outdated'], 'hearing')}的规定，{you}有要求举行听证的权利。"
                         f"如要求听证，应当在收到本告知书之日起{hanzi_num(n)}{a['hearing_unit']}内向本局提出书面申请，逾期视为放弃。")
        out += [self.P(t) for t in paras]
        res = a.get("residue")
        out.append(self.P(f"联系人：{res if res in ('XXX', '××') else c.officers[0].name}　联系电话：{c.agency['phone']}　"
                          f"地址：{c.agency['address']}" + (f"　{res}" if res and res not in ('XXX', '××') else ""), self.plain))
        out.append(SealBlock(a["authority"], self.d(doc.date, c.style["seal_date"]) if a["date_shown"] else "",
                             self.seal(a["authority"]) if a["seal"] else None, self.size, c.style["seal_label"] and a["seal"]))
        return out

    def doc_receipt(self, doc):
        c, a = self.c, doc.attrs
        served = c.doc(a["serves"])
        num = served.attrs.get("number") if served else ""
        rows = [["送达文书名称及文号", f"《{served.title if served else ''}》{num or ''}"], ["受送达人", c.party.name],
                ["送达地点", c.party.address], ["送达方式", a["method"] if a["method_shown"] else ""],
                ["受送达人签名（盖章）", Paragraph(self.hand(c.staff["respondent"]) if a["recipient_signed"] else "", self.cell)],
                ["送达时间", self.d(doc.date) if a["date_shown"] else ""],
                ["送达人", Paragraph("　".join(self.hand(o.name) for o in c.officers[:2]), self.cell)],
                ["备注", "邮寄送达，回执附后。" if a["method"] == "邮寄送达" and a["method_shown"] else ""]]
        head = [self.P(doc.title, self.title)] if doc.same_page else self.header(doc, c.agency["name"])
        return head + [self.table(rows, [4.5, 11.5])]

    def doc_statement(self, doc):
        c = self.c
        if doc.key == "statement":
            t = c.times.get("statement", ((10, 0),))[0]
            out = self.header(doc, c.agency["name"])
            out += [self.P(x, self.plain) for x in [f"时间：{fmt_datetime(doc.date, t)}", f"地点：{c.agency['address']}",
                                                     f"陈述申辩人：{c.staff['respondent']}（{c.party.name}）",
                                                     f"承办人：{c.officers[0].name}　记录人：{c.officers[1].name}"]]
            out.append(self.P("陈述申辩内容：" + self.rng.choice([
                "我方系初次违法，违法行为持续时间短，且在检查后已立即整改，没有造成危害后果，请求从轻或者减轻处罚。",
                "对认定的违法事实没有异议，但我方经营困难，罚款数额过高，请求予以减轻。"])))
            out.append(self.P("陈述申辩人签名：" + self.hand(c.staff["respondent"]) + "　" + escape(self.d(doc.date)), self.plain, raw=True))
            out += self.sigline("承办人签名", [o.name for o in c.officers[:2]])
            return out
        out = self.header(doc, c.agency["name"])
        out.append(self.P(f"当事人{c.party.name}于{self.d(c.dates.get('statement'))}提出陈述申辩意见。经复核："))
        if doc.attrs.get("adopted"):
            out.append(self.P(f"当事人主动整改、积极配合调查的情况属实，对其申辩意见予以部分采纳，拟将罚款调整为{self.money(c.fine)}。"))
        else:
            out.append(self.P("当事人提出的理由不足以构成从轻或减轻处罚的情形，对其陈述申辩意见不予采纳，维持原拟处罚意见。"))
        out += self.sigline("复核人", [c.staff["reviewer"], c.staff["chief"]], doc.date)
        return out

    def doc_hearing_request(self, doc):
        c = self.c
        notice = c.doc("notice")
        out = self.header(doc, None)
        out.append(self.P(f"{c.agency['name']}：", self.plain))
        out.append(self.P(f"本{'单位' if c.party.kind == 'company' else '人'}于{self.d(c.dates.get('notice_served'))}收到贵局"
                          f"《{notice.title if notice else '行政处罚告知书'}》（{notice.attrs['number'] if notice and notice.attrs['number'] else ''}），"
                          "对拟作出的行政处罚有异议，现依法申请举行听证。"))
        out.append(self.P("申请人：" + self.hand(c.staff["respondent"]) + "　" + escape(self.d(doc.date)), self.right, raw=True))
        return out

    def doc_other(self, doc):
        return self.doc_extension(doc) if doc.key == "extension" else self.doc_hearing_request(doc)

    def doc_extension(self, doc):
        c = self.c
        filed = c.doc("filing").date if c.doc("filing") else c.dates["filed"]
        rows = [["案由", f"{c.party.name}{c.violation.cause}案"], ["当事人", c.party.name],
                ["立案日期", self.d(filed)], ["办案期限届满日", self.d(filed + _dt.timedelta(days=90))],
                ["延期理由", self.rng.choice(["案情复杂，需进一步调查取证。", "涉案产品需委托检验，检验期间不能按期办结。",
                                          "当事人申请听证，需组织听证程序。"])],
                ["申请延长期限", "三十日"],
                ["承办人意见", Paragraph("建议延长办案期限三十日。" + "　".join(self.hand(o.name) for o in c.officers[:2])
                                      + "　" + escape(self.d(doc.date)), self.cell)],
                ["负责人审批意见", Paragraph("同意延长三十日。" + self.hand(c.staff["head"]) + "　" + escape(self.d(doc.date)), self.cell)]]
        return self.header(doc, c.agency["name"]) + [self.table(rows, [3.8, 12.2])]

    def doc_hearing_notice(self, doc):
        c, a = self.c, doc.attrs
        t = c.times.get("hearing", ((9, 30),))[0]
        out = self.header(doc, c.agency["name"], a["number"])
        out.append(self.P(f"{c.party.name}：", self.plain))
        out.append(self.P(f"根据{c.style['you']}的申请，本局定于{fmt_datetime(a['hearing_date'], t)}在{c.agency['address']}"
                          f"就{c.party.name}{c.violation.cause}一案举行听证，由{c.staff['presider']}担任听证主持人。"
                          f"{c.style['you']}可以委托一至二人代理参加听证，请凭本通知书准时参加，无正当理由不到场的，视为放弃听证。"))
        out.append(SealBlock(c.agency["name"], self.d(doc.date, c.style["seal_date"]), self.seal(c.agency["name"]), self.size, False))
        return out

    def doc_hearing_record(self, doc):
        c = self.c
        out = self.header(doc, c.agency["name"])
        if doc.key == "hearing_record":
            t = c.times.get("hearing", ((9, 30),))[0]
            lines = [f"时间：{fmt_datetime(doc.date, t)}至{t[0] + 1}时{t[1]:02d}分", f"地点：{c.agency['address']}",
                     f"听证主持人：{c.staff['presider']}　书记员：{c.staff['witness']}",
                     f"案件调查人员：{'、'.join(o.name for o in c.officers[:2])}",
                     f"当事人：{c.party.name}　委托代理人：{c.staff['agent']}"]
            out += [self.P(x, self.plain) for x in lines]
            out.append(self.P("主持人宣布听证纪律，告知当事人的权利义务，询问是否申请回避。当事人表示不申请回避。"))
            out.append(self.P("调查人员提出当事人违法的事实、证据和拟作出的行政处罚建议。当事人及其代理人进行了申辩和质证，并作最后陈述。"))
            out.append(self.P("当事人核对笔录：" + self.hand("以上笔录属实") + "　" + self.hand(c.staff["respondent"]), self.plain, raw=True))
            out += self.sigline("听证主持人", [c.staff["presider"]], doc.date)
        else:
            out.append(self.P(f"{self.d(c.dates.get('hearing'))}，本局就{c.party.name}{c.violation.cause}一案依法举行听证。"
                              "听证主持人认为，本案事实清楚，证据确实充分，当事人提出的申辩理由不能成立，建议维持拟处罚意见。"))
            out += self.sigline("听证主持人", [c.staff["presider"]], doc.date)
        return out

    def doc_approval(self, doc):
        c = self.c
        dec = c.doc("decision")
        fine = dec.attrs["fine"] if dec else c.fine
        typo = doc.attrs.get("typo")
        note = f"已依法告知当事人陈述、{self.typo(doc, '申辩')}权利。" if typo and typo[1] == "申辩" else "已依法履行告知程序。"
        if typo and typo[1] not in ("申辩",):
            note += f"（{typo[0]}材料附后）"
        rows = [["案由", f"{c.party.name}{c.violation.cause}案"], ["当事人", c.party.name],
                ["违法事实", self.facts_text({})[0]], ["处罚依据", f"{self.cite(c.violation.penalty)}"],
                ["拟处罚意见", "；".join(self.penalties(fine))],
                ["承办人意见", Paragraph(escape(note) + "建议按上述意见作出处罚决定。" + "　".join(self.hand(o.name) for o in c.officers[:2])
                                      + "　" + escape(self.d(doc.date)), self.cell)],
                ["审核意见", Paragraph("同意。" + self.hand(c.staff["chief"]) + "　" + escape(self.d(doc.date)), self.cell)],
                ["负责人审批意见", Paragraph("同意。" + self.hand(c.staff["head"]) + "　" + escape(self.d(doc.date)), self.cell)]]
        return self.header(doc, c.agency["name"]) + [self.table(rows, [3.5, 12.5])]

    def _remedy(self, a) -> str:
        c, rm = self.c, a["remedy"]
        if not rm["review"] and not rm["litigation"]:
            return ""
        who = "当事人" if self.rng.random() < 0.5 else c.style["you"]
        if rm.get("review_first"):
            return (f"{who}如不服本决定，可以在收到本决定书之日起{rm['review_days']}内向{rm['review_body']}申请行政复议；"
                    f"对行政复议决定不服的，可以在收到行政复议决定书之日起{rm['litigation_period']}内向{rm['court']}提起行政诉讼。"
                    if rm["litigation"] else
                    f"{who}如不服本决定，可以在收到本决定书之日起{rm['review_days']}内向{rm['review_body']}申请行政复议。")
        parts = []
        if rm["review"]:
            parts.append(f"可以在收到本决定书之日起{rm['review_days']}内向{rm['review_body']}申请行政复议")
        if rm["litigation"]:
            parts.append(f"{'也可以' if rm['review'] else '可以'}在{rm['litigation_period']}内依法向{rm['court']}提起行政诉讼")
        v = c.style["remedy_variant"]
        if v == 0:
            return "如不服本处罚决定，" + "，".join(parts) + "。"
        if v == 1:
            return f"{who}对本决定不服的，" + "；".join(parts) + "。"
        return f"{who}如对本处罚决定不服，" + "，或者".join(p.replace("也可以", "") for p in parts) + "。"

    def _payment(self, a) -> str:
        c, pay = self.c, a["payment"]
        v = c.style["payment_variant"]
        term = {0: "当事人应当自收到本决定书之日起十五日内", 1: "限当事人自收到本决定书之日起15日内",
                2: "罚没款请于收到本决定书之日起十五日内"}[v] if pay["term"] else ("当事人应当" if v != 2 else "罚没款请")
        if pay["channel"]:
            chan = {0: self.rng.choice([f"持本决定书到{c.agency['bank']}各营业网点缴纳罚没款",
                                         "通过非税收入统一缴款平台缴纳罚没款"]),
                    1: f"将罚没款缴至{c.agency['bank']}{c.place[2]}分行（收款人：{c.place[2]}财政局非税收入汇缴专户）",
                    2: f"通过“{c.agency['province'][:-1]}非税缴款”平台或到代收银行缴纳"}[v]
        else:
            chan = "缴纳罚没款" if v != 2 else "缴纳"
        s = term + chan + "。"
        if pay["late_fee"]:
            s += {0: "到期不缴纳罚款的，本局将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。",
                  1: "逾期不缴纳罚款的，每日按罚款数额的3%加处罚款，加处罚款的数额不超出罚款的数额。",
                  2: "当事人逾期不履行的，本机关将依照《中华人民共和国行政处罚法》第七十二条的规定每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行。"}[v]
        return s

    def doc_decision(self, doc):
        c, a = self.c, doc.attrs
        v = c.violation
        st = a["cite_style"]
        out = self.header(doc, c.agency["name"] if a["authority_shown"] else None, a["number"])
        out += self.party_block(a, a["party_fields"])
        out.append(Spacer(1, 0.2 * cm))
        paras = []
        filing = c.doc("filing")
        intro = f"{a['party_name']}{v.cause}一案，" + (f"本局于{self.d(filing.date)}立案调查，现已调查终结。" if filing else "本局依法进行了调查，现已调查终结。")
        if c.procedure == "general":
            paras.append(intro)
        facts_at = len(paras)
        paras.append("经查：" + "".join(self.facts_text(a["facts"])))
        if a["evidence_list"]:
            names = {"inspection": "现场检查笔录", "inquiry": "询问笔录", "identity": "营业执照复印件" if c.party.kind != "individual" else "身份证复印件",
                     "photos": "现场照片", "test_report": "检验（监测）报告", "books": "进货单据等书证"}
            items = [names[k] for k in a["evidence_list"]]
            proves = {"inspection": "证明执法人员现场检查发现的情况", "inquiry": "证明当事人对违法事实的陈述",
                      "identity": "证明当事人的主体资格", "photos": "证明违法行为现场情况",
                      "test_report": "证明涉案产品（排放物）不符合标准要求", "books": "证明涉案数量及金额"}
            if c.style["evidence_variant"] == 0:
                paras.append("上述事实，主要有以下证据证明：")
                paras += [f"{i + 1}.{names[k]}，{proves[k]}；" for i, k in enumerate(a["evidence_list"])]
            else:
                paras.append("以上事实有" + "、".join(items) + "等证据为证。")
        notice = c.doc("notice")
        if notice:
            served = c.doc("notice_receipt").date if c.doc("notice_receipt") else notice.date
            txt = f"本局于{self.d(served)}向当事人送达了《{notice.title}》{'（' + notice.attrs['number'] + '）' if notice.attrs['number'] else ''}，告知其拟作出行政处罚的内容及事实、理由、依据，以及依法享有的陈述、申辩{'和要求听证' if notice.attrs['hearing_right'] else ''}等权利。"
            if c.doc("hearing_record"):
                txt += f"当事人于{self.d(c.dates.get('hearing_requested'))}申请听证，本局于{self.d(c.doc('hearing_record').date)}依法举行了听证。"
            elif c.doc("hearing_request"):
                txt += f"当事人于{self.d(c.dates.get('hearing_requested'))}提出了听证申请。"
            if c.doc("statement"):
                txt += f"当事人于{self.d(c.doc('statement').date)}提出了陈述、申辩意见"
                txt += ("，经复核，" + ("本局对其意见予以部分采纳。" if c.flags.get("reduced") else "本局对其意见不予采纳。")) if c.doc("statement_review") else "。"
            elif not c.doc("hearing_request"):
                txt += f"当事人在规定期限内未提出陈述、申辩{'和听证' if notice.attrs['hearing_right'] else ''}意见。"
            if c.style["facts_first"]:
                paras.append(txt)
            else:
                paras.insert(facts_at, txt)
        basis = ""
        if a["violated"] is not None:
            basis += f"本局认为，当事人的上述行为违反了{self.cite(a['violated'], st['violated'])}的规定，构成{v.cause}的违法行为。"
        else:
            basis += f"本局认为，当事人的上述行为构成{v.cause}的违法行为。"
        basis += "" if c.procedure == "simplified" else self.rng.choice([
            "鉴于当事人积极配合调查，主动整改，",
            "综合考虑当事人违法行为的事实、性质、情节以及社会危害程度，结合当事人主动消除违法行为危害后果的情况，",
            "本局在法定幅度内，综合考量当事人的违法情节、整改情况及社会影响，",
            ""])
        if c.procedure == "simplified":
            basis += f"根据《中华人民共和国行政处罚法》{'第三十三条' if a.get('aplaw_outdated') else '第五十一条'}的规定，适用简易程序当场处罚。"
        if a["penalty_cite"] is not None:
            basis += f"依据{self.cite(a['penalty_cite'], st['penalty'])}的规定，本局决定对当事人作出如下行政处罚："
        else:
            basis += "本局决定对当事人作出如下行政处罚："
        paras.append(basis)
        pens = self.penalties(a["fine"], a["fine_words"])
        paras.append("；".join(f"{i + 1}.{p}" for i, p in enumerate(pens)) + "。")
        paras.append(self._payment(a))
        rem = self._remedy(a)
        if rem:
            paras.append(rem)
        typo = a.get("typo")
        if typo:
            paras.append(f"当事人在规定期限内未提出陈述、{typo[0]}。" if typo[1] == "申辩" else f"（{typo[0]}）")
        if a.get("residue"):
            paras.append(f"本决定书一式两份{a['residue']}。")
        out += [self.P(t) for t in paras]
        out.append(SealBlock(c.agency["name"] if a["authority_shown"] else "",
                             self.d(doc.date, c.style["seal_date"]) if a["date_shown"] else "",
                             self.seal(c.agency["name"]) if a["seal"] else None, self.size,
                             c.style["seal_label"] and a["seal"]))
        if c.procedure == "simplified":
            out += self._simplified_tail(doc)
        return out

    def _simplified_tail(self, doc):
        c, a = self.c, doc.attrs
        t = c.times["decision"][0]
        out = [self.P(f"执法人员：{self.officer_text(a['officers'], a['cert_numbers'])}", self.plain)]
        if a["cert_shown"]:
            out.append(self.P("执法人员已当场出示执法证件，告知当事人作出行政处罚决定的事实、理由、依据及依法享有的陈述、申辩权利，当事人未提出陈述、申辩。", self.plain))
        out += self.sigline("执法人员签名", [c.officers[i].name for i in a["officers"]])
        out.append(self.P(f"当事人签收：{self.hand(c.staff['respondent'])}　{escape(fmt_datetime(doc.date, t))}", self.plain, raw=True))
        out.append(self.P(f"处罚地点：{c.party.address}", self.plain))
        return out

    def doc_payment(self, doc):
        c, a = self.c, doc.attrs
        dec = c.doc("decision")
        rows = [["缴款人", c.party.name, "执收单位", c.agency["name"]],
                ["收款单位", f"{c.place[2]}财政局（非税收入汇缴结算户）", "决定书文号", (dec.attrs["number"] if dec else "") or "/"],
                ["项目名称", "罚没收入", "缴款日期", self.d(doc.date, "iso")],
                ["金额（大写）", yuan_words(a["amount"]), "金额（小写）", yuan_figures(a["amount"], "currency")]]
        out = self.header(doc, None) + [self.table(rows, [3, 5, 3, 5], size=self.size - 1.5), Spacer(1, 0.4 * cm)]
        stamp = art.bank_stamp([c.agency["bank"], f"{c.place[4]}支行", doc.date.strftime("%Y.%m.%d"), "转讫"], c.seed)
        out.append(StampImage(stamp, 4.2 * cm, 4.2 * cm * stamp.height / stamp.width, 10 * cm))
        out.append(Spacer(1, 1.2 * cm))
        return out

    def doc_closing(self, doc):
        c = self.c
        dec = c.doc("decision")
        typo = doc.attrs.get("typo")
        pay = c.doc("payment")
        exe = f"当事人已于{self.d(pay.date)}缴纳罚没款{self.money(pay.attrs['amount'])}" if pay else "当事人已履行处罚决定"
        exe += f"，本案未举行{typo[0]}。" if typo and typo[1] == "听证" else "。"
        if typo and typo[1] != "听证":
            exe += f"（{typo[0]}）"
        if self.residue(doc):
            exe += f"备注：{self.residue(doc)}"
        rows = [["案由", f"{c.party.name}{c.violation.cause}案"], ["当事人", c.party.name],
                ["处罚决定书文号", (dec.attrs["number"] if dec else "") or "/"], ["处罚内容", "；".join(self.penalties(c.fine))],
                ["执行情况", exe],
                ["承办人意见", Paragraph("处罚决定已执行完毕，建议结案。" + "　".join(self.hand(o.name) for o in c.officers[:2]) + "　" + escape(self.d(doc.date)), self.cell)],
                ["负责人审批意见", Paragraph("同意结案。" + self.hand(c.staff["head"]) + "　" + escape(self.d(doc.date)), self.cell)]]
        return self.header(doc, c.agency["name"]) + [self.table(rows, [3.5, 12.5])]

    def doc_remarks(self, doc):
        c, lay = self.c, self.layout or {}
        closed = c.dates.get("closed") or c.dates["decided"]
        out = self.header(doc, None)
        out.append(self.table([[f"本卷情况说明：本卷共{lay.get('doc_count', '  ')}件，{lay.get('numbered', '  ')}页，"
                                "其中文字材料若干页，照片若干张。卷内材料齐全，已按规定顺序排列。"],
                               [Paragraph("立卷人：" + self.hand(c.staff["filer"]) + "　" + escape(self.d(closed)), self.cell)],
                               [Paragraph("检查人：" + self.hand(c.staff["checker"]) + "　" + escape(self.d(closed)), self.cell)]],
                              [15]))
        return out

    DISPATCH = {
        "cover": "doc_cover", "catalog": "doc_catalog", "case_source": "doc_case_source", "filing": "doc_filing",
        "inspection": "doc_inspection", "inquiry": "doc_inquiry", "evidence": "doc_evidence",
        "investigation_report": "doc_report", "legal_review": "doc_legal_review",
        "collective_discussion": "doc_discussion", "prior_notice": "doc_notice", "service_receipt": "doc_receipt",
        "statement_record": "doc_statement", "other": "doc_other", "hearing_notice": "doc_hearing_notice",
        "hearing_record": "doc_hearing_record", "approval": "doc_approval", "decision": "doc_decision",
        "payment": "doc_payment", "closing": "doc_closing", "remarks": "doc_remarks", "inquiry_notice": "doc_inquiry_notice",
    }

    def doc_inquiry_notice(self, doc):
        c = self.c
        out = self.header(doc, doc.attrs["authority"])
        out.append(self.P(f"{c.party.name}：", self.plain))
        day = c.dates.get("inquired") or doc.date
        out.append(self.P(f"为调查了解有关情况，请{c.style['you']}{'法定代表人或委托代理人' if c.party.kind == 'company' else ''}于"
                          f"{self.d(day)}到{c.agency['address']}接受询问调查，并携带身份证明、营业执照等材料。"))
        out.append(self.P(f"联系人：{c.officers[0].name}　联系电话：{c.agency['phone']}", self.plain))
        out.append(SealBlock(doc.attrs["authority"], self.d(doc.date, c.style["seal_date"]), self.seal(doc.attrs["authority"]), self.size, False))
        return out

    # ------------------------------------------------------------------ assembly
    # a document that shares a sheet: the room it wants below the one before (else a new sheet), and
    # the gap above it, in cm
    SAME_PAGE_ROOM_CM = 9.5
    SAME_PAGE_GAP_CM = 0.6

    def keeps_together(self, doc: Doc) -> bool:
        """Whether a document that shares a sheet is kept whole (moved on to the next sheet when it
        does not fit)."""
        return doc.same_page

    def story(self) -> list:
        flow = []
        for i, doc in enumerate(self.c.docs):
            body = getattr(self, self.DISPATCH[doc.type])(doc)
            if i:
                flow.append(CondPageBreak(self.SAME_PAGE_ROOM_CM * cm) if doc.same_page else PageBreakIfNotEmpty())
                if doc.same_page:
                    flow.append(Spacer(1, self.SAME_PAGE_GAP_CM * cm))
            if self.keeps_together(doc):
                flow.append(KeepTogether([Mark(self.marks, doc.key, "first")] + body + [Mark(self.marks, doc.key, "last")]))
            else:
                # a document on sheets of its own, or one let run on across sheets: no KeepTogether
                flow.append(Mark(self.marks, doc.key, "first"))
                flow += body
                flow.append(Mark(self.marks, doc.key, "last"))
        return flow

    # page margins in cm (left, right, top, bottom); a family with another layout overrides them
    MARGINS_CM = (2.5, 2.2, 2.2, 2.4)

    def draw_page_label(self, canv, label: str) -> None:
        """The printed 卷内页码 of one sheet; this family puts it bottom right."""
        canv.setFont("WQY", self.size)
        canv.drawRightString(PAGE_W - 1.8 * cm, 1.3 * cm, label)

    def build(self) -> bytes:
        self.marks = {}
        buf = io.BytesIO()
        labels = (self.layout or {}).get("labels", {})

        def on_page(canv, doc):
            label = labels.get(canv.getPageNumber())
            if label:
                self.draw_page_label(canv, str(label))

        left, right, top, bottom = self.MARGINS_CM
        doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=left * cm, rightMargin=right * cm, topMargin=top * cm,
                              bottomMargin=bottom * cm, title=self.c.name, author="", creator="dossier-review samplegen")
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
        doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPageEnd=on_page)])
        from reportlab import rl_config
        old = rl_config.useA85
        rl_config.useA85 = 0  # binary image streams: ASCII85 in pure Python dominated the run time
        try:
            doc.build(self.story())
        finally:
            rl_config.useA85 = old
        return buf.getvalue()

    def compute_layout(self) -> dict:
        pages: dict[int, list[str]] = {}
        for key, m in self.marks.items():
            for p in range(m["first"], m["last"] + 1):
                pages.setdefault(p, []).append(key)
        unnumbered = {"cover", "catalog", "remarks"}
        mode = self.c.flags.get("page_numbers", "ok")
        labels, printed_of_page, n = {}, {}, 0
        rng = random.Random(f"pages-{self.c.seed}")
        glitch_at = None
        for p in sorted(pages):
            docs = [self.c.doc(k) for k in pages[p]]
            if all(d.type in unnumbered for d in docs):
                continue
            n += 1
            printed_of_page[p] = n
        numbered_pages = sorted(printed_of_page)
        if mode in ("skip", "repeat") and len(numbered_pages) > 4:
            glitch_at = rng.randint(2, len(numbered_pages) - 2)
            for i, p in enumerate(numbered_pages):
                if i >= glitch_at:
                    printed_of_page[p] += 1 if mode == "skip" else -1
        if mode != "none":
            labels = dict(printed_of_page)
        printed = {}
        for key, m in self.marks.items():
            nums = [printed_of_page[p] for p in range(m["first"], m["last"] + 1) if p in printed_of_page]
            if nums:
                printed[key] = str(nums[0]) if nums[0] == nums[-1] else f"{nums[0]}-{nums[-1]}"
        return {"labels": labels, "printed": printed, "numbered": len(numbered_pages),
                "doc_count": sum(1 for d in self.c.docs if d.type not in unnumbered),
                "page_count": max(pages) if pages else 0, "pages": pages}


def _months_before(day, months: int = 3):
    if day is None:
        return None
    m = day.month - months
    y = day.year
    while m <= 0:
        m += 12
        y -= 1
    return _dt.date(y, m, min(day.day, 28))


def render_pdf(case: Case, renderer: type[Renderer] | None = None) -> tuple[bytes, dict]:
    """The dossier's PDF and page layout, drawn by ``renderer`` (family A's when None; the
    families are chosen in ``samplegen.families``, which imports this module, never the reverse)."""
    r = (renderer or Renderer)(case)
    def where():
        return {k: (v["first"], v["last"]) for k, v in r.marks.items()}

    r.build()
    for _ in range(4):
        # page numbers and the filled-in catalogue may move documents: build until the pages the
        # labels were drawn for are the pages the documents ended on, so the truth matches the print
        r.layout = r.compute_layout()
        before = where()
        pdf = r.build()
        if where() == before:
            break
    layout = r.compute_layout()
    layout["marks"] = r.marks
    return pdf, layout


def truth_dict(case: Case, layout: dict, pages_info: list[dict] | None = None) -> dict:
    marks = layout["marks"]
    defects = compute_defects(case)
    dec = case.doc("decision")
    notice = case.doc("notice")
    p = case.party
    facts = {
        "party_name": p.name, "party_kind": p.kind, "party_class": p.klass, "party_id": p.id_number,
        "party_id_kind": p.id_kind, "party_address": p.address, "representative": p.representative,
        "fine_yuan": case.fine, "confiscation_yuan": case.gains or None,
        "notice_fine_yuan": notice.attrs["fine"] if notice else None,
        "officers": [{"name": o.name, "certificate": o.cert} for o in case.officers],
        "authority": case.agency["name"], "decision_number": dec.attrs["number"] if dec else None,
        "violated": _cite_json(case.violation.violated), "penalty_basis": _cite_json(case.violation.penalty),
        "hearing_scope": case.hearing_scope() if case.procedure == "general" else False,
        "major_case": case.major() if case.procedure == "general" else False,
        "review_body": dec.attrs["remedy"]["review_body"] if dec else None,
        "court": dec.attrs["remedy"]["court"] if dec else None,
    }
    role = {"filing": "filed", "inspection": "inspected", "inquiry1": "inquired", "notice": "notice_issued",
            "notice_receipt": "notice_served", "statement": "statement", "hearing_request": "hearing_requested",
            "hearing_notice": "hearing_notified", "hearing_record": "hearing", "legal_review": "legal_review",
            "discussion": "discussed", "approval": "approved", "decision": "decided", "decision_receipt": "served",
            "payment": "paid", "closing": "closed"}
    for key, r in role.items():
        d = case.doc(key)
        if d and d.date:
            facts[r] = d.date.isoformat()
    docs = []
    for d in case.docs:
        m = marks[d.key]
        docs.append({"type": d.type, "title": d.title, "first_page": m["first"], "last_page": m["last"], "key": d.key,
                     **({"date": d.date.isoformat()} if d.date else {})})
    return {
        "documents": docs,
        "defects": sorted(defects),
        "defect_reasons": defects,
        "facts": facts,
        "procedure": case.procedure,
        "scanned": case.scanned,
        "agency": case.agency["name"],
        "agency_kind": case.agency["kind"],
        "violation": case.violation.key,
        "seed": case.seed,
        "injected": sorted(case.requested),
        "page_count": layout["page_count"],
        "page_numbering": case.flags.get("page_numbers"),
        "printed_page_numbers": {str(k): v for k, v in layout["labels"].items()},
        "thresholds": THRESHOLDS,
        "pages": pages_info or [],
        "generator": "dossier_review.samplegen",
    }


def _cite_json(c):
    return {"law": c.law, "article": c.article, "paragraph": c.paragraph, "item": c.item}
