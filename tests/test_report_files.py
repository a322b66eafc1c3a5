"""Per-dossier reports: JSON contract, HTML content and escaping, the DOCX 评查意见书."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from test_report_fixtures import EVIL_QUOTE, make_review

from dossier_review.model import Review
from dossier_review.report import render_html, write_reports

DESIGN_FIELDS = {"dossier", "sources", "page_count", "procedure", "pages", "documents", "facts",
                 "findings", "score", "grade", "vetoed", "standard"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def test_json_holds_the_design_fields_and_round_trips(tmp_path):
    review = make_review(veto=True)
    paths = write_reports(review, tmp_path, formats=("json",))
    assert paths == [tmp_path / "2024-食药-017.json"]
    raw = paths[0].read_text(encoding="utf-8")
    assert "某某市好味来餐饮有限公司" in raw  # ensure_ascii=False: Chinese stays readable
    assert raw.startswith("{\n  \"dossier\"")  # indent 2
    data = json.loads(raw)
    assert DESIGN_FIELDS <= set(data)
    assert data["findings"][0]["evidence"][0] == {"page": 19, "quote": review.findings[0].evidence[0].quote}
    assert data["facts"]["dates"]["decided"] == "2024-04-18"
    assert Review.from_dict(data).to_dict() == data
    # no temporary files are left beside the report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-食药-017.json"]


def test_interrupted_json_write_keeps_the_old_file(tmp_path, monkeypatch):
    review = make_review()
    write_reports(review, tmp_path, formats=("json",))
    before = (tmp_path / "2024-食药-017.json").read_bytes()

    import dossier_review.report as rep

    def boom(data):
        raise KeyboardInterrupt

    monkeypatch.setattr(rep, "review_json", boom)
    with pytest.raises(KeyboardInterrupt):
        write_reports(make_review(veto=True), tmp_path, formats=("json",))
    assert (tmp_path / "2024-食药-017.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["2024-食药-017.json"]


def test_html_escapes_document_text():
    html = render_html(make_review())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;nbsp;" in html
    parsed = _parse(html)
    assert "script" not in parsed.tags
    # the quote comes back intact as text once the browser unescapes it
    assert any(EVIL_QUOTE in t for t in parsed.text)


def test_html_escapes_markup_in_every_field():
    review = make_review(name='<img src=x onerror="alert(1)">')
    review.findings[0].message = "<b>粗体</b>"
    review.findings[0].fix = "<a href='javascript:x'>整改</a>"
    review.facts["party"]["name"] = "<iframe>公司"
    review.documents[0]["title"] = "<style>body{display:none}</style>"
    html = render_html(review)
    tags = set(_parse(html).tags)
    assert not tags & {"img", "b", "a", "iframe"}
    assert html.count("<style>") == 1  # only the report's own stylesheet


def test_html_content_for_the_reviewer(tmp_path):
    review = make_review(veto=True)
    (path,) = write_reports(review, tmp_path, formats=("html",))
    html = path.read_text(encoding="utf-8")
    text = "".join(_parse(html).text)
    # header
    assert "2024-食药-017" in text and "不合格" in text and "一票否决" in text and "default" in text
    assert "需人工核实" in text
    # self-contained and printable
    assert not re.search(r'<(link|script)\b', html) and "src=" not in html
    assert "@media print" in html and "page-break-before" in html and "size: A4" in html
    # category table
    assert "救济途径告知" in text and "执法程序" in text
    # findings with code, points, basis, fix and page-numbered quotes
    assert "remedy.litigation_period_wrong" in text and "扣 3 分" in text
    assert "《中华人民共和国行政诉讼法》第四十六条" in text
    assert "六个月内依法向某某市西湖区人民法院提起行政诉讼" in text
    assert "P.19" in text and "三个月内向某某市西湖区人民法院提起行政诉讼" in text
    assert "待人工核实（拟扣 3 分）" in text
    # documents with Chinese type names and pages
    assert "行政处罚决定书" in text and "P.18–19" in text and "送达回证" in text
    # facts: party, officers, dates by role, amounts, citations
    # the credit code is masked by default (see test_privacy for --show-ids)
    assert "913301********XX1B" in text and "91330100MA2XXXXX1B" not in text and "33010012345" in text
    assert "作出决定" in text and "2024-04-18" in text
    assert "50,000 元（5 万元）" in text
    assert "《中华人民共和国食品安全法》第一百二十五条第一款第（二）项" in text
    # low-confidence page listed
    assert "P.6" in text and "0.41" in text


def test_html_without_findings_or_categories():
    review = make_review()
    review.findings = []
    review.categories = []
    html = render_html(review.to_dict())
    assert "未发现问题" in html


def test_docx_review_sheet(tmp_path):
    import docx
    from docx.oxml.ns import qn

    review = make_review(veto=True)
    paths = write_reports(review, tmp_path, formats=("json", "html", "docx"))
    assert [p.name for p in paths] == ["2024-食药-017.json", "2024-食药-017.html",
                                       "2024-食药-017.评查意见书.docx"]
    d = docx.Document(str(paths[2]))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "行政处罚案卷评查意见书" in text
    assert "整改意见" in text and "评查人" in text and "复核人" in text and "日期" in text
    tables = d.tables
    header_table = tables[0]
    cells = {r.cells[0].text: r.cells[1].text for r in header_table.rows}
    assert cells["案卷名称"] == "2024-食药-017"
    assert cells["案号（决定书文号）"] == "某市监处罚〔2024〕17号"
    assert cells["得分"] == "0.0" and cells["等次"].startswith("不合格")
    findings = next(t for t in tables if t.rows[0].cells[0].text == "序号")
    assert [c.text for c in findings.rows[0].cells] == ["序号", "问题", "扣分", "依据", "整改建议", "证据页码"]
    assert len(findings.rows) == 1 + len(review.findings)
    row = findings.rows[1].cells
    assert row[2].text == "扣 3 分" and row[5].text == "P.19" and "行政诉讼法" in row[3].text
    veto_row = findings.rows[-1].cells
    assert veto_row[2].text == "一票否决"
    # the escaped-in-HTML quote is plain text in Word
    assert EVIL_QUOTE in text
    # East Asian font set on the body style
    rfonts = d.styles["Normal"].element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == "宋体"


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        write_reports(make_review(), tmp_path, formats=("pdf",))


def test_unsafe_dossier_name_becomes_a_safe_file_name(tmp_path):
    review = make_review(name="卷/2024:17")
    (path,) = write_reports(review, tmp_path, formats=("json",))
    assert path.parent == tmp_path and path.name == "卷_2024_17.json"


def test_points_wording():
    from dossier_review.report.labels import points_text

    assert points_text(3, False) == "扣 3 分"
    assert points_text(0.5, False) == "扣 0.5 分"
    assert points_text(0, True) == "一票否决"
    assert points_text(2, False, True) == "待人工核实（拟扣 2 分）"
    assert points_text(0, True, True) == "待人工核实（如属实：一票否决）"
    assert points_text(0, False, True) == "待人工核实"


def test_control_characters_from_ocr_do_not_break_word_or_html(tmp_path):
    import docx

    review = make_review()
    review.findings[0].evidence[0].quote = "收到\x0c本决定书\x00之日起\x07三个月内"
    review.findings[0].message = "期限错误\x0b"
    paths = write_reports(review, tmp_path, formats=("html", "docx"))
    html = paths[0].read_text(encoding="utf-8")
    assert "收到 本决定书之日起三个月内" in html and "\x00" not in html
    text = "\n".join(p.text for p in docx.Document(str(paths[1])).paragraphs)
    assert "本决定书之日起三个月内" in text
