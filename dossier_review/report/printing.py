"""Print the documents to PDF with the office programs Debian packages: LibreOffice (the DOCX
意见书 and 通报) and Chromium (the HTML report and summary), both headless.

Both find fonts through fontconfig; ``fonts/dossier-review-cjk.conf`` maps the official faces the
documents name (仿宋_GB2312, 宋体, 黑体) to faces the machine has, so a print is set in a serif
where the document asks for one.  ``scripts/setup.sh`` installs that file system-wide; here it is
also handed to the printer through ``FONTCONFIG_FILE`` so a print works on a machine set up
without it.  LibreOffice runs with a profile of its own: two prints at once do not share a lock.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import MissingDependencyError

FONTS_CONF = Path(__file__).parent / "fonts" / "dossier-review-cjk.conf"
OFFICE_PROGRAMS = ("soffice", "libreoffice")
BROWSER_PROGRAMS = ("chromium", "chromium-browser", "google-chrome")
# a 50-page bulletin prints in seconds; anything near this is a hung program, not a slow one
PRINT_TIMEOUT_S = 300


def _program(names: tuple[str, ...], package: str) -> str:
    for n in names:
        found = shutil.which(n)
        if found:
            return found
    raise MissingDependencyError(f"未找到 {names[0]}：打印为 PDF 需要安装 {package}（scripts/setup.sh 会安装）")


def _env(work: Path) -> dict:
    conf = work / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f"<fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
                    f"<include>{FONTS_CONF}</include></fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(work)}


def docx_to_pdf(source: str | Path, out_dir: str | Path) -> Path:
    """``source`` (DOCX) printed by LibreOffice into ``out_dir``; returns the PDF's path."""
    program = _program(OFFICE_PROGRAMS, "libreoffice-writer-nogui")
    source, out_dir = Path(source).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dr-print-") as tmp:
        work = Path(tmp)
        subprocess.run([program, f"-env:UserInstallation={work.as_uri()}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                       env=_env(work), check=True, timeout=PRINT_TIMEOUT_S,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = out_dir / (source.stem + ".pdf")
    if not target.exists():
        raise MissingDependencyError(f"LibreOffice 未能打印 {source.name}")
    return target


def html_to_pdf(source: str | Path, target: str | Path) -> Path:
    """``source`` (HTML) printed by headless Chromium to ``target`` (A4, the page's own @page
    rules: margins and 第x页 共y页; no browser header or footer)."""
    program = _program(BROWSER_PROGRAMS, "chromium")
    source, target = Path(source).resolve(), Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dr-print-") as tmp:
        work = Path(tmp)
        subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={target}", source.as_uri()],
                       env=_env(work), check=True, timeout=PRINT_TIMEOUT_S,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not target.exists():
        raise MissingDependencyError(f"Chromium 未能打印 {source.name}")
    return target
