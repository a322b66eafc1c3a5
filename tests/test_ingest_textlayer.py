"""Text layers that lie: look-alike code points mapped back, a layer of wrong characters caught
and the page OCR'd instead, and the verdict on every page (``PageFacts.text_layer``)."""
import re
from pathlib import Path

import pikepdf
import pytest

from dossier_review.ingest import core, ingest, normalize, textlayer
from dossier_review.ingest.normalize import LOOKALIKE_CODEPOINTS, canonical
from dossier_review.ingest.synth import DECISION_LINES, write_text_pdf

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
_ENTRY = re.compile(rb"<([0-9A-Fa-f]{2,4})> <([0-9A-Fa-f]{4})>")
# unified ideograph → its Kangxi radical look-alike (U+2F00–2FD5)
KANGXI = {v: chr(k) for k, v in LOOKALIKE_CODEPOINTS.items() if 0x2F00 <= k <= 0x2FDF}


def _rewrite_cmaps(src: Path, dst: Path, change) -> Path:
    """``src`` with every font's ToUnicode map rewritten by ``change(list of code points)``: the
    page draws the same glyphs, the text layer says something else (a broken font map)."""
    with pikepdf.open(src) as pdf:
        seen = set()
        for page in pdf.pages:
            for _, font in (page.Resources.get("/Font") or {}).items():
                if "/ToUnicode" not in font or font.ToUnicode.objgen in seen:
                    continue
                seen.add(font.ToUnicode.objgen)
                data = font.ToUnicode.read_bytes()
                entries = _ENTRY.findall(data)
                new = change([int(u, 16) for _, u in entries])
                mapping = {g: b"%04X" % cp for (g, _), cp in zip(entries, new, strict=True)}
                data = _ENTRY.sub(lambda m, table=mapping: b"<" + m.group(1) + b"> <" + table[m.group(1)] + b">", data)
                font.ToUnicode.write(data)
        pdf.save(dst)
    return dst


def _shifted(cps: list[int]) -> list[int]:
    """Each ideograph's glyph mapped to the next ideograph of the same font: real, common
    characters in an order no writer would use."""
    han = [i for i, cp in enumerate(cps) if 0x4E00 <= cp <= 0x9FFF]
    out = list(cps)
    for a, b in zip(han, han[1:] + han[:1], strict=True):
        out[a] = cps[b]
    return out


def _kangxi(cps: list[int]) -> list[int]:
    return [ord(KANGXI.get(chr(cp), chr(cp))) for cp in cps]


def test_lookalike_code_points_become_unified_ideographs():
    assert canonical("⼀⼈⽇⽉⼤⼝") == "一人日月大口"                      # Kangxi radicals (NFKC)
    assert canonical("⻔⻓⻋⻅⻉⻢⻛⻜⻤⻩⻬⻰⻳⺠") == "门长车见贝马风飞鬼黄齐龙龟民"  # radicals supplement
    assert canonical("\uf900\ufa10") == "豈塚"                               # compatibility ideographs
    assert normalize("⾏政处罚决定书  ⽂号") == "行政处罚决定书  文号"
    # near miss: genuine ideographs, punctuation and full-width forms are left to the other rules
    text = "行政处罚决定书：罚款￥5000元（伍仟元整）。"
    assert canonical(text) == text


def test_each_lookalike_block_is_covered():
    kangxi = [cp for cp in range(0x2F00, 0x2FD6)]
    assert all(cp in LOOKALIKE_CODEPOINTS for cp in kangxi)
    # every mapped code point lands on a unified (or extension) ideograph, never on another radical
    for cp, ch in LOOKALIKE_CODEPOINTS.items():
        assert not (0x2E80 <= ord(ch) <= 0x2FDF), hex(cp)


