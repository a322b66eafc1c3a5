"""How a provision of law is written: 《中华人民共和国食品安全法》第一百二十五条第一款第（二）项.

One formatter for the reviewer's messages, the report and the sample generator, so that a
citation we quote back reads exactly as a decision writes it.
"""
from __future__ import annotations

from typing import Optional

import cn2an


def cn_number(n: int) -> str:
    """An article/paragraph/item number in Chinese numerals (125 → 一百二十五)."""
    try:
        return cn2an.an2cn(int(n))
    except Exception:  # cn2an refuses some inputs; an Arabic number is still correct
        return str(n)


def provisions_text(article: Optional[int] = None, paragraph: Optional[int] = None,
                    item: Optional[int] = None) -> str:
    """第…条第…款第（…）项, each part only when given."""
    out = ""
    if article:
        out += f"第{cn_number(article)}条"
    if paragraph:
        out += f"第{cn_number(paragraph)}款"
    if item:
        out += f"第（{cn_number(item)}）项"
    return out


def citation_text(law: str, article: Optional[int] = None, paragraph: Optional[int] = None,
                  item: Optional[int] = None) -> str:
    """《law》 and its provisions."""
    return f"《{law}》" + provisions_text(article, paragraph, item)
