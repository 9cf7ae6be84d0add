"""Least privilege on a real PostgreSQL class database: students see and write only their own
rows (row-level security), teachers read the whole class and write nothing."""

from __future__ import annotations

import psycopg
import pytest
from pg_server import PostgresServer

from quizapp.core.quiz import AnswerResult
from quizapp.storage import class_queries
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2"]


@pytest.fixture(scope="module")
def logins(pg_server: PostgresServer, pg_template: str) -> None:
    """Two student logins and a teacher login, as docs/class-database.md has the administrator
    create them."""
    pg_server.sql(
        "CREATE ROLE anna LOGIN IN ROLE quizapp_student",
        "CREATE ROLE ben LOGIN IN ROLE quizapp_student",
        "CREATE ROLE mrs_k LOGIN IN ROLE quizapp_teacher",
    )


def answer(question_id: str, correct: bool) -> AnswerResult:
    return AnswerResult(question_id, frozenset({"a"}), correct, None, 2.0, "hash1234")


def play(repo: Repository, nickname: str) -> int:
    """A finished attempt with one right and one wrong answer; returns its id."""
    student = repo.get_or_create_student(nickname, "7b")
    attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
    repo.save_answer(attempt.id, answer("q1", True))
    repo.save_answer(attempt.id, answer("q2", False))
    return repo.finish_attempt(attempt.id).id


def test_a_student_login_cannot_read_or_write_another_students_rows(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "anna")) as anna:
        anna_attempt = play(anna, "Anna")
    with Repository.connect(pg_server.url(pg_database, "ben")) as ben:
        ben_attempt = play(ben, "Ben")
        # Through the app: Anna's student, attempt and answers do not exist for Ben.
        assert [s.nickname for s in ben.students()] == ["Ben"]
        assert ben.attempt(anna_attempt) is None
        with pytest.raises(ValueError, match="no attempt"):
            ben.save_answer(anna_attempt, answer("q1", True))
        # Asked directly in SQL, the server returns only Ben's rows.
        with ben.reading() as conn:
            seen = conn.exec_driver_sql(
                "SELECT s.nickname, count(*) FROM answer"
                " JOIN attempt a ON a.id = answer.attempt_id"
                " JOIN student s ON s.id = a.student_id GROUP BY s.nickname"
            ).fetchall()
        print(f"\nanswers Ben's login can read, by student: {seen}")
        assert seen == [("Ben", 2)]
        # The settings table (the teacher PIN lives in local files) is not granted at all.
        with pytest.raises(StorageError) as denied:
            ben.get_setting("teacher_pin")
        assert denied.value.kind is StorageErrorKind.DENIED
        print(f"reading settings as Ben: {denied.value.kind}: {denied.value.detail}")
    # Writing into Anna's attempt or forging a student of hers is refused by the server.
    with psycopg.connect(pg_server.dsn(pg_database, "ben")) as raw:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            raw.execute(
                "INSERT INTO answer (uuid, attempt_id, question_id, question_hash, chosen,"
                " correct, seconds, answered_at)"
                " VALUES ('forged', %s, 'q1', 'h', '[]', true, 1, now())",
                (anna_attempt,),
            )
        print(f"inserting into Anna's attempt as Ben: {refused.value.sqlstate} {refused.value}")
        raw.rollback()
        raw.execute(
            "INSERT INTO student (uuid, nickname, group_name, is_demo, created_at, owner)"
            " VALUES ('forged-owner', 'Anna2', '7b', false, now(), 'anna')"
        )
        owner = raw.execute("SELECT owner FROM student WHERE uuid = 'forged-owner'").fetchone()
        assert owner == ("ben",)  # the trigger sets the owner; it cannot be chosen
    assert ben_attempt != anna_attempt


def test_a_teacher_login_reads_the_class_and_writes_nothing(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    for login, nickname in (("anna", "Anna"), ("ben", "Ben")):
        with Repository.connect(pg_server.url(pg_database, login)) as student:
            play(student, nickname)
    with Repository.connect(pg_server.url(pg_database, "mrs_k")) as teacher:
        reader = class_queries.ClassReader(teacher)
        students = reader.students(class_queries.ClassFilter())
        answers = reader.answers(class_queries.ClassFilter())
        assert sorted(s.nickname for s in students) == ["Anna", "Ben"]
        assert len(answers) == 4
        with pytest.raises(StorageError) as denied:
            teacher.get_or_create_student("Eve", "7b")
        assert denied.value.kind is StorageErrorKind.DENIED


def test_the_same_nickname_under_two_logins_is_two_students(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "anna")) as anna:
        first = anna.get_or_create_student("Sam", "7b")
    with Repository.connect(pg_server.url(pg_database, "ben")) as ben:
        second = ben.get_or_create_student("Sam", "7b")
    assert first.uuid != second.uuid


def test_a_student_login_may_not_create_the_schema(pg_server: PostgresServer, logins: None) -> None:
    from quizapp.storage import migrate

    pg_server.sql("CREATE DATABASE not_for_students")
    with pytest.raises(StorageError) as denied:
        migrate.upgrade_server(pg_server.url("not_for_students", "anna"))
    assert denied.value.kind is StorageErrorKind.DENIED
