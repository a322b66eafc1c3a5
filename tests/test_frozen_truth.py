"""The frozen sets' truth files are well formed and every real document names its source.

Fast (no OCR, no rendering): it reads the committed files only.  The sets themselves are never
used to tune a rule (frozen/README.md); this test only guards their shape.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "frozen"
REAL = FROZEN / "real"
DOC_TYPES = {"cover", "catalog", "case_source", "filing", "inspection", "inquiry_notice", "inquiry", "evidence",
             "preservation", "investigation_report", "legal_review", "collective_discussion", "prior_notice",
             "hearing_notice", "statement_record", "hearing_record", "approval", "decision", "service_receipt",
             "payment", "closing", "remarks", "other"}
# codes a lone document can show (DEFECTS.md "Scope"): about its own elements, citations, remedy,
# amounts, dates, number, seal and wording -- never about documents that were not handed in
DOCUMENT_SCOPE_PREFIXES = ("subject.authority_missing", "subject.party_incomplete", "subject.party_id_invalid",
                           "legal_basis.", "remedy.", "documents.", "hearing.wrong_request_period",
                           "procedure.prior_notice_incomplete")


def catalogue_codes() -> set[str]:
    text = (ROOT / "dossier_review" / "samplegen" / "DEFECTS.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*([a-z_]+\.[a-z_]+)\s*\|", text, flags=re.M))


def truth_files() -> list[Path]:
    return sorted(FROZEN.rglob("*.truth.json"))


def check_truth(truth: dict, codes: set[str], strict: bool = True) -> list[str]:
    """Problems with one truth file (empty when it is valid).  ``strict``: only the contract's keys
    (hand-labelled files); a generated family's truth also records how it was generated."""
    problems = []
    if strict and set(truth) - {"documents", "defects", "facts", "scanned", "pages"}:
        problems.append(f"unknown keys {sorted(set(truth) - {'documents', 'defects', 'facts', 'scanned', 'pages'})}")
    docs = truth.get("documents")
    if not isinstance(docs, list) or not docs:
        problems.append("no documents")
        docs = []
    for d in docs:
        if d.get("type") not in DOC_TYPES:
            problems.append(f"document type {d.get('type')!r}")
        if "first_page" in d and not (1 <= d["first_page"] <= d.get("last_page", 0)):
            problems.append(f"page range {d.get('first_page')}-{d.get('last_page')}")
    defects = truth.get("defects")
    if not isinstance(defects, list) or len(set(defects)) != len(defects or []):
        problems.append("defects must be a list without repeats")
    for code in defects or []:
        if code not in codes:
            problems.append(f"code {code} not in DEFECTS.md")
    facts = truth.get("facts", {})
    if strict and set(facts) - {"party_name", "fine_yuan", "decided"}:
        problems.append(f"unknown facts {sorted(set(facts) - {'party_name', 'fine_yuan', 'decided'})}")
    if "decided" in facts and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(facts["decided"])):
        problems.append(f"decided {facts['decided']!r} is not YYYY-MM-DD")
    if facts.get("fine_yuan") is not None and not isinstance(facts["fine_yuan"], (int, float)):
        problems.append("fine_yuan is not a number")
    return problems


def test_catalogue_is_read():
    codes = catalogue_codes()
    assert "remedy.missing" in codes and "documents.template_residue" in codes


def test_there_are_frozen_truth_files():
    assert truth_files(), "frozen/ holds no truth files"


@pytest.mark.parametrize("path", truth_files(), ids=lambda p: str(p.relative_to(FROZEN)))
def test_truth_file_is_valid(path):
    truth = json.loads(path.read_text(encoding="utf-8"))
    assert check_truth(truth, catalogue_codes(), strict=REAL in path.parents) == []


def test_real_labels_are_document_scope():
    for path in sorted(REAL.glob("*.truth.json")):
        for code in json.loads(path.read_text(encoding="utf-8"))["defects"]:
            assert code.startswith(DOCUMENT_SCOPE_PREFIXES), f"{path.name}: {code} is a dossier-level code"


def test_every_real_document_has_truth_renderings_and_a_source():
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\|\s*(\w+)\s*\|\s*(\S+)\s*\|", sources, flags=re.M)}
    ids = sorted(p.stem for p in REAL.glob("*.txt"))
    assert ids
    for doc_id in ids:
        assert (REAL / f"{doc_id}.truth.json").is_file(), doc_id
        assert re.match(r"https?://\S+\.\S+", rows.get(doc_id, "")), f"{doc_id}: no source address in SOURCES.md"
        for kind in ("digital", "scan"):
            assert (REAL / kind / f"{doc_id}.pdf").is_file(), f"{kind}/{doc_id}.pdf not built"
            built = json.loads((REAL / kind / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
            base = json.loads((REAL / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
            assert sorted(built["defects"]) == sorted(base["defects"]), f"{kind}/{doc_id}: labels drifted"
            assert built["scanned"] is (kind == "scan")


def test_check_truth_finds_a_bad_file():
    # the near miss: an unknown code, an unknown type and a malformed date are all reported
    bad = {"documents": [{"type": "verdict", "first_page": 1, "last_page": 1}],
           "defects": ["remedy.missing", "remedy.nonexistent"], "facts": {"decided": "2024/1/2"}}
    problems = check_truth(bad, catalogue_codes())
    assert any("verdict" in p for p in problems)
    assert any("remedy.nonexistent" in p for p in problems)
    assert any("decided" in p for p in problems)
    assert not any("remedy.missing" in p for p in problems)
