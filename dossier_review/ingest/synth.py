"""Synthetic case-file pages for the ingest benchmark and tests.

Real dossiers cannot be shipped, and the sample generator lives in another stage, so the ingest
tests draw their own pages: Chinese text in the WQY Zen Hei font, a ruled table, a red seal, and
scanner damage (rotation, skew, blur, speckle, grey paper, JPEG artefacts).  Everything is drawn
from a seed, so a failing test can be reproduced.
"""
from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

DECISION_LINES = [
    "某市市场监督管理局",
    "行政处罚决定书",
    "某市监罚〔2024〕128号",
    "当事人：某市安康食品贸易有限公司",
    "统一社会信用代码：91310115MA1H7KQX3B",
    "住所：某市浦东新区张江路1088号3幢201室",
    "法定代表人：王建国",
    "2024年3月12日，本局执法人员对当事人经营场所进行现场检查，发现当事人",
    "销售的标称某某食品厂生产的速冻水饺已超过保质期，货值金额共计人民币",
    "捌仟陆佰元整（¥8600.00）。本局于2024年3月15日立案调查。",
    "上述事实有现场检查笔录、询问笔录、进货单据、营业执照复印件等证据证实。",
    "当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项",
    "的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
    "的规定，本局决定对当事人作出如下行政处罚：",
    "一、没收超过保质期的速冻水饺共计四十三袋；",
    "二、罚款人民币伍万元整（¥50000.00）。",
    "当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行账户。逾期不",
    "缴纳的，每日按罚款数额的百分之三加处罚款。",
    "如不服本处罚决定，可在收到本决定书之日起六十日内向某市人民政府申请行政",
    "复议，也可以在六个月内依法向某市浦东新区人民法院提起行政诉讼。",
    "某市市场监督管理局",
    "二〇二四年四月十八日",
]

TABLE_ROWS = [
    ["送达文书", "行政处罚决定书"],
    ["受送达人", "某市安康食品贸易有限公司"],
    ["送达地点", "某市浦东新区张江路1088号"],
    ["送达方式", "直接送达"],
    ["送达日期", "2024年4月19日"],
]


UKAI_PATH = "/usr/share/fonts/truetype/arphic/ukai.ttc"  # brush-style 楷体, like handwriting


def _font(size: int, path: str = FONT_PATH) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=0)


def _a4(dpi: int, font_pt: float, font_path: str, head_scale: float):
    """A white A4 page at ``dpi``, its drawing context, the body size in pixels, and the body and
    heading fonts."""
    img = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), "white")
    px = int(font_pt / 72 * dpi)
    return img, ImageDraw.Draw(img), px, _font(px, font_path), _font(int(px * head_scale), font_path)


