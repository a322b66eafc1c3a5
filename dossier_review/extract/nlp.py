"""The one spaCy pipeline of the extractor (blank ``zh`` + jieba, rule components only).

Built lazily once per process.  Used where word boundaries matter and regular expressions
cannot see them: splitting runs of person names written without separators ("张三李四",
common after OCR drops the 、) and finding agency names (…市场监督管理局) in the closing block.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from .surnames import COMPOUND_SURNAMES, SURNAMES
from .vocab import words

_LOCK = threading.Lock()
_NLP = None

ORG_SUFFIXES = tuple(words("agency_suffixes"))
_ORG_TAIL = "(" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")$"


def get_nlp():
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import logging

                import jieba
                import spacy

                jieba.setLogLevel(logging.WARNING)
                nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
                ruler = nlp.add_pipe("entity_ruler")
                cjk = {"TEXT": {"REGEX": r"^[\u4e00-\u9fff（）()]+$"}}
                ruler.add_patterns([
                    # an agency: CJK tokens ending in an agency suffix ("杭州市 市场监督 管理局")
                    {"label": "ORG", "pattern": [dict(cjk, OP="*"), {"TEXT": {"REGEX": r"^[\u4e00-\u9fff]*" + _ORG_TAIL}}]},
                ])
                _NLP = nlp
    return _NLP


def org_names(text: str) -> list[str]:
    """Agency names in a short text (a closing line, a header line)."""
    doc = get_nlp()(text)
    out = []
    for e in doc.ents:
        if e.label_ != "ORG":
            continue
        # jieba may glue a date or a label onto the name ("…日杭州市…局"): cut at the last one
        name = re.split(r"[年月日号：]|盖章|印章|公章|落款|机关|签发", e.text)[-1]
        if len(name) >= 4:
            out.append(name)
    return out


def _starts_with_surname(s: str) -> int:
    """Length of the surname at the start of ``s`` (0 when none)."""
    if s[:2] in COMPOUND_SURNAMES:
        return 2
    if s[:1] in SURNAMES:
        return 1
    return 0


def is_person_name(s: str) -> bool:
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}", s):
        return False
    if "·" in s:
        return True
    k = _starts_with_surname(s)
    return k > 0 and len(s) - k in (1, 2, 3 if k == 2 else 2)


@lru_cache(maxsize=4096)
def split_names(run: str, known: frozenset = frozenset()) -> tuple[str, ...]:
    """Split a run of CJK characters into person names ("张三李四" → 张三, 李四).

    Every piece must start with a surname and have one or two given-name characters; among
    the splits that work, prefer the one made of names written apart elsewhere in the file
    (``known``: "刘超、胡海燕" tells how to read "刘超胡海燕"), then the one whose boundaries agree
    with jieba's words.
    """
    if run in known or (is_person_name(run) and len(run) <= 3 and not any(k in run and k != run for k in known)):
        return (run,)
    best: list[list[str]] = []

    def walk(i: int, acc: list[str]):
        if i == len(run):
            best.append(list(acc))
            return
        for n in (3, 2, 4):
            piece = run[i:i + n]
            if len(piece) == n and is_person_name(piece):
                acc.append(piece)
                walk(i + n, acc)
                acc.pop()

    if len(run) <= 16:
        walk(0, [])
    if not best:
        return (run,) if is_person_name(run) else ()
    if len(best) == 1 and not known:
        return tuple(best[0])
    tokens = [t.text for t in get_nlp()(run)]
    bounds, pos = set(), 0
    for t in tokens:
        pos += len(t)
        bounds.add(pos)

    def agree(split: list[str]) -> tuple[int, int]:
        pos, hits = 0, 0
        for piece in split:
            pos += len(piece)
            hits += pos in bounds
        # known names first, then agreeing boundaries, then fewer four-character names
        return sum(p in known for p in split), hits, -sum(len(p) == 4 for p in split)

    return tuple(max(best, key=agree))


# Verbs and prepositions that follow a name in prose ("陈超到…", "张三在现场…", "李四向当事人…"):
# jieba sometimes glues them onto a two-character name, giving a three-character "name".  和/与/及
# are left out: they end real given names (王建和) too often.
AFTER_NAME = frozenset("到在向对于将从把被给")


def leading_name(run: str, known: frozenset = frozenset()) -> str | None:
    """The person name a run of prose starts with ("冯俊杰在检查中发现…" → 冯俊杰), by jieba's
    word boundaries (a name is one word, or a surname word plus a given-name word); a name
    written apart elsewhere in the file (``known``) wins."""
    for k in sorted((k for k in known if run.startswith(k)), key=len, reverse=True):
        return k
    tokens = [t.text for t in get_nlp()(run[:8])]
    if not tokens:
        return None
    name = None
    if is_person_name(tokens[0]):
        name = tokens[0]
    elif len(tokens) > 1 and is_person_name(tokens[0] + tokens[1]):
        name = tokens[0] + tokens[1]
    elif is_person_name(run[:2]):
        name = run[:2]
    if name and len(name) == 3 and name[-1] in AFTER_NAME and is_person_name(name[:2]):
        name = name[:2]
    return name


_APART = re.compile(r"([\u4e00-\u9fff·]{2,4})(?=[（(](?:行政)?执法证|[（(]证号|、)|(?<=、)([\u4e00-\u9fff·]{2,4})(?=[，,。；（(\s]|$)")


def known_names(text: str) -> frozenset:
    """Person names written apart in a text ("刘超、胡海燕", "刘超（执法证号…")."""
    out = set()
    for m in _APART.finditer(text):
        name = m.group(1) or m.group(2)
        # a name at the end of a longer run ("执法人员刘超、…"): take the tail that is a name
        for k in (len(name), 3, 2):
            if k <= len(name) and is_person_name(name[-k:]):
                out.add(name[-k:])
                break
    return frozenset(out)


# first words that open a clause, not a name: verbs, adverbs, prepositions, conjunctions
_CLAUSE_OPENERS = ("v", "vn", "vd", "d", "p", "c")


def is_clause(text: str) -> bool:
    """Whether ``text`` reads as a clause ("经营停车场…", "未按规定…", "在本市开设的诊所") rather than a
    name: it opens with a verb, adverb, preposition or conjunction, or a 的 binds a description
    to its head.  A name is a noun phrase; the words' parts of speech are jieba's."""
    import jieba.posseg as posseg

    words = list(posseg.cut(text or ""))
    if not words:
        return False
    if words[0].flag in _CLAUSE_OPENERS:
        return True
    return any(w.word == "的" for w in words)
