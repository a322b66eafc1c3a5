"""Data classes passed between the pipeline stages.

files --ingest--> Dossier --segment--> Segmentation --extract--> Facts
      --check--> list[Finding] --score--> Review --report--> files

Every stage takes the previous stage's object and returns a new one; no stage imports
another stage's code, only this module.  Everything here is plain data that round-trips
through JSON (``to_dict`` / ``from_dict``) so that a later stage can be re-run from stored
results (OCR once, re-score many times).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from dataclasses import dataclass, field
from typing import Any, Optional

# --------------------------------------------------------------------------- vocabulary

DOCUMENT_TYPES: dict[str, str] = {
    "cover": "卷宗封面",
    "catalog": "卷内目录",
    "case_source": "案件来源登记表",
    "filing": "立案审批表",
    "inspection": "现场检查(勘验)笔录",
    "inquiry_notice": "询问通知书",
    "inquiry": "询问(调查)笔录",
    "evidence": "证据材料",
    "preservation": "先行登记保存/强制措施文书",
    "investigation_report": "案件调查终结报告",
    "legal_review": "法制审核意见",
    "collective_discussion": "集体讨论记录",
    "prior_notice": "行政处罚事先告知书",
    "hearing_notice": "听证告知书/听证通知书",
    "statement_record": "陈述申辩笔录/复核意见",
    "hearing_record": "听证笔录/听证报告",
    "approval": "处罚决定审批表",
    "decision": "行政处罚决定书",
    "service_receipt": "送达回证",
    "payment": "罚没款缴纳凭证",
    "closing": "结案审批表/结案报告",
    "major_filing": "重大行政处罚备案材料",   # 备案表、备案报告、备案回执 (filed with the legal office)
    "remarks": "备考表",
    "other": "其他",
}

DATE_ROLES = (
    "filed", "inspected", "inquired", "notice_issued", "notice_served", "statement",
    "hearing_requested", "hearing_notified", "hearing", "legal_review", "discussed",
    "approved", "decided", "served", "paid", "closed", "signed", "other",
)

AMOUNT_ROLES = ("fine", "confiscation", "illegal_gains", "goods_value", "late_fee", "other")

CITATION_ROLES = ("violated", "penalty_basis", "other")

# Keys of DocFacts.elements.  The extractor sets each key it looked for to True/False; a key
# that is absent means "not examined", which the checks treat as undecided, never as missing.
DECISION_ELEMENTS = (
    "party", "facts", "evidence", "penalty", "basis", "performance", "remedy", "authority", "date",
)
NOTICE_ELEMENTS = ("penalty", "facts", "reasons", "basis", "statement_right", "hearing_right")
# Keys of DocFacts.payment_terms (decision with a fine): 15-day term, where/how to pay, 3%/day warning.
PAYMENT_TERMS = ("within_15_days", "channel", "late_fee")


# --------------------------------------------------------------------------- helpers

def _to_jsonable(value: Any) -> Any:
    # most values are leaves; answering them first skips a slow is_dataclass() per leaf
    if value is None or isinstance(value, (str, int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # optional measurements absent from the contract's minimal form are left out when unset
        omit = getattr(type(value), "_OMIT_UNSET", ())
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not (f.name in omit and getattr(value, f.name) in (None, False))}
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(v) for v in value]
    return value


class JsonMixin:
    def to_dict(self) -> dict:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict):
        return _from_dict(cls, data)


@functools.lru_cache(maxsize=None)
def _type_hints(cls) -> dict:
    # get_type_hints re-evaluates every string annotation on each call: 80% of rebuilding a
    # Facts (80 ms), which made --rescore of 100 stored dossiers take seconds.
    import typing

    return typing.get_type_hints(cls)


def _from_dict(cls, data):
    """Rebuild a dataclass tree from ``to_dict`` output (types read from annotations)."""
    if data is None:
        return None
    hints = _type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def _coerce(tp, value):
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value) if len(inner) == 1 else value
    if origin in (list, tuple):
        return [_coerce(args[0], v) for v in value] if args else list(value)
    if origin is dict:
        return {k: _coerce(args[1], v) for k, v in value.items()} if args else dict(value)
    if tp is _dt.date and isinstance(value, str):
        return _dt.date.fromisoformat(value[:10])
    if tp is _dt.datetime and isinstance(value, str):
        return _dt.datetime.fromisoformat(value)
    if dataclasses.is_dataclass(tp):
        return _from_dict(tp, value)
    return value


# --------------------------------------------------------------------------- ingest

@dataclass
class WordBox(JsonMixin):
    """One OCR word, in pixels of the page image the OCR saw (after rotation)."""
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    # [confidence 0..1, left, top, right, bottom] of each character, when OCR gave them
    chars: Optional[list[list[float]]] = None

    _OMIT_UNSET = ("chars",)


@dataclass
class PageFacts(JsonMixin):
    """What a page shows about itself, decided once (the ``pages`` stage, right after ingest)
    and read by every later stage; the review JSON's ``pages`` entries are these."""
    page: int = 0                    # 1-based position in the dossier
    source: str = "text"             # "text" (PDF text layer) | "ocr"
    confidence: float = 1.0          # the page's OCR confidence (1.0 for a text layer)
    # the 卷内页码 printed or written on the sheet, and the lowest OCR confidence of its figures
    # (None for a text layer)
    archive_page: Optional[int] = None
    archive_page_conf: Optional[float] = None
    # on a scan: the top and foot of the page hold no ink where a number would be written, so a
    # missing number is really missing (None = not looked, a text layer, or a number was read)
    number_place_blank: Optional[bool] = None
    blank: bool = False              # nothing printed (the back of a sheet), at most a number
    red_seal: Optional[bool] = None  # a red stamp seen on the page image; None = not looked
    # the PDF text layer: "used" | "rejected: <reason>" (the page was OCR'd instead) | "none"
    text_layer: str = "none"

    _OMIT_UNSET = ("archive_page_conf", "number_place_blank")


