"""Pages → typed documents.

One pass over the pages keeps the document being built.  For each page it decides whether the
page starts a new document or continues the current one:

* a title line among the page's first lines (``vocabulary.yaml``, matched exactly or with a
  few OCR errors) starts a document, unless it repeats the current document's title on a
  continuation page (第2页共3页, 问/答 going on);
* an untitled page continues the current document when it says so (第2页共3页, 续页), goes on
  with 问/答, follows a page that did not close (no signature/date block at its end), or only
  holds the rest of a signature block; otherwise it is a document of its own, typed by its
  content (营业执照, 照片, 检测报告 → evidence) or ``other``;
* a page after a 卷内目录 that lists titles is more of the catalogue, never split.

Then it looks inside the page for the start of a further document: a title line after a
closing block (以下空白, a date line, 签名/盖章) or right under the agency's name, or, when
OCR lost the title, text of another type after a 落款.  The page is then split with spans and
belongs to both documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Document, Dossier, Page, PageSpan, Segmentation
from .lines import (
    CLOSURE_RE,
    CONTINUED_RE,
    DATE_RE,
    DOC_NUMBER_RE,
    END_MARK_RE,
    LOOSE_DATE_RE,
    QA_RE,
    Line,
    bare_page_numbers,
    is_date_line,
    is_form_code,
    is_page_number_line,
    meaningful,
    page_marks,
    split_lines,
    title_key,
)
from .vocabulary import (
    TitleMatch,
    Vocabulary,
    agency_line,
    default_vocabulary,
    evidence_genre,
    unknown_title,
)

# Records whose pages go on with 问/答 exchanges.
QA_TYPES = frozenset({"inquiry", "inspection", "hearing_record", "statement_record",
                      "collective_discussion"})
# Documents that never run on to an untitled page without a sign that they do.
SELF_CONTAINED = frozenset({"cover", "remarks"})
# Types whose pages may hold a following item without any closing block (证据 copies, photos).
OPEN_ENDED = frozenset({"evidence", "other"})

HEAD_LINES = 6          # a page's title is among its first meaningful lines
# A printed page holds well under a hundred lines; a page's text with more is no layout (a broken
# or hostile text layer, 1 MB on one page).  Titles inside a page are looked for in its first
# this-many lines only, which bounds the inner-split search (quadratic in the lines between two
# splits) to a page's worth of work however long the text is.
MAX_PAGE_LINES = 400
TAIL_LINES = 5          # a closing block is among the last meaningful lines before a split
LONG_LINE = 30          # longer lines are body text: the head ends there
SIGNATURE_TAIL_LINES = 10  # a page this short that only signs off continues its document
LABEL_TITLE_RE = re.compile(r"意见$")
CJK_ANY = re.compile(r"[\u3400-\u9fff]")
WRAP_TAIL = 5           # a title's last characters wrapped onto a line of their own (…调查笔 / 录)
STRONG_CONTENT = 2.0    # content score (× threshold) that overrides "not closed yet"
UNREAD_PAGE = 0.5       # OCR confidence under which an untitled page's content says nothing


@dataclass
class _PageInfo:
    page: Page
    lines: list[Line]
    has_text: bool
    marks: Optional[tuple[int, int]]
    bare: list[tuple[int, bool]]
    head: Optional[tuple[int, Optional[TitleMatch], str]]   # (line index, match or None, title)
    inner: list[tuple[int, TitleMatch, str]]
    list_like: bool
    catalog_rows: int          # lines naming a known title beside a number (目录 rows)
    head_first: Optional[int] = None   # first line of the title when it wrapped over two lines


@dataclass
class _Doc:
    type: str
    title: str
    confidence: float
    spans: list[list[int]] = field(default_factory=list)   # [page, start, end]
    closed: bool = False
    first_text: str = ""        # its text on its first page (what kind of evidence it is)


def segment(dossier: Dossier, vocabulary: Optional[Vocabulary] = None) -> Segmentation:
    """Group the dossier's pages into typed documents (see the module docstring)."""
    vocab = vocabulary or default_vocabulary()
    infos = [_analyse(p, vocab) for p in dossier.pages]
    _drop_running_headers(infos)
    numbering = _dossier_numbering(infos)

    docs: list[_Doc] = []
    cur: Optional[_Doc] = None
    after_blank = False
    leading: list[list[int]] = []     # empty pages before the first document
    for info in infos:
        if not info.has_text:
            # A blank (or page-number-only) page is the back of the last sheet of the document
            # before it, printed double-sided; it belongs to that document.
            span = [info.page.number, 0, _rstrip(info.page.text, 0, len(info.page.text))]
            if cur is not None:
                cur.spans.append(span)
                # A page with nothing readable but its dossier page number or a red seal, in
                # an unfinished document, had content (卷内材料 are numbered only on pages with
                # text): its sign-off, read away by the seal.  The document goes on after it.
                # Otherwise the sheet ended there, and so did the document.
                if not (not cur.closed and not after_blank and _numbered_or_sealed(info)
                        and vocab.types[cur.type].split):
                    after_blank = True
            elif _has_stray_text(info):
                cur = _Doc("other", "", 0.3)
                cur.spans.append(span)
                docs.append(cur)
                after_blank = True
            else:
                leading.append(span)     # an empty page before any document: joins the next
            continue
        page, lines = info.page, info.lines
        internal = _internal_page(info, numbering)
        explicit_cont = cur is not None and info.marks is not None and internal is not None \
            and 2 <= internal <= info.marks[1]
        cont_mark = (internal is not None and internal >= 2) or _continued_mark(lines)
        first_mark = internal == 1

        # ---- the page's top: new document or continuation
        body_from = 0
        top_split = None
        if cur is not None and cur.type == "catalog" and _catalog_goes_on(info) and not first_mark:
            new = None
        elif info.head is not None and info.head[1] is None:
            # A title the vocabulary does not know: typed by the page's content.
            idx, _, title = info.head
            body_from = idx + 1
            if cur is not None and cont_mark:
                new = None
            else:
                kind = vocab.type_within(title)
                near = None if kind else vocab.closest_title(title)
                if kind is not None:
                    new = _Doc(kind, title, 0.6)
                elif near is not None:
                    new = _Doc(near.type, title, 0.5)
                elif evidence_genre(title):
                    new = _Doc("evidence", title, 0.5)
                else:
                    new = _content_doc(info, lines, 0, vocab)
                    new.title = title
        elif info.head is not None:
            idx, match, title = info.head
            body_from = idx + 1
            if match.alternatives:
                match = _by_content(match, page.text, vocab)
            same = cur is not None and match.type == cur.type
            if same and (cont_mark or (not first_mark and not cur.closed and not after_blank
                                       and _starts_qa(lines, idx + 1))):
                new = None
            elif explicit_cont:
                new = None      # 第2页共3页: a title-like heading here is a subheading
            else:
                new = _Doc(match.type, title, _title_confidence(match, head=True))
                # The previous document's last lines (its signature/date block) may stand
                # above the title: they stay with it and the page is shared.  A title with
                # the agency's name on its own line is a heading even when that block is
                # unreadable.
                first = _heading_start(lines, info.head_first if info.head_first is not None else idx, 0)
                above = [ln for ln in lines[:first] if meaningful(ln)]
                if cur is not None and not after_blank and vocab.types[cur.type].split \
                        and above and not _all_header(above) \
                        and (_closes(above[-TAIL_LINES:]) or (match.agency and match.errors <= 1)
                             or (not cur.closed and _garbled_sign_off(above))):
                    top_split = (lines[first].start, first)
        else:
            new = None
            if cur is None or first_mark or after_blank and not cont_mark:
                new = _content_doc(info, lines, 0, vocab)
            elif cont_mark:
                pass
            elif cur.type in QA_TYPES and _starts_qa(lines, 0):
                pass
            elif cur.type in SELF_CONTAINED or cur.type == "catalog":
                new = _content_doc(info, lines, 0, vocab)
            elif not cur.closed:
                kind, strength = vocab.type_by_content(page.text, _bonus(info))
                # Evidence copies and unknown papers have no fixed layout to continue: a page
                # whose content plainly belongs to a typed document does not run on from them.
                needed = 1.0 if cur.type in OPEN_ENDED else STRONG_CONTENT
                if kind not in (cur.type, "other") and strength >= needed:
                    new = _content_doc(info, lines, 0, vocab)
            else:
                kind = vocab.type_by_content(page.text, _bonus(info))[0]
                if kind == "evidence" == cur.type and _other_evidence_kind(cur, page.text, vocab):
                    new = _content_doc(info, lines, 0, vocab)
                elif kind == cur.type:
                    # An untitled page of the same kind as a document that just closed goes
                    # on with it (a record signed on every page; a second page of photos):
                    # a new document of that kind would carry its own title.
                    pass
                elif kind == "other" and _signature_tail(lines):
                    pass    # the rest of the previous document's signature block ran over
                elif kind == "other" and page.source == "ocr" and page.confidence < UNREAD_PAGE:
                    # OCR made nothing of it (a photo, a near-empty back page, a page it could
                    # not turn upright): nothing on it says a new document starts here
                    pass
                else:
                    new = _content_doc(info, lines, 0, vocab)
        boundaries: list[tuple[int, _Doc]] = []
        seg_first = 0
        if new is not None and top_split is not None:
            boundaries.append((0, cur))
            seg_first = top_split[1]
        if new is not None:
            cur = new
            docs.append(cur)
        boundaries.append((top_split[0] if new is not None and top_split else 0, cur))

        # ---- inside the page: a title after a closing block starts the next document; so
        # does, after a 落款 or 以下空白, text that plainly belongs to another type (the
        # title itself may be lost to OCR).
        for idx, match, title in info.inner + [(min(len(lines), MAX_PAGE_LINES), None, "")]:
            if idx < body_from:
                continue
            if not vocab.types[cur.type].split:
                break
            found = _content_split(lines, max(seg_first, body_from), idx, cur, vocab)
            if found is not None:
                at, cur = found
                docs.append(cur)
                boundaries.append((lines[at].start, cur))
                seg_first = at
            if match is None or not vocab.types[match.type].split:
                break
            first = _heading_start(lines, idx, seg_first)
            before = [ln for ln in lines[seg_first:first] if meaningful(ln)]
            closed = _closes(before[-TAIL_LINES:]) if before else cur.closed
            # The issuing agency's name above a title line, or before it on the same line
            # (南京市应急管理局行政处罚告知书 starting mid-page), heads a new document even when
            # the closing block above it is unreadable (a seal over the date, a date broken
            # over two lines).
            headed = (first < idx or match.agency) and match.errors <= 1
            # An evidence copy has no closing block; the next item's exact heading ends it,
            # provided the copy has a body of its own (营业执照复印件 / 营业执照 is one item).
            loose = cur.type in OPEN_ENDED and match.exact and len(before) >= 3
            if not (closed or headed or loose):
                continue
            # 法制审核意见, 复核意见 name a document at a page's top but are a form's row labels
            # in its body (a 审批表's 法制审核意见 row after a dated row): only a heading starts one.
            if not headed and LABEL_TITLE_RE.search(title_key(match.title or title)):
                continue
            cur = _Doc(match.type, title, _title_confidence(match, head=False))
            docs.append(cur)
            boundaries.append((lines[first].start, cur))
            seg_first = first

        # ---- record the spans and whether the page's last document looks closed
        text_len = len(page.text)
        for k, (start, doc) in enumerate(boundaries):
            end = boundaries[k + 1][0] if k + 1 < len(boundaries) else text_len
            end = _rstrip(page.text, start, end)
            doc.spans.append([page.number, start, end])
            if not doc.first_text:
                doc.first_text = page.text[start:end]
        tail = [ln for ln in lines[seg_first:] if meaningful(ln)]
        cur.closed = _closes(tail[-TAIL_LINES:])
        after_blank = False

    if leading and docs:
        docs[0].spans[:0] = leading
    pages = {p.number: p for p in dossier.pages}
    for d in docs:
        title = _decision_shaped(d, pages) if d.type in _NOT_A_DECISION_YET else None
        if title:
            d.type, d.title, d.confidence = "decision", title, max(d.confidence, 0.7)
    return Segmentation(dossier=dossier, documents=[_finish(d, pages) for d in docs if d.spans])


