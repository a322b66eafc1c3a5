"""Extraction on the committed digital samples (text layer), checked against their truth files.

A sanity check, not a target to tune to: the samples come from our own generator.  Run with
``-s`` to see the per-sample table.
"""
import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DIGITAL = sorted(SAMPLES.glob("*digital*.pdf"))


def _facts(pdf):
    from dossier_review.extract import extract
    from dossier_review.ingest import ingest
    from dossier_review.pages import analyse_pages
    from dossier_review.segment import segment
    return extract(segment(analyse_pages(ingest(pdf, use_cache=False))))


@pytest.mark.skipif(not DIGITAL, reason="no digital samples")
def test_digital_samples_against_truth():
    checked = wrong = 0
    rows = []
    for pdf in DIGITAL:
        truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        t = truth["facts"]
        f = _facts(pdf)
        dec = f.first("decision")
        got = {"party_name": f.party.name, "fine_yuan": f.fine_yuan,
               "decided": str(f.dates["decided"]) if "decided" in f.dates else None,
               "party_id": f.party.id_number, "representative": f.party.representative}
        # a fact the truth lists but the file lacks on purpose (a planted defect) is not counted
        absent = {"decided": "documents.date_missing" in truth["defects"]}
        bad = []
        for k, v in got.items():
            if k not in t or absent.get(k):
                continue
            checked += 1
            tv = t[k]
            ok = v == tv or (isinstance(tv, (int, float)) and v is not None and abs(v - tv) < 0.01)
            if not ok:
                wrong += 1
                bad.append(f"{k}: {v!r} != {tv!r}")
        rows.append(f"{pdf.name:40s} {'ok' if not bad else '; '.join(bad)}")
        assert dec is not None
        # every quote is text of its page
        pages = {p.page for p in f.pages}
        for d in f.documents:
            for e in [x for evs in d.evidence.values() for x in evs]:
                assert e.page in pages and len(e.quote) <= 120
    print("\n" + "\n".join(rows) + f"\nfacts checked {checked}, wrong {wrong}")
    assert checked >= 3 * len(DIGITAL)
    assert wrong <= max(1, checked // 20)
