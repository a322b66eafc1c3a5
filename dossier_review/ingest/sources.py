"""What a path holds: the files of a dossier, each checked so that bad input fails with one clear line."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

PDF_EXT = {".pdf"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".webp", ".jp2"}
SUPPORTED = "a PDF, PNG, JPEG or TIFF file, or a folder of them"


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
            raise InputError(path, "the file is empty (0 bytes); copy or export it again")
        with open(path, "rb") as fh:
            return fh.read(2048)
    except PermissionError:
        raise InputError(path, "the file cannot be read (permission denied); check its permissions") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"the file cannot be read ({exc.strerror or exc})") from None


def check_pdf(path: Path) -> int:
    """Number of pages of a readable, unencrypted PDF; InputError otherwise."""
    import pikepdf
    import pypdfium2 as pdfium

    head = _read_head(path)
    if _sniff(head) != "pdf":
        raise InputError(path, "is named .pdf but is not a PDF (no %PDF header); export it to PDF again")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(size - 2048, 0))
        tail = fh.read()
    truncated = InputError(path, "the PDF is truncated (it ends before its end-of-file marker); "
                                 "copy or download it again")
    # qpdf tells an encrypted file apart reliably (pdfium's error code is global and goes stale)
    try:
        with pikepdf.open(path) as pdf:
            n = len(pdf.pages)
    except pikepdf.PasswordError:
        raise InputError(path, "the PDF is encrypted and needs a password; save an unprotected copy "
                               "(e.g. qpdf --decrypt --password=… in.pdf out.pdf) and review that") from None
    except (pikepdf.PdfError, RecursionError, ValueError) as exc:
        if b"%%EOF" not in tail:
            raise truncated from None
        raise InputError(path, f"the PDF is corrupt and cannot be opened ({str(exc)[:120]}); "
                               "re-export or re-scan it") from None
    if b"%%EOF" not in tail:
        # qpdf repairs some broken files, but a missing end marker means pages may be lost
        raise truncated
    try:
        pdfium.PdfDocument(str(path)).close()  # the renderer must be able to open it too
    except pdfium.PdfiumError as exc:
        if n == 0:
            raise InputError(path, "the PDF has no pages") from None
        raise InputError(path, f"the PDF is corrupt and cannot be rendered ({exc}); re-export or re-scan it") from None
    if n == 0:
        raise InputError(path, "the PDF has no pages")
    return n


def check_image(path: Path) -> int:
    """Number of frames of a readable image that is not a decompression bomb."""
    from PIL import Image, UnidentifiedImageError

    head = _read_head(path)
    if _sniff(head) != "image":
        raise InputError(path, f"is not a readable image; give {SUPPORTED}")
    try:
        with warnings.catch_warnings():
            # PIL only warns between MAX_IMAGE_PIXELS and twice that; both are too big to OCR safely
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                frames = getattr(im, "n_frames", 1) or 1
                fmt = im.format
                if frames > 1:
                    for i in range(1, frames):
                        im.seek(i)  # walks the frame directory: a cut-off TIFF fails here
            # cheap truncation checks instead of decoding every pixel (a cached rerun must stay fast)
            if fmt == "PNG":
                with Image.open(path) as im:
                    im.verify()  # chunk CRCs up to IEND
            elif fmt == "JPEG":
                with open(path, "rb") as fh:
                    fh.seek(max(path.stat().st_size - 1024, 0))
                    if b"\xff\xd9" not in fh.read():
                        raise OSError("the JPEG ends before its end-of-image marker")
            elif frames == 1:
                with Image.open(path) as im:
                    im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(path, f"the image is too large to process safely ({exc}); scale it down "
                               "(e.g. to 300 dpi) and try again") from None
    except UnidentifiedImageError:
        raise InputError(path, f"is not a readable image; give {SUPPORTED}") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(path, f"the image is corrupt or truncated ({exc}); re-scan or re-export it") from None
    if frames == 0:
        raise InputError(path, "the image has no frames")
    return frames


def _kind(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in IMAGE_EXT:
        return "image"
    return None


def check_file(path: Path) -> SourceFile:
    kind = _kind(path)
    if kind is None:
        sniffed = _sniff(_read_head(path))
        if sniffed is None:
            ext = path.suffix or "(no extension)"
            raise InputError(path, f"unsupported file type {ext}; give {SUPPORTED}")
        kind = sniffed
    pages = check_pdf(path) if kind == "pdf" else check_image(path)
    return SourceFile(path, kind, pages)


def collect(path: str | os.PathLike) -> tuple[str, list[SourceFile]]:
    """The dossier's name and its files in reading order."""
    from natsort import natsorted, ns

    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file or folder")
    if p.is_dir():
        try:
            entries = [e for e in p.iterdir() if not e.name.startswith(".")]
        except OSError as exc:
            raise InputError(p, f"the folder cannot be read ({exc.strerror or exc}); check its permissions") from None
        # page2 before page10; other files (notes, truth files, Thumbs.db) are not pages
        files = natsorted([e for e in entries if e.is_file() and _kind(e)], key=lambda e: e.name,
                          alg=ns.PATH | ns.IGNORECASE)
        if not files:
            raise InputError(p, "the folder holds no PDF or image files; put the case file's pages in it")
        return p.name, [check_file(f) for f in files]
    return p.stem, [check_file(p)]
