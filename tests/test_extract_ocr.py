"""Extraction on real Tesseract output of a rendered decision page (not canned text)."""
import datetime as dt
import os
import shutil
import textwrap

import pytest
from test_extract_util import make_doc

from dossier_review.extract import extract_document

DECISION = """杭州市西湖区市场监督管理局
行政处罚决定书
杭西市监罚〔2024〕12号
当事人：杭州鲜味食品有限公司
统一社会信用代码：91330106MA2B3C4D5E
住所：杭州市西湖区文三路100号
法定代表人：王建国
    当事人于2024年1月至3月期间销售超过保质期的食品。以上事实有现场检查笔录、询问笔录、营业执照复印件、照片等证据证实。
    当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（四）项的规定，本局决定对当事人作出如下行政处罚：罚款人民币伍万元（50000元）。
    当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行账户。逾期不缴纳罚款的，每日按罚款数额的3%加处罚款。
    如不服本处罚决定，可以在收到本决定书之日起六十日内向杭州市西湖区人民政府申请行政复议，也可以在六个月内依法向杭州市西湖区人民法院提起行政诉讼。
杭州市西湖区市场监督管理局
二〇二四年四月十八日"""


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_decision_facts_survive_ocr():
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from dossier_review.ingest import normalize

    os.environ["OMP_THREAD_LIMIT"] = "1"
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 40)
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    y = 220
    for para in DECISION.split("\n"):
        for line in textwrap.wrap(para, 48) or [""]:
            draw.text((200, y), line, font=font, fill=0)
            y += 66
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    raw = pytesseract.image_to_string(img, lang="chi_sim", config="--psm 6")
    doc, pages = make_doc(normalize(raw), "decision", "行政处罚决定书", source="ocr")
    pages[1].raw_text = raw
    f = extract_document(doc, 0, pages)
    assert f.date == dt.date(2024, 4, 18)
    assert any(a.role == "fine" and a.yuan == 50000 for a in f.amounts)
    assert {(c.article, c.role) for c in f.citations} >= {(34, "violated"), (124, "penalty_basis")}
    assert f.remedy.review_days == 60 and f.remedy.litigation_months == 6
    assert f.payment_terms == {"within_15_days": True, "channel": True, "late_fee": True}
    assert f.party.id_number == "91330106MA2B3C4D5E"
    assert f.authority and f.authority.endswith("市场监督管理局")
    assert f.doc_number and "2024" in f.doc_number
