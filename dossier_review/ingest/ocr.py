"""OCR of one page image: seal detection, straightening, Tesseract, word boxes and confidence.

Runs inside pool workers, one Tesseract process at a time per worker with
``OMP_THREAD_LIMIT=1`` (Tesseract's own OpenMP threads make a page 5–8× slower when every core
already runs a worker).  The page goes to Tesseract as an uncompressed PGM: writing a PNG of an
A4 page at 300 dpi costs ~0.4 s, the PGM a few milliseconds.
"""
from __future__ import annotations

import functools
import html.parser
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

import cv2
import numpy as np

from ..errors import MissingDependencyError
from . import ink as _ink
from . import margin as _margin
from . import rules as _rules
from . import seal as _seal
from . import straighten

LANG = "chi_sim"
# page numbers left unread by the page reader are read again with this model (``margin``)
DIGITS_LANG = "eng"
# psm 3 (automatic layout, no OSD) reads official documents with tables best
# (`bench/ingest.py --psm 3 4 6 11`, CER after straightening and seal removal):
#   决定书 + 送达 table + seal: psm3 3.7 %, psm4 3.9 %, psm6 12.2 %, psm11 13.4 %
#   立案审批表-style form:       psm3 1.4 %, psm4 0.7 %, psm6 30.0 %, psm11 1.4 %
#   询问笔录 at 11 pt:           psm3 3.5 %, psm4 3.5 %, psm6 3.5 %,  psm11 14.0 %
# psm 4 is as accurate but ~30 % slower; psm 1 adds OSD at the cost of a second full pass.
PSM = 3
LOW_CONFIDENCE = 0.6
# the window (fractions of the page's height and width: about four lines, half the text width)
# whose reading both ways settles an unsure up/down decision.  Forced on all 127 scanned sample
# pages, each handed over both ways round, it decides 254/254 right (smallest confidence margin
# 0.22, the decision needs 0.05).  Per check it takes ~1.0 s against ~1.3 s for the former
# full-width band (0.10 x 1.0); a smaller window (0.05 x 0.35, ~0.6 s) also decided 254/254 but
# with a margin of only 0.07 on a photo page (`bench/ingest.py --updown`)
_CHECK_STRIP = 0.08
_CHECK_WIDTH = 0.5
# every Tesseract started from this process runs single-threaded
os.environ["OMP_THREAD_LIMIT"] = "1"
_OCR_ENV = {**os.environ}
# one OpenCV thread per worker for the same reason: the pool already fills every core
cv2.setNumThreads(1)


@dataclass
class TesseractInfo:
    path: str
    version: str
    langs: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def tesseract_info() -> TesseractInfo:
    """Locate tesseract and its chi_sim data, or raise MissingDependencyError saying how to install."""
    exe = os.environ.get("TESSERACT_CMD") or shutil.which("tesseract")
    if not exe:
        raise MissingDependencyError(
            "tesseract is not installed; install it (Debian/Ubuntu: apt-get install tesseract-ocr "
            "tesseract-ocr-chi-sim) or run scripts/setup.sh")
    try:
        ver = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, env=_OCR_ENV)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, env=_OCR_ENV)
    except (OSError, subprocess.SubprocessError) as exc:
        raise MissingDependencyError(f"tesseract at {exe} cannot be run: {exc}") from exc
    version = (ver.stdout or ver.stderr).splitlines()[0].strip() if (ver.stdout or ver.stderr) else "tesseract ?"
    names = tuple(l.strip() for l in langs.stdout.splitlines()[1:] if l.strip())
    if LANG not in names:
        raise MissingDependencyError(
            f"tesseract has no {LANG} language data (found: {', '.join(names) or 'none'}); "
            "install tesseract-ocr-chi-sim or put chi_sim.traineddata in TESSDATA_PREFIX")
    return TesseractInfo(exe, version, names)


def _lines_from_tsv(rows: list[dict]) -> tuple[str, list[tuple], float]:
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


