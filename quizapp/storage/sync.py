"""Offline-first sync: answers are saved on this machine first and sent to the class database.

The student's machine keeps its SQLite file as the place every answer is committed to (so the
quiz never waits for the network and nothing is lost when the server is down). Opened with
``outbox=True``, the repository queues every change in ``sync_outbox`` in the same
transaction. :class:`OutboxPusher` sends the queue to the server in order, in batches, each
batch in one server transaction, and deletes the entries only after the server committed
them (a few seconds later, in one go, so the thread rarely writes to the student's file while
the student saves). Sending is idempotent: rows are matched by UUID (``ON CONFLICT DO
NOTHING``), so entries sent again (the app died before they were deleted) add nothing.
:class:`SyncService` does this in a background thread and reports a :class:`SyncStatus`.

One entry the server cannot take (its student or attempt is not there for this login – a
machine cloned from an image that held rows, a class database restored from an older backup –
or a value PostgreSQL refuses, such as a NUL character) is *set aside*: it stays in the
outbox and in this machine's file, is logged and counted in the status, and everything after
it is sent. Set-aside entries are tried again at the next start of the app.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import SQLModel

from quizapp.storage.engine import display_url
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.repository import ABANDON_ON_SERVER, Repository
from quizapp.storage.rows.fields import table_values
from quizapp.storage.tables import OutboxKind

log = logging.getLogger(__name__)

BATCH = 200  # outbox entries per server transaction
CLEAR_EVERY_S = 5.0  # delete sent entries at most this often (and when stopping)
_OUTBOX = SQLModel.metadata.tables["sync_outbox"]
_STUDENT = SQLModel.metadata.tables["student"]
_ATTEMPT = SQLModel.metadata.tables["attempt"]
_ANSWER = SQLModel.metadata.tables["answer"]

# The student a server attempt belongs to: by uuid; else the student with the same nickname
# that this login sent before from another machine (as importing results files does).
_STUDENT_ID = text(
    "SELECT id FROM student WHERE uuid = :uuid"
    " UNION ALL SELECT id FROM student WHERE nickname = :nickname"
    " AND group_name = :group_name AND is_demo = :is_demo LIMIT 1"
)
_ANSWER_THERE = text("SELECT 1 FROM answer WHERE uuid = :uuid")
_ATTEMPT_THERE = text("SELECT 1 FROM attempt WHERE uuid = :uuid")
_FINISH = text(
    "UPDATE attempt SET finished_at = :finished_at WHERE uuid = :uuid AND finished_at IS NULL"
)


class SyncState(StrEnum):
    """What the UI shows about sending answers to the class database."""

    SYNCED = "synced"  # everything saved here is on the server
    WILL_SYNC = "will_sync"  # the server is not reachable now; answers are kept and sent later
    PROBLEM = "problem"  # the server refuses (login, rights, schema): needs the administrator


class SetAsideReason(StrEnum):
    """Why the server refused a change that was then set aside."""

    #: Its student or attempt is not on the server for this login: a machine cloned from an
    #: image that held rows (another login sent them), or a server restored from a backup.
    MISSING = "missing"
    #: A value or row the server refuses (a NUL character, a text over its length limit).
    REFUSED = "refused"


class SyncStatus(NamedTuple):
    """The state, how many changes wait (-1: unknown), the error behind it, if any, how many
    changes the server refused one by one (set aside, kept here), and why."""

    state: SyncState
    pending: int
    error: StorageError | None = None
    set_aside: int = 0
    set_aside_reasons: frozenset[SetAsideReason] = frozenset()


class _MissingOnServer(RuntimeError):
    """The row a change belongs to is not on the server (for this login)."""


#: Failures of one entry alone (its parent row missing on the server, a value the server
#: refuses): the entry is set aside and the rest goes on. Anything else stops the round.
_ENTRY_FAILURES = (RuntimeError, ValueError, IntegrityError, DataError)


@dataclass(frozen=True)
class _Entry:
    id: int
    kind: str  # an OutboxKind (kept as text: a newer version may queue kinds unknown here)
    uuid: str


class OutboxPusher:
    """Sends a repository's outbox to the class database at ``server_url`` (one thread)."""

    def __init__(self, local: Repository, server_url: str) -> None:
        self._local = local
        self._url = server_url
        self._server_repository: Repository | None = None
        self.where = display_url(server_url)
        self._sent_up_to = 0  # outbox ids up to this one are on the server (or set aside)
        #: Outbox ids the server refused, with why; kept in the outbox (tried at next start).
        self.set_aside: dict[int, str] = {}
        self._set_aside_reasons: dict[int, SetAsideReason] = {}
        self._cleared_up_to = 0
        self._cleared_at = time.monotonic()

    def pending(self) -> int:
        """How many changes wait to be sent."""
        query = select(func.count()).select_from(_OUTBOX).where(_OUTBOX.c.id > self._sent_up_to)
        with self._local.reading() as conn:
            return int(conn.execute(query).scalar_one())

    def push(self) -> int:
        """Send everything queued, oldest first; return how many entries were sent.

        Raises :class:`StorageError` (UNREACHABLE, DENIED, NEEDS_UPGRADE, ...) and leaves the
        entries not yet committed by the server in the queue.
        """
        self._server()  # also with nothing queued: the status should tell if it is reachable
        sent = 0
        while True:
            with self._local.reading() as conn:
                entries = [
                    _Entry(*row)
                    for row in conn.execute(
                        select(_OUTBOX.c.id, _OUTBOX.c.kind, _OUTBOX.c.uuid)
                        .where(_OUTBOX.c.id > self._sent_up_to)
                        .order_by(_OUTBOX.c.id)
                        .limit(BATCH)
                    )
                ]
                rows = [(entry, _local_row(conn, entry)) for entry in entries]
            if not entries:
                if time.monotonic() - self._cleared_at > CLEAR_EVERY_S:
                    self.clear_sent()
                return sent
            self._send(rows)
            self._sent_up_to = entries[-1].id
            sent += len(entries)

    def clear_sent(self) -> None:
        """Delete the entries the server has committed from the outbox."""
        if self._sent_up_to > self._cleared_up_to:
            sent = _OUTBOX.c.id <= self._sent_up_to
            if self.set_aside:
                sent = sent & _OUTBOX.c.id.not_in(list(self.set_aside))
            with self._local.writing() as conn:
                done = conn.execute(delete(_OUTBOX).where(sent))
            log.info("sync: %d changes are on %s", done.rowcount, self.where)
            self._cleared_up_to = self._sent_up_to
        self._cleared_at = time.monotonic()

    def close(self) -> None:
        """Delete what was sent from the outbox and close the server connections."""
        try:
            self.clear_sent()
        except StorageError as error:  # sent again next time: harmless (idempotent)
            log.warning("sync: sent entries not cleared: %s", error.detail)
        self.disconnect()

    def disconnect(self) -> None:
        """Close the server connections (new ones next time)."""
        if self._server_repository is not None:
            self._server_repository.close()
            self._server_repository = None

    def _server(self) -> Repository:
        if self._server_repository is None:
            # Schema checked once here; the thread retries anyway, so no ping before each use.
            self._server_repository = Repository.connect(self._url, pre_ping=False)
        return self._server_repository

    def _send(self, rows: Sequence[tuple[_Entry, dict[str, Any] | None]]) -> None:
        server = self._server()
        try:
            with server.writing() as conn:
                for entry, row in rows:
                    _apply(conn, entry, row)
            return
        except StorageError as error:
            if error.kind is StorageErrorKind.UNREACHABLE:
                self.disconnect()  # new connections next time (the server may have restarted)
                raise
        except _ENTRY_FAILURES:
            pass
        self._send_each(rows)

    def _send_each(self, rows: Sequence[tuple[_Entry, dict[str, Any] | None]]) -> None:
        """The batch again, each entry in its own savepoint: the ones the server refuses are
        set aside, the others committed. A failure that is not one entry's raises."""
        try:
            with self._server().writing() as conn:
                for entry, row in rows:
                    try:
                        with conn.begin_nested():
                            _apply(conn, entry, row)
                    except _ENTRY_FAILURES as error:
                        self._put_aside(entry, error)
        except StorageError as error:
            if error.kind is StorageErrorKind.UNREACHABLE:
                self.disconnect()
            raise

    def _put_aside(self, entry: _Entry, error: BaseException) -> None:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
        if entry.id not in self.set_aside:
            log.warning(
                "sync: %s refused %s %s (%s); kept on this computer, the rest goes on",
                self.where,
                entry.kind,
                entry.uuid,
                reason,
            )
        self.set_aside[entry.id] = reason
        missing = isinstance(error, _MissingOnServer)
        self._set_aside_reasons[entry.id] = (
            SetAsideReason.MISSING if missing else SetAsideReason.REFUSED
        )

    def set_aside_reasons(self) -> frozenset[SetAsideReason]:
        """Why the set-aside changes were refused (each reason once)."""
        return frozenset(self._set_aside_reasons.values())


