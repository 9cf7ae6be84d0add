"""``quizapp results import`` with a class database configured writes into the class database
(issue 23.6), on a real PostgreSQL server: the administrator sets it up with ``db upgrade``
and the owner's (non-superuser) login, imports the class's files with the same address, and
the teacher's report reads them from the server. A student's or teacher's login may not
import a class; the command says so and writes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pg_server import PostgresServer, free_port
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2", "q3"]
SCHOOL = "import_school"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(scope="module")
def school(pg_server: PostgresServer, pg_template: str) -> str:
    """A class database owned by a login that is not a superuser, set up with db upgrade."""
    pg_server.sql(
        "CREATE ROLE import_owner LOGIN",
        f"CREATE DATABASE {SCHOOL} OWNER import_owner",
        "CREATE ROLE import_pupil LOGIN IN ROLE quizapp_student",
        "CREATE ROLE import_teacher LOGIN IN ROLE quizapp_teacher",
    )
    owner = pg_server.url(SCHOOL, "import_owner")
    assert main(["--lang", "en", "db", "upgrade", "--database", owner]) == 0
    return owner


@pytest.fixture
def empty_school(pg_server: PostgresServer, school: str) -> str:
    pg_server.sql("TRUNCATE answer, attempt, student RESTART IDENTITY", database=SCHOOL)
    return school


def _results_file(
    tmp_path: Path, nicknames: list[str], *, machine_name: str = "pc", started: str = ""
) -> Path:
    """A student computer's results (one finished attempt per student), exported to a file;
    ``started``: the attempts' start time instead of now (``YYYY-MM-DD HH:MM:SS``)."""
    machine = tmp_path / machine_name
    with Repository.open(machine) as repo:
        for nickname in nicknames:
            student = repo.get_or_create_student(nickname, "8b")
            attempt = repo.start_attempt(student.id, "mini", "en", QUESTIONS, seed=1)
            for question in QUESTIONS:
                repo.save_answer(
                    attempt.id,
                    AnswerResult(
                        question,
                        frozenset({"a"}),
                        correct=question != "q3",
                        confidence=None,
                        seconds=2.0,
                        question_hash="h",
                    ),
                )
            repo.finish_attempt(attempt.id)
    if started:
        with sqlite3.connect(machine / "quizapp.sqlite") as conn:
            conn.execute("UPDATE attempt SET started_at = ?", (started,))
            conn.execute("UPDATE answer SET answered_at = ?", (started,))
            conn.execute("UPDATE attempt SET finished_at = ?", (started,))
        conn.close()
    out = tmp_path / f"{machine_name}.json"
    assert main(["--data-dir", str(machine), "results", "export", "--out", str(out)]) == 0
    return out


