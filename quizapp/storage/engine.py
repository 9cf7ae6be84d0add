"""The SQLAlchemy engine for one database file, and the checks run before it is opened.

Every connection gets the same pragmas: WAL (readers never block the writer, and a crash
cannot lose a committed answer), ``synchronous=NORMAL`` (WAL makes that crash-safe; only a
power cut may drop the very last commits), a busy timeout, and enforced foreign keys.

pysqlite's own transaction handling is switched off (``isolation_level=None``) and SQLAlchemy
emits ``BEGIN`` itself, so DDL is transactional (a failed migration rolls back completely) and
writers can ask for ``BEGIN IMMEDIATE`` (see :func:`write_engine`): taking the write lock up
front lets the busy timeout apply instead of failing half-way through a transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from quizapp.storage.errors import StorageError, StorageErrorKind

DEFAULT_BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "quizapp_begin"

# SQLite primary result codes (the low byte of an extended code), see sqlite.org/rescode.html.
_KIND_BY_CODE = {
    3: StorageErrorKind.UNWRITABLE,  # SQLITE_PERM
    5: StorageErrorKind.LOCKED,  # SQLITE_BUSY
    6: StorageErrorKind.LOCKED,  # SQLITE_LOCKED
    8: StorageErrorKind.UNWRITABLE,  # SQLITE_READONLY
    10: StorageErrorKind.IO_ERROR,  # SQLITE_IOERR
    11: StorageErrorKind.CORRUPT,  # SQLITE_CORRUPT
    13: StorageErrorKind.DISK_FULL,  # SQLITE_FULL
    14: StorageErrorKind.UNWRITABLE,  # SQLITE_CANTOPEN
    26: StorageErrorKind.CORRUPT,  # SQLITE_NOTADB
}


def create_engine(path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine for the SQLite file at ``path`` with quizapp's pragmas on every connection.

    Connecting is lazy; errors surface on first use (translate them with
    :func:`storage_error`). Check an existing file first (:func:`quick_check`).
    """
    engine = sqlalchemy.create_engine(
        URL.create("sqlite", database=str(path)),  # not an f-string: "?" or "#" in a folder name
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see _on_begin)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine


def write_engine(engine: Engine) -> Engine:
    """A view of ``engine`` (same pool) whose transactions start with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


@contextmanager
def plain_connection(
    path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Iterator[sqlite3.Connection]:
    """A plain ``sqlite3`` connection to an existing file, without quizapp's pragmas.

    Used before the engine exists, so that a file from a newer app version, or a damaged one,
    is judged by reading only: its journal mode stays as it is. (Not ``mode=ro``: a read-only
    connection to a WAL database leaves ``-wal`` and ``-shm`` files behind that it may not
    remove; a read-write one that only reads removes them on close.)
    """
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=busy_timeout_ms / 1000
        )
    except sqlite3.Error as exc:
        raise _translated(exc, path) from exc
    try:
        yield conn
    finally:
        conn.close()


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Run ``PRAGMA quick_check`` on ``conn``; raise CORRUPT with SQLite's findings if not ok."""
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        raise _translated(exc, path) from exc
    if rows != ["ok"]:
        raise StorageError(StorageErrorKind.CORRUPT, path, "; ".join(rows[:5]))


def storage_error(exc: BaseException, path: Path) -> StorageError | None:
    """The :class:`StorageError` for a SQLite failure (raw or SQLAlchemy-wrapped), if it is one.

    ``None`` for errors that are not about the file or its environment (constraint
    violations, programming errors): those keep their own type.
    """
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(cause, sqlite3.Error):
        return None
    code = getattr(cause, "sqlite_errorcode", None)
    kind = _KIND_BY_CODE.get(code & 0xFF) if isinstance(code, int) else None
    if kind is None:
        kind = _kind_from_text(str(cause))
    return StorageError(kind, path, str(cause)) if kind is not None else None


def _kind_from_text(text: str) -> StorageErrorKind | None:
    """Fallback for errors raised without a result code (the message is stable in SQLite)."""
    text = text.lower()
    for needle, kind in (
        ("database is locked", StorageErrorKind.LOCKED),
        ("not a database", StorageErrorKind.CORRUPT),
        ("malformed", StorageErrorKind.CORRUPT),
        ("readonly database", StorageErrorKind.UNWRITABLE),
        ("unable to open", StorageErrorKind.UNWRITABLE),
        ("disk i/o error", StorageErrorKind.IO_ERROR),
        ("database or disk is full", StorageErrorKind.DISK_FULL),
    ):
        if needle in text:
            return kind
    return None


def _translated(exc: sqlite3.Error, path: Path) -> Exception:
    error = storage_error(exc, path)
    return error if error is not None else exc
