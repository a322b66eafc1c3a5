"""The statute database: SQLite, law → version → article → 款 → 项.

Tables (every provision row carries its ``version_id``; the version row names its source and
file, so the source and version of every row are known):

- ``law``: one enacted law, regulation or rule by its formal full name (``name``), its level
  (``level``: 法律, 行政法规, 部门规章, 地方性法规, 用户导入) and the source's category.
- ``alias``: every name a citation may use for a law: the full name, the name without
  中华人民共和国 (the short name used in practice), and names given on import.
- ``version``: one text of a law: ``version_date`` (adopted or last amended, from the source),
  ``effective_from`` / ``effective_to`` (ISO dates where the text states them, else "unknown"),
  ``history`` (the adoption and amendment lines), ``source``, ``source_path``, and ``body``: the
  article text, zlib-compressed (the texts are most of the size; compressed per version, a
  lookup reads one version).
- ``article`` / ``paragraph`` / ``item``: the structure, each with the offsets of its text in
  the version's body.

No full-text index is kept: an FTS5 table over the text would more than double the database,
and a search reads the compressed texts in well under a few seconds.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .parse import LawText

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE law(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, level TEXT, category TEXT);
CREATE TABLE alias(name TEXT NOT NULL, law_id INTEGER NOT NULL REFERENCES law(id), kind TEXT,
                   PRIMARY KEY(name, law_id)) WITHOUT ROWID;
CREATE TABLE version(id INTEGER PRIMARY KEY, law_id INTEGER NOT NULL REFERENCES law(id),
                     version_date TEXT, effective_from TEXT NOT NULL, effective_to TEXT NOT NULL,
                     history TEXT, source TEXT NOT NULL, source_path TEXT, body BLOB);
CREATE INDEX version_law ON version(law_id);
CREATE TABLE article(version_id INTEGER NOT NULL, num INTEGER NOT NULL, sub INTEGER NOT NULL,
                     chapter TEXT, start INTEGER, stop INTEGER,
                     PRIMARY KEY(version_id, num, sub)) WITHOUT ROWID;
CREATE TABLE paragraph(version_id INTEGER NOT NULL, article INTEGER NOT NULL, sub INTEGER NOT NULL,
                       num INTEGER NOT NULL, items INTEGER NOT NULL, start INTEGER, stop INTEGER,
                       PRIMARY KEY(version_id, article, sub, num)) WITHOUT ROWID;
CREATE TABLE item(version_id INTEGER NOT NULL, article INTEGER NOT NULL, sub INTEGER NOT NULL,
                  paragraph INTEGER NOT NULL, num INTEGER NOT NULL, start INTEGER, stop INTEGER,
                  PRIMARY KEY(version_id, article, sub, paragraph, num)) WITHOUT ROWID;
"""

UNKNOWN = "unknown"
FORMAL_PREFIX = "中华人民共和国"


def short_names(name: str) -> list[str]:
    """Names a citation may use besides the full one: without the formal prefix."""
    out = []
    if name.startswith(FORMAL_PREFIX) and len(name) > len(FORMAL_PREFIX) + 1:
        out.append(name[len(FORMAL_PREFIX):])
    return out


def create(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    return con


def _iso(day: Optional[dt.date]) -> str:
    return day.isoformat() if day else UNKNOWN


def add_law(con: sqlite3.Connection, texts: list[LawText], *, level: str, category: str,
            source: str, aliases: Iterable[str] = ()) -> int:
    """Add the versions of one law (texts of one title, any order); returns the law's id.

    A split code (民法典 by 编) comes as several texts of one date: they form one version.
    ``effective_to`` is the day before the next version's ``effective_from`` when that is known,
    else "unknown"."""
    name = texts[0].title
    row = con.execute("SELECT id FROM law WHERE name=?", (name,)).fetchone()
    if row:
        law_id = row[0]
    else:
        law_id = con.execute("INSERT INTO law(name, level, category) VALUES (?,?,?)",
                             (name, level, category)).lastrowid
    for alias, kind in [(name, "full")] + [(s, "short") for s in short_names(name)] + \
            [(a, "given") for a in aliases]:
        con.execute("INSERT OR IGNORE INTO alias(name, law_id, kind) VALUES (?,?,?)", (alias, law_id, kind))
    by_date: dict = {}
    for t in texts:
        by_date.setdefault(t.version_date, []).append(t)
    dates = sorted(by_date, key=lambda d: d or dt.date.min)
    effective = {d: next((t.effective_from for t in by_date[d] if t.effective_from), None) for d in dates}
    for i, day in enumerate(dates):
        parts = by_date[day]
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        to = _iso(effective[nxt] - dt.timedelta(days=1)) if nxt and effective[nxt] else UNKNOWN
        body: list[str] = []
        pos = 0
        arts, paras, items = [], [], []
        for t in parts:
            for a in t.articles:
                a_start = pos
                for pn, p in enumerate(a.paragraphs, 1):
                    p_start = pos
                    body.append(p.text)
                    pos += len(p.text) + 1
                    for it in p.items:
                        items.append((a.num, a.sub, pn, it.num, pos, pos + len(it.text)))
                        body.append(it.text)
                        pos += len(it.text) + 1
                    paras.append((a.num, a.sub, pn, len(p.items), p_start, p_start + len(p.text)))
                arts.append((a.num, a.sub, a.chapter, a_start, pos - 1))
        history = "\n".join(line for t in parts[:1] for _, line in t.history)
        vid = con.execute(
            "INSERT INTO version(law_id, version_date, effective_from, effective_to, history, source,"
            " source_path, body) VALUES (?,?,?,?,?,?,?,?)",
            (law_id, _iso(day), _iso(effective[day]), to, history, source,
             ";".join(t.path for t in parts), zlib.compress("\n".join(body).encode("utf-8"), 9))).lastrowid
        con.executemany("INSERT OR IGNORE INTO article VALUES (?,?,?,?,?,?)", [(vid, *a) for a in arts])
        con.executemany("INSERT OR IGNORE INTO paragraph VALUES (?,?,?,?,?,?,?)", [(vid, *p) for p in paras])
        con.executemany("INSERT OR IGNORE INTO item VALUES (?,?,?,?,?,?,?)", [(vid, *x) for x in items])
    return law_id


# --------------------------------------------------------------------------- reading


@dataclass
class Version:
    id: int
    law_id: int
    law: str                 # formal full name
    level: str
    version_date: Optional[dt.date]
    effective_from: Optional[dt.date]   # None = unknown
    effective_to: Optional[dt.date]     # None = unknown (or still in force)
    source: str
    db: str                  # "shipped" | "user"

    def label(self) -> str:
        vd = self.version_date.isoformat() if self.version_date else "日期未知"
        return f"《{self.law}》（{vd}版）"


def _day(text: Optional[str]) -> Optional[dt.date]:
    if not text or text == UNKNOWN:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