def test_shifted_layer_reads_implausible_and_a_rare_name_does_not():
    genuine = "\n".join(DECISION_LINES)
    assert not textlayer.suspicious(genuine)
    han = sorted(set(re.findall(r"[\u4e00-\u9fff]", genuine)))
    perm = dict(zip(han, han[1:] + han[:1], strict=True))
    assert textlayer.suspicious("".join(perm.get(c, c) for c in genuine))
    # near miss: a party named with rare characters in an otherwise ordinary decision
    rare = genuine.replace("王建国", "龘犇淼").replace("某市安康食品贸易有限公司", "某市鑫垚燊商贸有限公司")
    assert not textlayer.suspicious(rare)


def test_verdict_per_page_on_a_digital_file(tmp_path):
    pdf = write_text_pdf([DECISION_LINES], tmp_path / "digital.pdf")
    d = ingest(pdf, use_cache=False, workers=1)
    assert [p.facts.text_layer for p in d.pages] == ["used"]
    assert core.layer_verdict({"usable": False, "reason": core.NO_LAYER}) == "none"
    assert core.layer_verdict(None) == "none"
    assert core.layer_verdict({"usable": False, "reason": core.LYING_LAYER}).startswith("rejected: ")


@pytest.mark.ocr
def test_text_layer_trap_pair_gives_the_same_documents_and_findings(tmp_path):
    """A digital sample and its two lying-layer variants (Kangxi look-alikes; a shifted map)."""
    from dossier_review.pipeline import analyse, judge, load_standard

    src = SAMPLES / "case15-onthespot-digital.pdf"
    variants = {"genuine": src,
                "kangxi": _rewrite_cmaps(src, tmp_path / "kangxi.pdf", _kangxi),
                "shifted": _rewrite_cmaps(src, tmp_path / "shifted.pdf", _shifted)}
    standard = load_standard("default")
    out = {}
    for name, path in variants.items():
        dossier = ingest(path, cache_path=tmp_path / "ocr.sqlite", workers=1)
        review = judge(analyse(dossier), standard)
        out[name] = (dossier, review)
    kangxi_layer = core.text_pass(str(variants["kangxi"]), 0, 1, 300)[0]
    assert kangxi_layer["usable"]            # the trap is real: the raw layer had look-alikes
    assert [p.facts.text_layer for p in out["genuine"][0].pages] == ["used"]
    assert [p.facts.text_layer for p in out["kangxi"][0].pages] == ["used"]
    assert [p.source for p in out["shifted"][0].pages] == ["ocr"]
    assert out["shifted"][0].pages[0].facts.text_layer.startswith("rejected: ")
    assert out["shifted"][1].pages[0]["text_layer"].startswith("rejected: ")
    assert "text layer rejected: " in core.describe(out["shifted"][0])
    assert "text layer rejected" not in core.describe(out["kangxi"][0])

    def summary(review):
        return ([(d["type"], d["first_page"], d["last_page"]) for d in review.documents],
                sorted(f.code for f in review.findings))

    assert summary(out["kangxi"][1]) == summary(out["genuine"][1])
    assert summary(out["shifted"][1]) == summary(out["genuine"][1])


def test_strip_reading_settles_a_suspicious_layer():
    layer = "\n".join(DECISION_LINES)
    strip = "本局执法人员对当事人经营场所进行现场检查，发现当事人"   # as OCR read it
    confs = [0.95] * len(strip)
    assert textlayer.agrees_with_image(layer, strip, confs) is True
    # near miss: one OCR slip in the strip (场 read as 汤) still agrees
    assert textlayer.agrees_with_image(layer, strip.replace("场", "汤"), confs) is True
    han = sorted(set(re.findall(r"[\u4e00-\u9fff]", layer)))
    perm = dict(zip(han, han[1:] + han[:1], strict=True))
    lying = "".join(perm.get(c, c) for c in layer)
    assert textlayer.agrees_with_image(lying, strip, confs) is False
    # too little read with confidence: no verdict, the layer is kept
    assert textlayer.agrees_with_image(lying, strip, [0.3] * len(strip)) is None
