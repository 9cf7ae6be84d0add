"""The one door to the database: students, attempts, answers and settings as plain records.

The database is a SQLite file on this machine (:meth:`Repository.open`) or a PostgreSQL class
database (:meth:`Repository.connect`); the methods behave the same on both. Other storage
modules read and write through :meth:`Repository.reading` and :meth:`Repository.writing`,
the one place where database failures become :class:`StorageError`.
With ``outbox=True`` every change is also queued, in the same transaction, for sending to the
class database server (:mod:`quizapp.storage.sync`).

Only this class opens sessions. Every write is its own short ``BEGIN IMMEDIATE`` transaction,
committed before the method returns, so an answer the student submitted survives a crash of
the app right after. SQLite failures the user can act on arrive as :class:`StorageError`;
calls that make no sense (unknown ids, a question answered twice) raise ``ValueError``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self
from uuid import uuid4

from sqlalchemy import Engine, bindparam, insert, text
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from quizapp import settings_keys
from quizapp.core.nickname import normalised
from quizapp.core.quiz import AnswerResult
from quizapp.storage import migrate
from quizapp.storage.class_queries import ClassReader
from quizapp.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_MS,
    display_url,
    translated,
    write_engine,
)
from quizapp.storage.records import AnswerRecord, AttemptRecord, BestScore, StudentRecord
from quizapp.storage.rows import answer as answer_rows
from quizapp.storage.rows import attempt as attempt_rows
from quizapp.storage.rows.student import to_record as _student_record
from quizapp.storage.tables import Answer, Attempt, OutboxKind, Setting, Student, utcnow

DB_FILENAME = "quizapp.sqlite"
MODES = ("full", "practice")
_NAME_MAX = 64

_ANSWER_TABLE = SQLModel.metadata.tables["answer"]
_ATTEMPT_TABLE = SQLModel.metadata.tables["attempt"]
_OUTBOX_TABLE = SQLModel.metadata.tables["sync_outbox"]
_STUDENT_TABLE = SQLModel.metadata.tables["student"]
#: Set when this file first queued its results for a class database (see _start_outbox).
OUTBOX_STARTED_SETTING = settings_keys.SYNC_OUTBOX_STARTED
#: "Start over" on the class database: only an unfinished attempt of the login's own students.
ABANDON_ON_SERVER = text("SELECT quizapp_abandon(:uuid)")
_ANSWER_FIELDS = [column.name for column in _ANSWER_TABLE.c if column.name != "id"]
# The hot path as one statement: insert the answer only if its attempt exists and is not
# finished (rowcount 0 otherwise). The UNIQUE (attempt_id, question_id) key refuses repeats.
_INSERT_ANSWER = (
    insert(_ANSWER_TABLE)
    .from_select(
        _ANSWER_FIELDS,
        sa_select(
            *(
                _ATTEMPT_TABLE.c.id
                if name == "attempt_id"
                else bindparam(name, type_=_ANSWER_TABLE.c[name].type)
                for name in _ANSWER_FIELDS
            )
        ).where(
            _ATTEMPT_TABLE.c.id == bindparam("attempt_id"),
            _ATTEMPT_TABLE.c.finished_at.is_(None),
        ),
    )
    .execution_options(preserve_rowcount=True)
)  # an INSERT's rowcount is kept only on request


class Repository:
    """Scores and settings in a SQLite file (:meth:`open`) or a class database (:meth:`connect`)."""

    def __init__(
        self,
        path: Path | str,
        engine: Engine,
        *,
        recovered_from: Path | None = None,
        upgrade_backup: Path | None = None,
        outbox: bool = False,
    ) -> None:
        #: The database file, or the server's address without password.
        self.path = path
        self._engine = engine
        self._outbox = outbox
        self._writer = write_engine(engine)
        #: Where a damaged database was moved before a fresh one was started (tell the user).
        self.recovered_from = recovered_from
        #: The copy made before the schema was upgraded, if it was.
        self.upgrade_backup = upgrade_backup
        self._question_ids: dict[int, frozenset[str]] = {}  # per attempt, never changes
        # Writers of this process (the window, the sync thread) queue here, woken at once,
        # instead of polling SQLite's busy handler, which sleeps up to 100 ms between tries.
        self._write_lock = threading.RLock()
        #: Called after a transaction that queued changes for the server has committed.
        self.on_queued: Callable[[], None] | None = None
        self._queued = False

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        outbox: bool = False,
    ) -> Repository:
        """Open (creating and migrating as needed) ``data_dir / "quizapp.sqlite"``.

        A damaged file is moved aside (see :attr:`recovered_from`) and a new one started.
        Raises :class:`StorageError`: UNWRITABLE (folder), LOCKED, TOO_NEW, and others for
        failures of the drive. ``outbox``: queue every change for the class database server.
        """
        opened = migrate.open_database(Path(data_dir) / DB_FILENAME, busy_timeout_ms)
        repository = cls(
            opened.path,
            opened.engine,
            recovered_from=opened.recovered_from,
            upgrade_backup=opened.upgrade_backup,
            outbox=outbox,
        )
        if outbox:
            try:
                repository._start_outbox()
            except BaseException:
                repository.close()
                raise
        return repository

    @classmethod
    def connect(cls, url: str, *, pre_ping: bool = True) -> Repository:
        """Connect to the PostgreSQL class database at ``url`` (``postgresql+psycopg://…``).

        The schema is not changed here (``quizapp db upgrade`` does that, as administrator).
        Raises :class:`StorageError`: UNREACHABLE, DENIED, NEEDS_UPGRADE, TOO_NEW.
        ``pre_ping=False`` skips checking pooled connections before use (for a caller that
        retries anyway, like the sync thread).
        """
        engine = migrate.open_server(url, pre_ping=pre_ping)
        return cls(display_url(engine.url), engine)

    @property
    def is_server(self) -> bool:
        """True for a PostgreSQL class database, False for the SQLite file."""
        return self._engine.dialect.name == "postgresql"

    @property
    def protected_folders(self) -> list[Path]:
        """Folders no output may be written into: the database file's own (none for a server)."""
        return [] if isinstance(self.path, str) else [self.path.parent]

    @property
    def class_reader(self) -> ClassReader[Repository]:
        """The class's results for reports and the teacher screens (read only)."""
        return ClassReader(self)

    def close(self) -> None:
        """Close all connections (the last one checkpoints the WAL into the file)."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sessions -----------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with translated(self.path), Session(self._engine) as session:
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session whose work is committed (or rolled back) when the block ends."""
        with (
            self._write_lock,
            translated(self.path),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
        self._committed()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for queries; database failures arrive as :class:`StorageError`."""
        with translated(self.path), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed when the block ends without error.

        On SQLite the write lock is taken up front (``BEGIN IMMEDIATE``). Database failures
        arrive as :class:`StorageError`; the transaction is then rolled back.
        """
        with self._write_lock, translated(self.path), self._writer.begin() as conn:
            yield conn
        self._committed()

    @contextmanager
    def maintenance(self) -> Iterator[Connection]:
        """A connection outside any transaction (for PRAGMAs, ``VACUUM``), holding this
        process's write lock; failures, also of the raw driver connection, arrive as
        :class:`StorageError`."""
        with self._write_lock, translated(self.path), self._writer.connect() as conn:
            yield conn

    def _queue(self, conn: Connection, kind: OutboxKind, uuid: str) -> None:
        """Queue a change for the server, in the caller's transaction (if syncing)."""
        if self._outbox:
            conn.execute(insert(_OUTBOX_TABLE).values(kind=kind, uuid=uuid, queued_at=utcnow()))
            self._queued = True

    def _start_outbox(self) -> None:
        """The first time this file syncs: queue everything already in it, oldest first, so
        results from before the class database came along reach it too (once: by UUID)."""
        started = select(Setting).where(Setting.key == OUTBOX_STARTED_SETTING)
        with self._writing() as session:
            if session.exec(started).first() is not None:
                return
            conn, now = session.connection(), utcnow()
            students, attempts = _STUDENT_TABLE, _ATTEMPT_TABLE
            for kind, query in (
                (OutboxKind.STUDENT, sa_select(students.c.uuid).order_by(students.c.id)),
                (OutboxKind.ATTEMPT, sa_select(attempts.c.uuid).order_by(attempts.c.id)),
                (
                    OutboxKind.ANSWER,
                    sa_select(_ANSWER_TABLE.c.uuid).order_by(_ANSWER_TABLE.c.id),
                ),
                (
                    OutboxKind.FINISH,
                    sa_select(attempts.c.uuid)
                    .where(attempts.c.finished_at.is_not(None))
                    .order_by(attempts.c.finished_at, attempts.c.id),
                ),
            ):
                for (uuid,) in conn.execute(query):
                    self._queue(conn, kind, uuid)
            session.add(Setting(key=OUTBOX_STARTED_SETTING, value=now.isoformat()))

    def _committed(self) -> None:
        if self._queued:
            self._queued = False
            if self.on_queued is not None:
                self.on_queued()

    # -- settings -----------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """The stored value of setting ``key``, or ``default``."""
        with self._reading() as session:
            row = session.get(Setting, key)
            return row.value if row is not None else default

    def set_setting(self, key: str, value: str) -> None:
        """Store ``value`` under ``key`` (replacing an earlier value)."""
        dialect_insert = postgresql_insert if self.is_server else sqlite_insert
        stmt = dialect_insert(Setting).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        with self.writing() as conn:
            conn.execute(stmt)

    def update_settings(
        self,
        keys: Sequence[str],
        change: Callable[[Mapping[str, str | None]], Mapping[str, str]],
    ) -> None:
        """Read ``keys`` and store what ``change`` makes of them, in one write transaction.

        No other instance reads or writes them in between (SQLite's write lock is taken up
        front, the server locks the rows), so a read-check-write such as a PIN try is counted
        once however many app instances try at the same moment.
        """
        dialect_insert = postgresql_insert if self.is_server else sqlite_insert
        table = SQLModel.metadata.tables["setting"]
        query = sa_select(table.c.key, table.c.value).where(table.c.key.in_(list(keys)))
        with self.writing() as conn:
            if self.is_server:
                query = query.with_for_update()
            found: dict[str, str | None] = dict.fromkeys(keys)
            found.update({key: value for key, value in conn.execute(query)})
            for key, value in change(found).items():
                stmt = dialect_insert(Setting).values(key=key, value=value)
                conn.execute(
                    stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value})
                )

    def student_language(self, student: StudentRecord) -> str | None:
        """The UI language this student used last, if remembered."""
        return self.get_setting(student_language_key(student))

    def set_student_language(self, student: StudentRecord, language: str) -> None:
        """Remember ``language`` for this student (their next session starts in it)."""
        self.set_setting(student_language_key(student), language)

    # -- students -----------------------------------------------------------------------------

    def get_or_create_student(
        self, nickname: str, group: str = "", *, demo: bool = False
    ) -> StudentRecord:
        """The student with this nickname in this group, created on first use.

        Both are normalised first (:func:`quizapp.core.nickname.normalised`: NFC, no invisible
        or bidi characters, spaces trimmed); an empty or over-long nickname raises
        ``ValueError``.
        """
        nickname, group = normalised(nickname), normalised(group)
        if not nickname:
            raise ValueError("the nickname is empty")
        if len(nickname) > _NAME_MAX or len(group) > _NAME_MAX:
            raise ValueError(f"nickname and group are limited to {_NAME_MAX} characters")
        found = self._find_student(nickname, group, demo=demo)
        if found is not None:
            return found
        try:
            with self._writing() as session:
                row = Student(uuid=str(uuid4()), nickname=nickname, group_name=group, is_demo=demo)
                session.add(row)
                session.flush()
                self._queue(session.connection(), OutboxKind.STUDENT, row.uuid)
                return _student_record(row)
        except IntegrityError:
            # Another instance created the same student between our lookup and insert.
            found = self._find_student(nickname, group, demo=demo)
            if found is None:
                raise
            return found

    def _find_student(self, nickname: str, group: str, *, demo: bool) -> StudentRecord | None:
        query = select(Student).where(
            Student.nickname == nickname, Student.group_name == group, Student.is_demo == demo
        )
        with self._reading() as session:
            row = session.exec(query).first()
            return _student_record(row) if row is not None else None

    def student(self, student_id: int) -> StudentRecord | None:
        """The student with this id, if there is one."""
        with self._reading() as session:
            row = session.get(Student, student_id)
            return _student_record(row) if row is not None else None

    def students(self) -> list[StudentRecord]:
        """All students, by nickname then group (case-insensitive), real before demo ones.

        The id only breaks the last ties: on a class database ids are random (migration 0006).
        """
        with self._reading() as session:
            rows = session.exec(select(Student)).all()
            records = [_student_record(row) for row in rows]
        return sorted(
            records, key=lambda s: (s.nickname.casefold(), s.group.casefold(), s.is_demo, s.id)
        )

    # -- attempts -----------------------------------------------------------------------------

    def start_attempt(
        self,
        student_id: int,
        set_id: str,
        language: str,
        question_ids: Sequence[str],
        seed: int,
        mode: str = "full",
    ) -> AttemptRecord:
        """Start an attempt at ``set_id`` asking ``question_ids`` in this order."""
        ids = list(question_ids)
        if not ids or len(set(ids)) != len(ids):
            raise ValueError("an attempt needs at least one question, each asked once")
        if mode not in MODES:
            raise ValueError(f"unknown attempt mode {mode!r} (expected one of {MODES})")
        try:
            with self._writing() as session:
                row = Attempt(
                    uuid=str(uuid4()),
                    student_id=student_id,
                    set_id=set_id,
                    language=language,
                    seed=seed,
                    question_ids=tuple(ids),
                    mode=mode,
                )
                session.add(row)
                session.flush()
                self._queue(session.connection(), OutboxKind.ATTEMPT, row.uuid)
                record = attempt_rows.to_record(row, [])
        except IntegrityError as exc:  # the foreign key: no such student
            raise ValueError(f"no student with id {student_id}") from exc
        self._question_ids[record.id] = frozenset(ids)
        return record

    def save_answer(self, attempt_id: int, result: AnswerResult) -> AnswerRecord:
        """Store one answer and commit it before returning.

        ``ValueError`` if the attempt is unknown or finished, the question is not part of it,
        or it was answered already; :class:`StorageError` if the file can't be written.
        """
        if result.question_id not in self._questions_of(attempt_id):
            raise ValueError(f"question {result.question_id!r} is not in attempt {attempt_id}")
        record = AnswerRecord(uuid=str(uuid4()), result=result, answered_at=utcnow())
        params = answer_rows.from_result(record.uuid, attempt_id, result, record.answered_at)
        try:
            with self.writing() as conn:
                inserted = conn.execute(_INSERT_ANSWER, params).rowcount
                if inserted == 1:
                    self._queue(conn, OutboxKind.ANSWER, record.uuid)
        except IntegrityError as exc:
            raise ValueError(
                f"question {result.question_id!r} was already answered in attempt {attempt_id}"
            ) from exc
        if inserted != 1:
            raise ValueError(f"attempt {attempt_id} is finished (or was abandoned)")
        return record

    def _questions_of(self, attempt_id: int) -> frozenset[str]:
        cached = self._question_ids.get(attempt_id)
        if cached is None:
            with self._reading() as session:
                row = session.get(Attempt, attempt_id)
                if row is None:
                    raise ValueError(f"no attempt with id {attempt_id}")
                cached = frozenset(row.question_ids)
            self._question_ids[attempt_id] = cached
        return cached

    def finish_attempt(self, attempt_id: int) -> AttemptRecord:
        """Mark the attempt finished now (a finished attempt keeps its first finish time)."""
        with self._writing() as session:
            row = session.get(Attempt, attempt_id)
            if row is None:
                raise ValueError(f"no attempt with id {attempt_id}")
            if row.finished_at is None:
                row.finished_at = utcnow()
                self._queue(session.connection(), OutboxKind.FINISH, row.uuid)
        finished = self.attempt(attempt_id)
        assert finished is not None
        return finished

    def abandon_attempt(self, attempt_id: int) -> None:
        """Delete an unfinished attempt and its answers ("start over"); finished ones stay."""
        with self._writing() as session:
            row = session.get(Attempt, attempt_id)
            if row is None:
                return
            if row.finished_at is not None:
                raise ValueError(f"attempt {attempt_id} is finished and is kept")
            if self.is_server:  # a student login may not DELETE (migration 0005)
                session.connection().execute(ABANDON_ON_SERVER, {"uuid": row.uuid})
                self._question_ids.pop(attempt_id, None)
                return
            for answer in session.exec(select(Answer).where(Answer.attempt_id == attempt_id)):
                session.delete(answer)
            session.flush()  # answers first: the foreign key forbids an orphaned answer
            session.delete(row)
            self._queue(session.connection(), OutboxKind.ABANDON, row.uuid)
        self._question_ids.pop(attempt_id, None)

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """The attempt with this id, with its answers, if there is one."""
        with self._reading() as session:
            row = session.get(Attempt, attempt_id)
            return _with_answers(session, [row])[0] if row is not None else None

    def unfinished_attempt(
        self, student_id: int, set_id: str, language: str
    ) -> AttemptRecord | None:
        """The student's latest unfinished attempt at this set and language (to resume)."""
        query = (
            select(Attempt)
            .where(
                Attempt.student_id == student_id,
                Attempt.set_id == set_id,
                Attempt.language == language,
                col(Attempt.finished_at).is_(None),
            )
            .order_by(col(Attempt.started_at).desc(), col(Attempt.id).desc())
        )
        with self._reading() as session:
            row = session.exec(query).first()
            return _with_answers(session, [row])[0] if row is not None else None

    def history(
        self, student_id: int, set_id: str | None = None, language: str | None = None
    ) -> list[AttemptRecord]:
        """The student's attempts (finished or not), newest first, optionally filtered."""
        query = select(Attempt).where(Attempt.student_id == student_id)
        if set_id is not None:
            query = query.where(Attempt.set_id == set_id)
        if language is not None:
            query = query.where(Attempt.language == language)
        query = query.order_by(col(Attempt.started_at).desc(), col(Attempt.id).desc())
        with self._reading() as session:
            return _with_answers(session, list(session.exec(query).all()))

    def best_scores(self, student_id: int, language: str) -> dict[str, BestScore]:
        """Per set: the best finished full attempt in ``language`` (the latest of equals)."""
        best: dict[str, BestScore] = {}
        for attempt in self.history(student_id, language=language):
            if attempt.finished_at is None or attempt.mode != "full":
                continue
            current = best.get(attempt.set_id)
            # history is newest first, so only a strictly better older score replaces one.
            if current is None or _ratio(attempt.score, attempt.total) > _ratio(
                current.score, current.total
            ):
                best[attempt.set_id] = BestScore(
                    attempt.set_id, language, attempt.score, attempt.total, attempt.finished_at
                )
        return best


def student_language_key(student: StudentRecord) -> str:
    """The setting key of a student's language (by UUID: the nickname may be reused)."""
    return settings_keys.student_language(student.uuid)


def _ratio(score: int, total: int) -> float:
    return score / total if total else 0.0


def _with_answers(session: Session, attempts: Sequence[Attempt]) -> list[AttemptRecord]:
    """Records for ``attempts`` with their answers, loaded in one query."""
    ids = [row.id for row in attempts]
    by_attempt: dict[int, list[AnswerRecord]] = {}
    if ids:
        query = select(Answer).where(col(Answer.attempt_id).in_(ids)).order_by(col(Answer.id))
        for answer in session.exec(query):
            by_attempt.setdefault(answer.attempt_id, []).append(answer_rows.to_record(answer))
    return [attempt_rows.to_record(row, by_attempt.get(row.id or 0, [])) for row in attempts]
