"""``dossier-review law show|search|import|info``: look into the statute database."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .parse import cn_number
from .store import LawStore, import_file, user_path

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2


def _num(text: str) -> int | None:
    m = re.fullmatch(r"第?(.+?)条?", text.strip())
    return cn_number(m.group(1)) if m else None


def _show(args) -> int:
    store = LawStore()
    res = store.resolve(args.law, None)
    if not res.found:
        print(f"数据库中未找到《{args.law}》（已收录法律、行政法规和部分部门规章；地方性法规可用 law import 导入）",
              file=sys.stderr)
        return EXIT_NOT_FOUND
    versions = res.versions
    if args.version:
        versions = [v for v in versions if v.version_date and v.version_date.isoformat().startswith(args.version)]
    v = versions[-1] if versions else res.candidates[0]
    print(f"{res.law}（{res.level}）")
    for x in res.versions:
        mark = "*" if x is v else " "
        ef = x.effective_from.isoformat() if x.effective_from else "未知"
        et = x.effective_to.isoformat() if x.effective_to else "未知"
        print(f" {mark} 版本 {x.version_date}  施行 {ef}  失效 {et}  来源 {x.source}")
    if args.article is None:
        arts = store.articles(v)
        print(f"共 {len(arts)} 条")
        return EXIT_OK
    n = _num(args.article)
    prov = store.provision(v, n) if n else None
    if prov is None:
        print(f"{v.label()}无第{args.article}条", file=sys.stderr)
        return EXIT_NOT_FOUND
    print()
    for i, (lead, items) in enumerate(prov.paragraphs, 1):
        print(f"[第{i}款] {lead}")
        for it in items:
            print(f"    {it}")
    return EXIT_OK


def _search(args) -> int:
    hits = LawStore().search(args.words, limit=args.limit)
    for v, num, text in hits:
        snippet = text.replace("\n", " ")
        print(f"{v.label()} 第{num}条：{snippet[:args.width]}{'…' if len(snippet) > args.width else ''}")
    if not hits:
        print("未找到", file=sys.stderr)
        return EXIT_NOT_FOUND
    return EXIT_OK


def _import(args) -> int:
    target = Path(args.db) if args.db else user_path()
    try:
        name, n = import_file(Path(args.file), target, tuple(args.alias or ()))
    except (OSError, ValueError) as exc:
        print(f"dossier-review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已导入《{name}》{n}条 → {target}")
    return EXIT_OK


def _info(args) -> int:
    for db, s in LawStore().stats().items():
        print(f"{db}: {s['path']} {s['bytes'] / 1e6:.1f} MB — {s['law']}部, {s['version']}个版本, "
              f"{s['article']}条, {s['paragraph']}款, {s['item']}项")
    return EXIT_OK


def add_parser(sub) -> None:
    """The ``law`` command and its actions, added to the main parser's subparsers."""
    p = sub.add_parser("law", help="statute database: show an article, search, import a local text")
    acts = p.add_subparsers(dest="law_action", required=True)
    s = acts.add_parser("show", help="an article of a law (e.g. law show 大气污染防治法 99)")
    s.add_argument("law")
    s.add_argument("article", nargs="?", help="article number (99, 九十九 or 第九十九条)")
    s.add_argument("--version", help="version date (prefix, e.g. 2018)")
    s.set_defaults(func=_show)
    s = acts.add_parser("search", help="articles holding every word")
    s.add_argument("words", nargs="+")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--width", type=int, default=120)
    s.set_defaults(func=_search)
    s = acts.add_parser("import", help="add a local text (裁量基准, regulation) to the user's database")
    s.add_argument("file")
    s.add_argument("--alias", action="append", help="another name the text is cited by (repeatable)")
    s.add_argument("--db", help="the user's database (default: the user's data folder)")
    s.set_defaults(func=_import)
    s = acts.add_parser("info", help="the databases in use and their size")
    s.set_defaults(func=_info)