# A decision lists its evidence (照片, 检测报告 → read as an evidence item) and may number the
# documents of the case (→ read as catalogue rows); typed so, almost nothing of it is checked.
# Its own title and the elements 第59条 requires of it are stronger signs.
_NOT_A_DECISION_YET = frozenset({"catalog", "evidence", "other"})
_DECISION_TITLE = re.compile(r"处罚决定书")
_DECISION_ELEMENTS = (
    re.compile(r"当事人[（(：:]|被处罚人[：:]"),                                  # (一) the party
    re.compile(r"经查|查明|违法事实|现已查明"),                                  # (二) the facts
    re.compile(r"证据|笔录|照片"),                                              # (二) the evidence
    re.compile(r"(?:依据|根据|依照).{0,60}?(?:第.{1,8}条|规定)"),                # (三) the basis
    re.compile(r"决定.{0,12}?(?:如下|给予|处以|作出)|处罚如下|行政处罚[：:]"),   # (三) the penalty
    re.compile(r"(?:日内|之日起).{0,30}?(?:缴纳|履行|缴至)"),                    # (四) performance
    re.compile(r"行政复议|行政诉讼"),                                           # (五) remedy
)


def _decision_shaped(d: _Doc, pages: dict) -> Optional[str]:
    """The decision's title line when the document has one among its first lines and at least
    five of the 第59条 elements; None otherwise."""
    text = "\n".join(pages[n].text[a:b] for n, a, b in d.spans if n in pages)
    head = [re.sub(r"\s+", "", ln) for ln in text.split("\n")[:8]]
    title = next((ln for ln in head if _DECISION_TITLE.search(ln) and len(ln) <= 40), None)
    if title is None:
        return None
    flat = re.sub(r"\s+", "", text)
    return title if sum(bool(rx.search(flat)) for rx in _DECISION_ELEMENTS) >= 5 else None


