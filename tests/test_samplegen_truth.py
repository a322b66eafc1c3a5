"""Invariants of the sample generator's structured cases and truth (no rendering; fast)."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from dossier_review.pipeline import load_standard
from dossier_review.samplegen import ALL_CODES, EXCLUDES, NEEDS, THRESHOLDS, ids, make_case
from dossier_review.samplegen.fmt import add_workdays, is_workday, yuan_words
from dossier_review.samplegen.truth import compute_defects

ROOT = Path(__file__).resolve().parents[1]


def defects_md() -> str:
    shared = ROOT.parent / "shared" / "DEFECTS.md"
    if shared.exists():
        return shared.read_text(encoding="utf-8")
    return (ROOT / "dossier_review" / "samplegen" / "DEFECTS.md").read_text(encoding="utf-8")


def documented_codes() -> set[str]:
    return set(re.findall(r"^\| ([a-z_]+\.[a-z_]+) \|", defects_md(), re.M))


def test_every_documented_code_has_an_injector():
    # The catalogue also lists codes that only a later standard binds (the statute database's);
    # every code the default standard checks needs an injector, and every injector a catalogue code.
    checked = documented_codes() & {rule.code for rule in load_standard("default").rules}
    assert checked == set(ALL_CODES)
    assert set(ALL_CODES) <= documented_codes()


# ------------------------------------------------------------------ identity numbers

def test_check_digits_known_values():
    assert ids.id_number_valid("11010519491231002X")
    assert not ids.id_number_valid("110105194912310021")
    assert ids.credit_code_valid("91350100M000100Y43")
    assert not ids.credit_code_valid("91350100M000100Y44")


@pytest.mark.parametrize("seed", range(25))
def test_generated_ids_valid_unless_injected(seed):
    for kind in ("company", "individual_business", "individual"):
        try:
            case = make_case(seed, party_kind=kind)
        except ValueError:
            continue
        p = case.party
        valid = ids.id_number_valid if p.id_kind == "id_card" else ids.credit_code_valid
        assert valid(p.id_number), p.id_number
        if p.rep_id:
            assert ids.id_number_valid(p.rep_id)
    bad = make_case(seed, defects=["subject.party_id_invalid"])
    valid = ids.id_number_valid if bad.party.id_kind == "id_card" else ids.credit_code_valid
    assert not valid(bad.party.id_number)
    assert "subject.party_inconsistent" not in compute_defects(bad)  # corrupted the same way everywhere


# ------------------------------------------------------------------ clean cases

def _dates(case):
    return {d.key: d.date for d in case.docs if d.date}


@pytest.mark.parametrize("seed", range(40))
def test_clean_general_case_has_no_defects_and_lawful_dates(seed):
    case = make_case(seed)
    assert compute_defects(case) == {}
    d = _dates(case)
    for key, day in d.items():
        assert is_workday(day), (key, day)
    assert d["filing"] <= min(v for k, v in d.items() if k.startswith("inquiry") and k != "inquiry_notice")
    assert d["report"] <= d["notice"] <= d["notice_receipt"] <= d["approval"] <= d["decision"]
    assert d["decision"] > add_workdays(d["notice_receipt"], 5)
    assert d["decision"] <= d["decision_receipt"] <= add_workdays(d["decision"], 7)
    assert d["decision_receipt"] < d["payment"] <= d["decision_receipt"] + dt.timedelta(days=15)
    assert d["payment"] < d["closing"]
    if "extension" in d:  # a 延期 approval, dated inside the 90 days, covers the longer run
        assert (d["extension"] - d["filing"]).days < 90 < (d["decision"] - d["filing"]).days <= 120
    else:
        assert (d["decision"] - d["filing"]).days <= 90
    if "hearing_record" in d:
        assert add_workdays(d["hearing_notice"], 7) <= d["hearing_record"] < d["decision"]
    # hearing right and 重大 procedure wherever the thresholds call for them
    thr = THRESHOLDS["hearing"][case.party.klass]
    if case.fine >= thr:
        assert case.doc("notice").attrs["hearing_right"]
        assert case.doc("legal_review") and case.doc("discussion")
    assert case.fine <= case.doc("notice").attrs["fine"]
    types = [x.type for x in case.docs]
    assert types[0] == "cover" and types[1] == "catalog" and types[-1] == "remarks"


@pytest.mark.parametrize("seed", range(15))
def test_clean_simplified_case_within_limits(seed):
    case = make_case(seed, procedure="simplified")
    assert compute_defects(case) == {}
    assert case.fine <= THRESHOLDS["simplified"][case.party.klass]
    assert case.doc("decision").attrs["remedy"]["review_first"]
    assert 1 <= len(case.docs) <= 2


def test_individual_business_fines_avoid_the_ambiguous_band():
    """个体工商户 may be read as citizen or organisation; fines stay where both readings agree."""
    seen = 0
    for seed in range(60):
        try:
            case = make_case(seed, party_kind="individual_business")
        except ValueError:
            continue
        seen += 1
        assert not (THRESHOLDS["hearing"]["individual"] <= case.fine < THRESHOLDS["hearing"]["organisation"])
    assert seen > 5


# ------------------------------------------------------------------ injected defects

@pytest.mark.parametrize("code", ALL_CODES)
def test_each_code_injects_and_is_in_truth(code):
    procedures = ["simplified"] if NEEDS[code][0] == "simplified" else ["general"] + (
        ["simplified"] if NEEDS[code][0] == "both" else [])
    for proc, seed in itertools.product(procedures, range(3)):
        case = make_case(seed, procedure=proc, defects=[code])
        truth = compute_defects(case)
        assert code in truth, (proc, seed, truth)
        assert case.requested == [code]


KNOCK_ON_ALLOWED = {
    "evidence.no_investigation_record": {"evidence.listed_evidence_missing"},
    "evidence.party_identity_proof_missing": {"evidence.listed_evidence_missing"},
    "procedure.no_prior_notice": {"hearing.not_notified"},
    "subject.authority_missing": {"documents.decision_elements_missing"},
    "legal_basis.no_penalty_basis": {"documents.decision_elements_missing"},
    "documents.decision_elements_missing": {"subject.party_incomplete"},
    "documents.date_missing": {"documents.decision_elements_missing"},
}


@pytest.mark.parametrize("code", ALL_CODES)
def test_single_injection_has_only_documented_knock_ons(code):
    proc = "simplified" if NEEDS[code][0] == "simplified" else "general"
    for seed in range(4):
        truth = set(compute_defects(make_case(seed, procedure=proc, defects=[code])))
        assert truth - {code} <= KNOCK_ON_ALLOWED.get(code, set()), (seed, truth)


def test_removed_notice_in_hearing_scope_means_hearing_not_notified():
    for seed in range(10):
        case = make_case(seed, defects=["procedure.no_prior_notice"])
        truth = compute_defects(case)
        assert ("hearing.not_notified" in truth) == case.hearing_scope()


def test_excluded_combinations_are_refused():
    for a, bs in EXCLUDES.items():
        for b in bs:
            if NEEDS[a][0] != NEEDS[b][0] and "simplified" in (NEEDS[a][0], NEEDS[b][0]):
                continue
            with pytest.raises(ValueError):
                make_case(1, defects=[a, b])


def test_general_only_code_refused_for_simplified():
    with pytest.raises(ValueError):
        make_case(1, procedure="simplified", defects=["procedure.no_filing"])


def test_amount_mismatch_stays_on_the_same_side_of_thresholds():
    for seed in range(10):
        case = make_case(seed, defects=["documents.amount_mismatch"])
        a = case.doc("decision").attrs
        thr = THRESHOLDS["hearing"][case.party.klass]
        assert a["fine_words"] != a["fine"]
        assert (a["fine_words"] >= thr) == (a["fine"] >= thr)
        assert yuan_words(a["fine_words"]) != yuan_words(a["fine"])


def test_variation_across_seeds():
    cases = [make_case(s) for s in range(30)]
    assert len({c.agency["kind"] for c in cases}) >= 5
    assert len({c.place[0] for c in cases}) >= 5
    assert len({c.party.kind for c in cases}) == 3
    assert len({c.style["date"] for c in cases}) >= 3
    assert len({c.style["party_label"] for c in cases}) >= 3
    assert len({c.style["amount"] for c in cases}) >= 4
    assert len({c.violation.key for c in cases}) >= 8


def test_facts_sentences_print_the_quantity_that_facts_inconsistent_changes():
    from dossier_review.samplegen.data import VIOLATIONS
    for v in VIOLATIONS:
        if not v.simplified:
            assert any("{qty}" in f for f in v.facts), v.key


def test_extension_approval_decides_overdue():
    extended = [c for c in (make_case(s) for s in range(60)) if c.doc("extension")]
    assert extended, "no clean case with a 延期 approval among 60 seeds"
    for case in extended:
        assert (case.doc("decision").date - case.doc("filing").date).days > 90
        assert compute_defects(case) == {}
        case.remove("extension")
        assert "procedure.overdue_decision" in compute_defects(case)
