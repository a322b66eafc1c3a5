"""评查意见书: the review sheet a reviewer checks, signs and files (python-docx)."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Optional
from xml.sax.saxutils import escape

from .context import build_context

# Fonts an official document in Word uses; Word substitutes on machines without them, and the
# East Asian slot must be set explicitly or Word renders Chinese in the Latin font's fallback.
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
TITLE_FONT = "黑体"
LATIN_FONT = "Times New Roman"
# What Word uses when an official font is not installed (fontTable w:altName); LibreOffice and
# the PDF printers pick a CJK face of the same class through fontconfig (on Debian: AR PL UMing
# for 宋/仿宋, WenQuanYi Zen Hei for 黑体 — fonts-arphic-uming/ukai, fonts-wqy-zenhei).
FONT_FALLBACKS = {"仿宋_GB2312": ("仿宋", "roman"), "宋体": ("SimSun", "roman"), "黑体": ("SimHei", "swiss")}


def set_run_font(run, east_asia: str = BODY_FONT, latin: str = LATIN_FONT, size=None, bold=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    # Runs inherit the Normal style's fonts; only a different face needs run-level rFonts
    # (and skipping them keeps a 100-dossier batch's sheets fast to build).
    if east_asia != BODY_FONT or latin != LATIN_FONT:
        run.font.name = latin
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def set_style_font(style, east_asia: str, latin: str = LATIN_FONT, size=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    if size:
        style.font.size = Pt(size)


def _styled_blank():
    import docx
    from docx.shared import Mm, RGBColor

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin = sec.bottom_margin = Mm(25)
    set_style_font(doc.styles["Normal"], BODY_FONT, size=11)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        st = doc.styles[name]
        set_style_font(st, TITLE_FONT)
        st.font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Table Grid", "List Number", "List Bullet"):
        try:
            set_style_font(doc.styles[name], BODY_FONT)
        except KeyError:
            pass
    _declare_fonts(doc)
    return doc


def _declare_fonts(doc) -> None:
    """Name the official fonts in the font table with the face Word substitutes when missing."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, family) in FONT_FALLBACKS.items():
        if name in have:
            continue
        root.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                              f'<w:charset w:val="86"/><w:family w:val="{family}"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_BLANK: bytes | None = None


def _stored_zip(data: bytes) -> bytes:
    """The same package uncompressed: reopening it per report skips inflating every part."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def new_document(template: str | Path | None = None):
    """An A4 document with Chinese fonts on the styles the reports use; or, given an office's
    own ``template`` (.docx: its styles, margins, letterhead, header and footer), that document
    emptied of its body text, so the office restyles the documents without touching code."""
    import io

    import docx

    if template:
        from docx.oxml.ns import qn

        doc = docx.Document(str(template))
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        return doc

    global _BLANK
    # Styling the default template costs more than filling it; do it once per process.
    if _BLANK is None:
        buf = io.BytesIO()
        _styled_blank().save(buf)
        _BLANK = _stored_zip(buf.getvalue())
    return docx.Document(io.BytesIO(_BLANK))


def heading(doc, text: str, level: int = 2):
    """``doc.add_heading`` without its style lookup (which scans every style, ~5 ms a call)."""
    para = doc.add_paragraph()
    para._p.get_or_add_pPr().get_or_add_pStyle().val = f"Heading{level}"
    para.add_run(clean(text))
    return para


_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: Any) -> str:
    """Text Word can hold: XML 1.0 forbids most control characters, which OCR output may carry."""
    return _XML_BAD.sub("", "" if text is None else str(text))


def _run_xml(text: str, size: float, bold: bool, east_asia: Optional[str]) -> str:
    props = ""
    if east_asia:
        props += f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{east_asia}"/>'
    if bold:
        props += "<w:b/>"
    half = int(round(size * 2))
    props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    parts = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in clean(text).split("\n")]
    return f"<w:r><w:rPr>{props}</w:rPr>{'<w:br/>'.join(parts)}</w:r>"


def add_table(doc, header: list[str], rows: list[list[Any]], widths_mm: list[float] | None = None,
              font_size: float = 9, show_header: bool = True):
    """A ruled table appended to ``doc``, built as one XML fragment.

    python-docx's cell-by-cell API costs ~1 ms a cell, which made the review sheet the slowest
    part of a rescore; the fragment is the same markup Word writes for a "Table Grid" table.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.table import Table

    ncols = len(header)
    widths = widths_mm or [160.0 / ncols] * ncols
    twips = [int(w * 56.7) for w in widths]

    def row_xml(values, head=False):
        cells = []
        for value, w in zip(list(values) + [""] * (ncols - len(values)), twips, strict=False):
            run = _run_xml("" if value is None else str(value), font_size, head, TITLE_FONT if head else TABLE_FONT)
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p>{run}</w:p></w:tc>')
        # a row never splits across pages; the header row repeats on each page
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>"
        return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"

    xml = (f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"{_table_style_id(doc)}\"/>"
           '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
           "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>"
           + (row_xml(header, head=True) if show_header else "") + "".join(row_xml(r) for r in rows) + "</w:tbl>")
    tbl = parse_xml(xml)
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(tbl)
    else:
        body.append(tbl)
    return Table(tbl, doc._body)


