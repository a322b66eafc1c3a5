"""Word rows (``ingest.engines``) → text lines, word boxes and a page confidence, whatever the engine."""
from __future__ import annotations

import numpy as np


def lines_from_rows(rows: list[dict]) -> tuple[str, list[tuple], float]:
    """Raw text (one line per Tesseract line, wide gaps kept as two spaces), word boxes, confidence."""
    words = []
    lines: dict[tuple, list[dict]] = {}
    order: list[tuple] = []
    for r in rows:
        if r.get("level") != "5":
            continue
        text = (r.get("text") or "").strip()
        if not text:
            continue
        try:
            conf = float(r["conf"])
            left, top, width, height = (int(r[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, ValueError):
            continue
        key = (r["block_num"], r["par_num"], r["line_num"])
        if key not in lines:
            lines[key] = []
            order.append(key)
        w = {"text": text, "left": left, "top": top, "width": width, "height": height, "conf": max(conf, 0.0) / 100.0}
        chars = r.get("chars")
        if chars and "".join(c[2] for c in chars).strip() == text:
            # each character's own confidence and box (hOCR), where they make up the word
            w["chars"] = [[c[0], *(c[1] or [left, top, left + width, top + height])]
                          for c in chars if c[2].strip()]
        lines[key].append(w)
        words.append(w)
    out: list[str] = []
    prev_block = None
    for key in order:
        ws = lines[key]
        if prev_block is not None and key[0] != prev_block:
            out.append("")  # a new block (paragraph / table cell) as Tesseract's text output does
        prev_block = key[0]
        height = float(np.median([w["height"] for w in ws])) or 1.0
        parts = [ws[0]["text"]]
        for a, b in zip(ws, ws[1:], strict=False):
            gap = b["left"] - (a["left"] + a["width"])
            # a gap wider than ~2 characters separates table cells or label and value
            parts.append("  " if gap > 2.0 * height else " ")
            parts.append(b["text"])
        out.append("".join(parts))
    total = sum(len(w["text"]) for w in words)
    conf = sum(w["conf"] * len(w["text"]) for w in words) / total if total else 0.0
    return "\n".join(out), words, conf


def bands(words: list[dict]) -> list[list[dict]]:
    """Word boxes (left/top/width/height) grouped into lines, top to bottom: a word joins the line
    above when its vertical centre lies within half a height of that line's median centre; each
    line's words left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["top"] + w["height"] / 2.0):
        centre = w["top"] + w["height"] / 2.0
        if lines:
            last = lines[-1]
            band_c = float(np.median([x["top"] + x["height"] / 2.0 for x in last]))
            band_h = float(np.median([x["height"] for x in last]))
            if abs(centre - band_c) <= 0.5 * max(band_h, w["height"]):
                last.append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["left"])
    return lines


def rows_from_words(words: list[dict]) -> str:
    """Text lines rebuilt from word boxes: words whose vertical centres fall in one band form a
    line, left to right; a gap wider than two characters becomes two spaces."""
    if not words:
        return ""
    out = []
    for row in bands(words):
        h = float(np.median([w["height"] for w in row])) or 1.0
        parts = [row[0]["text"]]
        for a, b in zip(row, row[1:], strict=False):
            parts.append("  " if b["left"] - (a["left"] + a["width"]) > 2.0 * h else " ")
            parts.append(b["text"])
        out.append("".join(parts))
    return "\n".join(out)