@dataclass
class Page(JsonMixin):
    number: int                      # 1-based position in the dossier
    source: str                      # "text" (PDF text layer) | "ocr"
    confidence: float                # 0..1; 1.0 for a text layer
    raw_text: str                    # as extracted / as OCR gave it; used for quotes
    text: str                        # normalised for the later stages
    words: list[WordBox] = field(default_factory=list)
    source_file: str = ""            # file the page came from
    source_index: int = 0            # 0-based page/frame index inside that file
    width: int = 0                   # pixels of the image OCR saw (0 for a text layer)
    height: int = 0
    rotation: int = 0                # degrees the page was turned to be upright
    skew: float = 0.0                # degrees of skew corrected
    red_seal: Optional[bool] = None  # a red stamp seen on the page image; None = not looked
    red_seal_box: Optional[list[int]] = None  # [left, top, width, height] of the largest one
    warnings: list[str] = field(default_factory=list)  # e.g. "low OCR confidence"
    # [left, top, width, height] of writing-sized ink no OCR word covers (handwriting, a stamp,
    # a page number too small to read); None = not looked for (text layer, older cache entries)
    unread_marks: Optional[list[list[int]]] = None
    facts: PageFacts = field(default_factory=PageFacts)


@dataclass
class Dossier(JsonMixin):
    name: str
    sources: list[str]
    pages: list[Page]
    # the --ocr-engine choice: "tesseract" | "rapidocr" (the page reader) | "both" (Tesseract pages,
    # RapidOCR's second opinion on evidence lines)
    ocr_engine: str = "tesseract"

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page(self, number: int) -> Page:
        return self.pages[number - 1]


# --------------------------------------------------------------------------- segment

@dataclass
class PageSpan(JsonMixin):
    """The part of one page's normalised text that belongs to a document."""
    page: int
    start: int   # character offset in Page.text
    end: int     # exclusive


@dataclass
class Document(JsonMixin):
    type: str                    # a key of DOCUMENT_TYPES
    title: str                   # the title line as read ("" when none)
    first_page: int
    last_page: int
    confidence: float = 1.0      # how sure the segmenter is of the type (0..1)
    spans: list[PageSpan] = field(default_factory=list)
    text: str = ""               # the spans' normalised texts joined with "\n"
    ocr_confidence: float = 1.0  # lowest page confidence among its pages

    def page_of(self, offset: int) -> int:
        """Page number holding character ``offset`` of ``self.text``."""
        pos = 0
        for span in self.spans:
            length = span.end - span.start
            if offset <= pos + length:
                return span.page
            pos += length + 1  # the joining "\n"
        return self.last_page


