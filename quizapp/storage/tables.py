"""The database tables (SQLModel). Only ``storage/`` imports this module.

Every row that travels between machines (students, attempts, answers) carries a UUID, so a
teacher importing many machines' result files never counts anything twice. Times are stored as
naive UTC datetimes, annotated ``NaiveDatetime`` because SQLModel maps a plain ``datetime`` to a
timezone-aware column type that refuses naive values. Lists (question ids, chosen choice ids)
are stored as JSON text by :class:`JsonList`, so code above this module only sees tuples.
The schema is versioned by Alembic (``storage/migrations``): change a table here only together
with a new migration.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import Column, Dialect, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import AutoString, Field, SQLModel


def utcnow() -> datetime:
    """Now, as the naive UTC datetime stored in every time column."""
    return datetime.now(UTC).replace(tzinfo=None)


def encode_list(items: Iterable[str], *, sort: bool = False) -> str:
    """A list of ids as stored: JSON text (sorted for a set such as the chosen choices)."""
    values = sorted(items) if sort else list(items)
    return json.dumps(values)


def decode_list(text: str) -> tuple[str, ...]:
    """A stored JSON list back as a tuple; ``ValueError`` if it is not a list of strings."""
    values = json.loads(text)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("not a JSON list of strings")
    return tuple(values)


class JsonList(TypeDecorator[tuple[str, ...]]):
    """A list of ids in a text column, as JSON: the one codec for ``question_ids`` and
    ``chosen``. The column stays the same ``VARCHAR``/``TEXT`` as before (no schema change)."""

    impl = AutoString
    cache_ok = True

    def __init__(self, *, sort: bool = False) -> None:
        super().__init__()
        self.sort = sort  # a set of ids (chosen): stored sorted, so equal answers are equal text

    def process_bind_param(self, value: Iterable[str] | None, dialect: Dialect) -> str | None:
        """Encode on the way in."""
        return None if value is None else encode_list(value, sort=self.sort)

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...] | None:
        """Decode on the way out (a damaged row raises; the class reader reads it as text)."""
        return None if value is None else decode_list(value)


class Student(SQLModel, table=True):
    """A student, known by nickname; ``group_name`` is the class or group (may be empty)."""

    __tablename__ = "student"
    __table_args__ = (UniqueConstraint("nickname", "group_name", "is_demo"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, index=True, max_length=36)
    nickname: str = Field(max_length=64)
    group_name: str = Field(default="", max_length=64)
    is_demo: bool = Field(default=False)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class Attempt(SQLModel, table=True):
    """One attempt at a question set in one language."""

    __tablename__ = "attempt"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, index=True, max_length=36)
    student_id: int = Field(foreign_key="student.id", index=True)
    set_id: str = Field(max_length=64, index=True)
    language: str = Field(max_length=8)
    seed: int
    #: In the order asked.
    question_ids: tuple[str, ...] = Field(sa_column=Column(JsonList(), nullable=False))
    mode: str = Field(default="full", max_length=16)
    started_at: NaiveDatetime = Field(default_factory=utcnow)
    finished_at: NaiveDatetime | None = Field(default=None)


class Answer(SQLModel, table=True):
    """One submitted answer; committed the moment it is submitted."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, index=True, max_length=36)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    question_id: str = Field(max_length=64)
    question_hash: str = Field(max_length=64)
    #: The chosen choice ids (stored sorted).
    chosen: tuple[str, ...] = Field(sa_column=Column(JsonList(sort=True), nullable=False))
    correct: bool
    confidence: str | None = Field(default=None, max_length=16)
    seconds: float = Field(default=0.0)
    answered_at: NaiveDatetime = Field(default_factory=utcnow)
    # Newer task types (order, categorize, evidence, short_text): what was answered, as the
    # JSON of quizapp.core.responses (NULL for choice questions). The credit 0–1 of those and
    # of multiple-answer questions (NULL for single/true_false, which earn 1 or 0, and for
    # multiple-answer answers saved before it was stored: reports work it out from ``chosen``).
    response: str | None = Field(default=None)
    credit: float | None = Field(default=None)


class Setting(SQLModel, table=True):
    """Small key/value settings: last nickname, UI language, teacher PIN hash."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str


class OutboxKind(StrEnum):
    """What an outbox entry asks the server to do with the row its ``uuid`` names."""

    STUDENT = "student"  # add the student
    ATTEMPT = "attempt"  # add the attempt (unfinished)
    ANSWER = "answer"  # add the answer
    FINISH = "finish"  # set the attempt's finish time
    ABANDON = "abandon"  # delete the unfinished attempt and its answers


class OutboxEntry(SQLModel, table=True):
    """A change still to be sent to the class database server, in the order it was made.

    Written in the same transaction as the change itself (so none is lost) and deleted once
    the server has committed it. ``kind`` is an :class:`OutboxKind`; ``uuid`` names the row it
    is about.
    """

    __tablename__ = "sync_outbox"
    # Ids are never reused (SQLite would restart at 1 once the table is empty): the sync
    # thread remembers the last id it sent.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    uuid: str = Field(max_length=36)
    queued_at: NaiveDatetime = Field(default_factory=utcnow)
