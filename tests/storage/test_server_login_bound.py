"""A student login on a real PostgreSQL class database cannot use the group role, count the
school, or store texts of any length (issue 27.8, server part, and 27.6, server part):

- ``SET ROLE quizapp_student`` gives it nothing: rows belong to the login that connected
  (``session_user``), which SET ROLE does not change;
- ``nextval('student_id_seq')`` is refused, and the ids it gets are not a count;
- ``question_ids``, ``chosen`` and ``response`` are bounded by CHECK constraints; a row from
  before the limits (kept by the upgrade) is left out of the teacher's report, named.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2"]
_NEW_STUDENT = (
    "INSERT INTO student (id, uuid, nickname, group_name, is_demo, created_at)"
    " VALUES (%s, %s, %s, '8b', false, now())"
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(scope="module")
def logins(pg_server: PostgresServer, pg_template: str) -> None:
    pg_server.sql(
        "CREATE ROLE bound_anna LOGIN IN ROLE quizapp_student",
        "CREATE ROLE bound_ben LOGIN IN ROLE quizapp_student",
        "CREATE ROLE bound_teacher LOGIN IN ROLE quizapp_teacher",
    )


def _play(repo: Repository, nickname: str) -> int:
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
    return repo.finish_attempt(attempt.id).id


def test_set_role_to_the_group_role_gives_a_student_login_nothing(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with psycopg.connect(pg_server.dsn(pg_database, "bound_ben")) as ben:
        ben.execute("SET ROLE quizapp_student")
        ben.execute(_NEW_STUDENT, (1, "ben-under-group-role", "Ben"))
        ben.commit()
    with psycopg.connect(pg_server.dsn(pg_database, "bound_anna")) as anna:
        anna.execute("SET ROLE quizapp_student")
        seen = anna.execute("SELECT nickname FROM student").fetchall()
        changed = anna.execute("UPDATE attempt SET finished_at = now()").rowcount
    print(f"\nAnna's login after SET ROLE quizapp_student sees {seen}")
    assert seen == [] and changed == 0  # before: Ben's row, owned by quizapp_student
    with psycopg.connect(pg_server.dsn(pg_database)) as admin:
        owner = admin.execute("SELECT owner FROM student").fetchall()
    assert owner == [("bound_ben",)]  # the login, whatever role it had set


def test_a_student_login_cannot_lock_a_table_against_the_teacher(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with psycopg.connect(pg_server.dsn(pg_database, "bound_ben")) as ben:
        for table in ("student", "attempt", "answer"):  # attempt: UPDATE (finished_at) only
            for mode in ("ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    ben.execute(f"LOCK TABLE {table} IN {mode} MODE")  # type: ignore[arg-type]
                ben.rollback()


def test_a_student_login_cannot_count_the_schools_students(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "bound_anna")) as anna:
        for n in range(3):
            _play(anna, f"Anna{n}")
    with psycopg.connect(pg_server.dsn(pg_database, "bound_ben")) as ben:
        for sequence in ("student_id_seq", "attempt_id_seq", "answer_id_seq"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ben.execute("SELECT nextval(%s)", (sequence,))
            ben.rollback()
        # A chosen id is not taken either (it would tell which ids exist).
        ben.execute(_NEW_STUDENT, (1, "ben-1", "Ben"))
        ids = [row[0] for row in ben.execute("SELECT id FROM student").fetchall()]
        ben.commit()
    with Repository.connect(pg_server.url(pg_database, "bound_ben")) as ben_app:
        _play(ben_app, "Ben2")  # the app still works without the sequences
        mine = sorted(s.id for s in ben_app.students())
    print(f"\nids Ben's login sees: {mine}")
    assert ids != [1] and len(mine) == 2
    assert 4 not in mine and 5 not in mine  # not the 4th and 5th student of the school


_COPY_ATTEMPT = (
    "INSERT INTO attempt (uuid, student_id, set_id, language, seed, question_ids, started_at,"
    " mode) SELECT 'big', student_id, set_id, language, seed, %s, started_at, mode"
    " FROM attempt WHERE id = %s"
)
_COPY_ANSWER = (
    "INSERT INTO answer (uuid, attempt_id, question_id, question_hash, chosen, correct,"
    " seconds, answered_at, response) SELECT 'big', attempt_id, question_id, question_hash,"
    " {chosen}, correct, seconds, answered_at, {response} FROM answer WHERE attempt_id = %s"
    " LIMIT 1"
)


def test_oversized_texts_are_refused_on_the_server(
    pg_server: PostgresServer, pg_database: str, logins: None
) -> None:
    with Repository.connect(pg_server.url(pg_database, "bound_ben")) as ben_app:
        attempt_id = _play(ben_app, "Ben")
    big_list = json.dumps([f"q{n:07d}" for n in range(120_000)])  # 1.3 million characters
    with psycopg.connect(pg_server.dsn(pg_database, "bound_ben")) as ben:
        for statement, value in (
            (_COPY_ATTEMPT, big_list),
            (_COPY_ANSWER.format(chosen="%s", response="response"), big_list[:60_000]),
            (_COPY_ANSWER.format(chosen="chosen", response="%s"), "x" * 50_000),
        ):
            with pytest.raises(psycopg.errors.CheckViolation) as refused:
                ben.execute(statement, (value, attempt_id))  # type: ignore[arg-type]
            print(f"\n{refused.value}")  # before: stored, whatever its length
            ben.rollback()


def test_a_row_from_before_the_limits_is_left_out_of_the_report_and_named(
    pg_server: PostgresServer,
    pg_database: str,
    logins: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Repository.connect(pg_server.url(pg_database, "bound_anna")) as anna:
        kept = _play(anna, "Anna")
    with Repository.connect(pg_server.url(pg_database, "bound_ben")) as ben:
        oversized = _play(ben, "Ben")
    big_list = json.dumps([f"q{n:07d}" for n in range(120_000)])
    # As it was before the upgrade (the constraint is NOT VALID: old rows stay).
    pg_server.sql(
        "ALTER TABLE attempt DROP CONSTRAINT ck_attempt_question_ids_length",
        f"UPDATE attempt SET question_ids = '{big_list}' WHERE id = {oversized}",
        "ALTER TABLE attempt ADD CONSTRAINT ck_attempt_question_ids_length"
        " CHECK (char_length(question_ids) <= 1000000) NOT VALID",
        database=pg_database,
    )
    out = tmp_path / "class.csv"
    teacher = pg_server.url(pg_database, "bound_teacher")
    done = main(
        ["--lang", "en", "report", "--format", "csv", "--database", teacher, "--out", str(out)]
    )
    assert done == 0
    err = capsys.readouterr().err
    print(err)
    assert f"attempt {oversized} (the list of questions is too long)" in err
    assert "Anna" in out.read_text(encoding="utf-8-sig") and kept != oversized
    assert "Ben" not in out.read_text(encoding="utf-8-sig")


def test_the_report_names_an_oversized_row(
    pg_server: PostgresServer,
    pg_database: str,
    logins: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Repository.connect(pg_server.url(pg_database, "bound_anna")) as anna:
        _play(anna, "Anna")
        oversized = _play(anna, "Anna")
    pg_server.sql(
        "ALTER TABLE answer DROP CONSTRAINT ck_answer_chosen_length",
        f"UPDATE answer SET chosen = '{json.dumps(['c' * 60] * 1000)}'"
        f" WHERE attempt_id = {oversized}",
        "ALTER TABLE answer ADD CONSTRAINT ck_answer_chosen_length"
        " CHECK (char_length(chosen) <= 50000) NOT VALID",
        database=pg_database,
    )
    capsys.readouterr()
    teacher = pg_server.url(pg_database, "bound_teacher")
    out = tmp_path / "class.csv"
    args = ["--lang", "en", "report", "--format", "csv", "--database", teacher]
    assert main([*args, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    print(err)
    assert "2 damaged rows in the database were left out of the report" in err
    assert "the list of chosen answers is too long" in err


def test_db_upgrade_keeps_an_oversized_row_from_before(
    pg_server: PostgresServer, pg_template: str, tmp_path: Path
) -> None:
    from quizapp.storage import migrate

    pg_server.sql("CREATE DATABASE bound_old")
    try:
        url = pg_server.url("bound_old")
        migrate.upgrade_server(url, target="0005")
        with psycopg.connect(pg_server.dsn("bound_old")) as conn:
            conn.execute(_NEW_STUDENT, (7, "old", "Old"))
            conn.execute(
                "INSERT INTO attempt (uuid, student_id, set_id, language, seed, question_ids,"
                " started_at, mode) VALUES ('old', 7, 'set-a', 'de', 1, %s, now(), 'full')",
                (json.dumps([f"q{n:07d}" for n in range(120_000)]),),
            )
        args = ["--lang", "en", "--data-dir", str(tmp_path), "db", "upgrade", "--database", url]
        assert main(args) == 0
        with psycopg.connect(pg_server.dsn("bound_old")) as conn:
            kept = conn.execute("SELECT char_length(question_ids) FROM attempt").fetchone()
        assert kept is not None and kept[0] > 1_000_000
    finally:
        pg_server.sql("DROP DATABASE bound_old")
