"""The teacher view's "Question sets" tab: what is loaded, what is wrong, and your own folder.

Teachers write sets as YAML files in their own folder (in the data folder, beside the results);
this tab shows where that is, opens it, reloads after an edit and lists every problem with
file, line and column, so a teacher never needs a terminal to find a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.teacher.tabs import StatusWithPath, fill_row, read_only_table
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label


@dataclass(frozen=True)
class SetLine:
    """One loaded set for the table, every text already formatted."""

    title: str
    set_id: str
    languages: str
    questions: str
    origin: str


class SetsTab(QWidget):
    """Loaded sets, content problems, and the buttons for the teacher's own folder."""

    open_folder_requested = Signal()
    add_files_requested = Signal()
    reload_requested = Signal()
    new_article_requested = Signal()
    new_set_requested = Signal()
    open_editor_requested = Signal()
    preview_requested = Signal()
    retire_requested = Signal()
    lms_export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(em(self, 0.5))
        self.sets_heading = heading(2)
        self.sets_text = text_label()
        self.table = read_only_table(5)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems_heading = heading(3)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # file:line:column lines line up in a fixed-width font, as in a terminal.
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.font().pointSizeF())  # as large as the rest: it follows the system
        self.problems.setFont(fixed)
        self.problems.setTabChangesFocus(True)  # Tab leaves the box instead of typing a tab
        self.folder_label = QLabel()
        self.folder_path = QLineEdit()
        self.folder_path.setReadOnly(True)  # selectable and copyable, not editable
        self.folder_label.setBuddy(self.folder_path)
        self.copy_folder_button = QPushButton()  # a path to paste where no file manager opens
        self.copy_folder_button.clicked.connect(self.copy_folder_path)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder_requested)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_files_requested)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload_requested)
        self.new_article_button = QPushButton()
        self.new_article_button.clicked.connect(self.new_article_requested)
        self.new_set_button = QPushButton()
        self.new_set_button.clicked.connect(self.new_set_requested)
        self.editor_button = QPushButton()
        self.editor_button.clicked.connect(self.open_editor_requested)
        self.preview_button = QPushButton()
        self.preview_button.clicked.connect(self.preview_requested)
        self.retire_button = QPushButton()
        self.retire_button.clicked.connect(self.retire_requested)
        self.lms_button = QPushButton()
        self.lms_button.clicked.connect(self.lms_export_requested)
        self.status = StatusWithPath(muted=True)  # hidden until the first action
        for widget in (self.sets_heading, self.sets_text):
            layout.addWidget(widget)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder_path, 1)
        folder_row.addWidget(self.copy_folder_button)
        folder_row.addWidget(self.open_button)  # the folder's actions beside it
        layout.addLayout(folder_row)
        # Four buttons, not five, in a row: the German ones fit a netbook without a sideways bar.
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_article_button)
        buttons.addWidget(self.new_set_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 2)
        chosen = QHBoxLayout()  # what to do with the set chosen in the table
        chosen.addWidget(self.editor_button)
        chosen.addWidget(self.preview_button)
        chosen.addWidget(self.retire_button)
        chosen.addWidget(self.lms_button)
        chosen.addStretch(1)
        layout.addLayout(chosen)
        layout.addWidget(self.problems_heading)
        layout.addWidget(self.problems, 1)
        self._problem_count = 0
        order = [
            self.folder_path,
            self.copy_folder_button,
            self.open_button,
            self.new_article_button,
            self.new_set_button,
            self.add_button,
            self.reload_button,
            self.table,
            self.editor_button,
            self.preview_button,
            self.retire_button,
            self.lms_button,
            self.problems,
        ]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)  # as on screen
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.sets_heading.setText(_("Question sets"))
        self.sets_heading.setAccessibleName(self.sets_heading.text())
        self.sets_text.setText(
            _(
                "A new article each week: “New article…” saves its text as a source in "
                "“sources”, “New set…” writes a draft set about it into “sets” (both in the "
                "folder below). Open the draft in your editor and replace every TODO; each "
                "save is loaded at once and every mistake is listed below with file, line and "
                "column. “Preview” plays a set, drafts too, without saving scores; “Retire” "
                "hides last week’s sets from students and keeps their results. The guide "
                "(README.md, “Bring your own article”) explains the format."
            )
        )
        self.folder_label.setText(_("Your fol&der:"))
        self.folder_path.setAccessibleName(_("Folder for your own question sets"))
        set_button_text(
            self.copy_folder_button,
            _("Cop&y path"),
            _("Copy the folder’s path, to paste it into a file manager or a file dialog"),
        )
        set_button_text(
            self.open_button,
            _("&Open your folder"),
            _("Create the folder if needed and open it in the file manager"),
        )
        set_button_text(
            self.add_button,
            _("&Add set files…"),
            _("Copy question set files (for example from a USB stick) into your folder"),
        )
        set_button_text(
            self.reload_button,
            _("Re&load question sets"),
            _("Read all question set files again and check them"),
        )
        set_button_text(
            self.new_article_button,
            _("&New article…"),
            _("Paste an article’s text and save it as a source for new sets"),
        )
        set_button_text(
            self.new_set_button,
            _("Ne&w set…"),
            _("Write a draft set in German and English about one of the articles"),
        )
        set_button_text(
            self.editor_button,
            _("Open in &editor"),
            _("Open the chosen set’s file in the editor your computer uses for it"),
        )
        set_button_text(
            self.preview_button,
            _("&Preview"),
            _("Play the chosen set as students see it, drafts too; nothing is saved"),
        )
        set_button_text(
            self.retire_button,
            _("&Retire or offer again"),
            _("Hide the chosen set from students, its results kept, or offer a retired set again"),
        )
        set_button_text(
            self.lms_button,
            _("Export for the L&MS…"),
            _("Save the chosen set for Moodle (Moodle XML) or another platform (QTI 3.0)"),
        )
        self.table.setHorizontalHeaderLabels(
            [_("Set"), _("Id"), _("Languages"), _("Questions"), _("From")]
        )
        self.table.setAccessibleName(_("Loaded question sets"))
        self.problems_heading.setText(_("Problems in the files"))
        self.problems_heading.setAccessibleName(self.problems_heading.text())
        self.problems.setAccessibleName(_("Problems in the question set files"))
        self.status.retranslate()
        if self._problem_count == 0:
            self.problems.setPlainText(_("No problems: every file loads."))

    def show_sets(self, lines: list[SetLine]) -> None:
        """List the loaded sets (the chosen one stays chosen)."""
        chosen = self.selected_set_id()
        self.table.clearContents()
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            fill_row(
                self.table,
                row,
                [line.title, line.set_id, line.languages, line.questions, line.origin],
            )
        if chosen is not None:
            self.select_set(chosen)

    def selected_set_id(self) -> str | None:
        """The id of the set chosen in the table (its current row), if any."""
        row = self.table.currentRow()
        item = self.table.item(row, 1) if row >= 0 else None
        return item.text() if item is not None else None

    def select_set(self, set_id: str) -> None:
        """Make the row of ``set_id`` the current one (after creating it)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None and item.text() == set_id:
                self.table.setCurrentCell(row, 0)
                return

    def show_problems(self, formatted: list[str]) -> None:
        """Show the problems, one per line (``file:line:column: …`` and a hint line)."""
        self._problem_count = len(formatted)
        if formatted:
            self.problems.setPlainText("\n".join(formatted))
        else:
            self.problems.setPlainText(_("No problems: every file loads."))

    def set_folder(self, path: str) -> None:
        """Show where the teacher's folder is."""
        self.folder_path.setText(path)
        self.folder_path.setCursorPosition(0)

    def copy_folder_path(self) -> None:
        """Put the folder's path on the clipboard and say so."""
        QGuiApplication.clipboard().setText(self.folder_path.text())
        set_button_text(self.copy_folder_button, _("Copied ✔"))

    def ask_set_files(self) -> list[Path]:
        """Ask for question set files to add; empty when cancelled."""
        names, _chosen = QFileDialog.getOpenFileNames(
            self, _("Add question set files"), str(Path.home()), "YAML (*.yaml *.yml)"
        )
        return [Path(name) for name in names]

    def set_status(self, text: str, path: Path | None = None) -> None:
        """Say what the last reload or folder action did, and the file or folder it is about
        (in full, with a Copy button). No empty gap above the table before the first action."""
        set_button_text(self.copy_folder_button, _("Cop&y path"))  # "Copied" until now
        self.status.show_status(text, path)
