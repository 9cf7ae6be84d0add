"""The teacher area through the real app: PIN gate, class overview, report export, deletion."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import (
    DB_NAME,
    PIN,
    current,
    open_teacher_area,
    start_shell,
    teacher_controller,
)

from quizapp.app import AppShell
from quizapp.core.pin import PinGate
from quizapp.core.quiz import AnswerResult, Confidence, question_hash
from quizapp.storage.repository import Repository
from quizapp.ui.teacher.class_grid import BAND_COLOURS
from quizapp.ui.teacher.rows import Filters, ScoreBand

TOOLTIP = Qt.ItemDataRole.ToolTipRole


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _repo(shell: AppShell) -> Repository:
    assert shell.repository is not None
    return shell.repository


def _take(
    repo: Repository,
    shell: AppShell,
    nickname: str,
    group: str,
    right: list[bool],
    mode: str = "full",
) -> None:
    """A finished attempt at the mini set, answering question i right when right[i]."""
    assert shell.library is not None
    question_set = shell.library.get_set("mini", "en")
    assert question_set is not None
    student = repo.get_or_create_student(nickname, group)
    questions = question_set.questions
    attempt = repo.start_attempt(
        student.id, "mini", "en", [q.id for q in questions], seed=1, mode=mode
    )
    for question, ok in zip(questions, right, strict=True):
        chosen = {c.id for c in question.choices if c.correct == ok}
        if question.type.value != "multiple":
            chosen = {sorted(chosen)[0]}
        result = AnswerResult(
            question.id, frozenset(chosen), ok, Confidence.SURE, 2.0, question_hash(question)
        )
        repo.save_answer(attempt.id, result)
    repo.finish_attempt(attempt.id)


def test_pin_gate(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    teacher = teacher_controller(shell)
    clock = Clock()
    teacher.gate = PinGate(_repo(shell), clock)
    # First use: a PIN must be chosen, typed twice the same.
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and dialog.choosing
    dialog.pin.setText("12")
    dialog.confirm.setText("12")
    dialog.ok_button.click()
    assert "at least 4" in dialog.problem.text()
    dialog.pin.setText(PIN)
    dialog.confirm.setText("2469")
    dialog.ok_button.click()
    assert "not the same" in dialog.problem.text()
    assert current(shell) is shell.start_view and teacher.view is None
    dialog.pin.setText(PIN)
    dialog.confirm.setText(PIN)
    dialog.ok_button.click()
    assert teacher.view is not None and current(shell) is teacher.view
    stored = _repo(shell).get_setting("teacher_pin") or ""
    assert stored.startswith("scrypt$") and PIN not in stored
    teacher.view.back_button.click()
    assert current(shell) is shell.start_view

    # Later: wrong PINs are refused, and the wait grows.
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and not dialog.choosing
    assert not dialog.confirm.isVisibleTo(dialog)
    dialog.pin.setText("0000")
    dialog.ok_button.click()
    assert "not right" in dialog.problem.text()
    assert dialog.wait_left() == 0 and dialog.ok_button.isEnabled()
    dialog.pin.setText("1111")
    dialog.ok_button.click()
    assert dialog.wait_left() == 1 and not dialog.ok_button.isEnabled()
    assert "wait 1 second" in dialog.problem.text()
    assert current(shell) is shell.start_view
    dialog.reject()
    clock.now += 1
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None
    dialog.pin.setText("3333")
    dialog.ok_button.click()
    assert dialog.wait_left() == 2 and teacher.gate.failures() == 3
    dialog.reject()
    # Reopening while the wait runs shows it at once (the state is in the database).
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and dialog.wait_left() == 2 and not dialog.ok_button.isEnabled()
    dialog.reject()
    clock.now += 2
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and dialog.ok_button.isEnabled()
    dialog.pin.setText(PIN)
    dialog.ok_button.click()
    assert current(shell) is teacher.view
    assert teacher.gate.failures() == 0


def test_overview_shows_real_results(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    repo = _repo(shell)
    _take(repo, shell, "Ada", "7a", [True, True, False])
    _take(repo, shell, "Ada", "7a", [True, True, True])
    _take(repo, shell, "Ada", "7a", [False, False, False], mode="practice")
    _take(repo, shell, "Bo", "7b", [False, False, True])
    _take(repo, shell, "Cy", "7b", [True, True, False])
    view = open_teacher_area(qtbot, shell)
    table = view.overview.table
    assert shell.library is not None
    title = shell.library.get_set("mini", "en").title  # type: ignore[union-attr]
    # Students × sets: one row per student, one column per set, titled (not the id).
    assert table.rows() == 3 and table.model().columnCount() == 3
    assert table.model().headerData(2, Qt.Orientation.Horizontal, TOOLTIP) == title
    cells = [[table.text(r, c) for c in range(3)] for r in range(3)]
    # The band is a symbol and a number, not only a colour.
    assert cells == [["Ada", "7a", "● 100%"], ["Bo", "7b", "○ 33%"], ["Cy", "7b", "◐ 67%"]]
    tip = str(table.model().index(0, 2).data(TOOLTIP))
    assert "best 3 of 3 right (100%), last 3 of 3 right (100%)" in tip
    assert "attempts: 3 (1 practice)" in tip  # practice rounds are named, not hidden
    background = table.model().index(1, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == BAND_COLOURS[ScoreBand.LOW][1]
    assert "Bo" in str(table.model().index(1, 2).data(Qt.ItemDataRole.AccessibleTextRole))
    # Sorting by the set's score, lowest first, through the keyboard-reachable choice.
    choice = view.overview.sort_choice
    choice.setCurrentIndex(choice.findText(f"{title} – lowest first"))
    choice.activated.emit(choice.currentIndex())
    assert [table.text(r, 0) for r in range(3)] == ["Bo", "Cy", "Ada"]
    # A click on a header sorts too, and the choice follows.
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert [table.text(r, 0) for r in range(3)] == ["Ada", "Bo", "Cy"]
    assert choice.currentText() == "Student"
    # Drill-down: Bo's answers, right and wrong in words.
    table.choose(1, 2)
    tree = view.overview.answers
    assert tree.topLevelItemCount() == 1
    attempt = tree.topLevelItem(0)
    assert attempt is not None and attempt.childCount() == 3
    results = [attempt.child(i).text(2) for i in range(3)]
    assert results == ["✘ Not right", "✘ Not right", "✔ Right"]
    assert attempt.child(0).text(3) == "Sure"
    assert "Bo" in view.overview.answers_heading.text()
    assert title in view.overview.answers_heading.text()
    # The keyboard moves between cells, and the answers follow.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert "Cy" in view.overview.answers_heading.text()
    # Filters: one group; the chosen cell is kept while still shown.
    view.set_filters(Filters(group="7b"))
    assert table.rows() == 2 and table.text(1, 0) == "Cy"
    assert "Cy" in view.overview.answers_heading.text()
    # Item analysis: one section for the set, three questions, each too few to judge.
    view.set_filters(Filters())
    items = view.items
    assert items.table.rowCount() == 5  # heading, three questions, supported-or-not summary
    assert title in items.table.item(0, 0).text()  # the section's heading
    assert "d′" in items.table.item(4, 0).text()
    assert "Fewer than 5" in items.table.item(1, 7).text()
    assert items.table.item(1, 7).text().startswith("⚑")  # flagged: a symbol and a colour
    assert items.table.item(1, 3).text() == "3"  # first attempts only: Ada, Bo and Cy
    assert items.table.item(1, 2).text() == "Inference"  # the level beside the prompt
    # The first question to check is shown in full under the table without a click.
    assert items.detail_text().startswith("⚑ Question 1 · Level: Inference")
    assert "To check: Fewer than 5" in items.detail_text()
    header = items.table.horizontalHeaderItem(5)
    assert header is not None and "Discrimination index" in header.toolTip()
    assert "3 questions to check" in items.summary.text()
    # Back drops the data, so nothing is left for the next person at the computer.
    view.back_button.click()
    assert current(shell) is shell.start_view and table.rows() == 0


def test_overview_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, language="de")
    _take(_repo(shell), shell, "Ada", "7a", [True, True, False])
    view = open_teacher_area(qtbot, shell)
    table = view.overview.table
    assert table.text(0, 2) == "◐ 67\xa0%"
    assert table.model().headerData(0, Qt.Orientation.Horizontal) == "Schüler/in"
    assert "Trennschärfe" in view.items.table.horizontalHeaderItem(5).toolTip()  # type: ignore[union-attr]
    assert view.items.table.item(1, 2).text() == "Erschließen"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_report_export_writes_a_file(qtbot: QtBot, tmp_path: Path, fmt: str) -> None:
    shell = start_shell(qtbot, tmp_path / "data")
    _take(_repo(shell), shell, "Ada", "7a", [True, False, True])
    open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None
    written = actions.export_report(fmt, tmp_path / f"report.{fmt}", pseudonymise=True)
    assert written and all(path.stat().st_size > 0 for path in written)
    if fmt == "csv":
        assert "Ada" not in written[0].read_text(encoding="utf-8-sig")
    # One success message, offering to open the file or its folder; no stock button icons.
    boxes = [b for b in shell.window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.objectName() for b in boxes] == ["teacher_done_notice"]
    buttons = boxes[0].buttons()
    assert sorted(b.text() for b in buttons) == ["Close", "Open file", "Show in folder"]
    assert boxes[0].defaultButton().text() == "Close"
    assert all(button.icon().isNull() for button in buttons)
    boxes[0].close()


def test_report_problem_is_a_message_not_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    _take(_repo(shell), shell, "Ada", "7a", [True, False, True])
    open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None
    assert actions.export_report("xlsx", tmp_path / "missing" / "r.xlsx") == []
    box = shell.window.findChild(QMessageBox, "teacher_problem")
    assert box is not None and "does not exist" in box.text()
    assert box.informativeText()  # the hint
    box.close()


def test_results_exchange_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    other = start_shell(qtbot, tmp_path / "other")
    _take(_repo(other), other, "Cy", "7c", [True, True, True])
    open_teacher_area(qtbot, other)
    other_actions = teacher_controller(other).actions
    assert other_actions is not None
    assert other_actions.export_results(tmp_path / "cy.json")
    other.window.close()

    shell = start_shell(qtbot, tmp_path / "teacher")
    view = open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None and view.overview.table.rows() == 0
    summary = actions.import_results([tmp_path / "cy.json"])
    assert summary is not None and summary.students.added == 1
    assert "Added: 1 student," in view.files.status.text()
    assert view.overview.table.rows() == 1
    again = actions.import_results([tmp_path / "cy.json"])
    assert again is not None and again.attempts.added == 0 and again.attempts.skipped == 1


def test_export_and_delete_student(qtbot: QtBot, tmp_path: Path) -> None:
    nickname = "Wombat-Quixote"
    shell = start_shell(qtbot, tmp_path)
    _take(_repo(shell), shell, nickname, "7a", [True, False, True])
    _take(_repo(shell), shell, "Stays", "7a", [True, True, True])
    view = open_teacher_area(qtbot, shell)
    teacher = teacher_controller(shell)
    actions = teacher.actions
    assert actions is not None
    table = view.overview.table
    row_index = next(r for r in range(table.rows()) if table.text(r, 0) == nickname)
    table.choose(row_index, 0)
    row = view.overview.current_row()
    assert row is not None and view.overview.delete_student_button.isEnabled()
    # Outside the data folder (tmp_path here): nothing may be written into that one.
    exported = tmp_path.with_name(tmp_path.name + "-w.json")
    assert actions.export_student(row.student_id, exported)
    assert nickname in exported.read_text(encoding="utf-8")
    box = actions.confirm_delete()
    assert box is not None and nickname in box.text()
    delete = next(b for b in box.buttons() if nickname in b.text())
    assert box.defaultButton() is not delete
    delete.click()
    qtbot.waitUntil(lambda: table.rows() == 1)
    assert table.text(0, 0) == "Stays"
    raw = b"".join(path.read_bytes() for path in tmp_path.glob(DB_NAME + "*") if path.is_file())
    assert nickname.encode() not in raw


def test_big_class_loads_off_the_gui_thread_with_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    repo = _repo(shell)
    for n in range(4):
        _take(repo, shell, f"S{n}", "7a", [True, n % 2 == 0, False])
    teacher = teacher_controller(shell)
    teacher.background_from = 1  # this class counts as big: the worker thread reads it
    threads: list[str] = []
    compute = teacher._compute

    def spy(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return compute(*args)  # type: ignore[arg-type]

    teacher._compute = spy  # type: ignore[method-assign]
    view = open_teacher_area(qtbot, shell)
    assert view.busy.isVisibleTo(view) and view.busy.running
    assert view.busy.button.text() == "Cancel" and view.busy.progress.maximum() == 0
    qtbot.waitUntil(lambda: view.overview.table.rows() == 4)
    assert not view.busy.isVisibleTo(view)
    assert threads and threads[0] != threading.main_thread().name
    # Cancel: the result of the running load is dropped, and "Load again" loads.
    view.set_filters(Filters(group="7a"))
    assert view.busy.running
    view.busy.button.click()
    assert not teacher.loader.busy and view.busy.button.text() == "Load again"
    assert "cancelled" in view.busy.message.text()
    qtbot.wait(300)
    assert view.busy.isVisibleTo(view) and not view.busy.running
    view.busy.button.click()
    qtbot.waitUntil(lambda: not view.busy.isVisibleTo(view))
    assert view.overview.table.rows() == 4


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_big_class_report_is_written_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, fmt: str
) -> None:
    shell = start_shell(qtbot, tmp_path / "data")
    for n in range(3):
        _take(_repo(shell), shell, f"S{n}", "7a", [True, n == 0, False])
    teacher = teacher_controller(shell)
    teacher.background_from = 1
    view = open_teacher_area(qtbot, shell)
    qtbot.waitUntil(lambda: not teacher.loader.busy)
    actions = teacher.actions
    assert actions is not None
    out = tmp_path / f"big.{fmt}"
    assert actions.export_report(fmt, out) == []  # returns at once; the worker writes
    bar = view.files.busy
    assert bar.running and bar.button.text() == "Cancel"
    assert not view.files.report_button.isEnabled()  # one report at a time
    qtbot.waitUntil(lambda: not actions.writer.busy, timeout=30_000)
    assert not bar.isVisibleTo(view) and view.files.report_button.isEnabled()
    assert out.stat().st_size > 0 and "Report saved" in view.files.status.text()


def test_cancelled_report_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data")
    _take(_repo(shell), shell, "Ada", "7a", [True, True, False])
    teacher = teacher_controller(shell)
    teacher.background_from = 1
    view = open_teacher_area(qtbot, shell)
    qtbot.waitUntil(lambda: not teacher.loader.busy)
    actions = teacher.actions
    assert actions is not None
    before = set(threading.enumerate())
    out = tmp_path / "cancelled.xlsx"
    actions.export_report("xlsx", out)
    workers = set(threading.enumerate()) - before
    view.files.busy.button.click()
    assert "not saved" in view.files.busy.message.text()
    assert not view.files.busy.button.isVisibleTo(view)
    qtbot.waitUntil(lambda: not any(worker.is_alive() for worker in workers), timeout=30_000)
    qtbot.wait(50)  # the dropped result is delivered to nobody
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no file, no temporary
    assert "Report saved" not in view.files.status.text()