def _local_row(conn: Connection, entry: _Entry) -> dict[str, Any] | None:
    """What the server needs for ``entry``, read from this machine (``None``: gone since):
    the row with every column of its table, and the UUID of the row it belongs to."""
    if entry.kind == OutboxKind.STUDENT:
        query = select(_STUDENT).where(_STUDENT.c.uuid == entry.uuid)
    elif entry.kind in (OutboxKind.ATTEMPT, OutboxKind.FINISH):
        query = (
            select(
                _ATTEMPT,
                _STUDENT.c.uuid.label("student_uuid"),
                _STUDENT.c.nickname,
                _STUDENT.c.group_name,
                _STUDENT.c.is_demo,
            )
            .join(_STUDENT, _STUDENT.c.id == _ATTEMPT.c.student_id)
            .where(_ATTEMPT.c.uuid == entry.uuid)
        )
    elif entry.kind == OutboxKind.ANSWER:
        query = (
            select(_ANSWER, _ATTEMPT.c.uuid.label("attempt_uuid"))
            .join(_ATTEMPT, _ATTEMPT.c.id == _ANSWER.c.attempt_id)
            .where(_ANSWER.c.uuid == entry.uuid)
        )
    else:  # "abandon": the attempt is gone here; its uuid is all the server needs
        return {"uuid": entry.uuid}
    found = conn.execute(query).mappings().first()
    return dict(found) if found is not None else None


