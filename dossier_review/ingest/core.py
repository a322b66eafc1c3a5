"""ingest(): a PDF, an image or a folder → ``Dossier`` with text on every page."""
from __future__ import annotations

import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..errors import InputError, MissingDependencyError
from ..model import Dossier, Page, PageFacts, WordBox
from . import cache as _cache
from . import engines as _engines
from . import ocr as _ocr
from . import pdftext
from . import render as _render
from . import textlayer as _textlayer
from . import updown as _updown
from .engines import tesseract as _tesseract
from .normalize import normalize
from .seal import find_seals
from .sources import SourceFile, collect

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CID_RE = re.compile(r"\(cid:\d+\)")
SEAL_RENDER_DPI = 50
MAX_RENDER_PIXELS = 80_000_000  # ~ A2 at 300 dpi; bigger sheets are rendered at a lower dpi
# a text layer over a full-page scan must carry a page's worth of text to be trusted
MIN_HAN_OVER_SCAN = 40
# resolution of the strip read to check a suspicious text layer against its page
STRIP_DPI = 300
NO_LAYER = "无文字层"
LYING_LAYER = "文字层与页面图像不符（字符映射错误）"


def text_layer_usable(text: str, image_cover: float) -> tuple[bool, str]:
    """Whether a page's extracted text layer can stand in for OCR, and why not."""
    stripped = "".join(text.split())
    if not stripped:
        return False, NO_LAYER
    cids = _CID_RE.findall(stripped)
    cid_chars = sum(len(c) for c in cids)
    bad = sum(1 for ch in stripped if ch in "\ufffd\ufffe" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32)
    rest = len(stripped) - cid_chars
    if cid_chars > 0.3 * len(stripped) or bad > 0.3 * max(rest, 1):
        return False, "文字层缺少可用的字符映射"
    han = len(_HAN_RE.findall(stripped))
    if image_cover >= 0.5 and han < MIN_HAN_OVER_SCAN:
        return False, "扫描图像上仅有零星文字"
    if han == 0 and len(stripped) < 20:
        return False, "文字层文字过少"
    return True, ""


def text_pass(path: str, start: int, stop: int, dpi: int) -> list[dict]:
    """Text layer of pages ``start..stop-1`` and, where it is usable, a low-dpi look for red seals.

    One call per chunk of pages (in a pool worker for long PDFs).  pdfium reads the text
    (see ``pdftext``); pdfplumber is the fallback for a page pdfium cannot read.
    """
    out: list[dict] = []
    for index in range(start, stop):
        try:
            page = _render.pdf_doc(path)[index]
            text, cover = pdftext.page_text(page), pdftext.image_cover(page)
        except Exception:  # noqa: BLE001 - pdfium failed on this page: try pdfminer's reading
            text, cover = _plumber_text(path, index)
        if text is None:
            out.append({"usable": False, "reason": "文字层无法读取"})
            continue
        text = _textlayer.canonical(text)
        usable, reason = text_layer_usable(text, cover)
        if not usable:
            out.append({"usable": False, "reason": reason})
            continue
        if _textlayer.suspicious(text) and _contradicted_by_image(path, index, text):
            out.append({"usable": False, "reason": LYING_LAYER})
            continue
        seal, box = _seal_on_pdf_page(path, index, dpi)
        out.append({"usable": True, "text": _clean_layout(text), "seal": seal, "box": box})
    return out


def _contradicted_by_image(path: str, index: int, text: str) -> bool:
    """A layer that reads like wrong characters, checked against Tesseract's reading of the
    densest text window of the rendered page (one strip: ~0.5 s, only on suspicious pages)."""
    gray = _render.render_pdf_page(path, index, STRIP_DPI, grey=True)
    top, left, bottom, right = _updown.text_window(gray, STRIP_DPI)
    chars = [c for r in _tesseract.rows(gray[top:bottom, left:right], STRIP_DPI, 6) for c in r.get("chars") or ()]
    agree = _textlayer.agrees_with_image(text, "".join(c[2] for c in chars), [c[0] for c in chars])
    return agree is False


def layer_verdict(result: dict | None) -> str:
    """``PageFacts.text_layer`` from a text-pass result (None: not a PDF page)."""
    if result is None:
        return "none"
    if result.get("usable"):
        return "used"
    reason = result.get("reason") or NO_LAYER
    return "none" if reason == NO_LAYER else f"rejected: {reason}"


def _plumber_text(path: str, index: int) -> tuple[str | None, float]:
    import pdfplumber

    try:
        with pdfplumber.open(path, pages=[index + 1]) as pdf:
            page = pdf.pages[0]
            area = float(page.width * page.height) or 1.0
            cover = max((max(min(float(i["x1"]), float(page.width)) - max(float(i["x0"]), 0.0), 0.0)
                         * max(min(float(i["bottom"]), float(page.height)) - max(float(i["top"]), 0.0), 0.0) / area
                         for i in page.images), default=0.0)
            # layout mode keeps wide gaps (table cells, label/value) as runs of spaces
            return page.extract_text(layout=True, x_density=4.0, y_density=13) or "", cover
    except Exception:  # noqa: BLE001 - neither reader can: the page goes to OCR
        return None, 1.0


