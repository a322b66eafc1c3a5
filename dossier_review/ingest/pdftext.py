"""Text layer of a PDF page read with pdfium, assembled into lines with table gaps kept.

pdfplumber (pdfminer) interprets content streams in Python: 40–120 ms a page on the sample
dossiers, 400+ ms on a loaded machine, which misses the ≥ 20 pages/s target for digital files by
itself.  pdfium does the same in C in a few ms.  Lines are rebuilt from character boxes (not
taken from pdfium's plain text, which puts one space for any gap) so that a gap wider than 1.5
characters between table cells or label and value becomes two spaces, as pdfplumber's layout mode
would give and as ``normalize`` keeps.
"""
from __future__ import annotations

import ctypes
import re

import numpy as np
import pypdfium2 as pdfium  # noqa: F401 - named in type hints
import pypdfium2.raw as pdfium_c


def page_text(page: "pdfium.PdfPage") -> str:
    """The page's text, one line per text line, wide gaps as two spaces.

    Characters whose font has no Unicode map come out as U+FFFD, which ``text_layer_usable``
    counts against the page (such a layer is garbage and the page is read by OCR instead).
    """
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return ""
        raw = textpage.get_text_range(0, n)
        tp = textpage.raw
        chars, boxes, spaced = [], [], []
        rect = pdfium_c.FS_RECTF()
        space = 0
        for i in range(min(n, len(raw))):
            ch = raw[i]
            if ch.isspace() or pdfium_c.FPDFText_IsGenerated(tp, i) == 1:
                # a space typed into the document (not one pdfium made up for a gap) separates words
                space += ch in " \u3000" and pdfium_c.FPDFText_IsGenerated(tp, i) != 1
                continue
            # the loose box spans the glyph's whole advance: a full-width ，。 then touches its
            # neighbours instead of leaving a gap that would read as a space
            if not pdfium_c.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect)):
                continue
            if pdfium_c.FPDFText_HasUnicodeMapError(tp, i) == 1:
                ch = "\ufffd"
            chars.append(ch)
            boxes.append((rect.left, rect.bottom, rect.right, rect.top))
            spaced.append(space)
            space = 0
    finally:
        textpage.close()
    if not chars:
        return ""
    return _assemble(chars, np.array(boxes, dtype=float), spaced)


_TYPED = "\x01"
_TYPED_RUN = re.compile("\x01+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _typed_spaces(line: str) -> str:
    """Typed spaces between Chinese words separate fields (当事人：某公司 统一社会信用代码) and are kept
    as two spaces, which ``normalize`` keeps; letter-spacing (当 事 人) and a space between Chinese
    and digits (3月 12日) stay single, which ``normalize`` drops."""
    if _TYPED not in line:
        return line

    def repl(m: re.Match) -> str:
        left, right = line[: m.start()], line[m.end():]
        l_word = re.split(r"[ \x01]", left)[-1]
        r_word = re.split(r"[ \x01]", right)[0]
        if len(m.group(0)) >= 2:
            return "  "
        if l_word and r_word and _HAN.match(l_word[-1]) and _HAN.match(r_word[0]) \
                and len(l_word) >= 2 and len(r_word) >= 2:
            return "  "
        return " "

    return _TYPED_RUN.sub(repl, line)


def _assemble(chars: list[str], boxes: np.ndarray, spaced: list[int] | None = None) -> str:
    """Group characters into lines by vertical overlap, order them, and space them by their gaps."""
    heights = np.maximum(boxes[:, 3] - boxes[:, 1], 1e-3)
    centres = (boxes[:, 1] + boxes[:, 3]) / 2.0
    order = np.argsort(-centres, kind="stable")
    lines: list[list[int]] = []
    band = (0.0, 0.0)
    for i in order:
        c, h = centres[i], heights[i]
        if lines and band[0] - 0.2 * h <= c <= band[1] + 0.2 * h:
            lines[-1].append(int(i))
        else:
            lines.append([int(i)])
            band = (boxes[i, 1], boxes[i, 3])
    out = []
    for idx in lines:
        idx.sort(key=lambda k: boxes[k, 0])
        h = float(np.median(heights[idx]))
        parts = [chars[idx[0]]]
        for a, b in zip(idx, idx[1:], strict=False):
            gap = boxes[b, 0] - boxes[a, 2]
            if gap > 1.5 * h:
                parts.append("  ")
            elif spaced and spaced[b] and b == a + 1:
                parts.append(_TYPED * min(spaced[b], 2))
            elif gap > 0.2 * h:
                parts.append(" ")
            parts.append(chars[b])
        out.append(_typed_spaces("".join(parts)))
    return "\n".join(out)


def image_cover(page: "pdfium.PdfPage") -> float:
    """Largest share of the page covered by one image object (a scan covers ~1.0)."""
    w, h = page.get_size()
    area = float(w * h) or 1.0
    best = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 renamed get_pos
        try:
            left, bottom, right, top = bounds()
        except Exception:  # noqa: BLE001 - an object without bounds covers nothing we can measure
            continue
        cw = max(min(right, w) - max(left, 0.0), 0.0)
        ch = max(min(top, h) - max(bottom, 0.0), 0.0)
        best = max(best, cw * ch / area)
    return best