def _answer_insert(row: dict[str, Any]) -> Any:
    """INSERT the answer under its attempt's server id, found by the attempt's UUID in the
    same statement; the columns are the table's own (a new column needs nothing here)."""
    values = table_values(_ANSWER, row)
    names = list(values)
    source = select(
        *(
            _ATTEMPT.c.id
            if name == "attempt_id"
            else bindparam(name, values[name], type_=_ANSWER.c[name].type)
            for name in names
        )
    ).where(_ATTEMPT.c.uuid == row["attempt_uuid"])
    statement = insert(_ANSWER).from_select(names, source).on_conflict_do_nothing()
    return statement.execution_options(preserve_rowcount=True)


def _apply(conn: Connection, entry: _Entry, row: dict[str, Any] | None) -> None:
    """Carry out one queued change on the server (idempotent)."""
    if row is None:
        return  # deleted here later (an abandoned attempt): nothing left to send
    if entry.kind == OutboxKind.STUDENT:
        # The server sets the owner itself (see migration 0004).
        conn.execute(insert(_STUDENT).values(table_values(_STUDENT, row)).on_conflict_do_nothing())
    elif entry.kind == OutboxKind.ATTEMPT:
        key = {name: row[name] for name in ("nickname", "group_name", "is_demo")}
        student = conn.execute(_STUDENT_ID, {**key, "uuid": row["student_uuid"]}).scalar()
        if student is None:
            raise _MissingOnServer(f"attempt {entry.uuid}: its student is not on the server")
        values = table_values(_ATTEMPT, row, student_id=student, finished_at=None)
        conn.execute(
            insert(_ATTEMPT).values(values).on_conflict_do_nothing(index_elements=["uuid"])
        )
    elif entry.kind == OutboxKind.ANSWER:
        inserted = conn.execute(_answer_insert(row)).rowcount
        if inserted != 1 and conn.execute(_ANSWER_THERE, {"uuid": entry.uuid}).first() is None:
            raise _MissingOnServer(f"answer {entry.uuid}: its attempt is not on the server")
    elif entry.kind == OutboxKind.FINISH:
        finish = _FINISH.execution_options(preserve_rowcount=True)
        done = conn.execute(finish, {"uuid": entry.uuid, "finished_at": row["finished_at"]})
        if (
            done.rowcount != 1
            and conn.execute(_ATTEMPT_THERE, {"uuid": entry.uuid}).first() is None
        ):
            # Kept (set aside) rather than lost: sent with its attempt once that is there.
            raise _MissingOnServer(f"attempt {entry.uuid}: not on the server, so not finished")
    elif entry.kind == OutboxKind.ABANDON:
        conn.execute(ABANDON_ON_SERVER, {"uuid": entry.uuid})
    else:
        raise ValueError(f"unknown outbox entry kind {entry.kind!r}")


