"""Template family B: another agency's forms for the same cases, with exact truth (digital, no OCR)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

from dossier_review.samplegen import ALL_CODES, make_case, render_case
from dossier_review.samplegen.plan import plan_set
from dossier_review.samplegen.truth import DOCNO_RE, compute_defects

ROOT = Path(__file__).resolve().parents[1]


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [re.sub(r"\s+", "", p.extract_text() or "") for p in doc.pages]


def render(tmp_path, seed, **kw):
    case = make_case(seed, family="B", **kw)
    path = render_case(case, tmp_path, name=f"b{seed}")
    truth = json.loads((tmp_path / f"b{seed}.truth.json").read_text(encoding="utf-8"))
    return case, truth, page_texts(path)


def test_family_a_is_the_default_and_unchanged():
    """The committed samples' plan still yields the committed truth (family A stays the default)."""
    spec = next(s for s in plan_set(16, 2024) if s["name"] == "case01-environment-digital")
    case = make_case(spec["seed"], procedure=spec["procedure"], defects=spec["defects"], agency=spec["agency"])
    assert "family" not in case.style
    committed = json.loads((ROOT / "samples" / "case01-environment-digital.truth.json").read_text(encoding="utf-8"))
    assert committed["defects"] == sorted(compute_defects(case))
    assert [d["title"] for d in committed["documents"]] == [d.title for d in case.docs]


def test_unknown_family_refused():
    with pytest.raises(ValueError):
        make_case(1, family="Z")


def test_family_b_changes_titles_numbers_and_styles_but_not_the_facts():
    for seed in (11, 12, 13):
        a, b = make_case(seed), make_case(seed, family="B")
        assert b.style["family"] == "B"
        assert compute_defects(a) == compute_defects(b) == {}
        assert (a.fine, a.party.name, a.dates) == (b.fine, b.party.name, b.dates)
        assert [d.type for d in a.docs] == [d.type for d in b.docs]
        assert [d.title for d in a.docs] != [d.title for d in b.docs]
        assert DOCNO_RE.search(b.doc("decision").attrs["number"])
        assert b.doc("notice").same_page


def test_clean_family_b_dossier_layout(tmp_path):
    case, truth, pages = render(tmp_path, 21)
    assert truth["family"] == "B" and truth["defects"] == []
    docs = {d["key"]: d for d in truth["documents"]}
    dec = docs["decision"]
    assert dec["last_page"] - dec["first_page"] >= 1, "decision should run over two or three pages"
    printed = [p for p in range(dec["first_page"], dec["last_page"] + 1) if len(pages[p - 1]) > 20]
    assert "行政复议" in pages[printed[-1] - 1], "the remedy paragraph sits on the decision's last printed page"
    if case.style["blank_back"]:
        assert len(pages[dec["last_page"] - 1]) <= 4  # only the printed page number
    notice = docs["notice"]
    prev = truth["documents"][truth["documents"].index(notice) - 1]
    assert notice["first_page"] in (prev["last_page"], prev["last_page"] + 1)
    assert notice["title"] in pages[notice["first_page"] - 1]
    assert "复议" not in "".join(pages[:dec["first_page"] - 1])
    photos = docs["ev_photos"]
    assert photos["last_page"] - photos["first_page"] + 1 >= case.flags["photos"] - 1


def test_notices_start_mid_page_somewhere():
    mid = 0
    for seed in (31, 32, 33, 34):
        case = make_case(seed, family="B")
        from dossier_review.samplegen.families import renderer_for
        from dossier_review.samplegen.render import render_pdf
        _, layout = render_pdf(case, renderer_for(case))
        keys = [d.key for d in case.docs]
        i = keys.index("notice")
        mid += layout["marks"]["notice"]["first"] == layout["marks"][keys[i - 1]]["last"]
    assert mid >= 1


@pytest.mark.parametrize("code,pattern", [
    ("remedy.litigation_period_wrong", r"(三个月|3个月|十五日|15日)内"),
    ("hearing.wrong_request_period", r"(三|3|七|7|十|10)(日|个工作日)内"),
    ("remedy.review_period_wrong", r"(十五日|15日|三十日|30日|九十日|90日)内"),
])
def test_defects_injected_in_family_b_phrasing(tmp_path, code, pattern):
    case, truth, pages = render(tmp_path, 41, defects=[code])
    assert code in truth["defects"]
    assert set(truth["defects"]) == set(compute_defects(case))
    assert re.search(pattern, "".join(pages))


def test_family_b_plan_covers_every_code():
    specs = plan_set(12, 5, scanned_ratio=0.0, family="B")
    assert all(s["name"].startswith("famb") for s in specs)
    covered = set()
    for s in specs:
        case = make_case(s["seed"], procedure=s["procedure"], defects=s["defects"], agency=s.get("agency"), family="B")
        covered |= set(compute_defects(case))
    assert covered == set(ALL_CODES)
