"""The ``attempt`` table's rows: as the class reader and reports use them, in a results file,
and the codecs between those and the table."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field, StringConstraints
from sqlalchemy import String, func, type_coerce
from sqlmodel import SQLModel

from quizapp.i18n import N_
from quizapp.storage.records import AnswerRecord, AttemptRecord
from quizapp.storage.rows.fields import (
    FileRow,
    Moment,
    Short,
    Uuid,
    iso,
    naive,
    read_time,
    shared,
)
from quizapp.storage.tables import Attempt, decode_list
from quizapp.storage.value_limits import (
    MAX_QUESTION_IDS_CHARS,
    MAX_QUESTIONS,
    SQLITE_INT_MAX,
    SQLITE_INT_MIN,
)

TABLE = SQLModel.metadata.tables["attempt"]


class AttemptRow(NamedTuple):
    """One attempt as the class reader returns it and reports use it.

    ``problem`` says why the row cannot be used (untranslated, N_; "" if it can);
    ``is_first`` is set by a report for the student's first finished full attempt at the set.
    """

    id: int
    uuid: str
    student_id: int
    set_id: str
    language: str
    mode: str
    question_ids: tuple[str, ...]
    started_at: datetime  # naive UTC, as stored
    finished_at: datetime | None
    problem: str = ""
    is_first: bool = False

    @property
    def finished(self) -> bool:
        """True once the attempt was completed."""
        return self.finished_at is not None


#: What the class reader selects, in :class:`AttemptRow` order. The list and the times are
#: read as text and decoded by :func:`read`, so one damaged row cannot fail the whole query;
#: the list is cut one character past its limit (an oversized row costs no memory).
READ_COLUMNS = (
    TABLE.c.id,
    TABLE.c.uuid,
    TABLE.c.student_id,
    TABLE.c.set_id,
    TABLE.c.language,
    TABLE.c.mode,
    func.substr(type_coerce(TABLE.c.question_ids, String), 1, MAX_QUESTION_IDS_CHARS + 1),
    type_coerce(TABLE.c.started_at, String),
    type_coerce(TABLE.c.finished_at, String),
)


@functools.lru_cache(maxsize=8192)
def _question_ids(text: str) -> tuple[str, ...]:
    # A class's attempts repeat a few thousand question lists at most: each distinct one is
    # decoded once and its tuple shared by every attempt with that list.
    return tuple(map(shared, decode_list(text)))


def read(row: Sequence[Any]) -> AttemptRow:
    """A row of :data:`READ_COLUMNS`, decoded; what cannot be decoded sets ``problem``.

    The set id, language, mode and question list repeat in every row of a class: one object
    each is shared by all rows (a whole school's report holds every attempt)."""
    a, u, s, set_id, lang, mode, ids, start, end = row
    problem = ""
    question_ids: tuple[str, ...]
    try:
        if isinstance(ids, str) and len(ids) > MAX_QUESTION_IDS_CHARS:
            question_ids, problem = (), N_("the list of questions is too long")
        elif isinstance(ids, str):
            question_ids = _question_ids(ids)
        else:
            question_ids = tuple(map(shared, decode_list(ids)))
    except (ValueError, TypeError):
        question_ids, problem = (), N_("the list of questions cannot be read")
    finished = None if end is None else read_time(end)
    started = read_time(start)
    return AttemptRow(
        a,
        u,
        s,
        shared(set_id),
        shared(lang),
        shared(mode),
        question_ids,
        started,
        finished,
        problem,
    )


class AttemptOut(FileRow):
    """An attempt in a results file; ``student`` is the student's UUID."""

    uuid: Uuid
    student: Uuid
    set_id: Short
    language: Annotated[str, StringConstraints(max_length=8)]
    seed: int = Field(ge=SQLITE_INT_MIN, le=SQLITE_INT_MAX)
    question_ids: list[Short] = Field(min_length=1, max_length=MAX_QUESTIONS)
    mode: Literal["full", "practice"] = "full"
    started_at: Moment
    finished_at: Moment | None = None


def to_file(row: Mapping[Any, Any], student_uuid: str) -> dict[str, Any]:
    """A stored row (a mapping of the table's columns) as a results file writes it."""
    return {
        "uuid": row["uuid"],
        "student": student_uuid,
        "set_id": row["set_id"],
        "language": row["language"],
        "seed": row["seed"],
        "question_ids": list(row["question_ids"]),
        "mode": row["mode"],
        "started_at": iso(row["started_at"]),
        "finished_at": iso(row["finished_at"]) if row["finished_at"] else None,
    }


def from_file(attempt: AttemptOut, student_id: int) -> dict[str, Any]:
    """The table values of an attempt read from a results file."""
    return {
        "uuid": attempt.uuid,
        "student_id": student_id,
        "set_id": attempt.set_id,
        "language": attempt.language,
        "seed": attempt.seed,
        "question_ids": attempt.question_ids,
        "mode": attempt.mode,
        "started_at": naive(attempt.started_at),
        "finished_at": naive(attempt.finished_at) if attempt.finished_at else None,
    }


def to_record(row: Attempt, answers: Sequence[AnswerRecord]) -> AttemptRecord:
    """The app's record of a stored attempt with its answers."""
    assert row.id is not None
    return AttemptRecord(
        id=row.id,
        uuid=row.uuid,
        student_id=row.student_id,
        set_id=row.set_id,
        language=row.language,
        seed=row.seed,
        question_ids=tuple(row.question_ids),
        mode=row.mode,
        started_at=row.started_at,
        finished_at=row.finished_at,
        answers=tuple(answers),
    )
