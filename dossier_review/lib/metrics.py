"""Precision and recall of predicted codes against a truth: the one definition the evaluation
command and the hold-out bench share (an empty denominator counts as perfect unless told)."""
from __future__ import annotations

from typing import Iterable, Optional


def confusion(predicted: set, wanted: set) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one prediction."""
    return len(predicted & wanted), len(predicted - wanted), len(wanted - predicted)


def precision(tp: int, fp: int, empty: Optional[float] = 1.0) -> Optional[float]:
    return tp / (tp + fp) if tp + fp else empty


def recall(tp: int, fn: int, empty: Optional[float] = 1.0) -> Optional[float]:
    return tp / (tp + fn) if tp + fn else empty


def micro(counts: Iterable[Iterable[int]]) -> dict:
    """Summed (tp, fp, fn) and the precision/recall of the sums."""
    tp = fp = fn = 0
    for a, b, c in counts:
        tp, fp, fn = tp + a, fp + b, fn + c
    return {"precision": precision(tp, fp), "recall": recall(tp, fn), "tp": tp, "fp": fp, "fn": fn}
