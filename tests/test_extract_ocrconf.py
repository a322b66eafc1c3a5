"""Per-character OCR confidence aligned with the normalised page text (extract/ocrconf.py)."""
from dossier_review.extract.ocrconf import char_confidence, document_conf
from dossier_review.model import Page, PageSpan, WordBox


def _page(words, text):
    return Page(number=1, source="ocr", confidence=0.9, raw_text=text, text=text, words=words)


def _w(text, left, conf, top=100, h=40):
    return WordBox(text=text, left=left, top=top, width=40 * len(text), height=h, conf=conf)


def test_confidence_follows_each_word():
    p = _page([_w("当事人", 100, 0.95), _w("杭州鸿运", 260, 0.93), _w("有限公司", 420, 0.41)],
              "当事人  杭州鸿运有限公司")
    c = char_confidence(p)
    i = p.text.index("杭州")
    assert c.span(i, i + 4) == 0.93
    assert c.span(i, i + 8) == 0.41


def test_a_gap_inside_a_run_makes_the_span_unsure():
    # 杭州鸿运 then, two characters' width later, 公司: something between them was not read
    p = _page([_w("杭州鸿运", 100, 0.95), _w("公司", 100 + 160 + 80, 0.95)], "杭州鸿运公司")
    c = char_confidence(p)
    assert c.span(0, 6) == 0.0
    assert c.span(0, 4) == 0.95  # the run before the gap is still sure


def test_characters_the_normaliser_changed_keep_their_word_confidence():
    p = _page([_w("2024年3月12曰", 100, 0.7)], "2024年3月12日")
    c = char_confidence(p)
    assert c.span(0, len(p.text)) == 0.7


def test_rows_follow_the_page_not_the_word_list_order():
    # a table page whose words came column by column; the text has them row by row
    words = [_w("案由", 100, 0.9, top=100), _w("当事人", 100, 0.9, top=200),
             _w("销售过期食品", 400, 0.8, top=100), _w("某某公司", 400, 0.96, top=200)]
    p = _page(words, "案由  销售过期食品\n当事人  某某公司")
    c = char_confidence(p)
    i = p.text.index("某某公司")
    assert c.span(i, i + 4) == 0.96


def test_text_layer_pages_have_no_confidence_map():
    p = Page(number=1, source="text", confidence=1.0, raw_text="甲", text="甲")
    assert char_confidence(p) is None


def test_document_conf_joins_page_slices():
    p1 = _page([_w("甲乙", 100, 0.9)], "甲乙")
    p2 = Page(number=2, source="ocr", confidence=0.9, raw_text="丙", text="丙", words=[_w("丙", 100, 0.5)])
    spans = [PageSpan(page=1, start=0, end=2), PageSpan(page=2, start=0, end=1)]
    c = document_conf(spans, {1: char_confidence(p1), 2: char_confidence(p2)})
    assert c.conf == [0.9, 0.9, None, 0.5]


def test_evidence_box_covers_the_characters_the_fact_rests_on():
    from dossier_review.extract.ocrconf import char_confidence as cc
    from dossier_review.extract.text import DocText
    from dossier_review.model import Document

    words = [_w("罚款", 100, 0.9, top=400), _w("¥500.00元", 180, 0.97, top=400),
             _w("其他", 100, 0.9, top=900)]
    p = _page(words, "罚款 ¥500.00元\n其他")
    p.width, p.height = 2000, 2800
    doc = Document(type="decision", title="", first_page=1, last_page=1,
                   spans=[PageSpan(page=1, start=0, end=len(p.text))], text=p.text)
    from dossier_review.extract.ocrconf import document_conf as dc
    dt_ = DocText(doc, dc(doc.spans, {1: cc(p)}), {1: p})
    a = dt_.flat.index("¥")
    e = dt_.ev_f(a - 2, a + 7, subject=(a, a + 7))
    x0, y0, x1, y1 = e.box
    assert abs(x0 - 180 / 2000) < 1e-3 and abs(y0 - 400 / 2800) < 1e-3 and y1 < 0.16
    # the near miss: a text layer has no page image, so no box
    t = Page(number=1, source="text", confidence=1.0, raw_text=p.text, text=p.text)
    assert DocText(doc, None, {1: t}).ev_f(a, a + 7).box is None
