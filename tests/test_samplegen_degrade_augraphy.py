"""samplegen.degrade_augraphy: family C's scans come from augraphy, seeded and deterministic."""
import hashlib

import pytest
from PIL import Image, ImageDraw

from dossier_review.samplegen import degrade_augraphy as degrade

needs_augraphy = pytest.mark.skipif(not degrade.available(), reason="augraphy (extra 'frozen') not installed")


def _page(red: bool = False) -> Image.Image:
    img = Image.new("RGB", (827, 1170), "white")  # A4 at 100 dpi: small enough to stay fast
    d = ImageDraw.Draw(img)
    for y in range(100, 1000, 40):
        d.rectangle((80, y, 700, y + 12), fill="black")
    if red:
        d.ellipse((500, 800, 700, 1000), outline=(220, 20, 20), width=8)
    return img


def _digest(img: Image.Image) -> str:
    return hashlib.sha256(img.tobytes()).hexdigest()


def test_page_params_depend_on_the_seed_alone():
    assert degrade.page_params(5) == degrade.page_params(5)
    assert any(degrade.page_params(5) != degrade.page_params(s) for s in range(6, 12))


@needs_augraphy
def test_same_seed_same_bytes_other_seed_other_bytes():
    page = _page()
    a, pa = degrade.scan_page(page, 3, source_dpi=100, dpi=100)
    b, pb = degrade.scan_page(page, 3, source_dpi=100, dpi=100)
    c, _ = degrade.scan_page(page, 4, source_dpi=100, dpi=100)
    assert pa == pb and _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)  # near miss: another seed really changes the page
    assert a.size == page.size and a.mode == "L" and not pa.color


@needs_augraphy
def test_resampled_to_the_scan_dpi_and_red_seal_kept():
    img, prm = degrade.scan_page(_page(red=True), 1, source_dpi=100, dpi=50)
    assert img.size == (414, 585)
    assert prm.color and img.mode == "RGB"


@needs_augraphy
def test_callers_random_streams_untouched():
    import random

    import numpy as np
    random.seed(1)
    np.random.seed(1)
    want = (random.random(), np.random.rand())
    random.seed(1)
    np.random.seed(1)
    degrade.scan_page(_page(), 9, source_dpi=100, dpi=100)
    assert (random.random(), np.random.rand()) == want


@needs_augraphy
def test_no_cache_folder_left_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    degrade.scan_page(_page(), 2, source_dpi=100, dpi=100)
    assert list(tmp_path.iterdir()) == []


@needs_augraphy
def test_seal_red_stays_red_and_text_stays_black():
    import numpy as np
    img = Image.new("RGB", (827, 1170), "white")
    d = ImageDraw.Draw(img)
    d.ellipse((300, 400, 600, 700), fill=(212, 28, 32))
    d.rectangle((80, 100, 700, 130), fill="black")
    out, prm = degrade.scan_page(img, 3, source_dpi=100, dpi=100)
    a = np.asarray(out).astype(int)
    r, g, b = a[520:580, 420:480].reshape(-1, 3).mean(0)
    assert prm.color and r > 170 and g < 70 and b < 70  # a washed-out pink would fail here
    assert a[108:122, 150:600].mean() < 60  # near miss: black ink stays dark
