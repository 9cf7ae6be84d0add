"""The SQLAlchemy engine for one database file or a PostgreSQL class database, and the checks
run before it is opened.

Every connection gets the same pragmas: WAL (readers never block the writer, and a crash
cannot lose a committed answer), ``synchronous=NORMAL`` (WAL makes that crash-safe; only a
power cut may drop the very last commits), a busy timeout, and enforced foreign keys.

pysqlite's own transaction handling is switched off (``isolation_level=None``) and SQLAlchemy
emits ``BEGIN`` itself, so DDL is transactional (a failed migration rolls back completely) and
writers can ask for ``BEGIN IMMEDIATE`` (see :func:`write_engine`): taking the write lock up
front lets the busy timeout apply instead of failing half-way through a transaction.

A PostgreSQL server (``postgresql+psycopg://…``, see :func:`create_server_engine`) needs none of
that: its transactions are serialisable enough for single-row writes at READ COMMITTED, DDL is
transactional, and errors are translated by SQLSTATE (:func:`storage_error`).
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
from sqlalchemy.exc import ArgumentError, DBAPIError

from quizapp.storage.errors import StorageError, StorageErrorKind

DEFAULT_BUSY_TIMEOUT_MS = 5000
#: Seconds to wait for a server connection: short, so a pulled network cable is noticed quickly.
SERVER_CONNECT_TIMEOUT_S = 3
SERVER_SCHEMES = ("postgresql+psycopg", "postgresql")
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
    :func:`translated`). Check an existing file first (:func:`quick_check`).
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


def url_parses(url: str) -> bool:
    """Whether SQLAlchemy can read ``url`` (``postgresql+psycopg://[::1`` it cannot)."""
    try:
        sqlalchemy.make_url(url)
    except (ValueError, ArgumentError):
        return False
    return True


def is_server_url(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL class database (``postgresql+psycopg://…``)."""
    return text.split("://", 1)[0] in SERVER_SCHEMES and "://" in text


#: How long a connection of the app waits for a lock, and for one statement, before it gives
#: up with "the class database is busy" (StorageErrorKind.BUSY): a student login that holds
#: a lock, or the upgrade's advisory lock, must not freeze a teacher or the administrator.
#: ``options=-c lock_timeout=…`` in the database address overrides them.
SERVER_LOCK_TIMEOUT_MS = 10_000
SERVER_STATEMENT_TIMEOUT_MS = 300_000


def create_server_engine(url: str, *, pre_ping: bool = True) -> Engine:
    """An engine for a PostgreSQL class database through psycopg 3.

    ``postgresql://`` is read as ``postgresql+psycopg://``. Connections are checked before
    use (``pool_pre_ping``), so one that died with a restarted server is replaced instead of
    failing the next query; the sync thread, which retries anyway, saves that round trip.
    """
    parsed = sqlalchemy.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    options = (
        f"-c lock_timeout={SERVER_LOCK_TIMEOUT_MS} "
        f"-c statement_timeout={SERVER_STATEMENT_TIMEOUT_MS}"
    )
    given = parsed.query.get("options")
    if given:  # the address's own options come last, so they win
        options += " " + (given if isinstance(given, str) else " ".join(given))
        parsed = parsed.difference_update_query(["options"])
    return sqlalchemy.create_engine(
        parsed,
        pool_pre_ping=pre_ping,
        pool_size=2,
        max_overflow=2,
        connect_args={
            "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
            "application_name": "quizapp",
            "options": options,
        },
    )


def display_url(url: str | URL) -> str:
    """The server address for messages and logs: user, host, port and database, no password."""
    parsed = sqlalchemy.make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True).replace(":***@", "@")


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
    with translated(path):
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=busy_timeout_ms / 1000
        )
    try:
        yield conn
    finally:
        conn.close()


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Run ``PRAGMA quick_check`` on ``conn``; raise CORRUPT with SQLite's findings if not ok."""
    with translated(path):
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    if rows != ["ok"]:
        raise StorageError(StorageErrorKind.CORRUPT, path, "; ".join(rows[:5]))


@contextmanager
def translated(where: Path | str) -> Iterator[None]:
    """Raise failures about the database in the block as :class:`StorageError` (naming
    ``where``); other errors (constraint violations, bugs) pass unchanged.

    The one place this translation is written: :class:`~quizapp.storage.repository.Repository`
    wraps its read and write contexts in it, and the checks that run before a repository
    exists (opening, migrating, backing up) use it directly.
    """
    try:
        yield
    except StorageError:
        raise
    except Exception as exc:
        error = storage_error(exc, where)
        if error is None:
            raise
        raise error from exc


def storage_error(exc: BaseException, path: Path | str) -> StorageError | None:
    """The :class:`StorageError` for a SQLite or PostgreSQL failure (raw or SQLAlchemy-wrapped).

    ``None`` for errors that are not about the database or its environment (constraint
    violations, programming errors): those keep their own type.
    """
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if cause is not None and type(cause).__module__.startswith("psycopg"):
        kind = _server_kind(cause)
        return StorageError(kind, path, str(cause).strip()) if kind is not None else None
    if not isinstance(cause, sqlite3.Error):
        return None
    code = getattr(cause, "sqlite_errorcode", None)
    kind = _KIND_BY_CODE.get(code & 0xFF) if isinstance(code, int) else None
    if kind is None:
        kind = _kind_from_text(str(cause))
    return StorageError(kind, path, str(cause)) if kind is not None else None


# SQLSTATE classes and codes (postgresql.org/docs/current/errcodes-appendix.html).
_SERVER_KIND_BY_STATE = {
    "28000": StorageErrorKind.DENIED,  # invalid_authorization_specification
    "28P01": StorageErrorKind.DENIED,  # invalid_password
    "42501": StorageErrorKind.DENIED,  # insufficient_privilege (and row-level security)
    "3D000": StorageErrorKind.DENIED,  # invalid_catalog_name: no such database
    "53100": StorageErrorKind.DISK_FULL,
    "58030": StorageErrorKind.IO_ERROR,
    "55P03": StorageErrorKind.BUSY,  # lock_not_available: lock_timeout ran out
    "57014": StorageErrorKind.BUSY,  # query_canceled: statement_timeout ran out
    "40P01": StorageErrorKind.LOCKED,  # deadlock_detected: retrying works
}


def _server_kind(cause: BaseException) -> StorageErrorKind | None:
    state = getattr(cause, "sqlstate", None)
    if isinstance(state, str):
        if state in _SERVER_KIND_BY_STATE:
            return _SERVER_KIND_BY_STATE[state]
        if state[:2] in ("08", "57"):  # connection exceptions, operator intervention
            return StorageErrorKind.UNREACHABLE
        return None
    # No SQLSTATE: the client never got an answer (refused, timed out, connection lost).
    from psycopg import InterfaceError, OperationalError

    if isinstance(cause, OperationalError | InterfaceError):
        text = str(cause).lower()
        if any(word in text for word in ("password", "authentication", "does not exist")):
            return StorageErrorKind.DENIED
        return StorageErrorKind.UNREACHABLE
    return None


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
