"""The class overview's grid: students × sets, each cell a best score with a symbol and a colour.

A :class:`ClassGridModel` holds a :class:`~quizapp.ui.teacher.rows.ClassGrid` (texts
formatted by the controller); a sort proxy orders it by name, group or any set's score. The
symbol and the words in a cell's tooltip and accessible text say what its colour says.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from quizapp.i18n import _
from quizapp.ui.teacher.rows import ClassGrid, GridStudent, ScoreBand

#: Text on background pairs with a contrast of at least 4.5:1 (WCAG AA).
BAND_COLOURS = {
    ScoreBand.HIGH: ("#0f3d1c", "#cdebd3"),
    ScoreBand.MIDDLE: ("#3d2e00", "#fbe7a6"),
    ScoreBand.LOW: ("#5c1111", "#f7cfcf"),
    ScoreBand.OPEN: ("#222222", "#e4e4e4"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED_COLUMNS = 2  # student, group
HEADER_LINE_CHARS = 16  # set titles wrap in the header instead of being cut off

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # Qt's "no parent": a table has only top-level rows


class ClassGridModel(QAbstractTableModel):
    """Read-only students × sets table model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = ClassGrid()

    def set_grid(self, grid: ClassGrid) -> None:
        """Show ``grid`` instead of what was shown."""
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    @property
    def grid(self) -> ClassGrid:
        """The grid shown."""
        return self._grid

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        """Students."""
        return 0 if parent.isValid() else len(self._grid.students)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        """Student, group, then one column per set."""
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._grid.sets)

    def student(self, row: int) -> GridStudent | None:
        """The student in ``row`` of the model (not of the sorted view)."""
        students = self._grid.students
        return students[row] if 0 <= row < len(students) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Texts, sort values, colours and tooltips of the cells."""
        line = self.student(index.row())
        if line is None or not index.isValid():
            return None
        column = index.column()
        if column < FIXED_COLUMNS:
            text = line.student if column == 0 else line.group
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return text
            if role == SORT_ROLE:
                return text.casefold()
            return None
        cell = line.cells[column - FIXED_COLUMNS]
        title = self._grid.sets[column - FIXED_COLUMNS][1]
        colours = BAND_COLOURS.get(cell.band)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.sort_value
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{title}\n{cell.details}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{line.student}, {title}: {cell.details}"
        if role == Qt.ItemDataRole.BackgroundRole and colours:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.ForegroundRole and colours:
            return QBrush(QColor(colours[0]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles: set titles wrapped onto lines, in full in the tooltip."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < FIXED_COLUMNS:
            text = _("Student") if section == 0 else _("Group")
            full = text
        elif section - FIXED_COLUMNS < len(self._grid.sets):
            full = self._grid.sets[section - FIXED_COLUMNS][1]
            text = "\n".join(textwrap.wrap(full, HEADER_LINE_CHARS)) or full
        else:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return full
        return None


class ClassGridView(QTableView):
    """The grid, sortable by any column (click a header, or the "Sort by" choice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = ClassGridModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.grid_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # report order until asked

    def set_grid(self, grid: ClassGrid) -> None:
        """Show ``grid`` (keeps the chosen sort)."""
        self.grid_model.set_grid(grid)

    def student_at(self, index: QModelIndex) -> GridStudent | None:
        """The student in the view's row of ``index``."""
        return self.grid_model.student(self.proxy.mapToSource(index).row())

    def rows(self) -> int:
        """Students shown."""
        return self.proxy.rowCount()

    def text(self, row: int, column: int) -> str:
        """The shown text at ``row``, ``column`` of the (sorted) view."""
        return str(self.proxy.index(row, column).data() or "")

    def choose(self, row: int, column: int) -> None:
        """Make the cell at ``row``, ``column`` of the view the current one."""
        self.setCurrentIndex(self.proxy.index(row, column))
