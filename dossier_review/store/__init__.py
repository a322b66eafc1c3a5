"""The batch store: one SQLite file ``<out>/dossier-review.sqlite`` (WAL).

Tables (all prefixed ``batch_``/``review_`` so the file could also hold other components'
tables; the batch nevertheless gives the OCR cache its own file, ``<out>/ocr-cache.sqlite``, so
that OCR writes from worker processes never wait on the batch's writes or the reverse):

``batch_runs``      one row per ``run_batch`` call: options, counts, status (running, done,
                    interrupted, failed, aborted); a row left 'running' by a killed run is marked
                    'interrupted' when the next run starts.
``batch_dossiers``  one row per (source path, file hash, standard): name, status done|failed,
                    one-line reason, register columns (JSON), pages, timings. The unique key is
                    what a rerun looks up to skip finished work.
``review_reviews``  the Review JSON (with facts) of each done dossier, plus score columns.
``review_findings`` one row per finding, for statistics without parsing JSON.

Each dossier's result goes in with one transaction, so a kill loses nothing already finished.
Only the batch's main process writes here; workers return their results to it.
"""
from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from ..lib.text import path_text, scrub, scrub_tree

STORE_NAME = "dossier-review.sqlite"
OCR_CACHE_NAME = "ocr-cache.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batch_meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS batch_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL DEFAULT 'running',
    standard     TEXT,
    inputs       TEXT,
    options_json TEXT,
    tool_version TEXT,
    total        INTEGER DEFAULT 0,
    done         INTEGER DEFAULT 0,
    skipped      INTEGER DEFAULT 0,
    failed       INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS batch_dossiers (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,
    file_hash     TEXT NOT NULL,
    standard      TEXT NOT NULL,
    name          TEXT NOT NULL,
    stem          TEXT,
    status        TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    reason        TEXT,
    detail        TEXT,
    register_json TEXT,
    page_count    INTEGER,
    elapsed_s     REAL,
    run_id        INTEGER REFERENCES batch_runs(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (source, file_hash, standard)
);
CREATE INDEX IF NOT EXISTS batch_dossiers_source ON batch_dossiers(source);
CREATE TABLE IF NOT EXISTS review_reviews (
    dossier_id     INTEGER PRIMARY KEY REFERENCES batch_dossiers(id) ON DELETE CASCADE,
    score          REAL,
    grade          TEXT,
    vetoed         INTEGER,
    needs_human    INTEGER,
    findings_count INTEGER,
    review_json    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_findings (
    id            INTEGER PRIMARY KEY,
    dossier_id    INTEGER NOT NULL REFERENCES batch_dossiers(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    code          TEXT NOT NULL,
    category      TEXT,
    points        REAL,
    veto          INTEGER,
    needs_human   INTEGER,
    message       TEXT,
    basis         TEXT,
    fix           TEXT,
    first_page    INTEGER,
    quote         TEXT,
    evidence_json TEXT
);
CREATE INDEX IF NOT EXISTS review_findings_dossier ON review_findings(dossier_id);
CREATE INDEX IF NOT EXISTS review_findings_code ON review_findings(code);
"""


def _now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


class Store:
    """The batch's SQLite store. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE in ``transaction``)
        self.conn = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across process kills in WAL mode (only an OS crash can lose the
        # last transactions), and keeps per-dossier commits cheap.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        # executescript would commit on its own; statement by statement keeps one transaction
        with self.transaction():
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    self.conn.execute(stmt)
            self.conn.execute("INSERT OR IGNORE INTO batch_meta(key, value) VALUES ('schema_version', ?)",
                              (str(SCHEMA_VERSION),))

    # ------------------------------------------------------------------ plumbing
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after some errors (SQLITE_FULL): a second ROLLBACK
            # would raise and hide the error that matters
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    # ------------------------------------------------------------------ runs
    def start_run(self, *, standard: str, inputs: str, options: dict, tool_version: str) -> int:
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO batch_runs(started_at, standard, inputs, options_json, tool_version)"
                " VALUES (?, ?, ?, ?, ?)",
                (_now(), standard, path_text(inputs),
                 json.dumps(scrub_tree(options), ensure_ascii=False, default=str), tool_version))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, status: str, total: int, done: int, skipped: int, failed: int) -> None:
        with self.transaction() as c:
            c.execute("UPDATE batch_runs SET finished_at=?, status=?, total=?, done=?, skipped=?, failed=?"
                      " WHERE id=?", (_now(), status, total, done, skipped, failed, run_id))

    def mark_stale_runs(self) -> int:
        """Runs still 'running' whose process is gone (killed, power cut): marked 'interrupted'.

        Call only while holding the output folder's lock: then no other run can be live.
        """
        with self.transaction() as c:
            cur = c.execute("UPDATE batch_runs SET status='interrupted', finished_at=COALESCE(finished_at, ?)"
                            " WHERE status='running'", (_now(),))
            return cur.rowcount

    def run(self, run_id: int) -> Optional[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM batch_runs WHERE id=?", (run_id,)).fetchone()

    # ------------------------------------------------------------------ dossiers
    def lookup(self, source: str, file_hash: str, standard: str) -> Optional[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM batch_dossiers WHERE source=? AND file_hash=? AND standard=?",
            (path_text(source), file_hash, standard)).fetchone()

    def latest_done(self, source: str) -> Optional[sqlite3.Row]:
        """The most recent finished review of a source (any standard): where rescoring starts."""
        return self.conn.execute(
            "SELECT * FROM batch_dossiers WHERE source=? AND status='done'"
            " ORDER BY updated_at DESC, id DESC LIMIT 1", (path_text(source),)).fetchone()

    def _upsert_dossier(self, c, *, source, file_hash, standard, name, stem, status, reason, detail,
                        register, page_count, elapsed, run_id) -> int:
        now = _now()
        # SQLite takes no lone surrogates: a file name that is no UTF-8 is stored readable
        source, name, stem = path_text(source), path_text(name), (None if stem is None else path_text(stem))
        register = scrub_tree(register)
        row = c.execute(
            "INSERT INTO batch_dossiers(source, file_hash, standard, name, stem, status, reason, detail,"
            " register_json, page_count, elapsed_s, run_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(source, file_hash, standard) DO UPDATE SET name=excluded.name,"
            " stem=excluded.stem, status=excluded.status, reason=excluded.reason, detail=excluded.detail,"
            " register_json=excluded.register_json, page_count=excluded.page_count,"
            " elapsed_s=excluded.elapsed_s, run_id=excluded.run_id, updated_at=excluded.updated_at"
            " RETURNING id",
            (source, file_hash, standard, name, stem, status, reason, detail,
             json.dumps(register or {}, ensure_ascii=False, default=str), page_count, elapsed, run_id,
             now, now)).fetchone()
        dossier_id = int(row[0])
        c.execute("DELETE FROM review_reviews WHERE dossier_id=?", (dossier_id,))
        c.execute("DELETE FROM review_findings WHERE dossier_id=?", (dossier_id,))
        return dossier_id

    def record_review(self, *, source: str, file_hash: str, standard: str, review: dict,
                      stem: Optional[str] = None, register: Optional[dict] = None,
                      elapsed: Optional[float] = None, run_id: Optional[int] = None) -> int:
        """Store one finished review (dossier row, review JSON, findings) in one transaction."""
        review = scrub_tree(review)  # SQLite cannot bind a str with a lone surrogate
        findings = review.get("findings") or []
        with self.transaction() as c:
            dossier_id = self._upsert_dossier(
                c, source=source, file_hash=file_hash, standard=standard, name=review.get("dossier", ""),
                stem=stem, status="done", reason=None, detail=None, register=register,
                page_count=review.get("page_count"), elapsed=elapsed, run_id=run_id)
            c.execute(
                "INSERT INTO review_reviews(dossier_id, score, grade, vetoed, needs_human, findings_count,"
                " review_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (dossier_id, review.get("score"), review.get("grade"), int(bool(review.get("vetoed"))),
                 int(bool(review.get("needs_human"))), len(findings),
                 json.dumps(review, ensure_ascii=False, default=str)))
            c.executemany(
                "INSERT INTO review_findings(dossier_id, seq, code, category, points, veto, needs_human,"
                " message, basis, fix, first_page, quote, evidence_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(dossier_id, i, f.get("code", ""), f.get("category"), f.get("points"),
                  int(bool(f.get("veto"))), int(bool(f.get("needs_human"))), f.get("message"),
                  f.get("basis"), f.get("fix"),
                  (f.get("evidence") or [{}])[0].get("page"), (f.get("evidence") or [{}])[0].get("quote"),
                  json.dumps(f.get("evidence") or [], ensure_ascii=False))
                 for i, f in enumerate(findings)])
        return dossier_id

    def record_failure(self, *, source: str, file_hash: str, standard: str, name: str, reason: str,
                       detail: Optional[str] = None, stem: Optional[str] = None,
                       register: Optional[dict] = None, elapsed: Optional[float] = None,
                       run_id: Optional[int] = None) -> int:
        reason, detail, name = scrub(reason), scrub(detail), scrub(name)
        with self.transaction() as c:
            return self._upsert_dossier(
                c, source=source, file_hash=file_hash, standard=standard, name=name, stem=stem,
                status="failed", reason=reason, detail=detail, register=register, page_count=None,
                elapsed=elapsed, run_id=run_id)

    def dossier(self, dossier_id: int) -> Optional[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM batch_dossiers WHERE id=?", (dossier_id,)).fetchone()

    def review(self, dossier_id: int) -> Optional[dict]:
        row = self.conn.execute("SELECT review_json FROM review_reviews WHERE dossier_id=?",
                                (dossier_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_dossiers(self, ids: Optional[Iterable[int]] = None, *, status: Optional[str] = None,
                      with_review: bool = False) -> Iterator[tuple[sqlite3.Row, Optional[dict]]]:
        """Rows (and their review dicts) one at a time, in id order — never all in memory."""
        sql = ("SELECT d.*, r.score, r.grade, r.vetoed, r.needs_human AS review_needs_human,"
               " r.findings_count" + (", r.review_json" if with_review else "") +
               " FROM batch_dossiers d LEFT JOIN review_reviews r ON r.dossier_id = d.id")
        where, params = [], []
        if status:
            where.append("d.status = ?")
            params.append(status)
        if ids is not None:
            id_list = sorted(set(int(i) for i in ids))
            if not id_list:
                return
            self._fill_ids("_ids", id_list)
            where.append("d.id IN (SELECT id FROM temp._ids)")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.id"
        for row in self.conn.execute(sql, params):
            review = json.loads(row["review_json"]) if with_review and row["review_json"] else None
            yield row, review

    def iter_findings(self, ids: Optional[Iterable[int]] = None) -> Iterator[sqlite3.Row]:
        sql = ("SELECT f.*, d.name, d.stem, d.register_json FROM review_findings f"
               " JOIN batch_dossiers d ON d.id = f.dossier_id")
        if ids is not None:
            self._fill_ids("_fids", ids)
            sql += " WHERE f.dossier_id IN (SELECT id FROM temp._fids)"
        sql += " ORDER BY f.dossier_id, f.seq"
        yield from self.conn.execute(sql)

    def _fill_ids(self, table: str, ids: Iterable[int]) -> None:
        """Put ids in a temp table: one query plan for 10 or 10 000 ids, no giant IN (...)."""
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id INTEGER PRIMARY KEY)")
        # a deferred transaction that writes only the temp schema never locks the main file
        self.conn.execute("BEGIN")
        try:
            self.conn.execute(f"DELETE FROM temp.{table}")
            self.conn.executemany(f"INSERT OR IGNORE INTO temp.{table}(id) VALUES (?)",
                                  [(int(i),) for i in ids])
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, COUNT(*) FROM batch_dossiers GROUP BY status").fetchall()
        return {r[0]: r[1] for r in rows}


def register_of(row: Any) -> dict:
    try:
        return json.loads(row["register_json"] or "{}")
    except (TypeError, ValueError, IndexError, KeyError):
        return {}


__all__ = ["Store", "STORE_NAME", "OCR_CACHE_NAME", "register_of"]
