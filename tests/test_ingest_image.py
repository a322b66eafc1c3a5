"""Straightening and seal detection on rendered pages (no Tesseract: fast)."""
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from dossier_review.ingest import seal, straighten
from dossier_review.ingest.synth import DECISION_LINES, FONT_PATH, degrade, render_page

INQUIRY = ["询问笔录", "询问时间：2024年3月14日9时30分至10时45分", "询问地点：某市市场监督管理局三楼询问室",
           "问：我们是某市市场监督管理局的执法人员，这是我们的执法证件，请你过目。你是否看清楚了？",
           "答：看清楚了。", "问：你公司销售的速冻水饺是从哪里进货的？进货数量是多少？",
           "答：从某某食品厂进的货，共进了五十袋，已经卖出七袋。", "问：你是否知道这些水饺已经超过保质期？",
           "答：不知道，是店员没有及时检查。", "以上笔录我已看过，与我所说的一致。"] * 2


@pytest.fixture(scope="module")
def pages():
    # 150 dpi keeps the test fast; detection works on a 100 dpi copy anyway
    return {"decision": render_page(DECISION_LINES, dpi=150, table=True, seal=True),
            "inquiry": render_page(INQUIRY, dpi=150, font_pt=11)}


@pytest.mark.parametrize("kind", ["decision", "inquiry"])
@pytest.mark.parametrize("rotate,skew", [(0, 0.0), (90, 1.5), (180, -2.0), (270, 0.0), (0, 3.5)])
def test_page_is_straightened(pages, kind, rotate, skew):
    img = degrade(pages[kind], seed=rotate + int(skew * 10), rotate=rotate, skew=skew)
    gray = np.asarray(img)[..., 0]  # red channel: the seal vanishes, as after whitening
    o = straighten.detect(gray, 150)
    assert (o.rotation + rotate) % 360 == 0, o
    assert abs(o.skew + skew) <= 0.35, o


def test_blank_page_is_left_alone():
    o = straighten.detect(np.full((1754, 1240), 235, np.uint8), 150)
    assert (o.rotation, o.skew) == (0, 0.0)


def test_round_seal_found_and_whitened(pages):
    img = np.asarray(degrade(pages["decision"], seed=3))
    boxes = seal.find_seals(img, 150)
    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    mm = 150 / 25.4
    assert 38 <= w / mm <= 48 and 38 <= h / mm <= 48
    gray = img.mean(axis=2).astype(np.uint8)
    clean = seal.whiten_seals(gray, img, boxes)
    assert seal.red_mask(img)[y:y + h, x:x + w].sum() > 0
    # black text under the stamp survives, red ink is gone
    assert (clean[y:y + h, x:x + w] < 100).sum() > 0
    assert (clean[y:y + h, x:x + w] < 100).sum() < (gray[y:y + h, x:x + w] < 160).sum()


def test_no_seal_on_plain_page(pages):
    assert seal.find_seals(np.asarray(degrade(pages["inquiry"], seed=1)), 150) == []


def test_red_heading_is_not_a_seal():
    img = Image.new("RGB", (1240, 1754), "white")
    d = ImageDraw.Draw(img)
    d.text((150, 100), "某市市场监督管理局文件", font=ImageFont.truetype(FONT_PATH, 90), fill=(210, 20, 25))
    d.line([(100, 260), (1140, 260)], fill=(210, 20, 25), width=6)
    assert seal.find_seals(np.asarray(img), 150) == []


def test_square_chop_found():
    img = Image.new("RGB", (1240, 1754), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([600, 900, 720, 1020], outline=(200, 30, 40), width=8)
    d.text((620, 920), "王印", font=ImageFont.truetype(FONT_PATH, 40), fill=(200, 30, 40))
    assert len(seal.find_seals(np.asarray(img), 150)) == 1


def test_rows_rebuilt_from_word_boxes():
    from dossier_review.ingest.words import rows_from_words as _rows_from_words

    def w(text, left, top):
        return {"text": text, "left": left, "top": top, "width": 40 * len(text), "height": 40, "conf": 0.9}

    # Tesseract's column-by-column order of a two-column table, with a slightly uneven baseline
    words = [w("序号", 100, 100), w("1", 100, 200), w("2", 100, 300),
             w("题名", 600, 102), w("立案审批表", 600, 198), w("询问笔录", 600, 305)]
    assert _rows_from_words(words).splitlines() == ["序号  题名", "1  立案审批表", "2  询问笔录"]


def test_rules_removed_text_kept():
    from dossier_review.ingest.rules import remove_all as _remove_rules

    img = np.asarray(render_page(["立案审批表", "案件名称：某公司销售过期食品案"], dpi=150, table=True).convert("L"))
    out = _remove_rules(img, 150)
    assert out is not None
    assert (out < 128).sum() < (img < 128).sum() * 0.8          # the rules are gone
    assert (out[:260] < 128).sum() == (img[:260] < 128).sum() > 0  # the lines above the table are untouched
    plain = np.asarray(render_page(["询问笔录", "问：你好"], dpi=150).convert("L"))
    assert _remove_rules(plain, 150) is None
