"""extract/vocabulary.yaml: the extractor's vocabularies as data, loaded once."""
import re

from dossier_review.extract import vocab
from dossier_review.extract.notices import PENALTY_PATTERNS
from dossier_review.extract.party import ID_LABELS


def test_loaded_once_and_every_fragment_compiles():
    assert vocab.vocabulary() is vocab.vocabulary()
    for key, value in vocab.vocabulary().items():
        if key in ("surnames", "compound_surnames", "measure_units"):
            continue   # plain words, not patterns
        fragments = value if isinstance(value, list) else [f for alts in value.values() for f in alts]
        for fragment in fragments:
            re.compile(fragment)


def test_named_keeps_the_files_order_and_joins_alternatives():
    names = [name for _, name in PENALTY_PATTERNS]
    assert names[:3] == ["警告", "通报批评", "罚款"]
    fine = dict((n, p) for p, n in PENALTY_PATTERNS)["罚款"]
    assert re.search(fine, "并处一万元罚款") and not re.search(fine, "加处罚款")
    assert list(ID_LABELS) == ["credit_code", "id_card", "other"]
    assert re.fullmatch(ID_LABELS["credit_code"], "统一社会信用代码")
