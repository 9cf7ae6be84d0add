"""Moving results between computers: one machine exports a file, the teacher's imports many.

Import is idempotent: students, attempts and answers are matched by UUID, so importing the same
file twice (or a newer export of the same machine) adds only what is new. Each file is
imported in one transaction: all of it or, on any failure, none of it. Every file is read and
checked completely (format, version, checksum, rows) before the first one is written.

A student from another machine whose UUID is unknown here but whose nickname, group and demo
flag match a student here is taken to be that student (a class where pupils sit at a different
computer each lesson); their attempts are added to the existing student (``merged``).
An attempt exported while unfinished and imported again once finished gets its finish time.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from uuid import uuid4

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import SQLModel

from quizapp import __version__
from quizapp.atomic_file import OutputPathError, atomic_path
from quizapp.i18n import N_, _
from quizapp.storage import tables as _tables  # noqa: F401  (registers the tables)
from quizapp.storage.engine import storage_error, write_engine
from quizapp.storage.exchange_format import (
    ExchangeError,
    Payload,
    ResultsFile,
    envelope,
    read_results_file,
)

MACHINE_ID_KEY = "machine_id"
_CHUNK = 500  # ids per "IN (...)" list, well below SQLite's variable limit
_STUDENT = SQLModel.metadata.tables["student"]
_ATTEMPT = SQLModel.metadata.tables["attempt"]
_ANSWER = SQLModel.metadata.tables["answer"]
_SETTING = SQLModel.metadata.tables["setting"]


class _HasEngine(Protocol):
    """Anything with an engine: a :class:`~quizapp.storage.repository.Repository`."""

    @property
    def engine(self) -> Engine:
        """The database engine."""
        ...


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    machine_id: str
    students: int
    attempts: int
    answers: int


@dataclass
class KindCounts:
    """Rows of one kind: added, and skipped because they were here already."""

    added: int = 0
    skipped: int = 0


@dataclass
class ImportSummary:
    """What an import added; ``merged`` students matched an existing nickname and group."""

    files: list[Path] = field(default_factory=list)
    students: KindCounts = field(default_factory=KindCounts)
    attempts: KindCounts = field(default_factory=KindCounts)
    answers: KindCounts = field(default_factory=KindCounts)
    merged_students: int = 0
    completed_attempts: int = 0

    def add(self, other: ImportSummary) -> None:
        """Add ``other``'s counts to these."""
        self.files += other.files
        for name in ("students", "attempts", "answers"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.added += theirs.added
            mine.skipped += theirs.skipped
        self.merged_students += other.merged_students
        self.completed_attempts += other.completed_attempts


def _engine(source: Engine | _HasEngine) -> Engine:
    return source if isinstance(source, Engine) else source.engine


def export_results(
    source: Engine | _HasEngine, out_path: Path, *, compress: bool | None = None
) -> ExportSummary:
    """Write every student, attempt and answer of this machine to ``out_path``.

    Compressed with gzip when ``compress`` is true, or (``None``) when the name ends in
    ``.gz``. Raises :class:`ExchangeError` when the file cannot be written.
    """
    engine = _engine(source)
    out_path = Path(out_path)
    machine_id = machine_id_of(engine)
    payload = _read_payload(engine)
    exported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = envelope(payload, machine_id, exported_at, __version__)
    if compress or (compress is None and out_path.suffix == ".gz"):
        data = gzip.compress(data, mtime=0)
    try:
        with atomic_path(out_path) as temp:
            temp.write_bytes(data)
    except OutputPathError as exc:
        raise ExchangeError(exc.message, exc.hint, exc.path) from exc
    return ExportSummary(
        out_path,
        machine_id,
        len(payload["students"]),
        len(payload["attempts"]),
        len(payload["answers"]),
    )


def machine_id_of(engine: Engine) -> str:
    """This database's machine id (made and stored on first use)."""
    with engine.connect() as conn:
        found = conn.execute(
            select(_SETTING.c.value).where(_SETTING.c.key == MACHINE_ID_KEY)
        ).scalar()
    if found:
        return str(found)
    new_id = str(uuid4())
    with _translated(engine), write_engine(engine).begin() as conn:
        # OR IGNORE: another process may have stored an id meanwhile; theirs wins.
        statement = insert(_SETTING).prefix_with("OR IGNORE")
        conn.execute(statement, {"key": MACHINE_ID_KEY, "value": new_id})
        return str(
            conn.execute(select(_SETTING.c.value).where(_SETTING.c.key == MACHINE_ID_KEY)).scalar()
        )


def _read_payload(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        students = conn.execute(select(_STUDENT)).mappings().all()
        attempts = conn.execute(select(_ATTEMPT)).mappings().all()
        answers = conn.execute(select(_ANSWER)).mappings().all()
    student_uuid = {row["id"]: row["uuid"] for row in students}
    attempt_uuid = {row["id"]: row["uuid"] for row in attempts}
    return {
        "students": [
            {
                "uuid": r["uuid"],
                "nickname": r["nickname"],
                "group": r["group_name"],
                "is_demo": bool(r["is_demo"]),
                "created_at": _iso(r["created_at"]),
            }
            for r in students
        ],
        "attempts": [
            {
                "uuid": r["uuid"],
                "student": student_uuid[r["student_id"]],
                "set_id": r["set_id"],
                "language": r["language"],
                "seed": r["seed"],
                "question_ids": json.loads(r["question_ids"]),
                "mode": r["mode"],
                "started_at": _iso(r["started_at"]),
                "finished_at": _iso(r["finished_at"]) if r["finished_at"] else None,
            }
            for r in attempts
        ],
        "answers": [_answer_out(r, attempt_uuid) for r in answers],
    }


def _answer_out(r: Any, attempt_uuid: dict[int, str]) -> dict[str, Any]:
    return {
        "uuid": r["uuid"],
        "attempt": attempt_uuid[r["attempt_id"]],
        "question_id": r["question_id"],
        "question_hash": r["question_hash"],
        "chosen": json.loads(r["chosen"]),
        "correct": bool(r["correct"]),
        "confidence": r["confidence"],
        "seconds": float(r["seconds"]),
        "answered_at": _iso(r["answered_at"]),
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def import_results(target: Engine | _HasEngine, paths: Sequence[Path]) -> ImportSummary:
    """Import exchange files; return what was added. Raises :class:`ExchangeError`.

    All files are checked before any is written, so one bad file imports nothing; each good
    file then goes in with its own transaction.
    """
    engine = _engine(target)
    files = [(Path(path), read_results_file(Path(path))) for path in paths]
    total = ImportSummary()
    for path, results in files:
        summary = insert_payload(engine, results.payload, path)
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


def insert_payload(engine: Engine, payload: Payload, path: Path | None = None) -> ImportSummary:
    """Insert ``payload``'s new rows in one transaction (all or nothing)."""
    summary = ImportSummary()
    try:
        with _translated(engine), write_engine(engine).begin() as conn:
            students = _insert_students(conn, payload, summary)
            attempts = _insert_attempts(conn, payload, students, summary)
            _insert_answers(conn, payload, attempts, summary)
    except IntegrityError as exc:
        where = path or Path("-")
        message = _(N_("%(path)s conflicts with results already here; nothing was imported."))
        raise ExchangeError(message % {"path": where}, "", path) from exc
    return summary


def _insert_students(conn: Connection, payload: Payload, summary: ImportSummary) -> dict[str, int]:
    """Map each of the file's student UUIDs to a student id here, adding new students."""
    by_uuid = _existing(conn, _STUDENT, [s.uuid for s in payload.students])
    by_name = {
        (row.nickname, row.group_name, bool(row.is_demo)): row.id
        for row in conn.execute(
            select(_STUDENT.c.id, _STUDENT.c.nickname, _STUDENT.c.group_name, _STUDENT.c.is_demo)
        )
    }
    ids: dict[str, int] = {}
    for student in payload.students:
        key = (student.nickname, student.group, student.is_demo)
        if student.uuid in by_uuid:
            ids[student.uuid] = by_uuid[student.uuid]
            summary.students.skipped += 1
        elif key in by_name:
            ids[student.uuid] = by_name[key]
            summary.merged_students += 1
        else:
            values = {
                "uuid": student.uuid,
                "nickname": student.nickname,
                "group_name": student.group,
                "is_demo": student.is_demo,
                "created_at": _naive(student.created_at),
            }
            inserted = conn.execute(insert(_STUDENT), values).inserted_primary_key
            assert inserted is not None
            ids[student.uuid] = by_name[key] = int(inserted[0])
            summary.students.added += 1
    return ids


def _insert_attempts(
    conn: Connection, payload: Payload, students: dict[str, int], summary: ImportSummary
) -> dict[str, int]:
    existing = _existing(conn, _ATTEMPT, [a.uuid for a in payload.attempts], "finished_at")
    new_rows: list[dict[str, Any]] = []
    for attempt in payload.attempts:
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
        new_rows.append(
            {
                "uuid": attempt.uuid,
                "student_id": students[attempt.student],
                "set_id": attempt.set_id,
                "language": attempt.language,
                "seed": attempt.seed,
                "question_ids": json.dumps(attempt.question_ids),
                "mode": attempt.mode,
                "started_at": _naive(attempt.started_at),
                "finished_at": _naive(attempt.finished_at) if attempt.finished_at else None,
            }
        )
    if new_rows:
        conn.execute(insert(_ATTEMPT), new_rows)
    summary.attempts.added += len(new_rows)
    ids = {uuid: row[0] for uuid, row in existing.items()}
    ids.update(_existing(conn, _ATTEMPT, [row["uuid"] for row in new_rows]))
    return ids


def _insert_answers(
    conn: Connection, payload: Payload, attempts: dict[str, int], summary: ImportSummary
) -> None:
    existing = _existing(conn, _ANSWER, [a.uuid for a in payload.answers])
    new_rows = [
        {
            "uuid": a.uuid,
            "attempt_id": attempts[a.attempt],
            "question_id": a.question_id,
            "question_hash": a.question_hash,
            "chosen": json.dumps(sorted(a.chosen)),
            "correct": a.correct,
            "confidence": a.confidence,
            "seconds": a.seconds,
            "answered_at": _naive(a.answered_at),
        }
        for a in payload.answers
        if a.uuid not in existing
    ]
    if new_rows:
        conn.execute(insert(_ANSWER), new_rows)
    summary.answers.added += len(new_rows)
    summary.answers.skipped += len(payload.answers) - len(new_rows)


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


def _naive(moment: datetime) -> datetime:
    """A datetime as stored: naive UTC (files written by this app carry no zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


@contextmanager
def _translated(engine: Engine) -> Iterator[None]:
    """Turn SQLite failures about the file (locked, read-only) into StorageError."""
    try:
        yield
    except DBAPIError as exc:
        error = storage_error(exc, Path(engine.url.database or ""))
        if error is None:
            raise
        raise error from exc


__all__ = [
    "ExchangeError",
    "ExportSummary",
    "ImportSummary",
    "KindCounts",
    "ResultsFile",
    "export_results",
    "import_results",
    "insert_payload",
    "machine_id_of",
    "read_results_file",
]