def run_tesseract(gray: np.ndarray, dpi: int, psm: int = PSM) -> tuple[str, list[dict], float]:
    """Tesseract on a grey page: (raw text, word boxes, confidence 0..1)."""
    return _lines_from_tsv(_tesseract_rows(gray, dpi, psm))


def _tesseract_rows(gray: np.ndarray, dpi: int, psm: int = PSM, lang: str = LANG,
                    config: str = "") -> list[dict]:
    """Tesseract's words as TSV-like rows (level "5"; every value a string as in its TSV output),
    each with ``chars``: (confidence 0..1, box) of every character.

    The reading is taken as hOCR with character boxes because Tesseract's word confidence rates
    its word split as well, which means nothing in Chinese: "《上" reads at 0.75 as a word while
    both of its characters read at 0.97 and 0.99.
    """
    info = tesseract_info()
    with tempfile.TemporaryDirectory(prefix="dr-ocr-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        cv2.imwrite(src, gray)
        # Tesseract is run directly: pytesseract imports pandas in every pool worker (~0.35 s of
        # CPU a worker, 4 % of the OCR time of a short scan) and copies its output through files
        cmd = [info.path, src, "stdout", "-l", lang, "--psm", str(int(psm)), "--dpi", str(int(dpi)),
               "-c", "hocr_char_boxes=1", *config.split(), "hocr"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=600, env=_OCR_ENV)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError("tesseract took more than 600 s on one page image") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed (exit {done.returncode}): {err[-1] if err else 'no message'}")
    return parse_hocr(done.stdout.decode("utf-8", "replace"))


class _HocrWords(html.parser.HTMLParser):
    """The words of an hOCR page with their block, paragraph and line numbers and characters."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.block = self.par = self.line = 0
        self.word: dict | None = None
        self.char: list | None = None
        self.depth: list[str] = []

    @staticmethod
    def _title(attrs) -> dict:
        out = {}
        for part in (dict(attrs).get("title") or "").split(";"):
            bits = part.strip().split()
            if bits:
                out[bits[0]] = bits[1:]
        return out

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        self.depth.append(cls)
        if cls == "ocr_carea":
            self.block += 1
        elif cls == "ocr_par":
            self.par += 1
        elif cls in ("ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"):
            self.line += 1
        elif cls == "ocrx_word":
            t = self._title(attrs)
            x0, y0, x1, y1 = (int(v) for v in t.get("bbox", ["0"] * 4)[:4])
            conf = t.get("x_wconf", ["-1"])[0]
            self.word = {"level": "5", "block_num": str(self.block), "par_num": str(self.par),
                         "line_num": str(self.line), "left": str(x0), "top": str(y0),
                         "width": str(x1 - x0), "height": str(y1 - y0), "conf": conf, "text": "",
                         "chars": []}
        elif cls == "ocrx_cinfo" and self.word is not None:
            t = self._title(attrs)
            box = [int(v) for v in t.get("x_bboxes", [])[:4]]
            conf = float(t.get("x_conf", ["0"])[0]) / 100.0
            self.char = [conf, box if len(box) == 4 else None, ""]

    def handle_endtag(self, tag):
        cls = self.depth.pop() if self.depth else ""
        if cls == "ocrx_cinfo" and self.char is not None and self.word is not None:
            if self.char[2]:
                self.word["chars"].append((round(self.char[0], 4), self.char[1], self.char[2]))
            self.char = None
        elif cls == "ocrx_word" and self.word is not None:
            if self.word["text"].strip():
                self.rows.append(self.word)
            self.word = None

    def handle_data(self, data):
        if self.char is not None:
            self.char[2] += data
            self.word["text"] += data
        elif self.word is not None and data.strip():
            self.word["text"] += data.strip()


def parse_hocr(text: str) -> list[dict]:
    """Word rows (see ``_tesseract_rows``) of Tesseract's hOCR output."""
    parser = _HocrWords()
    parser.feed(text)
    parser.close()
    return parser.rows


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


def _reread_under_seals(gray: np.ndarray, dpi: int, rows: list[dict], boxes: list[list[int]]) -> tuple[list[dict], int]:
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
    again = _word_rows(_tesseract_rows(stack, dpi, 6))
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


def _rows_from_words(words: list[dict]) -> str:
    """Text lines rebuilt from word boxes: words whose vertical centres fall in one band form a
    line, left to right; a gap wider than two characters becomes two spaces."""
    if not words:
        return ""
    ws = sorted(words, key=lambda w: w["top"] + w["height"] / 2.0)
    rows: list[list[dict]] = []
    for w in ws:
        centre = w["top"] + w["height"] / 2.0
        if rows:
            last = rows[-1]
            band_c = float(np.median([x["top"] + x["height"] / 2.0 for x in last]))
            band_h = float(np.median([x["height"] for x in last]))
            if abs(centre - band_c) <= 0.5 * max(band_h, w["height"]):
                last.append(w)
                continue
        rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["left"])
        h = float(np.median([w["height"] for w in row])) or 1.0
        parts = [row[0]["text"]]
        for a, b in zip(row, row[1:], strict=False):
            parts.append("  " if b["left"] - (a["left"] + a["width"]) > 2.0 * h else " ")
            parts.append(b["text"])
        out.append("".join(parts))
    return "\n".join(out)


