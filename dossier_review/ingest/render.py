"""Page images: PDF pages rendered with pdfium (documents kept open per process), image frames loaded."""
from __future__ import annotations

import os

import numpy as np

_DOCS: dict[str, object] = {}
_DOCS_PID = os.getpid()


def pdf_doc(path: str):
    import pypdfium2 as pdfium

    global _DOCS_PID
    if _DOCS_PID != os.getpid():
        # a forked pool worker: documents opened by the parent share its file offsets, and two
        # workers reading through them at once would get each other's bytes; open our own
        _DOCS.clear()
        _DOCS_PID = os.getpid()
    doc = _DOCS.get(path)
    if doc is None:
        if len(_DOCS) > 4:
            close_docs()
        doc = _DOCS[path] = pdfium.PdfDocument(path)
    return doc


def close_docs() -> None:
    for d in _DOCS.values():
        try:
            d.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass
    _DOCS.clear()


def render_pdf_page(path: str, index: int, dpi: float, grey: bool = False,
                    crop: tuple[float, float, float, float] = (0, 0, 0, 0)) -> np.ndarray:
    """The page at ``dpi`` as RGB (or grey); ``crop``: points cut off (left, bottom, right, top)."""
    page = pdf_doc(path)[index]
    # pdfium writes BGR unless asked for RGB; asking saves reordering ~26 MB per A4 page
    bitmap = page.render(scale=dpi / 72.0, grayscale=grey, rev_byteorder=True, crop=crop)
    arr = bitmap.to_numpy()
    if arr.ndim == 3 and bitmap.mode.startswith("BGR"):  # a pdfium that ignored the request
        arr = arr[..., 2::-1]
    if arr.ndim == 3 and arr.shape[2] > 3 or not arr.flags["C_CONTIGUOUS"]:
        arr = np.ascontiguousarray(arr[..., :3] if arr.ndim == 3 else arr)
    return arr


def load_image_frame(path: str, index: int) -> tuple[np.ndarray, int]:
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im.seek(index)
        dpi = im.info.get("dpi", (0, 0))[0] or 0
        # phone photos store their orientation in EXIF instead of turning the pixels
        frame = ImageOps.exif_transpose(im) if index == 0 else im
        frame = frame.convert("L") if frame.mode in ("1", "L", "I;16", "I") else frame.convert("RGB")
        arr = np.asarray(frame)
    return arr, int(round(float(dpi))) if dpi else 0



def guess_dpi(shape: tuple[int, ...]) -> int:
    """Resolution as if the image showed an A4 sheet (the usual case file page)."""
    long_px = max(shape[0], shape[1])
    return int(min(max(round(long_px / 11.69), 70), 1200))
