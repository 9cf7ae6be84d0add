"""The teacher area's "Import results files…" with a class database configured (issue 23.6),
on the real PostgreSQL server: with the owner's login the results go into the class database
(and the class overview, which reads from it, shows them), through the same code as
``quizapp results import``; a student's or teacher's login is refused and nothing is written,
neither on the server nor in this computer's file."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from pg_server import PostgresServer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import MINI_CONTENT, db_rows, open_teacher_area, start_shell

from quizapp.app import AppShell
from quizapp.core.quiz import AnswerResult, Confidence, question_hash
from quizapp.storage.exchange import export_results

SCHOOL = "teacher_import_school"


@pytest.fixture(scope="module")
def school(pg_server: PostgresServer, pg_template: str) -> str:
    """A class database owned by a login that is not a superuser, set up with db upgrade."""
    from quizapp.cli import main

    pg_server.sql(
        "CREATE ROLE ti_owner LOGIN",
        f"CREATE DATABASE {SCHOOL} OWNER ti_owner",
        "CREATE ROLE ti_pupil LOGIN IN ROLE quizapp_student",
        "CREATE ROLE ti_teacher LOGIN IN ROLE quizapp_teacher",
    )
    owner = pg_server.url(SCHOOL, "ti_owner")
    assert main(["--lang", "en", "db", "upgrade", "--database", owner]) == 0
    return owner


@pytest.fixture
def empty_school(pg_server: PostgresServer, school: str) -> str:
    pg_server.sql("TRUNCATE answer, attempt, student RESTART IDENTITY", database=SCHOOL)
    return school


def _class_file(qtbot: QtBot, tmp_path: Path) -> Path:
    """A results file of three students, exported by another computer's app."""
    other = start_shell(qtbot, tmp_path / "other")
    repo = other.repository
    assert repo is not None and other.library is not None
    question_set = other.library.get_set("mini", "en")
    assert question_set is not None
    for name in ("Ada", "Bo", "Cy"):
        student = repo.get_or_create_student(name, "7c")
        ids = [q.id for q in question_set.questions]
        attempt = repo.start_attempt(student.id, "mini", "en", ids, seed=1)
        for question in question_set.questions:
            chosen = frozenset({sorted(c.id for c in question.choices if c.correct)[0]})
            result = AnswerResult(
                question.id,
                chosen,
                correct=True,
                confidence=Confidence.SURE,
                seconds=2.0,
                question_hash=question_hash(question),
            )
            repo.save_answer(attempt.id, result)
        repo.finish_attempt(attempt.id)
    out = tmp_path / "class.json"
    export_results(repo, out)
    other.window.close()
    return out


def _on_server(server: PostgresServer) -> tuple[int, int, int]:
    with psycopg.connect(server.dsn(SCHOOL)) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM student), (SELECT count(*) FROM attempt),"
            " (SELECT count(*) FROM answer)"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def _app(qtbot: QtBot, folder: Path, url: str, language: str = "en") -> AppShell:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(
        app, data_dir=folder, language=language, content_paths=[MINI_CONTENT], database=url
    )
    qtbot.addWidget(shell.window)
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()
    return shell


def test_the_teacher_area_imports_into_the_class_database_and_shows_it(
    qtbot: QtBot, pg_server: PostgresServer, empty_school: str, tmp_path: Path
) -> None:
    results = _class_file(qtbot, tmp_path)
    teacher_folder = tmp_path / "teacher"
    shell = _app(qtbot, teacher_folder, empty_school)
    view = open_teacher_area(qtbot, shell)
    teacher = shell.screens.teacher
    assert view.overview.table.rows() == 0
    summary = teacher.actions.import_results([results])
    assert summary is not None and summary.students.added == 3
    assert summary.answers.added > 0
    assert _on_server(pg_server) == (3, 3, summary.answers.added)
    # Nothing went into this computer's file: the class database holds them.
    assert db_rows(teacher_folder, "SELECT count(*) FROM student") == [(0,)]
    status = view.files.status.text()
    where = f"postgresql+psycopg://ti_owner@127.0.0.1:{pg_server.port}/{SCHOOL}"
    assert f"Into the class database {where}." in status
    assert "Added: 3 students," in status
    notice = shell.window.findChild(QMessageBox, "teacher_done_notice")
    assert notice is not None and "Into the class database" in notice.text()
    notice.close()
    qtbot.waitUntil(lambda: view.overview.table.rows() == 3, timeout=20_000)
    names = sorted(view.overview.table.text(r, 0) for r in range(3))
    assert names == ["Ada", "Bo", "Cy"]
    # Importing the same file again adds nothing, on the server too.
    again = teacher.actions.import_results([results])
    assert again is not None and again.attempts.added == 0 and again.attempts.skipped == 3
    assert _on_server(pg_server)[:2] == (3, 3)
    shell.window.close()


@pytest.mark.parametrize(
    ("login", "says"),
    [
        ("ti_pupil", "this is a student’s login, which may not import a class’s results"),
        ("ti_teacher", "this login may only read the class database"),
    ],
)
def test_a_student_or_teacher_login_may_not_import_in_the_teacher_area(
    qtbot: QtBot,
    pg_server: PostgresServer,
    empty_school: str,
    tmp_path: Path,
    login: str,
    says: str,
) -> None:
    results = _class_file(qtbot, tmp_path)
    teacher_folder = tmp_path / "teacher"
    shell = _app(qtbot, teacher_folder, pg_server.url(SCHOOL, login))
    view = open_teacher_area(qtbot, shell)
    teacher = shell.screens.teacher
    assert teacher.actions.import_results([results]) is None
    problem = shell.window.findChild(QMessageBox, "teacher_problem")
    assert problem is not None
    shown = problem.text() + " " + problem.informativeText()
    assert says in shown and "nothing was imported" in shown
    assert "owner’s login" in shown and "Traceback" not in shown
    assert says in view.files.status.text()
    problem.close()
    assert _on_server(pg_server) == (0, 0, 0)
    assert db_rows(teacher_folder, "SELECT count(*) FROM student") == [(0,)]
    assert view.overview.table.rows() == 0
    shell.window.close()


def test_the_refusal_is_said_in_german_too(
    qtbot: QtBot, pg_server: PostgresServer, empty_school: str, tmp_path: Path
) -> None:
    results = _class_file(qtbot, tmp_path)
    shell = _app(qtbot, tmp_path / "teacher", pg_server.url(SCHOOL, "ti_pupil"), "de")
    open_teacher_area(qtbot, shell)
    assert shell.screens.teacher.actions.import_results([results]) is None
    problem = shell.window.findChild(QMessageBox, "teacher_problem")
    assert problem is not None
    shown = problem.text() + " " + problem.informativeText()
    assert "nichts wurde importiert" in shown and "--database" in shown
    problem.close()
    assert _on_server(pg_server) == (0, 0, 0)
    shell.window.close()


def test_without_a_class_database_the_message_names_this_computers_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    results = _class_file(qtbot, tmp_path)
    shell = start_shell(qtbot, tmp_path / "teacher")
    view = open_teacher_area(qtbot, shell)
    teacher = shell.screens.teacher
    assert teacher.actions.import_results([results]) is not None
    assert "Into this computer’s results file " in view.files.status.text()
    assert db_rows(tmp_path / "teacher", "SELECT count(*) FROM student") == [(3,)]
    shell.window.close()