def _on_server(server: PostgresServer) -> tuple[int, int, int]:
    with psycopg.connect(server.dsn(SCHOOL)) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM student), (SELECT count(*) FROM attempt),"
            " (SELECT count(*) FROM answer)"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def test_results_import_goes_into_the_class_database_and_the_report_reads_it(
    pg_server: PostgresServer,
    empty_school: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = _results_file(tmp_path, ["Anna", "Ben"])
    capsys.readouterr()
    teacher_folder = tmp_path / "teacher"
    args = ["--lang", "en", "--data-dir", str(teacher_folder)]
    assert main([*args, "results", "import", str(results), "--database", empty_school]) == 0
    printed = capsys.readouterr().out
    print(printed)
    assert "Added 2 students, 2 attempts and 6 answers." in printed
    where = f"postgresql+psycopg://import_owner@127.0.0.1:{pg_server.port}/{SCHOOL}"
    assert f"Into the class database {where}." in printed
    assert _on_server(pg_server) == (2, 2, 6)  # before: (0, 0, 0), all in the local file
    assert not (teacher_folder / "quizapp.sqlite").exists()
    report = tmp_path / "class.csv"
    teacher = pg_server.url(SCHOOL, "import_teacher")
    assert (
        main([*args, "report", "--format", "csv", "--database", teacher, "--out", str(report)]) == 0
    )
    text = report.read_text(encoding="utf-8-sig")
    assert "Anna" in text and "Ben" in text


def test_the_address_from_the_environment_counts_and_a_second_import_adds_nothing(
    pg_server: PostgresServer,
    empty_school: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = _results_file(tmp_path, ["Cara"])
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", empty_school)
    args = ["--lang", "en", "--data-dir", str(tmp_path / "teacher"), "results", "import"]
    assert main([*args, str(results)]) == 0
    assert main([*args, str(results)]) == 0
    printed = capsys.readouterr().out
    assert "Added 1 student, 1 attempt and 3 answers." in printed
    assert "Added 0 students, 0 attempts and 0 answers." in printed
    assert "3 answers were here already" in printed
    assert _on_server(pg_server) == (1, 1, 3)


@pytest.mark.parametrize(
    ("login", "says"),
    [
        ("import_pupil", "this is a student’s login, which may not import a class’s results"),
        ("import_teacher", "this login may only read the class database"),
    ],
)
def test_a_student_or_teacher_login_may_not_import_a_class(
    pg_server: PostgresServer,
    empty_school: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    login: str,
    says: str,
) -> None:
    results = _results_file(tmp_path, ["Anna", "Ben"])
    capsys.readouterr()
    url = pg_server.url(SCHOOL, login)
    args = ["--lang", "en", "--data-dir", str(tmp_path / "t"), "results", "import", str(results)]
    assert main([*args, "--database", url]) == 1
    printed = capsys.readouterr()
    print(printed.err)
    assert says in printed.err and "nothing was imported" in printed.err
    assert "owner’s login" in printed.err and "Traceback" not in printed.err
    assert "unset QUIZAPP_DATABASE_URL" in printed.err
    assert printed.out == ""
    assert _on_server(pg_server) == (0, 0, 0)
    german = ["--lang", "de", *args[2:]]
    assert main([*german, "--database", url]) == 1
    printed = capsys.readouterr()
    print(printed.err)
    assert "nichts wurde importiert" in printed.err and "QUIZAPP_DATABASE_URL" in printed.err


def test_an_import_into_the_class_database_holds_back_an_earlier_first_attempt(
    pg_server: PostgresServer,
    empty_school: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = _results_file(tmp_path, ["Anna"])
    # Another computer's file says Anna made an attempt a year earlier: it would become her
    # first, so it is held back on the server as in a local import.
    earlier = _results_file(tmp_path, ["Anna"], machine_name="pc2", started="2025-11-03 08:00:00")
    args = ["--lang", "en", "--data-dir", str(tmp_path / "t"), "results", "import"]
    assert main([*args, str(first), "--database", empty_school]) == 0
    capsys.readouterr()
    assert main([*args, str(earlier), "--database", empty_school]) == 0
    printed = capsys.readouterr()
    print(printed.err)
    assert "1 attempt was not imported because it would change a student’s first attempt" in (
        printed.err
    )
    assert _on_server(pg_server) == (1, 1, 3)
    assert main([*args, str(earlier), "--database", empty_school, "--accept-backdated"]) == 0
    assert _on_server(pg_server) == (1, 2, 6)


def test_an_unreachable_class_database_is_said_and_nothing_goes_to_the_local_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = _results_file(tmp_path, ["Anna"])
    capsys.readouterr()
    url = f"postgresql+psycopg://import_owner@127.0.0.1:{free_port()}/{SCHOOL}"
    teacher = tmp_path / "teacher"
    args = ["--lang", "en", "--data-dir", str(teacher), "results", "import", str(results)]
    assert main([*args, "--database", url]) == 1
    printed = capsys.readouterr()
    print(printed.err)
    assert "127.0.0.1" in printed.err and "Traceback" not in printed.err
    assert "importing the same files again later adds only what is missing" in printed.err
    assert "sent later" not in printed.err
    assert printed.out == "" and not (teacher / "quizapp.sqlite").exists()
