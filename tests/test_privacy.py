"""What leaves the reviewer's desk: masked ID numbers and names, inert spreadsheet cells."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from test_report_fixtures import make_review

from dossier_review.lib.privacy import (
    mask_id,
    mask_ids,
    mask_name,
    mask_names,
    needs_text_cell,
    neutral_cell,
)
from dossier_review.model import Evidence, Finding

ID = "370102197707129347"
MASKED = "370102********9347"


# --------------------------------------------------------------------------- the helpers


def test_id_numbers_and_credit_codes_are_masked_in_text():
    assert mask_id(ID) == MASKED
    assert mask_ids(f"身份证号码：{ID}") == f"身份证号码：{MASKED}"
    assert mask_ids("37010219770712934X。") == "370102********934X。"
    assert mask_ids("统一社会信用代码91370102MA3C8XKF2L") == "统一社会信用代码913701********KF2L"
    assert mask_ids("旧证 370102770712934 号") == "旧证 370102*****2934 号"
    # mistyped numbers (a finding about an invalid ID quotes one) are masked as well
    assert mask_ids("370102197713329999") == "370102********9999"


def test_numbers_that_are_not_ids_stay():
    for text in ("电话13805310000", "罚款50000元", "账号6222020200112233445566",   # 22 digits
                 "编号1234567890123456",                                      # 16 digits
                 "鲁济市监罚〔2024〕17号", "2024年3月12日"):
        assert mask_ids(text) == text
    assert mask_ids(None) is None and mask_ids(12) == 12


def test_private_names_become_surname_mou():
    assert mask_name("张三") == "张某" and mask_name("欧阳娜娜") == "欧阳某" and mask_name("张㛃") == "张某"
    assert mask_names("当事人张三于2024年", ["张三"]) == "当事人张某于2024年"
    assert mask_names("姓名：张㛃 性别：女", []) == "姓名：张某 性别：女"
    assert mask_names("被询问人: 李小明，", []) == "被询问人: 李某，"
    # near miss: a company is no private person, an unlabelled name unknown to us stays
    assert mask_names("当事人：某某市好味来餐饮有限公司", []) == "当事人：某某市好味来餐饮有限公司"
    assert mask_names("执法人员王五", []) == "执法人员王五"


def test_formula_leads_are_neutralised():
    for v in ("=1+1", "+1", "-5000", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"):
        assert needs_text_cell(v) and neutral_cell(v) == "'" + v
    for v in ("张=1", "—", "1+1", 5, None, ""):
        assert not needs_text_cell(v) and neutral_cell(v) == v


# --------------------------------------------------------------------------- per-dossier reports


def _review_quoting_an_id():
    review = make_review()
    review.findings.append(Finding(
        "subject.party_id_invalid", "subject", 2, False, False, f"身份证号码 {ID} 校验位不符", "核对身份证号码",
        "《中华人民共和国行政处罚法》第五十九条", [Evidence(2, f"身份证号码：{ID}")]))
    return review


def test_reports_mask_ids_unless_asked(tmp_path):
    from dossier_review.report import write_reports

    paths = write_reports(_review_quoting_an_id(), tmp_path / "a", formats=("json", "html", "docx"))
    js, html, docx = (p.read_bytes().decode("utf-8", "replace") if p.suffix != ".docx" else
                      zipfile.ZipFile(p).read("word/document.xml").decode() for p in paths)
    assert ID in js  # the machine record keeps the number: checks and --rescore read it
    assert ID not in html and MASKED in html and ID not in docx and MASKED in docx
    assert "subject.party_id_invalid" in html  # codes are identifiers, never masked
    paths = write_reports(_review_quoting_an_id(), tmp_path / "b", formats=("html",), show_ids=True)
    assert ID in paths[0].read_text(encoding="utf-8")


def test_a_lone_surrogate_does_not_stop_the_writers(tmp_path):
    from dossier_review.report import write_reports
    from dossier_review.store import Store

    review = make_review()
    review.findings[0].evidence[0].quote = "决定书\ud800原文"
    paths = write_reports(review, tmp_path, formats=("json", "html", "docx"))
    assert "决定书\ufffd原文" in paths[0].read_text(encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as store:
        i = store.record_review(source="x.pdf", file_hash="h", standard="default", review=review.to_dict())
        assert "\ufffd" in store.review(i)["findings"][0]["evidence"][0]["quote"]
        store.record_failure(source="y.pdf", file_hash="h", standard="default", name="y\udc80",
                             reason="坏\udc80文件")


# --------------------------------------------------------------------------- batch outputs


def _formula_cells(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as z:
        return [m for n in z.namelist() if n.startswith("xl/worksheets/")
                for m in re.findall(r"<f>.*?</f>", z.read(n).decode())]


def _xlsx_text(xlsx: Path) -> str:
    with zipfile.ZipFile(xlsx) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))


def test_batch_outputs_hold_no_formula_and_no_full_id(tmp_path, monkeypatch):
    from test_batch_fakes import FakeStandard, install, write_fake

    from dossier_review.batch import run_batch

    install(monkeypatch)
    folder = tmp_path / "in"
    write_fake(folder / "=1+1.pdf", agency="=HYPERLINK(\"http://example.invalid\",\"点击\")",
               defects=("remedy.litigation_period_wrong",))
    write_fake(folder / "b.pdf", defects=("documents.typo",))
    reg = tmp_path / "register.csv"
    reg.write_text("案号,当事人,备注,身份证号,路径\n"
                   f"=1+1,=1+1,=cmd|' /C calc'!A0,{ID},{folder / '=1+1.pdf'}\n"
                   f"@SUM(A1),-5000,+1,,{folder / 'b.pdf'}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(folder, out, workers=1, standard=FakeStandard(), progress=False, register=reg)
    assert result.done == 2
    xlsx = out / "summary.xlsx"
    assert _formula_cells(xlsx) == []
    text = _xlsx_text(xlsx)
    for v in ("=1+1", "=cmd|&apos; /C calc&apos;!A0", "@SUM(A1)", "=HYPERLINK"):
        assert v in text or v.replace("&apos;", "'") in text
    assert ID not in text and MASKED in text
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert "=1+1" in values and "-5000" in values  # the text as written, as text
    # near miss: with --show-ids the internal summary shows the number
    run_batch(folder, tmp_path / "out2", workers=1, standard=FakeStandard(), progress=False, register=reg,
              show_ids=True)
    assert ID in _xlsx_text(tmp_path / "out2" / "summary.xlsx")
    assert _formula_cells(tmp_path / "out2" / "summary.xlsx") == []


def test_bulletin_and_summary_mask_quotes(tmp_path):
    from dossier_review.batch.outputs import write_batch_outputs
    from dossier_review.pipeline import load_standard
    from dossier_review.store import Store

    review = _review_quoting_an_id()
    review.findings.append(Finding("evidence.witness_named", "evidence", 0.5, False, False, "笔录问题", "更正",
                                   "", [Evidence(3, "被询问人：张㛃，电话13805310000")]))
    data = review.to_dict()
    data["facts"]["party"]["representative"] = "王建国"
    with Store(tmp_path / "s.sqlite") as store:
        i = store.record_review(source="x.pdf", file_hash="h", standard="default", review=data, stem="x")
        paths = write_batch_outputs(store, [i], tmp_path, standard=load_standard("default"))
    bulletin = zipfile.ZipFile(tmp_path / "bulletin.docx").read("word/document.xml").decode()
    html = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert ID not in bulletin and ID not in html and ID not in _xlsx_text(tmp_path / "summary.xlsx")
    assert MASKED in bulletin
    assert "张㛃" not in bulletin and "张某" in bulletin and "13805310000" in bulletin
    assert len(paths) == 3


def test_sample_lists_are_inert(tmp_path):
    from dossier_review.batch import sample_register

    reg = tmp_path / "reg.csv"
    reg.write_text("案号,执法机关,路径\n=1+1,@机关,a.pdf\n-2,+机关,b.pdf\n3,机关,c.pdf\n", encoding="utf-8")
    for n in "abc":
        (tmp_path / f"{n}.pdf").write_bytes(b"%PDF-1.4")
    sample_register(reg, 3, 1, out_dir=tmp_path / "s")
    assert _formula_cells(tmp_path / "s" / "sample.xlsx") == []
    csv = (tmp_path / "s" / "sample.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in csv and "'@机关" in csv and "'-2" in csv and "'+机关" in csv
    assert "\n=" not in csv and ",=" not in csv
