"""Storage problems in the app: a damaged file, a folder that can't be written, a failed save,
and unexpected errors. The student always gets words, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import (
    DB_NAME,
    answer_current,
    answers_in_db,
    begin,
    current,
    next_after_feedback,
    start_shell,
)

from quizapp.app import AppShell
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.ui.crash import CrashHandler


def open_boxes(shell: AppShell) -> list[QMessageBox]:
    return [box for box in shell.window.findChildren(QMessageBox) if box.isVisible()]


def test_damaged_database_is_kept_and_the_app_works(qtbot: QtBot, tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, it was damaged\n" * 200)
    shell = start_shell(qtbot, tmp_path)
    assert shell.repository is not None
    old = shell.repository.recovered_from
    assert old is not None and old.exists()
    boxes = open_boxes(shell)
    assert len(boxes) == 1
    notice = boxes[0]
    assert notice.objectName() == "recovered_notice"
    assert str(old) in notice.informativeText()
    assert "kept" in notice.text()
    notice.button(QMessageBox.StandardButton.Ok).click()
    # The new database works: a question answered is stored.
    begin(shell)
    picked = answer_current(shell, right=True)
    assert [a["question_id"] for a in answers_in_db(tmp_path)] == [picked.question_id]


def test_unwritable_folder_explains_and_quits_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=blocker / "data", language="en")
    qtbot.addWidget(shell.window)
    shell.start()
    qtbot.waitUntil(lambda: bool(open_boxes(shell)))
    box = open_boxes(shell)[0]
    assert box.text() == f"quizapp cannot save results in {blocker / 'data'}."
    assert f"File: {blocker / 'data'}" in box.informativeText()
    assert "--data-dir" in box.informativeText()  # what to do
    assert "Traceback" not in box.text() + box.informativeText()
    # Behind the dialog, the start page says the same instead of listing sets.
    assert "cannot save results" in shell.start_view.status.text()
    assert not shell.start_view.start_button.isEnabled()
    with qtbot.waitSignal(shell.quit_requested) as quit_signal:
        [quit_button] = [b for b in box.buttons() if b.text() == "Quit"]
        quit_button.click()
    assert quit_signal.args == [1]


def test_a_failed_save_keeps_the_question_and_can_be_retried(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    repository = shell.repository
    assert repository is not None
    real_save = repository.save_answer
    failures = [StorageError(StorageErrorKind.LOCKED, tmp_path / DB_NAME, "database is locked")]

    def flaky_save(attempt_id: int, result: object) -> object:
        if failures:
            raise failures.pop()
        return real_save(attempt_id, result)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "save_answer", flaky_save)
    picked = answer_current(shell, right=True)
    quiz_view = shell.screens.quiz_view
    assert current(shell) is quiz_view  # no feedback for an answer that is not saved
    assert shell.screens.quiz.session.index == 0
    assert list(answers_in_db(tmp_path)) == []
    box = open_boxes(shell)[0]
    assert "in use by another program" in box.text()
    [retry] = [b for b in box.buttons() if b.text() == "Try again"]
    retry.click()
    qtbot.waitUntil(lambda: current(shell) is shell.screens.feedback_view)
    assert [a["question_id"] for a in answers_in_db(tmp_path)] == [picked.question_id]
    next_after_feedback(shell)
    assert quiz_view.progress_label.text() == "Question 2 of 3"


def test_unexpected_errors_are_logged_and_told_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    handler = CrashHandler(tmp_path / "quizapp-errors.log", lambda: shell.window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        kind, error, trace = sys.exc_info()
        assert kind is not None and error is not None
        handler(kind, error, trace)
    log = (tmp_path / "quizapp-errors.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log and "Traceback" in log
    box = open_boxes(shell)[0]
    assert "Something went wrong" in box.text()
    assert str(tmp_path / "quizapp-errors.log") in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    handler(kind, error, trace)  # a second error: logged, no second dialog
    assert len(open_boxes(shell)) == 1
    assert handler.count == 2
