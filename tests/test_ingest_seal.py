"""Text under red seals: lifting the stamp ink, cleaning the rim debris, reading the 落款 again."""
import re

import cv2
import numpy as np
import pytest

from dossier_review.ingest import normalize, ocr, seal, sealread
from dossier_review.ingest.synth import degrade, draw_seal, render_page
from dossier_review.ingest.words import lines_from_rows


def _sealed_page(lines, seed=3, jpeg=55):
    page = render_page(lines, seal=True, font_pt=14)
    return np.asarray(degrade(page, seed=seed, skew=0.6, jpeg=jpeg))


NOTICE = ["某县交通运输局", "行政处罚事先告知书", "某交罚告〔2024〕57号",
          "某县顺达物流有限公司：", "你单位未按规定进行车辆年度审验一案，本局拟作出罚款人民币贰仟元整的行政处罚。",
          "你单位有权在收到本告知书之日起五日内进行陈述和申辩。",
          "某县交通运输局", "2024年11月5日"]


def test_whitening_lifts_ink_and_never_lightens_print():
    rgb = _sealed_page(NOTICE)
    boxes = seal.find_seals(rgb, 300)
    assert len(boxes) == 1
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    out = seal.whiten_seals(gray, rgb, boxes)
    paper = np.percentile(gray[::16, ::16], 90)
    x, y, w, h = boxes[0]
    g, o, sub = gray[y:y + h, x:x + w], out[y:y + h, x:x + w], rgb[y:y + h, x:x + w].astype(int)
    red = seal.red_mask(np.ascontiguousarray(rgb[y:y + h, x:x + w])) > 0
    # stamp ink on bare paper (bright in the red channel) ends up paper-white, or nearly
    ink_on_paper = red & (sub[..., 0] > 0.8 * paper)
    assert ink_on_paper.sum() > 500
    assert np.mean(o[ink_on_paper] >= paper - 1) > 0.85
    assert np.mean(o[ink_on_paper] >= 0.85 * paper) > 0.97
    # black print without a red cast is left exactly as it was, next to the stamp or under it
    neutral = (np.abs(sub[..., 0] - sub[..., 1]) < 12) & (g < 0.4 * paper)
    assert neutral.sum() > 200
    assert np.mean(o[neutral] <= g[neutral] + 1) > 0.97
    # outside the box nothing changes at all
    assert np.array_equal(np.delete(out, np.s_[y - h // 10:y + h + h // 10], axis=0),
                          np.delete(gray, np.s_[y - h // 10:y + h + h // 10], axis=0))


def test_rim_debris_dropped_and_garbage_line_inside_seal_removed():
    gray = np.full((400, 600), 230, np.uint8)
    rows = []

    def word(block, line, text, left, top, w, h, conf):
        rows.append({"level": "5", "block_num": str(block), "par_num": "1", "line_num": str(line), "left": str(left),
                     "top": str(top), "width": str(w), "height": str(h), "conf": str(conf), "text": text})

    for i, ch in enumerate("某县交通运输局"):  # a confident line crossing the seal
        word(1, 1, ch, 100 + 45 * i, 100, 40, 42, 95)
    word(1, 2, "是", 300, 170, 12, 10, 7)         # a speck of the rim, small and doubted
    for i, ch in enumerate("2024年11月5日"):
        word(1, 2, ch, 200 + 30 * i, 160, 28, 42, 93)
    word(2, 1, "和", 320, 260, 40, 40, 20)         # the seal's star read as text
    word(2, 1, "和", 365, 262, 40, 40, 31)
    word(3, 1, "备", 20, 350, 40, 40, 30)          # doubtful but outside the seal: kept
    out, reread = sealread.reread_under_seals(gray, 300, rows, [[250, 80, 220, 230]])
    raw, _, _ = lines_from_rows(out)
    assert reread == 0
    assert "是" not in raw and "和" not in raw
    assert "2024年11月5日" in raw.replace(" ", "") and "某县交通运输局" in raw.replace(" ", "") and "备" in raw


@pytest.mark.ocr
@pytest.mark.parametrize("lines, expect", [
    (NOTICE, ["某县交通运输局", "2024年11月5日"]),
    (NOTICE[:-2] + ["某市生态环境局", "二〇二三年十二月二十日"], ["某市生态环境局", "二〇二三年十二月二十日"]),
])
def test_date_and_authority_under_red_seal_are_read(lines, expect):
    rgb = _sealed_page(lines)
    res = ocr.process_image(rgb, 300)
    assert res["red_seal"] is True
    # the 落款 is the last lines of the page (the authority's name also heads it: not what is tested)
    closing = "".join(re.sub(r"\s", "", l) for l in normalize(res["raw_text"]).splitlines() if l.strip())
    closing = closing[-len("".join(expect)) - 12:]
    for e in expect:
        assert e in closing, (e, normalize(res["raw_text"])[-200:])


def test_second_seal_away_from_text_changes_nothing_else():
    page = render_page(NOTICE, seal=True, font_pt=14)
    draw_seal(page, (400, 3000), 300)  # a stamp on an empty part of the page
    rgb = np.asarray(degrade(page, seed=9, jpeg=60))
    boxes = seal.find_seals(rgb, 300)
    assert len(boxes) == 2
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    out = seal.whiten_seals(gray, rgb, boxes)
    x, y, w, h = min(boxes, key=lambda b: -b[1])  # the lower one: nothing printed under it
    paper = np.percentile(gray[::16, ::16], 90)
    # nothing dark is left where only the stamp was: no more than the scanner's dust on blank paper
    dust = (gray[y:y + h, x + 800:x + 800 + w] < 0.5 * paper).sum()
    assert (gray[y:y + h, x:x + w] < 0.5 * paper).sum() > 20 * dust  # the stamp itself was dark
    assert (out[y:y + h, x:x + w] < 0.5 * paper).sum() <= 1.3 * dust + 20
