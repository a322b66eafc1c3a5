"""Views of a document's text that the extractors share, and Chinese-number parsing.

Extractors work on compacted views (whitespace removed) so that OCR spacing and table layouts
do not break patterns, but every match is mapped back to an offset of ``Document.text`` so the
page number and the quote come from the real page text.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Optional

import cn2an

from dossier_review.lib.canon import canon  # noqa: F401 - re-exported for the extractors
from dossier_review.model import Document, Evidence

from .ocrconf import nothing_written_after

QUOTE_MAX = 120

_WS = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000]")

CN_DIGITS = "〇零○Ｏ一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟萬亿億"
CN_NUM = f"[{CN_DIGITS}]"

SENT_END = "。！？；!?"


def _compact(text: str, keep_newlines: bool) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            if not keep_newlines:
                continue
        elif _WS.match(ch):
            continue
        out.append(ch)
        idx.append(i)
    idx.append(len(text))
    return "".join(out), idx


def to_int(token: str) -> Optional[int]:
    """An integer written in Arabic or Chinese numerals (第一百二十五, 十五, 二〇二四, 两)."""
    if token is None:
        return None
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    token = token.replace("○", "〇").replace("Ｏ", "〇").replace("萬", "万").replace("億", "亿")
    try:
        value = cn2an.cn2an(token, "smart")
    except Exception:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class DocText:
    """One document's text with a line view and a flat (no line breaks) view.

    ``lines`` keeps line breaks (label: value rows end at a line break); ``flat`` drops them
    (a sentence of a decision runs over several lines).  Offsets of both map back to
    ``Document.text`` through ``lmap`` / ``fmap``.
    """

    def __init__(self, doc: Document, cconf=None, pages: Optional[dict] = None):
        self.doc = doc
        # per-character OCR confidence of ``doc.text`` (ocrconf.CharConf), None for a text layer
        self.cconf = cconf
        self.pages = pages or {}   # page number -> Page, for questions about the page image
        self.text = doc.text or ""
        c = canon(self.text)
        self.lines, self.lmap = _compact(c, keep_newlines=True)
        self.flat, self.fmap = _compact(c, keep_newlines=False)
        # span boundaries in Document.text, so quotes never run over onto another page
        self._bounds: list[tuple[int, int, int]] = []
        pos = 0
        for span in doc.spans:
            length = span.end - span.start
            self._bounds.append((pos, pos + length, span.page))
            pos += length + 1

    # ------------------------------------------------------------------ positions
    def orig_f(self, pos: int) -> int:
        return self.fmap[min(max(pos, 0), len(self.fmap) - 1)]

    def orig_l(self, pos: int) -> int:
        return self.lmap[min(max(pos, 0), len(self.lmap) - 1)]

    def l2f(self, pos: int) -> int:
        """Flat offset of a line-view offset (first flat char at or after it)."""
        import bisect
        return bisect.bisect_left(self.fmap, self.orig_l(pos))

    def page_f(self, pos: int) -> int:
        return self.doc.page_of(self.orig_f(pos))

    def page_l(self, pos: int) -> int:
        return self.doc.page_of(self.orig_l(pos))

    # ------------------------------------------------------------------ quotes
    def _quote_orig(self, a: int, b: int) -> str:
        if self._bounds:
            for lo, hi, _ in self._bounds:
                if lo <= a <= hi:
                    b = min(b, hi)
                    break
        s = self.text[a:b].replace("\n", "")
        s = re.sub(r"\s{2,}", " ", s).strip()
        return s

    def quote_f(self, start: int, end: int, pad: int = 0) -> str:
        start = max(0, start - pad)
        end = min(len(self.flat), end + pad)
        if end - start > QUOTE_MAX:
            end = start + QUOTE_MAX
        a = self.orig_f(start)
        b = self.fmap[end - 1] + 1 if end > start else a
        return self._quote_orig(a, b)[:QUOTE_MAX]

    def quote_l(self, start: int, end: int) -> str:
        if end - start > QUOTE_MAX:
            end = start + QUOTE_MAX
        a = self.orig_l(start)
        b = self.lmap[end - 1] + 1 if end > start else a
        return self._quote_orig(a, b)[:QUOTE_MAX]

    def _conf(self, positions: list[int]) -> Optional[float]:
        if self.cconf is None:
            return None
        return round(self.cconf.over(positions), 3)

    def conf_f(self, start: int, end: int) -> Optional[float]:
        """OCR confidence of flat[start:end] (None for a text layer; see ocrconf)."""
        return self._conf(self.fmap[max(0, start):max(0, min(end, len(self.flat)))])

    def _box(self, positions: list[int]) -> Optional[list[float]]:
        """Where the characters at ``positions`` (of ``Document.text``) stand on their page image:
        [x0, y0, x1, y1] in page fractions, the union of their OCR boxes on the page most of them
        are on; None for a text layer or when none was placed.  A second engine re-reads exactly
        this region (the second opinion), so it covers the characters the fact rests on."""
        if self.cconf is None:
            return None
        boxes = [self.cconf.box[i] for i in positions if i < len(self.cconf.box) and self.cconf.box[i] is not None]
        if not boxes:
            return None
        pages = [b[4] for b in boxes]
        page_no = max(set(pages), key=pages.count)
        page = self.pages.get(page_no)
        if page is None or not page.width or not page.height:
            return None
        on = [b for b in boxes if b[4] == page_no]
        x0, y0 = min(b[0] for b in on), min(b[1] for b in on)
        x1, y1 = max(b[2] for b in on), max(b[3] for b in on)
        return [round(max(0.0, x0 / page.width), 4), round(max(0.0, y0 / page.height), 4),
                round(min(1.0, x1 / page.width), 4), round(min(1.0, y1 / page.height), 4)]

    def box_f(self, start: int, end: int) -> Optional[list[float]]:
        """Page-fraction box of flat[start:end] on its page image (see ``_box``)."""
        return self._box(self.fmap[max(0, start):max(0, min(end, len(self.flat)))])

    def read_f(self, start: int, end: int) -> Optional[str]:
        """flat[start:end] as OCR read it, for a second reading to be compared with; None for a
        text layer."""
        return self.flat[max(0, start):max(0, end)] if self.cconf is not None else None

    def read_l(self, start: int, end: int) -> Optional[str]:
        return self.lines[max(0, start):max(0, end)].replace("\n", "") if self.cconf is not None else None

    def box_l(self, start: int, end: int) -> Optional[list[float]]:
        return self._box([i for i, ch in zip(self.lmap[max(0, start):max(0, min(end, len(self.lines)))],
                                             self.lines[max(0, start):end], strict=False) if ch != "\n"])

    def conf_l(self, start: int, end: int) -> Optional[float]:
        return self._conf([i for i, ch in zip(self.lmap[max(0, start):max(0, min(end, len(self.lines)))],
                                              self.lines[max(0, start):end], strict=False) if ch != "\n"])

    def blank_after_l(self, pos: int) -> Optional[bool]:
        """Whether nothing is written after the character at line-view offset ``pos`` (a label's
        last character) on the scanned page (see ocrconf.nothing_written_after); None when it
        cannot be told (text layer, character not placed, page not searched for marks)."""
        if self.cconf is None:
            return None
        i = self.orig_l(pos)
        box = self.cconf.box[i] if i < len(self.cconf.box) else None
        if box is None or box[4] not in self.pages:
            return None
        return nothing_written_after(self.pages[box[4]], box)

    def ev_f(self, start: int, end: int, pad: int = 0, subject: Optional[tuple[int, int]] = None) -> Evidence:
        """Evidence quoting flat[start-pad:end+pad]; its confidence is that of ``subject``
        (default: start..end), the characters the fact rests on."""
        a, b = subject or (start, end)
        return Evidence(page=self.page_f(start), quote=self.quote_f(start, end, pad), conf=self.conf_f(a, b),
                        box=self.box_f(a, b), read=self.read_f(a, b))

    def ev_l(self, start: int, end: int, subject: Optional[tuple[int, int]] = None) -> Evidence:
        a, b = subject or (start, end)
        return Evidence(page=self.page_l(start), quote=self.quote_l(start, end), conf=self.conf_l(a, b),
                        box=self.box_l(a, b), read=self.read_l(a, b))

    # ------------------------------------------------------------------ sentences
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) in ``flat`` of each sentence (ended by 。！？；)."""
        out = []
        start = 0
        for m in re.finditer(rf"[{SENT_END}]", self.flat):
            if m.end() - start > 1:
                out.append((start, m.end()))
            start = m.end()
        if len(self.flat) - start > 1:
            out.append((start, len(self.flat)))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        # sentences are in order and do not overlap: a bisection, not a walk over all of them
        # (a walk per citation was quadratic on a page of thousands of sentences)
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        if k >= 0:
            s, e = self.sentences[k]
            if s <= pos < e:
                return s, e
        return max(0, pos - 60), min(len(self.flat), pos + 60)

    @cached_property
    def line_spans(self) -> list[tuple[int, int]]:
        out = []
        pos = 0
        for line in self.lines.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    def sentence_quote(self, pos: int, focus: Optional[tuple[int, int]] = None) -> Evidence:
        """Evidence for the sentence around flat offset ``pos``, cut to QUOTE_MAX around ``focus``."""
        s, e = self.sentence_at(pos)
        if e - s > QUOTE_MAX:
            a, b = focus or (pos, pos + 1)
            mid = (a + b) // 2
            s = max(s, mid - QUOTE_MAX // 2)
            e = min(e, s + QUOTE_MAX)
        return self.ev_f(s, e, subject=focus)
