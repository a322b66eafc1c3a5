"""The title/content vocabulary (``vocabulary.yaml``) and the matching of title lines against it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml
from rapidfuzz.distance import Levenshtein

from ..model import DOCUMENT_TYPES
from .lines import title_key

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.yaml")

# What may stand before a title on its line: the issuing agency's name.  Agency names end in
# one of these; OCR may garble the last character, so the last two are looked at.
AGENCY_ENDINGS = ("局", "委员会", "委", "政府", "大队", "支队", "中队", "所", "厅", "院", "中心", "站",
                  "办公室", "办", "部", "队", "署", "科", "执法局",
                  "银行", "支行", "分行", "信用社", "财政局")
_AGENCY_HINT = re.compile(r"(省|市|县|区|镇|乡|州|盟|旗|自治)")

# What may stand after a title: a qualifier of the copy or of the procedure.
_QUALIFIER_RE = re.compile(
    r"(?:适用简易程序|简易程序|一般程序|当场|复印件|复制件|副本|正本|存根|回执联|续页|续表|续|样式|"
    r"第[0-9一二三四五六七八九十]{1,3}[页联份]|共[0-9一二三四五六七八九十]{1,3}[页份]|附件|单位|个人|"
    r"[0-9]{1,3}|[一二三四五六七八九十]|[A-Za-z])$"
)
# What may stand before a title: 附件2：, 附：, 证据3、 (attachments and numbered exhibits).
_LEAD_RE = re.compile(r"^\s*(?:(?:附件|证据)\s*[0-9一二三四五六七八九十]{1,3}\s*[:：、.．]?|(?:附件|证据|附)\s*[:：、.．])\s*")

# Labels of a form's first cells (案由, 当事人, 时间, 编号 …): what may follow a table form's title
# on the same line.
_FIELD_LABEL_RE = re.compile(
    r"案\s*由|案件(?:名称|来源|编号)|立案编号|当\s*事\s*人|被(?:检查|询问|调查|处罚)(?:人|单位|对象)|"
    r"(?:检查|勘验|勘查|询问|调查|听证|讨论|会议|送达|缴款|填报|审核|呈报)(?:时间|地点|日期|人员?)|"
    r"时\s*间|地\s*点|编\s*号|文\s*号|受送达人|送达文书|单位名称|名\s*称|姓\s*名|日\s*期|"
    r"填[报表]单位|承办(?:人|机构|部门)|负责人|法定代表人|主持人|记录人|N[oO]\.?|№|[:：]"
)

_NUMBER_LABEL_RE = re.compile(r"[文编]\s*号|日\s*期")
# The longest text before a table's first label that can still be a title: a title key has at
# most 40 characters (``_match_title``), and OCR may space them out and bracket them.
MAX_TITLE_HEAD = 160

# Lines with these marks are sentences, labelled fields or quotations, never a title line.
_NOT_TITLE_RE = re.compile(r"[，,。；;《》！？?:：]")


@dataclass(frozen=True)
class TitleEntry:
    type: str
    title: str
    key: str
    priority: int


@dataclass(frozen=True)
class TitleMatch:
    type: str
    title: str          # the canonical title from the vocabulary
    errors: int         # edit distance between the line and that title (0 = exact)
    prefixed: bool      # the agency name or modifier words stood before the title on the same line
    alternatives: tuple = ()   # other types whose titles the line matches just as well
    agency: bool = False       # what stood before it names an agency (a heading, not a label)

    @property
    def exact(self) -> bool:
        return self.errors == 0


@dataclass
class TypeSpec:
    name: str
    priority: int
    split: bool
    titles: list[str]
    cues: list[tuple[re.Pattern, int]] = field(default_factory=list)
    min_score: int = 99


@dataclass
class Vocabulary:
    types: dict[str, TypeSpec]
    entries: list[TitleEntry]   # longest key first
    genre_chars: frozenset = frozenset()   # last characters of all titles
    evidence_kinds: dict = field(default_factory=dict)   # kind -> compiled pattern
    _index: Optional[tuple] = None
    _cache: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = VOCABULARY_PATH) -> "Vocabulary":
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_YamlLoader)
        types: dict[str, TypeSpec] = {}
        by_key: dict[str, TitleEntry] = {}
        for name, spec in data["types"].items():
            if name not in DOCUMENT_TYPES:
                raise ValueError(f"{path}: unknown document type {name!r}")
            ts = TypeSpec(
                name=name,
                priority=int(spec.get("priority", 0)),
                split=bool(spec.get("split", True)),
                titles=list(spec.get("titles", [])),
                cues=[(re.compile(rx), int(w)) for rx, w in spec.get("cues", [])],
                min_score=int(spec.get("min_score", 99)),
            )
            types[name] = ts
            for title in ts.titles:
                key = title_key(title)
                old = by_key.get(key)
                if old is None or old.priority < ts.priority:
                    by_key[key] = TitleEntry(name, title, key, ts.priority)
        entries = sorted(by_key.values(), key=lambda e: (-len(e.key), -e.priority))
        kinds = {k: re.compile(rx) for k, rx in (data.get("evidence_kinds") or {}).items()}
        return cls(types, entries, frozenset(e.key[-1] for e in entries), kinds)

    # ------------------------------------------------------------------ titles

    def match_title(self, line: str) -> Optional[TitleMatch]:
        """Match one line against the known titles; None when it is not a title line."""
        if line not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[line] = self._match_title(line)
        return self._cache[line]

    def match_table_title(self, line: str) -> Optional[tuple[TitleMatch, str]]:
        """A title heading a form laid out as a table, whose first cells the text layer (or OCR)
        put on the title's line: 现场勘验检查笔录 时间：2024年3月5日 …, 案件立案审批表 案由 ….
        Returns the match and the title's text, or None when the text before the first field
        label is no title."""
        for m in _FIELD_LABEL_RE.finditer(line):
            if m.start() > MAX_TITLE_HEAD:
                break  # every later label has a longer head: no title, and O(n²) keys to build
            head = line[: m.start()]
            # 决定书文号, 告知书编号: a field naming a document, not a title before a cell.
            if _NUMBER_LABEL_RE.match(line, m.start()):
                continue
            if len(title_key(head)) < 4:
                continue
            found = self.match_title(head)
            if found is not None:
                return found, head.strip()
        return None

    def _match_title(self, line: str) -> Optional[TitleMatch]:
        line = _LEAD_RE.sub("", line)
        if _NOT_TITLE_RE.search(line.strip()):
            return None
        core = title_key(line)
        if len(core) > MAX_TITLE_HEAD:
            return None  # a line this long is text; peeling it would cost O(n²)
        # Peel qualifiers (（简易程序）, 复印件, 第2页 …) only while a title-sized text remains.
        peeled: list[str] = []
        while True:
            # a qualifier is at most 7 characters: look only at the key's tail
            m = _QUALIFIER_RE.search(core, max(0, len(core) - 12))
            if not m or m.start() < 2:
                break
            peeled.append(core)
            core = core[: m.start()]
        if len(core) < 2 or len(core) > 40 or re.search(r"\d", core):
            return None
        found = self._exact(core) or self._fuzzy(core)
        # A title's last character misread as a numeral or letter (告知书 → 告知六) looks like a
        # qualifier; peeled, the title lacks its genre character and reads as another one
        # (告知 → 听证会通知, two errors).  Unpeeled, one error from the right title is nearer.
        last = peeled[-1] if peeled else None
        if found is not None and found.errors and last is not None and len(last) == len(core) + 1 \
                and len(last) <= 40 and not re.search(r"\d", last):
            other = self._fuzzy(last)
            if other is not None and other.errors < found.errors:
                found = other
        return found

    def _exact(self, core: str) -> Optional[TitleMatch]:
        for e in self.entries:   # longest first: 行政处罚决定审批表 before 决定书-like keys
            if core.endswith(e.key):
                prefix = core[: len(core) - len(e.key)]
                if _prefix_ok(prefix):
                    return TitleMatch(e.type, e.title, 0, bool(prefix), agency=_names_agency(prefix))
        return None

    def _fuzzy(self, core: str) -> Optional[TitleMatch]:
        by_last, by_stem = self._fuzzy_index()
        best: Optional[tuple] = None
        ties: dict[tuple, set] = {}

        def consider(e: TitleEntry, d: int, width: int, body: str) -> None:
            nonlocal best
            prefix = body[: len(body) - width]
            if not _prefix_ok(prefix):
                return
            rank = (d / len(e.key), -len(e.key), -e.priority)
            ties.setdefault((d / len(e.key), len(e.key)), set()).add(e.type)
            if best is None or rank < best[0]:
                best = (rank, TitleMatch(e.type, e.title, d, bool(prefix), agency=_names_agency(prefix)))

        # OCR often leaves a stray character or two after a title (a speck of the seal);
        # each one counts as an error.
        for junk in range(0, 3):
            body = core[: len(core) - junk]
            if len(body) < 3:
                break
            # The last character names the genre of the document (书, 表, 录, 证, 单) and is
            # what tells 听证告知书 from 听证笔录: it must be read right ...
            for e in by_last.get(body[-1], ()):
                n = len(e.key)
                budget = _error_budget(n)
                if junk > min(budget, 2 if n >= 6 else 1) or len(body) < n - budget:
                    continue
                for width in (n, n - 1, n + 1):
                    if width < 2 or width > len(body):
                        continue
                    d = Levenshtein.distance(body[len(body) - width:], e.key,
                                             score_cutoff=budget - junk) + junk
                    if d <= budget:
                        consider(e, d, width, body)
            # ... unless it is the only error and no other title's last character.
            if junk == 0 and body[-1] not in self.genre_chars:
                for n, entries in by_stem.items():
                    if len(body) >= n:
                        for e in entries.get(body[len(body) - n: -1], ()):
                            consider(e, 1, n, body)
        if best is None:
            return None
        match = best[1]
        # 木案审批表 is one error from 立案审批表 and from 结案审批表: say so, the page's
        # content decides.
        others = ties.get((best[0][0], -best[0][1]), set()) - {match.type}
        if others:
            match = TitleMatch(match.type, match.title, match.errors, match.prefixed, tuple(sorted(others)),
                               match.agency)
        return match

    def evidence_kind(self, text: str) -> Optional[str]:
        """The kind of evidence item (licence, photo, books…) the text's first match names."""
        best = None
        for kind, rx in self.evidence_kinds.items():
            m = rx.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), kind)
        return best[1] if best else None

    def closest_title(self, line: str, max_ratio: float = 0.3) -> Optional[TitleMatch]:
        """The nearest known title to a line already known to be a title line (it stands
        where titles stand), without the strict rules of :meth:`match_title`."""
        key = title_key(line)
        best = None
        for e in self.entries:
            if len(e.key) < 4:
                continue
            d = Levenshtein.distance(key, e.key)
            if d <= max_ratio * max(len(key), len(e.key)) and (best is None or d < best[0]):
                best = (d, TitleMatch(e.type, e.title, d, False))
        return best[1] if best else None

    def type_within(self, line: str) -> Optional[str]:
        """The type of the longest known title (4+ characters) inside a line that is not itself
        a title line, e.g. a title with an OCR-garbled prefix (行政处昼雪件调查报告)."""
        key = title_key(line)
        for e in self.entries:
            if len(e.key) >= 4 and e.key in key:
                return e.type
        return None

    def _fuzzy_index(self):
        if self._index is None:
            by_last: dict[str, list[TitleEntry]] = {}
            by_stem: dict[int, dict[str, list[TitleEntry]]] = {}
            for e in self.entries:
                if _error_budget(len(e.key)) == 0:
                    continue
                by_last.setdefault(e.key[-1], []).append(e)
                by_stem.setdefault(len(e.key), {}).setdefault(e.key[:-1], []).append(e)
            self._index = (by_last, by_stem)
        return self._index

    # ------------------------------------------------------------------ content

    def content_scores(self, text: str) -> dict[str, int]:
        scores = {}
        for name, spec in self.types.items():
            s = sum(w for rx, w in spec.cues if rx.search(text))
            if s:
                scores[name] = s
        return scores

    def type_by_content(self, text: str, bonus: dict[str, int] | None = None) -> tuple[str, float]:
        """The type the page's content points to, and how far above its threshold it scored."""
        scores = self.content_scores(text)
        for k, v in (bonus or {}).items():
            scores[k] = scores.get(k, 0) + v
        best = None
        for name, s in scores.items():
            spec = self.types[name]
            if s < spec.min_score:
                continue
            rank = (s / spec.min_score, spec.priority)
            if best is None or rank > best[0]:
                best = (rank, name)
        if best is None:
            return "other", 0.0
        return best[1], best[0][0]

    def list_titles(self, text: str) -> tuple[int, int, int]:
        """Lines of ``text`` naming a known title, of how many types (a 卷内目录 names many),
        and how many of those lines also carry a number (a catalogue row's page or date)."""
        rx = _title_search_re(self)
        lines = rows = 0
        kinds = set()
        for line in text.split("\n"):
            key = title_key(line)
            m = rx.search(key)
            if m:
                lines += 1
                rows += bool(re.search(r"\d", key))
                kinds.add(self._type_of_key(m.group(0)))
        return lines, len(kinds), rows

    def _type_of_key(self, key: str) -> str:
        for e in self.entries:
            if e.key == key:
                return e.type
        return "other"


