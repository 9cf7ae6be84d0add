"""Get the database file ready: check it, recover from damage, and bring it to the current
schema with Alembic, run from code (no alembic.ini).

The migration scripts live in ``storage/migrations`` next to this module, also in the frozen
bundle. Before an existing database is upgraded it is copied to
``<name>.backup-<revision>-<timestamp>.sqlite``; a database whose revision this version does
not know (written by a newer quizapp) is refused without being changed; a damaged one is
moved aside (never deleted) and a new database started.

A PostgreSQL class database runs the same scripts, but only when an administrator asks
(``quizapp db upgrade``, :func:`upgrade_server`): the app itself connects with a student or
teacher login that may not change the schema, so :func:`open_server` only checks the revision.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_MS,
    create_engine,
    create_server_engine,
    display_url,
    plain_connection,
    quick_check,
    translated,
    write_engine,
)
from quizapp.storage.errors import StorageError, StorageErrorKind

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest revision in ``migrations/versions`` (a test keeps the two in step). Knowing it
#: without Alembic lets an up-to-date database open without importing Alembic (~0.35 s).
SCHEMA_HEAD = "0006"
_VERSION_TABLE = "alembic_version"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    """A database file ready for use, and what had to be done to get there."""

    path: Path
    engine: Engine
    recovered_from: Path | None  # where a damaged file was moved before starting afresh
    upgrade_backup: Path | None  # the copy made before an upgrade


def open_database(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> OpenedDatabase:
    """Check, recover and migrate the database at ``path``; return its engine.

    Creates the folder. A damaged file (or one of another program) is moved aside once and a
    new database started. Raises :class:`StorageError` (UNWRITABLE, LOCKED, TOO_NEW, ...).
    """
    ensure_folder(path.parent)
    recovered_from: Path | None = None
    while True:
        try:
            revision = None
            if path.exists():
                revision = inspect_file(path, busy_timeout_ms=busy_timeout_ms)
            engine = create_engine(path, busy_timeout_ms=busy_timeout_ms)
            backup = None
            # Up to date (the usual case): no write lock needed, so another running
            # instance in the middle of a write does not delay this one.
            if revision != SCHEMA_HEAD:
                try:
                    backup = upgrade(write_engine(engine), path)
                except BaseException:
                    engine.dispose()
                    raise
            return OpenedDatabase(path, engine, recovered_from, backup)
        except StorageError as error:
            if error.kind is not StorageErrorKind.CORRUPT or recovered_from is not None:
                raise
            recovered_from = move_aside(path)  # then try once more, with a new file
            log.warning(
                "database %s is damaged (%s); moved to %s, starting a new one",
                path,
                error.detail,
                recovered_from,
            )


def open_server(url: str, *, pre_ping: bool = True) -> Engine:
    """An engine for the class database at ``url`` after checking its schema revision.

    Raises :class:`StorageError`: UNREACHABLE, DENIED, NEEDS_UPGRADE (empty or older: the
    administrator runs ``quizapp db upgrade``), TOO_NEW.
    """
    engine = create_server_engine(url, pre_ping=pre_ping)
    where = display_url(engine.url)
    try:
        with translated(where), engine.connect() as conn:
            revision = _server_revision(conn)
    except BaseException:
        engine.dispose()
        raise
    if revision != SCHEMA_HEAD:
        engine.dispose()
        if revision is not None and revision not in known_revisions():
            raise StorageError(StorageErrorKind.TOO_NEW, where, f"schema revision {revision!r}")
        raise StorageError(StorageErrorKind.NEEDS_UPGRADE, where, f"schema revision {revision!r}")
    return engine


def upgrade_server(url: str, *, target: str = "head") -> tuple[str | None, str]:
    """Migrate the class database at ``url`` to ``target`` in one transaction (admin only).

    Returns the revisions before and after. Raises :class:`StorageError` (TOO_NEW when the
    database is newer than this app, DENIED when the login may not change the schema).
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    engine = create_server_engine(url)
    where = display_url(engine.url)
    try:
        with translated(where), engine.begin() as conn:
            # One upgrade at a time, even if two administrators start one together.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7220531)")
            before = MigrationContext.configure(conn).get_current_revision()
            if before is not None and before not in known_revisions():
                raise StorageError(StorageErrorKind.TOO_NEW, where, f"schema revision {before!r}")
            config = alembic_config()
            config.attributes["connection"] = conn  # read by migrations/env.py
            command.upgrade(config, target)
            after = MigrationContext.configure(conn).get_current_revision()
    except StorageError as error:
        log.error("class database %s not upgraded: %s", where, error.detail)
        raise
    except Exception as exc:
        log.error("class database %s not upgraded: %s", where, exc)
        raise
    finally:
        engine.dispose()
    log.info("class database %s upgraded from %s to %s", where, before, after)
    return before, after or ""


