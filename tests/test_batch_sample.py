"""Case registers and sampling: aliases, reproducibility, strata, errors, the files written."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from test_batch_fakes import FakeStandard, install, write_fake

from dossier_review.batch import RegisterError, allocate, read_register, run_batch, sample_register
from dossier_review.errors import InputError

AGENCY_SIZES = {"某某市市场监督管理局": 23, "某某市生态环境局": 11, "某某区城市管理局": 5, "某某县交通运输局": 1}


def _register(tmp_path: Path, *, headers=None, fmt="xlsx", sizes=AGENCY_SIZES, files=True,
              relative=True) -> Path:
    h = {"case_number": "案号", "agency": "执法机关", "party": "当事人", "fine": "罚款（元）",
         "closed": "结案日期", "path": "案卷路径", **(headers or {})}
    rows = []
    i = 0
    for agency, size in sizes.items():
        for _ in range(size):
            i += 1
            f = tmp_path / "files" / f"case{i:03d}.pdf"
            if files:
                write_fake(f, agency=agency, defects=("documents.typo",) if i % 2 else ())
            rows.append({h["case_number"]: f"某市监处罚〔2024〕{i}号", h["agency"]: agency,
                         h["party"]: f"当事人{i}", h["fine"]: str(1000 * i),
                         h["closed"]: f"2024年{1 + i % 12}月{1 + i % 28}日",
                         h["path"]: f"files/case{i:03d}.pdf" if relative else str(f)})
    df = pd.DataFrame(rows)
    path = tmp_path / f"登记表.{fmt}"
    if fmt == "xlsx":
        df.to_excel(path, index=False)
    else:
        df.to_csv(path, index=False, encoding="gb18030" if fmt == "csv" else "utf-8")
    return path


def test_headers_in_english_or_chinese_map_to_the_same_columns(tmp_path):
    a = read_register(_register(tmp_path))
    eng = {"case_number": "Case No.", "agency": "Agency", "party": "Party", "fine": "Fine (yuan)",
           "closed": "Closing date", "path": "file_path"}
    b = read_register(_register(tmp_path / "en", headers=eng, fmt="csv"))  # GBK-encoded CSV
    for df in (a, b):
        assert {"case_number", "agency", "party", "fine", "closed", "path"} <= set(df.columns)
        assert all(Path(p).is_absolute() and Path(p).exists() for p in df["path"])
    assert a.attrs["headers"]["fine"] == "罚款（元）" and b.attrs["headers"]["case_number"] == "Case No."
    assert list(a["case_number"]) == list(b["case_number"])


def test_sample_is_reproducible_and_depends_on_the_seed(tmp_path):
    reg = _register(tmp_path)
    s1 = sample_register(reg, 10, seed=2024)
    s2 = sample_register(reg, 10, seed=2024)
    s3 = sample_register(reg, 10, seed=7)
    assert list(s1["case_number"]) == list(s2["case_number"])
    assert list(s1["case_number"]) != list(s3["case_number"])
    assert len(set(s1["case_number"])) == 10 and list(s1["sample_no"]) == list(range(1, 11))
    assert set(s1["seed"]) == {2024}


def test_stratified_sample_is_proportional_with_one_per_stratum(tmp_path):
    reg = _register(tmp_path)
    s = sample_register(reg, 10, seed=1, by="执法机关")
    got = Counter(s["agency"])
    # 40 cases, n=10: quotas 5.75, 2.75, 1.25, 0.25 -> floors 5, 2, 1 and the minimum 1 make 9;
    # the last goes by largest remainder, where 0.75 ties and the larger stratum wins
    assert got == Counter({"某某市市场监督管理局": 6, "某某市生态环境局": 2, "某某区城市管理局": 1, "某某县交通运输局": 1})
    assert sum(got.values()) == 10
    # stratifying by the canonical or the English name picks the same column
    assert list(sample_register(reg, 10, seed=1, by="agency")["case_number"]) == list(s["case_number"])


def test_allocation_rules():
    assert allocate({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    # quotas 4.7, 3.8, 1.5: floors 4, 3, 1, then remainders .8 (b) and .7 (a)
    assert allocate({"a": 47, "b": 38, "c": 15}, 10) == {"a": 5, "b": 4, "c": 1}
    assert allocate({"a": 97, "b": 2, "c": 1}, 5) == {"a": 3, "b": 1, "c": 1}
    assert allocate({"a": 1, "b": 1}, 2) == {"a": 1, "b": 1}
    alloc = allocate({"x": 7, "y": 7, "z": 7}, 10)
    assert sum(alloc.values()) == 10 and max(alloc.values()) - min(alloc.values()) <= 1
    with pytest.raises(ValueError):
        allocate({"a": 5, "b": 5, "c": 5}, 2)
    with pytest.raises(ValueError):
        allocate({"a": 2}, 3)


def test_sample_files_record_the_seed(tmp_path):
    import openpyxl

    reg = _register(tmp_path)
    out = tmp_path / "out"
    s = sample_register(reg, 6, seed=99, by="agency", out_dir=out)
    wb = openpyxl.load_workbook(out / "sample.xlsx", read_only=True)
    assert wb.sheetnames == ["抽样清单", "meta"]
    rows = list(wb["抽样清单"].iter_rows(values_only=True))
    meta = dict(list(wb["meta"].iter_rows(values_only=True))[1:])
    wb.close()
    assert rows[0][:2] == ("抽样序号", "登记表行号") and "案号" in rows[0] and "随机种子" in rows[0]
    assert len(rows) == 7 and meta["seed"] == "99" and meta["by"] == "agency"
    assert "largest remainder" in meta["method"] and "某某县交通运输局: 1" in meta["allocation"]
    csv = pd.read_csv(out / "sample.csv", encoding="utf-8-sig", dtype=str)
    assert list(csv["随机种子"].unique()) == ["99"] and list(csv["案号"]) == list(s["case_number"])


@pytest.mark.parametrize("change, message", [
    ("drop_path", "缺少列 “案卷路径”"),
    ("duplicate", "“案号”列的"),
    ("missing_file", "“案卷路径”列有 1 个案卷文件不存在"),
    ("too_many", "登记表只有 40 件案件"),
    ("bad_by", "没有可用于分层的列“区域”"),
    ("blank_case", "“案号”列第 6 行为空"),
])
def test_register_errors_have_one_line_reasons(tmp_path, change, message):
    reg = _register(tmp_path)
    df = pd.read_excel(reg, dtype=str)
    n, by = 5, None
    if change == "drop_path":
        df = df.drop(columns=["案卷路径"])
    elif change == "duplicate":
        df.loc[7, "案号"] = df.loc[3, "案号"]
    elif change == "missing_file":
        df.loc[2, "案卷路径"] = "files/不存在.pdf"
    elif change == "too_many":
        n = 41
    elif change == "bad_by":
        by = "区域"
    elif change == "blank_case":
        df.loc[4, "案号"] = ""
    df.to_excel(reg, index=False)
    with pytest.raises(RegisterError) as err:
        sample_register(reg, n, seed=1, by=by, require_files=True)
    line = err.value.one_line()
    assert message in line and "\n" not in line and str(reg) in line
    assert isinstance(err.value, InputError)
    if change == "duplicate":
        assert "第 5、9 行" in line  # spreadsheet row numbers (header is row 1)
    if change == "missing_file":
        assert "第 4 行：files/不存在.pdf" in line
    if change == "drop_path":
        assert "“案号”" in line  # the register's own headers, not internal keys
        assert "case_number" not in line and "path" not in line


def test_a_register_whose_files_are_not_pulled_yet_is_sampled(tmp_path):
    """One samples the register first, then pulls and scans the files drawn."""
    reg = _register(tmp_path)
    df = pd.read_excel(reg, dtype=str)
    df["案卷路径"] = [f"未调取/{i}.pdf" for i in range(len(df))]
    df.to_excel(reg, index=False)
    s = sample_register(reg, 5, seed=1)
    assert len(s) == 5 and len(s.attrs["missing_files"]) == 5
    assert set(s["population"]) == {40}
    with pytest.raises(RegisterError, match="不存在"):
        sample_register(reg, 5, seed=1, require_files=True)


def test_too_few_for_the_strata(tmp_path):
    reg = _register(tmp_path)
    with pytest.raises(RegisterError, match="少于分层数"):
        sample_register(reg, 3, seed=1, by="agency")


def test_register_columns_flow_into_the_batch_outputs(tmp_path, monkeypatch):
    install(monkeypatch)
    reg = _register(tmp_path)
    out = tmp_path / "out"
    sample_register(reg, 8, seed=5, by="agency", out_dir=out)
    res = run_batch(out / "sample.xlsx", out, workers=1, standard=FakeStandard(), progress=False)
    assert res.done == 8 and res.failed == 0

    import openpyxl

    wb = openpyxl.load_workbook(out / "summary.xlsx", read_only=True)
    rows = list(wb["案卷"].iter_rows(values_only=True))
    notes = dict(list(wb["说明"].iter_rows(values_only=True))[1:])
    wb.close()
    head = rows[0]
    # the register's fine and closing date as typed cells (a filter on numbers and dates works)
    assert "罚款（元）" in head and "结案日期" in head
    fine_col, closed_col = head.index("罚款（元）"), head.index("结案日期")
    assert all(isinstance(r[fine_col], (int, float)) for r in rows[1:])
    assert all(isinstance(r[closed_col], dt.datetime) for r in rows[1:])
    assert all(isinstance(r[head.index("抽样序号")], int) for r in rows[1:])
    # agency and case number come from the register, not from the documents
    sample = pd.read_csv(out / "sample.csv", encoding="utf-8-sig", dtype=str)
    assert {r[head.index("案号")] for r in rows[1:]} == set(sample["案号"])
    assert {r[head.index("执法机关")] for r in rows[1:]} == set(sample["执法机关"])
    assert notes["随机种子"] == "5"
    # a folder run joins a register by path
    out2 = tmp_path / "out2"
    res2 = run_batch(tmp_path / "files", out2, workers=1, standard=FakeStandard(), progress=False,
                     register=reg)
    assert res2.done == 40
    wb = openpyxl.load_workbook(out2 / "summary.xlsx", read_only=True)
    rows2 = list(wb["案卷"].iter_rows(values_only=True))
    wb.close()
    h2 = rows2[0]
    assert rows2[1][h2.index("案卷")] == "case001" and rows2[1][h2.index("案号")] == "某市监处罚〔2024〕1号"
