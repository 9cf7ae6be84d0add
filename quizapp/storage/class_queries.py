"""Read-only queries behind the teacher's class reports.

Columns are selected in bulk (no ORM objects), so a report over 100,000 answers stays fast.
Filters on set, group, language and demo students run in SQL; the date range is passed in as
naive UTC datetimes (the stored format). Nothing here writes.

Rows are read defensively: a database may hold rows written before imports were checked, or
edited by hand. A time, duration or JSON list that cannot be decoded does not stop the query;
the row comes back with :attr:`AttemptRow.problem` / :attr:`AnswerRow.problem` set, and the
report skips it (:mod:`quizapp.reports.dataset`).

Reports and the teacher screens use :class:`ClassReader`: the same queries through a
repository's read context, so failures arrive as :class:`StorageError` and no SQLAlchemy
object leaves ``storage/``. On a class database a teacher login reads the whole class, a
student login only its own rows (row-level security).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVarTuple

from sqlalchemy import Engine, Select, String, func, select, type_coerce
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from quizapp.i18n import N_
from quizapp.storage.tables import Answer, Attempt, Student

if TYPE_CHECKING:
    from quizapp.storage.repository import Repository

#: Where the queries run: an engine, or a connection from ``Repository.reading()``.
Source = Engine | Connection

_Ts = TypeVarTuple("_Ts")


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


class StudentRow(NamedTuple):
    """One student as stored."""

    id: int
    uuid: str
    nickname: str
    group: str
    is_demo: bool


class AttemptRow(NamedTuple):
    """One attempt as stored (``question_ids`` decoded)."""

    id: int
    uuid: str
    student_id: int
    set_id: str
    language: str
    mode: str
    question_ids: tuple[str, ...]
    started_at: datetime
    finished_at: datetime | None
    problem: str = ""  # why the row cannot be used, untranslated (N_); "": it can


class AnswerRow(NamedTuple):
    """One answer as stored (``chosen`` decoded)."""

    attempt_id: int
    question_id: str
    question_hash: str
    chosen: frozenset[str]
    correct: bool
    confidence: str | None
    seconds: float
    answered_at: datetime
    #: JSON of the answer to a newer task type (see quizapp.core.responses), else ``None``.
    response: str | None = None
    #: Credit 0–1 of a newer task type or a multiple-answer question, else ``None``.
    credit: float | None = None
    id: int = 0
    problem: str = ""  # why the row cannot be used, untranslated (N_); "": it can


#: Stands in for a time that cannot be read; no report's range check accepts it.
UNREADABLE_TIME = datetime.min


@functools.lru_cache(maxsize=4096)
def _chosen(text: str) -> frozenset[str]:
    # A class gives the same few answers over and over: decode each distinct one once.
    return frozenset(json.loads(text))


def _shared(text: Any) -> Any:
    # Question ids and hashes repeat in every attempt: one string object each, not one per row
    # (a big report keeps the first attempts' answers).
    return sys.intern(text) if isinstance(text, str) else text


def _time(value: object) -> datetime:
    """A stored time (text in SQLite, a datetime from other drivers); unreadable → sentinel."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return UNREADABLE_TIME
    return value if value.tzinfo is None else UNREADABLE_TIME  # stored times are naive UTC


def _attempt_row(row: Any) -> AttemptRow:
    a, u, s, set_id, lang, mode, ids, start, end = row
    problem = ""
    try:
        question_ids = tuple(map(_shared, json.loads(ids)))
    except (ValueError, TypeError):
        question_ids, problem = (), N_("the list of questions cannot be read")
    finished = None if end is None else _time(end)
    return AttemptRow(a, u, s, set_id, lang, mode, question_ids, _time(start), finished, problem)


def _answer_row(row: Any) -> AnswerRow:
    answer_id, a, q, h, c, ok, conf, sec, at, response, credit = row
    problem = ""
    try:
        chosen = _chosen(c)
    except (ValueError, TypeError):
        chosen, problem = frozenset(), N_("the chosen answers cannot be read")
    if not isinstance(sec, float | int):
        sec = float("nan")  # NULL (SQLite stores NaN as NULL) or text: out of any range
    if credit is not None and not (isinstance(credit, float | int) and 0.0 <= credit <= 1.0):
        credit, problem = None, problem or N_("the credit is out of range")
    return AnswerRow(
        a,
        _shared(q),
        _shared(h),
        chosen,
        bool(ok),
        conf,
        float(sec),
        _time(at),
        response,
        credit,
        answer_id,
        problem,
    )