# --------------------------------------------------------------------------- page analysis

def _analyse(page: Page, vocab: Vocabulary) -> _PageInfo:
    lines = split_lines(page.text or "")
    has_text = any(meaningful(ln) for ln in lines)
    head = _find_head(lines, vocab)
    head_first = None
    if head is not None and len(head) == 4:
        head_first, head = head[3], head[:3]
    inner = []
    start = head[0] + 1 if head else 0
    for ln in lines[start:MAX_PAGE_LINES]:
        if not meaningful(ln):
            continue
        m = vocab.match_title(ln.text)
        # A heading whose last characters wrapped (……行政处罚（听证） / 告知书): the document
        # starts at its first line.  A line that alone is only a fuzzy match of some title
        # (……告知 read as a garbled 听证会通知) may be such a heading: the joined reading wins
        # when it is nearer a title.
        if m is None or m.errors:
            tail = _wrapped_tail(lines, ln.index)
            if tail is not None and vocab.match_title(tail.text) is None and not agency_line(ln.text):
                joined = ln.text.strip() + tail.text.strip()
                j = vocab.match_title(joined)
                if j is not None and (j.agency or len(ln.key) <= 12) \
                        and (m is None or j.errors < m.errors):
                    inner.append((ln.index, j, joined))
                    continue
        if m is not None:
            inner.append((ln.index, m, ln.text.strip()))
    n_lines, n_kinds, n_rows = vocab.list_titles(page.text or "")
    return _PageInfo(page, lines, has_text, page_marks(page.text or ""), bare_page_numbers(lines),
                     head, inner, n_lines >= 4 and n_kinds >= 3, n_rows, head_first)