def _text_strip(gray: np.ndarray, dpi: int) -> np.ndarray:
    """The window of the page densest in character-sized marks (see ``_text_window``)."""
    top, left, bottom, right = _text_window(gray, dpi)
    return gray[top:bottom, left:right]


def _text_window(gray: np.ndarray, dpi: int) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the window of the page densest in character-sized marks, for
    a quick two-way reading test.

    Photos and filled boxes are left out: they are the densest ink on an evidence page but hold
    nothing to read.  The window is a few lines by half the width: fewer characters to read than
    a full-width band, and a few dozen tell upright from upside-down text as well
    (`bench/ingest.py --updown`).
    """
    h, w = gray.shape[:2]
    band, width = max(int(h * _CHECK_STRIP), 1), max(int(w * _CHECK_WIDTH), 1)
    scale = min(1.0, straighten.WORK_DPI / float(dpi))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = straighten.ink_mask(small)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    limit = 0.4 * straighten.WORK_DPI  # 10 mm: larger blobs are not characters
    keep = (stats[:, cv2.CC_STAT_WIDTH] < limit) & (stats[:, cv2.CC_STAT_HEIGHT] < limit)
    keep[0] = False
    marks = keep[labels].astype(np.uint8)
    sh, sw = min(max(int(band * scale), 1), marks.shape[0]), min(max(int(width * scale), 1), marks.shape[1])
    total = cv2.integral(marks)  # (H+1) x (W+1) running sums
    sums = total[sh:, sw:] - total[:-sh, sw:] - total[sh:, :-sw] + total[:-sh, :-sw]
    y, x = np.unravel_index(int(np.argmax(sums)), sums.shape)
    top, left = int(y / scale), int(x / scale)
    return top, left, min(top + band, h), min(left + width, w)


def _two_way_confidence(a: np.ndarray, b: np.ndarray, dpi: int) -> tuple[float, float]:
    """Mean word confidence of the densest text strip read as in ``a`` and as in ``b`` (``a``
    turned half a turn).

    The window is chosen on ``a`` and the same stretch of text cut from ``b``: chosen on each
    page by itself, ties between equally dense windows may pick different text, and the test
    would compare a good stretch one way with a poor one the other.  Both strips go to one
    Tesseract call (stacked, a white gap between) to pay its start-up once.
    """
    top, left, bottom, right = _text_window(a, dpi)
    sa = a[top:bottom, left:right]
    if b.shape == a.shape:
        h, w = a.shape[:2]
        sb = b[h - bottom:h - top, w - right:w - left]
    else:
        sb = _text_strip(b, dpi)
    width = max(sa.shape[1], sb.shape[1])
    paper = int(np.percentile(a[::16, ::16], 90))
    gap = np.full((max(dpi // 3, 20), width), paper, np.uint8)

    def pad(x):
        return np.pad(x, ((0, 0), (0, width - x.shape[1])), constant_values=paper)

    stacked = np.vstack([pad(sa), gap, pad(sb)])
    _, words, _ = run_tesseract(stacked, dpi, 6)
    split = sa.shape[0] + gap.shape[0] / 2.0

    def mean(ws):
        n = sum(len(w["text"]) for w in ws)
        return sum(w["conf"] * len(w["text"]) for w in ws) / n if n else 0.0

    top = [w for w in words if w["top"] + w["height"] / 2.0 < split]
    bottom = [w for w in words if w["top"] + w["height"] / 2.0 >= split]
    return mean(top), mean(bottom)


def _read(page: np.ndarray, dpi: int, psm: int, boxes: list[list[int]],
          table: _rules.Grid | None) -> tuple[str, list[dict], float]:
    """One Tesseract reading of a straightened page: lines under seals cleaned, and a dense
    table (``table``: its rules on ``page``) read without its horizontal rules and put back
    together row by row."""
    if table is not None:
        page = _rules.erase(page, table, vertical=False)
    if boxes:
        rows, _ = _reread_under_seals(page, dpi, _tesseract_rows(page, dpi, psm), boxes)
        raw, words, conf = _lines_from_tsv(rows)
    else:
        raw, words, conf = run_tesseract(page, dpi, psm)
    if table is not None and words:
        # without its rules Tesseract orders a table's cells column by column; rows are what a
        # reader (and the later stages) need
        raw = _rows_from_words(words)
    return raw, words, conf


def process_image(rgb: np.ndarray, dpi: int, psm: int = PSM) -> dict:
    """Everything ingest learns from one page image; plain data for the cache and the pool.

    One Tesseract reading per page as a rule: whether a page is a dense ruled table is decided
    from the image beforehand (``rules``), and the up/down check reads a strip only when the
    cheap cues are unsure or the reading came out poor.
    """
    warnings: list[str] = []
    if rgb.ndim == 2:
        gray = rgb
        seals: list[list[int]] = []
        seal_looked = False
    else:
        seals = _seal.find_seals(rgb, dpi)
        seal_looked = True
        gray = cv2.cvtColor(np.ascontiguousarray(rgb[..., :3]), cv2.COLOR_RGB2GRAY)
        gray = _seal.whiten_seals(gray, rgb, seals)
    orient = straighten.detect(gray, dpi)
    upright = straighten.apply(gray, orient)
    checked = False
    if not orient.sure:
        flipped_o = _flip(orient)
        flipped = straighten.apply(gray, flipped_o)
        c_keep, c_flip = _two_way_confidence(upright, flipped, dpi)
        checked = abs(c_flip - c_keep) >= 0.05  # a strip without readable text settles nothing
        if c_flip > c_keep + 0.05:
            orient, upright = flipped_o, flipped
    grid = _rules.find(upright, dpi)
    table = grid if grid.dense else None

    def boxes_for(o: straighten.Orientation) -> list[list[int]]:
        return [_transform_box(b, gray.shape, o) for b in seals]

    raw, words, conf = _read(upright, dpi, psm, boxes_for(orient), table)
    if words and conf < LOW_CONFIDENCE and not checked and abs(orient.score) < 0.5:
        # weak up/down evidence and a poor reading: check the other way up on a strip first
        # (a low confidence is far more often a poor scan than an upside-down page)
        flipped_o = _flip(orient)
        flipped = straighten.apply(gray, flipped_o)
        c_keep, c_flip = _two_way_confidence(upright, flipped, dpi)
        if c_flip > c_keep + 0.1:
            flipped_grid = _rules.find(flipped, dpi) if table is not None else None
            raw2, words2, conf2 = _read(flipped, dpi, psm, boxes_for(flipped_o), flipped_grid)
            if conf2 > conf:
                orient, upright, raw, words, conf = flipped_o, flipped, raw2, words2, conf2
                table = flipped_grid
    removed = table is not None
    if words and conf < LOW_CONFIDENCE:
        # a poor reading of a table the image test left alone (or wrongly took for a dense one):
        # read once more the other way and keep that reading when it is clearly better
        if removed:
            raw2, words2, conf2 = _read(upright, dpi, psm, boxes_for(orient), None)
            if conf2 > conf + 0.1:
                raw, words, conf, removed = raw2, words2, conf2, False
        else:
            unruled = _remove_rules(upright, dpi)
            if unruled is not None:
                raw2, words2, conf2 = run_tesseract(unruled, dpi, psm)
                if conf2 > conf + 0.1:
                    raw, words, conf, removed = _rows_from_words(words2), words2, conf2, True
    if removed and words:
        warnings.append("table rules removed for OCR; lines rebuilt row by row")
    if not words:
        conf = 0.0
        scale = min(1.0, straighten.WORK_DPI / float(dpi))
        if straighten._char_size(straighten.ink_mask(cv2.resize(gray, None, fx=scale, fy=scale))) == 0:
            conf = 1.0  # a blank page is read with certainty: there is nothing on it
            warnings.append("blank page")
        else:
            warnings.append("no text recognised")
    elif conf < LOW_CONFIDENCE:
        warnings.append(f"low OCR confidence {conf:.2f}")
    box = _transform_box(seals[0], gray.shape, orient) if seals else None
    unread = _ink.unread_marks(upright, words, dpi)
    if words:
        # the page number: a figure left unread at the foot, or a doubted word there, read again
        number = _margin.read_foot_number(upright, unread, words, dpi, _read_digits)
        if number is not None:
            words = words + [number]
            raw = f"{raw}\n\n{number['text']}"
            unread = _ink.unread_marks(upright, words, dpi)
        elif (fixed := _margin.reread_foot_words(upright, words, dpi, _read_digits)) is not None:
            old, number = fixed
            words = [w for w in words if not any(w is o for o in old)] + [number]
            raw = _margin.replace_last_line(raw, old, number["text"])
    return {
        "raw_text": raw, "words": words, "confidence": round(conf, 4),
        "width": int(upright.shape[1]), "height": int(upright.shape[0]),
        "rotation": int(orient.rotation), "skew": float(orient.skew),
        "red_seal": bool(seals) if seal_looked else None, "red_seal_box": box, "warnings": warnings,
        # what is written but was not read, so that "nothing there" can be told from "unread"
        "unread_marks": unread,
    }


def _read_digits(crop: np.ndarray, dpi: int) -> list[dict]:
    """One line of figures (a page number) on its own: the English model with only digits allowed
    reads a lone figure that the Chinese page reader passes over."""
    if DIGITS_LANG not in tesseract_info().langs:
        return []   # installed by scripts/setup.sh; without it page numbers stay unread marks
    rows = _tesseract_rows(crop, dpi, 7, lang=DIGITS_LANG, config="-c tessedit_char_whitelist=0123456789")
    return _lines_from_tsv(rows)[1]


def _remove_rules(gray: np.ndarray, dpi: int) -> np.ndarray | None:
    """``gray`` with ruled lines (longer than 15 mm) painted paper-white; None when it has none."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(int(dpi * 0.6), 20)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    rules = cv2.bitwise_or(horiz, vert)
    if cv2.countNonZero(rules) < length * 4:  # not even a small table
        return None
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[rules > 0] = int(np.percentile(gray[::16, ::16], 90))
    return out


