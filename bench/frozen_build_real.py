"""Build the frozen real set: published penalty documents, typeset as digital PDFs and as scans.

    .venv/bin/python bench/frozen_build_real.py [--only ID ...]

Reads ``frozen/real/<id>.txt`` (a published document's text, individuals' names and numbers
already replaced or masked as published) and ``frozen/real/<id>.truth.json`` (the hand labels),
and writes

  frozen/real/digital/<id>.pdf   A4, text layer: title and 文号 centred, body in a Kai face
                                 (the machine's AR PL UKai, the usual stand-in for 仿宋), the
                                 authority and date right-aligned with a red round seal over them;
  frozen/real/scan/<id>.pdf      the same pages rasterised at 200 dpi and degraded by augraphy
                                 (a library we did not write: dossier_review.samplegen.degrade_augraphy),
                                 image only, no text layer;

each with ``<id>.truth.json`` beside it (the labels, the page range filled in, ``scanned`` set).

Everything is seeded from the document id: the same inputs give the same bytes.  This set is
frozen: never tune a rule on it (frozen/README.md).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab import rl_config  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from dossier_review.samplegen import art  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / "frozen" / "real"
PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 2.8 * cm, 3.2 * cm, 2.8 * cm
BODY_PT, TITLE_PT, NUMBER_PT = 15, 21, 15
LEADING = 1.75
SCAN_DPI = 200

# a title line names the document; a 文号 line is the number printed under it
TITLE_RE = re.compile(r"(决定书|告知书)\s*$")
NUMBER_RE = re.compile(r"^\S{0,30}[〔\[（(]\s*\d{4}\s*[〕\]）)]\s*\S{0,12}号\s*$")
DATE_RE = re.compile(r"^\s*(\d{4}|[〇零0O一二三四五六七八九]{4})\s*年.{1,3}月.{1,4}日\s*$")


def seed_of(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16)


def register_fonts() -> None:
    if "UKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UKai", art.UKAI, subfontIndex=0))
        pdfmetrics.registerFont(TTFont("WQY", art.WQY, subfontIndex=0))


def split_parts(lines: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(titles, numbers, body, signature) by the layout an official document has: titles and the
    文号 at the top, the issuing authority and the date as the last lines."""
    i, titles, numbers = 0, [], []
    while i < len(lines) and i < 3 and (TITLE_RE.search(lines[i]) or NUMBER_RE.match(lines[i])):
        (titles if TITLE_RE.search(lines[i]) else numbers).append(lines[i])
        i += 1
    rest = lines[i:]
    signature: list[str] = []
    if rest and DATE_RE.match(rest[-1]):
        signature = [rest[-1]]
        # the line above the date is the authority when it is short, ends no sentence and holds no
        # figures (an authority's name has none; a bare "罚款4.10万元" line is part of the body)
        above = rest[-2] if len(rest) >= 2 else ""
        if above and len(above) <= 30 and not above.endswith(("。", "；", ";", ":", "：")) \
                and not re.search(r"\d", above):
            signature.insert(0, above)
    body = rest[: len(rest) - len(signature)]
    return titles, numbers, body, signature


def wrap(text: str, font: str, size: float, width: float, indent: float) -> list[tuple[str, float]]:
    """Greedy character wrap (Chinese breaks anywhere); the first line carries the indent."""
    out, line, x0 = [], "", indent
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, font, size) + x0 > width and line:
            out.append((line, x0))
            line, x0 = "", 0.0
        line += ch
    out.append((line, x0))
    return out


