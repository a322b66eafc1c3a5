"""Rendered dossiers say what their truth says (digital text layer; a few small scans)."""
from __future__ import annotations

import json
import random
import re

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from dossier_review.samplegen import degrade, ids, make_case, render_case
from dossier_review.samplegen.data import VIOLATIONS
from dossier_review.samplegen.defects import RESIDUES, TYPOS
from dossier_review.samplegen.fmt import yuan_words


def _render(tmp_path, case):
    path = render_case(case, tmp_path)
    truth = json.loads((tmp_path / f"{case.name}.truth.json").read_text(encoding="utf-8"))
    pdf = pdfium.PdfDocument(str(path))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return path, truth, pdf, texts


def _doc_text(truth, texts, key):
    d = next(d for d in truth["documents"] if d["key"] == key)
    return "\n".join(texts[d["first_page"] - 1:d["last_page"]])


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_clean_digital_dossier_structure(tmp_path):
    case = make_case(21)
    path, truth, pdf, texts = _render(tmp_path, case)
    assert truth["defects"] == [] and truth["procedure"] == "general" and truth["scanned"] is False
    assert 10 <= len(pdf) <= 25 and truth["page_count"] == len(pdf)
    covered = set()
    for d in truth["documents"]:
        assert 1 <= d["first_page"] <= d["last_page"] <= len(pdf)
        covered |= set(range(d["first_page"], d["last_page"] + 1))
    assert covered == set(range(1, len(pdf) + 1))
    firsts = [d["first_page"] for d in truth["documents"]]
    assert firsts == sorted(firsts)
    # page numbers: bottom-right on every numbered page, none on cover/catalogue/remarks
    numbered = truth["printed_page_numbers"]
    for d in truth["documents"]:
        if d["type"] in ("cover", "catalog", "remarks"):
            assert str(d["first_page"]) not in numbered
    assert [numbered[k] for k in sorted(numbered, key=int)] == list(range(1, len(numbered) + 1))
    for page_no, label in numbered.items():
        page = pdf[int(page_no) - 1]
        tp = page.get_textpage()
        w, h = page.get_size()
        bottom_right = tp.get_text_bounded(left=w * 0.7, bottom=0, right=w, top=h * 0.08).strip()
        assert bottom_right == str(label)
    dec = _flat(_doc_text(truth, texts, "decision"))
    assert case.party.name in dec and case.agency["court"] in dec and "六十日" in dec
    assert "六个月" in dec and re.search("(十五|15)日内", dec) and re.search("百分之三|3%", dec)
    assert re.search(r"〔20\d\d〕", dec)
    facts = truth["facts"]
    assert facts["party_name"] == case.party.name and facts["fine_yuan"] == case.fine
    assert facts["decided"] == case.doc("decision").date.isoformat()
    for token in RESIDUES + [t[0] for t in TYPOS]:
        assert token not in "".join(texts), token
    cat = _flat(_doc_text(truth, texts, "catalog"))
    assert "序号" in cat and "页号" in cat


FULL_LAW_NAMES = {c.law for v in VIOLATIONS for c in (v.violated, v.penalty)} | {"中华人民共和国行政处罚法"}


def _words_figures_disagree(text: str) -> bool:
    w = "[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+"
    pairs = re.findall(rf"({w})（¥?([\d,.]+)元?）", text)
    pairs += [(words, fig) for fig, words in re.findall(rf"([\d,.]+)元（大写：({w})）", text)]
    if not pairs:
        return None  # no amount written both ways
    return any(yuan_words(float(fig.replace(",", ""))) != words for words, fig in pairs)


def _nonstandard_law_name(text: str) -> bool:
    if text.count("《") != text.count("》"):
        return True
    return any(name not in FULL_LAW_NAMES for name in re.findall(r"《([^《》]*)》第", text))


def _seal_images_on(pdf, page_no):
    page = pdf[page_no - 1]
    return sum(1 for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)


@pytest.mark.parametrize("code,check", [
    ("remedy.litigation_period_wrong", lambda t, c: "六个月" not in t["decision"] and re.search("三个月|3个月|在十五日内", t["decision"])),
    ("hearing.wrong_request_period", lambda t, c: re.search("之日起(三|七|十)(个工作日|日)内向本局提出书面申请", t["notice"])),
    ("remedy.review_body_outdated", lambda t, c: c.agency["upper"] in t["decision"]),
    ("subject.party_id_invalid", lambda t, c: c.party.id_number in t["decision"] and not ids.is_valid_party_id(c.party.id_number)),
    ("documents.template_residue", lambda t, c: any(r in t["all"] for r in RESIDUES)),
    ("documents.typo", lambda t, c: any(w in t["all"] for w, _ in TYPOS)),
    ("documents.amount_mismatch", lambda t, c: _words_figures_disagree(t["decision"]) is True
     and _words_figures_disagree(t["notice"]) is not True),
    ("procedure.no_prior_notice", lambda t, c: "notice" not in t and "告知书" not in t["decision"]),
    ("subject.officers_fewer_than_two", lambda t, c: any(t.get(k, "").count("执法证号") == 1 for k in ("inspection", "inquiry1", "inquiry2"))),
    ("legal_basis.law_name_nonstandard", lambda t, c: _nonstandard_law_name(t["decision"])),
])
def test_injected_defect_is_visible_in_text(tmp_path, code, check):
    case = make_case(33, defects=[code])
    path, truth, pdf, texts = _render(tmp_path, case)
    assert code in truth["defects"]
    t = {d["key"]: _flat(_doc_text(truth, texts, d["key"])) for d in truth["documents"]}
    t["all"] = _flat("".join(texts))
    assert check(t, case), code