def _error_budget(n: int) -> int:
    if n <= 3:
        return 0
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    return 3


# Words agencies put before a form's name (重大执法决定法制审核意见, 行政处罚案件结案报告); they
# may stand between the agency name and a known title.
MODIFIER_WORDS = ("重大行政执法决定", "重大执法决定", "行政执法决定", "执法决定", "重大案件", "重大", "行政处罚",
                  "行政执法", "案件", "一般程序", "简易程序", "当场", "违法", "当事人")


def _strip_modifiers(prefix: str) -> str:
    stripped = True
    while prefix and stripped:
        stripped = False
        for word in MODIFIER_WORDS:
            if prefix.endswith(word):
                prefix = prefix[: -len(word)]
                stripped = True
                break
    return prefix


def _prefix_ok(prefix: str) -> bool:
    """What stands before a title on its line is an agency name and/or modifier words."""
    prefix = _strip_modifiers(prefix)
    return not prefix or _agency_like(prefix)


def _names_agency(prefix: str) -> bool:
    """The prefix holds an agency's name, not only modifier words: 当事人陈述申辩意见 may be a
    form's field label, X市X局陈述申辩记录 is a heading."""
    rest = _strip_modifiers(prefix)
    return bool(rest) and _agency_like(rest)


def _agency_like(prefix: str) -> bool:
    if len(prefix) > 30 or re.search(r"\d", prefix):
        return False
    if any(prefix.endswith(e) for e in AGENCY_ENDINGS):
        return True
    # An OCR-garbled last character: accept when an agency word is one character earlier
    # and the prefix names a place (省/市/县/区…).
    return any(prefix[:-1].endswith(e) for e in AGENCY_ENDINGS) and bool(_AGENCY_HINT.search(prefix))


