"""Lines under a red seal read again: rim debris dropped, doubtful lines re-read as strips.

A Tesseract repair: what is left of a whitened stamp misleads its layout analysis and line boxes.
"""
from __future__ import annotations

import numpy as np

from .engines import tesseract

# Under a seal: a line with a word below REREAD_CONF is read again on its own; a word is rim debris
# when it sits inside the seal, is far smaller than the page's characters and Tesseract doubts it;
# a line made only of words below DEBRIS_CONF inside the seal is the seal's rim text or star.
REREAD_CONF = 0.6
DEBRIS_CONF = 0.5


def _word_rows(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        if r.get("level") != "5" or not (r.get("text") or "").strip():
            continue
        try:
            w = {k: int(r[k]) for k in ("left", "top", "width", "height")}
            w["conf"] = max(float(r["conf"]), 0.0) / 100.0
        except (KeyError, ValueError):
            continue
        w["key"], w["row"] = (r["block_num"], r["par_num"], r["line_num"]), r
        out.append(w)
    return out


def _inside(w: dict, boxes: list[list[int]]) -> bool:
    cx, cy = w["left"] + w["width"] / 2.0, w["top"] + w["height"] / 2.0
    return any(x <= cx <= x + bw and y <= cy <= y + bh for x, y, bw, bh in boxes)


def reread_under_seals(gray: np.ndarray, dpi: int, rows: list[dict], boxes: list[list[int]]) -> tuple[list[dict], int]:
    """``rows`` with the lines under a seal cleaned: rim debris dropped, doubtful lines read again.

    What is left of a whitened stamp (specks of the rim, the star's outline) makes Tesseract
    take wrong line boxes and misread good characters beside it (日 as 晶).  The doubtful lines are
    cut out as strips — the band of the line's characters, as wide as the line and the seal — and
    read again, all strips in one Tesseract call (single-line mode on a stack of lines), keeping
    a re-read only where it is more confident.  Returns the rows and how many lines were re-read.
    """
    words = _word_rows(rows)
    if not words or not boxes:
        return rows, 0
    good = [w["height"] for w in words if w["conf"] >= REREAD_CONF]
    char_h = float(np.median(good)) if good else float(np.median([w["height"] for w in words]))
    lines: dict[tuple, list[dict]] = {}
    for w in words:
        lines.setdefault(w["key"], []).append(w)
    drop: set[int] = set()
    strips = []
    for key, ws in lines.items():
        inner = [w for w in ws if _inside(w, boxes)]
        if not inner:
            continue
        for w in inner:
            if w["conf"] < DEBRIS_CONF and max(w["height"], w["width"]) < 0.45 * char_h:
                drop.add(id(w["row"]))
        kept = [w for w in ws if id(w["row"]) not in drop]
        if kept and len(inner) == len(ws) and all(w["conf"] < DEBRIS_CONF for w in kept):
            drop.update(id(w["row"]) for w in kept)
            continue
        if not kept or min(w["conf"] for w in kept) >= REREAD_CONF:
            continue
        sized = [w for w in kept if 0.6 * char_h <= w["height"] <= 2.5 * char_h] or kept
        centre = float(np.median([w["top"] + w["height"] / 2.0 for w in sized]))
        y0, y1 = int(max(centre - 0.9 * char_h, 0)), int(min(centre + 0.9 * char_h, gray.shape[0]))
        x0 = int(max(min(w["left"] for w in kept) - char_h, 0))
        x1 = int(min(max(w["left"] + w["width"] for w in kept) + char_h, gray.shape[1]))
        if y1 - y0 >= 8 and x1 - x0 >= 8:
            strips.append((key, x0, y0, x1, y1))
    rows = [r for r in rows if id(r) not in drop]
    if not strips:
        return rows, 0
    paper = int(np.percentile(gray[::16, ::16], 90))
    gap = max(int(char_h * 1.5), 20)
    width = max(x1 - x0 for _, x0, _, x1, _ in strips) + 2 * gap
    parts, offsets, y = [np.full((gap, width), paper, np.uint8)], [], gap
    for _key, x0, y0, x1, y1 in strips:
        strip = np.full((y1 - y0, width), paper, np.uint8)
        strip[:, gap:gap + x1 - x0] = gray[y0:y1, x0:x1]
        parts += [strip, np.full((gap, width), paper, np.uint8)]
        offsets.append((y, y + y1 - y0))
        y += y1 - y0 + gap
    stack = np.vstack(parts)
    again = _word_rows(tesseract.rows(stack, dpi, 6))
    replaced: dict[tuple, list[dict]] = {}
    for (key, _x0, _y0, _x1, _y1), (s0, s1) in zip(strips, offsets, strict=True):
        new = [w for w in again if s0 <= w["top"] + w["height"] / 2.0 < s1]
        old = [w for w in lines[key] if id(w["row"]) not in drop]

        def conf(ws):
            n = sum(len(w["row"]["text"].strip()) for w in ws)
            return sum(w["conf"] * len(w["row"]["text"].strip()) for w in ws) / n if n else 0.0

        if new and conf(new) > conf(old) + 0.05:
            out = []
            for w in sorted(new, key=lambda w: w["left"]):
                dx, dy = x0 - gap, y0 - s0
                r = dict(w["row"], block_num=key[0], par_num=key[1], line_num=key[2],
                         left=str(w["left"] + dx), top=str(w["top"] + dy),
                         chars=[(c, [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy] if b else None, t)
                                for c, b, t in w["row"].get("chars") or ()])
                out.append(r)
            replaced[key] = out
    if not replaced:
        return rows, 0
    result, done = [], set()
    for r in rows:
        key = (r.get("block_num"), r.get("par_num"), r.get("line_num"))
        if r.get("level") == "5" and key in replaced:
            if key not in done:
                result.extend(replaced[key])
                done.add(key)
            continue
        result.append(r)
    return result, len(replaced)