def _flip(o: straighten.Orientation) -> straighten.Orientation:
    return straighten.Orientation((o.rotation + 180) % 360, o.skew, False, -o.score)


def _transform_box(box: list[int], shape: tuple[int, int], orient: straighten.Orientation) -> list[int]:
    """A box of the original image in the coordinates of the straightened image."""
    h, w = shape[:2]
    x, y, bw, bh = box
    pts = np.array([[x, y], [x + bw, y], [x, y + bh], [x + bw, y + bh]], dtype=float)
    for _ in range(orient.rotation // 90):
        # np.rot90 (counter-clockwise): (x, y) -> (y, W - 1 - x); the new width is the old height
        pts = np.stack([pts[:, 1], w - 1 - pts[:, 0]], axis=1)
        w, h = h, w
    if orient.skew:
        m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), orient.skew, 1.0)
        pts = np.hstack([pts, np.ones((4, 1))]) @ m.T
    x0, y0 = np.clip(pts.min(axis=0), 0, None)
    x1, y1 = pts.max(axis=0)
    return [int(x0), int(y0), int(min(x1, w) - x0), int(min(y1, h) - y0)]


# --------------------------------------------------------------------------- pool side

_DOCS: dict[str, object] = {}
_DOCS_PID = os.getpid()


def _pdf_doc(path: str):
    import pypdfium2 as pdfium

    global _DOCS_PID
    if _DOCS_PID != os.getpid():
        # a forked pool worker: documents opened by the parent share its file offsets, and two
        # workers reading through them at once would get each other's bytes; open our own
        _DOCS.clear()
        _DOCS_PID = os.getpid()
    doc = _DOCS.get(path)
    if doc is None:
        if len(_DOCS) > 4:
            close_docs()
        doc = _DOCS[path] = pdfium.PdfDocument(path)
    return doc


