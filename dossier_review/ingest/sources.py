"""What a path holds: the files of a dossier, each checked so that bad input fails with one clear line.

``check_file`` is the one boundary around the decoders (qpdf, pdfium, Pillow and its TIFF
frames): whatever a decoder raises on a hostile or damaged file becomes an ``InputError`` whose
reason a reviewer can read, and a folder or batch goes on with its other files.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

PDF_EXT = {".pdf"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".webp", ".jp2"}
SUPPORTED = "PDF、PNG、JPEG 或 TIFF 文件，或装有这些文件的文件夹"
# A page image must be big enough to hold a line of legible text: even an A6 form scanned at a
# coarse 100 dpi is over 400 px on its short side, while a 1×1 pixel or an icon is no page of a
# case file.  Smaller images are refused as "not a dossier" instead of being scored as blank files.
MIN_PAGE_SIDE_PX = 200


@dataclass
class SourceFile:
    path: Path
    kind: str          # "pdf" | "image"
    pages: int         # pages (PDF) or frames (image)


def _sniff(head: bytes) -> str | None:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] in (b"II*\x00", b"MM\x00*") \
            or head.startswith(b"BM") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[4:8] == b"jP  ":
        return "image"
    return None


def _read_head(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(path, "文件为空（0 字节），请重新复制或导出")
        with open(path, "rb") as fh:
            return fh.read(2048)
    except PermissionError:
        raise InputError(path, "文件无法读取（没有读取权限），请检查文件权限") from None
    except IsADirectoryError:
        raise InputError(path, "这是文件夹，不是文件") from None
    except OSError as exc:
        raise InputError(path, f"文件无法读取（{_os_reason(exc)}）") from None


def _os_reason(exc: OSError) -> str:
    import errno

    known = {errno.ELOOP: "符号链接循环", errno.ENOENT: "链接指向的文件不存在", errno.EACCES: "没有读取权限",
             errno.EPERM: "没有读取权限", errno.EIO: "磁盘读取错误"}
    return known.get(exc.errno) or exc.strerror or str(exc)


def check_pdf(path: Path) -> int:
    """Number of pages of a readable, unencrypted PDF; InputError otherwise."""
    import pikepdf
    import pypdfium2 as pdfium

    head = _read_head(path)
    if _sniff(head) != "pdf":
        raise InputError(path, "扩展名是 .pdf，但不是 PDF 文件（没有 %PDF 文件头），请重新导出为 PDF")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(size - 2048, 0))
        tail = fh.read()
    truncated = InputError(path, "PDF 文件不完整（在文件结束标记之前中断），请重新复制或下载")
    # qpdf tells an encrypted file apart reliably (pdfium's error code is global and goes stale)
    try:
        with pikepdf.open(path) as pdf:
            n = len(pdf.pages)
    except pikepdf.PasswordError:
        raise InputError(path, "PDF 已加密，需要密码才能打开；请另存一份未加密的副本"
                               "（例如 qpdf --decrypt --password=… in.pdf out.pdf）再评查") from None
    except (pikepdf.PdfError, RecursionError, ValueError) as exc:
        if b"%%EOF" not in tail:
            raise truncated from None
        raise InputError(path, f"PDF 已损坏，无法打开（{_detail(exc)}），请重新导出或重新扫描") from None
    if b"%%EOF" not in tail:
        # qpdf repairs some broken files, but a missing end marker means pages may be lost
        raise truncated
    try:
        pdfium.PdfDocument(str(path)).close()  # the renderer must be able to open it too
    except pdfium.PdfiumError as exc:
        if n == 0:
            raise InputError(path, "PDF 没有页面") from None
        raise InputError(path, f"PDF 已损坏，无法渲染（{_detail(exc)}），请重新导出或重新扫描") from None
    if n == 0:
        raise InputError(path, "PDF 没有页面")
    return n


def check_image(path: Path) -> int:
    """Number of frames of a readable image that is not a decompression bomb."""
    from PIL import Image, UnidentifiedImageError

    head = _read_head(path)
    if _sniff(head) != "image":
        raise InputError(path, f"不是可读取的图像；请提供{SUPPORTED}")
    try:
        with warnings.catch_warnings():
            # PIL only warns between MAX_IMAGE_PIXELS and twice that; both are too big to OCR safely
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                frames = getattr(im, "n_frames", 1) or 1
                fmt = im.format
                _page_sized(path, im, 1)
                if frames > 1:
                    for i in range(1, frames):
                        im.seek(i)  # walks the frame directory: a cut-off TIFF fails here
                        _page_sized(path, im, i + 1)
            # cheap truncation checks instead of decoding every pixel (a cached rerun must stay fast)
            if fmt == "PNG":
                with Image.open(path) as im:
                    im.verify()  # chunk CRCs up to IEND
            elif fmt == "JPEG":
                with open(path, "rb") as fh:
                    fh.seek(max(path.stat().st_size - 1024, 0))
                    if b"\xff\xd9" not in fh.read():
                        raise OSError("JPEG 在图像结束标记之前中断")
            elif frames == 1:
                with Image.open(path) as im:
                    im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(path, f"图像过大，无法安全处理（{_detail(exc)}）；请缩小（例如按 300 dpi）后重试") from None
    except UnidentifiedImageError:
        raise InputError(path, f"不是可读取的图像；请提供{SUPPORTED}") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(path, f"图像已损坏或不完整（{_detail(exc)}），请重新扫描或重新导出") from None
    if frames == 0:
        raise InputError(path, "图像中没有任何页面")
    return frames


def _page_sized(path: Path, im, frame: int) -> None:
    w, h = im.size
    if min(w, h) < MIN_PAGE_SIDE_PX:
        where = f"第 {frame} 帧" if frame > 1 else "图像"
        raise InputError(path, f"不是案卷页面：{where}只有 {w}×{h} 像素，容不下可辨认的文字"
                               f"（案卷页面的扫描件短边至少 {MIN_PAGE_SIDE_PX} 像素）")


def _detail(exc: BaseException) -> str:
    """A decoder's own words, on one line and short (they are English; the sentence around is not)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def _kind(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in IMAGE_EXT:
        return "image"
    return None


