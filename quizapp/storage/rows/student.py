"""The ``student`` table's rows: as the class reader returns them, in a results file, and the
codecs between those and the table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, StringConstraints
from sqlalchemy import ColumnClause, literal_column
from sqlmodel import SQLModel

from quizapp.core.nickname import normalised
from quizapp.storage.records import StudentRecord
from quizapp.storage.rows.fields import FileRow, Moment, Uuid, iso, naive
from quizapp.storage.tables import Student

TABLE = SQLModel.metadata.tables["student"]


class StudentRow(NamedTuple):
    """One student as stored."""

    id: int
    uuid: str
    nickname: str
    group: str
    is_demo: bool
    #: The class database login that created the student ("" in a SQLite file): shown where
    #: two students look alike, so a login posing as a classmate is seen.
    login: str = ""


#: What the class reader selects, in :class:`StudentRow` order (a class database adds the
#: ``owner`` column, which only it has).
READ_COLUMNS = (TABLE.c.id, TABLE.c.uuid, TABLE.c.nickname, TABLE.c.group_name, TABLE.c.is_demo)
SERVER_LOGIN: ColumnClause[str] = literal_column("student.owner")


def _normalised(value: Any) -> Any:
    return normalised(value) if isinstance(value, str) else value


#: A nickname or group as a results file brings it in: normalised (NFC, no invisible or bidi
#: characters, trimmed) before its length is checked, so look-alikes are one student.
Name = Annotated[str, BeforeValidator(_normalised), StringConstraints(max_length=64)]


class StudentOut(FileRow):
    """A student in a results file (nickname and group normalised as the app keeps them)."""

    uuid: Uuid
    nickname: Annotated[Name, StringConstraints(min_length=1)]
    group: Name = ""
    is_demo: bool = False
    created_at: Moment


def to_file(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A stored row (a mapping of the table's columns) as a results file writes it."""
    return {
        "uuid": row["uuid"],
        "nickname": row["nickname"],
        "group": row["group_name"],
        "is_demo": bool(row["is_demo"]),
        "created_at": iso(row["created_at"]),
    }


def from_file(student: StudentOut) -> dict[str, Any]:
    """The table values of a student read from a results file."""
    return {
        "uuid": student.uuid,
        "nickname": student.nickname,
        "group_name": student.group,
        "is_demo": student.is_demo,
        "created_at": naive(student.created_at),
    }


def to_record(row: Student) -> StudentRecord:
    """The app's record of a stored student."""
    assert row.id is not None
    return StudentRecord(
        id=row.id,
        uuid=row.uuid,
        nickname=row.nickname,
        group=row.group_name,
        created_at=row.created_at,
        is_demo=row.is_demo,
    )