def has_real_students(engine: Source) -> bool:
    """True if the database holds at least one student who is not a demo student."""
    query = select(func.count()).select_from(Student).where(col(Student.is_demo).is_(False))
    with Session(engine) as session:
        return bool(session.execute(query).scalar_one())


def groups(engine: Source, include_demo: bool = False) -> list[str]:
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


def students(engine: Source, flt: ClassFilter) -> list[StudentRow]:
    """The students matching the group and demo filters."""
    query = select(
        col(Student.id),
        col(Student.uuid),
        col(Student.nickname),
        col(Student.group_name),
        col(Student.is_demo),
    )
    query = _student_filters(query, flt)
    with Session(engine) as session:
        return [StudentRow(*row) for row in session.execute(query)]


def attempts(
    engine: Source, flt: ClassFilter, *, all_dates_and_languages: bool
) -> list[AttemptRow]:
    """Attempts of matching students at matching sets, oldest first.

    With ``all_dates_and_languages`` the language and date filters are ignored: a report
    needs every attempt to know which one was a student's *first*.
    """
    query = select(
        col(Attempt.id),
        col(Attempt.uuid),
        col(Attempt.student_id),
        col(Attempt.set_id),
        col(Attempt.language),
        col(Attempt.mode),
        col(Attempt.question_ids),
        # Read as text and decoded here, so one unreadable time cannot fail the whole query.
        type_coerce(col(Attempt.started_at), String),
        type_coerce(col(Attempt.finished_at), String),
    ).join(Student, col(Student.id) == col(Attempt.student_id))
    query = _attempt_filters(_student_filters(query, flt), flt, all_dates_and_languages)
    query = query.order_by(col(Attempt.started_at), col(Attempt.id))
    with Session(engine) as session:
        return [_attempt_row(row) for row in session.execute(query)]


#: Rows fetched from the database at a time when answers are streamed.
STREAM_BATCH = 2000


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
        select(
            col(Answer.id),
            col(Answer.attempt_id),
            col(Answer.question_id),
            col(Answer.question_hash),
            col(Answer.chosen),
            col(Answer.correct),
            col(Answer.confidence),
            type_coerce(col(Answer.seconds), String),
            type_coerce(col(Answer.answered_at), String),
            col(Answer.response),
            col(Answer.credit),
        )
        .join(Attempt, col(Attempt.id) == col(Answer.attempt_id))
        .join(Student, col(Student.id) == col(Attempt.student_id))
    )
    query = _attempt_filters(_student_filters(query, flt), flt, False)
    if up_to_id is not None:
        query = query.where(col(Answer.id) <= up_to_id)
    if in_attempt_order:
        query = query.order_by(col(Attempt.started_at), col(Attempt.id), col(Answer.id))
    else:
        query = query.order_by(col(Answer.id))
    with _connected(engine) as conn:
        result = conn.execute(query.execution_options(yield_per=STREAM_BATCH))
        for batch in result.partitions():
            for row in batch:
                yield _answer_row(row)


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


def _attempt_filters(query: Select[*_Ts], flt: ClassFilter, ignore_when: bool) -> Select[*_Ts]:
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


class ClassReader:
    """The class's results, read through one repository (the narrow door reports use)."""

    def __init__(self, repository: Repository) -> None:
        self._repository: Repository | None = repository

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.repository().reading() as conn:
            yield conn

    def repository(self) -> Repository:
        """The repository read from."""
        assert self._repository is not None
        return self._repository

    def close(self) -> None:
        """Nothing to close: the repository belongs to the caller."""

    def has_real_students(self) -> bool:
        """True if there is at least one student who is not a demo student."""
        with self._reading() as conn:
            return has_real_students(conn)

    def answer_count(self) -> int:
        """How many answers are stored: the teacher area reads a big class in the background."""
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(Answer)).scalar_one())

    def groups(self, include_demo: bool = False) -> list[str]:
        """The distinct group names, sorted."""
        with self._reading() as conn:
            return groups(conn, include_demo)

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


class ServerClassReader(ClassReader):
    """The class's results in the class database at ``url`` (a teacher login), connected on
    first use, so a teacher screen opens even while the server is away."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._repository = None

    def repository(self) -> Repository:
        """The class database; :class:`StorageError` if it cannot be reached now."""
        if self._repository is None:
            from quizapp.storage.repository import Repository

            self._repository = Repository.connect(self._url)
        return self._repository

    def close(self) -> None:
        """Close the connections to the server."""
        if self._repository is not None:
            self._repository.close()
            self._repository = None
