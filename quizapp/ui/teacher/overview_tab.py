"""The class overview tab: the students × sets grid, and the chosen cell's answers below it.

The answers pane is closed until the teacher opens it ("Show answers", a double click or Enter
on a cell), so a netbook shows ten and more students; open, it is a resizable pane.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.style import PARTLY_MARK, RIGHT_MARK, WRONG_MARK
from quizapp.ui.teacher.class_grid import FIXED_COLUMNS, ClassGridView
from quizapp.ui.teacher.rows import AttemptAnswers, ClassGrid, OverviewRow, ScoreBand
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label
from quizapp.ui.widgets.tree import name_every_cell

GRID_SHARE, ANSWERS_SHARE = 3, 1  # the grid takes most of the height


class OverviewTab(QWidget):
    """Students × sets; choosing a cell shows that student's answers at that set below."""

    row_chosen = Signal(object)  # OverviewRow or None
    export_student_requested = Signal()
    delete_student_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(em(self, 0.3), em(self, 0.3), em(self, 0.3), 0)
        self.answers_button = QPushButton()
        self.sort_label = QLabel()
        self.sort_choice = ComboBox()
        # Narrow, so the legend beside it keeps room; the open list shows the whole texts.
        self.sort_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sort_choice.setMinimumContentsLength(18)
        self.sort_choice.activated.connect(self._sort_chosen)
        self.sort_label.setBuddy(self.sort_choice)
        self.legend = text_label(muted=True)
        self.legend.setWordWrap(True)
        self.table = ClassGridView()
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _index: self.answers_button.setChecked(True))
        self.table.doubleClicked.connect(lambda _index: self.answers_button.setChecked(True))
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_shown)
        self.empty = text_label(muted=True)
        self.empty.hide()  # until the first results arrive: "no results" would be wrong
        self.details = details = QWidget()
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
        self.splitter.setStretchFactor(0, GRID_SHARE)
        self.splitter.setStretchFactor(1, ANSWERS_SHARE)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)  # under the grid, the whole width: two lines, not five
        details.hide()
        row = QHBoxLayout()
        self.answers_button.setCheckable(True)
        self.answers_button.toggled.connect(self._show_details)
        row.addWidget(self.answers_button)
        self.export_student_button = QPushButton()
        self.export_student_button.clicked.connect(self.export_student_requested)
        self.delete_student_button = QPushButton()
        self.delete_student_button.clicked.connect(self.delete_student_requested)
        row.addWidget(self.export_student_button)
        row.addWidget(self.delete_student_button)
        row.addStretch(1)
        # Sorting sits in the button row: one line less above the grid, one more student in it.
        row.addWidget(self.sort_label)
        row.addWidget(self.sort_choice)
        layout.addLayout(row)
        self._update_buttons()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.sort_label.setText(_("S&ort by:"))
        self.sort_choice.setAccessibleName(_("Sort the class overview by"))
        self._fill_sort_choice()
        self.table.setAccessibleName(_("Class overview"))
        self.table.setAccessibleDescription(
            _(
                "One row per student, one column per question set. Move with the arrow keys; "
                "the chosen cell’s answers are shown below."
            )
        )
        self.table.grid_model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.table.grid_model.columnCount() - 1)
        )
        self.empty.setText(_("No results match the filters."))
        self.answers.setHeaderLabels([_("Question"), _("Chosen"), _("Result"), _("Confidence")])
        self.answers.setAccessibleName(_("The chosen student’s answers"))
        if self.current_row() is None:
            self.answers_heading.setText(_("Choose a cell to see the student’s answers."))
        self.answers_heading.setAccessibleName(self.answers_heading.text())
        self._refresh_answers_text()
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

    def _refresh_answers_text(self) -> None:
        if self.answers_button.isChecked():
            set_button_text(self.answers_button, _("Hide &answers"), _("Close the answers pane"))
        else:
            set_button_text(
                self.answers_button,
                _("Show &answers"),
                _("Open the chosen student’s answers under the grid (or double-click a cell)"),
            )

    def _show_details(self, shown: bool) -> None:  # noqa: FBT001 (a toggled(bool) slot)
        self.details.setVisible(shown)
        self._refresh_answers_text()
        if shown:
            self.table.scrollTo(self.table.currentIndex())

    def _fill_sort_choice(self) -> None:
        chosen = self.sort_choice.currentData()
        with QSignalBlocker(self.sort_choice):
            self.sort_choice.clear()
            self.sort_choice.addItem(_("Student"), _sort_key(0, Qt.SortOrder.AscendingOrder))
            self.sort_choice.addItem(_("Group"), _sort_key(1, Qt.SortOrder.AscendingOrder))
            for n, (_set_id, title) in enumerate(self.table.grid_model.grid.sets):
                column = FIXED_COLUMNS + n
                self.sort_choice.addItem(
                    _("%(set)s – lowest first") % {"set": title},
                    _sort_key(column, Qt.SortOrder.AscendingOrder),
                )
                self.sort_choice.addItem(
                    _("%(set)s – highest first") % {"set": title},
                    _sort_key(column, Qt.SortOrder.DescendingOrder),
                )
            self.sort_choice.setCurrentIndex(max(0, self.sort_choice.findData(chosen)))

    def _sort_chosen(self, index: int) -> None:
        data = self.sort_choice.itemData(index)
        if data is None:  # no item (the list is being refilled)
            return
        key = int(data)
        order = Qt.SortOrder.DescendingOrder if key % 2 else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(key // 2, order)

    def _sort_shown(self, column: int, order: Qt.SortOrder) -> None:
        """A click on a header sorts too; the choice follows it."""
        index = self.sort_choice.findData(_sort_key(column, order))
        if index >= 0:
            self.sort_choice.setCurrentIndex(index)

    def show_grid(self, grid: ClassGrid) -> None:
        """Show ``grid``; keeps the same student and set chosen if still there."""
        chosen = self.current_row()
        self.table.set_grid(grid)
        self._fill_sort_choice()
        # The key only, on one line under the grid; what a cell means is in its tooltip.
        self.legend.setText(grid.legend)
        self.legend.setToolTip(
            _("Each cell: the best score of the whole-set attempts (hover for details). %(key)s")
            % {"key": grid.legend}
        )
        self.table.setToolTip(self.legend.toolTip())
        self.legend.setVisible(bool(grid.students))
        shown = bool(grid.students)
        self.table.setVisible(shown)
        self.empty.setVisible(not shown)
        if chosen is not None:
            self._choose(chosen.student_id, chosen.set_id)
        if self.current_row() is None:
            self.show_answers("", [])
        self._update_buttons()
        self.row_chosen.emit(self.current_row())

    def _choose(self, student_id: int, set_id: str) -> None:
        sets = [sid for sid, _title in self.table.grid_model.grid.sets]
        column = FIXED_COLUMNS + sets.index(set_id) if set_id in sets else 0
        for row in range(self.table.rows()):
            line = self.table.student_at(self.table.proxy.index(row, 0))
            if line is not None and line.student_id == student_id:
                self.table.choose(row, column)
                return

    def current_row(self) -> OverviewRow | None:
        """The chosen student and set; on the name or group, the student's first tried set."""
        index = self.table.currentIndex()
        line = self.table.student_at(index) if index.isValid() else None
        sets = self.table.grid_model.grid.sets
        if line is None or not sets:
            return None
        column = index.column() - FIXED_COLUMNS
        if column < 0:
            tried = [n for n, cell in enumerate(line.cells) if cell.band is not ScoreBand.NONE]
            column = tried[0] if tried else 0
        set_id, title = sets[column]
        return OverviewRow(line.student_id, set_id, line.student, line.group, title)

    def show_answers(self, title: str, attempts: list[AttemptAnswers]) -> None:
        """Show the chosen student's attempts at the chosen set, newest first."""
        self.answers.clear()
        self.answers_heading.setText(title or _("Choose a cell to see the student’s answers."))
        self.answers_heading.setAccessibleName(self.answers_heading.text())
        if not attempts and title:
            none = QTreeWidgetItem([_("Not tried yet.")])
            name_every_cell(none, self.answers.columnCount(), heading=none.text(0))
            self.answers.addTopLevelItem(none)
        for attempt in attempts:
            parent = QTreeWidgetItem([attempt.title])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.answers.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            parent.setData(0, Qt.ItemDataRole.AccessibleTextRole, attempt.title)
            name_every_cell(parent, self.answers.columnCount(), heading=attempt.title)
            for line in attempt.answers:
                mark = RIGHT_MARK if line.correct else PARTLY_MARK if line.partly else WRONG_MARK
                result = _("%(mark)s %(result)s") % {"mark": mark, "result": line.result}
                item = QTreeWidgetItem([line.question, line.chosen, result, line.confidence])
                for column in range(4):
                    item.setToolTip(column, item.text(column))
                item.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    _("%(question)s, %(chosen)s, %(result)s, %(confidence)s")
                    % {
                        "question": line.question,
                        "chosen": line.chosen,
                        "result": result,
                        "confidence": line.confidence,
                    },
                )
                name_every_cell(item, self.answers.columnCount())
                parent.addChild(item)
            parent.setExpanded(True)
        self.answers.setColumnWidth(0, em(self, 26))
        self.answers.setColumnWidth(1, em(self, 18))
        self.answers.setColumnWidth(2, em(self, 6))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.row_chosen.emit(self.current_row())

    def _update_buttons(self) -> None:
        chosen = self.current_row() is not None
        self.export_student_button.setEnabled(chosen)
        self.delete_student_button.setEnabled(chosen)


def _sort_key(column: int, order: Qt.SortOrder) -> int:
    """A sort choice as one number (combo box data compares plain values best)."""
    return 2 * column + (1 if order == Qt.SortOrder.DescendingOrder else 0)
