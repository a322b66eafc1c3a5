"""Bad input gives one clear InputError naming the file; folders read in natural order; text layers used."""
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from dossier_review.errors import InputError, MissingDependencyError
from dossier_review.ingest import core, ingest, ocr, text_layer_usable
from dossier_review.ingest.engines import tesseract
from dossier_review.ingest.synth import DECISION_LINES, write_text_pdf


@pytest.fixture(scope="module")
def digital_pdf(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("digital")
    return write_text_pdf([DECISION_LINES, ["询问笔录", "问：你是否清楚？", "答：清楚。"]], d / "case.pdf", seal_on=(0,))


def _err(path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        ingest(path, use_cache=False, **kw)
    err = info.value
    assert str(path) in str(err), "the message names the file"
    assert err.reason and "\n" not in err.one_line()
    return err


def test_missing_path(tmp_path):
    assert "找不到" in _err(tmp_path / "nope.pdf").reason


@pytest.mark.parametrize("name, content, expected", [
    pytest.param("empty.pdf", b"", "文件为空", id="empty_file"),
    pytest.param("letter.pdf", "这不是PDF文件，只是文本。".encode("utf-8"), "不是 PDF", id="non_pdf_named_pdf"),
    pytest.param("case.docx", b"PK\x03\x04 not really a docx", "不支持的文件类型 .docx", id="unsupported_type"),
])
def test_file_content_not_a_dossier(tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    assert expected in _err(p).reason


def test_truncated_pdf(tmp_path, digital_pdf):
    data = digital_pdf.read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 2])
    assert "不完整" in _err(p).reason


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    reason = _err(p).reason
    assert "已损坏" in reason or "没有页面" in reason


def test_encrypted_pdf(tmp_path, digital_pdf):
    p = tmp_path / "locked.pdf"
    with pikepdf.open(digital_pdf) as pdf:
        pdf.save(p, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    assert "密码" in _err(p).reason


def test_zero_pages(tmp_path):
    p = tmp_path / "nopages.pdf"
    pikepdf.new().save(p)
    assert "没有页面" in _err(p).reason


@pytest.mark.parametrize("limit", [6000, 1000])  # PIL warns above the limit, fails above twice it
def test_decompression_bomb(tmp_path, monkeypatch, limit):
    p = tmp_path / "huge.png"
    Image.new("L", (100, 100), 255).save(p)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    assert "过大" in _err(p).reason


def test_corrupt_image(tmp_path):
    p = tmp_path / "scan.png"
    Image.new("RGB", (400, 400), "white").save(p)
    p.write_bytes(p.read_bytes()[:200])
    assert "已损坏" in _err(p).reason or "不是可读取的图像" in _err(p).reason


def test_empty_folder(tmp_path):
    d = tmp_path / "case"
    d.mkdir()
    (d / "notes.txt").write_text("no pages here")
    assert "没有 PDF 或图像" in _err(d).reason


def test_unreadable_folder(tmp_path, monkeypatch):
    d = tmp_path / "locked"
    d.mkdir()

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", deny)
    assert "无法读取" in _err(d).reason


def test_bad_file_inside_folder_is_named(tmp_path, digital_pdf):
    d = tmp_path / "case"
    d.mkdir()
    (d / "page1.pdf").write_bytes(digital_pdf.read_bytes())
    bad = d / "page2.pdf"
    bad.write_bytes(b"")
    with pytest.raises(InputError) as info:
        ingest(d, use_cache=False)
    assert info.value.path == str(bad)


def _tesseract_error(monkeypatch, cmd) -> str:
    """The MissingDependencyError message when TESSERACT_CMD is ``cmd`` (the cached probe reset around it)."""
    monkeypatch.setenv("TESSERACT_CMD", str(cmd))
    ocr.tesseract_info.cache_clear()
    try:
        with pytest.raises(MissingDependencyError) as info:
            ocr.tesseract_info()
        return str(info.value)
    finally:
        monkeypatch.delenv("TESSERACT_CMD")
        ocr.tesseract_info.cache_clear()


def test_missing_tesseract(monkeypatch, tmp_path):
    assert "tesseract" in _tesseract_error(monkeypatch, tmp_path / "no-tesseract")


def test_missing_chi_sim(monkeypatch, tmp_path):
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo 'List of available languages (1):'; echo eng;"
                    " else echo 'tesseract 5.3.0'; fi\n")
    fake.chmod(0o755)
    assert "chi_sim" in _tesseract_error(monkeypatch, fake)


def test_digital_pdf_uses_text_layer(digital_pdf, monkeypatch):
    # a digital page must never reach Tesseract
    monkeypatch.setattr(tesseract, "rows", lambda *a, **k: pytest.fail("OCR called on a text page"))
    d = ingest(digital_pdf, use_cache=False)
    assert d.name == "case" and d.sources == [str(digital_pdf)]
    assert [p.source for p in d.pages] == ["text", "text"]
    assert all(p.confidence == 1.0 for p in d.pages)
    assert "行政处罚决定书" in d.pages[0].text and "当事人：某市安康食品贸易有限公司" in d.pages[0].text
    assert d.pages[1].text.splitlines()[1] == "问：你是否清楚？"
    assert d.pages[0].red_seal is True and d.pages[0].red_seal_box
    assert d.pages[1].red_seal is False


def test_folder_natural_order(tmp_path):
    d = tmp_path / "卷宗A"
    d.mkdir()
    for n in (10, 2, 1):
        write_text_pdf([[f"第{n}份文书", "行政处罚决定书正文内容" * 2]], d / f"page{n}.pdf")
    (d / "readme.txt").write_text("not a page")
    dossier = ingest(d, use_cache=False)
    assert dossier.name == "卷宗A"
    assert [Path(s).name for s in dossier.sources] == ["page1.pdf", "page2.pdf", "page10.pdf"]
    assert [p.text.splitlines()[0] for p in dossier.pages] == ["第1份文书", "第2份文书", "第10份文书"]
    assert [p.number for p in dossier.pages] == [1, 2, 3]


@pytest.mark.parametrize("text,cover,usable", [
    ("行政处罚决定书\n当事人：某市安康食品贸易有限公司", 0.0, True),
    ("(cid:12)(cid:48)(cid:77)(cid:3)(cid:90)(cid:14)" * 5, 0.0, False),  # no character map
    ("第3页", 0.95, False),                                                # stray characters over a scan
    ("当事人" * 30, 0.95, True),                                           # an OCR'd "sandwich" PDF
    ("", 0.0, False),
    ("\ue012\ue013\ue014\ue015" * 10, 0.0, False),
])
def test_text_layer_decision(text, cover, usable):
    assert text_layer_usable(text, cover)[0] is usable


def test_scanned_page_is_not_read_from_text_layer(tmp_path, monkeypatch):
    # image-only PDF: every page must be queued for OCR (the OCR itself is faked here; see test_ingest_ocr)
    from dossier_review.ingest.synth import write_image_pdf

    img = Image.new("RGB", (850, 1100), "white")
    p = write_image_pdf([img, img], tmp_path / "scan.pdf", dpi=100)
    seen = []

    def fake(task):
        seen.append(task["index"])
        return {"raw_text": "假", "words": [], "confidence": 0.9, "width": 1, "height": 1, "rotation": 0,
                "skew": 0.0, "red_seal": False, "red_seal_box": None, "warnings": []}

    monkeypatch.setattr(core, "_run_task", fake)
    d = ingest(p, use_cache=False, workers=1)
    assert seen == [0, 1] and [pg.source for pg in d.pages] == ["ocr", "ocr"]


def test_text_layer_lines_and_gaps(tmp_path):
    from dossier_review.ingest import normalize

    pdf = write_text_pdf([["当 事 人：张三", "当事人：某市安康食品贸易有限公司 统一社会信用代码：91310115MA1H7KQX3B",
                           "决定日期：2024年1月 25日", "Invoice No. 12"]], tmp_path / "t.pdf")
    lines = ingest(pdf, use_cache=False).pages[0].text.splitlines()
    assert lines[0] == "当事人：张三"                                  # letter-spacing dropped
    assert lines[1] == "当事人：某市安康食品贸易有限公司  统一社会信用代码：91310115MA1H7KQX3B"  # fields kept apart
    assert lines[2] == "决定日期：2024年1月25日"
    assert lines[3] == "Invoice No. 12"
    assert normalize("\n".join(lines)) == "\n".join(lines)


def test_pdfplumber_fallback_when_pdfium_cannot_read_a_page(digital_pdf, monkeypatch):
    from dossier_review.ingest import pdftext

    def broken(page):
        raise RuntimeError("unreadable text page")

    monkeypatch.setattr(pdftext, "page_text", broken)
    d = ingest(digital_pdf, use_cache=False, workers=1)
    assert d.pages[0].source == "text" and "当事人：某市安康食品贸易有限公司" in d.pages[0].text


def test_mixed_pdf_is_decided_per_page(tmp_path, digital_pdf, monkeypatch):
    """Page 1 digital, page 2 a scan, page 3 a scan with a stray digital page stamp: text, OCR, OCR."""
    from dossier_review.ingest.synth import render_page, write_image_pdf

    scan = write_image_pdf([render_page(["行政处罚决定书", "当事人：某公司"], dpi=100)] * 2, tmp_path / "scan.pdf", dpi=100)
    stamp = write_text_pdf([["第3页"]], tmp_path / "stamp.pdf")
    mixed = tmp_path / "mixed.pdf"
    with pikepdf.open(digital_pdf) as a, pikepdf.open(scan) as b, pikepdf.open(stamp) as c:
        out = pikepdf.new()
        out.pages.append(a.pages[0])
        out.pages.append(b.pages[0])
        out.pages.append(b.pages[1])
        out.pages[2].add_overlay(c.pages[0])  # a few digital characters over the scan
        out.save(mixed)
    ocr_calls = []

    def fake(task):
        ocr_calls.append(task["index"])
        return {"raw_text": "行 政 处 罚", "words": [], "confidence": 0.5, "width": 1, "height": 1, "rotation": 0,
                "skew": 0.0, "red_seal": False, "red_seal_box": None, "warnings": ["low OCR confidence 0.50"]}

    monkeypatch.setattr(core, "_run_task", fake)
    d = ingest(mixed, use_cache=False, workers=1)
    assert [p.source for p in d.pages] == ["text", "ocr", "ocr"] and ocr_calls == [1, 2]
    assert d.pages[1].text == "行政处罚" and d.pages[1].raw_text == "行 政 处 罚"  # raw kept for quotes
    assert d.pages[1].warnings == ["low OCR confidence 0.50"]


def test_owner_password_only_pdf_is_read(tmp_path, digital_pdf):
    # permissions-only encryption (no user password) opens without a password, as in any viewer
    p = tmp_path / "restricted.pdf"
    with pikepdf.open(digital_pdf) as pdf:
        pdf.save(p, encryption=pikepdf.Encryption(user="", owner="owner-secret"))
    d = ingest(p, use_cache=False)
    assert d.pages[0].source == "text" and "行政处罚决定书" in d.pages[0].text
