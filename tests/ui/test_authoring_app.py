"""The teacher area's "New article…", "New set…", "Open in editor", "Preview" and folder watch.

Real widgets, real files: the dialogs are filled as a teacher does (paste, type, click), the
files they write are compared byte for byte with what the commands write, an editor's save is
picked up by the folder watch, and the finished set is played by keyboard and reported.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from authoring_support import ARTICLE, SET_ID, SOURCE_ID, fill_source, finish_set
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import (
    PIN,
    SHIPPED_CONTENT,
    answers_in_db,
    current,
    open_teacher_area,
    start_shell,
    teacher_controller,
)

from quizapp.app import AppShell
from quizapp.ui.teacher.sets_authoring import SetsAuthoring
from quizapp.ui.teacher.view import TeacherView


def cli(data: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--lang", "en", *args, "--data-dir", str(data)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def authoring(shell: AppShell) -> SetsAuthoring:
    sets = teacher_controller(shell).sets
    assert sets is not None
    return sets.authoring


def click(widget: object) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]


def new_article_by_hand(qtbot: QtBot, shell: AppShell, view: TeacherView) -> None:
    """Paste the article (Ctrl+V), type the outlet, keep the suggested id … then fix it."""
    view.tabs.setCurrentWidget(view.sets)
    click(view.sets.new_article_button)
    dialog = authoring(shell).article_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    QGuiApplication.clipboard().setText(ARTICLE.read_text("utf-8"))
    dialog.text.setFocus()
    QTest.keyClick(dialog.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text.toPlainText() == ARTICLE.read_text("utf-8")
    assert dialog.id_field.text() == "startseite", "suggested from the first line"
    QTest.keyClicks(dialog.outlet, "Lindenauer Tageblatt")
    dialog.id_field.selectAll()
    QTest.keyClicks(dialog.id_field, "sora-leak")  # in use: refused, nothing lost
    click(dialog.ok_button)
    assert "already a source" in dialog.problem.text() and dialog.isVisible()
    assert dialog.focusWidget() is dialog.id_field, "the field to correct has the focus"
    dialog.id_field.selectAll()
    QTest.keyClicks(dialog.id_field, SOURCE_ID)
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: authoring(shell).article_dialog is None)


def new_set_by_hand(qtbot: QtBot, shell: AppShell, view: TeacherView) -> None:
    click(view.sets.new_set_button)
    dialog = authoring(shell).set_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.source.currentData() == SOURCE_ID, "the article just saved is chosen"
    QTest.keyClicks(dialog.id_field, SET_ID)
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: authoring(shell).set_dialog is None)


def test_the_dialogs_write_the_same_files_as_the_commands(qtbot: QtBot, tmp_path: Path) -> None:
    by_command = tmp_path / "command"
    cli(by_command, "source", "new", str(ARTICLE), "--id", SOURCE_ID, "--lang", "de",
        "--outlet", "Lindenauer Tageblatt")  # fmt: skip
    cli(by_command, "set", "new", "--source", SOURCE_ID, "--id", SET_ID)
    by_app = tmp_path / "app"
    shell = start_shell(qtbot, by_app, content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    new_article_by_hand(qtbot, shell, view)
    new_set_by_hand(qtbot, shell, view)
    for name in (f"sources/{SOURCE_ID}.yaml", f"sets/{SET_ID}.de.yaml", f"sets/{SET_ID}.en.yaml"):
        made = (by_app / "content" / name).read_bytes()
        assert made == (by_command / "content" / name).read_bytes(), name
    # The draft is listed as one, chosen, and not offered to students.
    tab = view.sets
    assert tab.selected_set_id() == SET_ID
    row = tab.table.currentRow()
    assert "draft" in tab.table.item(row, 4).text()
    assert SET_ID not in shell.start_view._cards


def test_open_in_editor_and_the_watch_picks_up_a_save(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    new_article_by_hand(qtbot, shell, view)
    new_set_by_hand(qtbot, shell, view)
    opened: list[Path] = []
    authoring(shell).file_opener = lambda path: opened.append(path) or True
    click(view.sets.editor_button)
    german = tmp_path / "content" / "sets" / f"{SET_ID}.en.yaml"
    assert opened == [german.resolve()]
    # The "editor" saves a slip: the watch reloads and lists it without pressing Reload.
    text = german.read_text("utf-8")
    german.write_text(text.replace("difficulty: 1", "difficulty: 9", 1), "utf-8")
    qtbot.waitUntil(lambda: "must be at most 3" in view.sets.problems.toPlainText(), timeout=5000)
    assert "stimme.en.yaml" in view.sets.problems.toPlainText()
    # Saved again the way many editors do (a new file renamed over the old one).
    fixed = german.with_name(".stimme.en.yaml.swp")
    fixed.write_text(text, "utf-8")
    fixed.replace(german)
    qtbot.waitUntil(lambda: "must be at most" not in view.sets.problems.toPlainText(), timeout=5000)


def test_preview_plays_a_draft_and_saves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    new_article_by_hand(qtbot, shell, view)
    new_set_by_hand(qtbot, shell, view)
    click(view.sets.preview_button)
    window = authoring(shell).preview
    assert window is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.question_set.draft  # type: ignore[attr-defined]
    scratch = window.repository.path.parent  # type: ignore[attr-defined]
    quiz = window.quiz  # type: ignore[attr-defined]
    assert quiz.session.total == 7, "every example task of the skeleton"
    window.quiz_view.pick(0)  # type: ignore[attr-defined]
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.feedback_view  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: authoring(shell).preview is None)
    assert not scratch.exists(), "the scratch results are deleted"
    assert list(answers_in_db(tmp_path)) == [], "the class's results are untouched"


def test_from_the_dialog_to_the_class_report(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shell = start_shell(qtbot, data, content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    new_article_by_hand(qtbot, shell, view)
    new_set_by_hand(qtbot, shell, view)
    # In the editor: the translations into the source, the finished set over the draft.
    fill_source(data / "content" / "sources" / f"{SOURCE_ID}.yaml")
    finish_set(data / "content" / "sets")
    qtbot.waitUntil(lambda: SET_ID in shell.start_view._cards, timeout=5000)
    assert "No problems" in view.sets.problems.toPlainText()
    click(view.back_button)
    assert next(iter(shell.start_view._cards)) == SET_ID
    shell.close()
    # Next lesson, a student's start page: this week's article first, with outlet and date.
    shell = start_shell(qtbot, data, content=SHIPPED_CONTENT)
    start = shell.start_view
    first = start.article_headings[0]
    assert first.title.text().startswith("Fake voice message")  # the title's translation
    assert first.details.text() == "Lindenauer Tageblatt · March 14, 2025"
    assert start.article_headings[1].details.text() == "outlet and date not given"
    assert start.selected_set_id() == SET_ID, "the newest article's first set is chosen"
    # A student plays it by keyboard.
    start.nickname.setFocus()
    QTest.keyClicks(start.nickname, "Ada")
    QTest.keyClick(shell.window, Qt.Key.Key_Return)
    quiz_view = shell.screens.quiz_view
    assert current(shell) is quiz_view
    session = shell.screens.quiz.session
    assert session is not None and session.total == 3
    for _number in range(session.total):
        QTest.keyClick(shell.window, Qt.Key.Key_1)
        QTest.keyClick(shell.window, Qt.Key.Key_Return)  # Submit
        assert current(shell) is shell.screens.feedback_view
        QTest.keyClick(shell.window, Qt.Key.Key_Return)  # Next / See results
    assert current(shell) is shell.screens.results_view
    saved = [a for a in answers_in_db(data)]
    assert len(saved) == 3
    shell.close()
    # The class report names the set and counts Ada's three answers.
    out = tmp_path / "class.csv"
    cli(data, "report", "--format", "csv", "--out", str(out), "--set", SET_ID)
    rows = list(csv.reader((tmp_path / "class-answers.csv").open(encoding="utf-8-sig")))
    assert sum(1 for row in rows if SET_ID in row and "Ada" in row) == 3, rows[:3]


def test_retire_and_offer_again_from_the_teacher_area(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    new_article_by_hand(qtbot, shell, view)
    new_set_by_hand(qtbot, shell, view)
    fill_source(tmp_path / "content" / "sources" / f"{SOURCE_ID}.yaml")
    finish_set(tmp_path / "content" / "sets")
    qtbot.waitUntil(lambda: SET_ID in shell.start_view._cards, timeout=5000)
    tab = view.sets
    german = tmp_path / "content" / "sets" / f"{SET_ID}.de.yaml"
    before = german.read_text("utf-8")
    tab.select_set(SET_ID)
    tab.retire_button.setFocus()
    QTest.keyClick(tab.retire_button, Qt.Key.Key_Space)  # by keyboard
    assert SET_ID not in shell.start_view._cards, "students no longer see it"
    assert "retired" in tab.table.item(tab.table.currentRow(), 4).text()
    assert "results stay in the reports" in tab.status.text()
    assert german.read_text("utf-8") == before.replace(
        f"source: {SOURCE_ID}\n", f"source: {SOURCE_ID}\nretired: true\n"
    ), "one line added, everything else as the teacher wrote it"
    assert "No problems" in tab.problems.toPlainText()
    click(tab.retire_button)  # offered again
    assert SET_ID in shell.start_view._cards
    assert german.read_text("utf-8") == before


def report_answers(data: Path, folder: Path, set_id: str) -> int:
    """How many answers to ``set_id`` the class report (``quizapp report``) lists."""
    out = folder / "class.csv"
    cli(data, "report", "--format", "csv", "--out", str(out), "--set", set_id)
    rows = list(csv.reader((folder / "class-answers.csv").open(encoding="utf-8-sig")))
    return sum(1 for row in rows if set_id in row)


def test_retire_a_shipped_set_and_offer_it_again(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli(data, "demo", "--students", "3")  # last week's class played the shipped sets
    answered = report_answers(data, tmp_path, "why")
    assert answered >= 3
    shipped = {p: p.read_bytes() for p in (SHIPPED_CONTENT / "sets").glob("why.*.yaml")}
    shell = start_shell(qtbot, data, content=SHIPPED_CONTENT)
    assert "why" in shell.start_view._cards
    view = open_teacher_area(qtbot, shell)
    view.tabs.setCurrentWidget(view.sets)
    tab = view.sets
    tab.select_set("why")
    tab.retire_button.setFocus()
    QTest.keyClick(tab.retire_button, Qt.Key.Key_Space)  # by keyboard, as for the own sets
    assert "why" not in shell.start_view._cards, "students no longer see it"
    assert "results stay in the reports" in tab.status.text()
    row = tab.table.currentRow()
    assert tab.table.item(row, 1).text() == "why"
    assert tab.table.item(row, 4).text() == "Shipped with quizapp · retired (not shown to students)"
    assert "No problems" in tab.problems.toPlainText()
    listed = data / "content" / "retired-sets.yaml"
    assert listed.read_text("utf-8").splitlines()[-1] == "- why"
    assert {p: p.read_bytes() for p in shipped} == shipped, "the shipped files are untouched"
    shell.close()
    # Next lesson: still retired; its answers are still in the class report.
    shell = start_shell(qtbot, data, content=SHIPPED_CONTENT)
    assert "why" not in shell.start_view._cards
    assert "what-happened" in shell.start_view._cards
    assert report_answers(data, tmp_path, "why") == answered
    view = open_teacher_area_again(qtbot, shell)
    view.tabs.setCurrentWidget(view.sets)
    view.sets.select_set("why")
    click(view.sets.retire_button)  # offered again
    assert "why" in shell.start_view._cards
    assert "offered to students again" in view.sets.status.text()
    assert "- why" not in listed.read_text("utf-8")
    assert {p: p.read_bytes() for p in shipped} == shipped
    # Written by hand in an editor: the folder watch loads the list, a slip is listed at once.
    listed.write_text(listed.read_text("utf-8") + "- why\n- whyy\n", "utf-8")
    qtbot.waitUntil(lambda: "why" not in shell.start_view._cards, timeout=5000)
    assert f"{listed}:" in view.sets.problems.toPlainText()
    assert "“whyy”: this line retires nothing" in view.sets.problems.toPlainText()


def open_teacher_area_again(qtbot: QtBot, shell: AppShell) -> TeacherView:
    """The teacher area with the PIN chosen in an earlier session."""
    teacher = teacher_controller(shell)
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    assert dialog is not None and not dialog.choosing
    dialog.pin.setText(PIN)
    dialog.ok_button.click()
    assert teacher.view is not None
    qtbot.waitUntil(lambda: current(shell) is teacher.view)
    return teacher.view