def _check_name(path: Path) -> None:
    """A name that is no UTF-8 (a zip made on a Chinese Windows keeps GBK names) reaches Python
    with lone surrogates, which the PDF and image libraries refuse as a path; say so plainly."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(path, "文件名不是有效的 UTF-8 编码（多半是在 Windows 上打包的 GBK 文件名）；"
                               "请先改名，例如 convmv -f gbk -t utf-8 --notest 文件名") from None


def check_file(path: Path) -> SourceFile:
    """The file's kind and page count, or ``InputError``: the boundary around every decoder."""
    _check_name(path)
    kind = _kind(path)
    if kind is None:
        sniffed = _sniff(_read_head(path))
        if sniffed is None:
            ext = path.suffix or "（无扩展名）"
            raise InputError(path, f"不支持的文件类型 {ext}；请提供{SUPPORTED}")
        kind = sniffed
    try:
        pages = check_pdf(path) if kind == "pdf" else check_image(path)
    except InputError:
        raise
    except MemoryError:
        raise InputError(path, "文件解码时内存不足，无法处理；请拆分或降低分辨率后重试") from None
    except Exception as exc:  # noqa: BLE001 - a decoder's bug on a hostile file is still bad input
        what = "PDF" if kind == "pdf" else "图像"
        raise InputError(path, f"{what}无法解码（{type(exc).__name__}: {_detail(exc)}），文件可能已损坏；"
                               "请重新导出或重新扫描") from None
    return SourceFile(path, kind, pages)


def collect(path: str | os.PathLike) -> tuple[str, list[SourceFile]]:
    """The dossier's name and its files in reading order."""
    from natsort import natsorted, ns

    p = Path(path)
    if not p.exists():
        if p.is_symlink():
            raise InputError(p, f"文件无法读取（{_link_reason(p)}）")
        raise InputError(p, "找不到该文件或文件夹")
    if p.is_dir():
        _check_name(p)
        try:
            entries = [e for e in p.iterdir() if not e.name.startswith(".")]
        except OSError as exc:
            raise InputError(p, f"文件夹无法读取（{_os_reason(exc)}），请检查权限") from None
        # a page behind a symlink loop or a dangling link is a lost page, not a note to skip
        for e in entries:
            if e.is_symlink() and not e.exists() and _kind(e):
                raise InputError(e, f"文件无法读取（{_link_reason(e)}）")
        # page2 before page10; other files (notes, truth files, Thumbs.db) are not pages
        files = natsorted([e for e in entries if e.is_file() and _kind(e)], key=lambda e: e.name,
                          alg=ns.PATH | ns.IGNORECASE)
        if not files:
            raise InputError(p, "文件夹中没有 PDF 或图像文件；请把案卷的页面放进去")
        return p.name, [check_file(f) for f in files]
    return p.stem, [check_file(p)]


def _link_reason(p: Path) -> str:
    try:
        os.stat(p)
    except OSError as exc:
        return _os_reason(exc)
    return "链接指向的文件不存在"
