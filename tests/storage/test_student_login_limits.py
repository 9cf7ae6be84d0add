"""What a student login can no longer do on a real PostgreSQL class database (issue 27.3 and
27.4): freeze the teacher's report or the administrator's upgrade with a lock, delete or
un-finish its own finished attempts, and pass as a classmate unseen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.reports.dataset import load_dataset
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2"]
UPGRADE_LOCK = 7220531  # migrate.upgrade_server's advisory lock


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(scope="module")
def logins(pg_server: PostgresServer, pg_template: str) -> None:
    pg_server.sql(
        "CREATE ROLE pose_anna LOGIN IN ROLE quizapp_student",
        "CREATE ROLE pose_ben LOGIN IN ROLE quizapp_student",
        "CREATE ROLE pose_teacher LOGIN IN ROLE quizapp_teacher",
    )


def _play(repo: Repository, nickname: str, *, finish: bool = True) -> int:
    student = repo.get_or_create_student(nickname, "8b")
    attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
    for question in QUESTIONS:
        repo.save_answer(
            attempt.id,
            AnswerResult(
                question,
                frozenset({"a"}),
                correct=True,
                confidence=None,
                seconds=2.0,
                question_hash="h",
            ),
        )
    return repo.finish_attempt(attempt.id).id if finish else attempt.id


def test_a_student_login_cannot_lock_the_teacher_out(
    pg_server: PostgresServer, pg_database: str, logins: None, tmp_path: Path
) -> None:
    with Repository.connect(pg_server.url(pg_database, "pose_anna")) as anna:
        _play(anna, "Anna")
    with psycopg.connect(pg_server.dsn(pg_database, "pose_ben")) as ben:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            ben.execute("LOCK TABLE answer IN ACCESS EXCLUSIVE MODE")
        print(f"\nLOCK TABLE answer IN ACCESS EXCLUSIVE MODE as a student: {refused.value}")
        ben.rollback()
        ben.execute("LOCK TABLE answer IN ROW EXCLUSIVE MODE")  # the most it may hold
        out = tmp_path / "class.csv"
        teacher = pg_server.url(pg_database, "pose_teacher")
        assert (
            main(
                [
                    "--lang",
                    "en",
                    "report",
                    "--format",
                    "csv",
                    "--database",
                    teacher,
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        assert "Anna" in out.read_text(encoding="utf-8-sig")


def test_db_upgrade_says_busy_instead_of_waiting_for_ever_on_a_students_lock(
    pg_server: PostgresServer, pg_database: str, logins: None, tmp_path: Path
) -> None:
    with psycopg.connect(pg_server.dsn(pg_database, "pose_ben"), autocommit=True) as ben:
        ben.execute("SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK,))
        done = subprocess.run(
            [
                *(sys.executable, "-m", "quizapp", "--lang", "en", "--data-dir", str(tmp_path)),
                *("db", "upgrade", "--database", pg_server.url(pg_database)),
            ],
            capture_output=True,
            text=True,
            timeout=90,  # waited for ever before: a limit against hanging, not a timing assert
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
    print(done.stderr)
    assert done.returncode == 1
    assert "is busy: another login holds its tables" in done.stderr
    assert "pg_stat_activity" in done.stderr and "Traceback" not in done.stderr


def test_a_student_login_cannot_delete_or_unfinish_a_finished_attempt(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "pose_ben")) as ben:
        finished = _play(ben, "Ben")
        unfinished = _play(ben, "Ben", finish=False)
        ben.abandon_attempt(unfinished)  # "start over" still works, through the server
        assert ben.attempt(unfinished) is None
    with psycopg.connect(pg_server.dsn(pg_database, "pose_ben")) as raw:
        for statement in (
            "DELETE FROM answer WHERE attempt_id = %s",
            "DELETE FROM attempt WHERE id = %s",
            "UPDATE attempt SET finished_at = NULL WHERE id = %s",
            "UPDATE attempt SET finished_at = now() - interval '9 days' WHERE id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute(statement, (finished,))
            raw.rollback()
        uuid = raw.execute("SELECT uuid FROM attempt WHERE id = %s", (finished,)).fetchone()
        assert uuid is not None
        raw.execute("SELECT quizapp_abandon(%s)", (uuid[0],))  # finished: left alone
        raw.commit()
    with Repository.connect(pg_server.url(pg_database)) as admin:
        kept = admin.attempt(finished)
    assert kept is not None and kept.finished and len(kept.answers) == 2


def test_a_login_posing_as_a_classmate_shows_with_its_login(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "pose_anna")) as anna:
        _play(anna, "Anna")
    with Repository.connect(pg_server.url(pg_database, "pose_ben")) as ben:
        _play(ben, "Anna")  # Ben's login calls its student "Anna (8b)" too
        _play(ben, "Ben")
    with Repository.connect(pg_server.url(pg_database, "pose_teacher")) as teacher:
        dataset = load_dataset(teacher.class_reader, [])
    names = sorted(student.name for student in dataset.students.values())
    print(f"\n{names}")
    assert names == ["Anna (login pose_anna)", "Anna (login pose_ben)", "Ben"]