def _clean_layout(text: str) -> str:
    """Lines with their inner gaps; no padding, no blank lines (pdfplumber's layout mode makes
    blank lines that mirror vertical distance, not paragraphs)."""
    return "\n".join(l.strip() for l in text.split("\n") if l.strip())


def _seal_on_pdf_page(path: str, index: int, dpi: int) -> tuple[bool, list[int] | None]:
    img = _render.render_pdf_page(path, index, SEAL_RENDER_DPI)
    boxes = find_seals(img, SEAL_RENDER_DPI)
    if not boxes:
        return False, None
    f = dpi / SEAL_RENDER_DPI
    return True, [int(v * f) for v in boxes[0]]


def _page_dpi(path: str, index: int, dpi: int) -> int:
    """``dpi``, lowered for oversized sheets so a render stays within MAX_RENDER_PIXELS."""
    page = _render.pdf_doc(path)[index]
    w, h = page.get_size()
    px = (w / 72.0 * dpi) * (h / 72.0 * dpi)
    if px <= MAX_RENDER_PIXELS:
        return dpi
    return max(int(dpi * (MAX_RENDER_PIXELS / px) ** 0.5), 72)


def _page_from_result(res: dict, number: int, sf: SourceFile, index: int, layer: str = "none") -> Page:
    return Page(
        number=number, source="ocr", confidence=float(res["confidence"]), raw_text=res["raw_text"],
        text=normalize(res["raw_text"]),
        words=[WordBox(w["text"], w["left"], w["top"], w["width"], w["height"], w["conf"], w.get("chars")) for w in res["words"]],
        source_file=str(sf.path), source_index=index, width=res["width"], height=res["height"],
        rotation=res["rotation"], skew=res["skew"], red_seal=res["red_seal"], red_seal_box=res["red_seal_box"],
        warnings=list(res["warnings"]), unread_marks=res.get("unread_marks"),
        facts=PageFacts(text_layer=layer),
    )


class IngestStats:
    """What the last ``ingest`` call did (the benchmark and tests read it)."""
    cache_hits = 0
    cache_misses = 0
    ocr_pages = 0
    text_pages = 0


last_stats = IngestStats()


TEXT_CHUNK = 48  # pages per text-layer task: a pool only pays off for long digital files


def ingest(path, *, cache_path=None, use_cache=True, workers=None, progress=False, dpi=300,
           ocr_engine="tesseract") -> Dossier:
    """Read a case file (PDF, image, or folder of them) into a ``Dossier`` whose pages carry text.

    ``ocr_engine`` (``engines.ENGINE_CHOICES``) chooses the page reader: "tesseract" (default),
    "rapidocr", or "both" (Tesseract reads the pages; the choice is kept on the dossier so that
    the pipeline asks RapidOCR's second opinion on evidence lines).
    """
    reader = _engines.page_reader(ocr_engine)
    name, files = collect(path)
    dpi = int(dpi)
    if not 72 <= dpi <= 1200:
        raise InputError(path, f"dpi {dpi} is outside 72..1200")
    n_workers = max(1, int(workers or _cores()))
    total = sum(sf.pages for sf in files)
    stats = IngestStats()
    pool: ProcessPoolExecutor | None = None
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=total, unit="page", desc=name, file=sys.stderr)
    try:
        # 1. text layers, in parallel chunks when there is enough to share
        chunks = [(sf, a, min(a + TEXT_CHUNK, sf.pages)) for sf in files if sf.kind == "pdf"
                  for a in range(0, sf.pages, TEXT_CHUNK)]
        texts: dict[tuple[str, int], dict] = {}
        if n_workers > 1 and len(chunks) > 1:
            pool = ProcessPoolExecutor(max_workers=n_workers)
            futures = [(c, pool.submit(text_pass, str(c[0].path), c[1], c[2], dpi)) for c in chunks]
            results = [(c, f.result()) for c, f in futures]
        else:
            results = [(c, text_pass(str(c[0].path), c[1], c[2], dpi)) for c in chunks]
        for (sf, a, _), res in results:
            for k, r in enumerate(res):
                texts[(str(sf.path), a + k)] = r

        slots: list[Page | None] = []
        jobs: list[tuple[int, SourceFile, int, dict]] = []
        for sf in files:
            for index in range(sf.pages):
                r = texts.get((str(sf.path), index), {"usable": False})
                if r["usable"]:
                    slots.append(Page(number=len(slots) + 1, source="text", confidence=1.0, raw_text=r["text"],
                                      text=normalize(r["text"]), source_file=str(sf.path), source_index=index,
                                      red_seal=r["seal"], red_seal_box=r["box"],
                                      facts=PageFacts(text_layer="used")))
                    continue
                task = {"kind": sf.kind, "path": str(sf.path), "index": index, "psm": _ocr.PSM, "engine": reader,
                        "dpi": _page_dpi(str(sf.path), index, dpi) if sf.kind == "pdf" else dpi,
                        "layer": layer_verdict(r if sf.kind == "pdf" else None)}
                jobs.append((len(slots), sf, index, task))
                slots.append(None)
        stats.text_pages = len(slots) - len(jobs)
        if bar:
            bar.update(stats.text_pages)

        # 2. OCR: cache first (nothing is rendered for a cached page), then the pool
        if jobs:
            _ocr_pages(jobs, slots, stats, pool, n_workers, cache_path, use_cache, bar)
    except BaseException:
        if pool is not None:  # Ctrl-C or an error: do not wait for pages nobody will read
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
        if bar:
            bar.close()
        _render.close_docs()
    global last_stats
    last_stats = stats
    return Dossier(name=name, sources=[str(sf.path) for sf in files], pages=[p for p in slots if p is not None],
                   ocr_engine=ocr_engine)


