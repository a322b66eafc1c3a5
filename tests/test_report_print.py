"""The documents printed to PDF as an office would print them: the 评查意见书 and the 通报 through
LibreOffice, summary.html and the HTML report through headless Chromium (Debian's packages).
Every page carries "第x页 共y页" with the right total; nothing is cut (page counts in range)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from test_report_documents import OFFICE, _review, _stored

from dossier_review.pipeline import load_standard
from dossier_review.report import write_reports
from dossier_review.report.printing import docx_to_pdf, html_to_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed"),
]
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
needs_chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Chromium not installed")


def _pages(pdf) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                         text=True, check=True).stdout)[1])
    # pdftotext spaces CJK from digits ("12 号"): compare without whitespace
    return [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                                             capture_output=True, text=True, check=True).stdout)
            for i in range(1, n + 1)]


def _numbered(pages: list[str]) -> None:
    n = len(pages)
    for i, text in enumerate(pages, 1):
        found = re.findall(r"第(\d+)页共(\d+)页", text)
        assert found and found[-1] == (str(i), str(n)), (i, n, found)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    std = load_standard("default")
    write_reports(_review(std), out, formats=("docx", "html"), standard=std, office=OFFICE, seq=3)
    from dossier_review.batch.outputs import write_batch_outputs

    store, ids = _stored(out, std)
    with store:
        write_batch_outputs(store, ids, out, standard=std, office=OFFICE)
    return out


@needs_office
def test_opinion_sheet_prints_with_page_numbers(documents):
    pages = _pages(docx_to_pdf(next(documents.glob("*.评查意见书.docx")), documents / "pdf"))
    assert 2 <= len(pages) <= 6  # 57 items on A4 in 9 pt
    _numbered(pages)
    assert "行政处罚案卷评查意见书" in pages[0] and "复核人" in pages[-1]
    # the signature block is not left alone: the last page carries more than the date line
    assert "评查人员签署" in pages[-1]


@needs_office
def test_bulletin_prints_with_page_numbers(documents):
    pages = _pages(docx_to_pdf(documents / "bulletin.docx", documents / "pdf"))
    assert 1 <= len(pages) <= 4
    _numbered(pages)
    assert "某司通〔2026〕12号" in pages[0] and "2026年12月7日" in pages[-1]


@needs_chromium
def test_summary_and_report_print_on_a4_with_page_numbers(documents):
    pages = _pages(html_to_pdf(documents / "summary.html", documents / "pdf" / "summary.pdf"))
    assert 2 <= len(pages) <= 5
    _numbered(pages)
    report = _pages(html_to_pdf(next(documents.glob("*.html")), documents / "pdf" / "report.pdf"))
    _numbered(report)
    assert "评查得分表" in report[0]
