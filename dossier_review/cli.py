"""Command line: ``dossier-review review|ingest|evaluate|rules|batch|sample|samples|law``.

Exit codes are listed in ``dossier_review.errors``.  Bad input never ends in a traceback:
one line on stderr naming the file and the reason, and in a batch the other files go on.
Everything a user reads is Chinese (argparse's own words too: ``cliparse``); commands and codes
stay as they are, and each command has a Chinese alias (评查, 批量, 抽样, …).  Every option is
checked before any work starts (``_check``): a wrong format or a broken office file is refused
at once, not after minutes of OCR.
"""
from __future__ import annotations

import json
import os
import sys

from . import __version__
from .cliparse import ChineseArgumentParser
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
    formats, office = args.formats, args.office
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
            written = write_reports(review, out, formats=formats, show_ids=args.show_ids, standard=standard,
                                    office=office)
        except OSError as exc:
            if not is_output_oserror(exc):
                raise
            # the next dossier would fail the same way: stop; reports already written stay
            raise OutputError(out, f"报告无法写入（{os_reason(exc)}）；已写完的报告已保留") from None
        flag = "（一票否决）" if review.vetoed else ""
        human = "（有待人工核实事项）" if review.needs_human else ""
        print(f"{review.dossier}：{review.score:g} 分，{review.grade}{flag}{human}，"
              f"问题 {len(review.findings)} 项 → {written[0]}")
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

    print(f"{dossier.name}：共 {dossier.page_count} 页，来自 {'、'.join(dossier.sources)}")
    for d in seg.documents:
        srcs = {dossier.page(n).source for n in range(d.first_page, d.last_page + 1)}
        conf = min(dossier.page(n).confidence for n in range(d.first_page, d.last_page + 1))
        pages_txt = f"第{d.first_page}页" if d.first_page == d.last_page else f"第{d.first_page}–{d.last_page}页"
        how = "/".join({"text": "文本层", "ocr": "OCR"}.get(x, x) for x in sorted(srcs))
        print(f"  {pages_txt:<10} {d.type:<22} {DOCUMENT_TYPES.get(d.type, ''):<16} "
              f"{how:<8} 置信度 {conf:.2f}  {d.title}")
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
            _err("rules explain 需要一个问题代码，例如：dossier-review rules explain remedy.missing")
            return EXIT_USAGE
        try:
            print(explain(args.code, standard))
        except KeyError:
            _err(f"未知的问题代码“{args.code}”；dossier-review rules 列出全部代码")
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
                       office=args.office,
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

    frame = sample_register(args.register, args.n, args.seed, by=args.by, out_dir=args.out,
                            require_files=args.require_files)
    missing = frame.attrs.get("missing_files") or []
    if missing:
        header = (frame.attrs.get("headers") or {}).get("path", "案卷路径")
        shown = "；".join(f"登记表第 {row} 行：{path}" for row, path in missing[:3])
        _err(f"警告：抽中的 {len(missing)} 件案卷文件尚不存在（“{header}”列：{shown}"
             + ("…" if len(missing) > 3 else "") + "）；调取、扫描后再运行 batch")
    print(f"已抽取 {len(frame)} 件（随机种子 {args.seed}）→ {args.out}")
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


