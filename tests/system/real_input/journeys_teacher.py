"""The teacher's journey with a 30-student demo class: choose the PIN, every tab, a click on a
grid cell, sorting by a header click and by the sort box, every report format picked by mouse
and exported through the file dialog, and a set file added."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)

from quizapp.i18n import _
from quizapp.ui.teacher.class_grid import FIXED_COLUMNS
from quizapp.ui.teacher.view import tab_index
from real_input.hands import JourneyFailure
from real_input.journey_world import Journey, World

PIN = "2468"
EXTRA_SET = "extra.en.yaml"
STUDENTS = 30


def prepare(data: Path, content: Path, language: str) -> None:
    """A demo class in the data folder; a set file in the home folder to add."""
    from quizapp.core.content.loader import load_content
    from quizapp.demo.simulated_class import create_demo_class
    from quizapp.storage.repository import Repository

    library = load_content([content])
    repository = Repository.open(data)
    try:
        create_demo_class(repository, library.sets, STUDENTS, seed=3, language=language)
    finally:
        repository.close()
    mini = (content / "sets" / "mini.en.yaml").read_text(encoding="utf-8")
    extra = mini.replace("id: mini", "id: extra", 1).replace('title: "Mini set"', 'title: "Extra"')
    (data.parent / EXTRA_SET).write_text(extra, encoding="utf-8")


def file_dialog(world: World) -> QFileDialog:
    world.hands.until(
        lambda: isinstance(QApplication.activeModalWidget(), QFileDialog), "a file dialog opened"
    )
    time.sleep(0.3)
    dialog = world.hands.look(QApplication.activeModalWidget)
    assert isinstance(dialog, QFileDialog)
    return dialog


def accept_dialog(world: World, dialog: QFileDialog, name: str | None = None) -> None:
    """Type ``name`` into the file name field (if given) and click Save / Open."""
    if name is not None:
        field = world.hands.look(lambda: dialog.findChild(QLineEdit, "fileNameEdit"))
        world.click(field)
        world.hands.keys("ctrl+a")
        world.hands.type(name)
        time.sleep(0.3)
        world.hands.keys("Escape")  # closes the name completer's list, not the dialog
        world.hands.keys("Return")
    else:
        buttons = world.hands.look(lambda: dialog.findChild(QDialogButtonBox, "buttonBox"))
        accept = world.hands.look(lambda: buttons.button(QDialogButtonBox.StandardButton.Save))
        world.press(accept)
    world.hands.until(  # the static dialog is deleted once closed: ask the app, not it
        lambda: not isinstance(QApplication.activeModalWidget(), QFileDialog),
        "the file dialog closed",
    )


def enter_pin(world: World) -> None:
    start = world.shell.start_view
    world.on_screen(start, "the start page")
    world.step("Teacher area: choose a PIN")
    world.press(start.teacher_button)
    teacher = world.screens.teacher
    world.hands.until(lambda: teacher.dialog is not None and teacher.dialog.isVisible(), "PIN")
    dialog = teacher.dialog
    assert dialog is not None
    world.click(dialog.pin)
    world.hands.type(PIN)
    world.click(dialog.confirm)
    world.hands.type(PIN)
    world.press(dialog.ok_button)
    world.hands.until(lambda: teacher.view is not None, "the teacher area opened")
    assert teacher.view is not None
    world.on_screen(teacher.view, "the teacher area")


def every_tab(world: World) -> None:
    view = world.screens.teacher.view
    assert view is not None
    for index in [*range(1, view.tabs.count()), 0]:
        world.step(f"tab {index + 1}: {world.hands.look(lambda i=index: view.tabs.tabText(i))}")
        click_tab(world, index)
        time.sleep(0.2)
        world.hands.screenshot(f"tab-{index + 1}")


def click_tab(world: World, index: int) -> None:
    """Click the tab ``index`` of the teacher area's tab bar and see its page."""
    view = world.screens.teacher.view
    assert view is not None
    bar = view.tabs.tabBar()

    def find() -> QRect:
        rect = bar.tabRect(index)
        return QRect(bar.mapToGlobal(rect.topLeft()), rect.size())

    box = world.hands.look(find)
    world.hands.click_at(box.center().x(), box.center().y())
    world.see(lambda: view.tabs.currentIndex() == index, "the clicked tab is shown")


