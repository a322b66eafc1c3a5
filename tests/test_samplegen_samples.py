"""The committed sample set (samples/): coverage, structure and size."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from natsort import natsorted
from PIL import Image

from dossier_review.model import DOCUMENT_TYPES
from dossier_review.pipeline import load_standard

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TRUTHS = sorted(SAMPLES.glob("*.truth.json"))

pytestmark = pytest.mark.skipif(not TRUTHS, reason="no committed samples")


def _codes() -> set[str]:
    """The catalogue's codes that the default standard checks: the samples must show each.

    The catalogue (shared DEFECTS.md) also lists codes a later standard adds (the statute
    database's); a code enters this set when the default standard binds it.
    """
    shared = ROOT.parent / "shared" / "DEFECTS.md"
    text = (shared if shared.exists() else ROOT / "dossier_review" / "samplegen" / "DEFECTS.md").read_text(encoding="utf-8")
    catalogue = set(re.findall(r"^\| ([a-z_]+\.[a-z_]+) \|", text, re.M))
    return catalogue & {rule.code for rule in load_standard("default").rules}


def _load():
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in TRUTHS]


def _page_count(truth_path: Path, truth: dict) -> int:
    src = SAMPLES / truth["source"]
    if src.is_dir():
        n = 0
        for f in natsorted(src.iterdir(), key=lambda p: p.name):
            with Image.open(f) as im:
                n += getattr(im, "n_frames", 1)
        return n
    pdf = pdfium.PdfDocument(str(src))
    try:
        return len(pdf)
    finally:
        pdf.close()


def test_set_size_and_mix():
    items = _load()
    assert len(items) >= 12
    scanned = [t for _, t in items if t["scanned"]]
    assert len(scanned) * 2 >= len(items)
    assert sum(1 for _, t in items if not t["defects"]) >= 2
    assert any((SAMPLES / t["source"]).is_dir() for _, t in items), "one scanned dossier as a folder of images"
    assert len({t["agency_kind"] for _, t in items}) >= 5
    total = sum(f.stat().st_size for f in SAMPLES.rglob("*") if f.is_file())
    assert total < 25e6, total


def test_every_code_covered_digital_and_scanned():
    seen: dict[str, set[bool]] = {}
    for _, t in _load():
        for code in t["defects"]:
            seen.setdefault(code, set()).add(t["scanned"])
    codes = _codes()
    assert codes <= set(seen), sorted(codes - set(seen))
    assert [c for c in codes if len(seen[c]) < 2] == []


def test_truth_files_are_consistent_with_their_dossiers():
    codes = _codes()
    for path, t in _load():
        assert set(t["defects"]) <= codes
        assert set(t["defects"]) == set(t["defect_reasons"])
        assert t["procedure"] in ("general", "simplified")
        for k in ("party_name", "fine_yuan", "decided"):
            assert k in t["facts"], (path.name, k)
        n = _page_count(path, t)
        assert n == t["page_count"], path.name
        covered = set()
        for d in t["documents"]:
            assert d["type"] in DOCUMENT_TYPES
            assert 1 <= d["first_page"] <= d["last_page"] <= n
            covered |= set(range(d["first_page"], d["last_page"] + 1))
        assert covered == set(range(1, n + 1)), path.name
        if t["procedure"] == "general":
            assert 10 <= n <= 25, (path.name, n)
        if t["scanned"]:
            assert len(t["pages"]) == n
            assert any(p["color"] for p in t["pages"])
