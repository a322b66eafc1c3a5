"""Writing OCR gave no word for (ingest/ink.py): found, while rules, speckle and read text are not."""
import cv2
import numpy as np

from dossier_review.ingest.ink import unread_marks

DPI = 300


def _page():
    img = np.full((3508, 2480), 235, np.uint8)
    rng = np.random.default_rng(3)
    ys, xs = rng.integers(0, 3508, 4000), rng.integers(0, 2480, 4000)
    img[ys, xs] = 60                                                   # scanner speckle
    cv2.line(img, (200, 1000), (2280, 1000), 0, 3)                     # a table rule
    cv2.line(img, (1200, 1000), (1200, 1400), 0, 3)
    cv2.line(img, (300, 1150), (700, 1150), 0, 2)                      # a fill-in underline
    words = []
    for _i, x in enumerate(range(300, 1500, 60)):                        # a printed line, read by OCR
        cv2.rectangle(img, (x + 8, 600), (x + 44, 645), 0, 4)
        words.append({"text": "字", "left": x, "top": 595, "width": 52, "height": 55, "conf": 0.95})
    return img, words


def test_printed_text_rules_and_speckle_are_not_unread_marks():
    img, words = _page()
    assert unread_marks(img, words, DPI) == []


def test_a_handwritten_name_and_a_small_page_number_are_found():
    img, words = _page()
    pts = np.array([[1500, 1700], [1540, 1650], [1580, 1720], [1620, 1660], [1660, 1710]], np.int32)
    cv2.polylines(img, [pts], False, 20, 6)                            # a scrawled signature
    cv2.putText(img, "7", (2250, 3350), cv2.FONT_HERSHEY_SIMPLEX, 1.3, 0, 3)  # a page number
    marks = unread_marks(img, words, DPI)
    assert len(marks) == 2
    assert any(m[0] <= 1520 and m[0] + m[2] >= 1640 and m[1] < 1700 for m in marks)
    assert any(m[0] > 2200 and m[1] > 3250 for m in marks)


def test_a_blank_page_without_words_has_no_marks():
    img = np.full((3508, 2480), 240, np.uint8)
    assert unread_marks(img, [], DPI) == []
