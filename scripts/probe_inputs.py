"""Probe the command line as a hostile or unlucky user would, and print what it answered.

    python scripts/probe_inputs.py [--quick]

Every input is made here in a temporary folder (a broken TIFF, a 1×1 PNG, symlink loops,
spreadsheet formulas in a register, an ID number in a decision, 1 MB on one page, a file where
the output folder should be, a disk that fills up, SIGTERM and kill -9 in the middle of a
batch).  It prints one Markdown row per probe: input → exit code → the first line on stderr
(or what the outputs hold).  ``--quick`` leaves out the probes that need OCR.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ID = "370102197707129347"
ROWS: list[tuple[str, str, str, str]] = []


def cli(*args, limit_fsize: int | None = None, timeout: int = 900, **kw) -> subprocess.CompletedProcess:
    def pre():
        if limit_fsize:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))

    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.run([sys.executable, "-m", "dossier_review.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=env, preexec_fn=pre, **kw)


def first_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    line = lines[0] if lines else ""
    extra = f" (+{len(lines) - 1} lines)" if len(lines) > 1 else ""
    return (line[:150] + ("…" if len(line) > 150 else "")) + extra


def row(probe: str, code, message: str) -> None:
    ROWS.append((probe, str(code), message.replace("|", "\\|"), ""))
    print(f"| {probe} | {code} | {message.replace('|', chr(92) + '|')} |", flush=True)


def text_pdf(path: Path, lines: list[str], size: float = 12, step: float = 21) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from dossier_review.ingest.synth import FONT_PATH

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT_PATH, subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 72
    c.setFont("WQY", size)
    for line in lines:
        c.drawString(64, y, line)
        y -= step
    c.showPage()
    c.save()
    return path


def decision(**replace) -> list[str]:
    from dossier_review.ingest.synth import DECISION_LINES

    out = []
    for line in DECISION_LINES:
        for old, new in replace.items():
            line = line.replace(old, new)
        out.append(line)
    return out


def broken_tiff(path: Path) -> Path:
    buf = io.BytesIO()
    page = Image.new("L", (600, 800), 255)
    page.save(buf, format="TIFF", save_all=True, append_images=[page])
    data = bytearray(buf.getvalue())
    ifd = struct.unpack_from("<I", data, 4)[0]
    n = struct.unpack_from("<H", data, ifd)[0]
    ifd2 = struct.unpack_from("<I", data, ifd + 2 + 12 * n)[0]
    for k in range(struct.unpack_from("<H", data, ifd2)[0]):
        at = ifd2 + 2 + 12 * k
        if struct.unpack_from("<H", data, at)[0] == 256:
            struct.pack_into("<H", data, at, 65000)
    path.write_bytes(bytes(data))
    return path


def xlsx_formulas(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(len(re.findall(r"<f>", z.read(n).decode())) for n in z.namelist()
                   if n.startswith("xl/worksheets/"))


def zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_done(db: Path, n: int, proc, timeout=600) -> int:
    deadline = time.time() + timeout
    done = 0
    while time.time() < deadline and proc.poll() is None and done < n:
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                done = con.execute("SELECT COUNT(*) FROM batch_dossiers").fetchone()[0]
                con.close()
            except sqlite3.Error:
                pass
        time.sleep(0.2)
    return done


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip the probes that need OCR")
    opts = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="probe-"))
    good = text_pdf(tmp / "good.pdf", decision())
    print("| probe | exit | message / outcome |\n|---|---|---|")

    # -- inputs --------------------------------------------------------------------------
    tif = broken_tiff(tmp / "坏帧.tif")
    res = cli("review", tif, good, "--out", tmp / "o1", "--formats", "json", "-q")
    row("review 坏帧.tif (2nd TIFF frame without dimensions) + good.pdf", res.returncode,
        first_line(res.stderr) + f"; good.json written: {(tmp / 'o1' / 'good.json').exists()}")
    gbk = os.fsencode(tmp) + "/案卷.pdf".encode("gbk")
    shutil.copy(good, gbk)
    res = cli("review", gbk.decode("utf-8", "surrogateescape"), "--out", tmp / "o0", "-q")
    row("review a file whose name is GBK bytes (no UTF-8)", res.returncode, first_line(res.stderr))
    dot = tmp / "dot.png"
    Image.new("RGB", (1, 1), "white").save(dot)
    res = cli("review", dot, "--out", tmp / "o2", "-q")
    row("review 1×1 PNG", res.returncode, first_line(res.stderr))
    for name, fine in (("1e308", "罚款1e308元"), ("neg", "罚款-5000元")):
        pdf = text_pdf(tmp / f"fine-{name}.pdf", decision(**{"罚款人民币伍万元整（¥50000.00）": fine}))
        res = cli("review", pdf, "--out", tmp / "o3", "--formats", "json", "-q")
        import json

        data = json.loads((tmp / "o3" / f"fine-{name}.json").read_text(encoding="utf-8"))
        row(f"review decision with 「{fine}」", res.returncode, f"fine_yuan = {data['facts'].get('fine_yuan')}")
    dots = text_pdf(tmp / "dots.pdf", ["行政处罚决定书"] + ["…" * 10_000] * 20, size=2, step=3)
    t0 = time.time()
    res = cli("review", dots, "--out", tmp / "o4", "--formats", "json", "-q")
    row(f"review one page, 20 lines of 10,000 … ({dots.stat().st_size // 1024} KB PDF)", res.returncode,
        f"{time.time() - t0:.1f} s; " + (first_line(res.stdout) or first_line(res.stderr)))
    base = decision()
    lines = (base * (1_000_000 // len("".join(base).encode("utf-8")) + 1))
    mb = text_pdf(tmp / "mb.pdf", lines, size=0.5, step=0.07)
    t0 = time.time()
    res = cli("review", mb, "--out", tmp / "o5", "--formats", "json", "-q")
    row(f"review 1 MB of text on one page ({mb.stat().st_size // 1024} KB PDF)", res.returncode,
        f"{time.time() - t0:.1f} s; " + (first_line(res.stdout) or first_line(res.stderr)))

    # -- published outputs ---------------------------------------------------------------
    src = tmp / "batch-in"
    src.mkdir()
    shutil.copy(good, src / "=1+1.pdf")
    text_pdf(src / "张㛃案.pdf", decision(**{"当事人：某市安康食品贸易有限公司": "当事人：张㛃",
                                            "统一社会信用代码：91310115MA1H7KQX3B": f"身份证号码：{ID}",
                                            "法定代表人：王建国": "性别：女"}))
    os.symlink(src / "loop.pdf", src / "loop.pdf")
    reg = tmp / "register.csv"
    reg.write_text("案号,当事人,备注,路径\n"
                   f"\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"点击\"\")\",=1+1,=cmd|' /C calc'!A0,"
                   f"{src / '=1+1.pdf'}\n@SUM(A1),-5000,+1,{src / '张㛃案.pdf'}\n", encoding="utf-8")
    out = tmp / "batch-out"
    res = subprocess.run([sys.executable, "-c",
                          "import sys; from dossier_review.batch import run_batch;"
                          "r = run_batch(sys.argv[1], sys.argv[2], workers=1, progress=False, register=sys.argv[3]);"
                          "print(r); [print(s, m, file=sys.stderr) for s, m in r.failures]; sys.exit(r.exit_code)",
                          str(src), str(out), str(reg)], capture_output=True, text=True, timeout=900)
    row("batch: register cells =HYPERLINK(…) / =1+1 / =cmd|… / @SUM / -5000 / +1, file =1+1.pdf",
        res.returncode, f"summary.xlsx formula cells: {xlsx_formulas(out / 'summary.xlsx')}")
    counts = {n: zip_text(out / n).count(ID) if n.endswith(("docx", "xlsx")) else
              (out / n).read_text(encoding="utf-8").count(ID)
              for n in ("bulletin.docx", "summary.html", "summary.xlsx", "张㛃案.html")}
    bulletin = zip_text(out / "bulletin.docx")
    row(f"batch: individual 张㛃 with 身份证号码 {ID}", res.returncode,
        "full number in " + ", ".join(f"{k} ×{v}" for k, v in counts.items())
        + f"; 张㛃 in bulletin: {bulletin.count('张㛃')}, masked {bulletin.count('370102********9347')}×")
    row("batch folder with a symlink loop (3 entries)", res.returncode,
        first_line(res.stdout) + " / " + next((ln for ln in res.stderr.splitlines() if "loop" in ln), "")[-60:])

    # -- output folder -------------------------------------------------------------------
    afile = tmp / "not-a-folder"
    afile.write_text("x")
    res = cli("review", good, "--out", afile, "-q")
    row("review --out <a file>", res.returncode, first_line(res.stderr))
    res = cli("batch", src, "--out", afile, "-q")
    row("batch --out <a file>", res.returncode, first_line(res.stderr))
    # limits below what one small dossier's outputs need, so that a write really fails
    res = cli("review", good, "--out", tmp / "o6", "-q", limit_fsize=4_000)
    row("review with a 4 KB file-size limit (disk full: EFBIG)", res.returncode, first_line(res.stderr))
    one = tmp / "batch-one"
    one.mkdir()
    shutil.copy(good, one / Path(good).name)
    res = cli("batch", one, "--out", tmp / "o7", "-q", "--workers", "1", limit_fsize=40_000)
    row("batch with a 40 KB file-size limit (SQLite/report writes fail)", res.returncode,
        first_line(res.stderr))
    bad_std = tmp / "std150.yaml"
    from dossier_review.standards.loader import resolve

    text = resolve("default").read_text(encoding="utf-8")
    bad_std.write_text(re.sub(r"(\n    points: )[\d.]+", r"\g<1>150", text, count=1), encoding="utf-8")
    res = cli("rules", "--standard", bad_std)
    row("rules --standard <a rule with points: 150>", res.returncode, first_line(res.stderr))
    try:
        from dossier_review.report import write_reports
        from dossier_review.store import Store

        sys.path.insert(0, str(ROOT / "tests"))
        from test_report_fixtures import make_review

        review = make_review()
        review.findings[0].evidence[0].quote = "决定书\ud800原文"
        write_reports(review, tmp / "o8", formats=("json", "html", "docx"))
        with Store(tmp / "o8" / "s.sqlite") as st:
            st.record_review(source="x", file_hash="h", standard="default", review=review.to_dict())
        row("write_reports + store on a quote with a lone surrogate \\ud800", 0, "written (as U+FFFD)")
    except Exception as exc:  # noqa: BLE001 - the probe reports what happened
        row("write_reports + store on a quote with a lone surrogate \\ud800", "exception",
            f"{type(exc).__name__}: {exc}")

    if opts.quick:
        return
    # -- signals and locks (slow: scanned dossiers, OCR) ------------------------------------
    scans = tmp / "scans"
    scans.mkdir()
    for i in range(4):
        shutil.copy(SAMPLES / "case16-onthespot-scan.pdf", scans / f"scan{i}.pdf")
        shutil.copy(SAMPLES / "case02-urban-scan.pdf", scans / f"long{i}.pdf")
    out = tmp / "sig-out"
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.Popen([sys.executable, "-m", "dossier_review.cli", "batch", str(scans), "--out", str(out),
                             "--workers", "2", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    wait_done(out / "dossier-review.sqlite", 1, proc)
    second = cli("batch", scans, "--out", out, "-q")
    row("a second batch on the same --out while the first runs", second.returncode, first_line(second.stderr))
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    t0 = time.time()
    stdout, stderr = proc.communicate(timeout=120)
    time.sleep(1)
    left = [p for p in workers if alive(p)]
    con = sqlite3.connect(out / "dossier-review.sqlite")
    status = [r[0] for r in con.execute("SELECT status FROM batch_runs")]
    con.close()
    row("SIGTERM to a running batch (2 workers)", proc.returncode,
        f"stopped in {time.time() - t0:.1f} s; {len(workers)} workers, {len(left)} left; runs {status}; "
        + first_line(stderr))
    proc = subprocess.Popen([sys.executable, "-m", "dossier_review.cli", "batch", str(scans), "--out", str(out),
                             "--workers", "2", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(8)
    workers = children(proc.pid)
    proc.kill()
    proc.communicate(timeout=60)
    time.sleep(2)
    left = [p for p in workers if alive(p)]
    empty = tmp / "empty"
    empty.mkdir()
    cli("batch", empty, "--out", out, "-q")
    con = sqlite3.connect(out / "dossier-review.sqlite")
    status = [r[0] for r in con.execute("SELECT status FROM batch_runs")]
    con.close()
    row("kill -9 of a running batch, then a new batch on the same --out", -9,
        f"{len(workers)} workers, {len(left)} left after 2 s; runs {status}")


if __name__ == "__main__":
    main()
