"""Form of a document: 文号, seal, issuing authority, template residue, typos, signatures."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from dossier_review.model import Evidence, Page

from .nlp import is_person_name, org_names, split_names
from .text import DocText
from .vocab import alternation, named

# ------------------------------------------------------------------ 文号

_DOCNUM = re.compile(
    # OCR may read one bracket as two glyphs ("（2024]】"): up to two bracket characters a side
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,16}?)?(?P<lb>[〔\[［【（(]{1,2})\s*(?P<y>(?:19|20)\d{2})\s*(?P<rb>[〕\]］】）)]{1,2})"
    # a few words may follow the year ("武汉交〔2024〕罚告381号", "〔2024〕行罚字第12号")
    r"\s*(?P<kind>(?!年)[\u4e00-\u9fff]{1,4}?)?\s*(?P<di>第)?\s*(?P<n>[0-9A-Za-z\-]{1,8})\s*号")
_DOCNUM_LABEL = re.compile(r"(?:文号|编号|案号|决定书号|告知书号|立案号|字号)[：]?")


def _raw_brackets(raw: str, year: str, n: str) -> Optional[re.Match]:
    """The same 文号 in the page's raw text, whose brackets normalisation may have mended."""
    rx = re.compile(rf"(?P<lb>[〔\[［【（(﹝]{{1,2}})\s*{year}\s*(?P<rb>[〕\]］】）)﹞]{{1,2}})\s*第?\s*{re.escape(n)}\s*号")
    return rx.search(raw)


def doc_number(dt_: DocText, ocr: bool, raw_pages: Optional[dict[int, str]] = None,
               ocr_pages: Optional[set[int]] = None) -> tuple[Optional[str], Optional[bool], Optional[Evidence]]:
    """The 文号, whether its form is right, and where it stands.  ``ocr_pages`` (when given) are
    the OCR'd pages: the brackets are judged as read by OCR only when the number's own page was
    (a text-layer decision with a scanned back page keeps its printed brackets)."""
    s = dt_.flat
    head = s[:260]
    m = _DOCNUM.search(head)
    if not m:
        for lm in _DOCNUM_LABEL.finditer(s):
            m = _DOCNUM.match(s, lm.end()) or _DOCNUM.search(s, lm.end(), lm.end() + 40)
            if m:
                break
    if not m:
        return None, None, None
    number = m.group(0)
    pre = m.group("prefix") or ""
    # strip a title or label glued in front ("行政处罚决定书杭市监罚〔2024〕12号")
    for cut in ("决定书", "告知书", "通知书", "笔录", "审批表", "文号", "编号", "案号", "：", "书"):
        k = pre.rfind(cut)
        if k >= 0:
            number = number[k + len(cut):]
            pre = pre[k + len(cut):]
    lb, rb = m.group("lb"), m.group("rb")
    if ocr_pages is not None:
        ocr = dt_.page_f(m.start()) in ocr_pages
    if raw_pages:
        # judge the brackets as printed: ingest's normalisation turns [2024] into 〔2024〕
        raw = raw_pages.get(dt_.page_f(m.start()), "")
        rm = _raw_brackets(raw, m.group("y"), m.group("n")) if raw else None
        if rm:
            lb, rb = rm.group("lb"), rm.group("rb")
            number = number.replace(m.group("lb"), lb, 1).replace(m.group("rb"), rb, 1)
    if lb == "〔" and rb == "〕":
        valid = True
    elif ocr and any(ch in "[［【〔]］】〕" for ch in lb + rb):
        # Tesseract's chi_sim rarely outputs 〔〕 and reads them as [], 【】 or a mix ("(2024]");
        # on an OCR'd page a square side means the printed bracket was 〔〕, so it is not held
        # against the file.  Two round brackets are what was printed: "(2024)" stays invalid.
        valid = True
    else:
        valid = False
    return number, valid, dt_.ev_f(m.start(), m.end())


# a short line near the head with a year in brackets or a serial after it: a 文号 OCR garbled
# ("[2025)j第386与" for 宁鼓应急听告〔2025〕第386号)
_GARBLED_DOCNUM = re.compile(r"[〔\[［【（(﹝]\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*[〕\]］】）)﹞]"
                             r"|(?:19|20)\d{2}\D{0,4}第?\s*\d{1,6}\s*[号与弓亏]")


