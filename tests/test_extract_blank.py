"""On a scan an empty signature line or form field is "left blank" only when the page image shows
no ink there either (Page.unread_marks); otherwise it stays unknown (handwriting OCR did not read)."""
from dossier_review.extract import extract_document
from dossier_review.extract.ocrconf import nothing_written_after
from dossier_review.model import Document, Page, PageSpan, WordBox

H = 40  # character height in pixels


def _page(lines, marks):
    """A scanned page whose OCR words are ``lines`` (one word per line, left-aligned)."""
    words = [WordBox(text=ln, left=200, top=200 + i * 80, width=H * len(ln), height=H, conf=0.95)
             for i, ln in enumerate(lines)]
    text = "\n".join(lines)
    return Page(number=1, source="ocr", confidence=0.95, raw_text=text, text=text, words=words,
                width=2480, height=3508, unread_marks=marks)


def _doc(page, type_, title):
    return Document(type=type_, title=title, first_page=1, last_page=1,
                    spans=[PageSpan(page=1, start=0, end=len(page.text))], text=page.text, ocr_confidence=0.95)


RECORD = ["询问笔录", "询问时间：2024年3月13日14时00分至15时20分", "询问人：张伟（执法证号：33010012345）、李娜（执法证号：33010012346）",
          "被询问人：王某", "问：你是否清楚我们的来意？", "答：清楚。", "被询问人签名：", "询问人签名：张伟 李娜"]


def _label_y(lines, label):
    return 200 + next(i for i, ln in enumerate(lines) if ln.startswith(label)) * 80


def test_nothing_after_a_label_with_no_ink_is_blank():
    page = _page(RECORD, [])
    assert nothing_written_after(page, (200, 680, 480, 720)) is True


def test_a_mark_beside_or_just_above_the_label_is_something_written():
    y = _label_y(RECORD, "被询问人签名")
    for mark in ([520, y - 10, 160, 70], [700, y - 60, 200, 50]):
        page = _page(RECORD, [mark])
        assert nothing_written_after(page, (200, y, 480, y + H)) is False, mark


def test_marks_not_looked_for_cannot_tell():
    assert nothing_written_after(_page(RECORD, None), (200, 680, 480, 720)) is None


def test_unsigned_record_on_a_scan_is_known_only_when_the_place_is_blank():
    blank = extract_document(_doc(_page(RECORD, []), "inquiry", "询问笔录"), 0, {1: _page(RECORD, [])})
    assert blank.party_signed is False
    y = _label_y(RECORD, "被询问人签名")
    scribbled = _page(RECORD, [[540, y - 5, 180, 60]])   # a signature OCR could not read
    f = extract_document(_doc(scribbled, "inquiry", "询问笔录"), 0, {1: scribbled})
    assert f.party_signed is None


def test_unsigned_record_without_mark_search_stays_unknown():
    page = _page(RECORD, None)
    assert extract_document(_doc(page, "inquiry", "询问笔录"), 0, {1: page}).party_signed is None


RECEIPT = ["送达回证", "送达文书名称及文号：《行政处罚决定书》杭市监罚〔2024〕12号", "受送达人：王某",
           "送达地点：杭州市西湖区文三路100号", "送达方式：", "受送达人签名（盖章）：王某", "送达时间：2024年4月19日"]


def test_receipt_method_left_blank_on_a_scan():
    page = _page(RECEIPT, [])
    f = extract_document(_doc(page, "service_receipt", "送达回证"), 0, {1: page})
    assert f.service.method is None and f.service.blank == ["method"]
    y = _label_y(RECEIPT, "送达方式")
    ticked = _page(RECEIPT, [[600, y, 170, 45]])         # handwriting in the method field
    g = extract_document(_doc(ticked, "service_receipt", "送达回证"), 0, {1: ticked})
    assert g.service.method is None and g.service.blank == []


# ---- where a page number would be written (top or foot of the page)

def test_number_place_is_blank_only_without_ink_at_the_top_and_foot():
    from dossier_review.pages import number_place_blank
    assert number_place_blank(_page(RECORD, [])) is True
    # a figure left unread at the foot; one at the top corner; a word read at the foot
    assert number_place_blank(_page(RECORD, [[2240, 3320, 33, 42]])) is False
    assert number_place_blank(_page(RECORD, [[2240, 150, 33, 42]])) is False
    footed = _page(RECORD, [])
    footed.words.append(WordBox(text="了", left=2213, top=3326, width=51, height=33, conf=0.25))
    assert number_place_blank(footed) is False
    # near miss: a number inside a line of the heading (…〔2024〕248号) is not a page number
    headed = _page(RECORD, [])
    headed.words += [WordBox(text="杭西罚〔2024〕", left=900, top=150, width=300, height=40, conf=0.95),
                     WordBox(text="248", left=1210, top=150, width=80, height=40, conf=0.95)]
    assert number_place_blank(headed) is True
    lone = _page(RECORD, [])
    lone.words.append(WordBox(text="12", left=2200, top=120, width=60, height=40, conf=0.95))
    assert number_place_blank(lone) is False
    # not searched for unread ink, or a text layer: cannot be told
    assert number_place_blank(_page(RECORD, None)) is None
