"""lib.confusions: one OCR-confusion table, read by ingest's mends and extract's matching."""
from dossier_review.extract.dates import find_dates
from dossier_review.ingest.normalize import normalize_line
from dossier_review.lib.confusions import MENDS, digit_lookalikes, lookalikes


def test_table_loads_once_with_its_entries():
    assert "曰" in lookalikes("日") and "辨" in lookalikes("辩")
    assert digit_lookalikes()["O"] == "0" and digit_lookalikes()["l"] == "1"
    assert lookalikes("甲") == ""
    assert MENDS and all(hasattr(p, "sub") for p, _ in MENDS)


def test_ingest_mends_in_context_only():
    assert normalize_line("行政处昼决定书") == "行政处罚决定书"
    assert normalize_line("2024年3月12曰") == "2024年3月12日"
    assert normalize_line("二O二四年") == "二〇二四年"
    # near miss: 昼 where it can be a word (昼夜) and 曰 not closing a date stay as read
    assert normalize_line("昼夜施工") == "昼夜施工"
    assert normalize_line("子曰") == "子曰"


def test_extract_accepts_the_same_lookalikes():
    found = find_dates("二O二四年三月十二曰")
    assert found and found[0].date.isoformat() == "2024-03-12"
    assert found[0].end == len("二O二四年三月十二曰")   # the misread 日 belongs to the date
