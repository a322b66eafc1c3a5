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
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
LATIN_FONT = "Times New Roman"


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
    return doc


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


def new_document():
    """An A4 document with Chinese fonts on the styles the reports use."""
    import io

    import docx

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
              font_size: float = 9):
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
            run = _run_xml("" if value is None else str(value), font_size, head, TITLE_FONT if head else None)
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p>{run}</w:p></w:tc>')
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if head else ""
        return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"

    xml = (f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"{_table_style_id(doc)}\"/>"
           '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
           "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>"
           + row_xml(header, head=True) + "".join(row_xml(r) for r in rows) + "</w:tbl>")
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


def build_docx(review: Any):
    """The 评查意见书 of one review as a python-docx Document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    ctx = build_context(review)
    doc = new_document()

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(title.add_run("行政处罚案卷评查意见书"), TITLE_FONT, size=18, bold=True)

    info = [
        ("案卷名称", ctx["dossier"]),
        ("案号（决定书文号）", ctx["case_number"] or "—"),
        ("当事人", ctx["party_name"] or "—"),
        ("执法机关", ctx["agency"] or "—"),
        ("评查标准", ctx["standard"]),
        ("程序", ctx["procedure"] or "—"),
        ("得分", f"{(ctx['score'] or 0):.1f}"),
        ("等次", ctx["grade"] + ("（一票否决：" + "、".join(ctx["veto_codes"]) + "）" if ctx["vetoed"] else "")),
    ]
    add_table(doc, ["项目", "内容"], [list(x) for x in info], widths_mm=[45, 115], font_size=10.5)

    heading(doc, "一、分项得分", level=2)
    add_table(doc, ["评查项目", "分值", "扣分", "得分"],
              [[c["name"],
                "—" if c["budget"] is None else f"{c['budget']:g}",
                "—" if c["deducted"] is None else f"{c['deducted']:g}",
                "—" if c["score"] is None else f"{c['score']:g}"] for c in ctx["categories"]],
              widths_mm=[70, 30, 30, 30], font_size=10)

    heading(doc, "二、存在的问题", level=2)
    if ctx["findings"]:
        add_table(
            doc, ["序号", "问题", "扣分", "依据", "整改建议", "证据页码"],
            [[f["no"], f"{f['message']}（{f['code']}）", f["points_text"], f["basis"], f["fix"], f["pages"]]
             for f in ctx["findings"]],
            widths_mm=[10, 50, 18, 30, 40, 18],
        )
        p = doc.add_paragraph()
        set_run_font(p.add_run("证据摘录："), TITLE_FONT, size=10, bold=True)
        for f in ctx["findings"]:
            for e in f["evidence"]:
                para = doc.add_paragraph()
                set_run_font(para.add_run(clean(f"{f['no']}. P.{e['page']} 「{e['quote']}」")), size=9)
    else:
        doc.add_paragraph("未发现问题。")
    if ctx["human_count"]:
        doc.add_paragraph(f"注：标注“待人工核实”的 {ctx['human_count']} 项，机器无法确定，未计扣分，请评查人员对照原件认定。")

    heading(doc, "三、整改意见", level=2)
    fixes = []
    for f in ctx["findings"]:
        if f["fix"] and f["fix"] not in fixes:
            fixes.append(f["fix"])
    if fixes:
        for i, fix in enumerate(fixes, 1):
            para = doc.add_paragraph()
            set_run_font(para.add_run(clean(f"{i}. {fix}")))
    else:
        doc.add_paragraph("无。")

    if ctx["low_pages"]:
        heading(doc, "四、需核对的页面", level=2)
        doc.add_paragraph("以下页面识别置信度低，请对照原件核对：" + "、".join(
            f"P.{p['page']}" for p in ctx["low_pages"]))

    doc.add_paragraph()
    today = _dt.date.today()
    for label in ("评查人（签名）：", "复核人（签名）：", "日期："):
        para = doc.add_paragraph()
        text = label + ("______年____月____日" if label == "日期：" else "________________")
        set_run_font(para.add_run(text), size=11)
    foot = doc.add_paragraph()
    set_run_font(foot.add_run(f"（dossier-review {ctx['tool_version']} 自动生成初稿，{today.isoformat()}）"), size=8)
    return doc


def write_docx(review: Any, target: Path) -> Path:
    from .atomic import write_with

    doc = build_docx(review)
    return write_with(target, lambda tmp: doc.save(str(tmp)))
