"""Moving results between computers: one machine exports a file, the teacher's imports many.

Import is idempotent: students, attempts and answers are matched by UUID, so importing the same
file twice (or a newer export of the same machine) adds only what is new. Each file is
imported in one transaction: all of it or, on any failure, none of it. Every file is read and
checked completely (format, version, checksum, rows) before the first one is written.

A student from another machine whose UUID is unknown here but whose nickname, group and demo
flag match a student here is taken to be that student (a class where pupils sit at a different
computer each lesson); their attempts are added to the existing student (``merged``).
An attempt exported while unfinished and imported again once finished gets its finish time.

An exchange file proves little: its checksum catches damage, not forgery (anyone can recompute
it). So an import holds back, unless the teacher accepts them, attempts that would change an
existing student's *first* attempt at a set (reports rest on first attempts): one finished
earlier than the first attempt here, and a first attempt of a student from another computer
who only matches by nickname and group. They are listed in :attr:`ImportSummary.held_back`;
importing the same files again with ``accept_held_back=True`` adds exactly those (UUIDs make
the second run add nothing else).
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO
from uuid import uuid4

from pydantic import ValidationError
from sqlalchemy import String, func, insert, select, type_coerce, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from quizapp import __version__, settings_keys
from quizapp.atomic_file import OutputPathError, atomic_path, check_output_path
from quizapp.core.nickname import normalised
from quizapp.i18n import N_, _
from quizapp.storage.exchange_format import (
    AnswerOut,
    AttemptOut,
    CheckedFile,
    ExchangeError,
    Payload,
    ResultsFile,
    StudentOut,
    check_results_file,
    envelope,
    read_results_file,
)
from quizapp.storage.results_store import ResultsStore
from quizapp.storage.rows import answer as answer_rows
from quizapp.storage.rows import attempt as attempt_rows
from quizapp.storage.rows import student as student_rows
from quizapp.storage.rows.fields import UNREADABLE_TIME, FileRow, read_time
from quizapp.storage.rows.fields import naive as _naive
from quizapp.storage.tables import decode_list
from quizapp.user_error import shown_path

MACHINE_ID_KEY = settings_keys.MACHINE_ID
_CHUNK = 500  # ids per "IN (...)" list, well below SQLite's variable limit
_INSERT_BATCH = 5000  # rows per INSERT of an import: bounded memory, few round trips
_STUDENT = student_rows.TABLE
_ATTEMPT = attempt_rows.TABLE
_ANSWER = answer_rows.TABLE
_SETTING = SQLModel.metadata.tables["setting"]


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    machine_id: str
    students: int
    attempts: int
    answers: int
    #: Damaged rows left out, as ``report`` leaves them out (the file stays importable).
    skipped: list[ExportSkipped] = field(default_factory=list)


@dataclass
class KindCounts:
    """Rows of one kind: added, and skipped because they were here already."""

    added: int = 0
    skipped: int = 0


class HoldReason(StrEnum):
    """Why an attempt was held back."""

    #: Finished before the student's first attempt at the set here: it would replace it.
    EARLIER_THAN_FIRST = "earlier_than_first"
    #: The first attempt at the set of a student from another computer with the same nickname.
    OTHER_COMPUTER = "other_computer"


class RefuseReason(StrEnum):
    """Why an attempt was refused for good (accepting held-back attempts does not add it)."""

    #: The file's student carries the id of a student here with another nickname or group.
    STUDENT_OF_ANOTHER = "student_of_another"
    #: The attempt carries the id of an attempt here that belongs to another student.
    ATTEMPT_OF_ANOTHER = "attempt_of_another"


@dataclass(frozen=True)
class Refused:
    """An attempt never imported: it would have written into another student's rows.

    ``nickname``/``group`` are the file's; ``owner_*`` name the student here whose rows it
    would have changed.
    """

    nickname: str
    group: str
    owner_nickname: str
    owner_group: str
    set_id: str
    started_at: datetime  # naive UTC
    reason: RefuseReason


@dataclass(frozen=True)
class HeldBack:
    """An attempt not imported (unless accepted) because it would change a first attempt."""

    nickname: str
    group: str
    set_id: str
    started_at: datetime  # naive UTC
    reason: HoldReason


@dataclass
class StudentAdded:
    """What an import added for one student (``new``: the student was not here before)."""

    nickname: str
    group: str
    new: bool
    attempts: int = 0
    answers: int = 0


@dataclass
class ImportSummary:
    """What an import added; ``merged`` students matched an existing nickname and group."""

    files: list[Path] = field(default_factory=list)
    students: KindCounts = field(default_factory=KindCounts)
    attempts: KindCounts = field(default_factory=KindCounts)
    answers: KindCounts = field(default_factory=KindCounts)
    merged_students: int = 0
    completed_attempts: int = 0
    #: Per student (by nickname and group), what was added; only students with something new.
    per_student: dict[tuple[str, str], StudentAdded] = field(default_factory=dict)
    held_back: list[HeldBack] = field(default_factory=list)
    #: Attempts that would have written into another student's rows (never imported).
    refused: list[Refused] = field(default_factory=list)

    def add(self, other: ImportSummary) -> None:
        """Add ``other``'s counts to these."""
        self.files += other.files
        for name in ("students", "attempts", "answers"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.added += theirs.added
            mine.skipped += theirs.skipped
        self.merged_students += other.merged_students
        self.completed_attempts += other.completed_attempts
        for key, added in other.per_student.items():
            mine_added = self.per_student.setdefault(
                key, StudentAdded(added.nickname, added.group, added.new)
            )
            mine_added.attempts += added.attempts
            mine_added.answers += added.answers
        self.held_back += other.held_back
        self.refused += other.refused


def export_results(
    source: ResultsStore,
    out_path: Path,
    *,
    compress: bool | None = None,
    protected: Sequence[Path] = (),
) -> ExportSummary:
    """Write every student, attempt and answer of this machine to ``out_path``.

    Compressed with gzip when ``compress`` is true, or (``None``) when the name ends in
    ``.gz``. Nothing is written into the database's own folder or another ``protected``
    one. Raises :class:`ExchangeError` when the file cannot be written.
    """
    out_path = Path(out_path)
    protected = [*protected, *source.protected_folders]
    try:
        check_output_path(out_path, protected)  # before anything is read or stored
    except OutputPathError as exc:
        raise ExchangeError(exc.message, exc.hint, exc.path) from exc
    data, summary = _export_data(
        source, out_path, compress=compress or (compress is None and out_path.suffix == ".gz")
    )
    try:
        with atomic_path(
            out_path, protected=protected, verify=lambda temp: temp.stat().st_size == len(data)
        ) as temp:
            temp.write_bytes(data)
    except OutputPathError as exc:
        raise ExchangeError(exc.message, exc.hint, exc.path) from exc
    return summary


def export_to_stream(
    source: ResultsStore, stream: BinaryIO, *, compress: bool = False
) -> ExportSummary:
    """Write the export to ``stream`` (standard output); ``path`` in the summary is ``-``."""
    data, summary = _export_data(source, Path("-"), compress=compress)
    stream.write(data)
    stream.flush()
    return summary


def _export_data(
    source: ResultsStore, path: Path, *, compress: bool
) -> tuple[bytes, ExportSummary]:
    machine_id = machine_id_of(source)
    payload, skipped = _read_payload(source)
    exported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = envelope(payload, machine_id, exported_at, __version__)
    if compress:
        data = gzip.compress(data, mtime=0)
    summary = ExportSummary(
        path,
        machine_id,
        len(payload["students"]),
        len(payload["attempts"]),
        len(payload["answers"]),
        skipped,
    )
    return data, summary


def machine_id_of(source: ResultsStore) -> str:
    """This database's machine id (made and stored on first use)."""
    with source.reading() as conn:
        found = conn.execute(
            select(_SETTING.c.value).where(_SETTING.c.key == MACHINE_ID_KEY)
        ).scalar()
    if found:
        return str(found)
    new_id = str(uuid4())
    with source.writing() as conn:
        # Another process may have stored an id meanwhile; theirs wins.
        dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
        statement = dialect_insert(_SETTING).on_conflict_do_nothing(index_elements=["key"])
        conn.execute(statement, {"key": MACHINE_ID_KEY, "value": new_id})
        return str(
            conn.execute(select(_SETTING.c.value).where(_SETTING.c.key == MACHINE_ID_KEY)).scalar()
        )


#: Columns read as the driver returns them (no decoding), decoded row by row in
#: :func:`_decoded`: one damaged row is left out of an export instead of failing it.
_LISTS = {"question_ids", "chosen"}
_TIMES = {"created_at", "started_at", "finished_at", "answered_at"}


@dataclass(frozen=True)
class ExportSkipped:
    """A stored row left out of an export (as ``report`` leaves it out): ``kind`` is
    "student", "attempt" or "answer"; ``reason`` is untranslated (N_)."""

    kind: str
    id: int
    reason: str


def _raw(table: Any) -> list[Any]:
    return [type_coerce(column, String).label(column.name) for column in table.c]


def _decoded(row: Any) -> dict[str, Any]:
    """A raw row's values decoded as the table's types would; ``ValueError`` names the problem."""
    values = dict(row)
    for name in _LISTS & values.keys():
        try:
            values[name] = decode_list(values[name])
        except (ValueError, TypeError):
            what = "chosen answers" if name == "chosen" else "list of questions"
            raise ValueError(f"the {what} cannot be read") from None
    for name in _TIMES & values.keys():
        if values[name] is None and name == "finished_at":
            continue
        moment = read_time(values[name])
        if moment is UNREADABLE_TIME:
            raise ValueError("a time cannot be read")
        values[name] = moment
    if "seconds" in values and (
        isinstance(values["seconds"], bool) or not isinstance(values["seconds"], float | int)
    ):
        raise ValueError("the time taken is not a number")
    return values


_SKIP_REASONS = {
    "the chosen answers cannot be read": N_("the chosen answers cannot be read"),
    "the list of questions cannot be read": N_("the list of questions cannot be read"),
    "a time cannot be read": N_("a time cannot be read"),
    "the time taken is not a number": N_("the time taken is not a number"),
}


def _file_rows(
    kind: str,
    rows: Sequence[Any],
    to_file: Any,
    model: type[FileRow],
    skipped: list[ExportSkipped],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``(decoded row, row as the file writes it)`` for each row an import would accept."""
    kept = []
    for row in rows:
        try:
            values = _decoded(row)
            out = to_file(values)
            model.model_validate(out, strict=False)
        except ValidationError:
            skipped.append(ExportSkipped(kind, row["id"], N_("a value is out of range")))
        except (ValueError, TypeError, KeyError) as exc:
            reason = _SKIP_REASONS.get(str(exc), N_("a value cannot be read"))
            skipped.append(ExportSkipped(kind, row["id"], reason))
        else:
            kept.append((values, out))
    return kept


def _read_payload(source: ResultsStore) -> tuple[dict[str, Any], list[ExportSkipped]]:
    """Every row that an import would accept, and the damaged ones left out (with those whose
    student or attempt was left out)."""
    with source.reading() as conn:
        students = conn.execute(select(*_raw(_STUDENT))).mappings().all()
        attempts = conn.execute(select(*_raw(_ATTEMPT))).mappings().all()
        answers = conn.execute(select(*_raw(_ANSWER))).mappings().all()
    skipped: list[ExportSkipped] = []
    kept_students = _file_rows("student", students, student_rows.to_file, StudentOut, skipped)
    student_uuid = {values["id"]: values["uuid"] for values, _out in kept_students}
    usable = [row for row in attempts if row["student_id"] in student_uuid]
    skipped += [
        ExportSkipped("attempt", row["id"], N_("its student was left out"))
        for row in attempts
        if row["student_id"] not in student_uuid
    ]
    kept_attempts = _file_rows(
        "attempt",
        usable,
        lambda r: attempt_rows.to_file(r, student_uuid[r["student_id"]]),
        AttemptOut,
        skipped,
    )
    attempt_uuid = {values["id"]: values["uuid"] for values, _out in kept_attempts}
    usable = [row for row in answers if row["attempt_id"] in attempt_uuid]
    skipped += [
        ExportSkipped("answer", row["id"], N_("its attempt was left out"))
        for row in answers
        if row["attempt_id"] not in attempt_uuid
    ]
    kept_answers = _file_rows(
        "answer",
        usable,
        lambda r: answer_rows.to_file(r, attempt_uuid[r["attempt_id"]]),
        AnswerOut,
        skipped,
    )
    payload = {
        "students": [out for _values, out in kept_students],
        "attempts": [out for _values, out in kept_attempts],
        "answers": [out for _values, out in kept_answers],
    }
    return payload, skipped


def check_files(paths: Sequence[Path]) -> list[CheckedFile]:
    """Check every file completely (nothing is written); raise :class:`ExchangeError`.

    Done before a database is even opened, so a bad file never leaves an empty one behind.
    Only each file's digest is kept, not its rows: checking 30 files needs the memory of one.
    """
    return [check_results_file(Path(path)) for path in paths]


def import_results(
    target: ResultsStore,
    paths: Sequence[Path] | Sequence[CheckedFile],
    *,
    accept_held_back: bool = False,
) -> ImportSummary:
    """Import exchange files; return what was added. Raises :class:`ExchangeError`.

    All files are checked before any is written (or pass files already checked with
    :func:`check_files`), so one bad file imports nothing; each good file is then read again,
    one at a time (its bytes must be those checked), and goes in with its own transaction.
    Attempts that would change a first attempt are held back unless ``accept_held_back``
    (see the module's description).
    """
    files = [item if isinstance(item, CheckedFile) else check_results_file(item) for item in paths]
    total = ImportSummary()
    for checked in files:
        path = checked.path
        payload = read_results_file(path, checked).payload
        summary = insert_payload(target, payload, path, accept_held_back=accept_held_back)
        del payload  # before the next file is read
        summary.files.append(path)
        total.add(summary)
        logging.getLogger(__name__).info(
            "imported %s: %d students, %d attempts, %d answers added; %d answers were here",
            path,
            summary.students.added,
            summary.attempts.added,
            summary.answers.added,
            summary.answers.skipped,
        )
    return total


def insert_payload(
    target: ResultsStore,
    payload: Payload,
    path: Path | None = None,
    *,
    accept_held_back: bool = False,
) -> ImportSummary:
    """Insert ``payload``'s new rows in one transaction (all or nothing)."""
    summary = ImportSummary()
    try:
        with target.writing() as conn:
            students = _insert_students(conn, payload, summary)
            attempts = _insert_attempts(
                conn, payload, students, summary, accept_held_back=accept_held_back
            )
            _insert_answers(conn, payload, attempts, students, summary)
    except IntegrityError as exc:
        where = path or Path("-")
        message = _(N_("%(path)s conflicts with results already here; nothing was imported."))
        raise ExchangeError(message % {"path": shown_path(where)}, "", path) from exc
    return summary


@dataclass
class _Here:
    """A file's student as matched here: their id and how they were matched."""

    id: int
    new: bool  # added by this import
    by_name: bool  # matched by nickname and group, not by UUID (another computer)
    record: StudentOut
    #: The nickname and group of the student here whose id the file's student carries under
    #: another name (a forged file): none of its rows are imported.
    posing_as: tuple[str, str] | None = None


def _insert_students(
    conn: Connection, payload: Payload, summary: ImportSummary
) -> dict[str, _Here]:
    """Map each of the file's student UUIDs to a student here, adding new students."""
    by_uuid = _existing(
        conn, _STUDENT, [s.uuid for s in payload.students], "nickname", "group_name", "is_demo"
    )
    # Matched on the normalised names (the file's are normalised when it is read; rows stored
    # by older versions may not be), so a look-alike "Anna\u200b" is Anna.
    by_name: dict[tuple[str, str, bool], int] = {}
    for row in conn.execute(
        select(_STUDENT.c.id, _STUDENT.c.nickname, _STUDENT.c.group_name, _STUDENT.c.is_demo)
    ):
        name_key = (normalised(row.nickname), normalised(row.group_name), bool(row.is_demo))
        by_name.setdefault(name_key, row.id)
    found: dict[str, _Here] = {}
    for student in payload.students:
        key = (student.nickname, student.group, student.is_demo)
        if student.uuid in by_uuid:
            student_id, nickname, group, demo = by_uuid[student.uuid]
            stored = (normalised(nickname), normalised(group), bool(demo))
            posing_as = None if stored == key else (nickname, group)
            found[student.uuid] = _Here(
                student_id, new=False, by_name=False, record=student, posing_as=posing_as
            )
            summary.students.skipped += 1
        elif key in by_name:
            found[student.uuid] = _Here(by_name[key], new=False, by_name=True, record=student)
            summary.merged_students += 1
        else:
            values = student_rows.from_file(student)
            inserted = conn.execute(insert(_STUDENT), values).inserted_primary_key
            assert inserted is not None
            by_name[key] = int(inserted[0])
            found[student.uuid] = _Here(by_name[key], new=True, by_name=False, record=student)
            summary.students.added += 1
            _added(summary, found[student.uuid])
    return found


def _added(summary: ImportSummary, here: _Here) -> StudentAdded:
    record = here.record
    return summary.per_student.setdefault(
        (record.nickname, record.group), StudentAdded(record.nickname, record.group, here.new)
    )


def _first_finishes(
    conn: Connection, student_ids: Iterable[int]
) -> dict[tuple[int, str], datetime | None]:
    """When each student's first finished full attempt at each set ended, as stored here."""
    wanted = sorted(set(student_ids))
    found: dict[tuple[int, str], datetime | None] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        # As text, parsed here: a damaged time in an old row must not fail the import.
        first_finish = type_coerce(func.min(_ATTEMPT.c.finished_at), String)
        query = (
            select(_ATTEMPT.c.student_id, _ATTEMPT.c.set_id, first_finish)
            .where(
                _ATTEMPT.c.student_id.in_(chunk),
                _ATTEMPT.c.mode == "full",
                _ATTEMPT.c.finished_at.is_not(None),
            )
            .group_by(_ATTEMPT.c.student_id, _ATTEMPT.c.set_id)
        )
        for student_id, set_id, first in conn.execute(query):
            found[(student_id, set_id)] = _stored_time(first)
    return found


def _stored_time(value: object) -> datetime | None:
    """A stored time (text in SQLite, a datetime elsewhere); ``None`` if it cannot be read."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _hold_reason(
    attempt: AttemptOut, here: _Here, firsts: dict[tuple[int, str], datetime | None]
) -> HoldReason | None:
    """Why ``attempt`` would change a first attempt that is already settled (``None``: it won't)."""
    if here.new or attempt.mode != "full" or attempt.finished_at is None:
        return None
    first = firsts.get((here.id, attempt.set_id))
    finished = _naive(attempt.finished_at)
    if first is not None and _naive(first) > finished:
        return HoldReason.EARLIER_THAN_FIRST
    if first is None and here.by_name:
        return HoldReason.OTHER_COMPUTER
    return None


def _refusal(
    conn: Connection, attempt: AttemptOut, here: _Here, existing: dict[str, Any]
) -> Refused | None:
    """Why ``attempt`` would write into another student's rows here (``None``: it won't).

    UUIDs travel in every export, so a forger can copy a classmate's student or attempt id.
    """
    owner = here.posing_as
    reason = RefuseReason.STUDENT_OF_ANOTHER
    found = existing.get(attempt.uuid)
    if owner is None and found is not None and found[2] != here.id:
        reason = RefuseReason.ATTEMPT_OF_ANOTHER
        names = select(_STUDENT.c.nickname, _STUDENT.c.group_name).where(_STUDENT.c.id == found[2])
        nickname, group = conn.execute(names).one()
        owner = (nickname, group)
    if owner is None:
        return None
    record = here.record
    started = _naive(attempt.started_at)
    return Refused(record.nickname, record.group, *owner, attempt.set_id, started, reason)


def _insert_attempts(
    conn: Connection,
    payload: Payload,
    students: dict[str, _Here],
    summary: ImportSummary,
    *,
    accept_held_back: bool,
) -> dict[str, int]:
    existing = _existing(
        conn, _ATTEMPT, [a.uuid for a in payload.attempts], "finished_at", "student_id"
    )
    firsts = _first_finishes(conn, (here.id for here in students.values()))
    new_rows: list[dict[str, Any]] = []
    # Oldest first, so an attempt that became a student's first here is compared with the next.
    for attempt in sorted(payload.attempts, key=lambda a: _naive(a.started_at)):
        here = students[attempt.student]
        refused = _refusal(conn, attempt, here, existing)
        if refused is not None:  # never, not even when held-back attempts are accepted
            summary.refused.append(refused)
            existing.pop(attempt.uuid, None)  # its answers are refused with it
            continue
        reason = _hold_reason(attempt, here, firsts)
        # (An attempt here already and finished changes nothing, so it is never held back.)
        unchanged = attempt.uuid in existing and existing[attempt.uuid][1] is not None
        if reason is not None and not accept_held_back and not unchanged:
            summary.held_back.append(
                HeldBack(
                    here.record.nickname,
                    here.record.group,
                    attempt.set_id,
                    _naive(attempt.started_at),
                    reason,
                )
            )
            existing.pop(attempt.uuid, None)  # its answers are held back with it
            continue
        if attempt.mode == "full" and attempt.finished_at is not None:
            key = (here.id, attempt.set_id)
            known = firsts.get(key)
            if known is None or _naive(known) > _naive(attempt.finished_at):
                firsts[key] = _naive(attempt.finished_at)
        if attempt.uuid in existing:
            summary.attempts.skipped += 1
            if existing[attempt.uuid][1] is None and attempt.finished_at is not None:
                conn.execute(
                    update(_ATTEMPT)
                    .where(_ATTEMPT.c.uuid == attempt.uuid)
                    .values(finished_at=_naive(attempt.finished_at))
                )
                summary.completed_attempts += 1
            continue
        new_rows.append(attempt_rows.from_file(attempt, here.id))
        _added(summary, here).attempts += 1
    if new_rows:
        conn.execute(insert(_ATTEMPT), new_rows)
    summary.attempts.added += len(new_rows)
    ids = {uuid: row[0] for uuid, row in existing.items()}
    ids.update(_existing(conn, _ATTEMPT, [row["uuid"] for row in new_rows]))
    return ids


def _insert_answers(
    conn: Connection,
    payload: Payload,
    attempts: dict[str, int],
    students: dict[str, _Here],
    summary: ImportSummary,
) -> None:
    existing = _existing(conn, _ANSWER, [a.uuid for a in payload.answers])
    student_of = {a.uuid: students[a.student] for a in payload.attempts}
    new_rows = []
    for a in payload.answers:
        if a.uuid in existing or a.attempt not in attempts:  # here already, or held back
            continue
        new_rows.append(answer_rows.from_file(a, attempts[a.attempt]))
        _added(summary, student_of[a.attempt]).answers += 1
        if len(new_rows) >= _INSERT_BATCH:  # a whole file's rows as dicts would double memory
            conn.execute(insert(_ANSWER), new_rows)
            summary.answers.added += len(new_rows)
            new_rows = []
    if new_rows:
        conn.execute(insert(_ANSWER), new_rows)
    summary.answers.added += len(new_rows)
    summary.answers.skipped += len(existing)


def _existing(conn: Connection, table: Any, uuids: Iterable[str], *extra: str) -> dict[str, Any]:
    """``uuid → (id, *extra columns)`` for the rows of ``table`` that already exist."""
    found: dict[str, Any] = {}
    wanted = list(uuids)
    columns = [table.c.uuid, table.c.id, *(table.c[name] for name in extra)]
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for row in conn.execute(select(*columns).where(table.c.uuid.in_(chunk))):
            found[row[0]] = tuple(row[1:]) if extra else row[1]
    return found


__all__ = [
    "CheckedFile",
    "ExchangeError",
    "ExportSkipped",
    "ExportSummary",
    "HeldBack",
    "HoldReason",
    "ImportSummary",
    "KindCounts",
    "RefuseReason",
    "Refused",
    "ResultsFile",
    "ResultsStore",
    "StudentAdded",
    "check_files",
    "export_results",
    "export_to_stream",
    "import_results",
    "insert_payload",
    "machine_id_of",
    "read_results_file",
]