def _office_option(p) -> None:
    p.add_argument("--office", metavar="配置文件",
                   help="评查机关配置（YAML：评查机关、意见书文号、发文机关、文号、主送、落款、日期、评查期间、"
                        "整改期限、模板），用于评查意见书和通报的抬头与落款；格式见 README")


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="dossier-review", version=f"dossier-review {__version__}",
        description="行政处罚案卷离线评查：读取案卷（PDF 文本层或 OCR），识别文书、提取事实、按评查标准"
                    "检查扣分，\n输出评查报告、一卷一表评查意见书、汇总表和评查情况通报。",
        epilog="退出状态：0 全部评查完成；2 参数错误；3 有案卷无法读取（其余照常评查）；4 评查标准文件有误；\n"
               "5 缺少 tesseract 等程序；6 输出文件夹无法写入；130 已中断；143 已终止（已完成的结果均保留）。")
    sub = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令")

    def scope(p):
        p.add_argument("--scope", choices=["auto", "dossier", "document"], default="auto", metavar="范围",
                       help="评查范围：auto（文件只含一份文书时按单份文书评查）、dossier（整卷）、"
                            "document（单份文书：只查该文书本身能显示的问题）")

    def common(p, standard=True, ocr=True):
        if standard:
            p.add_argument("--standard", default="default", metavar="标准",
                           help="评查标准：名称（如 default、cehui）或 YAML 文件路径（默认：default）")
        if ocr:
            p.add_argument("--no-cache", action="store_true", help="不读写 OCR 缓存")
            p.add_argument("--workers", type=int, default=None, metavar="进程数",
                           help="OCR 进程数（默认：CPU 核数）")
            p.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")

    def ocr_engine(p):
        p.add_argument("--ocr-engine", choices=["tesseract", "rapidocr", "both"], default="tesseract",
                       metavar="引擎",
                       help="扫描页的识别引擎：tesseract（默认）、rapidocr，或 both（Tesseract 识别整页，"
                            "RapidOCR 复核证据所在行）")

    p = sub.add_parser("review", aliases=["评查"], help="评查案卷并写出报告",
                       description="逐卷评查，写出 JSON、HTML 报告和评查意见书（DOCX）。")
    p.add_argument("paths", nargs="+", metavar="路径", help="PDF、图片，或一卷各页图片所在的文件夹")
    p.add_argument("--out", required=True, metavar="文件夹", help="输出文件夹")
    p.add_argument("--formats", default="json,html,docx", metavar="格式",
                   help="报告格式，逗号分隔：json、html、docx（评查意见书）；默认全部")
    _office_option(p)
    _show_ids_option(p)
    common(p)
    scope(p)
    ocr_engine(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("ingest", aliases=["读取"], help="读取案卷，列出识别出的文书",
                       description="读取一卷案卷，按页列出识别出的文书、来源（文本层/OCR）和置信度。")
    p.add_argument("path", metavar="路径", help="PDF、图片或图片文件夹")
    p.add_argument("--json", action="store_true", help="输出 JSON（dossier、page_count、pages、documents）")
    common(p, standard=False)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("evaluate", aliases=["检验"], help="对照标注文件检验评查准确度",
                       description="评查每一卷带 <名称>.truth.json 标注的案卷，按问题代码统计查准率和查全率。")
    p.add_argument("truth_dir", metavar="标注文件夹")
    p.add_argument("--out", required=True, metavar="文件夹", help="报告输出文件夹")
    common(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("rules", aliases=["规则"], help="列出评查标准的问题代码，或解释其中一项",
                       description="list：列出标准的全部问题代码、类别和分值；explain 代码：说明检查内容、依据、示例和整改。")
    p.add_argument("action", nargs="?", choices=["list", "explain"], default="list", metavar="操作",
                   help="list（默认）或 explain")
    p.add_argument("code", nargs="?", metavar="问题代码", help="如 remedy.missing")
    common(p, ocr=False)
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("batch", aliases=["批量"], help="批量评查（文件夹或抽样清单），可中断续评",
                       description="批量评查一个文件夹或抽样清单中的全部案卷，写出各卷报告和 summary.xlsx、"
                                   "summary.html、bulletin.docx（评查情况通报）；中断后重新运行即可续上。")
    p.add_argument("inputs", metavar="文件夹或清单")
    p.add_argument("--out", required=True, metavar="文件夹", help="输出文件夹")
    p.add_argument("--rescore", action="store_true", help="按（修改后的）标准对已存事实重新计分，不再 OCR")
    p.add_argument("--executor", choices=["process", "dask"], default="process", metavar="方式",
                   help="案卷的并行方式：process（默认，本机进程池）或 dask（Dask 集群；需安装 dask 扩展）")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="与 --executor dask 一起用：已运行的 Dask 调度器地址；不给则在本机按核数启动本地集群")
    _office_option(p)
    _show_ids_option(p)
    common(p)
    scope(p)
    ocr_engine(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("sample", aliases=["抽样"], help="从案卷登记表按随机种子（分层）抽样",
                       description="从案卷登记表（XLSX/CSV）抽取可复现的随机样本，写出 sample.xlsx 和 sample.csv。\n"
                                   "案卷文件可以尚未调取：抽样时只提示，调取、扫描后再运行 batch。")
    p.add_argument("register", metavar="登记表", help="XLSX 或 CSV 案卷登记表")
    p.add_argument("--n", type=int, default=100, metavar="件数", help="抽取件数（默认：100）")
    p.add_argument("--seed", type=int, required=True, metavar="随机种子", help="随机种子（整数，记入清单，可复现）")
    p.add_argument("--by", default=None, metavar="列名", help="按此列分层（按比例分配，每层至少一件），如 执法机关")
    p.add_argument("--out", default="sample", metavar="文件夹", help="抽样清单输出文件夹（默认：sample）")
    p.add_argument("--require-files", action="store_true", help="登记表中的案卷文件必须都已存在，否则拒绝抽样")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("samples", aliases=["样例"], help="生成带标注的合成案卷（培训练习用）",
                       description="generate：生成覆盖各问题代码的合成案卷及其 .truth.json 标注。")
    p.add_argument("action", choices=["generate"], metavar="操作", help="generate")
    p.add_argument("--out", required=True, metavar="文件夹", help="输出文件夹")
    p.add_argument("--n", type=int, default=12, metavar="件数", help="案卷数（默认：12）")
    p.add_argument("--seed", type=int, default=0, metavar="随机种子", help="随机种子（默认：0）")
    p.add_argument("--scanned-ratio", type=float, default=0.5, metavar="比例", help="扫描件比例（默认：0.5）")
    p.set_defaults(func=cmd_samples)

    from .law.cli import add_parser as add_law_parser  # the statute database's own commands
    add_law_parser(sub)
    return parser


def _check(parser: ChineseArgumentParser, args) -> None:
    """Every option checked before any work: a usage error (exit 2) names the option; a broken
    standard or office file ends with its own exit code, before the first page is read."""
    from .report import FORMATS
    from .report.office import load_office

    if hasattr(args, "formats"):
        formats = tuple(dict.fromkeys(f.strip().lower() for f in args.formats.split(",") if f.strip()))
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            extra = "；打印为 PDF 请用 bench/print_documents.py（LibreOffice/Chromium）" if "pdf" in unknown else ""
            parser.error(f"参数 --formats：不支持的格式 {'、'.join(unknown) or '（空）'}（可选：{'、'.join(FORMATS)}）{extra}")
        args.formats = formats
    for name in ("workers", "n"):
        value = getattr(args, name, None)
        if value is not None and value < 1:
            parser.error(f"参数 --{name}：须为正整数（现为 {value}）")
    if getattr(args, "scanned_ratio", None) is not None and not 0 <= args.scanned_ratio <= 1:
        parser.error(f"参数 --scanned-ratio：须在 0 到 1 之间（现为 {args.scanned_ratio}）")
    if hasattr(args, "office"):
        args.office = load_office(args.office) if args.office else None
    if getattr(args, "standard", None):
        from .pipeline import load_standard

        load_standard(args.standard)  # a broken standard: exit 4 now, with its file and line


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    from .lib.signals import sigterm_as_interrupt

    try:
        _check(parser, args)
    except DossierReviewError as exc:
        _err(exc.one_line())
        return exc.exit_code
    try:
        with sigterm_as_interrupt():  # `kill` stops a run as Ctrl-C does: workers ended, results kept
            return args.func(args)
    except Terminated:
        _err("已终止（收到 SIGTERM）；已完成的结果已保留，重新运行即可续上")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        _err("已中断；已完成的结果已保留，重新运行即可续上")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as the shell's own tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except DossierReviewError as exc:
        _err(exc.one_line())
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
