"""Read-only queries behind the teacher's class reports.

Columns are selected in bulk (no ORM objects), so a report over 100,000 answers stays fast.
Filters on set, group, language and demo students run in SQL; the date range is passed in as
naive UTC datetimes (the stored format). Nothing here writes.

Rows are read defensively: a database may hold rows written before imports were checked, or
edited by hand. A time, duration or JSON list that cannot be decoded does not stop the query;
the row comes back with :attr:`AttemptRow.problem` / :attr:`AnswerRow.problem` set, and the
report skips it (:mod:`quizapp.reports.dataset`). The columns and their decoding are the row
modules' (:mod:`quizapp.storage.rows`).

Reports and the teacher screens use :class:`ClassReader`: the same queries through a
store's read context (:class:`~quizapp.storage.results_store.ResultsStore`), so failures
arrive as :class:`StorageError` and no SQLAlchemy object leaves ``storage/``. On a class
database a teacher login reads the whole class, a student login only its own rows
(row-level security).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar, TypeVarTuple

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from quizapp.storage.results_store import ClosableStore, ResultsStore
from quizapp.storage.rows import answer as answer_rows
from quizapp.storage.rows import attempt as attempt_rows
from quizapp.storage.rows import student as student_rows
from quizapp.storage.rows.answer import AnswerRow as AnswerRow
from quizapp.storage.rows.attempt import AttemptRow as AttemptRow
from quizapp.storage.rows.student import StudentRow as StudentRow
from quizapp.storage.tables import Answer, Attempt, Student

#: Where the queries run: an engine, or a connection from ``Repository.reading()``.
Source = Engine | Connection

_Ts = TypeVarTuple("_Ts")
#: The store a reader reads from (a Repository, seen here only through the protocol).
StoreT = TypeVar("StoreT", bound=ResultsStore)


@dataclass(frozen=True)
class ClassFilter:
    """Which results a query returns; ``None`` means "any".

    ``started_from`` is inclusive and ``started_before`` exclusive, both naive UTC, and apply
    to the attempt's start. ``include_demo`` keeps demo students in.
    """

    set_id: str | None = None
    group: str | None = None
    language: str | None = None
    started_from: datetime | None = None
    started_before: datetime | None = None
    include_demo: bool = False


def has_real_students(engine: Source) -> bool:
    """True if the database holds at least one student who is not a demo student."""
    query = select(func.count()).select_from(Student).where(col(Student.is_demo).is_(False))
    with Session(engine) as session:
        return bool(session.execute(query).scalar_one())


def groups(engine: Source, *, include_demo: bool = False) -> list[str]:
    """The distinct group names of the students, sorted (for a filter drop-down)."""
    query = select(col(Student.group_name)).distinct()
    if not include_demo:
        query = query.where(col(Student.is_demo).is_(False))
    with Session(engine) as session:
        return sorted(session.execute(query).scalars(), key=str.casefold)


def set_ids(engine: Source) -> list[str]:
    """The distinct set ids that have attempts, sorted."""
    with Session(engine) as session:
        return sorted(session.execute(select(col(Attempt.set_id)).distinct()).scalars())


#: Rows fetched from the database at a time when rows are streamed.
STREAM_BATCH = 2000


def _streamed(engine: Source, query: Select[*_Ts]) -> Iterator[Any]:
    """The rows of ``query``, fetched :data:`STREAM_BATCH` at a time: a whole school's rows
    are never all in memory as raw rows beside their decoded copies."""
    with _connected(engine) as conn:
        result = conn.execute(query.execution_options(yield_per=STREAM_BATCH))
        for batch in result.partitions():
            yield from batch


def students(engine: Source, flt: ClassFilter) -> list[StudentRow]:
    """The students matching the group and demo filters."""
    columns: tuple[Any, ...] = student_rows.READ_COLUMNS
    if engine.dialect.name == "postgresql":
        columns = (*columns, student_rows.SERVER_LOGIN)
    query = _student_filters(select(*columns), flt)
    return [StudentRow(*row) for row in _streamed(engine, query)]


def attempts(
    engine: Source, flt: ClassFilter, *, all_dates_and_languages: bool
) -> list[AttemptRow]:
    """Attempts of matching students at matching sets, oldest first.

    With ``all_dates_and_languages`` the language and date filters are ignored: a report
    needs every attempt to know which one was a student's *first*.
    """
    query = select(*attempt_rows.READ_COLUMNS).join(
        Student, col(Student.id) == col(Attempt.student_id)
    )
    query = _attempt_filters(_student_filters(query, flt), flt, ignore_when=all_dates_and_languages)
    query = query.order_by(col(Attempt.started_at), col(Attempt.id))
    return [attempt_rows.read(row) for row in _streamed(engine, query)]


def answers(engine: Source, flt: ClassFilter) -> list[AnswerRow]:
    """Answers in attempts matching every filter, in the order they were saved."""
    return list(iter_answers(engine, flt))


def iter_answers(
    engine: Source,
    flt: ClassFilter,
    *,
    up_to_id: int | None = None,
    in_attempt_order: bool = False,
) -> Iterator[AnswerRow]:
    """Answers in attempts matching every filter, fetched :data:`STREAM_BATCH` rows at a time.

    A report streams the class's answers through this (they may be millions), so only one
    batch is in memory at once. Default order: as saved (by id); ``in_attempt_order``: by
    attempt in :func:`attempts` order, then as saved. ``up_to_id`` leaves out answers saved
    after a first pass over the same rows, so two passes see the same answers.
    """
    query = (
        select(*answer_rows.READ_COLUMNS)
        .join(Attempt, col(Attempt.id) == col(Answer.attempt_id))
        .join(Student, col(Student.id) == col(Attempt.student_id))
    )
    query = _attempt_filters(_student_filters(query, flt), flt, ignore_when=False)
    if up_to_id is not None:
        query = query.where(col(Answer.id) <= up_to_id)
    if in_attempt_order:
        query = query.order_by(col(Attempt.started_at), col(Attempt.id), col(Answer.id))
    else:
        query = query.order_by(col(Answer.id))
    for row in _streamed(engine, query):
        yield answer_rows.read(row)


@contextmanager
def _connected(source: Source) -> Iterator[Connection]:
    if isinstance(source, Connection):
        yield source
    else:
        with source.connect() as conn:
            yield conn


def _student_filters(query: Select[*_Ts], flt: ClassFilter) -> Select[*_Ts]:
    if flt.group is not None:
        query = query.where(col(Student.group_name) == flt.group)
    if not flt.include_demo:
        query = query.where(col(Student.is_demo).is_(False))
    return query


def _attempt_filters(query: Select[*_Ts], flt: ClassFilter, *, ignore_when: bool) -> Select[*_Ts]:
    if flt.set_id is not None:
        query = query.where(col(Attempt.set_id) == flt.set_id)
    if ignore_when:
        return query
    if flt.language is not None:
        query = query.where(col(Attempt.language) == flt.language)
    if flt.started_from is not None:
        query = query.where(col(Attempt.started_at) >= flt.started_from)
    if flt.started_before is not None:
        query = query.where(col(Attempt.started_at) < flt.started_before)
    return query


class ClassReader(Generic[StoreT]):
    """The class's results, read through one store (the narrow door reports use)."""

    def __init__(self, store: StoreT) -> None:
        self._store: StoreT | None = store

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.store().reading() as conn:
            yield conn

    def store(self) -> StoreT:
        """The store read from."""
        assert self._store is not None
        return self._store

    def close(self) -> None:
        """Nothing to close: the store belongs to the caller."""

    def has_real_students(self) -> bool:
        """True if there is at least one student who is not a demo student."""
        with self._reading() as conn:
            return has_real_students(conn)

    def answer_count(self) -> int:
        """How many answers are stored: the teacher area reads a big class in the background."""
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(Answer)).scalar_one())

    def groups(self, *, include_demo: bool = False) -> list[str]:
        """The distinct group names, sorted."""
        with self._reading() as conn:
            return groups(conn, include_demo=include_demo)

    def set_ids(self) -> list[str]:
        """The distinct set ids that have attempts, sorted."""
        with self._reading() as conn:
            return set_ids(conn)

    def students(self, flt: ClassFilter) -> list[StudentRow]:
        """The students matching the group and demo filters."""
        with self._reading() as conn:
            return students(conn, flt)

    def attempts(self, flt: ClassFilter, *, all_dates_and_languages: bool) -> list[AttemptRow]:
        """Attempts of matching students at matching sets, oldest first (see :func:`attempts`)."""
        with self._reading() as conn:
            return attempts(conn, flt, all_dates_and_languages=all_dates_and_languages)

    def answers(self, flt: ClassFilter) -> list[AnswerRow]:
        """Answers in attempts matching every filter, in the order they were saved."""
        with self._reading() as conn:
            return answers(conn, flt)

    def iter_answers(
        self, flt: ClassFilter, *, up_to_id: int | None = None, in_attempt_order: bool = False
    ) -> Iterator[AnswerRow]:
        """The answers streamed in batches (see :func:`iter_answers`); the read connection is
        held until the iteration ends."""
        with self._reading() as conn:
            yield from iter_answers(conn, flt, up_to_id=up_to_id, in_attempt_order=in_attempt_order)


#: A store this reader opens itself, and so closes.
ClosableT = TypeVar("ClosableT", bound=ClosableStore)


class ServerClassReader(ClassReader[ClosableT]):
    """The class's results in the class database at ``url`` (a teacher login), connected on
    first use with ``connect`` (``Repository.connect``), so a teacher screen opens even while
    the server is away."""

    def __init__(self, url: str, connect: Callable[[str], ClosableT]) -> None:
        self._url = url
        self._connect = connect
        self._server: ClosableT | None = None
        self._store = None

    def store(self) -> ClosableT:
        """The class database; :class:`StorageError` if it cannot be reached now."""
        if self._server is None:
            self._server = self._connect(self._url)
        return self._server

    def close(self) -> None:
        """Close the connections to the server."""
        if self._server is not None:
            self._server.close()
            self._server = None
