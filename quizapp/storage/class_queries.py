"""Read-only queries behind the teacher's class reports.

Columns are selected in bulk (no ORM objects), so a report over 100,000 answers stays fast.
Filters on set, group, language and demo students run in SQL; the date range is passed in as
naive UTC datetimes (the stored format). Nothing here writes.

Reports and the teacher screens use :class:`ClassReader`: the same queries through a
repository's read context, so failures arrive as :class:`StorageError` and no SQLAlchemy
object leaves ``storage/``. On a class database a teacher login reads the whole class, a
student login only its own rows (row-level security).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, TypeVarTuple

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

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


@functools.lru_cache(maxsize=4096)
def _chosen(text: str) -> frozenset[str]:
    # A class gives the same few answers over and over: decode each distinct one once.
    return frozenset(json.loads(text))


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
        col(Attempt.started_at),
        col(Attempt.finished_at),
    ).join(Student, col(Student.id) == col(Attempt.student_id))
    query = _attempt_filters(_student_filters(query, flt), flt, all_dates_and_languages)
    query = query.order_by(col(Attempt.started_at), col(Attempt.id))
    with Session(engine) as session:
        return [
            AttemptRow(a, u, s, set_id, lang, mode, tuple(json.loads(ids)), start, end)
            for a, u, s, set_id, lang, mode, ids, start, end in session.execute(query)
        ]


def answers(engine: Source, flt: ClassFilter) -> list[AnswerRow]:
    """Answers in attempts matching every filter, in the order they were saved."""
    query = (
        select(
            col(Answer.attempt_id),
            col(Answer.question_id),
            col(Answer.question_hash),
            col(Answer.chosen),
            col(Answer.correct),
            col(Answer.confidence),
            col(Answer.seconds),
            col(Answer.answered_at),
        )
        .join(Attempt, col(Attempt.id) == col(Answer.attempt_id))
        .join(Student, col(Student.id) == col(Attempt.student_id))
    )
    query = _attempt_filters(_student_filters(query, flt), flt, False)
    query = query.order_by(col(Answer.id))
    with Session(engine) as session:
        return [
            AnswerRow(a, q, h, _chosen(c), bool(ok), conf, float(sec), at)
            for a, q, h, c, ok, conf, sec, at in session.execute(query)
        ]


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