@dataclass
class Segmentation(JsonMixin):
    dossier: Dossier
    documents: list[Document]


# --------------------------------------------------------------------------- extract

@dataclass
class Evidence(JsonMixin):
    page: int
    quote: str
    # lowest OCR confidence (0..1) of the characters the fact was read from, a gap where a
    # character may have been lost counting as 0; None for a text layer or when not measured
    conf: Optional[float] = None
    # where the quote stands on the page image: [x0, y0, x1, y1] in page fractions (0..1, origin
    # top left); None when not located
    box: Optional[list[float]] = None
    archive_page: Optional[int] = None  # the 卷内页码 printed on that page, when read
    # the characters the fact rests on (inside the quote) as OCR read them, on a scan: what a
    # second engine's reading of ``box`` is compared with
    read: Optional[str] = None

    _OMIT_UNSET = ("conf", "box", "archive_page", "read")  # {page, quote} stays the minimal form


@dataclass
class Party(JsonMixin):
    name: Optional[str] = None
    kind: Optional[str] = None            # "organisation" | "individual"
    id_number: Optional[str] = None       # 统一社会信用代码 or 身份证号
    id_kind: Optional[str] = None         # "credit_code" | "id_card" | "other"
    address: Optional[str] = None
    representative: Optional[str] = None  # 法定代表人/负责人/经营者
    evidence: list[Evidence] = field(default_factory=list)
    individual_business: Optional[bool] = None  # 个体工商户: name is the 字号, representative the operator


@dataclass
class Officer(JsonMixin):
    name: str
    certificate: Optional[str] = None
    page: int = 0


@dataclass
class DateFact(JsonMixin):
    role: str                 # one of DATE_ROLES
    date: _dt.date
    page: int
    quote: str
    time: Optional[str] = None   # "HH:MM" when given
    conf: Optional[float] = None  # OCR confidence of the date's characters (see Evidence.conf)
    day_conf: Optional[float] = None  # the same without the year's characters
    # where the characters the fact rests on stand on the page image (see Evidence.box)
    box: Optional[list[float]] = None
    read: Optional[str] = None   # those characters as OCR read them (see Evidence.read)

    _OMIT_UNSET = ("box", "read")


@dataclass
class Amount(JsonMixin):
    role: str                 # one of AMOUNT_ROLES
    yuan: float
    page: int
    quote: str
    form: str = "figures"     # "figures" | "words" (大写/中文数字)
    conf: Optional[float] = None  # OCR confidence of the amount's characters (see Evidence.conf)
    # where the characters the fact rests on stand on the page image (see Evidence.box)
    box: Optional[list[float]] = None
    read: Optional[str] = None   # those characters as OCR read them (see Evidence.read)

    _OMIT_UNSET = ("box", "read")


@dataclass
class AmountPair(JsonMixin):
    """An amount written both in words and in figures in one phrase (伍万元(¥50000))."""
    words_yuan: float
    figures_yuan: float
    page: int
    quote: str
    # OCR left part of the words unreadable; the readable digits disagree with the figures
    words_partial: bool = False
    conf: Optional[float] = None  # OCR confidence of both writings' characters (see Evidence.conf)
    # where the characters the fact rests on stand on the page image (see Evidence.box)
    box: Optional[list[float]] = None
    read: Optional[str] = None   # those characters as OCR read them (see Evidence.read)

    _OMIT_UNSET = ("box", "read")


@dataclass
class Measure(JsonMixin):
    """A measured or counted fact of the case (颗粒物排放浓度为350毫克/立方米, 载客6人, 销售35台)."""
    label: str                # the words just before the number (what was measured)
    value: float
    unit: str
    page: int
    quote: str
    conf: Optional[float] = None  # OCR confidence of the number's characters (see Evidence.conf)
    # where the characters the fact rests on stand on the page image (see Evidence.box)
    box: Optional[list[float]] = None
    read: Optional[str] = None   # those characters as OCR read them (see Evidence.read)

    _OMIT_UNSET = ("box", "read")


