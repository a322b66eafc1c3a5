"""Segmentation of real OCR output: rendered, slightly degraded pages read by Tesseract."""
from __future__ import annotations

import os
import shutil

import pytest

from dossier_review.segment import segment

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

PAGE_1 = [
    ("XX市应急管理局", 46, True),
    ("行 政 处 罚 事 先 告 知 书", 80, True),
    ("X应急罚告〔2024〕第12号", 44, True),
    ("某某化工有限公司：", 44, False),
    ("经查，你单位未按规定对从业人员进行安全生产教育和培训，", 44, False),
    ("违反了《中华人民共和国安全生产法》第二十八条第一款的规定。", 44, False),
    ("依据《中华人民共和国安全生产法》第九十七条第（三）项的规定，", 44, False),
    ("拟对你单位作出罚款叁万元的行政处罚。你单位有权进行陈述和申辩。", 44, False),
    ("XX市应急管理局", 44, False),
    ("2024年6月3日", 44, False),
    ("（以下空白）", 44, False),
    ("送达回证", 80, True),
    ("送达文书 行政处罚事先告知书", 44, False),
    ("受送达人 某某化工有限公司", 44, False),
    ("送达方式 直接送达", 44, False),
    ("受送达人签名：孙八  2024年6月4日", 44, False),
]
PAGE_2 = [
    ("询 问 笔 录", 80, True),
    ("询问时间：2024年5月20日9时10分至10时05分", 44, False),
    ("询问地点：XX市应急管理局执法室", 44, False),
    ("被询问人：孙八  职务：安全员", 44, False),
    ("问：我们是XX市应急管理局的执法人员，这是我们的执法证件。", 44, False),
    ("答：看清楚了。", 44, False),
    ("问：你公司对新员工进行安全培训了吗？", 44, False),
    ("答：今年新招的五名员工还没有培训。", 44, False),
]
PAGE_3 = [
    ("问：培训记录在哪里？", 44, False),
    ("答：没有记录。", 44, False),
    ("以上笔录我已看过，与我说的一致。", 44, False),
    ("被询问人签名：孙八    2024年5月20日", 44, False),
]


def _render(lines, path, rng):
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    y = 220
    for text, size, centred in lines:
        font = ImageFont.truetype(FONT, size)
        x = (2480 - draw.textlength(text, font=font)) / 2 if centred else 220
        draw.text((x, y), text, font=font, fill=0)
        y += int(size * 1.9)
    img = img.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, resample=Image.BICUBIC)
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    img.save(path)


@pytest.mark.ocr
def test_segment_scanned_pages(tmp_path, monkeypatch):
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed")
    ingest_mod = pytest.importorskip("dossier_review.ingest")
    import random

    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    rng = random.Random(5)
    folder = tmp_path / "scan"
    folder.mkdir()
    for i, lines in enumerate([PAGE_1, PAGE_2, PAGE_3], start=1):
        _render(lines, folder / f"page{i}.png", rng)
    dossier = ingest_mod.ingest(folder, cache_path=tmp_path / "ocr.sqlite", workers=min(2, os.cpu_count() or 1))
    assert all(p.source == "ocr" for p in dossier.pages)
    seg = segment(dossier)
    got = [(d.type, d.first_page, d.last_page) for d in seg.documents]
    assert got == [("prior_notice", 1, 1), ("service_receipt", 1, 1), ("inquiry", 2, 3)], \
        [(d.type, d.title, d.first_page, d.last_page) for d in seg.documents]
    notice, receipt = seg.documents[:2]
    assert receipt.spans[0].start > notice.spans[0].start
    assert "送达" in receipt.text and "送达回证" not in notice.text
