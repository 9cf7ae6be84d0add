"""Issue 28 for the teacher area and the history: Enter on buttons, readable rows, en-GB dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    answer_current,
    begin,
    current,
    next_after_feedback,
    open_teacher_area,
    start_shell,
)

from quizapp.app import AppShell


@pytest.fixture(autouse=True)
def _no_system_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """No system locale: the English UI falls back to en_GB formats."""
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(var, raising=False)


def finish_a_set(shell: AppShell) -> None:
    begin(shell)
    while not shell.screens.quiz.session.finished:
        answer_current(shell, right=True)
        next_after_feedback(shell)
    shell.screens.results_view.back_button.click()


def cell_names(tree: QTreeWidget) -> list[str]:
    """What a screen reader reads for each cell of the tree (headers first, row by row)."""
    tree_interface = QAccessible.queryAccessibleInterface(tree)
    assert tree_interface is not None
    names = []
    for index in range(tree_interface.childCount()):
        child = tree_interface.child(index)
        if child is not None:
            names.append(child.text(QAccessible.Text.Name))
    return names


def test_history_rows_read_date_kind_and_result(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    finish_a_set(shell)
    shell.start_view.history_button.click()
    history = shell.screens.history_view
    item = history.tree.topLevelItem(0).child(0)
    spoken = f"{item.text(0)}, Whole set, 3 of 3 right (100%)"
    names = cell_names(history.tree)
    assert "Mini set" in names and spoken in names


def test_enter_presses_teacher_buttons_and_dates_are_british(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    finish_a_set(shell)
    view = open_teacher_area(qtbot, shell)
    for button in view.findChildren(QPushButton):
        assert button.autoDefault(), button.text()
    # The date filter shows day before month ("07/11/2026"), not "11/7/26".
    assert view.date_from.displayFormat() == "dd/MM/yyyy"
    # The answers of the chosen student: each row read as question, answer, result, certainty.
    view.overview.table.choose(0, 2)
    qtbot.waitUntil(lambda: view.overview.answers.topLevelItemCount() > 0)
    attempt = view.overview.answers.topLevelItem(0)
    assert " Nov " not in attempt.text(0) and "/" in attempt.text(0)  # "07/11/2026, 13:09"
    assert attempt.text(0).split("/")[0].isdigit()
    names = cell_names(view.overview.answers)
    assert attempt.text(0) in names
    first = attempt.child(0)
    assert f"{first.text(0)}, {first.text(1)}, {first.text(2)}, {first.text(3)}" in names
    # Enter on Back, as Space does, goes back to the start page.
    view.back_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(view.back_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current(shell) is shell.start_view)