@dataclass
class Citation(JsonMixin):
    law: str                        # as written, without 《》
    article: Optional[int] = None
    paragraph: Optional[int] = None  # 款
    item: Optional[int] = None       # 项
    role: str = "other"              # one of CITATION_ROLES
    page: int = 0
    quote: str = ""
    bracketed: bool = True           # law name was inside 《》
    sentence: str = ""               # the sentence the citation stands in (what it is cited for)
    conf: Optional[float] = None     # OCR confidence of the law name and provisions (see Evidence.conf)
    # a 第…条 follows the law name but its number could not be read (第一正二十二条): an article
    # was written, article stays None
    provision_unread: bool = False
    # where the characters the fact rests on stand on the page image (see Evidence.box)
    box: Optional[list[float]] = None
    read: Optional[str] = None   # those characters as OCR read them (see Evidence.read)
    # a 《 opens the name and no 》 closes it (《中华人民共和国食品安全法第三十四条)
    unbalanced: bool = False

    _OMIT_UNSET = ("box", "read", "unbalanced")


@dataclass
class HearingInfo(JsonMixin):
    notified: bool = False            # the right to request a hearing is stated
    request_days: Optional[int] = None
    request_unit: Optional[str] = None  # "working_day" | "day"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class RemedyInfo(JsonMixin):
    review_stated: bool = False         # 行政复议
    review_days: Optional[int] = None
    review_body: Optional[str] = None
    litigation_stated: bool = False     # 行政诉讼
    litigation_months: Optional[int] = None
    litigation_days: Optional[int] = None
    court: Optional[str] = None
    review_first: bool = False          # 复议前置 stated
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ServiceInfo(JsonMixin):
    served_document: Optional[str] = None   # title / number of the document served
    recipient: Optional[str] = None
    recipient_signed: Optional[bool] = None
    method: Optional[str] = None             # 直接/留置/邮寄/电子/公告/委托
    served_date: Optional[_dt.date] = None
    evidence: list[Evidence] = field(default_factory=list)
    # fields ("method", "date") whose label was read on a scan and whose place shows no ink:
    # left blank on the form, not merely unread
    blank: list[str] = field(default_factory=list)


@dataclass
class DocFacts(JsonMixin):
    """What one document says."""
    index: int                       # position in Segmentation.documents
    type: str
    title: str
    first_page: int
    last_page: int
    ocr_confidence: float = 1.0
    doc_number: Optional[str] = None         # 文号 as written
    doc_number_valid: Optional[bool] = None
    date: Optional[_dt.date] = None          # the document's own (落款/签署) date
    date_evidence: Optional[Evidence] = None
    date_illegible: bool = False             # the closing block shows a date the OCR could not read
    dates: list[DateFact] = field(default_factory=list)
    start_time: Optional[str] = None         # records: "2024-03-12 09:30"
    end_time: Optional[str] = None
    party: Optional[Party] = None
    officers: list[Officer] = field(default_factory=list)
    certificate_shown: Optional[bool] = None  # 出示执法证件 recorded
    officer_signed: Optional[bool] = None
    party_signed: Optional[bool] = None       # signature / 以上笔录属实 / refusal noted
    party_refused: bool = False
    amounts: list[Amount] = field(default_factory=list)
    amount_pairs: list[AmountPair] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    penalties: list[str] = field(default_factory=list)  # 警告, 罚款, 没收违法所得, 吊销许可证件…
    hearing: Optional[HearingInfo] = None
    remedy: Optional[RemedyInfo] = None
    statement_right: Optional[bool] = None   # 陈述、申辩 right stated
    statement_made: Optional[bool] = None    # the party did state/defend
    hearing_requested: Optional[bool] = None
    review_done: Optional[bool] = None       # 复核 recorded
    rights_waived: Optional[bool] = None     # party expressly waived 陈述申辩/听证 (放弃…权利)
    payment_terms: dict[str, bool] = field(default_factory=dict)  # within_15_days, channel, late_fee
    listed_evidence: list[str] = field(default_factory=list)  # evidence named in a decision
    measures: list[Measure] = field(default_factory=list)  # quantities stated in the facts found
    authority: Optional[str] = None          # issuing authority in the 落款
    seal: Optional[bool] = None              # seal in text mark or red seal on the image
    seal_evidence: Optional[Evidence] = None
    template_residue: list[Evidence] = field(default_factory=list)
    typos: list[Evidence] = field(default_factory=list)
    typo_fixes: list[str] = field(default_factory=list)  # "听政→听证", one per typos entry
    service: Optional[ServiceInfo] = None
    extension_approved: bool = False        # 延期/延长办案期限 approval
    major_case: Optional[bool] = None       # marked 重大/复杂
    elements: dict[str, bool] = field(default_factory=dict)  # decision/notice element -> present
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # per field name


