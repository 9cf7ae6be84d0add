"""The database tables (SQLModel). Only ``storage/`` imports this module.

Every row that travels between machines (students, attempts, answers) carries a UUID, so a
teacher importing many machines' result files never counts anything twice. Times are stored as
naive UTC datetimes, annotated ``NaiveDatetime`` because SQLModel maps a plain ``datetime`` to a
timezone-aware column type that refuses naive values. Lists (question ids, chosen choice ids)
are stored as JSON text.
The schema is versioned by Alembic (``storage/migrations``): change a table here only together
with a new migration.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, as the naive UTC datetime stored in every time column."""
    return datetime.now(UTC).replace(tzinfo=None)


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
    question_ids: str  # JSON list, in the order asked
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
    chosen: str  # JSON list of choice ids, sorted
    correct: bool
    confidence: str | None = Field(default=None, max_length=16)
    seconds: float = Field(default=0.0)
    answered_at: NaiveDatetime = Field(default_factory=utcnow)
    # Newer task types (order, categorize, evidence, short_text): what was answered, as the
    # JSON of quizapp.core.responses, and the partial credit 0–1. NULL for choice questions.
    response: str | None = Field(default=None)
    credit: float | None = Field(default=None)


class Setting(SQLModel, table=True):
    """Small key/value settings: last nickname, UI language, teacher PIN hash."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str


class OutboxEntry(SQLModel, table=True):
    """A change still to be sent to the class database server, in the order it was made.

    Written in the same transaction as the change itself (so none is lost) and deleted once
    the server has committed it. ``kind`` is one of ``student``, ``attempt``, ``answer``,
    ``finish``, ``abandon``; ``uuid`` names the row it is about.
    """

    __tablename__ = "sync_outbox"
    # Ids are never reused (SQLite would restart at 1 once the table is empty): the sync
    # thread remembers the last id it sent.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    uuid: str = Field(max_length=36)
    queued_at: NaiveDatetime = Field(default_factory=utcnow)