def doc_number_illegible(dt_: DocText) -> Optional[Evidence]:
    """On a scan with no 文号 found: the line near the title that looks like one the OCR garbled
    (a year in a bracket, or a year and a serial), so that "没有文号" is not claimed."""
    pos = 0
    for i, line in enumerate(dt_.lines.split("\n")):
        if i >= 8:
            break
        text = line.strip()
        if text and len(text) <= 30 and not re.search(r"年\s*\d{1,2}\s*月", text) and _GARBLED_DOCNUM.search(text):
            return dt_.ev_l(pos, pos + len(line))
        pos += len(line) + 1
    return None


# ------------------------------------------------------------------ seal

_SEAL_WORDS = re.compile(r"[（(\[【［](?:盖章|印章|公章|印|章)[）)\]】］]")


def seal(dt_: DocText, pages: dict[int, Page], last_pages: list[int]) -> tuple[Optional[bool], Optional[Evidence]]:
    for n in last_pages:
        p = pages.get(n)
        if p is not None and p.red_seal:
            box = p.red_seal_box
            return True, Evidence(page=n, quote=f"红色印章（页面图像{('，位置' + str(box)) if box else ''}）")
    tail_start = max(0, len(dt_.flat) - 300)
    for m in _SEAL_WORDS.finditer(dt_.flat, tail_start):
        return True, dt_.ev_f(max(0, m.start() - 20), m.end())
    looked = [pages[n].red_seal for n in last_pages if n in pages]
    if looked and all(v is False for v in looked):
        return False, None
    return None, None


# ------------------------------------------------------------------ authority

_AGENCY_LINE = re.compile(
    rf"([\u4e00-\u9fff（）()]{{2,30}}?(?:{alternation('agency_suffixes')}))"
    r"(?:[（(](?:盖章|印章|公章|印|章)[）)])?$")


def _clean_agency(name: str) -> str:
    name = re.sub(r"^(?:行政机关|执法机关|作出(?:处罚)?决定(?:的)?机关|机关名称|落款|单位|发文机关)(?:名称)?[：]?", "", name)
    return name


def _name_span(line: str, name: str, start: int) -> Optional[tuple[int, int]]:
    """Line-view span of ``name`` inside ``line`` (which starts at ``start``), for its confidence."""
    i = line.find(name)
    return (start + i, start + i + len(name)) if i >= 0 else None


def _header_agency(dt_: DocText) -> tuple[Optional[str], Optional[Evidence]]:
    lines = dt_.lines.split("\n")
    spans = dt_.line_spans
    for i in range(min(3, len(lines))):
        ln = lines[i]
        if 4 <= len(ln) <= 40:
            m = _AGENCY_LINE.fullmatch(_clean_agency(ln))
            if m:
                a, b = spans[i]
                return m.group(1), dt_.ev_l(a, b, subject=_name_span(ln, m.group(1), a))
    return None, None


def _closing_agency(dt_: DocText) -> tuple[Optional[str], Optional[Evidence]]:
    lines = dt_.lines.split("\n")
    spans = dt_.line_spans
    n = len(lines)
    # closing block: the last lines (a date usually sits beside or below the name)
    for i in range(n - 1, max(-1, n - 10), -1):
        ln = lines[i]
        if not ln or len(ln) > 60:
            continue
        core = re.sub(r"(?:\d{4}|[〇零○O一二三四五六七八九]{4})年.{1,6}月.{1,4}日.*$", "", ln)
        core = re.sub(r"[（(\[【](?:盖章|印章|公章|印|章)[）)\]】]", "", core)
        core = _clean_agency(core)
        m = _AGENCY_LINE.search(core)
        if m and len(m.group(1)) >= 4 and not re.search(r"向|申请|提起|人民法院|复议|诉讼|依法", core):
            names = org_names(m.group(1)) or [m.group(1)]
            a, b = spans[i]
            return names[-1], dt_.ev_l(a, b, subject=_name_span(ln, names[-1], a))
    return None, None