def render_pdf(text: str, doc_id: str) -> bytes:
    """Typeset one document on A4 pages; returns the PDF bytes (deterministic)."""
    register_fonts()
    rl_config.invariant = 1  # no creation date or random id in the file
    lines = [ln.rstrip() for ln in text.strip().splitlines() if ln.strip()]
    titles, numbers, body, signature = split_parts(lines)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(doc_id)
    width = PAGE_W - 2 * MARGIN_X
    y = PAGE_H - MARGIN_TOP

    def need(h: float) -> None:
        nonlocal y
        if y - h < MARGIN_BOTTOM:
            c.showPage()
            y = PAGE_H - MARGIN_TOP

    for t in titles:
        for seg, _ in wrap(t, "WQY", TITLE_PT, width, 0):
            need(TITLE_PT * 1.6)
            c.setFont("WQY", TITLE_PT)
            c.drawCentredString(PAGE_W / 2, y - TITLE_PT, seg)
            y -= TITLE_PT * 1.6
    for n in numbers:
        need(NUMBER_PT * 1.8)
        c.setFont("UKai", NUMBER_PT)
        c.drawCentredString(PAGE_W / 2, y - NUMBER_PT, n)
        y -= NUMBER_PT * 1.8
    if titles or numbers:
        y -= BODY_PT * 0.6
    for para in body:
        for seg, x0 in wrap(para, "UKai", BODY_PT, width, 2 * BODY_PT):
            need(BODY_PT * LEADING)
            c.setFont("UKai", BODY_PT)
            c.drawString(MARGIN_X + x0, y - BODY_PT, seg)
            y -= BODY_PT * LEADING
    if signature:
        block = BODY_PT * LEADING * (len(signature) + 2)
        need(block)
        y -= BODY_PT * LEADING  # a blank line before the 落款
        right = PAGE_W - MARGIN_X - 1.5 * BODY_PT
        sig_top = y
        c.setFont("UKai", BODY_PT)
        for s in signature:
            c.drawRightString(right, y - BODY_PT, s)
            y -= BODY_PT * LEADING
        authority = signature[0] if len(signature) == 2 else ""
        seal = art.seal_image(authority or "行政执法专用章", seed=seed_of(doc_id))
        png = io.BytesIO()
        seal.save(png, "PNG")
        size = 4.2 * cm
        cx = right - pdfmetrics.stringWidth(signature[-1], "UKai", BODY_PT) / 2
        cy = (sig_top + y) / 2
        c.drawImage(ImageReader(io.BytesIO(png.getvalue())), cx - size / 2, cy - size / 2, size, size, mask="auto")
    c.showPage()
    c.save()
    return buf.getvalue()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


def scan_pdf(pdf: bytes, doc_id: str) -> bytes:
    """Rasterise at 200 dpi, degrade each page with augraphy, write an image-only PDF."""
    import pypdfium2 as pdfium

    from dossier_review.samplegen.degrade_augraphy import scan_page

    rl_config.invariant = 1
    doc = pdfium.PdfDocument(pdf)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in range(len(doc)):
        image = doc[i].render(scale=SCAN_DPI / 72).to_pil()
        page, prm = scan_page(image, seed_of(doc_id) * 31 + i, source_dpi=SCAN_DPI, dpi=SCAN_DPI)
        jpg = io.BytesIO()
        page.save(jpg, "JPEG", quality=prm.jpeg_quality, optimize=False)
        c.drawImage(ImageReader(io.BytesIO(jpg.getvalue())), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()
    return buf.getvalue()


def truth_for(base: dict, pages: int, scanned: bool) -> dict:
    docs = [dict(d, first_page=1, last_page=pages) for d in base["documents"]]
    return {"documents": docs, "defects": sorted(base["defects"]), "facts": base["facts"], "scanned": scanned}


def build(ids: list[str] | None = None, *, scans: bool = True) -> list[str]:
    built = []
    for txt in sorted(ROOT.glob("*.txt")):
        doc_id = txt.stem
        if ids and doc_id not in ids:
            continue
        base = json.loads((ROOT / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
        pdf = render_pdf(txt.read_text(encoding="utf-8"), doc_id)
        n = page_count(pdf)
        for kind, data, scanned in (("digital", pdf, False), ("scan", None, True)):
            if kind == "scan" and not scans:
                continue
            out = ROOT / kind
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{doc_id}.pdf").write_bytes(data if data is not None else scan_pdf(pdf, doc_id))
            (out / f"{doc_id}.truth.json").write_text(
                json.dumps(truth_for(base, n, scanned), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        built.append(doc_id)
    return built


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="document ids to rebuild (default: all)")
    ap.add_argument("--no-scans", action="store_true", help="digital PDFs only (augraphy not needed)")
    args = ap.parse_args(argv)
    built = build(args.only, scans=not args.no_scans)
    print(f"built {len(built)} documents under {ROOT}: {' '.join(built)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
