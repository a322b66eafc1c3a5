"""Dense ruled tables decided from the image before OCR, and the small up/down strip.

The image tests need no Tesseract (fast); the last test reads one catalogue page (~3 s).
"""
import re

import cv2
import numpy as np
import pytest

from dossier_review.ingest import normalize, ocr, rules, straighten, updown
from dossier_review.ingest.engines import tesseract
from dossier_review.ingest.synth import (
    CATALOGUE_ROWS,
    DECISION_LINES,
    degrade,
    render_catalogue,
    render_page,
)

FORM = ["立案审批表", "案件名称：某公司销售过期食品案", "当事人：某市安康食品贸易有限公司", "案件来源：日常检查"]


def upright_gray(img, dpi):
    gray = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2GRAY)
    return straighten.apply(gray, straighten.detect(gray, dpi))


@pytest.mark.parametrize("dpi,skew,seed", [(300, 1.2, 3), (200, -1.8, 4), (300, 0.0, 5)])
def test_catalogue_is_a_dense_table(dpi, skew, seed):
    page = degrade(render_catalogue(dpi=dpi), seed=seed, skew=skew)
    grid = rules.find(upright_gray(page, dpi), dpi)
    assert grid.dense
    assert grid.walls == 8  # 7 columns
    assert grid.horizontal == len(CATALOGUE_ROWS) + 2  # header and every row closed


@pytest.mark.parametrize("make", [
    lambda: render_page(FORM, dpi=300, table=True),                 # a two-column form
    lambda: render_page(DECISION_LINES, dpi=300, table=True, seal=True),
    lambda: render_catalogue(CATALOGUE_ROWS[:4], dpi=300),          # 7 columns but only 5 rows: a short list
    lambda: render_page(FORM * 5, dpi=300),                         # no rules at all
])
def test_other_pages_are_not(make):
    grid = rules.find(upright_gray(degrade(make(), seed=1, skew=0.7), 300), 300)
    assert not grid.dense, grid


def test_plain_page_has_no_rules():
    grid = rules.find(upright_gray(render_page(DECISION_LINES, dpi=150), 150), 150)
    assert (grid.horizontal, grid.vertical, grid.walls) == (0, 0, 0)


def test_erasing_horizontal_rules_keeps_walls_and_text():
    dpi = 200
    img = cv2.cvtColor(np.asarray(render_catalogue(dpi=dpi)), cv2.COLOR_RGB2GRAY)
    grid = rules.find(img, dpi)
    out = rules.erase(img, grid, vertical=False)
    dark_rows = np.nonzero((img < 128).sum(axis=1) > img.shape[1] * 0.5)[0]   # the horizontal rules
    dark_cols = np.nonzero((img < 128).sum(axis=0) > img.shape[0] * 0.15)[0]  # the walls
    assert len(dark_rows) and len(dark_cols)
    assert ((out[dark_rows] < 128).sum(axis=1) < img.shape[1] * 0.1).all()    # rules gone
    assert ((out[:, dark_cols] < 128).sum(axis=0) > img.shape[0] * 0.15).all()  # walls kept
    # text between the rules is untouched: the title and a cell of row 1
    assert (out[: dark_rows.min() - 5] == img[: dark_rows.min() - 5]).all()
    both = rules.erase(img, grid)
    assert ((both[:, dark_cols] < 128).sum(axis=0) < img.shape[0] * 0.05).all()  # walls gone too
    assert (out < 128).sum() > (both < 128).sum()


def test_strip_is_a_small_window_on_the_text():
    dpi = 200
    lines = ["询问笔录"] + ["问：你公司销售的速冻水饺是从哪里进货的？进货数量是多少？"] * 6
    page = np.asarray(render_page(lines, dpi=dpi, font_pt=12).convert("L")).copy()
    h, w = page.shape
    page = np.vstack([np.full((h // 2, w), 255, np.uint8), page[: h - h // 2]])  # text in the lower half
    strip = updown.text_strip(page, dpi)
    assert strip.shape == (int(h * updown.CHECK_STRIP), int(w * updown.CHECK_WIDTH))
    assert (strip < 128).mean() > 0.02  # on text, not on the empty upper half or the margins


def test_two_way_check_reads_the_same_text_both_ways(monkeypatch):
    """The strip of the turned page is exactly the same stretch of text, turned: the window is
    chosen once (chosen on each page by itself, ties between equally dense windows may not be)."""
    dpi = 150
    para = ["问：你公司销售的速冻水饺是从哪里进货的？进货数量是多少？"] * 4
    a = np.asarray(render_page(["询问笔录"] + para + [""] * 6 + para, dpi=dpi, font_pt=12).convert("L")).copy()
    b = np.ascontiguousarray(np.rot90(a, 2))
    seen = []
    monkeypatch.setattr(tesseract, "rows", lambda img, d, p=ocr.PSM, **k: seen.append(img) or [])
    updown.two_way_confidence(a, b, dpi)
    sa = updown.text_strip(a, dpi)
    stacked = seen[0]
    top, bottom = stacked[:sa.shape[0]], stacked[-sa.shape[0]:]
    assert (top == sa).all() and (bottom == np.rot90(sa, 2)).all()


@pytest.mark.ocr
def test_catalogue_read_once_without_rules_row_by_row(monkeypatch):
    calls = []
    real = tesseract.rows
    monkeypatch.setattr(tesseract, "rows", lambda g, d, p=ocr.PSM, **k: calls.append(g.shape) or real(g, d, p, **k))
    page = np.asarray(degrade(render_catalogue(), seed=3, skew=1.2))
    res = ocr.process_image(page, 300)
    assert len(calls) == 1  # no second reading, no strip check
    assert res["rotation"] == 0 and res["confidence"] >= 0.7
    assert "table rules removed for OCR; lines rebuilt row by row" in res["warnings"]
    lines = [re.sub(r"\s", "", normalize(l)) for l in res["raw_text"].splitlines()]
    # rows, not columns: a document's title shares its line with its date (one OCR slip allowed)
    dated = [row for row in CATALOGUE_ROWS if row[4].isdigit()]
    found = [row for row in dated if any(row[3] in l and row[4] in l for l in lines)]
    assert len(found) >= len(dated) - 1, res["raw_text"]
