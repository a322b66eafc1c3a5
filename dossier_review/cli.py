"""Command line: ``dossier-review review|ingest|evaluate|rules|batch|sample|samples|law``.

Exit codes are listed in ``dossier_review.errors``.  Bad input never ends in a traceback:
one line on stderr naming the file and the reason, and in a batch the other files go on.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import __version__
from .errors import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    DossierReviewError,
    OutputError,
    Terminated,
)


def _err(message: str) -> None:
    print(f"dossier-review: {message}", file=sys.stderr)


def _ingest_options(args) -> dict:
    return {
        "use_cache": not getattr(args, "no_cache", False),
        "workers": getattr(args, "workers", None),
        "progress": sys.stderr.isatty() and not getattr(args, "quiet", False),
        **({"ocr_engine": args.ocr_engine} if getattr(args, "ocr_engine", None) else {}),
    }


# --------------------------------------------------------------------------- review

def cmd_review(args) -> int:
    from .lib.outdir import check_output_folder, is_output_oserror, os_reason
    from .pipeline import load_standard, review_path
    from .report import write_reports

    standard = load_standard(args.standard)
    out = check_output_folder(args.out)  # before any OCR: a read-only or full folder is refused now
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    status = EXIT_OK
    for path in args.paths:
        try:
            review = review_path(path, standard, scope=args.scope, **_ingest_options(args))
        except DossierReviewError as exc:
            _err(exc.one_line())
            status = max(status, exc.exit_code)
            continue
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the other dossiers
            _err(f"{path}: 内部错误（{type(exc).__name__}: {' '.join(str(exc).split())[:200]}），"
                 "该案卷未能评查；请把此行报告给维护者")
            status = max(status, 1)
            continue
        try:
            written = write_reports(review, out, formats=formats, show_ids=args.show_ids)
        except OSError as exc:
            if not is_output_oserror(exc):
                raise
            # the next dossier would fail the same way: stop; reports already written stay
            raise OutputError(out, f"报告无法写入（{os_reason(exc)}）；已写完的报告已保留") from None
        flag = " 否决" if review.vetoed else ""
        human = " (needs human)" if review.needs_human else ""
        print(f"{review.dossier}: {review.score:g} {review.grade}{flag}{human}, "
              f"{len(review.findings)} findings -> {written[0]}")
    return status


# --------------------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from .pipeline import ingest
    from .segment import segment

    try:
        dossier = ingest(args.path, **_ingest_options(args))
    except DossierReviewError as exc:
        _err(exc.one_line())
        return exc.exit_code
    seg = segment(dossier)
    pages = [{"page": p.number, "source": p.source, "confidence": round(p.confidence, 3)}
             for p in dossier.pages]
    documents = [{"type": d.type, "title": d.title, "first_page": d.first_page,
                  "last_page": d.last_page} for d in seg.documents]
    if args.json:
        json.dump({"dossier": dossier.name, "sources": dossier.sources,
                   "page_count": dossier.page_count, "pages": pages, "documents": documents},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    from .model import DOCUMENT_TYPES

    print(f"{dossier.name}: {dossier.page_count} pages from {', '.join(dossier.sources)}")
    for d in seg.documents:
        srcs = {dossier.page(n).source for n in range(d.first_page, d.last_page + 1)}
        conf = min(dossier.page(n).confidence for n in range(d.first_page, d.last_page + 1))
        pages_txt = f"p.{d.first_page}" if d.first_page == d.last_page else f"p.{d.first_page}-{d.last_page}"
        print(f"  {pages_txt:<10} {d.type:<22} {DOCUMENT_TYPES.get(d.type, ''):<16} "
              f"{'/'.join(sorted(srcs)):<8} conf {conf:.2f}  {d.title}")
    return EXIT_OK


# --------------------------------------------------------------------------- evaluate

def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_report

    try:
        result = evaluate(args.truth_dir, args.out, standard=args.standard,
                          ingest_options=_ingest_options(args))
    except DossierReviewError as exc:
        _err(exc.one_line())
        return exc.exit_code
    print(format_report(result))
    return EXIT_INPUT if result.get("failed") else EXIT_OK


# --------------------------------------------------------------------------- rules

def cmd_rules(args) -> int:
    from .check import explain, list_rules
    from .pipeline import load_standard

    standard = load_standard(args.standard)
    if args.action == "explain":
        if not args.code:
            _err("rules explain needs a CODE, e.g. `dossier-review rules explain remedy.missing`")
            return EXIT_USAGE
        try:
            print(explain(args.code, standard))
        except KeyError:
            _err(f"unknown code {args.code!r}; `dossier-review rules` lists the codes")
            return EXIT_USAGE
        return EXIT_OK
    for rule in list_rules(standard):
        pts = "否决" if rule.get("veto") else f"{rule.get('points', 0):g}"
        print(f"{rule['code']:<42} {rule.get('category', ''):<12} {pts:>5}  {rule.get('title', '')}")
    return EXIT_OK


# --------------------------------------------------------------------------- batch / sample

def cmd_batch(args) -> int:
    from .batch import run_batch

    result = run_batch(args.inputs, args.out, workers=args.workers, standard=args.standard,
                       rescore=args.rescore, progress=not args.quiet, show_ids=args.show_ids,
                       ingest_options={"scope": args.scope, "ocr_engine": args.ocr_engine},
                       executor=args.executor, scheduler=args.scheduler)
    for source, reason in result.failures:
        _err(reason if str(reason).startswith(str(source)) else f"{source}: {reason}")
    print(result)
    if result.terminated:
        _err("已终止（收到 SIGTERM）；已完成的结果已保留，重新运行即可续上")
    return result.exit_code


def cmd_sample(args) -> int:
    from .batch import sample_register

    frame = sample_register(args.register, args.n, args.seed, by=args.by, out_dir=args.out)
    print(f"sampled {len(frame)} dossiers (seed {args.seed}) -> {args.out}")
    return EXIT_OK


def cmd_samples(args) -> int:
    from .samplegen.plan import generate

    paths = generate(args.out, n=args.n, seed=args.seed, scanned_ratio=args.scanned_ratio)
    for p in paths:
        print(p)
    return EXIT_OK


# --------------------------------------------------------------------------- main

def _show_ids_option(p) -> None:
    p.add_argument("--show-ids", action="store_true",
                   help="在内部报告（各案卷的 HTML/DOCX、汇总表）中显示完整的身份证号和统一社会信用代码；"
                        "默认打码（如 370102********9347）。通报始终打码")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier-review",
        description="Review Chinese administrative-penalty case files (行政处罚案卷) offline.")
    parser.add_argument("--version", action="version", version=f"dossier-review {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def scope(p):
        p.add_argument("--scope", choices=["auto", "dossier", "document"], default="auto",
                       help="评查范围：auto（文件只含一份文书时按单份文书评查）、dossier（整卷）、"
                            "document（单份文书：只查该文书本身能显示的问题）")

    def common(p, standard=True, ocr=True):
        if standard:
            p.add_argument("--standard", default="default",
                           help="standard name in scoring_rules/ or a YAML path (default: default)")
        if ocr:
            p.add_argument("--no-cache", action="store_true", help="do not read or write the OCR cache")
            p.add_argument("--workers", type=int, default=None, help="OCR processes (default: cores)")
            p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    def ocr_engine(p):
        p.add_argument("--ocr-engine", choices=["tesseract", "rapidocr", "both"], default="tesseract",
                       help="扫描页的识别引擎：tesseract（默认）、rapidocr，或 both（Tesseract 识别整页，"
                            "RapidOCR 复核证据所在行）")

    p = sub.add_parser("review", help="review dossiers and write reports")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a PDF, an image, or a folder of pages")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--formats", default="json,html,docx", help="report formats (json,html,docx)")
    _show_ids_option(p)
    common(p)
    scope(p)
    ocr_engine(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("ingest", help="read a dossier and list the documents found")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON (dossier, page_count, pages, documents)")
    common(p, standard=False)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("evaluate", help="review every dossier with a truth file and print accuracy")
    p.add_argument("truth_dir", metavar="TRUTH_DIR")
    p.add_argument("--out", required=True, help="output folder for the reports")
    common(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("rules", help="list the codes of a standard, or explain one")
    p.add_argument("action", nargs="?", choices=["list", "explain"], default="list")
    p.add_argument("code", nargs="?")
    common(p, ocr=False)
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("batch", help="review many dossiers (folder or sample list), resumable")
    p.add_argument("inputs", metavar="DIR|LIST")
    p.add_argument("--out", required=True)
    p.add_argument("--rescore", action="store_true", help="re-apply the standard to stored facts, no OCR")
    p.add_argument("--executor", choices=["process", "dask"], default="process",
                   help="案卷的并行方式：process（默认，本机进程池）或 dask（Dask 集群；需安装 dask 扩展）")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="与 --executor dask 一起用：已运行的 Dask 调度器地址；不给则在本机按核数启动本地集群")
    _show_ids_option(p)
    common(p)
    scope(p)
    ocr_engine(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("sample", help="draw a reproducible (stratified) sample from a case register")
    p.add_argument("register", metavar="REGISTER", help="XLSX or CSV case register (案卷登记表)")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--by", default=None, help="column to stratify by (proportional, ≥1 per stratum)")
    p.add_argument("--out", default="sample", help="output folder for the sample list")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("samples", help="generate synthetic dossiers with truth files (training exercises)")
    p.add_argument("action", choices=["generate"])
    p.add_argument("--out", required=True)
    p.add_argument("--n", type=int, default=12)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scanned-ratio", type=float, default=0.5)
    p.set_defaults(func=cmd_samples)

    from .law.cli import add_parser as add_law_parser  # the statute database's own commands
    add_law_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    from .lib.signals import sigterm_as_interrupt

    try:
        with sigterm_as_interrupt():  # `kill` stops a run as Ctrl-C does: workers ended, results kept
            return args.func(args)
    except Terminated:
        _err("已终止（收到 SIGTERM）；已完成的结果已保留，重新运行即可续上")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        _err("interrupted; finished results are kept")
        return EXIT_INTERRUPTED
    except DossierReviewError as exc:
        _err(exc.one_line())
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
