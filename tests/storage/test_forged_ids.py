"""Forged ids (issue 27.1): a results file that copies a classmate's student or attempt UUID
(UUIDs are in every export) never writes into that classmate's rows, on a teacher's SQLite
file and on the class database alike, and the summary names whose rows were aimed at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.storage.exchange import RefuseReason, import_results
from quizapp.storage.exchange_format import envelope
from quizapp.storage.import_texts import refused_lines
from quizapp.storage.records import AttemptRecord
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2", "q3"]
OpenStore = Callable[[], Repository]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OpenStore:
    """How to open the database the teacher imports into: a file, or the class database."""
    if request.param == "sqlite":
        return lambda: Repository.open(tmp_path / "teacher")
    server: PostgresServer = request.getfixturevalue("pg_server")
    database: str = request.getfixturevalue("pg_database")
    return lambda: Repository.connect(server.url(database))


def _anna_unfinished(repo: Repository) -> AttemptRecord:
    """Anna (8b) answered one question of three and has not finished."""
    anna = repo.get_or_create_student("Anna", "8b")
    attempt = repo.start_attempt(anna.id, "mini", "en", QUESTIONS, seed=1)
    repo.save_answer(
        attempt.id,
        AnswerResult(
            "q1", frozenset({"b"}), correct=False, confidence=None, seconds=3.0, question_hash="h"
        ),
    )
    return attempt


def _file(path: Path, student: dict[str, Any], attempt_uuid: str) -> Path:
    """A results file with a valid checksum: ``student`` answered the two questions Anna has
    not answered yet, right, and finished (the unique question key does not stop it)."""
    payload = {
        "students": [{"is_demo": False, "created_at": "2025-03-10T08:00:00", **student}],
        "attempts": [
            {
                "uuid": attempt_uuid,
                "student": student["uuid"],
                "set_id": "mini",
                "language": "en",
                "seed": 1,
                "question_ids": QUESTIONS,
                "started_at": "2025-03-10T09:00:00",
                "finished_at": "2025-03-10T09:05:00",
            }
        ],
        "answers": [
            {
                "uuid": f"forged-{n}",
                "attempt": attempt_uuid,
                "question_id": question,
                "question_hash": "h",
                "chosen": ["a"],
                "correct": True,
                "seconds": 5.0,
                "answered_at": f"2025-03-10T09:0{n}:00",
            }
            for n, question in enumerate(QUESTIONS[1:], start=1)
        ],
    }
    path.write_bytes(envelope(payload, "forger", "2025-03-10T12:00:00Z", "0.1.0"))
    return path


def _anna_unchanged(repo: Repository, attempt: AttemptRecord) -> None:
    (student,) = [s for s in repo.students() if s.nickname == "Anna"]
    (only,) = repo.history(student.id)
    assert only.id == attempt.id and not only.finished  # not turned into a finished first try
    assert [a.result.question_id for a in only.answers] == ["q1"]


def test_a_new_student_carrying_a_classmates_attempt_id_writes_nothing_into_it(
    store: OpenStore, tmp_path: Path
) -> None:
    with store() as repo:
        attempt = _anna_unfinished(repo)
        mallory = {"uuid": "mallory-1", "nickname": "Mallory", "group": "8b"}
        forged = _file(tmp_path / "forged.json", mallory, attempt.uuid)
        summary = import_results(repo, [forged], accept_held_back=True)  # not even accepted
        _anna_unchanged(repo, attempt)
        assert summary.answers.added == 0 and summary.completed_attempts == 0
        (refused,) = summary.refused
        assert refused.reason is RefuseReason.ATTEMPT_OF_ANOTHER
        assert (refused.owner_nickname, refused.owner_group) == ("Anna", "8b")
        (line,) = refused_lines(summary)
        print(f"\n{line}")
        assert "Mallory (group 8b)" in line and "an attempt by Anna (group 8b) here" in line
        assert all(added.answers == 0 for added in summary.per_student.values())


def test_a_file_giving_a_classmates_student_id_another_name_adds_nothing_to_her(
    store: OpenStore, tmp_path: Path
) -> None:
    with store() as repo:
        attempt = _anna_unfinished(repo)
        (anna,) = repo.students()
        posing = {"uuid": anna.uuid, "nickname": "Mallory", "group": "9z"}
        forged = _file(tmp_path / "forged.json", posing, "new-attempt-1")
        summary = import_results(repo, [forged], accept_held_back=True)
        _anna_unchanged(repo, attempt)
        assert [s.nickname for s in repo.students()] == ["Anna"]  # not renamed either
        assert summary.attempts.added == 0 and not summary.per_student
        (refused,) = summary.refused
        assert refused.reason is RefuseReason.STUDENT_OF_ANOTHER
        assert (refused.nickname, refused.group) == ("Mallory", "9z")
        assert (refused.owner_nickname, refused.owner_group) == ("Anna", "8b")


def test_the_command_line_names_whose_rows_a_forged_file_aimed_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teacher = tmp_path / "teacher"
    with Repository.open(teacher) as repo:
        attempt = _anna_unfinished(repo)
    mallory = {"uuid": "mallory-1", "nickname": "Mallory", "group": "8b"}
    forged = _file(tmp_path / "forged.json", mallory, attempt.uuid)
    args = ["--lang", "en", "--data-dir", str(teacher), "results", "import", str(forged)]
    assert main([*args, "--accept-backdated"]) == 0
    printed = capsys.readouterr()
    print(printed.out + printed.err)
    assert "Added 1 student, 0 attempts and 0 answers." in printed.out
    refused = "1 attempt was refused: it would have changed another student’s results"
    assert refused in printed.err
    assert "Mallory (group 8b), set “mini”" in printed.err
    assert "by Anna (group 8b) here" in printed.err
    with Repository.open(teacher) as repo:
        _anna_unchanged(repo, attempt)
