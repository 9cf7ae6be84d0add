"""One student's data: a copy for them (export as JSON) and erasing it completely (delete).

Deleting overwrites what it removes: ``PRAGMA secure_delete`` zeroes the freed pages, the WAL
is checkpointed and truncated, and ``VACUUM`` rebuilds the file, so the nickname is no longer
in the database file or its WAL afterwards (not even in free pages). Copies made elsewhere –
result exports, the backup made before a schema upgrade, a damaged file moved aside – are not
touched; the teacher deletes those by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from quizapp import __version__, settings_keys
from quizapp.atomic_file import atomic_path
from quizapp.storage.records import AttemptRecord, StudentRecord
from quizapp.storage.repository import Repository, student_language_key

FORMAT = "quizapp-student-data"
FORMAT_VERSION = 1
# The start view remembers the last nickname (quizapp.ui.controllers.start_controller); it is
# personal data too. Storage may not import the UI, so the key is repeated here.
LAST_NICKNAME_SETTING = settings_keys.LAST_NICKNAME


@dataclass(frozen=True)
class DeletedStudent:
    """What :func:`delete_student` removed."""

    nickname: str
    attempts: int
    answers: int


def student_payload(repository: Repository, student_id: int) -> dict[str, Any]:
    """Everything stored about the student as JSON-ready data (``ValueError`` if unknown)."""
    student = repository.student(student_id)
    if student is None:
        raise ValueError(f"no student with id {student_id}")
    attempts = sorted(repository.history(student_id), key=lambda a: (a.started_at, a.id))
    # The remembered language is a setting of one computer's file; a class database has none.
    language = None if repository.is_server else repository.student_language(student)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "student": {**_student_out(student), "language": language},
        "attempts": [_attempt_out(attempt) for attempt in attempts],
    }


def export_student(repository: Repository, student_id: int, out_path: Path) -> Path:
    """Write the student's data as UTF-8 JSON to ``out_path``, all at once or not at all.

    Raises :class:`~quizapp.atomic_file.OutputPathError` (message and hint for the user) when
    the file cannot be written, ``ValueError`` for an unknown student.
    """
    payload = student_payload(repository, student_id)
    data = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    out_path = Path(out_path)
    # Never into the data folder, where it could replace the database itself.
    with atomic_path(out_path, protected=repository.protected_folders) as temp:
        temp.write_text(data, encoding="utf-8")
    return out_path


def delete_student(repository: Repository, student_id: int) -> DeletedStudent:
    """Erase the student, their attempts and answers in one transaction, leaving no trace.

    Raises ``ValueError`` for an unknown student and :class:`StorageError` when the file
    cannot be written (then nothing was deleted).
    """
    student = repository.student(student_id)
    if student is None:
        raise ValueError(f"no student with id {student_id}")
    if repository.is_server:
        raise ValueError("students are deleted on the class database by its administrator")
    attempts = "SELECT id FROM attempt WHERE student_id = ?"
    with repository.maintenance() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # Per connection: freed pages are overwritten with zeros, not just unlinked.
        raw.execute("PRAGMA secure_delete = ON")
        try:
            answers = conn.exec_driver_sql(  # begins the IMMEDIATE transaction
                f"DELETE FROM answer WHERE attempt_id IN ({attempts})", (student_id,)
            ).rowcount
            removed = conn.exec_driver_sql(
                "DELETE FROM attempt WHERE student_id = ?", (student_id,)
            ).rowcount
            conn.exec_driver_sql("DELETE FROM student WHERE id = ?", (student_id,))
            conn.exec_driver_sql(
                "DELETE FROM setting WHERE key = ? AND value = ?",
                (LAST_NICKNAME_SETTING, student.nickname),
            )
            conn.exec_driver_sql(
                "DELETE FROM setting WHERE key = ?", (student_language_key(student),)
            )
            conn.commit()
            # Outside any transaction (VACUUM refuses to run inside one): copy the WAL
            # into the file and empty it, rebuild the file without free pages, and empty
            # the WAL again (VACUUM wrote the new pages through it).
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.execute("PRAGMA secure_delete = OFF")
    return DeletedStudent(student.nickname, removed, answers)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None


def _student_out(student: StudentRecord) -> dict[str, Any]:
    return {
        "uuid": student.uuid,
        "nickname": student.nickname,
        "group": student.group,
        "is_demo": student.is_demo,
        "created_at": _iso(student.created_at),
    }


def _attempt_out(attempt: AttemptRecord) -> dict[str, Any]:
    return {
        "uuid": attempt.uuid,
        "set_id": attempt.set_id,
        "language": attempt.language,
        "mode": attempt.mode,
        "question_ids": list(attempt.question_ids),
        "started_at": _iso(attempt.started_at),
        "finished_at": _iso(attempt.finished_at),
        "score": attempt.score if attempt.finished else None,
        "total": attempt.total,
        "answers": [
            {
                "uuid": answer.uuid,
                "question_id": answer.result.question_id,
                "chosen": sorted(answer.result.chosen),
                "correct": answer.result.correct,
                "confidence": (
                    answer.result.confidence.value if answer.result.confidence else None
                ),
                "seconds": answer.result.seconds,
                "answered_at": _iso(answer.answered_at),
            }
            for answer in attempt.answers
        ],
    }