def _wrapped_tail(lines: list[Line], index: int) -> Optional[Line]:
    """The next line when it is short enough to be the wrapped end of a title on this one and
    is not a title by itself."""
    for ln in lines[index + 1:]:
        if ln.blank:
            continue
        key = ln.key
        if 1 <= len(key) <= WRAP_TAIL and CJK_ANY.search(key) and not is_page_number_line(ln.text):
            return ln
        return None
    return None


def _find_head(lines: list[Line], vocab: Vocabulary):
    """The page's title line among its first lines: (line index, match, title), plus the
    title's first line when it wrapped over two; match is None for a title-shaped line that
    the vocabulary does not know."""
    texts = [ln for ln in lines if meaningful(ln)]
    for k, ln in enumerate(texts[:HEAD_LINES]):
        m = vocab.match_title(ln.text)
        if m is not None and m.errors:
            # a fuzzy match of a title whose last characters wrapped (……处罚决定呈 / 批表 is not
            # a 决定书 read with one error): the joined reading wins when it is nearer a title
            tail = _wrapped_tail(lines, ln.index)
            if tail is not None and vocab.match_title(tail.text) is None and not agency_line(ln.text):
                joined = ln.text.strip() + tail.text.strip()
                j = vocab.match_title(joined)
                if j is not None and j.errors < m.errors:
                    return tail.index, j, joined, ln.index
        if m is not None:
            return ln.index, m, ln.text.strip()
        # A title broken over two lines: two short lines (现场检查（勘验） / 笔录), unless the
        # next line is a title by itself (agency name above the title), or a long heading
        # whose last characters wrapped (……执法局询问调查笔 / 录).
        nxt = texts[k + 1] if k + 1 < len(texts) else None
        tail = _wrapped_tail(lines, ln.index)
        if tail is not None and (nxt is None or tail.index < nxt.index or tail is nxt):
            nxt = tail
        if nxt is not None and vocab.match_title(nxt.text) is None \
                and ((len(ln.key) <= 12 and len(nxt.key) <= 12) or nxt is tail):
            joined = ln.text.strip() + nxt.text.strip()
            m = vocab.match_title(joined)
            if m is not None and not agency_line(ln.text):
                return nxt.index, m, joined, ln.index
        # A form laid out as a table: its first cells may share the title's line.  Only where
        # a title stands (first, under the agency's name or the form's code): further down,
        # 处罚决定书文号 … is a field of the form.
        if all(agency_line(t.text) or is_form_code(t.text) for t in texts[:k]):
            found = vocab.match_table_title(ln.text)
            if found is not None:
                return ln.index, found[0], found[1]
        if len(ln.key) > LONG_LINE:
            break
    # No known title: a title-shaped line first on the page (after the agency's name and the
    # form's code) still marks the start of a document the vocabulary does not list.
    for k, ln in enumerate(texts[:4]):
        if agency_line(ln.text) or is_form_code(ln.text):
            continue
        if unknown_title(ln.text):
            return ln.index, None, ln.text.strip()
        # A short line between the agency's name and a 文号 is a title however it was read.
        nxt = texts[k + 1] if k + 1 < len(texts) else None
        if k > 0 and agency_line(texts[k - 1].text) and nxt is not None and DOC_NUMBER_RE.search(nxt.text) \
                and 2 <= len(ln.key) <= 18 and not re.search(r"[，。；：:]", ln.text):
            return ln.index, None, ln.text.strip()
        break
    return None


