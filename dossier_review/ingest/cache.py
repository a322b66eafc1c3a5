"""SQLite cache of OCR results, shared by every run and every process on the machine.

Keyed by a content hash (file bytes + page index + render/OCR parameters + Tesseract version +
``PIPELINE_VERSION``), so a renamed or moved file still hits and a changed one never does.
WAL mode and one short transaction per page make concurrent writers safe and leave every page
finished before an interruption in the cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

# bump when straightening / OCR / text assembly changes what a cached page would contain
PIPELINE_VERSION = "ingest-12"


def default_path() -> Path:
    env = os.environ.get("DOSSIER_REVIEW_CACHE")
    if env:
        return Path(env).expanduser()
    return Path("~/.cache/dossier-review/ocr.sqlite").expanduser()


def file_digest(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            h.update(block)
    return h.hexdigest()


def page_key(file_hash: str, index: int, params: dict) -> str:
    blob = json.dumps({"file": file_hash, "index": index, "v": PIPELINE_VERSION, **params}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


class OcrCache:
    """get/put of page results; every failure to use the cache degrades to 'no cache', never an error."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path).expanduser() if path else default_path()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self.error: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("CREATE TABLE IF NOT EXISTS ocr_pages (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            self.error = f"OCR cache {self.path} unusable ({exc}); running without it"

    def get(self, key: str) -> dict | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM ocr_pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            row = None
        if row is None:
            self.misses += 1
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: dict) -> None:
        if self._db is None:
            return
        try:
            with self._db:  # one short transaction per page
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("INSERT OR REPLACE INTO ocr_pages (key, value, created) VALUES (?, ?, ?)",
                                 (key, json.dumps(value, ensure_ascii=False), time.time()))
        except sqlite3.Error as exc:
            self.error = f"OCR cache write failed ({exc})"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
