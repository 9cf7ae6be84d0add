"""The teacher view's tabs: class overview with drill-down, item analysis, files.

Each tab lays out rows from :mod:`quizapp.ui.views.teacher_rows` and emits signals; the teacher
controller fills them. Tables are read-only, keyboard-navigable and have accessible names.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.style import RIGHT_MARK, WRONG_MARK
from quizapp.ui.views.teacher_rows import AttemptAnswers, ItemLine, OverviewRow, SetItems
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label


def read_only_table(columns: int) -> QTableWidget:
    """A table of texts: whole rows selected, no editing, lines wrapped."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    return table


def fill_row(table: QTableWidget, row: int, texts: Sequence[str]) -> None:
    """Put ``texts`` into ``row`` of ``table``."""
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(row, column, item)


class OverviewTab(QWidget):
    """Students × sets, and the chosen student's answers at the chosen set below."""

    row_chosen = Signal(object)  # OverviewRow or None
    export_student_requested = Signal()
    delete_student_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OverviewRow] = []
        layout = QVBoxLayout(self)
        self.table = read_only_table(7)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(self._current_changed)
        self.empty = text_label(muted=True)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.answers_heading = heading(3)
        self.answers = QTreeWidget()
        self.answers.setColumnCount(4)
        self.answers.setAlternatingRowColors(True)
        self.answers.setWordWrap(True)
        self.answers.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        details_layout.addWidget(self.answers_heading)
        details_layout.addWidget(self.answers, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        row = QHBoxLayout()
        self.export_student_button = QPushButton()
        self.export_student_button.clicked.connect(self.export_student_requested)
        self.delete_student_button = QPushButton()
        self.delete_student_button.clicked.connect(self.delete_student_requested)
        row.addWidget(self.export_student_button)
        row.addWidget(self.delete_student_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._update_buttons()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.table.setHorizontalHeaderLabels(
            [
                _("Student"),
                _("Group"),
                _("Set"),
                _("Best score"),
                _("Last score"),
                _("Attempts"),
                _("Last attempt"),
            ]
        )
        self.table.setAccessibleName(_("Class overview"))
        self.table.setAccessibleDescription(
            _("One row per student and set. Choose a row to see the student’s answers below.")
        )
        self.empty.setText(_("No results match the filters."))
        self.answers.setHeaderLabels([_("Question"), _("Chosen"), _("Result"), _("Confidence")])
        self.answers.setAccessibleName(_("The chosen student’s answers"))
        if not self._rows or self.current_row() is None:
            self.answers_heading.setText(_("Choose a row to see the student’s answers."))
        self.answers_heading.setAccessibleName(self.answers_heading.text())
        set_button_text(
            self.export_student_button,
            _("Export student data…"),
            _("Save everything stored about the chosen student in a file"),
        )
        set_button_text(
            self.delete_student_button,
            _("Delete student…"),
            _("Delete the chosen student and all their results from this computer"),
        )

    def show_rows(self, rows: list[OverviewRow]) -> None:
        """List ``rows``; keeps the same student and set chosen if still listed."""
        chosen = self.current_row()
        self._rows = list(rows)
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for number, line in enumerate(rows):
            fill_row(
                self.table,
                number,
                [
                    line.student,
                    line.group,
                    line.set_title,
                    line.best,
                    line.last,
                    line.attempts,
                    line.last_day,
                ],
            )
        self.table.blockSignals(False)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        keep = next(
            (
                n
                for n, line in enumerate(rows)
                if chosen and (line.student_id, line.set_id) == (chosen.student_id, chosen.set_id)
            ),
            None,
        )
        if keep is not None:
            self.table.setCurrentCell(keep, 0)
        else:
            self.table.setCurrentCell(-1, -1)
            self.show_answers("", [])
        self._update_buttons()
        self.row_chosen.emit(self.current_row())

    def current_row(self) -> OverviewRow | None:
        """The chosen row, if any."""
        index = self.table.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def show_answers(self, title: str, attempts: list[AttemptAnswers]) -> None:
        """Show the chosen student's attempts at the chosen set, newest first."""
        self.answers.clear()
        self.answers_heading.setText(title or _("Choose a row to see the student’s answers."))
        self.answers_heading.setAccessibleName(self.answers_heading.text())
        for attempt in attempts:
            parent = QTreeWidgetItem([attempt.title])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.answers.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            for line in attempt.answers:
                mark = RIGHT_MARK if line.correct else WRONG_MARK
                result = _("%(mark)s %(result)s") % {"mark": mark, "result": line.result}
                item = QTreeWidgetItem([line.question, line.chosen, result, line.confidence])
                for column in range(4):
                    item.setToolTip(column, item.text(column))
                parent.addChild(item)
            parent.setExpanded(True)
        self.answers.setColumnWidth(0, em(self, 26))
        self.answers.setColumnWidth(1, em(self, 14))
        self.answers.setColumnWidth(2, em(self, 6))

    def _current_changed(self, *_args: object) -> None:
        self._update_buttons()
        self.row_chosen.emit(self.current_row())

    def _update_buttons(self) -> None:
        chosen = self.current_row() is not None
        self.export_student_button.setEnabled(chosen)
        self.delete_student_button.setEnabled(chosen)


class ItemsTab(QWidget):
    """Item analysis of one set at a time (chosen in a drop-down)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sets: list[SetItems] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.set_label = QLabel()
        self.set_choice = QComboBox()
        self.set_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_choice.currentIndexChanged.connect(self._fill)
        self.set_label.setBuddy(self.set_choice)
        form.addRow(self.set_label, self.set_choice)
        layout.addLayout(form)
        self.summary = text_label()
        layout.addWidget(self.summary)
        self.table = read_only_table(7)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.support = text_label()
        layout.addWidget(self.support)
        self.legend = text_label(muted=True)
        layout.addWidget(self.legend)

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.set_label.setText(_("&Question set:"))
        self.set_choice.setAccessibleName(_("Question set for the item analysis"))
        self.table.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Question"),
                _("Responses"),
                _("Facility"),
                _("Discrimination"),
                _("Efficiency (DE)"),
                _("Notes"),
            ]
        )
        self.table.setAccessibleName(_("Item analysis"))
        self.legend.setText(
            _(
                "Based on each student’s first finished attempt. Facility: share of right "
                "answers. Discrimination: how well the question separates stronger from weaker "
                "students. A dash means there were too few responses to judge."
            )
        )

    def show_sets(self, sets: list[SetItems]) -> None:
        """Offer ``sets`` in the drop-down; keeps the chosen set if still there."""
        chosen = self.set_choice.currentData()
        self._sets = list(sets)
        self.set_choice.blockSignals(True)
        self.set_choice.clear()
        for entry in sets:
            self.set_choice.addItem(entry.title, entry.set_id)
        index = max(0, self.set_choice.findData(chosen))
        self.set_choice.setCurrentIndex(index if sets else -1)
        self.set_choice.blockSignals(False)
        self._fill()

    def current(self) -> SetItems | None:
        """The set shown."""
        index = self.set_choice.currentIndex()
        return self._sets[index] if 0 <= index < len(self._sets) else None

    def _fill(self, *_args: object) -> None:
        entry = self.current()
        items: list[ItemLine] = entry.items if entry else []
        self.summary.setText(entry.summary if entry else _("No results match the filters."))
        self.support.setText(entry.support if entry else "")
        self.support.setVisible(bool(entry and entry.support))
        self.table.clearContents()
        self.table.setRowCount(len(items))
        for number, line in enumerate(items):
            fill_row(
                self.table,
                number,
                [
                    line.number,
                    line.question,
                    line.responses,
                    line.facility,
                    line.discrimination,
                    line.efficiency,
                    line.flags,
                ],
            )
        self.table.setColumnWidth(0, em(self, 2.5))
        self.table.setColumnWidth(1, em(self, 18))
        for column in (2, 3, 4, 5):
            self.table.resizeColumnToContents(column)
        self.table.resizeRowsToContents()
