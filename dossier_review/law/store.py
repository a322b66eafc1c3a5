"""Reading the statute databases: the one shipped in the package and the user's own.

``LawStore`` opens the shipped database (read-only) and, when it exists, the user's database of
imported texts (``law import``: a local 裁量基准, a province's regulations), kept in the user's
data folder, never in the package.  A law found in both is taken from the user's database (the
user imported it because it is newer or fuller).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .db import FORMAL_PREFIX, Version, _day, add_law, create
from .parse import parse_file

SHIPPED = Path(__file__).resolve().parent / "data" / "laws.sqlite"
USER_LEVEL = "用户导入"


def user_path() -> Path:
    """The user's database of imported texts (``DOSSIER_REVIEW_LAWDB`` overrides it)."""
    env = os.environ.get("DOSSIER_REVIEW_LAWDB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or "~/.local/share"
    return Path(base).expanduser() / "dossier-review" / "laws-user.sqlite"


_VERSION_NOTE = re.compile(r"[（(][^（）()]*(?:\d{4}|修正|修订|试行|草案)[^（）()]*[）)]")


def norm_name(name: str) -> str:
    """A cited name as the database keys it: no 《》, spaces, figures or Latin letters slipped in
    (a page number across a break), no version note "（2021年修订）"."""
    name = _VERSION_NOTE.sub("", name or "")
    return re.sub(r"[《》〈〉\s0-9A-Za-z·]", "", name)


@dataclass
class Resolution:
    """What the database says about a cited law on a day."""
    cited: str
    law: Optional[str] = None                 # formal full name; None = not in the database
    level: str = ""
    versions: list[Version] = field(default_factory=list)    # every version known
    candidates: list[Version] = field(default_factory=list)  # those possibly in force on the day
    older_missing: bool = False   # a version older than any in the database may be the one in force
    not_yet: bool = False         # the day is before the law was first adopted

    @property
    def found(self) -> bool:
        return self.law is not None


@dataclass
class Provision:
    """An article's structure in one version."""
    version: Version
    article: int
    text: str
    paragraphs: list[tuple[str, list[str]]]    # (paragraph text, its items' texts)

    def has(self, paragraph: Optional[int], item: Optional[int]) -> bool:
        if paragraph is not None and not 1 <= paragraph <= len(self.paragraphs):
            return False
        if item is None:
            return True
        if paragraph is not None:
            return 1 <= item <= len(self.paragraphs[paragraph - 1][1])
        return any(1 <= item <= len(items) for _, items in self.paragraphs)

    def part(self, paragraph: Optional[int], item: Optional[int]) -> str:
        """The text of the cited 款 (with its items) or 项 (with its 款's lead-in), else the article."""
        if paragraph is None and item is None:
            return self.text
        paras = self.paragraphs if paragraph is None else [self.paragraphs[paragraph - 1]]
        for lead, items in paras:
            if item is None:
                return "\n".join([lead, *items])
            if 1 <= item <= len(items):
                return f"{lead}\n{items[item - 1]}"
        return self.text


class LawStore:
    def __init__(self, shipped: Optional[Path] = None, user: Optional[Path] = None):
        self.paths: dict[str, Path] = {}
        self._con: dict[str, sqlite3.Connection] = {}
        shipped = SHIPPED if shipped is None else shipped
        user = user_path() if user is None else user
        if shipped.exists():
            self._con["shipped"] = sqlite3.connect(f"file:{shipped}?mode=ro", uri=True, check_same_thread=False)
            self.paths["shipped"] = shipped
        if user.exists():
            self._con["user"] = sqlite3.connect(f"file:{user}?mode=ro", uri=True, check_same_thread=False)
            self.paths["user"] = user
        self._bodies: dict[tuple[str, int], str] = {}

    @property
    def available(self) -> bool:
        return bool(self._con)

    # ------------------------------------------------------------------ laws and versions

    def _laws(self, name: str) -> list[tuple[str, int, str, str]]:
        """(db, law_id, formal name, level) of the laws known under ``name``; the user's first."""
        key = norm_name(name)
        keys = [key] + ([key[len(FORMAL_PREFIX):]] if key.startswith(FORMAL_PREFIX) else [])
        out = []
        for db in ("user", "shipped"):
            con = self._con.get(db)
            if con is None:
                continue
            for k in keys:
                rows = con.execute("SELECT law.id, law.name, law.level FROM alias JOIN law ON law.id = alias.law_id"
                                   " WHERE alias.name = ?", (k,)).fetchall()
                out += [(db, r[0], r[1], r[2]) for r in rows]
                if rows:
                    break
        return out

    def versions(self, db: str, law_id: int) -> list[Version]:
        rows = self._con[db].execute(
            "SELECT v.id, v.law_id, l.name, l.level, v.version_date, v.effective_from, v.effective_to, v.source,"
            " v.history FROM version v JOIN law l ON l.id = v.law_id WHERE v.law_id = ?", (law_id,)).fetchall()
        out = []
        for r in rows:
            v = Version(r[0], r[1], r[2], r[3], _day(r[4]), _day(r[5]), _day(r[6]), r[7], db)
            v.amended = any(k in (r[8] or "") for k in ("修正", "修订", "修改"))  # type: ignore[attr-defined]
            out.append(v)
        return sorted(out, key=lambda v: v.version_date or dt.date.min)

    def resolve(self, name: str, day: Optional[dt.date], grace_days: int = 0) -> Resolution:
        """The versions of the law named ``name`` that may be in force on ``day``.

        A version is in force from its ``effective_from``; where that is unknown, from its
        version date plus ``grace_days`` (the standard's assumption for an amendment whose
        commencement the text does not state), and the version before it may still be in force
        until then.  No day → the newest version."""
        laws = self._laws(name)
        res = Resolution(name)
        if not laws:
            return res
        db, law_id, formal, level = laws[0]
        res.law, res.level = formal, level
        res.versions = vs = self.versions(db, law_id)
        if not vs:
            return res
        if day is None:
            res.candidates = [vs[-1]]
            return res

        def surely_from(v: Version) -> Optional[dt.date]:
            if v.effective_from:
                return v.effective_from
            return v.version_date + dt.timedelta(days=grace_days) if v.version_date else None

        def maybe_from(v: Version) -> Optional[dt.date]:
            return v.effective_from or v.version_date

        started = [v for v in vs if maybe_from(v) and maybe_from(v) <= day]
        if not started:
            first = vs[0]
            if getattr(first, "amended", False):
                res.older_missing = True
            else:
                res.not_yet = True
            return res
        cands = []
        for v in reversed(started):
            cands.insert(0, v)
            sf = surely_from(v)
            if sf and sf <= day:
                break
        else:
            # even the oldest version known may not yet have been in force: an older one may be
            if getattr(cands[0], "amended", False):
                res.older_missing = True
        res.candidates = cands
        return res

    # ------------------------------------------------------------------ text

    def _body(self, v: Version) -> str:
        key = (v.db, v.id)
        if key not in self._bodies:
            blob = self._con[v.db].execute("SELECT body FROM version WHERE id = ?", (v.id,)).fetchone()[0]
            self._bodies[key] = zlib.decompress(blob).decode("utf-8")
        return self._bodies[key]

    def provision(self, v: Version, article: int, sub: int = 0) -> Optional[Provision]:
        con = self._con[v.db]
        row = con.execute("SELECT start, stop FROM article WHERE version_id=? AND num=? AND sub=?",
                          (v.id, article, sub)).fetchone()
        if row is None:
            return None
        body = self._body(v)
        paras = []
        for pnum, items_n, start, stop in con.execute(
                "SELECT num, items, start, stop FROM paragraph WHERE version_id=? AND article=? AND sub=?"
                " ORDER BY num", (v.id, article, sub)):
            items = [body[a:b] for a, b in con.execute(
                "SELECT start, stop FROM item WHERE version_id=? AND article=? AND sub=? AND paragraph=?"
                " ORDER BY num", (v.id, article, sub, pnum))] if items_n else []
            paras.append((body[start:stop], items))
        return Provision(v, article, body[row[0]:row[1]], paras)

    def articles(self, v: Version) -> list[tuple[int, int]]:
        return [tuple(r) for r in self._con[v.db].execute(
            "SELECT num, sub FROM article WHERE version_id=? ORDER BY num, sub", (v.id,))]

    def search(self, words: list[str], limit: int = 20) -> list[tuple[Version, int, str]]:
        """Articles of the newest version of every law whose text holds every one of ``words``
        (or whose law's name holds those not in the text)."""
        out = []
        for db, con in self._con.items():
            rows = con.execute(
                "SELECT v.id, v.law_id, l.name, l.level, v.version_date, v.effective_from, v.effective_to,"
                " v.source FROM version v JOIN law l ON l.id = v.law_id"
                " WHERE v.version_date = (SELECT max(version_date) FROM version w WHERE w.law_id = v.law_id)")
            for r in rows:
                v = Version(r[0], r[1], r[2], r[3], _day(r[4]), _day(r[5]), _day(r[6]), r[7], db)
                in_name = [w for w in words if w in v.law]
                rest = [w for w in words if w not in in_name]
                blob = con.execute("SELECT body FROM version WHERE id = ?", (v.id,)).fetchone()[0]
                body = zlib.decompress(blob).decode("utf-8")
                if not all(w in body for w in rest):
                    continue
                for num, _sub, start, stop in con.execute(
                        "SELECT num, sub, start, stop FROM article WHERE version_id=? ORDER BY num, sub", (v.id,)):
                    text = body[start:stop]
                    if all(w in text for w in rest):
                        out.append((v, num, text))
                        if len(out) >= limit:
                            return out
        return out

    def stats(self) -> dict[str, dict]:
        out = {}
        for db, con in self._con.items():
            out[db] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("law", "version", "article", "paragraph", "item")}
            out[db]["path"] = str(self.paths[db])
            out[db]["bytes"] = self.paths[db].stat().st_size
        return out


def import_file(path: Path, target: Optional[Path] = None, aliases: tuple[str, ...] = ()) -> tuple[str, int]:
    """Add the text ``path`` (the source's markdown layout) to the user's database; returns the
    law's name and its number of articles.  The database is created on first use."""
    target = user_path() if target is None else target
    text = parse_file(Path(path))
    if not text.articles:
        raise ValueError(f"{path}: 未找到任何“第X条”条文，请按“# 标题 / 沿革 / <!-- INFO END --> / 第X条…”的格式整理")
    text.path = Path(path).name
    if target.exists():
        con = sqlite3.connect(target)
    else:
        con = create(target)
        con.execute("INSERT INTO meta VALUES ('source', '用户导入')")
    source = f"用户导入：{Path(path).name}（{dt.date.today().isoformat()}）"
    add_law(con, [text], level=USER_LEVEL, category=USER_LEVEL, source=source, aliases=aliases)
    con.commit()
    con.close()
    default_store.cache_clear()
    return text.title, len(text.articles)


@lru_cache(maxsize=1)
def default_store() -> LawStore:
    return LawStore()
