"""Scan degradation done by a library we did not write (augraphy), for the frozen family C.

``scan.degrade`` is this project's own scanner simulation, and the reviewer's OCR settings were
tuned on its output.  A frozen evaluation family must not share that blind spot, so its scans are
degraded by augraphy (a maintained document-augmentation library, MIT): ink bleed, paper
texture and noise, a cast shadow, a slight rotation and a JPEG round trip, at 200 dpi.

augraphy is an optional dependency (``pip install -e ".[frozen]"``); the reviewer never needs it.
Everything is seeded: the same page, seed and dpi give the same bytes.

(Not named ``degrade.py``: importing a submodule of that name would rebind the package's
exported ``samplegen.degrade`` function, which ingest tests use, to the module.)
"""
from __future__ import annotations

import contextlib
import random
import tempfile
from dataclasses import dataclass

import numpy as np
from PIL import Image

SCAN_DPI = 200  # the resolution the issue asks for: a cheap office scanner's default


@dataclass(frozen=True)
class ScanParams:
    """What one page's degradation did (written into the truth file's ``pages``)."""

    rotate_deg: int        # counter-clockwise, whole degrees (augraphy's Geometric draws integers)
    jpeg_quality: int
    shadow: bool
    color: bool            # red ink kept (a seal on the page), else the page is grey


def available() -> bool:
    """True when augraphy can be imported (it is an optional extra)."""
    try:
        import augraphy  # noqa: F401
    except ImportError:
        return False
    return True


def page_params(seed: int) -> dict:
    """The per-page choices, drawn from the seed alone (so a test can check them cheaply)."""
    rng = random.Random(f"family-c-scan-{seed}")
    return {
        "rotate_deg": rng.choice([-1, -1, 0, 1, 1]),
        "jpeg_quality": rng.randint(45, 70),
        "shadow": rng.random() < 0.35,
        "bleed": round(rng.uniform(0.2, 0.45), 2),
        "noise": rng.randint(4, 9),
        "texture": rng.randint(2, 4),
    }


def _has_red(rgb: np.ndarray) -> bool:
    small = rgb[::8, ::8].astype(np.int16)
    r, g, b = small[..., 0], small[..., 1], small[..., 2]
    return bool(((r > 120) & (r - g > 60) & (r - b > 50)).mean() > 0.0005)


def _augment(bgr: np.ndarray, prm: dict, seed: int) -> np.ndarray:
    from augraphy import (
        AugraphyPipeline,
        Geometric,
        InkBleed,
        Jpeg,
        NoiseTexturize,
        ShadowCast,
        SubtleNoise,
    )

    post = []
    if prm["shadow"]:
        # a faint shadow from a lid not quite closed; small blur kernels keep it about a second a page
        post.append(ShadowCast(shadow_side="random", shadow_vertices_range=(2, 4), shadow_width_range=(0.3, 0.6),
                               shadow_height_range=(0.3, 0.6), shadow_opacity_range=(0.06, 0.14),
                               shadow_iterations_range=(1, 1), shadow_blur_kernel_range=(31, 61)))
    if prm["rotate_deg"]:
        post.append(Geometric(rotate_range=(prm["rotate_deg"], prm["rotate_deg"])))
    post.append(Jpeg(quality_range=(prm["jpeg_quality"], prm["jpeg_quality"])))
    pipeline = AugraphyPipeline(
        ink_phase=[InkBleed(intensity_range=(prm["bleed"], prm["bleed"]), kernel_size=(3, 3), severity=(0.2, 0.3))],
        paper_phase=[NoiseTexturize(sigma_range=(2, prm["texture"] + 1), turbulence_range=(2, 3)),
                     SubtleNoise(subtle_range=prm["noise"])],
        post_phase=post,
        # ink times paper, as a scanner sees ink on a sheet; augraphy's default blend
        # ("ink_to_paper") washed a seal's red out to pink, which no real scan does
        overlay_type="multiply",
        random_seed=(seed % (2**31 - 2)) + 1,  # augraphy seeds only when the seed is truthy
    )
    return pipeline(bgr)


def scan_page(image: Image.Image, seed: int, *, source_dpi: float = SCAN_DPI,
              dpi: int = SCAN_DPI) -> tuple[Image.Image, ScanParams]:
    """Turn a clean rendered page into a ``dpi`` scan: returns the image (RGB when a red seal is
    on the page, else grey "L") and what was done to it.

    ``source_dpi`` is the resolution ``image`` was rendered at; the page is resampled to ``dpi``
    first, as a scanner samples the sheet.  Raises ImportError when augraphy is not installed.
    """
    prm = page_params(seed)
    img = image.convert("RGB")
    if source_dpi != dpi:
        img = img.resize((round(img.width * dpi / source_dpi), round(img.height * dpi / source_dpi)),
                         Image.LANCZOS)
    rgb = np.asarray(img)
    color = _has_red(rgb)
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    # augraphy seeds the global random, numpy and OpenCV generators when its pipeline is built:
    # keep the caller's streams intact
    saved_py, saved_np = random.getstate(), np.random.get_state()
    try:
        # augraphy also copies every input page into ./augraphy_cache: let it write into a
        # throw-away folder instead of the caller's working directory
        with tempfile.TemporaryDirectory(prefix="augraphy-") as tmp, contextlib.chdir(tmp):
            out = _augment(bgr, prm, seed)
    finally:
        random.setstate(saved_py)
        np.random.set_state(saved_np)
    if out.ndim == 2:
        out = np.stack([out] * 3, axis=-1)
    out = out[..., :3][..., ::-1]
    h, w = rgb.shape[:2]
    if out.shape[0] != h or out.shape[1] != w:
        # Geometric rotates with expand: cut the sheet back to its size around the centre
        y0, x0 = max(0, (out.shape[0] - h) // 2), max(0, (out.shape[1] - w) // 2)
        out = out[y0:y0 + h, x0:x0 + w]
        if out.shape[0] != h or out.shape[1] != w:
            pad = np.full((h, w, 3), 255, np.uint8)
            pad[:out.shape[0], :out.shape[1]] = out
            out = pad
    page = Image.fromarray(np.ascontiguousarray(out), "RGB")
    if not color:
        page = page.convert("L")
    return page, ScanParams(prm["rotate_deg"], prm["jpeg_quality"], prm["shadow"], color)