class SyncService:
    """Sends the outbox in a background thread: at once after a change, and again and again
    (waiting ``retry_s``, doubling up to ``max_retry_s``) while the server is unreachable.

    The repository's :attr:`~Repository.on_queued` wakes it. :meth:`status` is safe to call
    from the UI thread at any time.
    """

    def __init__(
        self,
        local: Repository,
        server_url: str,
        *,
        retry_s: float = 2.0,
        max_retry_s: float = 30.0,
    ) -> None:
        self._pusher = OutboxPusher(local, server_url)
        self._retry_s = retry_s
        self._max_retry_s = max_retry_s
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._status = SyncStatus(SyncState.WILL_SYNC, 0)
        self._thread = threading.Thread(target=self._run, name="quizapp-sync", daemon=True)
        local.on_queued = self.notify

    @property
    def where(self) -> str:
        """The server's address (no password), for messages."""
        return self._pusher.where

    def start(self) -> None:
        """Start the thread; it sends what is queued right away."""
        self._thread.start()

    def notify(self) -> None:
        """Something was queued: send it now."""
        self._wake.set()

    def status(self) -> SyncStatus:
        """The latest state and the number of changes still to be sent."""
        with self._lock:
            return self._status

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (what is not sent yet stays queued for the next start)."""
        self._stopped.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._pusher.close()

    def _run(self) -> None:
        _lower_priority()
        delay = self._retry_s
        while not self._stopped.is_set():
            self._wake.clear()
            status = self._push_once()
            with self._lock:
                self._status = status
            # At once again only after a round that worked and found more queued meanwhile;
            # after any failure, wait (doubling), so a refusing server is not hammered.
            worked = status.state is SyncState.WILL_SYNC and status.error is None
            if status.state is SyncState.SYNCED or (worked and status.pending > 0):
                delay = self._retry_s
                if status.pending == 0:
                    self._wake.wait()
            else:
                # Not woken by new answers while the server is away: they are safe here,
                # and the next attempt sends them all together.
                self._stopped.wait(delay)
                delay = min(delay * 2, self._max_retry_s)

    def _safe_pending(self) -> int:
        try:
            return self._pusher.pending()
        except StorageError:
            return -1  # the local file failed too; the next round tries again

    def _push_once(self) -> SyncStatus:
        try:
            self._pusher.push()
            pending = self._pusher.pending()
        except StorageError as error:
            pending = self._safe_pending()
            state = (
                SyncState.WILL_SYNC
                if error.kind in (StorageErrorKind.UNREACHABLE, StorageErrorKind.BUSY)
                else SyncState.PROBLEM
            )
            if self.status().error is None:  # logged once per outage, not at every retry
                log.warning(
                    "sync: %s %s (%s); %d changes kept here",
                    self.where,
                    "unreachable" if state is SyncState.WILL_SYNC else "refused",
                    error.detail.splitlines()[0] if error.detail else error.kind,
                    pending,
                )
            return SyncStatus(state, pending, error, *self._set_aside())
        except Exception:
            if self.status().state is not SyncState.PROBLEM:  # once, not at every retry
                log.exception("sync: unexpected failure sending to %s", self.where)
            return SyncStatus(SyncState.PROBLEM, self._safe_pending(), None, *self._set_aside())
        if self.status().error is not None:
            log.info("sync: %s reachable again; everything queued was sent", self.where)
        if pending:  # queued while sending: go round again at once
            return SyncStatus(SyncState.WILL_SYNC, pending, None, *self._set_aside())
        return SyncStatus(SyncState.SYNCED, 0, None, *self._set_aside())

    def _set_aside(self) -> tuple[int, frozenset[SetAsideReason]]:
        return len(self._pusher.set_aside), self._pusher.set_aside_reasons()


def _lower_priority() -> None:
    """Let the window's thread (and the rest of the machine) go first: sending is never urgent.

    Linux schedules threads one by one, so this lowers only the sync thread; elsewhere the
    call does not exist and nothing changes.
    """
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None:
        return
    with contextlib.suppress(OSError):  # not allowed here: run at normal priority
        setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
