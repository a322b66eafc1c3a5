"""Template family C (published official templates): deterministic by seed, exact truth, no reviewer
stage imported, other typefaces.  Digital only and no OCR; the scan test is skipped without augraphy."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from dossier_review.samplegen import ALL_CODES, degrade_augraphy, make_case, render_case
from dossier_review.samplegen.family_c import AGENCIES, TITLES
from dossier_review.samplegen.truth import compute_defects

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "frozen" / "family_c"
RESIDUES = ("XXX", "××", "____", "（选填）", "你（单位）")


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [re.sub(r"\s+", "", p.extract_text() or "") for p in doc.pages]


def fonts(pdf: Path) -> set[str]:
    with pdfplumber.open(pdf) as doc:
        return {c["fontname"].split("+")[-1] for p in doc.pages for c in p.chars}


def render(tmp_path, seed, name=None, **kw):
    case = make_case(seed, family="C", **kw)
    name = name or f"c{seed}"
    path = render_case(case, tmp_path, name=name)
    truth = json.loads((tmp_path / f"{name}.truth.json").read_text(encoding="utf-8"))
    return case, truth, path


def test_same_seed_same_dossier_other_seed_another(tmp_path):
    codes = ["documents.typo", "procedure.service_receipt_incomplete"]
    _, t1, p1 = render(tmp_path / "a", 7, defects=codes)
    _, t2, p2 = render(tmp_path / "b", 7, defects=codes)
    _, t3, p3 = render(tmp_path / "c", 8, defects=codes)
    assert t1 == t2 and page_texts(p1) == page_texts(p2)
    assert page_texts(p1) != page_texts(p3)  # near miss: the seed really matters


def test_truth_is_the_case_and_pages_are_consistent(tmp_path):
    codes = ["subject.party_inconsistent", "hearing.wrong_request_period", "documents.template_residue"]
    case, truth, path = render(tmp_path, 21, defects=codes)
    assert truth["family"] == "C" and truth["generator"] == "dossier_review.samplegen"
    assert truth["defects"] == sorted(compute_defects(case))
    assert set(codes) <= set(truth["defects"]) <= set(ALL_CODES)
    pages = page_texts(path)
    assert truth["page_count"] == len(pages)
    last = 0
    for d in truth["documents"]:
        assert last <= d["first_page"] <= d["last_page"] <= len(pages)
        last = d["last_page"]
    assert any(r in "".join(pages) for r in RESIDUES)


def test_clean_dossier_prints_no_template_residue(tmp_path):
    for seed in (31, 32, 33):
        case, truth, path = render(tmp_path, seed)
        assert truth["defects"] == []
        text = "".join(page_texts(path))
        assert not [r for r in RESIDUES if r in text], seed


def test_only_the_three_template_agencies(tmp_path):
    assert make_case(5, family="C", agency="urban").agency["kind"] in AGENCIES  # no template: replaced
    assert make_case(5, family="C", agency="environment").agency["kind"] == "生态环境局"


@pytest.mark.parametrize("agency,must", [
    ("market", ["主体资格证照名称", "现场笔录", "行政处理决定审批表", "送达回证", "卷内文件目录"]),
    ("environment", ["一、环境违法事实和证据", "调查询问笔录", "行政处罚案件调查报告", "案件处理内部审批表"]),
    ("应急管理局", ["安全生产行政执法文书", "现场检查记录", "案件处理呈批表", "应急罚〔"]),
])
def test_templates_labels_are_printed(tmp_path, agency, must):
    case, truth, path = render(tmp_path, 44, agency=agency)
    text = "".join(page_texts(path))
    assert [m for m in must if m not in text] == []
    titles = set(TITLES[case.agency["kind"]].values())
    assert {d["title"] for d in truth["documents"] if d["type"] not in ("cover", "hearing_request")} <= titles


def test_typefaces_differ_from_families_a_and_b(tmp_path):
    _, _, pc = render(tmp_path, 3)
    got = fonts(pc)
    assert got == {"UMingCN-0", "BousungEG-Light-GB", "LXGWWenKai-Regular"}  # AR PL UMing, AR PL SungtiL, LXGW WenKai
    a = render_case(make_case(3), tmp_path, name="a3")  # near miss: family A does use them
    assert "WenQuanYiZenHei-0" in fonts(a)


def test_generator_imports_no_reviewer_stage(tmp_path):
    code = (
        "import sys\n"
        "from dossier_review.samplegen import make_case, render_case\n"
        "import dossier_review.samplegen.degrade_augraphy, dossier_review.samplegen.family_c\n"
        f"render_case(make_case(9, family='C'), {str(tmp_path)!r})\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('dossier_review'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "dossier_review.samplegen.family_c" in out
    stages = ("pipeline", "ingest", "segment", "extract", "check", "score", "report", "batch", "evaluate")
    assert [m for m in out if m.split(".")[1:2] and m.split(".")[1] in stages] == []


@pytest.mark.skipif(not degrade_augraphy.available(), reason="augraphy (extra 'frozen') not installed")
def test_scanned_family_c_is_deterministic(tmp_path):
    from dossier_review.samplegen.families import renderer_for
    from dossier_review.samplegen.family_c import scan_pdf
    from dossier_review.samplegen.render import render_pdf

    case = make_case(12, family="C", procedure="simplified", scanned=True)
    pdf, _ = render_pdf(case, renderer_for(case))
    info_a = scan_pdf(pdf, tmp_path / "a", seed=case.seed, as_folder=True)
    info_b = scan_pdf(pdf, tmp_path / "b", seed=case.seed, as_folder=True)
    assert info_a == info_b and all(p["dpi"] == 200 and p["degraded_by"] == "augraphy" for p in info_a)
    files = sorted(f.name for f in (tmp_path / "a").iterdir())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


# ------------------------------------------------------------------ the committed frozen set

def _frozen_truths():
    return sorted(FROZEN.glob("*/*.truth.json"))


@pytest.mark.skipif(not _frozen_truths(), reason="frozen/family_c not generated")
def test_frozen_truth_files_are_valid():
    truths = _frozen_truths()
    kinds = {p.parent.name for p in truths}
    assert kinds == {"digital", "scan"}
    for p in truths:
        t = json.loads(p.read_text(encoding="utf-8"))
        assert t["family"] == "C" and t["scanned"] == (p.parent.name == "scan")
        assert set(t["defects"]) <= set(ALL_CODES) and set(t["injected"]) <= set(t["defects"])
        assert (p.parent / t["source"]).exists()
        assert all(1 <= d["first_page"] <= d["last_page"] <= t["page_count"] for d in t["documents"])


@pytest.mark.skipif(not _frozen_truths(), reason="frozen/family_c not generated")
def test_a_frozen_dossier_regenerates_from_its_recorded_seed(tmp_path):
    path = next(p for p in _frozen_truths() if p.parent.name == "digital")
    t = json.loads(path.read_text(encoding="utf-8"))
    case = make_case(t["seed"], procedure=t["procedure"], defects=t["injected"], agency=t["agency_kind"], family="C")
    render_case(case, tmp_path, name=t["name"])
    again = json.loads((tmp_path / path.name).read_text(encoding="utf-8"))
    assert again == t


def test_environment_notice_title_names_the_hearing_only_when_granted():
    kw = dict(family="C", agency="environment")
    granted = make_case(51, defects=["hearing.wrong_request_period"], **kw).doc("notice")
    withheld = make_case(51, defects=["hearing.not_notified"], **kw).doc("notice")
    assert granted.attrs["hearing_right"] and "听证" in granted.title
    assert not withheld.attrs["hearing_right"] and "听证" not in withheld.title


def test_general_decision_prints_the_outdated_article_its_truth_names(tmp_path):
    # with no prior notice the injector marks the decision itself: the text must show the old article
    codes = ["procedure.no_prior_notice", "legal_basis.citation_outdated"]
    for seed in range(60, 80):
        try:
            case = make_case(seed, family="C", defects=codes)
        except ValueError:
            continue
        if case.doc("decision").attrs.get("aplaw_outdated"):
            break
    else:
        pytest.skip("no seed put the outdated citation on the decision")
    path = render_case(case, tmp_path, name="o")
    assert "第三十八条第一款" in "".join(page_texts(path))
    clean = render_case(make_case(seed, family="C", defects=codes[:1]), tmp_path, name="p")
    assert "第三十八条第一款" not in "".join(page_texts(clean))  # near miss


def test_approval_form_has_a_legal_review_row_only_with_the_review_on_file(tmp_path):
    with_review = make_case(70, family="C", agency="market", defects=["procedure.no_collective_discussion"])
    without = make_case(70, family="C", agency="market", defects=["procedure.no_legal_review"])
    assert with_review.doc("legal_review") and not without.doc("legal_review")
    texts = ["".join(page_texts(render_case(c, tmp_path, name=n))) for c, n in ((with_review, "w"), (without, "wo"))]
    assert "法制审核意见" in texts[0] and "法制审核意见" not in texts[1]
