"""Checks must not crash on partial facts: extraction leaves any field empty on a bad scan."""
import dataclasses
import random

from facts_builder import clean_case, simplified_case, standard

from dossier_review.check import run_checks
from dossier_review.model import DocFacts, Facts, PageFacts


def _blank(doc: DocFacts, rng: random.Random) -> None:
    for f in dataclasses.fields(doc):
        if f.name in ("index", "type", "title", "first_page", "last_page") or rng.random() > 0.3:
            continue
        value = getattr(doc, f.name)
        if isinstance(value, (list, dict)):
            setattr(doc, f.name, type(value)())
        elif f.name == "ocr_confidence":
            setattr(doc, f.name, rng.choice([0.0, 0.3, 0.95]))
        elif f.name != "party_refused" and f.name != "extension_approved":
            setattr(doc, f.name, None)


def test_empty_facts():
    for std in ("default", "cehui", "bar_excellent"):
        for procedure in ("general", "simplified", ""):
            found = run_checks(Facts(dossier="x", page_count=0, procedure=procedure), standard(std), strict=True)
            assert all(f.code and f.message for f in found)


def test_randomly_blanked_facts_never_crash():
    rng = random.Random(20240312)
    for i in range(150):
        b = clean_case() if i % 3 else simplified_case()
        b.docs = [d for d in b.docs if rng.random() > 0.2]
        if rng.random() < 0.2:
            rng.shuffle(b.docs)
        for d in b.docs:
            _blank(d, rng)
        if rng.random() < 0.3:
            b.dates = {}
        facts = b.build()
        if rng.random() < 0.3:
            facts.pages = [PageFacts(page=p.page) for p in facts.pages]
        found = run_checks(facts, standard(), strict=True)
        for f in found:
            assert f.code and f.category and f.message and f.fix and f.basis
            assert f.points == 0 or not f.needs_human
            assert f.evidence and all(e.page >= 0 and e.quote for e in f.evidence), f.code