def _heading_start(lines: list[Line], idx: int, lo: int) -> int:
    """The first line of the heading whose title is line idx: the agency's name and the
    form's code (（执法文书17-2）) above the title belong to the document it starts."""
    first = idx
    k = idx - 1
    while k >= lo and idx - k <= 3:
        text = lines[k].text
        if lines[k].blank:
            k -= 1
            continue
        if agency_line(text) or is_form_code(text):
            first = k
            k -= 1
            continue
        break
    return first


def _has_stray_text(info: _PageInfo) -> bool:
    """A page without readable lines that still carries something other than a page number."""
    return any(not ln.blank and not is_page_number_line(ln.text) for ln in info.lines)


def _drop_running_headers(infos: list[_PageInfo]) -> None:
    """An unknown title-shaped line at the top of many pages (行政执法文书, a letterhead) is a
    running header, not the start of a document on each page that has no other title."""
    counts: dict[str, int] = {}
    for info in infos:
        tops = {ln.key for ln in [ln for ln in info.lines if meaningful(ln)][:3]}
        for key in tops:
            counts[key] = counts.get(key, 0) + 1
    for info in infos:
        if info.head is not None and info.head[1] is None and counts.get(title_key(info.head[2]), 0) >= 3:
            info.head = None


def _dossier_numbering(infos: list[_PageInfo]) -> tuple[bool, bool]:
    """Whether bare 第N页 marks, and 第N页共M页 marks, number the dossier rather than a document:
    they are on most pages and follow the page order."""
    def follows(pairs: list[tuple[int, int, int]], min_of: float) -> bool:
        if len(pairs) < 3 or len(pairs) < 0.5 * len(infos):
            return False
        offsets: dict[tuple[int, int], int] = {}
        for num, of, page in pairs:
            offsets[(num - page, of)] = offsets.get((num - page, of), 0) + 1
        (_, of), count = max(offsets.items(), key=lambda kv: kv[1])
        return count >= 0.6 * len(pairs) and of >= min_of

    bare = [(n, 0, i.page.number) for i in infos for n, worded in i.bare if worded]
    marks = [(i.marks[0], i.marks[1], i.page.number) for i in infos if i.marks]
    # 共M页 counts the dossier's pages only if M is about the dossier's length.
    return follows(bare, 0), len(infos) >= 5 and follows(marks, 0.8 * len(infos))


