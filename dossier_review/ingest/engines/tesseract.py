"""The Tesseract executable as an OCR engine: the subprocess call and its hOCR output, nothing else.

Every Tesseract started from this process runs single-threaded (``OMP_THREAD_LIMIT=1``): its own
OpenMP threads make a page 5-8x slower when every core already runs a pool worker.  The page goes
to Tesseract as an uncompressed PGM: writing a PNG of an A4 page at 300 dpi costs ~0.4 s, the PGM
a few milliseconds.
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

from ...errors import MissingDependencyError

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
# every Tesseract started from this process runs single-threaded
os.environ["OMP_THREAD_LIMIT"] = "1"
_OCR_ENV = {**os.environ}


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



def rows(gray: np.ndarray, dpi: int, psm: int = PSM, lang: str = LANG,
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
    """Word rows (see ``rows``) of Tesseract's hOCR output."""
    parser = _HocrWords()
    parser.feed(text)
    parser.close()
    return parser.rows




def read_lines(gray: np.ndarray, boxes: list[list[int]], lang: str = LANG) -> list[tuple[str, float]]:
    """Each line region read on its own in single-line mode (psm 7)."""
    out = []
    for x0, y0, x1, y1 in boxes:
        crop = gray[max(int(y0), 0):int(y1), max(int(x0), 0):int(x1)]
        if crop.size == 0:
            out.append(("", 0.0))
            continue
        words = [r for r in rows(crop, 300, 7, lang=lang) if r["text"].strip()]
        text = "".join(r["text"] for r in words)
        n = sum(len(r["text"]) for r in words)
        conf = sum(max(float(r["conf"]), 0.0) / 100.0 * len(r["text"]) for r in words) / n if n else 0.0
        out.append((text, conf))
    return out


class TesseractEngine:
    """The ``Engine`` interface over the executable (``ingest.engines``)."""

    name = "tesseract"

    def available(self) -> bool:
        try:
            tesseract_info()
        except MissingDependencyError:
            return False
        return True

    def version(self) -> str:
        return tesseract_info().version

    def read_page(self, gray: np.ndarray, dpi: int, psm: int = PSM) -> list[dict]:
        return rows(gray, dpi, psm)

    def read_lines(self, gray: np.ndarray, boxes: list[list[int]]) -> list[tuple[str, float]]:
        return read_lines(gray, boxes)


ENGINE = TesseractEngine()