def _ocr_pages(jobs, slots, stats, pool, n_workers, cache_path, use_cache, bar) -> None:
    info = _ocr.tesseract_info()  # MissingDependencyError before any work
    reader = jobs[0][3]["engine"]
    engine_key = {}
    if reader != "tesseract":
        # Tesseract's pages keep the keys they always had; another reader's pages get their own
        engine = _engines.get(reader)
        if not engine.available():
            raise MissingDependencyError(f"OCR engine {reader} is not installed with its models "
                                         "(pip install rapidocr onnxruntime)")
        engine_key = {"engine": engine.version()}
    cache = _cache.OcrCache(cache_path) if use_cache else None
    digests: dict[str, str] = {}
    pending = []
    try:
        for slot, sf, index, task in jobs:
            key = None
            if cache is not None:
                digest = digests.get(str(sf.path)) or digests.setdefault(str(sf.path), _cache.file_digest(sf.path))
                key = _cache.page_key(digest, index, {"dpi": task["dpi"], "psm": task["psm"], "lang": _ocr.LANG,
                                                      "kind": sf.kind, "tesseract": info.version, **engine_key})
                hit = cache.get(key)
                if hit is not None:
                    slots[slot] = _page_from_result(hit, slot + 1, sf, index, task["layer"])
                    if bar:
                        bar.update(1)
                    continue
            pending.append((slot, sf, index, task, key))
        stats.ocr_pages = len(pending)

        def done(item, res):
            slot, sf, index, task, key = item
            if cache is not None and key and not res.get("failed"):
                cache.put(key, res)  # at once: an interrupted run keeps every finished page
            slots[slot] = _page_from_result(res, slot + 1, sf, index, task["layer"])
            if bar:
                bar.update(1)

        if n_workers == 1 or len(pending) == 1:
            for item in pending:
                done(item, _run_task(item[3]))
        elif pending:
            own = pool is None
            pool = pool or ProcessPoolExecutor(max_workers=min(n_workers, len(pending)))
            try:
                futures = {pool.submit(_run_task, item[3]): item for item in pending}
                for fut in as_completed(futures):
                    done(futures[fut], fut.result())
            except BaseException:
                if own:
                    pool.shutdown(wait=False, cancel_futures=True)
                raise
            if own:
                pool.shutdown(wait=True)
    finally:
        if cache is not None:
            stats.cache_hits, stats.cache_misses = cache.hits, cache.misses
            if cache.error:
                print(f"warning: {cache.error}", file=sys.stderr)
            cache.close()


def _cores() -> int:
    """Cores this process may use (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _run_task(task: dict) -> dict:
    """Pool wrapper: one page's failure becomes a page warning, not a lost dossier."""
    try:
        return _ocr.ocr_task(task)
    except MissingDependencyError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported on the page, the run goes on
        return {"raw_text": "", "words": [], "confidence": 0.0, "width": 0, "height": 0, "rotation": 0,
                "skew": 0.0, "red_seal": None, "red_seal_box": None, "failed": True,
                "warnings": [f"OCR failed: {type(exc).__name__}: {str(exc)[:200]}"]}


def describe(dossier: Dossier) -> str:
    """A few lines for a terminal: pages, sources, OCR confidence, warnings."""
    ocr = [p for p in dossier.pages if p.source == "ocr"]
    lines = [f"{dossier.name}: {dossier.page_count} pages from {len(dossier.sources)} file(s); "
             f"{dossier.page_count - len(ocr)} text layer, {len(ocr)} OCR"]
    if ocr:
        lines.append(f"  OCR confidence: min {min(p.confidence for p in ocr):.2f}, "
                     f"mean {sum(p.confidence for p in ocr) / len(ocr):.2f}")
    for p in dossier.pages:
        notes = list(p.warnings)
        if p.rotation:
            notes.append(f"turned {p.rotation}°")
        if p.red_seal:
            notes.append("red seal")
        if p.facts.text_layer.startswith("rejected"):
            notes.append(f"text layer {p.facts.text_layer}")
        if notes:
            lines.append(f"  page {p.number} ({Path(p.source_file).name}#{p.source_index + 1}, {p.source}): "
                         + "; ".join(notes))
    return "\n".join(lines)