def _internal_page(info: _PageInfo, numbering: tuple[bool, bool]) -> Optional[int]:
    """The page's number within its own document (第2页共3页), when it prints one."""
    bare_is_dossiers, marks_are_dossiers = numbering
    if info.marks and not marks_are_dossiers:
        return info.marks[0]
    if not bare_is_dossiers:
        worded = [n for n, w in info.bare if w]
        if worded:
            return worded[0]
    return None


def _continued_mark(lines: list[Line]) -> bool:
    texts = [ln.text for ln in lines if meaningful(ln)]
    return any(CONTINUED_RE.search(t) for t in texts[:3])


def _starts_qa(lines: list[Line], start: int) -> bool:
    """The first meaningful lines (skipping page marks) go on with a 问/答 exchange."""
    seen = 0
    for ln in lines[start:]:
        if not meaningful(ln):
            continue
        if QA_RE.match(ln.text):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


def _content_split(lines: list[Line], lo: int, hi: int, cur: _Doc, vocab: Vocabulary):
    """Where, between lines lo and hi, an untitled document of another type begins.

    Only after an end mark (以下空白) or a 落款 (agency name, then a date line), and only when
    what follows scores as another type and not as more of the current one."""
    for c in range(lo, hi):
        text = lines[c].text
        if END_MARK_RE.search(text):
            pass
        elif is_date_line(text) and _previous_is_agency(lines, c, lo):
            pass
        else:
            continue
        rest = [ln for ln in lines[c + 1:hi] if meaningful(ln)]
        while rest and (END_MARK_RE.search(rest[0].text) or is_date_line(rest[0].text)
                        or agency_line(rest[0].text)):
            rest.pop(0)
        if len(rest) < 3:
            continue
        body = "\n".join(ln.text for ln in rest)
        kind, strength = vocab.type_by_content(body)
        if kind in (cur.type, "other") or strength < 1.0:
            continue
        if vocab.content_scores(body).get(cur.type, 0) >= vocab.types[cur.type].min_score:
            continue
        return rest[0].index, _Doc(kind, "", min(0.7, 0.45 + 0.1 * strength))
    return None


_DATE_FIELD_RE = re.compile(r"(?:日期|时间|日)\s*[:：]?\s*$")


def _dated_field(text: str) -> bool:
    """A line ending in a filled 日期 field (审核人：…… 审核日期：2024/11/8): a sign-off."""
    m = None
    for m in DATE_RE.finditer(text):  # noqa: B007 - the last match is the one wanted
        pass
    if m is None or text[m.end():].strip():
        return False
    return bool(_DATE_FIELD_RE.search(text[: m.start()]))


def _previous_is_agency(lines: list[Line], c: int, lo: int) -> bool:
    for ln in reversed(lines[lo:c]):
        if meaningful(ln):
            return agency_line(ln.text)
    return False


def _closes(lines: list[Line]) -> bool:
    for k, ln in enumerate(lines):
        text = ln.text
        if is_date_line(text) or _dated_field(text):
            return True
        # A date broken over two lines (审核日期：二〇二三 / 年十二月一日).
        if k + 1 < len(lines) and len(lines[k + 1].key) <= 12:
            joined = text.rstrip() + lines[k + 1].text.strip()
            if is_date_line(joined) or _dated_field(joined):
                return True
        m = CLOSURE_RE.search(text)
        # In a long sentence “签字” or “盖章” is talk about signing, not a signature block.
        if m and (len(title_key(text)) <= LONG_LINE or m.group(0).startswith("以下")):
            return True
    return False


