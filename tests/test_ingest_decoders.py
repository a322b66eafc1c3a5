"""Every input decoder behind one boundary: corrupt bytes give one Chinese line, never a traceback.

The damaged files are made here from a few lines (no committed binaries): a PDF, a PNG, a JPEG,
a TIFF whose second frame lost its dimensions, a 1×1 image, symlink loops.
"""
from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest
from PIL import Image

from dossier_review.errors import InputError
from dossier_review.ingest import sources
from dossier_review.ingest.sources import check_file, collect


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        collect(path)
    err = info.value
    assert "\n" not in err.one_line() and err.reason
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.reason), err.reason  # said in Chinese
    return err.reason


def _page(size=(600, 800)) -> Image.Image:
    return Image.new("L", size, 255)


def _tiff_without_dimensions_in_frame_2(path: Path) -> Path:
    buf = io.BytesIO()
    _page().save(buf, format="TIFF", save_all=True, append_images=[_page()])
    data = bytearray(buf.getvalue())
    assert data[:2] == b"II"
    ifd = struct.unpack_from("<I", data, 4)[0]
    n = struct.unpack_from("<H", data, ifd)[0]
    ifd2 = struct.unpack_from("<I", data, ifd + 2 + 12 * n)[0]
    n2 = struct.unpack_from("<H", data, ifd2)[0]
    for k in range(n2):
        at = ifd2 + 2 + 12 * k
        if struct.unpack_from("<H", data, at)[0] == 256:  # ImageWidth → a private tag
            struct.pack_into("<H", data, at, 65000)
    path.write_bytes(bytes(data))
    return path


def test_tiff_frame_without_dimensions(tmp_path):
    p = _tiff_without_dimensions_in_frame_2(tmp_path / "scan.tif")
    assert "无法解码" in _reason(p) or "已损坏" in _reason(p)


def test_tiff_with_both_frames_intact_passes(tmp_path):
    p = tmp_path / "scan.tif"
    _page().save(p, save_all=True, append_images=[_page()])
    assert check_file(p).pages == 2


def test_png_with_a_broken_chunk(tmp_path):
    buf = io.BytesIO()
    _page().save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    at = data.index(b"IDAT") + 8
    data[at:at + 4] = b"\xde\xad\xbe\xef"  # pixels no longer match their CRC
    p = tmp_path / "scan.png"
    p.write_bytes(bytes(data))
    assert "已损坏" in _reason(p)


def test_jpeg_cut_short(tmp_path):
    buf = io.BytesIO()
    _page().save(buf, format="JPEG")
    p = tmp_path / "scan.jpg"
    data = buf.getvalue()
    p.write_bytes(data[: len(data) // 2])  # no end-of-image marker
    assert "已损坏" in _reason(p)
    q = tmp_path / "noise.jpg"
    q.write_bytes(data[:300] + bytes(range(256)) * 2)  # a header, then no JPEG at all
    assert any(w in _reason(q) for w in ("已损坏", "无法解码", "不是可读取的图像"))


def test_pdf_of_noise(tmp_path):
    p = tmp_path / "case.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    assert "PDF" in _reason(p)


@pytest.mark.parametrize("which", ["pikepdf", "pdfium", "pillow"])
def test_any_exception_of_a_decoder_is_bad_input(tmp_path, monkeypatch, which):
    """A decoder failing in a way nobody foresaw (here: a TypeError) still ends in one line."""
    import pikepdf
    import pypdfium2

    def boom(*a, **k):
        raise TypeError("Missing dimensions")

    if which == "pillow":
        p = tmp_path / "scan.png"
        _page().save(p)
        monkeypatch.setattr(Image, "open", boom)
    else:
        p = tmp_path / "case.pdf"
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.save(p)
        monkeypatch.setattr(pikepdf, "open", boom) if which == "pikepdf" else \
            monkeypatch.setattr(pypdfium2, "PdfDocument", boom)
    reason = _reason(p)
    assert "无法解码" in reason and "TypeError" in reason


def test_a_1x1_image_is_not_a_dossier(tmp_path):
    p = tmp_path / "dot.png"
    Image.new("RGB", (1, 1), "white").save(p)
    assert "不是案卷页面" in _reason(p) and "1×1" in _reason(p)
    # near miss: a small but real page passes
    q = tmp_path / "slip.png"
    Image.new("L", (sources.MIN_PAGE_SIDE_PX, 300), 255).save(q)
    assert check_file(q).pages == 1


def test_symlink_loops_and_dangling_links_are_named(tmp_path):
    d = tmp_path / "case"
    d.mkdir()
    _page().save(d / "p1.png")
    loop = d / "p2.png"
    os.symlink(loop, loop)
    with pytest.raises(InputError) as info:
        collect(d)
    assert info.value.path == str(loop) and "符号链接循环" in info.value.reason
    loop.unlink()
    os.symlink(d / "gone.png", loop)
    assert "不存在" in _reason(d)
    # near miss: a link to a real page is a page
    loop.unlink()
    os.symlink(d / "p1.png", loop)
    assert len(collect(d)[1]) == 2
    # the loop given as the dossier itself
    os.symlink(tmp_path / "self.pdf", tmp_path / "self.pdf")
    assert "符号链接循环" in _reason(tmp_path / "self.pdf")


def test_review_goes_on_after_a_broken_tiff(tmp_path):
    from test_cli import digital_sample, run

    bad = _tiff_without_dimensions_in_frame_2(tmp_path / "坏扫描.tif")
    good = digital_sample()
    res = run("review", bad, good, "--out", tmp_path / "out", "--formats", "json", "-q")
    assert res.returncode == 3, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "坏扫描.tif" in lines[0] and "Traceback" not in res.stderr
    assert (tmp_path / "out" / f"{good.stem}.json").exists()


def test_batch_reason_is_the_decoders_not_an_internal_error(tmp_path):
    from dossier_review.batch import run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    _tiff_without_dimensions_in_frame_2(folder / "坏扫描.tif")
    Image.new("RGB", (1, 1)).save(folder / "dot.png")
    res = run_batch(folder, tmp_path / "out", workers=1, progress=False, summary=False)
    reasons = dict(res.failures)
    assert res.failed == 2 and not any("internal" in r for r in reasons.values()), reasons
    assert "不是案卷页面" in reasons[str(folder / "dot.png")]


def test_a_gbk_file_name_is_named_as_such(tmp_path):
    """A zip made on a Chinese Windows unpacks to names that are no UTF-8 (lone surrogates)."""
    raw = os.fsencode(tmp_path) + "/案卷.png".encode("gbk")
    _page().save(raw.decode("utf-8", "surrogateescape"), format="PNG")
    (path,) = [p for p in tmp_path.iterdir()]
    assert "UTF-8" in _reason(path) and "GBK" in _reason(path)
    # near miss: the same page under a UTF-8 name is a page
    _page().save(tmp_path / "案卷.png")
    assert check_file(tmp_path / "案卷.png").pages == 1
