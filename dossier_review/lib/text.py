"""Text that every writer can encode."""
from __future__ import annotations

import re
from typing import Any

# A lone UTF-16 surrogate (a broken PDF text layer yields them) is a valid Python str but no
# valid UTF-8: json/sqlite/XML writers raise on it.  U+FFFD shows the reader where it was.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def scrub(text: Any) -> Any:
    """``text`` with lone surrogates replaced by U+FFFD; non-strings pass unchanged."""
    if isinstance(text, str) and _SURROGATE.search(text):
        return _SURROGATE.sub("\ufffd", text)
    return text


def scrub_tree(value: Any) -> Any:
    """``scrub`` over a JSON-like tree (dict keys too); returns the same object when clean."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(k): scrub_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub_tree(v) for v in value]
    return value


def path_text(path: Any) -> str:
    """A path as text every writer takes: a name that is no UTF-8 (GBK from a Windows zip) is
    kept readable and distinct as ``\\xb0\\xb8…`` instead of lone surrogates."""
    s = str(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    try:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return scrub(s)