def render_page(lines: list[str] | None = None, *, dpi: int = 300, table: bool = False,
                seal: bool = False, font_pt: float = 12.0, font_path: str = FONT_PATH) -> Image.Image:
    """An upright, clean A4 page (RGB) with the given lines; the first two lines are headings."""
    lines = DECISION_LINES if lines is None else lines
    img, draw, px, body, head = _a4(dpi, font_pt, font_path, 1.6)
    w, h = img.size
    margin = int(0.9 * dpi)
    y = int(0.9 * dpi)
    sig_y = h // 2
    for i, line in enumerate(lines):
        f = head if line.endswith("决定书") or i == 0 else body
        tw = draw.textlength(line, font=f)
        x = (w - tw) / 2 if (i < 3 and len(lines) > 3) else margin
        if i >= len(lines) - 2 and len(lines) > 4:
            x = w - margin - tw  # signature block sits at the right, like a real 落款
            sig_y = y
        draw.text((x, y), line, font=f, fill="black")
        y += int(f.size * 1.75)
    if table:
        y += px
        col = [margin, margin + int(2.2 * dpi), w - margin]
        rh = int(px * 2.2)
        for r, row in enumerate(TABLE_ROWS):
            for c, cell in enumerate(row):
                draw.text((col[c] + px // 2, y + r * rh + (rh - px) // 2), cell, font=body, fill="black")
        for r in range(len(TABLE_ROWS) + 1):
            draw.line([(col[0], y + r * rh), (col[-1], y + r * rh)], fill="black", width=3)
        for x in col:
            draw.line([(x, y), (x, y + len(TABLE_ROWS) * rh)], fill="black", width=3)
    if seal:
        # over the 落款 date, where agencies stamp
        draw_seal(img, (w - margin - int(1.0 * dpi), sig_y), dpi)
    return img


CATALOGUE_HEADER = ["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]
CATALOGUE_ROWS = [
    ["1", "某市监立〔2024〕15号", "某市市场监督管理局", "立案审批表", "20240315", "1", ""],
    ["2", "/", "某市市场监督管理局", "现场检查笔录", "20240312", "2-3", ""],
    ["3", "/", "某市市场监督管理局", "询问笔录", "20240314", "4-6", ""],
    ["4", "/", "某市安康食品公司", "营业执照复印件", "/", "7", ""],
    ["5", "/", "某市市场监督管理局", "案件调查终结报告", "20240402", "8", ""],
    ["6", "某市监罚告〔2024〕31号", "某市市场监督管理局", "行政处罚告知书", "20240405", "9", ""],
    ["7", "/", "某市市场监督管理局", "送达回证", "20240406", "10", ""],
    ["8", "某市监罚〔2024〕128号", "某市市场监督管理局", "行政处罚决定书", "20240418", "11-12", ""],
    ["9", "/", "某市市场监督管理局", "送达回证", "20240419", "13", ""],
    ["10", "/", "银行", "罚款缴款凭证", "20240425", "14", ""],
]


def render_catalogue(rows: list[list[str]] | None = None, *, dpi: int = 300, font_pt: float = 10.5,
                     font_path: str = FONT_PATH) -> Image.Image:
    """An upright, clean A4 卷内目录: a title over a ruled grid of seven columns, one row a document."""
    rows = CATALOGUE_ROWS if rows is None else rows
    img, draw, px, body, head = _a4(dpi, font_pt, font_path, 2.0)
    w, h = img.size
    title = "卷内目录"
    draw.text(((w - draw.textlength(title, font=head)) / 2, int(0.8 * dpi)), title, font=head, fill="black")
    margin = int(0.55 * dpi)
    widths = [0.45, 1.7, 1.8, 1.5, 0.85, 0.5, 0.35]  # inches: 序号 … 备注 within an A4 width
    xs = [margin]
    for wd in widths:
        xs.append(xs[-1] + int(wd * dpi))
    y0, rh = int(1.4 * dpi), int(px * 2.6)
    for r, row in enumerate([CATALOGUE_HEADER] + rows):
        for c, cell in enumerate(row):
            draw.text((xs[c] + px // 3, y0 + r * rh + (rh - px) // 2), cell, font=body, fill="black")
    n = len(rows) + 1
    for r in range(n + 1):
        draw.line([(xs[0], y0 + r * rh), (xs[-1], y0 + r * rh)], fill="black", width=max(dpi // 150, 1))
    for x in xs:
        draw.line([(x, y0), (x, y0 + n * rh)], fill="black", width=max(dpi // 150, 1))
    return img


def draw_seal(img: Image.Image, center: tuple[int, int], dpi: int = 300) -> None:
    """A 42 mm round red seal: ring, star and rim text, semi-transparent like stamp ink."""
    r = int(21 / 25.4 * dpi)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = center
    red = (215, 25, 30, 200)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, r // 18))
    star = []
    for k in range(10):
        rad = r * (0.28 if k % 2 == 0 else 0.11)
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    d.polygon(star, fill=red)
    f = _font(int(r * 0.22))
    text = "某市市场监督管理局"
    for k, ch in enumerate(text):
        a = math.radians(-150 + k * (120 / (len(text) - 1)))
        d.text((cx + r * 0.74 * math.cos(a) - f.size / 2, cy + r * 0.74 * math.sin(a) - f.size / 2),
               ch, font=f, fill=red)
    img.paste(Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB"))


def degrade(img: Image.Image, seed: int = 0, *, rotate: int = 0, skew: float = 0.0, blur: float = 0.6,
            noise: float = 0.004, paper: int = 238, jpeg: int | None = 70) -> Image.Image:
    """Scanner damage; ``rotate`` turns the page counter-clockwise by 0/90/180/270 degrees."""
    rng = random.Random(seed)
    out = img.convert("RGB")
    if skew:
        out = out.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor="white")
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    # grey paper: scale white down to ``paper`` so thresholds cannot rely on pure white
    out = out.point(lambda v: int(v * paper / 255 + 8))
    if noise:
        import numpy as np

        arr = np.asarray(out).copy()
        gen = np.random.default_rng(rng.randrange(2**32))
        n = int(arr.shape[0] * arr.shape[1] * noise)
        ys, xs = gen.integers(0, arr.shape[0], n), gen.integers(0, arr.shape[1], n)
        arr[ys, xs] = gen.choice(np.array([20, 60, 255], dtype=np.uint8), n)[:, None]
        out = Image.fromarray(arr)
    if rotate:
        out = out.rotate(rotate, expand=True)
    if jpeg:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=jpeg)
        buf.seek(0)
        out = Image.open(buf).convert("RGB")
    return out


def write_image_pdf(images: list[Image.Image], path: str | Path, dpi: int = 300) -> Path:
    """An image-only PDF (no text layer), as a scanner writes it."""
    path = Path(path)
    first, rest = images[0], images[1:]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


def write_text_pdf(pages: list[list[str]], path: str | Path, *, seal_on: tuple[int, ...] = ()) -> Path:
    """A digital PDF with a real text layer (reportlab + embedded WQY Zen Hei)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT_PATH, subfontIndex=0))
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(pages):
        y = A4[1] - 72
        for line in lines:
            c.setFont("WQY", 12)
            c.drawString(64, y, line)
            y -= 21
        if n in seal_on:
            c.setStrokeColorRGB(0.85, 0.1, 0.12)
            c.setFillColorRGB(0.85, 0.1, 0.12)
            c.setLineWidth(3)
            c.circle(A4[0] - 150, 160, 60, stroke=1, fill=0)
            c.circle(A4[0] - 150, 160, 14, stroke=0, fill=1)
        c.showPage()
    c.save()
    return path
