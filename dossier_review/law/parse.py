"""Read one statute text in the source's markdown layout into its structure.

The layout (the source's own template): ``# 标题`` (a second ``#`` line may name a part of a
split code), the history lines ``YYYY年M月D日 …通过/修正/修订/发布/施行`` up to
``<!-- INFO END -->``, then ``##`` chapter headings and the body: an article starts with
``第X条``; every further line of the article is a paragraph (款); a line starting with ``（一）``
is an item (项) of the paragraph before it.  A user's own text (a local 裁量基准) imported with
``law import`` follows the same layout.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import cn2an

_NUM = "零〇一二三四五六七八九十百千两"
ARTICLE = re.compile(rf"^第([{_NUM}\d]+)条(?:之([{_NUM}]+))?[\s　]*(.*)$")
ITEM = re.compile(rf"^[（(]([{_NUM}\d]+)[）)]")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
FILE_DATE = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[）)]\s*$")
INFO_END = "<!-- INFO END -->"


def cn_number(text: str) -> int | None:
    """第一百零一 → 101 (also Arabic figures); None for what is not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text.replace("〇", "零").replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


@dataclass
class Item:
    num: int
    text: str


@dataclass
class Paragraph:
    text: str                      # the paragraph's own line (for an itemised one, its lead-in)
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    num: int
    sub: int                       # 第X条之一 → 1; 0 otherwise
    chapter: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    def text(self) -> str:
        lines = []
        for p in self.paragraphs:
            lines.append(p.text)
            lines += [i.text for i in p.items]
        return "\n".join(lines)


@dataclass
class LawText:
    title: str
    part: str                      # a split code's part (民法典 人格权编), else ""
    version_date: dt.date | None   # from the file name (the version's adoption / amendment)
    history: list[tuple[dt.date | None, str]]
    articles: list[Article]
    path: str = ""

    @property
    def effective_from(self) -> dt.date | None:
        """The date in force, where the text itself states it; None = unknown (never guessed).

        A history line "… 施行" states it; so does the 施行 article (本法自…起施行) when its date
        is not before the version's: an amended version keeps the original enactment's date in
        that article, which says nothing about this version."""
        for day, line in self.history:
            if day and "施行" in line:
                return day
        for art in reversed(self.articles[-3:]):
            m = re.search(r"自(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)起施行", art.text())
            if m:
                day = _date(m.group(1))
                if day and self.version_date and day >= self.version_date:
                    return day
                return None
        return None


def _date(text: str) -> dt.date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_text(text: str, name: str = "") -> LawText:
    """Parse one file's text; ``name`` is its file name (its date is the version's)."""
    lines = [ln.strip() for ln in text.splitlines()]
    titles, history = [], []
    body_at = 0
    if INFO_END in text:
        for i, ln in enumerate(lines):
            if ln.startswith(INFO_END):
                body_at = i + 1
                break
            if ln.startswith("# "):
                titles.append(re.sub(r"<!--.*?-->", "", ln[2:]).strip())
            elif ln and not ln.startswith(("<!--", "---", "bookCollapse", "bookHidden")):
                history.append((_date(ln), ln))
    articles: list[Article] = []
    chapter = ""
    for ln in lines[body_at:]:
        if not ln or ln.startswith("<!--"):
            continue
        if ln.startswith("#"):
            heading = ln.lstrip("#").strip()
            if body_at == 0 and not titles and ln.startswith("# "):
                titles.append(heading)
            else:
                chapter = heading
            continue
        m = ARTICLE.match(ln)
        if m and cn_number(m.group(1)) is not None:
            sub = cn_number(m.group(2)) if m.group(2) else 0
            art = Article(cn_number(m.group(1)) or 0, sub or 0, chapter)
            art.paragraphs.append(Paragraph(ln))
            articles.append(art)
            continue
        if not articles:
            continue  # a preamble (序言) before the first article
        art = articles[-1]
        im = ITEM.match(ln)
        if im and cn_number(im.group(1)) is not None:
            art.paragraphs[-1].items.append(Item(cn_number(im.group(1)) or 0, ln))
        else:
            art.paragraphs.append(Paragraph(ln))
    fm = FILE_DATE.search(Path(name).stem) if name else None
    vdate = dt.date.fromisoformat(fm.group(1)) if fm else None
    if vdate is None:
        # the version is the text adopted or amended; a 施行 line dates its commencement instead
        dated = [d for d, line in history if d and "施行" not in line] or [d for d, _ in history if d]
        vdate = max(dated) if dated else None
    return LawText(titles[0] if titles else Path(name).stem, titles[1] if len(titles) > 1 else "",
                   vdate, history, articles, name)


def parse_file(path: Path) -> LawText:
    return parse_text(path.read_text(encoding="utf-8"), path.name)