def grid_and_sorting(world: World) -> None:
    view = world.screens.teacher.view
    assert view is not None
    overview = view.overview
    table = overview.table
    world.see(lambda: table.rows() == STUDENTS, f"{STUDENTS} students in the class overview")
    world.step("click a grid cell")

    def cell(row: int, column: int) -> QRect:
        rect = table.visualRect(table.proxy.index(row, column))
        return QRect(table.viewport().mapToGlobal(rect.topLeft()), rect.size())

    box = world.hands.look(lambda: cell(1, FIXED_COLUMNS))
    world.hands.click_at(box.center().x(), box.center().y())
    world.see(lambda: overview.current_row() is not None, "the clicked cell is chosen")
    world.see(lambda: not overview.details.isVisible(), "the answers pane is closed at first")
    if world.hands.look(lambda: world.shell.window.screen().size().height()) <= 600:
        rows = world.hands.look(lambda: table.rowAt(table.viewport().height() - 1))
        if rows < 9:
            raise JourneyFailure(f"a netbook shows only {rows + 1} students (10 wanted)")
    world.press(overview.answers_button)
    world.see(lambda: overview.details.isVisible(), "“Show answers” opens the answers pane")
    world.see(lambda: overview.answers.topLevelItemCount() > 0, "the student's answers are shown")
    world.press(overview.answers_button)
    world.see(lambda: not overview.details.isVisible(), "“Hide answers” closes it again")
    world.step("sort by a click on a set's header")
    header = table.horizontalHeader()

    def section(column: int) -> QRect:
        x = header.sectionViewportPosition(column)
        rect = QRect(x, 0, header.sectionSize(column), header.height())
        return QRect(header.viewport().mapToGlobal(rect.topLeft()), rect.size())

    box = world.hands.look(lambda: section(FIXED_COLUMNS))
    world.hands.click_at(box.center().x(), box.center().y())
    world.see(lambda: header.sortIndicatorSection() == FIXED_COLUMNS, "sorted by that set")
    title = world.hands.look(lambda: table.grid_model.grid.sets[0][1])
    world.see(lambda: title in overview.sort_choice.currentText(), "the sort box follows")
    world.step("sort by the sort box, by mouse")
    world.pick_by_mouse(overview.sort_choice, _("Student"))
    world.see(lambda: header.sortIndicatorSection() == 0, "sorted by student")
    names = world.hands.look(lambda: [table.text(r, 0) for r in range(table.rows())])
    if names != sorted(names, key=str.casefold) and names != sorted(names):
        raise JourneyFailure(f"the students are not in name order: {names[:6]}")


def reports(world: World) -> None:
    view = world.screens.teacher.view
    assert view is not None
    files = view.files
    click_tab(world, world.hands.look(lambda: tab_index(view.tabs, files)))
    home = world.work
    names = {
        "xlsx": _("Spreadsheet (XLSX)"),
        "pdf": _("Printable document (PDF)"),
        "csv": _("Plain table (CSV)"),
    }
    for fmt, name in names.items():
        world.step(f"report as {fmt}: pick the format by mouse, export")
        world.pick_by_mouse(files.format_choice, name)
        world.press(files.report_button)
        dialog = file_dialog(world)
        suggested = world.hands.look(lambda d=dialog: d.findChild(QLineEdit, "fileNameEdit").text())
        if not suggested.endswith(f".{fmt}"):
            raise JourneyFailure(f"the dialog suggests {suggested!r} for a {fmt} report")
        accept_dialog(world, dialog)
        world.hands.until(
            lambda f=fmt: any(p.stat().st_size > 0 for p in home.glob(f"*.{f}")),
            f"a {fmt} report was written to the folder the dialog showed",
            timeout=30,
        )
        world.see(lambda f=fmt: f".{f}" in files.status.text(), "the status names the file")
        close_saved_notice(world, f".{fmt}")


def close_saved_notice(world: World, wanted: str) -> None:
    """The "Report saved" box names the file; its Close button closes it."""
    world.hands.until(
        lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the saved notice"
    )
    box = world.hands.look(QApplication.activeModalWidget)
    assert isinstance(box, QMessageBox)
    world.see(lambda: wanted in box.text(), f"the notice names the {wanted} file")
    close = world.hands.look(lambda: next(b for b in box.buttons() if b.text() == _("Close")))
    world.press(close)
    world.hands.until(lambda: QApplication.activeModalWidget() is None, "the notice closed")


def add_set_file(world: World) -> None:
    view = world.screens.teacher.view
    assert view is not None
    sets = view.sets
    world.step("Question sets: add a set file through the dialog")
    click_tab(world, world.hands.look(lambda: tab_index(view.tabs, sets)))
    world.press(sets.add_button)
    accept_dialog(world, file_dialog(world), EXTRA_SET)
    world.see(
        lambda: any(
            sets.table.item(r, c) is not None and sets.table.item(r, c).text() == "Extra"
            for r in range(sets.table.rowCount())
            for c in range(sets.table.columnCount())
        ),
        "the added set is listed",
    )
    world.step("back to the start page")
    world.press(view.back_button)
    world.on_screen(world.shell.start_view, "the start page")


def teacher(world: World) -> None:
    enter_pin(world)
    every_tab(world)
    grid_and_sorting(world)
    reports(world)
    add_set_file(world)


JOURNEYS = {"teacher": Journey(teacher, prepare=prepare)}
