"""Helpers for the UI tests: start the real app shell, answer through the views, read the DB.

No tests here; the ``test_ui_*`` modules import these functions. Everything is real: widgets
(offscreen), the SQLite file in a temporary folder, and YAML content (``tests/data/ui`` or the
shipped ``content/``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from quizapp import i18n
from quizapp.app import AppShell
from quizapp.selfcheck import driver
from quizapp.selfcheck.driver import Picked
from quizapp.ui.teacher.controller import TeacherController
from quizapp.ui.teacher.view import TeacherView

ROOT = Path(__file__).resolve().parent.parent
MINI_CONTENT = ROOT / "tests" / "data" / "ui" / "content"
SHIPPED_CONTENT = ROOT / "content"
DB_NAME = "quizapp.sqlite"
PIN = "2468"  # the teacher PIN the UI tests choose on first use


def start_shell(
    qtbot: QtBot,
    data_dir: Path,
    language: str | None = "en",
    content: Path = MINI_CONTENT,
) -> AppShell:
    """The real app, booted (database open, sets listed), its window shown and active."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=data_dir, language=language, content_paths=[content])
    qtbot.addWidget(shell.window)  # closed at teardown, which also closes the database
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()
    shell.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell.window)
    return shell


def reset_language() -> None:
    """Back to English with no Qt translator, as other test modules expect."""
    from quizapp.ui.language import _TRANSLATOR_NAME

    i18n.setup("en")
    QLocale.setDefault(QLocale.system())
    app = QCoreApplication.instance()
    if app is not None:
        from PySide6.QtCore import QTranslator

        for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
            app.removeTranslator(translator)


def current(shell: AppShell) -> QWidget | None:
    """The view on screen."""
    return shell.window.current_view()


def begin(shell: AppShell, nickname: str = "Kim", set_index: int = 0) -> None:
    """Type a nickname, choose a set and press Start (starting over any unfinished attempt)."""
    driver.begin(shell, nickname, set_index)
    assert current(shell) is shell.screens.quiz_view


def answer_current(shell: AppShell, *, right: bool, confidence: int | None = None) -> Picked:
    """Answer the question on screen through the quiz view (right or wrong), then submit."""
    return driver.answer_current(shell, right=right, confidence=confidence)


def answer_task(shell: AppShell, *, right: bool) -> None:
    """Make the task on screen ready to submit with a fully right or a fully wrong answer."""
    widget = shell.screens.quiz_view.task_input
    assert widget is not None
    widget.answer_for_check(right=right)


def next_after_feedback(shell: AppShell) -> None:
    """Press Next (or See results) on the feedback view."""
    feedback = shell.screens.feedback_view
    assert current(shell) is feedback
    feedback.next_button.click()


def db_rows(data_dir: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows from the app's database, read with plain sqlite3."""
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        return list(conn.execute(sql, args))


def answers_in_db(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Every stored answer as a dict (chosen decoded from JSON)."""
    sql = (
        "select attempt_id, question_id, question_hash, chosen, correct, confidence "
        "from answer order by id"
    )
    for attempt_id, qid, qhash, chosen, correct, confidence in db_rows(data_dir, sql):
        yield {
            "attempt_id": attempt_id,
            "question_id": qid,
            "question_hash": qhash,
            "chosen": frozenset(json.loads(chosen)),
            "correct": bool(correct),
            "confidence": confidence,
        }


def focusable_widgets(root: QWidget) -> list[QWidget]:
    """Visible widgets under ``root`` that the keyboard can reach with Tab."""
    from PySide6.QtCore import Qt

    found = []
    for widget in root.findChildren(QWidget):
        policy = widget.focusPolicy()
        tab = bool(policy.value & Qt.FocusPolicy.TabFocus.value)
        if tab and widget.isVisibleTo(root) and widget.isEnabled():
            found.append(widget)
    return found


def teacher_controller(shell: AppShell) -> TeacherController:
    """The teacher area's controller of a booted shell."""
    teacher = shell.screens.teacher
    assert isinstance(teacher, TeacherController)
    return teacher


def open_teacher_area(qtbot: QtBot, shell: AppShell) -> TeacherView:
    """Choose the PIN (first use) and open the teacher area."""
    teacher = teacher_controller(shell)
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and dialog.choosing
    dialog.pin.setText(PIN)
    dialog.confirm.setText(PIN)
    dialog.ok_button.click()
    assert teacher.view is not None
    qtbot.waitUntil(lambda: current(shell) is teacher.view)
    return teacher.view