_TABLE_STYLE_ID: Optional[str] = None


def _table_style_id(doc) -> str:
    global _TABLE_STYLE_ID
    # every document comes from the same blank, so one style lookup (a scan of all styles) does
    if _TABLE_STYLE_ID is None:
        try:
            _TABLE_STYLE_ID = doc.styles["Table Grid"].style_id
        except KeyError:
            _TABLE_STYLE_ID = "TableGrid"
    return _TABLE_STYLE_ID


def add_page_numbers(doc, size: float = 9) -> None:
    """Footer "第x页 共y页" of Word fields PAGE and NUMPAGES (every renderer fills them in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    footer = doc.sections[0].footer
    if not footer.is_linked_to_previous and "PAGE" in footer._element.xml:
        return  # an office template that numbers its pages itself
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    half = int(size * 2)
    rpr = f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'

    def text(t):
        return f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve">{t}</w:t></w:r>'

    def field(name):
        return [f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve"> {name} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
                text("1"),
                f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>']

    for xml in [text("第"), *field("PAGE"), text("页 共"), *field("NUMPAGES"), text("页")]:
        para._p.append(parse_xml(xml))


def keep_with_next(para):
    para.paragraph_format.keep_with_next = True
    return para


def build_docx(review: Any, standard: Any = None, office: Any = None, seq: Optional[int] = None):
    """The 评查意见书 of one review (一卷一表) as a python-docx Document.

    ``standard`` gives the itemised score table (one row per item); without it only the
    category subtotals can be shown.  ``office`` (``report.office.Office``) names the reviewing
    office and the sheet's number; ``seq`` fills the number's {序号}.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .context import sheet_context
    from .office import chinese_date

    ctx = build_context(review)
    sheet = sheet_context(review, standard, office, seq)
    doc = new_document(getattr(office, "template", None))
    add_page_numbers(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(title.add_run("行政处罚案卷评查意见书"), TITLE_FONT, size=22, bold=True)
    number = dict(sheet["header"]).get("评查文号")
    if number:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(number), size=14)

    head = [(k, v) for k, v in sheet["header"] if k != "评查文号"]
    score_text = f"{sheet['score']:g}分" + (f"（满分{sheet['total']:g}分）" if sheet["total"] else "")
    head += [("评查得分", score_text), ("评查等次", sheet["grade"])]
    pairs = [head[i:i + 2] for i in range(0, len(head), 2)]
    add_table(doc, ["项目", "内容", "项目", "内容"],
              [[a[0], a[1], *(b if b else ("", ""))] for a, *rest in pairs for b in [rest[0] if rest else None]],
              widths_mm=[24, 56, 24, 56], font_size=11, show_header=False)

    keep_with_next(heading(doc, "一、评查得分表（一卷一表）", level=2))
    if sheet["items"]:
        rows = [[i["no"], i["category"], i["title"], i["value"], i["deducted"], i["score"],
                 "\n".join(i["reasons"])] for i in sheet["items"]]
        deducted_total = (sheet["total"] or 0) - sheet["score"] if sheet["total"] else ""
        rows.append(["", "合计", "", _g(sheet["total"]), _g(deducted_total), _g(sheet["score"]),
                     "一票否决，计0分" if ctx["vetoed"] and sheet["score"] == 0 else ""])
        add_table(doc, ["序号", "评查项目", "评查内容", "分值", "扣分", "得分", "扣分理由"], rows,
                  widths_mm=[11, 18, 42, 11, 11, 11, 56], font_size=9)
        p = doc.add_paragraph()
        set_run_font(p.add_run("注：同一类别扣分以该类别分值为限；分值为“否决”的项目存在问题的，按评查标准一票否决。"
                               "页码写作“卷内第x页（PDF第y页）”，卷内页码未能识别的只写PDF页码。"), size=9)
    if sheet["quotes"]:
        keep_with_next(heading(doc, "证据摘录（案卷原文）", level=3))
        for q in sheet["quotes"]:
            p = doc.add_paragraph()
            set_run_font(p.add_run(clean(q)), size=9)
    keep_with_next(heading(doc, "分类得分", level=3))
    add_table(doc, ["评查项目", "分值", "扣分", "得分"],
              [[c["name"], _g(c["budget"]), _g(c["deducted"]), _g(c["score"])] for c in ctx["categories"]],
              widths_mm=[70, 30, 30, 30], font_size=10)

    keep_with_next(heading(doc, "二、一票否决事项", level=2))
    if sheet["vetoes"]:
        for i in sheet["vetoes"]:
            doc.add_paragraph(clean(f"{i['no']}. {i['title']}：" + "；".join(i["reasons"])))
    else:
        doc.add_paragraph("无。")

    keep_with_next(heading(doc, "三、评查结论", level=2))
    doc.add_paragraph(clean(sheet["conclusion"]))

    keep_with_next(heading(doc, "四、整改意见", level=2))
    for n, fix in enumerate(sheet["fixes"], 1):
        doc.add_paragraph(clean(f"{n}. {fix}"))
    if not sheet["fixes"]:
        doc.add_paragraph("无。")

    if ctx["low_pages"]:
        keep_with_next(heading(doc, "五、需对照原件核对的页面", level=2))
        doc.add_paragraph("以下页面识别置信度低，请对照原件核对：" + "、".join(p["ref"] for p in ctx["low_pages"]))

    # the signature block is one table whose rows do not split, kept with its heading: the date
    # line can no more end up alone on the last page
    keep_with_next(heading(doc, "评查人员签署", level=2))
    add_table(doc, ["环节", "签署", "日期"],
              [["初审", "评查意见：同意以上评查结论。\n评查人（签名）：", "　　年　　月　　日"],
               ["复核", "复核意见：\n\n复核人（签名）：", "　　年　　月　　日"]],
              widths_mm=[20, 100, 40], font_size=11)
    foot = doc.add_paragraph()
    reviewer = dict(sheet["header"]).get("评查机关", "")
    set_run_font(foot.add_run(clean(f"{reviewer}　{chinese_date((office.day if office else _dt.date.today()))}")),
                 size=11)
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note = doc.add_paragraph()
    set_run_font(note.add_run(f"（本意见书初稿由 dossier-review {ctx['tool_version']} 生成，"
                              "结论以评查人员签署为准。）"), size=8)
    return doc


def _g(v: Any) -> str:
    if v is None or v == "":
        return ""
    return f"{float(v):g}"


def write_docx(review: Any, target: Path, standard: Any = None, office: Any = None,
               seq: Optional[int] = None) -> Path:
    from .atomic import write_with

    doc = build_docx(review, standard, office, seq)
    return write_with(target, lambda tmp: doc.save(str(tmp)))
