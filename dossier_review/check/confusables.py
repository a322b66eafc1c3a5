"""Which characters OCR may have read in place of which: the confusable table, learned from data.

``data/confusables.json`` is written by ``bench/confusables.py``: the one-for-one misreadings
seen when the generator's scanned pages (samples and family B) were OCR'd and aligned with their
clean twins, plus, for the identifier alphabet (digits, capitals, ¥), the glyph pairs whose
rendered shapes overlap most in the fonts on this machine.  The checks ask it whether a
plausible misreading explains an anomaly: an identifier that becomes valid with one swap, an
amount whose words and figures agree after one.  The project's one hand-kept table of confusions
(``lib/ocr_confusions.yaml``, which ingest mends with) is read beside it.  Nothing here is typed
per case.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).resolve().parent / "data" / "confusables.json"


@lru_cache(maxsize=1)
def table() -> dict[str, frozenset[str]]:
    """read character → characters it may stand for (both directions of every learned pair: a
    look-alike misleads either way)."""
    try:
        data = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    from ..lib.confusions import LOOKALIKES

    alt: dict[str, set[str]] = {}
    # the project's hand-kept table of confusions seen on case files joins the learned pairs
    seen = [[true, read] for true, reads in LOOKALIKES.items() for read in reads]
    for row in data.get("pairs", []) + data.get("glyph_pairs", []) + seen:
        a, b = row[0], row[1]
        if a == b:
            continue
        alt.setdefault(a, set()).add(b)
        alt.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in alt.items()}


def alternatives(ch: str) -> frozenset[str]:
    return table().get(ch, frozenset())


def one_swaps(value: str, alphabet: str | None = None) -> Iterator[tuple[int, str, str]]:
    """(position, read, alternative) for every single confusable swap of ``value``, limited to
    ``alphabet`` when given."""
    for i, ch in enumerate(value):
        for alt in sorted(alternatives(ch)):
            if alphabet is None or alt in alphabet:
                yield i, ch, alt


def _digits(yuan: float) -> str:
    return f"{int(round(yuan))}" if abs(yuan - round(yuan)) < 0.005 else f"{yuan:.2f}".replace(".", "")


def _one_edit(a: str, b: str) -> bool:
    """b is a with one character dropped (or added)."""
    if abs(len(a) - len(b)) != 1:
        return False
    long_, short = (a, b) if len(a) > len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def amount_misreading(read: float, other: float) -> str | None:
    """Why OCR could have turned ``other`` into ``read`` (two readings of what should be one
    amount), in Chinese; None when no single misreading does.  Considered: the currency sign
    read as a digit before the figures (¥500 → 8500: OCR reads ¥ as several other characters),
    one digit dropped or added, one digit swapped for a learned look-alike."""
    if read is None or other is None or read == other:
        return None
    a, b = _digits(read), _digits(other)
    if len(a) == len(b) + 1 and a[1:] == b:
        return f"“{a}”的首位“{a[0]}”可能是货币符号“¥”的误识"
    if _one_edit(a, b):
        return f"“{a}”与“{b}”仅差一位数字，可能为漏识或多识一位"
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1 and b[diff[0]] in alternatives(a[diff[0]]):
            return f"“{a}”中的“{a[diff[0]]}”与“{b[diff[0]]}”形近，可能系识别误差"
    return None


def misreading_fix(value: str, kind: str) -> tuple[int, str, str] | None:
    """(position, read, alternative) of one confusable swap that makes an identifier valid: a
    plausible misreading that explains its failed check, None when none does.

    Only characters the number's alphabet forbids are swapped (O, I, S, Z, V in a credit code;
    any letter but the last X in an ID number): such a character was not written by the agency
    as read.  Swapping an allowed character proves nothing — with some thirty look-alike swaps
    along a number, one of them satisfies a check character modulo 31 (or 11) by chance — so
    there the second engine's reading decides."""
    from ..lib.ids import CREDIT_CHARSET, check_digit_error, clean_id

    v = clean_id(value)
    alphabet = "0123456789X" if kind == "id_card" else CREDIT_CHARSET
    for i, read, alt in one_swaps(v, alphabet):
        allowed = alphabet if kind != "id_card" or i == 17 else "0123456789"
        if read in allowed:
            continue
        if check_digit_error(v[:i] + alt + v[i + 1:], kind) is None:
            return i, read, alt
    return None
