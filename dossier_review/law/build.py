"""Build the shipped statute database from the source text (``scripts/build_lawdb.py``)."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from .db import add_law, create
from .parse import LawText, parse_file

SOURCE = "LawRefBook/Laws@2f4c5c2 (2025-04-19)，国家法律法规数据库文本"
# source folder → level of the enactments in it
LEVELS = {
    "宪法": "宪法", "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "行政法": "法律",
    "经济法": "法律", "社会法": "法律", "刑法": "法律", "诉讼与非诉讼程序法": "法律",
    "行政法规": "行政法规", "部门规章": "部门规章", "DLC": "地方性法规",
}
# What the shipped database leaves out by default: the local regulations of seven provinces
# (about 37 MB of text, twice the rest together); a user imports a province's with ``law import``.
DEFAULT_EXCLUDE = ("DLC",)


def collect(root: Path, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> dict[tuple[str, str], list[LawText]]:
    """{(level, title): texts} of every law file under ``root`` (index and template files skipped)."""
    laws: dict[tuple[str, str], list[LawText]] = {}
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        top = rel.parts[0]
        if top in exclude or path.name.startswith("_") or top not in LEVELS:
            continue
        text = parse_file(path)
        text.path = str(rel)
        if not text.articles:
            continue
        laws.setdefault((LEVELS[top], text.title), []).append(text)
    return laws


def build(root: Path, out: Path, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> dict:
    """Write the database ``out`` from the texts under ``root``; returns figures about it."""
    t0 = time.perf_counter()
    laws = collect(root, exclude)
    tmp = out.with_suffix(".tmp")
    con = create(tmp)
    for (level, _title), texts in sorted(laws.items()):
        add_law(con, texts, level=level, category=texts[0].path.split("/")[0], source=SOURCE)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("source", SOURCE), ("built", dt.date.today().isoformat()),
        ("excluded", ",".join(exclude)), ("schema", "1"),
    ])
    con.commit()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("law", "version", "article", "paragraph", "item")}
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    return {**counts, "bytes": out.stat().st_size, "seconds": time.perf_counter() - t0}
