"""The teacher area on a 1024×600 netbook (issue 21.1): the item analysis shows a dozen
questions, the flagged ones readable in full under the table, and no status after a save or a
folder action is cut off: the path is shown in full with a Copy button.

Real app, real demo class (the ``quizapp demo`` command), shipped content, offscreen widgets.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui_support import SHIPPED_CONTENT, open_teacher_area, start_shell, teacher_controller

from quizapp import cli
from quizapp.ui.teacher.tabs import ZERO_WIDTH_SPACE

NETBOOK = (1024, 600)


def _demo_shell(qtbot: QtBot, data: Path):  # type: ignore[no-untyped-def]
    assert cli.main(["demo", "--data-dir", str(data), "--lang", "en"]) == 0
    shell = start_shell(qtbot, data, content=SHIPPED_CONTENT)
    shell.window.resize(*NETBOOK)
    view = open_teacher_area(qtbot, shell)
    qtbot.waitUntil(lambda: view.overview.table.model().rowCount() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: not view.busy.isVisible(), timeout=30_000)
    return shell, view


def _clipped_labels(page: QWidget) -> list[str]:
    """Visible labels narrower than the narrowest they can be drawn in (their text cut)."""
    return [
        label.text()
        for label in page.findChildren(QLabel)
        if label.isVisible()
        and label.text()
        and label.minimumSizeHint().width() > label.width() + 1
    ]


def test_item_analysis_at_1024x600_shows_a_dozen_questions(qtbot: QtBot, tmp_path: Path) -> None:
    shell, view = _demo_shell(qtbot, tmp_path / "data")
    view.tabs.setCurrentWidget(view.items)
    items = view.items
    table = items.table
    qtbot.waitUntil(lambda: table.rowCount() > 12)
    qtbot.wait(50)  # the columns are shared out after the tab is shown
    # One line per question, and no sideways scrolling: the columns fit the width.
    assert not table.horizontalScrollBar().isVisible()
    line = table.fontMetrics().height()
    heights = {table.rowHeight(row) for row in range(table.rowCount())}
    assert max(heights) < 2 * line
    visible = sum(
        1
        for row in range(table.rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= table.viewport().height()
    )
    assert visible >= 10, f"only {visible} rows fit at 1024x600"
    # The numbers are narrow, the question gets the most room.
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert widths[1] == max(widths)
    assert table.isColumnHidden(2)  # the level: in the pane below on a netbook
    # A flagged question is readable in full: the first one is shown under the table at once,
    # and the full texts are in the tooltip (and the cell text a screen reader reads).
    flagged = [
        row
        for row in range(table.rowCount())
        if (table.item(row, 0) or 0) and "⚑" in table.item(row, 0).text()
    ]  # type: ignore[union-attr]
    assert flagged, "the demo class has questions to check"
    row = flagged[0]
    assert table.currentRow() == row
    prompt = table.item(row, 1)
    reasons = table.item(row, 7)
    assert prompt is not None and reasons is not None
    assert prompt.toolTip() == prompt.text()
    assert prompt.text() in items.detail_text()
    assert "To check:" in items.detail_text()
    for reason in reasons.text().removeprefix("⚑ ").split(" · "):
        assert reason in items.detail_text()
    assert items.detail.isVisible()
    # Another row chosen by keyboard: the pane follows.
    table.setCurrentCell(row + 1, 0)
    other = table.item(row + 1, 1)
    assert other is not None and other.text() in items.detail_text()
    assert not _clipped_labels(items)
    shell.window.close()


def test_saved_report_path_is_shown_whole_with_a_copy_button(qtbot: QtBot, tmp_path: Path) -> None:
    shell, view = _demo_shell(qtbot, tmp_path / "data")
    actions = teacher_controller(shell).actions
    assert actions is not None
    deep = tmp_path / ("a_very_long_folder_name_without_spaces_for_reports" * 2) / "class_7b"
    deep.mkdir(parents=True)
    out = deep / "class_report_for_the_whole_year_2026.csv"
    view.tabs.setCurrentIndex(2)
    actions.export_report("csv", out, pseudonymise=False)  # a big class: written in the back
    status = view.files.status
    qtbot.waitUntil(lambda: out.exists() and status.path.text() == str(out), timeout=30_000)
    assert str(out) in status.text()
    # The message wraps at the path's slashes instead of running off the window …
    assert ZERO_WIDTH_SPACE in status.message.text()
    assert status.message.accessibleName() == status.text()  # read without the break marks
    assert not _clipped_labels(view.files)
    # … the path is not shown twice, and a Copy button puts it on the clipboard.
    assert not status.path.isVisible() and status.copy_button.isVisible()
    status.copy_button.click()
    assert QApplication.clipboard().text() == str(out)
    assert status.copy_button.text() == "Copied ✔"
    # A page that scrolls brings the message into view (it comes last on the page).
    qtbot.waitUntil(lambda: not status.visibleRegion().isEmpty())
    shell.window.close()


def test_open_your_folder_says_what_happened(qtbot: QtBot, tmp_path: Path) -> None:
    """The desktop cannot tell whether a file manager opened: never claim it did."""
    shell = start_shell(qtbot, tmp_path / "data")
    shell.window.resize(*NETBOOK)
    view = open_teacher_area(qtbot, shell)
    view.tabs.setCurrentIndex(3)
    sets = teacher_controller(shell).sets
    assert sets is not None
    tab = view.sets
    asked: list[Path] = []
    sets.opener = lambda folder: asked.append(folder) or True
    tab.open_button.click()
    assert asked
    assert tab.status.text().startswith("Asked the file manager to open your folder.")
    assert "Opened" not in tab.status.text()
    assert "“Copy path” above" in tab.status.text()
    assert tab.folder_path.text() == str(asked[0])  # the path, once, in "Your folder"
    sets.opener = lambda folder: False
    tab.open_button.click()
    assert tab.status.text().startswith("No file manager could be opened.")
    tab.copy_folder_button.click()
    assert QApplication.clipboard().text() == str(asked[0])
    assert tab.copy_folder_button.text() == "Copied ✔"
    assert not _clipped_labels(tab)
    # A path in the message (a saved source, an opened file) gets a Copy button, not a
    # second copy of itself.
    long_path = tmp_path / ("folder_without_spaces_" * 6) / "sources" / "my-article.yaml"
    tab.set_status(f"Saved {long_path}: 12 blocks.", long_path)
    assert not tab.status.path.isVisible() and tab.status.copy_button.isVisible()
    assert not _clipped_labels(tab)
    tab.set_status("Folder elsewhere:", long_path)
    assert tab.status.path.isVisible() and tab.status.path.text() == str(long_path)


def test_teacher_pages_need_no_sideways_scrolling_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    """The German buttons once made the question sets page wider than a netbook."""
    from PySide6.QtWidgets import QScrollArea
    from ui_support import reset_language

    shell = start_shell(qtbot, tmp_path / "data", language="de")
    try:
        shell.window.resize(*NETBOOK)
        view = open_teacher_area(qtbot, shell)
        for index in (2, 3):  # reports and files, question sets: the pages that scroll
            view.tabs.setCurrentIndex(index)
            page = view.tabs.currentWidget()
            assert isinstance(page, QScrollArea)
            qtbot.wait(20)
            assert not page.horizontalScrollBar().isVisible(), view.tabs.tabText(index)
            assert not _clipped_labels(page)
        # Tab follows the rows on screen: the folder, its buttons, then the set buttons.
        sets = view.sets
        seen = [sets.folder_path]
        while len(seen) < 4:
            after = seen[-1].nextInFocusChain()
            while not after.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
                after = after.nextInFocusChain()
            seen.append(after)
        assert seen == [
            sets.folder_path,
            sets.copy_folder_button,
            sets.open_button,
            sets.new_article_button,
        ]
    finally:
        reset_language()