@dataclass
class Facts(JsonMixin):
    """What the dossier as a whole says, plus each document's facts."""
    dossier: str
    page_count: int
    procedure: str                           # "general" | "simplified"
    party: Party = field(default_factory=Party)
    officers: list[Officer] = field(default_factory=list)
    dates: dict[str, _dt.date] = field(default_factory=dict)   # role -> date (first seen)
    fine_yuan: Optional[float] = None
    confiscation_yuan: Optional[float] = None
    citations: list[Citation] = field(default_factory=list)
    documents: list[DocFacts] = field(default_factory=list)
    pages: list[PageFacts] = field(default_factory=list)
    second_readings: list[LineReading] = field(default_factory=list)
    # "dossier" (a whole case file) or "document" (one document handed in alone: only the codes
    # that document itself can show are checked; DEFECTS.md "Scope")
    scope: str = "dossier"

    def docs(self, *types: str) -> list[DocFacts]:
        return [d for d in self.documents if d.type in types]

    def first(self, *types: str) -> Optional[DocFacts]:
        found = self.docs(*types)
        return found[0] if found else None


@dataclass
class LineReading(JsonMixin):
    """A second OCR engine's reading of one line of a scanned page (the second opinion).

    Requested by the pipeline for the evidence lines of findings that rest on OCR'd characters,
    stored with the facts so that a rescore needs no OCR.
    """
    page: int
    box: list[float]          # the region read: [x0, y0, x1, y1] in page fractions
    text: str                 # normalised like Page.text
    raw: str = ""
    engine: str = ""
    conf: Optional[float] = None


# --------------------------------------------------------------------------- check / score

@dataclass
class Finding(JsonMixin):
    code: str
    category: str
    points: float            # the deduction applied for this finding (before the item cap)
    veto: bool
    needs_human: bool
    message: str
    fix: str
    basis: str
    evidence: list[Evidence] = field(default_factory=list)
    # the check itself weighed what OCR could have caused (the standard's ocr_doubt is not applied)
    ocr_weighed: bool = False
    # the standard's confidence gate (ocr_doubt: reading) made this finding needs_human; a second
    # reading of its characters may settle it (internal to the check stage, like ocr_weighed)
    ocr_gated: bool = False
    # a plausible misreading the check found that explains the anomaly (in Chinese): the finding
    # stands only when a second reading of its characters confirms them, else a human looks
    doubt: Optional[str] = None
    # the check itself re-read the anomaly in the second engine's reading and found it there too
    second_confirmed: bool = False

    _OMIT_UNSET = ("ocr_weighed", "ocr_gated", "doubt", "second_confirmed")  # internal to the check stage; not part of the review JSON


@dataclass
class CategoryScore(JsonMixin):
    category: str
    name: str
    budget: float
    deducted: float
    score: float


@dataclass
class Review(JsonMixin):
    dossier: str
    sources: list[str]
    page_count: int
    procedure: str
    pages: list[dict]          # PageFacts as dicts
    documents: list[dict]
    facts: dict
    findings: list[Finding]
    score: float
    grade: str
    vetoed: bool
    standard: str
    categories: list[CategoryScore] = field(default_factory=list)
    needs_human: bool = False
    # OCR'd pages read too poorly to trust, by the standard's ``low_confidence`` (decided when
    # judging, so that a rescore under another standard changes them)
    unreadable_pages: list[int] = field(default_factory=list)
    scope: str = "dossier"           # "dossier" | "document" (see Facts.scope)
    generated_at: str = ""
    tool_version: str = ""