def authority(dt_: DocText, ocr: bool = False) -> tuple[Optional[str], Optional[Evidence]]:
    """The issuing authority: the agency line of the closing block, else the header line.

    On a scan the closing block lies under the seal and OCR garbles it ("济南市历RE城市sm综合政执法局");
    when it resembles the printed header above the title, the header's reading is the better one.
    """
    closing, cev = _closing_agency(dt_)
    header, hev = _header_agency(dt_)
    if closing and header and ocr and closing != header:
        if closing in header or difflib.SequenceMatcher(None, closing, header).ratio() >= 0.5:
            return header, cev
    if closing:
        return closing, cev
    return header, hev


# ------------------------------------------------------------------ template residue, typos

# what a template left unfilled → how it shows (vocabulary.yaml)
_RESIDUE = [(re.compile(pattern), name) for pattern, name in named("template_residue")]


def template_residue(dt_: DocText) -> list[Evidence]:
    out: list[Evidence] = []
    s = dt_.lines
    for rx, _ in _RESIDUE:
        for m in rx.finditer(s):
            # underscores with text written on them are a filled field, not residue
            if m.group(0).startswith(("_", "＿")):
                line_a = s.rfind("\n", 0, m.start()) + 1
                line_b = s.find("\n", m.end())
                line_b = len(s) if line_b < 0 else line_b
                if re.search(r"[\u4e00-\u9fff\d]", s[m.end():line_b][:1] or "") and re.search(r"[\u4e00-\u9fff\d]", s[max(line_a, m.start() - 1):m.start()]):
                    continue
            a = max(0, m.start() - 12)
            out.append(dt_.ev_l(a, min(len(s), m.end() + 8)))
    return out


@lru_cache(maxsize=1)
def typo_table() -> dict[str, str]:
    path = Path(__file__).with_name("data") / "typos.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


@lru_cache(maxsize=1)
def _typo_re() -> re.Pattern:
    keys = sorted(typo_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def typos(dt_: DocText) -> tuple[list[Evidence], list[str]]:
    """Known wrong terms: the page text around each (a real quote) and its fix ("听政→听证")."""
    out, fixes = [], []
    table = typo_table()
    for m in _typo_re().finditer(dt_.flat):
        out.append(dt_.ev_f(max(0, m.start() - 10), m.end() + 10, subject=(m.start(), m.end())))
        fixes.append(f"{m.group(0)}→{table[m.group(0)]}")
    return out, fixes


# ------------------------------------------------------------------ signatures

_PARTY_SIGN_LABEL = re.compile(
    rf"(?:{alternation('party_signer_labels')})"
    r"(?:（?(?:签名|签字|签章|签名或盖章|签字或盖章|签名并捺印|签名（盖章）)）?|签名|签字|签章)(?:（盖章）)?")
_OFFICER_SIGN_LABEL = re.compile(
    rf"(?<!被)(?:{alternation('officer_signer_labels')})"
    r"(?:（?(?:签名|签字|签章)）?|签名|签字|签章)")
_CONFIRM = re.compile(alternation("confirmation_words"))
_REFUSED = re.compile(alternation("refusal_words"))
_PRINTED_ONLY = re.compile(r"^(?:[（(]?(?:签名|签字|盖章|捺印|日期|年|月|日|时|分|[：:_／/\\\-])[）)]?)*$")


def _signed_value(val: str, text_layer: bool = False) -> Optional[bool]:
    """True when a name follows a signature label; False when nothing does.  ``text_layer``: the
    page's text is all there is on it, so whatever is written after the label (a name in a
    handwriting font, glyphs without a Unicode mapping) is the signature."""
    v = re.sub(r"^[：:]", "", val)
    v = re.split(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})年|日期|时间|\d{4}[.\-/]", v)[0]
    v = v.strip("_＿ （）()：:，,。")
    if not v or _PRINTED_ONLY.match(v):
        return False
    if text_layer and re.search(r"[^\s_＿.．·…—\-]", v):
        return True
    run = re.match(r"[\u4e00-\u9fff·]{2,12}", v)
    if run and (split_names(run.group(0)) or is_person_name(run.group(0)[:3]) or is_person_name(run.group(0)[:2])):
        return True
    if run and len(run.group(0)) >= 4:
        return True   # an organisation signing with its name
    return None


