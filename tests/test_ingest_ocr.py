"""Real Tesseract on rendered, degraded pages: accuracy, rotation, mixed input, cache (few pages: ~2-4 s each)."""
import re
from pathlib import Path

import pytest

from dossier_review.ingest import core, ingest, normalize, ocr
from dossier_review.ingest.engines import tesseract
from dossier_review.ingest.synth import (
    DECISION_LINES,
    TABLE_ROWS,
    degrade,
    render_page,
    write_image_pdf,
    write_text_pdf,
)

pytestmark = pytest.mark.ocr


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(got: str, ref: str) -> float:
    got, ref = re.sub(r"\s", "", normalize(got)), re.sub(r"\s", "", normalize(ref))
    return edit_distance(got, ref) / len(ref)


REFERENCE = "\n".join(DECISION_LINES + ["".join(r) for r in TABLE_ROWS])


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    d = tmp_path_factory.mktemp("scan")
    page = render_page(DECISION_LINES, table=True, seal=True)  # 300 dpi A4 决定书 with a 送达 table
    imgs = [degrade(page, seed=1, skew=1.2), degrade(page, seed=2, rotate=180, skew=-0.7)]
    return write_image_pdf(imgs, d / "scan.pdf")


def test_scanned_pdf_ocr_accuracy_rotation_and_cache(scanned, tmp_path, monkeypatch):
    db = tmp_path / "ocr.sqlite"
    d = ingest(scanned, cache_path=db, workers=2)
    assert core.last_stats.ocr_pages == 2 and core.last_stats.cache_hits == 0
    assert [p.source for p in d.pages] == ["ocr", "ocr"]
    p1, p2 = d.pages
    assert p1.rotation == 0 and abs(p1.skew + 1.2) <= 0.35
    assert p2.rotation == 180 and abs(p2.skew - 0.7) <= 0.35
    for p in d.pages:
        assert cer(p.text, REFERENCE) <= 0.10, (p.number, cer(p.text, REFERENCE), p.text)
        assert 0.6 <= p.confidence <= 1.0 and not p.warnings
        assert p.red_seal is True and p.red_seal_box
        assert p.words and p.width > p.height * 0.6
        assert "行政处罚决定书" in p.text
    # rerun: served from the cache, Tesseract never runs
    monkeypatch.setattr(tesseract, "rows", lambda *a, **k: pytest.fail("tesseract called on a cached page"))
    monkeypatch.setattr(core, "_run_task", lambda *a, **k: pytest.fail("page rendered on a cached run"))
    again = ingest(scanned, cache_path=db)
    assert core.last_stats.cache_hits == 2 and core.last_stats.ocr_pages == 0
    assert [p.to_dict() for p in again.pages] == [p.to_dict() for p in d.pages]


def test_mixed_folder_pdf_text_and_tiff_frames(tmp_path):
    """A folder mixing a digital PDF and a two-frame TIFF scan: text layer where usable, OCR elsewhere."""
    folder = tmp_path / "case"
    folder.mkdir()
    write_text_pdf([["立案审批表", "案件名称：某公司销售过期食品案", "当事人：某市安康食品贸易有限公司"]], folder / "p1.pdf")
    lines_a = ["送达回证", "受送达人：某市安康食品贸易有限公司", "送达方式：直接送达"]
    lines_b = ["结案审批表", "执行情况：罚款已于2024年4月25日缴清", "承办人意见：建议结案"]
    frames = [degrade(render_page(l, dpi=200).crop((0, 0, 1654, 900)), seed=5, skew=0.6) for l in (lines_a, lines_b)]
    frames[0].save(folder / "p2.tif", save_all=True, append_images=frames[1:], dpi=(200, 200))
    d = ingest(folder, use_cache=False, workers=1)
    assert [Path(s).name for s in d.sources] == ["p1.pdf", "p2.tif"]
    assert [(p.source, p.source_index) for p in d.pages] == [("text", 0), ("ocr", 0), ("ocr", 1)]
    assert "受送达人：某市安康食品贸易有限公司" in d.pages[1].text
    assert "结案审批表" in d.pages[2].text


def test_unsure_orientation_is_settled_by_reading_both_ways(monkeypatch):
    """When the cheap cues cannot tell up from down, a strip is read both ways and the better one wins."""
    import numpy as np

    from dossier_review.ingest import straighten

    lines = ["询问笔录", "询问时间：2024年3月14日9时30分至10时45分", "询问地点：某市市场监督管理局三楼询问室",
             "问：你公司销售的速冻水饺是从哪里进货的？", "答：从某某食品厂进的货，共进了五十袋。"] * 3
    page = degrade(render_page(lines, dpi=200), seed=9, rotate=180)
    real = straighten.detect

    def unsure_and_wrong(gray, dpi):
        o = real(gray, dpi)
        return straighten.Orientation((o.rotation + 180) % 360, o.skew, False, 0.0)

    monkeypatch.setattr(straighten, "detect", unsure_and_wrong)
    res = ocr.process_image(np.asarray(page), 200)
    assert res["rotation"] == 180
    assert "询问时间" in normalize(res["raw_text"]) and res["confidence"] > 0.7
