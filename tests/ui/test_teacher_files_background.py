"""Issue 23.7: importing results and saving one student's data run off the GUI thread, like
the reports: a moving bar with Cancel, the window answering meanwhile, and Cancel never
leaving anything half done or unannounced."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from ui_support import DB_NAME, open_teacher_area, start_shell, teacher_controller

from quizapp.app import AppShell
from quizapp.core.quiz import AnswerResult, Confidence, question_hash
from quizapp.storage.class_queries import ClassFilter
from quizapp.storage.exchange import export_results
from quizapp.ui.teacher.actions import TeacherActions


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


def _teacher(qtbot: QtBot, folder: Path) -> tuple[AppShell, TeacherActions]:
    shell = start_shell(qtbot, folder)
    teacher = teacher_controller(shell)
    teacher.background_from = 0  # every class counts as big: files go to the worker thread
    open_teacher_area(qtbot, shell)
    qtbot.waitUntil(lambda: not teacher.loader.busy)
    assert teacher.actions is not None
    return shell, teacher.actions


@contextmanager
def _database_locked(folder: Path) -> Iterator[None]:
    """Another program holds the database's write lock: the import waits for it."""
    other = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    other.execute("begin immediate")
    try:
        yield
    finally:
        other.execute("rollback")
        other.close()


def test_import_runs_off_the_gui_thread_and_the_window_answers(
    qtbot: QtBot, tmp_path: Path
) -> None:
    results = _class_file(qtbot, tmp_path)
    shell, actions = _teacher(qtbot, tmp_path / "teacher")
    view = teacher_controller(shell).view
    assert view is not None
    bar = view.files.busy
    before = set(threading.enumerate())
    with _database_locked(tmp_path / "teacher"):
        assert actions.import_results([results]) is None  # returns at once
        assert bar.running and bar.button.text() == "Cancel"
        assert bar.message.text() == "Importing the results…"
        assert set(threading.enumerate()) - before  # a worker does the import
        ticks: list[int] = []
        QTimer.singleShot(10, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while the worker waits
        assert actions.files_job.busy and bar.running
    qtbot.waitUntil(lambda: not actions.files_job.busy, timeout=30_000)
    assert bar.isHidden()
    assert "Added: 3 students," in view.files.status.text()
    qtbot.waitUntil(lambda: view.overview.table.rows() == 3, timeout=30_000)


def test_cancelled_import_says_what_happened(qtbot: QtBot, tmp_path: Path) -> None:
    """Cancel stops the import before it writes; once it writes, it finishes and says so:
    what the window says always matches what the database holds."""
    results = _class_file(qtbot, tmp_path)
    shell, actions = _teacher(qtbot, tmp_path / "teacher")
    view = teacher_controller(shell).view
    assert view is not None
    bar = view.files.busy
    with _database_locked(tmp_path / "teacher"):
        actions.import_results([results])
        bar.button.click()
        assert "Stopping" in bar.message.text()
    qtbot.waitUntil(lambda: not actions.files_job.busy, timeout=30_000)
    assert shell.repository is not None
    students = len(shell.repository.class_reader.students(_all()))
    if "nothing was imported" in bar.message.text():
        assert students == 0 and not bar.isHidden() and not bar.running
        assert bar.button.isHidden()  # nothing to retry: the teacher imports again
    else:  # the worker was already writing: it finished, and the window says so
        assert students == 3 and "Added: 3 students," in view.files.status.text()


def test_student_export_runs_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    results = _class_file(qtbot, tmp_path)
    shell, actions = _teacher(qtbot, tmp_path / "teacher")
    view = teacher_controller(shell).view
    assert view is not None
    teacher_controller(shell).background_from = 10**9  # import at once, then export big
    assert actions.import_results([results]) is not None
    teacher_controller(shell).background_from = 0
    assert shell.repository is not None
    ada = next(s for s in shell.repository.class_reader.students(_all()) if s.nickname == "Ada")
    out = tmp_path / "ada.json"
    assert actions.export_student(ada.id, out) is False  # returns at once; the worker writes
    assert view.files.busy.running
    assert view.files.busy.message.text() == "Saving the student’s data…"
    qtbot.waitUntil(lambda: not actions.files_job.busy, timeout=30_000)
    assert "Ada" in out.read_text(encoding="utf-8")
    assert "was saved in" in view.files.status.text()


def _all() -> ClassFilter:
    return ClassFilter(include_demo=True)
