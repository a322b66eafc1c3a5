"""Documents a reviewer signs and an office publishes, read back: the 评查意见书 (一卷一表), the
评查情况通报, summary.xlsx; the standard's ``absorbs`` (no double deduction); the office file."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from test_report_fixtures import make_facts
from test_score_standard import GOOD, error, line_of

from dossier_review.model import Evidence, Finding, PageFacts
from dossier_review.pipeline import judge, load_standard
from dossier_review.report import write_reports
from dossier_review.report.context import law_basis, page_ref
from dossier_review.report.office import Office, OfficeError, load_office

# a code of the form category.slug, as the standard's rules are named
CODE = re.compile(r"\b(subject|evidence|legal_basis|procedure|hearing|remedy|documents|filing)\.[a-z_]+")
OFFICE = Office(reviewer="某某市司法局", sheet_number="某司评〔2026〕{序号}号", sender="某某市司法局",
                number="某司通〔2026〕12号", addressees="各区司法局，市直各行政执法部门",
                date=dt.date(2026, 12, 7), period="2024年1月至6月")


@pytest.fixture(scope="module")
def std():
    return load_standard("default")


def _review(std, **kw):
    facts = make_facts(**kw)
    # the sheets are numbered in the file from the cover on: 卷内页码 = PDF page - 1 after it
    facts.pages = [PageFacts(page=p.page, source=p.source, confidence=p.confidence,
                             archive_page=p.page - 1 if p.page > 1 else None) for p in facts.pages]
    facts.documents[3].party_signed = False       # 询问笔录 unsigned: a firm finding
    facts.documents[5].date = None                # the decision undated: two codes, one fact
    facts.documents[5].dates = []
    facts.documents[5].date_evidence = None
    return judge(facts, std)


def _visible(d) -> str:
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in d.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def test_opinion_sheet_has_its_header_one_row_per_item_and_page_numbers(tmp_path, std):
    import docx

    review = _review(std)
    (path,) = write_reports(review, tmp_path, formats=("docx",), standard=std, office=OFFICE, seq=3)
    d = docx.Document(str(path))
    text = _visible(d)
    assert "某司评〔2026〕3号" in text
    head = d.tables[0]
    pairs = {}
    for r in head.rows:
        cells = [c.text for c in r.cells]
        pairs.update(zip(cells[0::2], cells[1::2], strict=False))
    assert pairs["评查机关"] == "某某市司法局" and pairs["被评查单位"] == "某某市市场监督管理局"
    assert pairs["案号"] == "某市监处罚〔2024〕17号" and pairs["当事人"] == "某某市好味来餐饮有限公司"
    assert pairs["评查标准"] == std.title and pairs["评查日期"] == "2026年12月7日"
    assert pairs["评查等次"] == review.grade and "案由" in pairs
    items = next(t for t in d.tables if t.rows[0].cells[0].text == "序号")
    numbered = [r for r in items.rows[1:] if r.cells[0].text.isdigit()]
    assert len(numbered) == len(std.rules)                      # 一卷一表: every item of the standard
    assert [r.cells[2].text for r in numbered] == [r.title for r in std.rules]
    assert items.rows[-1].cells[1].text == "合计" and items.rows[-1].cells[5].text == f"{review.score:g}"
    # an item with a deduction: its points, deduction, score and the reason with 卷内页码 and PDF page
    hit = next(r for r in numbered if r.cells[4].text and r.cells[4].text != "否决")
    assert float(hit.cells[3].text) - float(hit.cells[4].text) == float(hit.cells[5].text)
    assert re.search(r"卷内第\d+页（PDF第\d+页）", text)
    # an item not found: its full points as its score, no reason
    clean_row = next(r for r in numbered if r.cells[2].text == std.rule("remedy.missing").title)
    assert clean_row.cells[4].text == "" and clean_row.cells[5].text == clean_row.cells[3].text
    # the written conclusion, the signature block, 第x页 共y页 as Word fields
    assert "经评查，该案卷得分" in text and "评查人（签名）" in text and "复核人（签名）" in text
    footer = d.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "第" in footer and "共" in footer
    assert not CODE.search(text), CODE.search(text)


def test_the_html_report_carries_the_same_sheet(std):
    from dossier_review.report import render_html

    html = render_html(_review(std).to_dict(), std, OFFICE)
    assert "评查得分表（一卷一表）" in html and html.count('<tr class="') >= len(std.rules)
    assert "counter(pages)" in html and "某某市司法局" in html


def test_an_absorbed_code_deducts_nothing_on_the_same_page_only(std):
    from dossier_review.score import score

    facts = make_facts()

    def f(code, page):
        rule = std.rule(code)
        return Finding(code, rule.category, rule.points, False, False, "缺", "", "", [Evidence(page, "")])

    review = score(facts, [f("documents.decision_elements_missing", 19), f("documents.date_missing", 19)], std)
    assert review.findings[1].absorbed_by == "documents.decision_elements_missing"
    assert "documents.date_missing" not in review.items
    near = score(facts, [f("documents.decision_elements_missing", 19), f("documents.date_missing", 15)], std)
    assert near.findings[1].absorbed_by is None and near.items["documents.date_missing"] == 2
    assert near.score == review.score - 2


def test_absorbs_must_name_a_rule_of_the_standard(tmp_path):
    text = GOOD.replace("    fix: 告知复议诉讼\n", "    fix: 告知复议诉讼\n    absorbs: [documents.nothing]\n")
    err = error(tmp_path, text)
    assert "documents.nothing" in err.reason and err.line == line_of(text, "absorbs:")
    ok = GOOD.replace("    fix: 告知复议诉讼\n", "    fix: 告知复议诉讼\n    absorbs: [documents.typo]\n")
    from test_score_standard import write

    assert load_standard(str(write(tmp_path, ok, "ok.yaml"))).rule("remedy.missing").absorbs == ("documents.typo",)


def test_basis_cites_the_law_not_the_scoring_standard():
    assert law_basis("北京市行政处罚案卷标准和评查评分细则（2016版）30.18") == ""
    assert law_basis("北京市行政处罚案卷标准和评查评分细则（2016版）30.18；《中华人民共和国行政处罚法》第五十九条") \
        == "《中华人民共和国行政处罚法》第五十九条"
    assert law_basis("《中华人民共和国行政处罚法》第三十八条（standards §1.9）") == ""
    assert page_ref(14, 12) == "卷内第12页（PDF第14页）" and page_ref(14) == "PDF第14页" and page_ref(0) == "全卷"


def test_office_file_reads_chinese_keys_and_refuses_a_typo(tmp_path):
    p = tmp_path / "office.yaml"
    p.write_text("评查机关: 某某市司法局\n文号: 某司通〔2026〕12号\n主送: 各区司法局\n日期: 2026-12-07\n"
                 "意见书文号: 某司评〔2026〕{序号}号\n", encoding="utf-8")
    o = load_office(p)
    assert o.sender_name == o.signature_name == "某某市司法局" and o.day == dt.date(2026, 12, 7)
    assert o.sheet_no(7) == "某司评〔2026〕7号"
    p.write_text("发文单位: 某某市司法局\n", encoding="utf-8")
    with pytest.raises(OfficeError, match="发文单位"):
        load_office(p)
    p.write_text("日期: 十二月\n", encoding="utf-8")
    with pytest.raises(OfficeError, match="日期"):
        load_office(p)


def _stored(tmp_path, std):
    from dossier_review.store import Store

    store = Store(tmp_path / "s.sqlite")
    ids = []
    cases = [("甲", "某某市市场监督管理局", 50000.0, "5,000", "2024-03-05"),
             ("乙", "某某区城市管理局", 3000.0, "3000", "2024/6/30")]
    for n, (name, agency, fine, reg_fine, closed) in enumerate(cases, 1):
        review = _review(std, name=f"卷{name}", authority=agency, fine=fine)
        ids.append(store.record_review(
            source=f"{name}.pdf", file_hash=name, standard="default", review=review.to_dict(), stem=f"卷{name}",
            register={"case_number": f"某市监处罚〔2024〕{n}号", "agency": agency, "fine": reg_fine,
                      "closed": closed, "sample_no": str(n), "seed": "20261207", "population": "40",
                      "stratum": agency}))
    return store, ids


def test_bulletin_names_sender_scope_units_and_no_code(tmp_path, std):
    import docx

    from dossier_review.batch.outputs import write_batch_outputs

    store, ids = _stored(tmp_path, std)
    with store:
        write_batch_outputs(store, ids, tmp_path, standard=std, office=OFFICE)
    d = docx.Document(str(tmp_path / "bulletin.docx"))
    text = _visible(d)
    for part in ("某司通〔2026〕12号", "各区司法局，市直各行政执法部门：", "关于行政处罚案卷评查情况的通报",
                 "从登记的40件行政处罚案卷中", "随机种子20261207", "2024年1月至6月", std.title,
                 "2026年12月7日", "五、整改要求"):
        assert part in text, part
    assert "某市监处罚〔2024〕1号（某某市市场监督管理局" in text     # examples and lists cite 案号 and unit
    units = next(t for t in d.tables if t.rows[0].cells[0].text == "单位")
    assert len(units.rows) == 1 + 2
    assert "PAGE" in d.sections[0].footer._element.xml
    assert not CODE.search(text), CODE.search(text)


def test_summary_xlsx_is_filter_ready_with_typed_cells(tmp_path, std):
    import openpyxl

    from dossier_review.batch.outputs import write_batch_outputs

    store, ids = _stored(tmp_path, std)
    with store:
        write_batch_outputs(store, ids, tmp_path, standard=std)
    wb = openpyxl.load_workbook(tmp_path / "summary.xlsx")
    for ws in wb.worksheets:
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
        assert ws.freeze_panes == "A2"
        assert not any(CODE.fullmatch(str(c.value or "")) for c in ws[1]), ws.title  # Chinese headers
    ws = wb["案卷"]
    head = [c.value for c in ws[1]]
    row = {h: c.value for h, c in zip(head, ws[2], strict=True)}
    assert row["抽样序号"] == 1 and row["罚款（元）"] == 5000 and row["结案日期"] == dt.datetime(2024, 3, 5)
    assert isinstance(row["得分"], (int, float)) and "复核意见" in head
    for cat in std.categories.values():
        assert isinstance(row[f"{cat.name}扣分"], (int, float))
    second = {h: c.value for h, c in zip(head, ws[3], strict=True)}
    assert second["结案日期"] == dt.datetime(2024, 6, 30) and second["罚款（元）"] == 3000
    problems = wb["问题"]
    phead = [c.value for c in problems[1]]
    assert {"卷内页码", "PDF页码", "复核意见", "扣分"} <= set(phead)
    prow = {h: c.value for h, c in zip(phead, problems[2], strict=True)}
    assert prow["PDF页码"] is None or isinstance(prow["PDF页码"], int)
    notes = {r[0].value: r[1].value for r in wb["说明"].iter_rows(min_row=2)}
    assert "评查标准" in notes and not any(re.fullmatch(r"[a-z_]+", str(k)) for k in notes)


def test_pareto_chart_names_defects_in_chinese_with_whole_counts():
    from collections import Counter

    from dossier_review.batch.outputs import Stats, _pyplot, pareto_figure

    st = Stats(code_count=Counter({"documents.typo": 1, "remedy.missing": 1}),
               rules={"documents.typo": {"title": "文书存在错别字"}, "remedy.missing": {"title": "未告知救济途径"}})
    plt = _pyplot()
    fig = pareto_figure(st, plt)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["文书存在错别字", "未告知救济途径"]
    assert all(float(v).is_integer() for v in ax.get_yticks())   # no 0.5 tick for a count of 1
    plt.close(fig)


def test_docx_names_official_fonts_with_a_fallback(tmp_path, std):
    import zipfile

    (path,) = write_reports(_review(std), tmp_path, formats=("docx",), standard=std)
    table = zipfile.ZipFile(path).read("word/fontTable.xml").decode()
    assert 'w:name="仿宋_GB2312"' in table and 'w:altName w:val="仿宋"' in table
    assert 'w:name="宋体"' in table


def test_an_office_template_restyles_the_sheet(tmp_path, std):
    import docx
    from docx.oxml.ns import qn

    tpl = docx.Document()
    tpl.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    tpl.sections[0].header.paragraphs[0].text = "某某市司法局（信笺）"
    tpl.add_paragraph("模板里的示例正文")
    tpl.save(str(tmp_path / "公文模板.docx"))
    (tmp_path / "office.yaml").write_text("评查机关: 某某市司法局\n模板: 公文模板.docx\n", encoding="utf-8")
    office = load_office(tmp_path / "office.yaml")
    (path,) = write_reports(_review(std), tmp_path / "out", formats=("docx",), standard=std, office=office)
    d = docx.Document(str(path))
    assert d.sections[0].header.paragraphs[0].text == "某某市司法局（信笺）"
    assert d.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    text = _visible(d)
    assert "模板里的示例正文" not in text and "行政处罚案卷评查意见书" in text
    assert "NUMPAGES" in d.sections[0].footer._element.xml   # the template had no page numbers
    (tmp_path / "office.yaml").write_text("模板: 不存在.docx\n", encoding="utf-8")
    with pytest.raises(OfficeError, match="不存在"):
        load_office(tmp_path / "office.yaml")


def test_bulletin_example_prefers_a_whole_sentence_of_the_file(tmp_path):
    from dossier_review.batch.outputs import collect_stats
    from dossier_review.store import Store

    def review(name, quote):
        return {"dossier": name, "sources": [], "page_count": 3, "procedure": "general", "pages": [],
                "documents": [], "facts": {}, "score": 90, "grade": "优秀", "vetoed": False,
                "standard": "default", "findings": [{
                    "code": "legal_basis.citation_outdated", "category": "legal_basis", "points": 3,
                    "veto": False, "needs_human": False, "message": "旧条文", "fix": "", "basis": "",
                    "evidence": [{"page": 2, "quote": quote}]}]}

    with Store(tmp_path / "s.sqlite") as store:
        cut = store.record_review(source="a.pdf", file_hash="a", standard="default",
                                  review=review("甲", "《中华人民共和国行政处罚法》第三十一条、第三十二"))
        whole = store.record_review(source="b.pdf", file_hash="b", standard="default",
                                    review=review("乙", "依据《中华人民共和国行政处罚法》第三十一条的规定。"))
        assert collect_stats(store, [cut, whole]).code_example["legal_basis.citation_outdated"][2].endswith("规定。")
        # near miss: only cut quotes: the first one stands
        assert collect_stats(store, [cut]).code_example["legal_basis.citation_outdated"][2].endswith("第三十二")
