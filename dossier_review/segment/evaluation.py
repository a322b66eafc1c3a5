"""Scoring a segmentation against a truth file's ``documents`` list (type + exact page range)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class DocumentScore:
    matched: int
    truth: int
    predicted: int
    missed: list[tuple[str, int, int]] = field(default_factory=list)     # in truth, not predicted
    spurious: list[tuple[str, int, int]] = field(default_factory=list)   # predicted, not in truth

    @property
    def accuracy(self) -> float:
        """Share of the truth's documents found with the right type and exact page range."""
        return self.matched / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0


def _key(d) -> tuple[str, int, int]:
    if isinstance(d, dict):
        return (d["type"], int(d["first_page"]), int(d["last_page"]))
    return (d.type, d.first_page, d.last_page)


def score_documents(predicted, truth) -> DocumentScore:
    """Match predicted documents (Document objects or dicts) against truth dicts as multisets."""
    p = Counter(_key(d) for d in predicted)
    t = Counter(_key(d) for d in truth)
    both = p & t
    return DocumentScore(
        matched=sum(both.values()), truth=sum(t.values()), predicted=sum(p.values()),
        missed=sorted((t - p).elements(), key=lambda k: (k[1], k[2])),
        spurious=sorted((p - t).elements(), key=lambda k: (k[1], k[2])),
    )
