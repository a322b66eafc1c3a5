"""Red seals (公章) on page images.

A seal is red ink (HSV hue near 0/180, saturated) forming a blob of seal size — official round
seals are 38–45 mm, oval and square ones 20–50 mm, name chops from ~12 mm — that is either a ring
(round seal: rim and rim text with an emptier middle) or dense (a square chop).  Red text lines
(红头) are long and thin and are rejected by their shape.  Detection runs on a ~50 dpi copy.
"""
from __future__ import annotations

import cv2
import numpy as np

SEAL_DPI = 50
MIN_MM, MAX_MM = 12.0, 65.0
# whitening (see whiten_seals): a red cast is R above both G and B by this much (grey paper and
# black print have none, the JPEG-smeared pink fringe of stamp ink has)
RED_CAST = 20
# the red-channel level of ink over paper is taken at this percentile of the stamp's saturated
# pixels; at DARK_FRACTION of it a pixel counts as print under the ink and stays black.
# Tuned on the scanned samples with `bench/ingest.py --seals`.
INK_PERCENTILE = 30
DARK_FRACTION = 0.55
# after lifting, a mark darker than GHOST_LEVEL x paper whose darkest pixel is still lighter than
# CORE_LEVEL x paper is left-over ink, not print (black print reaches ~0.2 x paper even when
# blurred; measured on the closing block of case08-urban-scan p13: print cores <= 0.2, lifted
# ink specks >= 0.5)
GHOST_LEVEL = 0.85
CORE_LEVEL = 0.4


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """uint8 0/1 mask of stamp-red pixels of an RGB array."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    # OpenCV hue is 0..179; red wraps around 0; faded stamp ink stays fairly saturated
    return (((h <= 10) | (h >= 165)) & (s >= 80) & (v >= 70)).astype(np.uint8)


def find_seals(rgb: np.ndarray, dpi: float) -> list[list[int]]:
    """Boxes [left, top, width, height] (pixels of ``rgb``) of red seals, largest first."""
    if rgb.ndim != 3 or rgb.shape[2] < 3:
        return []
    scale = min(1.0, SEAL_DPI / float(dpi))
    small = cv2.resize(rgb[..., :3], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb[..., :3]
    mask = red_mask(np.ascontiguousarray(small))
    if mask.sum() < 10:
        return []
    px_per_mm = dpi * scale / 25.4
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        wmm, hmm = w / px_per_mm, h / px_per_mm
        if not (MIN_MM <= max(wmm, hmm) <= MAX_MM and min(wmm, hmm) >= MIN_MM * 0.6):
            continue
        if max(w, h) > 2.2 * min(w, h):
            continue  # a line of red text, not a stamp
        crop = mask[y:y + h, x:x + w]
        fill = crop.mean()
        if fill < 0.06:
            continue
        dense = fill > 0.35
        if _ring_or_frame(crop) or dense:
            boxes.append((w * h, [int(x / scale), int(y / scale), int(w / scale), int(h / scale)]))
    boxes.sort(key=lambda b: -b[0])
    return [b for _, b in boxes]


def _ring_or_frame(crop: np.ndarray) -> bool:
    """A closed outline: the rim of a round/oval seal or the border of a square one.

    Judged by how much of the outline carries ink, so the star or emblem in the middle and the rim
    text inside do not matter.
    """
    h, w = crop.shape
    ys, xs = np.nonzero(crop)
    if len(ys) < 8:
        return False
    cx, cy = (w - 1) / 2.0, (h - 1) / 2.0
    r = np.hypot((xs - cx) / (w / 2.0), (ys - cy) / (h / 2.0))
    rim = (r >= 0.78) & (r <= 1.08)
    if rim.any():
        ang = np.arctan2(ys[rim] - cy, xs[rim] - cx)
        bins = np.unique(((ang + np.pi) / (2 * np.pi) * 36).astype(int) % 36)
        if len(bins) >= 28:
            return True
    b = max(int(min(w, h) * 0.12), 1)
    sides = [crop[:b].any(axis=0).mean(), crop[-b:].any(axis=0).mean(),
             crop[:, :b].any(axis=1).mean(), crop[:, -b:].any(axis=1).mean()]
    return min(sides) >= 0.7


def whiten_seals(gray: np.ndarray, rgb: np.ndarray, boxes: list[list[int]]) -> np.ndarray:
    """Lift the red stamp ink off the text inside the seal boxes so OCR reads what it covers.

    In the red channel stamp ink is nearly as light as paper while black print stays dark, and
    print under the ink stays darker than ink on bare paper (ink over a black stroke cannot be
    lighter than ink over paper).  So every reddish pixel of the box — the saturated core and the
    pink, JPEG-smeared fringe — takes its red-channel value, stretched so that ink over paper
    becomes paper and anything clearly darker keeps a dark tone.  Pixels without a red cast keep
    their grey value, so black text next to the stamp is never lightened.  Only the boxes are
    touched: red text elsewhere (红头 headings) is content and stays.
    """
    if not boxes:
        return gray
    out = gray.copy()
    paper = float(np.percentile(gray[::16, ::16], 90))
    for x, y, w, h in boxes:
        pad = max(w, h) // 20
        x0, y0 = max(x - pad, 0), max(y - pad, 0)
        x1, y1 = min(x + w + pad, gray.shape[1]), min(y + h + pad, gray.shape[0])
        sub = np.ascontiguousarray(rgb[y0:y1, x0:x1, :3])
        strong = red_mask(sub)
        if not strong.any():
            continue
        r = sub[..., 0].astype(np.float32)
        cast = (sub[..., 0].astype(np.int16) - np.maximum(sub[..., 1], sub[..., 2]).astype(np.int16)) > RED_CAST
        # the ink's fringe (anti-aliasing, JPEG chroma bleeding at half resolution) is wider than
        # the saturated core; a couple of pixels at 300 dpi
        grow = max(3, int(round(min(w, h) / 200.0)) * 2 + 1)
        mask = cv2.dilate((cast | (strong > 0)).astype(np.uint8), np.ones((grow, grow), np.uint8)) > 0
        # ink over paper: the lighter part of the stamp's red channel (rims and blurred edges
        # pull the lower percentiles down); print under it is markedly darker
        over_paper = float(np.percentile(r[strong > 0], INK_PERCENTILE))
        dark = over_paper * DARK_FRACTION
        lifted = np.clip((r - dark) / max(over_paper - dark, 1.0), 0.0, 1.0) * paper
        region = out[y0:y1, x0:x1]
        region[mask] = np.minimum(lifted[mask], paper).astype(np.uint8)
        _drop_ink_ghosts(region, mask, paper)
    return out


def _drop_ink_ghosts(region: np.ndarray, mask: np.ndarray, paper: float) -> None:
    """Paper-white the grey specks that lifting leaves of the stamp (in place).

    Darker-than-average stamp ink (a thick stroke, a pressed edge) lifts to mid grey, not to paper;
    such specks along the rim and the star make Tesseract misread the print beside them.  A mark
    is a ghost when it lies mostly on stamp ink and has no dark core: print, even where the stamp
    covers part of it, keeps pixels far darker than any lifted ink, so it is never touched.
    """
    marks = (region < paper * GHOST_LEVEL).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    if n <= 1:
        return
    flat = labels.ravel()
    darkest = np.full(n, 255.0)
    np.minimum.at(darkest, flat, region.ravel().astype(np.float64))
    on_ink = np.bincount(flat, weights=mask.ravel().astype(np.float64), minlength=n)
    ghost = (darkest > paper * CORE_LEVEL) & (on_ink >= 0.5 * stats[:, cv2.CC_STAT_AREA])
    ghost[0] = False
    region[ghost[labels]] = int(paper)
