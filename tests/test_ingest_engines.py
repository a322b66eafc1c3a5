"""OCR engines behind one interface (``ingest.engines``), RapidOCR offline with its wheel's models,
and the second opinion: chosen lines of a scanned page read again by RapidOCR's recogniser."""
import site
from pathlib import Path

import numpy as np
import pytest

from dossier_review.ingest import engines, ingest, second_opinion
from dossier_review.ingest.engines import rapidocr as rapid
from dossier_review.ingest.engines import tesseract
from dossier_review.ingest.synth import (
    DECISION_LINES,
    FONT_PATH,
    _font,
    degrade,
    render_page,
    write_image_pdf,
)
from dossier_review.ingest.words import lines_from_rows
from dossier_review.model import LineReading

ROW_KEYS = {"level", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text", "chars"}


def _line_image(text: str, pt: float = 14.0) -> np.ndarray:
    from PIL import Image, ImageDraw

    font = _font(int(pt / 72 * 300), FONT_PATH)
    img = Image.new("L", (2000, 160), 255)
    ImageDraw.Draw(img).text((60, 30), text, font=font, fill=0)
    return np.asarray(img).copy()


def test_every_engine_meets_the_interface():
    for name in ("tesseract", "rapidocr"):
        eng = engines.get(name)
        assert isinstance(eng, engines.Engine) and eng.name == name
        assert eng.available() is True
        assert eng.version()
    assert engines.page_reader("both") == "tesseract" and engines.page_reader("rapidocr") == "rapidocr"
    with pytest.raises(ValueError):
        engines.get("abbyy")
    with pytest.raises(ValueError):
        engines.page_reader("all")


def test_rapidocr_models_come_from_the_installed_wheel_not_a_download():
    """The offline check: every model path is set and names a file inside site-packages, and
    the font given is a local one, so RapidOCR never reaches for its download code."""
    paths = rapid.model_paths()
    roots = [Path(p).resolve() for p in site.getsitepackages()]
    for p in paths.values():
        assert p.is_file() and any(root in p.resolve().parents for root in roots), p
    params = rapid._params()
    assert params["Det.model_path"] == str(paths["det"]) and params["Rec.model_path"] == str(paths["rec"])
    assert Path(params["Global.font_path"]).is_file()
    assert params["EngineConfig.onnxruntime.intra_op_num_threads"] == 1


def test_rapidocr_unavailable_without_its_models(monkeypatch, tmp_path):
    """Near miss of the offline check: a package without its model files is "not available",
    never "download them"."""
    monkeypatch.setattr(rapid, "package_dir", lambda: tmp_path)
    assert rapid.ENGINE.available() is False


@pytest.mark.ocr
def test_both_engines_read_a_rendered_line_into_word_rows():
    line = "统一社会信用代码：91310115MA1H7KQX3B"
    gray = _line_image(line)
    for name in ("tesseract", "rapidocr"):
        rows = engines.get(name).read_page(gray, 300)
        assert rows and all(ROW_KEYS <= set(r) for r in rows)
        raw, words, conf = lines_from_rows(rows)
        assert "信用代码" in raw.replace(" ", "") and "91310115" in raw, (name, raw)
        assert 0.5 < conf <= 1.0
        # each character with its own confidence and box, as Tesseract's hOCR gives them
        assert all(len(c) == 5 for w in words for c in (w.get("chars") or []))
        text, lconf = engines.get(name).read_lines(gray, [[40, 10, 1960, 150]])[0]
        assert "91310115" in text and lconf > 0.5, (name, text)
    # the recogniser alone, on the line's crop: every character of the code (Tesseract reads
    # "1H" as "1LH" on this very line: the kind of slip the second opinion is for)
    text, _ = rapid.ENGINE.read_lines(gray, [[40, 10, 1960, 150]])[0]
    assert "91310115MA1H7KQX3B" in text
    # a page read after a line read is read whole again (the switches do not stick)
    assert lines_from_rows(rapid.ENGINE.read_page(gray, 300))[0]


@pytest.mark.ocr
def test_second_opinion_reads_the_requested_lines_of_a_turned_scan(tmp_path):
    page = render_page(DECISION_LINES[:14], seal=True)
    pdf = write_image_pdf([degrade(page, seed=4, rotate=180, skew=0.8)], tmp_path / "scan.pdf")
    dossier = ingest(pdf, use_cache=False, workers=1)
    p = dossier.pages[0]
    assert p.source == "ocr" and p.rotation == 180

    def box_of(fragment: str) -> list[float]:
        ws = [w for w in p.words if fragment in w.text]
        assert ws, fragment
        w = ws[0]
        return [w.left / p.width, w.top / p.height, (w.left + w.width) / p.width, (w.top + w.height) / p.height]

    code = box_of("91310115")
    money = box_of("8600")
    # only the middle of the code's line, and its characters' cores: the crop grows to the line
    x0, y0, x1, y1 = code
    part = [x0, y0 + 0.3 * (y1 - y0), x1, y1 - 0.3 * (y1 - y0)]
    got = second_opinion(dossier, [(1, code), (1, money), (1, part)])
    assert [type(r) for r in got] == [LineReading] * 3
    assert all(r.engine == "rapidocr" and r.page == 1 and 0 < r.conf <= 1 for r in got)
    assert got[0].box == [round(v, 4) for v in code]
    assert "91310115MA1H7KQX3B" in got[0].text and "91310115MA1H7KQX3B" in got[2].text
    assert "8600.00" in got[1].text
    # normalised like Page.text: full-width brackets and ¥ as the rest of the pipeline sees them
    assert "（¥8600.00）" in got[1].text or "¥8600.00" in got[1].text


def test_tesseract_engine_reads_through_the_module_rows(monkeypatch):
    """The engine class holds no logic of its own: the page logic and the class both go through
    ``tesseract.rows`` (what a test watching Tesseract calls patches)."""
    seen = []
    monkeypatch.setattr(tesseract, "rows", lambda g, d, p=tesseract.PSM, **k: seen.append((g.shape, d, p)) or [])
    assert engines.get("tesseract").read_page(np.zeros((10, 10), np.uint8), 300) == []
    assert seen == [((10, 10), 300, tesseract.PSM)]


@pytest.mark.parametrize("rotation,skew", [(0, 0.0), (90, 1.2), (180, -0.7), (270, 0.4)])
def test_second_opinion_cuts_the_same_pixels_the_page_reader_saw(tmp_path, rotation, skew):
    """Only the line is rendered and turned, yet it is the region of the upright page that
    ingest read: the page's turn and skew undone for the line alone."""
    from PIL import Image

    from dossier_review.ingest import second, straighten
    from dossier_review.model import Page

    sheet = np.asarray(render_page(DECISION_LINES[:8], dpi=150).convert("L")).copy()
    sheet = np.ascontiguousarray(np.rot90(sheet, -rotation // 90))   # as scanned, turned
    path = tmp_path / "sheet.png"
    Image.fromarray(sheet).save(path)
    upright = straighten.apply(sheet, straighten.Orientation(rotation, skew, True, 0.0))
    page = Page(number=1, source="ocr", confidence=0.9, raw_text="", text="", source_file=str(path),
                width=upright.shape[1], height=upright.shape[0], rotation=rotation, skew=skew)
    src = second._Source(page)
    assert (src.width, src.height) == (page.width, page.height)
    h, w = upright.shape
    for x0, y0, x1, y1 in ([w // 8, h // 5, w // 2, h // 5 + 40], [w // 3, h // 3, w - 20, h // 3 + 30]):
        got = src.upright(x0, y0, x1, y1).astype(int)
        want = upright[y0:y1, x0:x1].astype(int)
        assert got.shape == want.shape
        assert np.abs(got - want).mean() < 6, (rotation, skew, np.abs(got - want).mean())


@pytest.mark.ocr
def test_rapidocr_reads_with_no_network_at_all():
    """The offline check run for real: a process in a network namespace of its own (no
    interface but loopback) loads RapidOCR and reads a page and a line."""
    import shutil
    import subprocess
    import sys

    if not shutil.which("unshare"):
        pytest.skip("unshare is not installed")
    code = ("import numpy as np\n"
            "from dossier_review.ingest.engines import rapidocr as r\n"
            "from dossier_review.ingest.synth import render_page\n"
            "g = np.asarray(render_page(['行政处罚决定书'], dpi=200).convert('L'))\n"
            "rows = r.ENGINE.read_page(g, 200)\n"
            "print(''.join(x['text'] for x in rows))\n")
    done = subprocess.run(["unshare", "-n", sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "unshare" in done.stderr and "Traceback" not in done.stderr:
        pytest.skip(f"no network namespace here: {done.stderr.strip()[:100]}")
    assert done.returncode == 0, done.stderr[-800:]
    assert "行政处罚决定书" in done.stdout


def test_ocr_engine_option_reaches_ingest():
    from dossier_review.cli import _ingest_options, build_parser

    for command in (["review", "a.pdf", "--out", "o"], ["batch", "dir", "--out", "o"]):
        args = build_parser().parse_args(command)
        assert args.ocr_engine == "tesseract"
        args = build_parser().parse_args(command + ["--ocr-engine", "both"])
        assert args.ocr_engine == "both"
    assert _ingest_options(args)["ocr_engine"] == "both"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["review", "a.pdf", "--out", "o", "--ocr-engine", "abbyy"])


@pytest.mark.ocr
def test_rapidocr_as_page_reader_has_its_own_cache_entries(tmp_path):
    from dossier_review.ingest import core

    pdf = write_image_pdf([degrade(render_page(DECISION_LINES[:10]), seed=6, skew=0.5)], tmp_path / "scan.pdf")
    db = tmp_path / "ocr.sqlite"
    d = ingest(pdf, cache_path=db, workers=1)
    assert d.ocr_engine == "tesseract" and core.last_stats.ocr_pages == 1
    d = ingest(pdf, cache_path=db, workers=1, ocr_engine="rapidocr")
    assert core.last_stats.ocr_pages == 1 and core.last_stats.cache_hits == 0  # not Tesseract's page
    assert d.ocr_engine == "rapidocr" and "行政处罚决定书" in d.pages[0].text
    assert "91310115MA1H7KQX3B" in d.pages[0].text
    d = ingest(pdf, cache_path=db, workers=1, ocr_engine="both")     # Tesseract's page, from the cache
    assert core.last_stats.cache_hits == 1 and d.ocr_engine == "both"
    with pytest.raises(ValueError):
        ingest(pdf, cache_path=db, workers=1, ocr_engine="abbyy")