def _by_content(match: TitleMatch, text: str, vocab: Vocabulary) -> TitleMatch:
    """Of equally close titles of several types, the one the page's content points to."""
    scores = vocab.content_scores(text)
    kinds = (match.type,) + match.alternatives
    best = max(kinds, key=lambda k: (scores.get(k, 0) / vocab.types[k].min_score, k == match.type))
    return TitleMatch(best, match.title if best == match.type else "", match.errors, match.prefixed)


def _numbered_or_sealed(info: _PageInfo) -> bool:
    return bool(info.bare) or bool(info.page.red_seal)


def _other_evidence_kind(cur: _Doc, text: str, vocab: Vocabulary) -> bool:
    """An untitled evidence page naming another kind of item than the current evidence."""
    page_kind = vocab.evidence_kind(text)
    if page_kind is None:
        return False
    doc_kind = vocab.evidence_kind(cur.title) or vocab.evidence_kind(cur.first_text)
    return doc_kind is not None and doc_kind != page_kind


def _garbled_sign_off(lines: list[Line]) -> bool:
    """A few lines that look like a 落款 read badly through a seal (4沙市F包管理月 / 2023 -ec月20日):
    the end of an unfinished document above the next title."""
    return 0 < len(lines) <= 4 and any(LOOSE_DATE_RE.search(ln.text) for ln in lines)


def _all_header(lines: list[Line]) -> bool:
    """Lines that only head a page (agency name, 文号, page marks), not a document's end."""
    return all(agency_line(ln.text) or page_marks(ln.text) or DOC_NUMBER_RE.search(ln.text)
               for ln in lines)


def _catalog_goes_on(info: _PageInfo) -> bool:
    """A page after a 卷内目录 that lists titles is more of the catalogue: many titles, or,
    untitled, rows naming a title with its page number or date."""
    if info.list_like:
        return True
    if info.head is not None:
        return False
    texts = [ln for ln in info.lines if meaningful(ln) and not agency_line(ln.text)]
    return info.catalog_rows >= 1 and 3 * info.catalog_rows >= len(texts)


def _signature_tail(lines: list[Line]) -> bool:
    """A short page holding what is left of a document's end: the officers' and the party's
    signatures (签名, 签收, a date), perhaps after a last sentence or two."""
    texts = [ln for ln in lines if meaningful(ln)]
    return 0 < len(texts) <= SIGNATURE_TAIL_LINES and _closes(texts)


def _bonus(info: _PageInfo) -> dict[str, int]:
    return {"catalog": 4} if info.list_like else {}


def _content_doc(info: _PageInfo, lines: list[Line], start: int, vocab: Vocabulary) -> _Doc:
    text = "\n".join(ln.text for ln in lines[start:])
    kind, strength = vocab.type_by_content(text, _bonus(info))
    if kind == "other":
        return _Doc("other", "", 0.35)
    return _Doc(kind, "", min(0.75, 0.45 + 0.1 * (strength - 1.0)))


def _title_confidence(match: TitleMatch, head: bool) -> float:
    base = 0.97 if head else 0.92
    if match.errors:
        base = max(0.45, base - 0.08 - 0.12 * match.errors)
    return base


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _finish(doc: _Doc, pages: dict[int, Page]) -> Document:
    spans = [PageSpan(p, s, e) for p, s, e in doc.spans]
    text = "\n".join(pages[s.page].text[s.start:s.end] for s in spans)
    nums = [s.page for s in spans]
    # A blank back page holds nothing to misread: its OCR confidence (of an empty read) says
    # nothing about how well the document was read.
    read = [n for n in nums if any(meaningful(ln) for ln in split_lines(pages[n].text or ""))] or nums
    ocr = min(pages[n].confidence for n in read)
    conf = doc.confidence
    if any(pages[n].source == "ocr" for n in read):
        # A fuzzy read of a poor scan deserves less trust than the title match alone says.
        conf *= 0.75 + 0.25 * max(0.0, min(1.0, ocr))
    return Document(type=doc.type, title=doc.title, first_page=min(nums), last_page=max(nums),
                    confidence=round(conf, 3), spans=spans, text=text, ocr_confidence=ocr)
