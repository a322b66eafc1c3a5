"""One character for one: the canonical forms the text patterns are written against.

Shared by page analysis and extraction, which both align patterns with OCR character positions,
so every replacement keeps offsets valid.
"""
from __future__ import annotations

# Full-width letters/digits become ASCII and the ASCII forms of the punctuation the patterns
# care about become the canonical Chinese forms; every replacement is one character for one,
# so offsets stay valid.
_CANON = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_CANON.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_CANON.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_CANON.update({"(": "（", ")": "）", ":": "：", ";": "；", "\u3000": " ", "＄": "$",
               "﹝": "〔", "﹞": "〕", "．": ".", "￥": "¥", "／": "/", "－": "-",
               "Ｘ": "X", "﹙": "（", "﹚": "）", "＿": "_", "﹖": "？"})
_CANON_TABLE = str.maketrans(_CANON)


def canon(text: str) -> str:
    return text.translate(_CANON_TABLE)
