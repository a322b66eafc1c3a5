"""Each evidence item is a document of its own, split by its own title; an untitled further page
of the same item stays with it."""
from dossier_review.model import Dossier, Page
from dossier_review.segment import segment

BODY = "\n项目一 内容甲\n项目二 内容乙\n项目三 内容丙\n备注 无"


def _docs(texts):
    pages = [Page(number=i + 1, source="text", confidence=1.0, raw_text=t, text=t) for i, t in enumerate(texts)]
    return [(d.type, d.first_page, d.last_page) for d in segment(Dossier(name="x", sources=[], pages=pages)).documents]


def test_consecutive_items_with_unlisted_titles_are_split():
    got = _docs(["照片证据" + BODY, "物证照片" + BODY, "食品经营许可证" + BODY, "现场勘验图" + BODY,
                 "视听资料截图" + BODY])
    assert got == [("evidence", n, n) for n in range(1, 6)]


def test_a_photo_sheets_untitled_second_page_stays_with_it():
    got = _docs(["现场照片\n照片1：店铺外景\n照片2：货架", "照片3：仓库\n照片4：散装花生油\n拍摄人：刘超 胡海燕"])
    assert got == [("evidence", 1, 2)]
