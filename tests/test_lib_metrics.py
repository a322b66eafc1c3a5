"""lib.metrics: the one precision/recall of evaluate and the hold-out bench."""
from dossier_review.lib.metrics import confusion, micro, precision, recall


def test_confusion_and_micro():
    assert confusion({"a", "b"}, {"b", "c"}) == (1, 1, 1)
    m = micro([(1, 1, 1), (3, 0, 1)])
    assert m == {"precision": 0.8, "recall": 4 / 6, "tp": 4, "fp": 1, "fn": 2}


def test_empty_denominator():
    # nothing predicted and nothing wanted is perfect for the totals, undefined for a table cell
    assert precision(0, 0) == 1.0 and recall(0, 0) == 1.0
    assert precision(0, 0, empty=None) is None
    assert precision(0, 2) == 0.0