def _server_revision(conn: Connection) -> str | None:
    exists = conn.exec_driver_sql("SELECT to_regclass('alembic_version') IS NOT NULL").scalar()
    if not exists:
        return None
    rows = conn.exec_driver_sql(f"SELECT version_num FROM {_VERSION_TABLE}").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def ensure_folder(folder: Path) -> Path:
    """Create the data folder; UNWRITABLE (naming the folder) if it can't be made or written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(StorageErrorKind.UNWRITABLE, folder, str(exc)) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(StorageErrorKind.UNWRITABLE, folder, "no write permission")
    return folder


def alembic_config() -> Config:
    """An Alembic config pointing at the bundled migration scripts."""
    from alembic.config import Config  # deferred, like every Alembic import here

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision in the migration scripts (read by Alembic)."""
    head = _scripts().get_current_head()
    assert head is not None  # the shipped scripts always have exactly one head
    return head


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of quizapp can upgrade from."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def inspect_file(path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> str | None:
    """Check an existing file by reading it; return its schema revision (``None``: empty database).

    Raises :class:`StorageError`: CORRUPT if it fails ``quick_check`` or holds tables that are
    not quizapp's, TOO_NEW if its revision is unknown, LOCKED if another program holds it.
    """
    with plain_connection(path, busy_timeout_ms=busy_timeout_ms) as conn:
        quick_check(conn, path)
        with translated(path):
            revision = _stored_revision(conn, path)
            if revision == SCHEMA_HEAD:
                _check_schema(conn, path)
    if revision not in (None, SCHEMA_HEAD) and revision not in known_revisions():
        raise StorageError(StorageErrorKind.TOO_NEW, path, f"schema revision {revision!r}")
    return revision


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Raise CORRUPT if a table or column of the current schema is missing.

    ``quick_check`` finds damaged pages, not a table dropped (or a column removed) behind a
    valid revision; the queries would then fail with OperationalError halfway through.
    """
    from sqlmodel import SQLModel

    import quizapp.storage.tables  # noqa: F401  (fills SQLModel.metadata)

    for table in SQLModel.metadata.sorted_tables:
        found = {str(row[1]) for row in conn.execute(f"PRAGMA table_info('{table.name}')")}
        if not found:
            raise StorageError(StorageErrorKind.CORRUPT, path, f"table {table.name} is missing")
        missing = sorted(column.name for column in table.columns if column.name not in found)
        if missing:
            raise StorageError(
                StorageErrorKind.CORRUPT, path, f"{table.name} lacks {', '.join(missing)}"
            )


def _stored_revision(conn: sqlite3.Connection, path: Path) -> str | None:
    tables = {
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if _VERSION_TABLE not in tables:
        if tables:
            raise StorageError(
                StorageErrorKind.CORRUPT, path, f"not a quizapp database: {sorted(tables)}"
            )
        return None
    rows = conn.execute(f"SELECT version_num FROM {_VERSION_TABLE}").fetchall()
    if len(rows) != 1:
        raise StorageError(StorageErrorKind.CORRUPT, path, f"{len(rows)} schema revisions")
    return str(rows[0][0])


def upgrade(engine: Engine, path: Path, *, target: str = "head") -> Path | None:
    """Migrate the database behind ``engine`` (file ``path``) to ``target``, atomically.

    Returns the backup made first when an existing database was upgraded, else ``None``.
    ``engine`` should begin transactions with ``BEGIN IMMEDIATE`` (see
    :func:`quizapp.storage.engine.write_engine`) so nobody writes between backup and upgrade.
    """
    with translated(path), engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # Rebuilding a table (batch mode) drops the old one, which foreign keys would
        # forbid; SQLite's recipe: keys off outside the transaction, check before commit.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                return _upgrade_in_transaction(conn, path, target)
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _upgrade_in_transaction(conn: Connection, path: Path, target: str) -> Path | None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(conn).get_current_revision()
    if current == (SCHEMA_HEAD if target == "head" else target):
        return None  # another instance migrated it while this one waited for the lock
    if current is not None and current not in known_revisions():
        raise StorageError(StorageErrorKind.TOO_NEW, path, f"schema revision {current!r}")
    backup = backup_database(path, current) if current is not None else None
    orphans_before = _foreign_key_problems(conn)
    config = alembic_config()
    config.attributes["connection"] = conn  # read by migrations/env.py
    command.upgrade(config, target)
    done = SCHEMA_HEAD if target == "head" else target
    log.info("database %s upgraded from %s to %s (backup: %s)", path, current, done, backup)
    # Rows orphaned before stay as they were; only a migration that orphans rows is a bug
    # (raised as such, so the file is not mistaken for a damaged one and moved aside).
    orphans = _foreign_key_problems(conn)
    if orphans > orphans_before:
        raise RuntimeError(f"migration to {target} broke foreign keys in {path}")
    return backup


def _foreign_key_problems(conn: Connection) -> int:
    return len(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


def backup_database(path: Path, revision: str) -> Path:
    """Copy ``path`` to ``<stem>.backup-<revision>-<timestamp>.sqlite`` beside it.

    Uses SQLite's online backup, so content still in the ``-wal`` file is included and the
    copy is one self-contained file. The copy is made under a ``.partial`` name, synced to
    the drive and only then renamed: a process killed half-way leaves no empty or partial
    file that looks like a backup (the leftover ``.partial`` is removed the next time).
    """
    target = free_path(path.parent, f"{path.stem}.backup-{revision}", ".sqlite")
    for stale in path.parent.glob(f"{path.stem}.backup-*.sqlite.partial"):
        stale.unlink(missing_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with (
            translated(target),
            plain_connection(path) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy, pages=_BACKUP_PAGES, progress=_backup_step)
            copy.execute("PRAGMA journal_mode = DELETE")  # no -wal beside the copy
        with partial.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except (StorageError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)  # a half-written copy (disk full) is no backup
        log.error("backup of %s to %s failed: %s", path, target, exc)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        log.error("backup of %s to %s failed: %s", path, target, exc)
        raise StorageError(StorageErrorKind.UNWRITABLE, path.parent, str(exc)) from exc
    log.info("database %s backed up to %s before the upgrade", path, target)
    return target


_BACKUP_PAGES = 256  # pages per backup step


def _backup_step(status: int, remaining: int, total: int) -> None:
    """Called by SQLite after each step of a backup (a test kills the process here)."""


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/<stem>-<local timestamp><suffix>``, numbered if that name is taken."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}-{stamp}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{stamp}-{number}{suffix}"
        number += 1
    return candidate


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its ``-wal``/``-shm``/``-journal``) to ``.corrupt-<time>``.

    Never deletes anything: a teacher or developer may still rescue answers from the file.
    """
    target = free_path(path.parent, f"{path.name}.corrupt", "")
    try:
        path.replace(target)
        for sidecar in ("-wal", "-shm", "-journal"):
            extra = path.with_name(path.name + sidecar)
            if extra.exists():
                extra.replace(target.with_name(target.name + sidecar))
    except OSError as exc:
        raise StorageError(StorageErrorKind.UNWRITABLE, path.parent, str(exc)) from exc
    return target
