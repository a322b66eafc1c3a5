"""The page number at the foot of a scan, read again when the page reader passed it over
(ingest/margin.py), and the characters' own confidences from Tesseract's hOCR (ingest/engines/tesseract.py)."""
import numpy as np
import pytest
from PIL import Image, ImageDraw

from dossier_review.ingest import margin, page
from dossier_review.ingest.engines import tesseract
from dossier_review.ingest.ink import unread_marks
from dossier_review.ingest.synth import FONT_PATH, _font
from dossier_review.ingest.words import lines_from_rows

H, W = 3508, 2480
BODY = [{"text": "行政处罚决定书", "left": 300, "top": y, "width": 700, "height": 50, "conf": 0.95}
        for y in range(400, 2400, 100)]


def test_only_a_lone_number_sized_mark_at_the_foot_is_a_page_number():
    number = [2240, 3320, 33, 42]
    assert margin.foot_number_marks([number], BODY, (H, W)) == [number]
    # in the body of the page; beside a line that was read; as big as a seal
    assert margin.foot_number_marks([[2240, 1500, 33, 42]], BODY, (H, W)) == []
    beside = BODY + [{"text": "第", "left": 2100, "top": 3318, "width": 40, "height": 45, "conf": 0.9}]
    assert margin.foot_number_marks([number], beside, (H, W)) == []
    assert margin.foot_number_marks([[1800, 3100, 400, 400]], BODY, (H, W)) == []
    # several marks at the foot: the lowest line of them
    low = [2240, 3400, 33, 42]
    assert margin.foot_number_marks([number, low], BODY, (H, W)) == [low]


def _reader(*answers):
    calls = []

    def read(image, dpi):
        calls.append(image.shape)
        return answers[len(calls) - 1] if len(calls) <= len(answers) else []
    return read, calls


def test_a_number_is_kept_only_when_every_figure_is_read_surely():
    gray = np.full((H, W), 235, np.uint8)
    mark = [[2240, 3320, 33, 42]]
    sure = [{"text": "7", "conf": 0.95, "chars": [[0.99, 0, 0, 10, 10]]}]
    read, calls = _reader(sure)
    word = margin.read_foot_number(gray, mark, BODY, 300, read)
    assert word["text"] == "7" and (word["left"], word["top"]) == (2240, 3320) and word["chars"][0][0] == 0.99
    assert len(calls) == 1
    # unsure, then not a number: each view is tried, then nothing is claimed
    read, calls = _reader([{"text": "7", "conf": 0.5}], [{"text": "7a", "conf": 0.99}])
    assert margin.read_foot_number(gray, mark, BODY, 300, read) is None
    assert len(calls) == 2
    # the second view rescues a first reading that found nothing
    read, calls = _reader([], [{"text": "12", "conf": 0.9}])
    assert margin.read_foot_number(gray, mark, BODY, 300, read)["text"] == "12"
    # no mark at the foot: no Tesseract call at all
    read, calls = _reader(sure)
    assert margin.read_foot_number(gray, [[2240, 1500, 33, 42]], BODY, 300, read) is None and calls == []


def test_parse_hocr_gives_words_with_their_characters():
    hocr = """<div class='ocr_page' id='page_1'><div class='ocr_carea' id='block_1_1'>
    <p class='ocr_par' id='par_1_1'><span class='ocr_line' id='line_1_1' title="bbox 20 25 500 57">
    <span class='ocrx_word' id='word_1_1' title='bbox 389 25 434 54; x_wconf 82'>
      <span class='ocrx_cinfo' title='x_bboxes 389 27 401 54; x_conf 97.46'>&lt;</span>
      <span class='ocrx_cinfo' title='x_bboxes 404 25 434 54; x_conf 99.41'>上</span></span>
    </span></p></div>
    <div class='ocr_carea' id='block_1_2'><p class='ocr_par' id='par_1_2'>
    <span class='ocr_line' id='line_1_2' title="bbox 20 80 500 110">
    <span class='ocrx_word' id='word_1_2' title='bbox 20 80 60 110; x_wconf 91'>
      <span class='ocrx_cinfo' title='x_bboxes 20 80 60 110; x_conf 91.0'>网</span></span>
    </span></p></div></div>"""
    rows = tesseract.parse_hocr(hocr)
    assert [r["text"] for r in rows] == ["<上", "网"]
    assert (rows[0]["block_num"], rows[1]["block_num"]) == ("1", "2")
    assert rows[0]["conf"] == "82" and (rows[0]["left"], rows[0]["width"]) == ("389", "45")
    assert [c[0] for c in rows[0]["chars"]] == [0.9746, 0.9941]
    _, words, _ = lines_from_rows(rows)
    assert words[0]["chars"][1] == [0.9941, 404, 25, 434, 54]


@pytest.mark.ocr
def test_a_lone_figure_at_the_foot_is_read_as_the_page_number():
    img = Image.new("L", (W, H), 238)
    draw = ImageDraw.Draw(img)
    draw.text((2240, 3300), "7", fill=20, font=_font(42, FONT_PATH))
    gray = np.asarray(img).copy()
    marks = unread_marks(gray, [], 300)
    word = margin.read_foot_number(gray, marks, [], 300, page._read_digits)
    assert word is not None and word["text"] == "7" and word["conf"] >= margin.MIN_CONF
    assert word["chars"] and word["chars"][0][0] >= margin.MIN_CONF


@pytest.mark.ocr
def test_tesseract_gives_each_character_its_own_confidence():
    img = Image.new("L", (1200, 160), 255)
    ImageDraw.Draw(img).text((40, 40), "违反了《上网服务场所条例》", fill=0, font=_font(60, FONT_PATH))
    raw, words, _ = lines_from_rows(tesseract.rows(np.asarray(img).copy(), 300))
    assert "上网服务" in raw.replace(" ", "")
    with_chars = [w for w in words if w.get("chars")]
    assert with_chars and all(len(w["chars"]) == len(w["text"]) for w in with_chars)
    assert all(0.0 <= c[0] <= 1.0 and c[1] <= c[3] for w in with_chars for c in w["chars"])


def test_a_doubted_word_alone_at_the_foot_is_read_again_as_the_page_number():
    gray = np.full((H, W), 235, np.uint8)
    misread = {"text": "了", "left": 2213, "top": 3326, "width": 51, "height": 33, "conf": 0.25}
    words = BODY + [misread]
    read, calls = _reader([{"text": "11", "conf": 0.93}])
    old, number = margin.reread_foot_words(gray, words, 300, read)
    assert old == [misread] and number["text"] == "11" and (number["left"], number["top"]) == (2213, 3326)
    assert margin.replace_last_line("行政处罚决定书\n\n了", old, "11") == "行政处罚决定书\n\n11"
    # near misses: read surely the first time, or a line of text at the foot, or no sure figures
    sure = dict(misread, text="11", conf=0.91)
    assert margin.doubtful_foot_words(BODY + [sure], (H, W)) == []
    prose = [dict(misread, left=300 + i * 60, text="字") for i in range(20)]
    assert margin.doubtful_foot_words(BODY + prose, (H, W)) == []
    read, calls = _reader([{"text": "1", "conf": 0.6}], [])
    assert margin.reread_foot_words(gray, words, 300, read) is None