# Endings of document names (…通知书, …审批表, …笔录): a short line at the top of a page that
# ends like this is a title even when the vocabulary does not know it.
# the genres a document's title ends in; the second line: the kinds of evidence items, each of
# which is a document of its own (物证照片, 现场勘验图, 视听资料截图, 许可证复印件)
_GENRE_END_RE = re.compile(r"(书|表|笔录|记录|报告|回证|清单|凭证|回单|单|通知|函|证明|回执"
                           r"|照片|图|截图|复印件|许可证|执照|证书|资料|材料|票据|发票|合同)$")
_ENUMERATION_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]|第[一二三四五六七八九十\d]+)")


_EVIDENCE_GENRE_RE = re.compile(r"(照片|图|截图|复印件|许可证|执照|证书|资料|材料|票据|发票|合同)$")


def evidence_genre(text: str) -> bool:
    """An unknown title naming an evidence item by its kind (物证照片, 现场勘验图)."""
    return bool(_EVIDENCE_GENRE_RE.search(title_key(text)))


def unknown_title(text: str) -> bool:
    """A title-shaped line naming a document the vocabulary does not list."""
    if _NOT_TITLE_RE.search(text.strip()) or _ENUMERATION_RE.match(text):
        return False
    key = title_key(text)
    return 4 <= len(key) <= 18 and not re.search(r"\d", key) and bool(_GENRE_END_RE.search(key))


def agency_line(text: str) -> bool:
    """A line holding only an agency's name (the line above a title)."""
    key = title_key(text)
    if not (3 <= len(key) <= 30) or _NOT_TITLE_RE.search(text.strip()):
        return False
    return _agency_like(key) and bool(_AGENCY_HINT.search(key) or len(key) >= 6)


@lru_cache(maxsize=4)
def _title_search_re_cached(keys: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(k) for k in keys if len(k) >= 4))


def _title_search_re(vocab: Vocabulary) -> re.Pattern:
    return _title_search_re_cached(tuple(e.key for e in vocab.entries))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary.load()
