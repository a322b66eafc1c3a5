"""Scanner simulation: render PDF pages to grey images, degrade them, write an image-only PDF."""
from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter


def degrade(image: Image.Image, rng: random.Random, *, rotate: int = 0, skew: float = 0.0, blur: float = 0.6,
            noise: float = 5.0, background: int = 236, speckles: int = 300, jpeg_quality: int | None = None,
            keep_red: bool = True) -> Image.Image:
    """Make a clean page look scanned.

    Grey paper tone, slight blur, paper-grain noise and dust specks, a small ``skew`` (degrees,
    counter-clockwise positive) and an optional quarter-turn ``rotate`` (90/180/270: the page image
    ends up turned that many degrees clockwise, as a sheet fed the wrong way).  Red ink (seals)
    stays in colour when ``keep_red``; everything else becomes grey.  Returns RGB when red was
    kept, otherwise mode "L".  ``jpeg_quality`` adds a JPEG round trip (compression artefacts).
    """
    img = image.convert("RGB")
    w, h = img.size
    has_red = False
    if keep_red:
        thumb = np.asarray(img.resize((max(1, w // 8), max(1, h // 8)), Image.NEAREST)).astype(np.int16)
        tr, tg, tb = thumb[..., 0], thumb[..., 1], thumb[..., 2]
        has_red = bool(((tr > 120) & (tr - tg > 60) & (tr - tb > 50)).mean() > 0.0005)
    if has_red:
        if skew:
            img = img.rotate(skew, resample=Image.BILINEAR, expand=False, fillcolor=(255, 255, 255))
        grey = img.convert("L")
    else:  # one channel is cheaper to turn
        grey = img.convert("L")
        if skew:
            grey = grey.rotate(skew, resample=Image.BILINEAR, expand=False, fillcolor=255)
    grey = grey.point(lambda v: v * background // 255)  # paper tone via a lookup table
    if blur:
        grey = grey.filter(ImageFilter.BoxBlur(blur))
    arr = np.asarray(grey).astype(np.int16)
    gen = np.random.default_rng(rng.randrange(1 << 30))
    if noise:
        # grain at a quarter of the resolution: looks like paper, and JPEG keeps it cheap
        small = np.clip(gen.normal(128, noise, size=(h // 4 + 1, w // 4 + 1)), 0, 255).astype(np.uint8)
        arr += np.asarray(Image.fromarray(small, "L").resize((w, h), Image.BILINEAR)).astype(np.int16) - 128
    ys, xs = gen.integers(0, h, speckles), gen.integers(0, w, speckles)
    arr[ys, xs] = gen.integers(20, 120, speckles)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if has_red:
        rgb = np.asarray(img)
        r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
        red_mask = (r > 120) & (r - g > 60) & (r - b > 50)
        arr3 = np.stack([np.asarray(out)] * 3, axis=-1)
        arr3[red_mask] = (rgb[red_mask].astype(np.uint16) * background // 255).astype(np.uint8)
        out = Image.fromarray(arr3, "RGB")
    if rotate:
        out = out.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                             270: Image.Transpose.ROTATE_90}[rotate % 360])
    if jpeg_quality:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=jpeg_quality)
        out = Image.open(io.BytesIO(buf.getvalue()))
        out.load()
    return out


def _page_params(rng: random.Random, n_pages: int) -> list[dict]:
    rotated = set()
    if n_pages > 3 and rng.random() < 0.85:
        rotated = set(rng.sample(range(1, n_pages), k=min(n_pages - 1, rng.choice([1, 1, 2]))))
    out = []
    for i in range(n_pages):
        out.append({
            "rotate": rng.choice([90, 180, 270]) if i in rotated else 0,
            "skew": round(rng.choice([-1, 1]) * rng.uniform(0.3, 2.0), 2),
            "blur": round(rng.uniform(0.3, 0.9), 2),
            "noise": round(rng.uniform(1.5, 3.0), 1),
            "background": rng.randint(222, 244),
            "speckles": rng.randint(100, 600),
        })
    return out


def scan_pdf(pdf_bytes: bytes, target: Path, *, seed: int, dpi: int = 200, as_folder: bool = False,
             quality: int = 38) -> list[dict]:
    """Render, degrade and write the pages; returns per-page info for the truth file."""
    import pypdfium2 as pdfium

    rng = random.Random(f"scan-{seed}")
    pdf = pdfium.PdfDocument(pdf_bytes)
    params = _page_params(rng, len(pdf))
    images = []
    for i, prm in enumerate(params):
        page = pdf[i]
        pil = page.render(scale=dpi / 72).to_pil()
        page.close()
        images.append(degrade(pil, rng, **prm))
    pdf.close()
    info = [{"page": i + 1, "rotate_cw": prm["rotate"], "skew_ccw": prm["skew"], "color": images[i].mode == "RGB", "dpi": dpi}
            for i, prm in enumerate(params)]
    if as_folder:
        _write_folder(images, target, rng, quality, info)
    else:
        _write_image_pdf(images, target, dpi, quality)
    return info


def _write_image_pdf(images, target: Path, dpi: int, quality: int) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    target.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(target))
    for img in images:
        w_pt, h_pt = img.width * 72 / dpi, img.height * 72 / dpi
        c.setPageSize((w_pt, h_pt))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, w_pt, h_pt)
        c.showPage()
    c.save()


def _write_folder(images, folder: Path, rng, quality: int, info: list[dict]) -> None:
    """page1.png, page2.jpg, …; one multi-page TIFF holds a run of pages (named by its first page)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    n = len(images)
    tiff_start = rng.randint(3, max(3, n - 4)) if n >= 6 else None
    i = 0
    while i < n:
        if tiff_start is not None and i == tiff_start:
            run = images[i:i + 3]
            run[0].save(folder / f"page{i + 1}.tif", save_all=True, append_images=run[1:], compression="tiff_jpeg",
                        quality=quality) if all(im.mode == run[0].mode for im in run) else \
                [im.convert("RGB") for im in run][0].save(folder / f"page{i + 1}.tif", save_all=True,
                                                         append_images=[im.convert("RGB") for im in run[1:]],
                                                         compression="tiff_jpeg", quality=quality)
            for k in range(len(run)):
                info[i + k]["file"] = f"page{i + 1}.tif"
                info[i + k]["frame"] = k
            i += len(run)
            continue
        if i == 0 and images[i].mode == "L":
            small = images[i].resize((images[i].width * 3 // 4, images[i].height * 3 // 4))
            small.save(folder / f"page{i + 1}.png", optimize=True)
            info[i]["file"] = f"page{i + 1}.png"
        else:
            images[i].save(folder / f"page{i + 1}.jpg", quality=quality, optimize=True)
            info[i]["file"] = f"page{i + 1}.jpg"
        info[i]["frame"] = 0
        i += 1
