"""The class database from the outside: ``quizapp db upgrade``, reports from the server, and
the app with ``--database`` (answers sent in the background, the status line, the teacher
area reading the whole class) — all against the real PostgreSQL server of the test session."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from pg_server import PostgresServer, free_port
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import MINI_CONTENT, answer_current, begin, open_teacher_area

from quizapp.app import AppShell
from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.storage.repository import Repository


@pytest.fixture(scope="module")
def logins(pg_server: PostgresServer, pg_template: str) -> None:
    pg_server.sql(
        "CREATE ROLE kim LOGIN IN ROLE quizapp_student",
        "CREATE ROLE jo LOGIN IN ROLE quizapp_student",
        "CREATE ROLE mr_b LOGIN IN ROLE quizapp_teacher",
    )


def test_db_upgrade_creates_then_reports_up_to_date(
    pg_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pg_server.sql("CREATE DATABASE by_cli")
    url = pg_server.url("by_cli")
    args = ["--data-dir", str(tmp_path), "db", "upgrade", "--database", url]
    assert main(args) == 0
    assert "by_cli upgraded from empty to 0006" in capsys.readouterr().out
    assert main(args) == 0
    assert "by_cli is up to date (0006)" in capsys.readouterr().out
    log = (tmp_path / "quizapp.log").read_text(encoding="utf-8")
    assert "class database postgresql+psycopg://postgres@127.0.0.1" in log


def test_db_upgrade_needs_a_server_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    assert main(["--data-dir", str(tmp_path), "db", "upgrade"]) == 2
    assert "--database postgresql+psycopg://" in capsys.readouterr().err
    nowhere = f"postgresql+psycopg://admin@127.0.0.1:{free_port()}/quizapp"
    assert main(["--data-dir", str(tmp_path), "db", "upgrade", "--database", nowhere]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err


def test_a_report_from_the_class_database_shows_every_students_answers(
    pg_server: PostgresServer,
    pg_database: str,
    logins: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for login, nickname in (("kim", "Kim"), ("jo", "Jo")):
        with Repository.connect(pg_server.url(pg_database, login)) as repo:
            student = repo.get_or_create_student(nickname, "9c")
            attempt = repo.start_attempt(student.id, "mini", "en", ["m1"], seed=1)
            repo.save_answer(
                attempt.id,
                AnswerResult(
                    "m1",
                    frozenset({"a"}),
                    correct=True,
                    confidence=None,
                    seconds=3,
                    question_hash="h",
                ),
            )
            repo.finish_attempt(attempt.id)
    out = tmp_path / "class.csv"
    teacher = pg_server.url(pg_database, "mr_b")
    args = ["--data-dir", str(tmp_path / "none"), "report", "--format", "csv"]
    assert main([*args, "--out", str(out), "--database", teacher]) == 0
    table = out.read_text(encoding="utf-8-sig")
    assert "Kim" in table and "Jo" in table
    assert main([*args, "--out", str(tmp_path / "kim.csv"), "--database", teacher[:-4]]) == 1
    assert "refused" in capsys.readouterr().err


def test_the_app_sends_answers_and_the_teacher_area_reads_the_class(
    qtbot: QtBot, pg_server: PostgresServer, pg_database: str, logins: None, tmp_path: Path
) -> None:
    with Repository.connect(pg_server.url(pg_database, "jo")) as other:
        other.get_or_create_student("Jo", "9c")  # on another machine
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    student_url = pg_server.url(pg_database, "kim")
    shell = AppShell(
        app, data_dir=tmp_path, language="en", content_paths=[MINI_CONTENT], database=student_url
    )
    qtbot.addWidget(shell.window)
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()
    begin(shell, "Kim")
    picked = answer_current(shell, right=True)
    with psycopg.connect(pg_server.dsn(pg_database)) as conn:

        def on_server() -> list[tuple[str, str]]:
            return conn.execute(
                "SELECT question_id, owner FROM answer JOIN attempt a"
                " ON a.id = attempt_id JOIN student s ON s.id = a.student_id"
            ).fetchall()

        qtbot.waitUntil(lambda: on_server() == [(picked.question_id, "kim")], timeout=20_000)
    assert shell.class_database is not None
    label = shell.class_database.indicator.label
    qtbot.waitUntil(lambda: label.text() == "All answers are in the class database.")
    assert label.isVisible() and label.accessibleName() == "Class database"
    # Kim's login reads only Kim in the teacher area; Jo is there but not visible to it.
    view = open_teacher_area(qtbot, shell)
    assert view is not None
    teacher = shell.screens.teacher
    assert teacher.dataset is not None
    assert [s.name for s in teacher.dataset.students.values()] == ["Kim"]
    # Per-student actions work on the rows shown, i.e. on the class database.
    view.overview.table.selectRow(0)
    out = tmp_path / "kim.json"
    (kim,) = teacher.dataset.students.values()
    assert teacher.actions.export_student(kim.id, out)
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["student"]["uuid"] == kim.uuid
    assert [a["question_id"] for a in exported["attempts"][0]["answers"]] == [picked.question_id]
    assert teacher.actions.confirm_delete() is None  # refused at once: the server's admin
    boxes = [b for b in shell.window.findChildren(QMessageBox) if b.isVisible()]
    (problem,) = [b for b in boxes if b.objectName() == "teacher_problem"]
    assert "class database" in problem.text() + problem.informativeText()
    assert not any(b.objectName() == "delete_student_confirmation" for b in boxes)
    shell.window.close()


def test_without_the_server_answers_are_saved_and_will_sync(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    nowhere = f"postgresql+psycopg://kim@127.0.0.1:{free_port()}/quizapp"
    shell = AppShell(
        app, data_dir=tmp_path, language="de", content_paths=[MINI_CONTENT], database=nowhere
    )
    qtbot.addWidget(shell.window)
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()
    begin(shell, "Kim")
    answer_current(shell, right=False)
    assert shell.class_database is not None and shell.repository is not None
    label = shell.class_database.indicator.label
    qtbot.waitUntil(
        lambda: "3 Änderungen" in label.text(), timeout=20_000
    )  # student, attempt, answer
    assert "Klassendatenbank" in label.text()
    student = shell.repository.get_or_create_student("Kim")
    assert len(shell.repository.history(student.id)[0].answers) == 1
    shell.window.close()


def test_a_database_that_is_not_postgresql_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--database", "sqlite:///x.sqlite", "--lang", "de"]) == 2
    assert "postgresql+psycopg://" in capsys.readouterr().err
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", "mysql://x@y/z")
    assert main(["report", "--format", "csv", "--out", "x.csv"]) == 2
    assert "QUIZAPP_DATABASE_URL" in capsys.readouterr().err