_DATE_ANY = re.compile(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})[年.\-/].{1,4}?[月.\-/].{1,4}?(?:日|$)|(?:\d{4}|[〇零○一二三四五六七八九]{4})年|[年月日]")


def _names_line(line: str) -> bool:
    """A line holding nothing but person names (and maybe a date): a signature written beside
    or above its printed label, as the text layer of a signed form often has it."""
    core = _DATE_ANY.sub("", line)
    core = re.sub(r"[\s、，,：:（）()]", "", core)
    return bool(core) and len(core) <= 16 and bool(split_names(core))


def _neighbour_lines(dt_: DocText, pos: int) -> list[str]:
    s = dt_.lines
    a = s.rfind("\n", 0, pos)
    b = s.find("\n", pos)
    prev_a = s.rfind("\n", 0, a) if a > 0 else -1
    prev = s[prev_a + 1:a] if a >= 0 else ""
    nxt_b = s.find("\n", b + 1) if b >= 0 else -1
    nxt = s[b + 1:nxt_b if nxt_b >= 0 else len(s)] if b >= 0 else ""
    after = ""
    if nxt_b >= 0:
        aft_b = s.find("\n", nxt_b + 1)
        after = s[nxt_b + 1:aft_b if aft_b >= 0 else len(s)]
    return [prev, nxt, after]


_SIGN_ANY = re.compile(r"签名|签字|签章|盖章")


def _label_values(dt_: DocText, rx: re.Pattern):
    s = dt_.lines
    for m in rx.finditer(s):
        end = s.find("\n", m.end())
        end = len(s) if end < 0 else end
        val = s[m.end():end]
        # the next label on the same line ends this value
        nxt = re.search(r"(?:被询问人|被检查人|当事人|执法人员|询问人|记录人|检查人|承办人|见证人|日期|时间)", val)
        if nxt and nxt.start() > 0:
            val = val[:nxt.start()]
        yield m, val


def signatures(dt_: DocText, ocr: bool) -> dict:
    """party_signed / party_refused / officer_signed with evidence.

    An empty signature line on an OCR'd page is unknown (handwriting is rarely read), so None,
    unless the page image shows no ink after the label either; on a text-layer page the printed
    text is complete, so an empty line there is False.
    """
    out = {"party_signed": None, "party_refused": False, "officer_signed": None,
           "party_ev": [], "officer_ev": []}
    s = dt_.flat
    r = _REFUSED.search(s)
    if r:
        out["party_refused"] = True
        out["party_signed"] = True     # a noted refusal satisfies the record requirement
        out["party_ev"].append(dt_.sentence_quote(r.start(), (r.start(), r.end())))
    c = _CONFIRM.search(s)
    if c and not out["party_ev"]:
        out["party_signed"] = True
        out["party_ev"].append(dt_.ev_f(max(0, c.start() - 10), min(len(s), c.end() + 20)))
    for key, rx in (("party", _PARTY_SIGN_LABEL), ("officer", _OFFICER_SIGN_LABEL)):
        seen_label = False
        for m, val in _label_values(dt_, rx):
            seen_label = True
            v = _signed_value(val, text_layer=not ocr)
            if not v:
                prev, nxt, after = _neighbour_lines(dt_, m.start())
                # a handwritten name sits just above its label in a text layer; the line below
                # counts only when no other signature label follows it (it would be that one's)
                if _names_line(prev) or (_names_line(nxt) and not _SIGN_ANY.search(after)):
                    v = True
            if v:
                out[f"{key}_signed"] = True
                out[f"{key}_ev"].append(dt_.ev_l(m.start(), m.end() + len(val)))
                break
        if seen_label and out[f"{key}_signed"] is None:
            m = next(rx.finditer(dt_.lines))
            # on a scan an empty signature line is known only when the page image shows nothing
            # written there either (handwriting OCR did not read still leaves ink)
            if not ocr or all(dt_.blank_after_l(x.end() - 1) for x, _ in _label_values(dt_, rx)):
                out[f"{key}_signed"] = False
                out[f"{key}_ev"].append(dt_.ev_l(m.start(), min(len(dt_.lines), m.end() + 10)))
    if out["party_signed"] is None and not ocr:
        out["party_signed"] = False
    return out
