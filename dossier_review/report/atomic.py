"""Write files so that a reader (or an interrupted run) never sees half of one."""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterator

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _default_mode() -> int:
    # mkstemp creates 0600 files; reports are for sharing, so use what open() would give.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def safe_stem(name: str) -> str:
    """A dossier name usable as a file name on Linux and Windows (Chinese kept as is)."""
    stem = _UNSAFE.sub("_", name).strip(" .") or "dossier"
    return stem[:150]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it over ``target`` only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, _default_mode())
        # No fsync: os.replace already guarantees a killed run leaves the old file or the new
        # one, never half; fsync only guards against power loss and cost ~9 ms a file here.
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(target: str | Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_with(target: str | Path, save: Callable[[Path], None]) -> Path:
    """``save(tmp_path)`` writes the file (docx/xlsx libraries want a path)."""
    with atomic_path(target) as tmp:
        save(tmp)
    return Path(target)