def test_seal_drawn_only_where_the_case_says(tmp_path):
    case = make_case(5, defects=["documents.seal_missing"])
    path, truth, pdf, texts = _render(tmp_path, case)
    target = "notice" if not case.doc("notice").attrs["seal"] else "decision"
    other = "decision" if target == "notice" else "notice"
    doc = {d["key"]: d for d in truth["documents"]}
    # the unsealed document's last page carries no image unless another document shares the page
    sealed_pages = {doc[other]["last_page"]}
    assert _seal_images_on(pdf, doc[other]["last_page"]) >= 1
    if doc[target]["last_page"] not in sealed_pages and not any(
            d["first_page"] <= doc[target]["last_page"] <= d["last_page"] and d["key"] != target for d in truth["documents"]):
        assert _seal_images_on(pdf, doc[target]["last_page"]) == 0


def test_simplified_dossier(tmp_path):
    case = make_case(4, procedure="simplified", defects=["legal_basis.simplified_over_limit"])
    path, truth, pdf, texts = _render(tmp_path, case)
    assert 1 <= len(pdf) <= 2 and truth["procedure"] == "simplified"
    text = _flat("".join(texts))
    assert "执法证号" in text and "申请行政复议" in text
    assert truth["facts"]["fine_yuan"] > (200 if truth["facts"]["party_class"] == "individual" else 3000)


def test_degrade_keeps_red_and_rotates():
    img = Image.new("RGB", (400, 560), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([40, 40, 360, 80], fill="black")
    d.ellipse([250, 400, 350, 500], outline=(210, 30, 30), width=8)
    out = degrade(img, random.Random(1), rotate=90, skew=1.0)
    assert out.size == (560, 400) and out.mode == "RGB"
    px = out.convert("RGB").load()
    reds = sum(1 for x in range(0, 560, 2) for y in range(0, 400, 2)
               if px[x, y][0] > 120 and px[x, y][0] - px[x, y][1] > 60)
    assert reds > 20
    grey = degrade(Image.new("RGB", (200, 300), "white"), random.Random(2), background=230)
    import numpy as np
    assert grey.mode == "L" and 200 < float(np.asarray(grey).mean()) < 240


@pytest.mark.ocr
def test_scanned_dossier_is_image_only(tmp_path):
    case = make_case(8, procedure="simplified", scanned=True)
    path, truth, pdf, texts = _render(tmp_path, case)
    assert truth["scanned"] and all(not t.strip() for t in texts)
    assert len(truth["pages"]) == len(pdf)
    assert any(p["color"] for p in truth["pages"])  # the red seal survives the grey scan


@pytest.mark.ocr
def test_scanned_page_is_readable_by_tesseract(tmp_path):
    """The degraded scan still carries the decision's key text (real Tesseract, one page)."""
    import os
    import shutil
    import subprocess

    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    case = make_case(12, procedure="simplified", scanned=True)
    path, truth, pdf, texts = _render(tmp_path, case)
    page = pdf[0]
    img = page.render(scale=200 / 72).to_pil()
    rot = truth["pages"][0]["rotate_cw"]
    if rot:
        img = img.rotate(rot, expand=True)  # undo the feeder turn (PIL rotates counter-clockwise)
    png = tmp_path / "p1.png"
    img.convert("L").save(png)
    out = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "6"], capture_output=True, text=True,
                         env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=120).stdout
    text = re.sub(r"\s+", "", out)
    assert "决定书" in text
    assert case.agency["name"][-6:] in text or case.agency["name"][:4] in text
    assert re.search(r"行政复[议义]", text)


@pytest.mark.parametrize("style", ["rmb_figures", "plain", "currency", "comma", "wan", "words_currency",
                                   "words_plain", "figures_words"])
def test_an_injected_amount_mismatch_shows_both_forms_in_every_style(style):
    from dossier_review.samplegen.fmt import yuan_text, yuan_words
    text = yuan_text(3900.0, style, words=3120.0)
    assert yuan_words(3120.0) in text and ("3,900" in text or "3900" in text), text