def close_docs() -> None:
    for d in _DOCS.values():
        try:
            d.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass
    _DOCS.clear()


def render_pdf_page(path: str, index: int, dpi: float, grey: bool = False) -> np.ndarray:
    page = _pdf_doc(path)[index]
    # pdfium writes BGR unless asked for RGB; asking saves reordering ~26 MB per A4 page
    bitmap = page.render(scale=dpi / 72.0, grayscale=grey, rev_byteorder=True)
    arr = bitmap.to_numpy()
    if arr.ndim == 3 and bitmap.mode.startswith("BGR"):  # a pdfium that ignored the request
        arr = arr[..., 2::-1]
    if arr.ndim == 3 and arr.shape[2] > 3 or not arr.flags["C_CONTIGUOUS"]:
        arr = np.ascontiguousarray(arr[..., :3] if arr.ndim == 3 else arr)
    return arr


def load_image_frame(path: str, index: int) -> tuple[np.ndarray, int]:
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im.seek(index)
        dpi = im.info.get("dpi", (0, 0))[0] or 0
        # phone photos store their orientation in EXIF instead of turning the pixels
        frame = ImageOps.exif_transpose(im) if index == 0 else im
        frame = frame.convert("L") if frame.mode in ("1", "L", "I;16", "I") else frame.convert("RGB")
        arr = np.asarray(frame)
    return arr, int(round(float(dpi))) if dpi else 0


def ocr_task(task: dict) -> dict:
    """Pool entry point: render or load the page, then ``process_image``."""
    dpi = int(task["dpi"])
    if task["kind"] == "pdf":
        img = render_pdf_page(task["path"], task["index"], dpi)
    else:
        img, file_dpi = load_image_frame(task["path"], task["index"])
        # images carry their own resolution; guess from the size of an A4 sheet when they do not
        # 72/96 dpi are what cameras and editors write by default, not a scan resolution
        dpi = file_dpi if 100 < file_dpi <= 1200 else _guess_dpi(img.shape)
    result = process_image(img, dpi, task.get("psm", PSM))
    result["dpi"] = dpi
    return result


def _guess_dpi(shape: tuple[int, ...]) -> int:
    """Resolution as if the image showed an A4 sheet (the usual case file page)."""
    long_px = max(shape[0], shape[1])
    return int(min(max(round(long_px / 11.69), 70), 1200))
