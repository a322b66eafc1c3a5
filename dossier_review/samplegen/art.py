"""Pictures drawn for the dossiers: red seals, bank stamps and synthetic photographs."""
from __future__ import annotations

import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
SEAL_RED = (212, 28, 32)


@lru_cache(maxsize=8)
def _font(path: str, size: int):
    return ImageFont.truetype(path, size, index=0)


def seal_image(text: str, bottom: str = "", size: int = 420, seed: int = 0, font_path: str = WQY) -> Image.Image:
    """A round official seal: red ring, five-pointed star, ``text`` along the upper rim (in
    ``font_path``; template family C cuts its seals in another typeface)."""
    rng = random.Random(f"seal-{text}-{seed}")
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    ring = size * 0.035
    d.ellipse([ring, ring, size - ring, size - ring], outline=SEAL_RED + (255,), width=int(ring))
    # star
    r_out, r_in = size * 0.16, size * 0.065
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        r = r_out if i % 2 == 0 else r_in
        pts.append((c + r * math.cos(ang), c + r * math.sin(ang)))
    d.polygon(pts, fill=SEAL_RED + (255,))
    # rim text: characters spread over ~250 degrees of the upper arc
    n = len(text)
    fsize = int(size * (0.13 if n <= 12 else 0.11 if n <= 16 else 0.09))
    font = _font(font_path, fsize)
    span = min(250.0, 16.0 * n + 40)
    radius = size / 2 - ring * 1.6 - fsize * 0.62
    for i, ch in enumerate(text):
        ang = math.radians(-90 - span / 2 + span * (i + 0.5) / n)
        tile = Image.new("RGBA", (fsize * 2, fsize * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((fsize * 0.5, fsize * 0.4), ch, font=font, fill=SEAL_RED + (255,))
        tile = tile.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        x = c + radius * math.cos(ang) - fsize
        y = c + radius * math.sin(ang) - fsize
        img.alpha_composite(tile, (int(x), int(y)))
    if bottom:
        bf = _font(font_path, int(size * 0.075))
        w = d.textlength(bottom, font=bf)
        d.text((c - w / 2, c + size * 0.2), bottom, font=bf, fill=SEAL_RED + (255,))
    # uneven ink: thin some pixels out so it looks stamped, not printed
    alpha = img.getchannel("A")
    noise = Image.effect_noise((size, size), 60).point(lambda v: 255 if v > 70 else 120)
    alpha = Image.composite(alpha, Image.new("L", (size, size), 0), noise.point(lambda v: 255 if v > 150 else 0))
    alpha = alpha.point(lambda v: int(v * rng.uniform(0.78, 0.92)))
    img.putalpha(alpha.filter(ImageFilter.GaussianBlur(0.6)))
    return img.rotate(rng.uniform(-12, 12), resample=Image.BICUBIC)


def bank_stamp(lines: list[str], seed: int = 0) -> Image.Image:
    """Rectangular bank 转讫 stamp."""
    w, h = 520, 260
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([8, 8, w - 8, h - 8], radius=30, outline=SEAL_RED + (235,), width=10)
    font = _font(WQY, 44)
    y = 30
    for line in lines:
        tw = d.textlength(line, font=font)
        d.text(((w - tw) / 2, y), line, font=font, fill=SEAL_RED + (235,))
        y += 66
    return img.rotate(random.Random(seed).uniform(-8, 8), expand=True, resample=Image.BICUBIC)


def photo(seed: int, kind: str = "shelf", size=(640, 420)) -> bytes:
    """A synthetic site photograph (JPEG bytes): shelves with goods, a yard, a street."""
    rng = random.Random(f"photo-{seed}-{kind}")
    w, h = size
    img = Image.new("RGB", size, (rng.randint(150, 200),) * 3)
    d = ImageDraw.Draw(img)
    for y in range(h):  # light falloff
        v = int(170 + 50 * (y / h)) + rng.randint(-2, 2)
        d.line([(0, y), (w, y)], fill=(v, v - 6, v - 14))
    if kind == "shelf":
        for row in range(4):
            y0 = 40 + row * 95
            d.rectangle([20, y0 + 70, w - 20, y0 + 80], fill=(110, 90, 70))
            x = 30
            while x < w - 60:
                bw, bh = rng.randint(25, 60), rng.randint(35, 68)
                col = tuple(rng.randint(40, 230) for _ in range(3))
                d.rectangle([x, y0 + 70 - bh, x + bw, y0 + 70], fill=col, outline=(40, 40, 40))
                x += bw + rng.randint(2, 8)
    elif kind == "yard":
        d.polygon([(0, h), (w * 0.2, h * 0.45), (w * 0.55, h * 0.3), (w, h)], fill=(120, 110, 95))
        for _ in range(30):
            x, y = rng.randint(0, w), rng.randint(int(h * 0.4), h)
            d.ellipse([x, y, x + rng.randint(10, 50), y + rng.randint(6, 20)], fill=(90, 85, 75))
        d.rectangle([w * 0.6, h * 0.15, w * 0.95, h * 0.6], fill=(150, 150, 160), outline=(60, 60, 60))
    else:
        d.rectangle([0, h * 0.6, w, h], fill=(95, 95, 100))
        for i in range(6):
            x = 40 + i * 100
            d.rectangle([x, h * 0.2, x + 80, h * 0.6], fill=tuple(rng.randint(90, 200) for _ in range(3)))
        for _ in range(8):
            x = rng.randint(0, w - 80)
            d.rectangle([x, h * 0.62, x + 70, h * 0.75], fill=(170, 140, 90), outline=(60, 50, 30))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    # muted colours: a saturated red box would pass for a seal on the scanned page
    img = ImageEnhance.Color(img).enhance(0.35)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=55)
    return buf.getvalue()
