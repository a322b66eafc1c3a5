"""What a batch reviews: dossiers found in a folder, a sample list (CSV/XLSX) or a text list."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..errors import InputError

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
DOSSIER_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES
TABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".xls"}
LIST_SUFFIXES = {".txt", ".lst", ".list"}
# Folders that are never dossiers: tool output, caches, VCS.
SKIP_DIRS = {"__pycache__", ".git", ".cache", "out", ".ipynb_checkpoints"}


@dataclass
class DossierInput:
    path: Path                  # absolute
    name: str                   # dossier name (file stem / folder name)
    stem: str                   # report file stem, unique within the batch
    register: dict = field(default_factory=dict)  # register columns (canonical keys where known)

    @property
    def source(self) -> str:
        return str(self.path)


def is_dossier_file(p: Path) -> bool:
    name = p.name
    return (p.is_file() and not name.startswith(".") and p.suffix.lower() in DOSSIER_SUFFIXES
            and not name.endswith(".truth.json"))


def _folder_dossiers(folder: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    from natsort import os_sorted

    excluded = {Path(os.path.abspath(e)) for e in exclude}
    found = []
    for entry in folder.iterdir():
        if entry.name.startswith(".") or Path(os.path.abspath(entry)) in excluded:
            continue
        if entry.is_dir():
            if entry.name not in SKIP_DIRS:
                found.append(entry)
        elif is_dossier_file(entry):
            found.append(entry)
        elif entry.is_symlink() and not entry.exists():
            # a symlink loop or a dangling link: counted and reported as unreadable, not dropped
            found.append(entry)
        # anything else (truth files, spreadsheets, notes, reports) is not a dossier
    return os_sorted(found)


def _text_list(path: Path) -> list[Path]:
    base = Path(os.path.abspath(path)).parent
    out = []
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        p = Path(line).expanduser()
        out.append(p if p.is_absolute() else base / p)
    return out


def _register_rows(path: Path) -> list[tuple[Path, dict]]:
    from .register import read_register

    # A failed path here is reported per dossier by the batch, not as a broken list.
    df = read_register(path, require=("path",), check_paths=False)
    rows = []
    for rec in df.to_dict("records"):
        p = Path(rec["path"])
        reg = {k: ("" if v is None else v) for k, v in rec.items()}
        rows.append((p, reg))
    return rows


def _name_of(p: Path) -> str:
    return p.name if p.is_dir() else p.stem


def collect_inputs(inputs, *, register: Optional[str | Path] = None,
                   exclude: Iterable[Path] = ()) -> list[DossierInput]:
    """The dossiers named by ``inputs`` (folder, list file, dossier path, or a sequence of paths).

    ``register`` attaches a case register's columns to the dossiers it lists (matched by path,
    then by file stem, then by case number = dossier name).
    """
    items: list[tuple[Path, dict]] = []
    if isinstance(inputs, (str, os.PathLike)):
        src = Path(inputs).expanduser()
        if not src.exists():
            raise InputError(src, "no such file or folder")
        if src.is_dir():
            items = [(p, {}) for p in _folder_dossiers(src, exclude)]
        elif src.suffix.lower() in TABLE_SUFFIXES:
            items = _register_rows(src)
        elif src.suffix.lower() in LIST_SUFFIXES:
            items = [(p, {}) for p in _text_list(src)]
        else:
            items = [(src, {})]
    elif isinstance(inputs, Sequence):
        items = [(Path(p).expanduser(), {}) for p in inputs]
    else:
        raise TypeError(f"inputs must be a path or a list of paths, not {type(inputs).__name__}")

    if register is not None:
        items = _join_register(items, Path(register))

    out: list[DossierInput] = []
    used: dict[str, int] = {}
    seen: set[Path] = set()
    for p, reg in items:
        # abspath, not resolve(): a symlinked dossier keeps its own name and identity
        p = Path(os.path.abspath(p))
        if p in seen:  # listed twice: review once
            continue
        seen.add(p)
        name = _name_of(p)
        stem = name
        key = name.casefold()
        if key in used:
            # two dossiers with one name (a/x.pdf, b/x.pdf) must not overwrite each other's reports
            used[key] += 1
            stem = f"{name}-{used[key]}"
        else:
            used[key] = 1
        out.append(DossierInput(path=p, name=name, stem=stem, register=reg))
    return out


def _join_register(items, register: Path):
    from .register import read_register

    df = read_register(register, require=(), check_paths=False)
    by_path, by_stem, by_case = {}, {}, {}
    for rec in df.to_dict("records"):
        if rec.get("path"):
            rp = Path(rec["path"])
            by_path[str(rp)] = rec
            by_stem.setdefault(_name_of(rp), rec)
        if rec.get("case_number"):
            by_case.setdefault(str(rec["case_number"]), rec)
    joined = []
    for p, reg in items:
        rp = Path(os.path.abspath(p))
        rec = by_path.get(str(rp)) or by_stem.get(_name_of(rp)) or by_case.get(_name_of(rp)) or {}
        merged = {**{k: v for k, v in rec.items() if k != "path"}, **reg}
        joined.append((p, merged))
    return joined


def file_hash(path: str | Path) -> str:
    """sha256 of a file, or of a folder's files (relative names and bytes, in sorted order)."""
    path = Path(path)
    h = hashlib.sha256()
    if path.is_dir():
        files = sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith("."))
        for q in files:
            h.update(str(q.relative_to(path)).encode("utf-8") + b"\0")
            _update(h, q)
    else:
        _update(h, path)
    return h.hexdigest()


def _update(h, path: Path) -> None:
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
