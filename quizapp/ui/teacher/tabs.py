"""The teacher view's item analysis tab, and the read-only tables the teacher tabs share.

Each tab lays out rows from :mod:`quizapp.ui.teacher.rows` and emits signals; the teacher
controller fills them. Tables are read-only, keyboard-navigable and have accessible names. The
class overview is in :mod:`quizapp.ui.teacher.overview_tab`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import N_, _, ngettext
from quizapp.ui.teacher.rows import ItemLine, SetItems
from quizapp.ui.widgets.common import em, text_label


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


#: The item analysis' columns: plain-language header, and the statistic's name for the tooltip.
ITEM_COLUMNS = (
    (N_("No."), N_("Number of the question in the set")),
    (N_("Question"), N_("The question as the students saw it")),
    (N_("Answered"), N_("n: students whose first attempt answered the question")),
    (N_("Got it right"), N_("Facility index: the share of right answers")),
    (
        N_("Tells stronger from weaker"),
        N_(
            "Discrimination index: how closely this question agrees with the rest of the set, "
            "as a percentage. Negative: stronger students got it wrong more often."
        ),
    ),
    (
        N_("… of the best possible"),
        N_(
            "Discriminative efficiency (DE): the discrimination index compared with the highest "
            "it could reach for this question"
        ),
    ),
    (N_("To check"), N_("Why the question deserves a second look, if it does")),
)
HEADER_LINE_CHARS = 14
FLAG_MARK = "⚑"
FLAG_COLOURS = ("#3d2e00", "#fbe7a6")  # text, background: contrast above 4.5:1


class ItemsTab(QWidget):
    """Item analysis of every set the filters show, one section per set.

    The set is chosen once, in the teacher area's "Set" filter; flagged questions are
    highlighted and marked with a flag symbol, their reasons in words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sets: list[SetItems] = []
        layout = QVBoxLayout(self)
        self.summary = text_label()
        layout.addWidget(self.summary)
        self.table = read_only_table(len(ITEM_COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Row heights follow the wrapped texts, also once the stretched last column is sized.
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)
        layout.addWidget(self.table, 1)
        self.legend = text_label(muted=True)
        layout.addWidget(self.legend)

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        for column, (header, statistic) in enumerate(ITEM_COLUMNS):
            item = QTableWidgetItem("\n".join(textwrap.wrap(_(header), HEADER_LINE_CHARS)))
            item.setToolTip(_(statistic))
            self.table.setHorizontalHeaderItem(column, item)
        self.table.setAccessibleName(_("Item analysis"))
        self.table.setAccessibleDescription(
            _("One section per question set, one row per question; flagged rows start with ⚑.")
        )
        self.legend.setText(
            _(
                "Based on each student’s first finished attempt at the whole set. Got it right: "
                "facility index. Tells stronger from weaker: discrimination index (as in the "
                "spreadsheet and PDF reports). … of the best possible: discriminative "
                "efficiency. ⚑ and a yellow row: a question to check. A dash means there were "
                "too few responses to judge. Hover a column title for more."
            )
        )
        self._fill()

    def show_sets(self, sets: list[SetItems]) -> None:
        """Show the item analysis of ``sets``, one section each."""
        self._sets = list(sets)
        self._fill()

    def sets(self) -> list[SetItems]:
        """The sets shown."""
        return list(self._sets)

    def _fill(self) -> None:
        self.table.clearContents()
        self.table.clearSpans()
        rows = sum(1 + len(entry.items) + bool(entry.support) for entry in self._sets)
        self.table.setRowCount(rows)
        flagged = sum(line.flagged for entry in self._sets for line in entry.items)
        self.summary.setText(
            ngettext(
                "%(n)d question to check (marked ⚑).",
                "%(n)d questions to check (marked ⚑).",
                flagged,
            )
            % {"n": flagged}
            if self._sets
            else _("No results match the filters.")
        )
        row = 0
        for entry in self._sets:
            self._section_row(row, f"{entry.title} · {entry.summary}", bold=True)
            row += 1
            for line in entry.items:
                self._item_row(row, line)
                row += 1
            if entry.support:
                self._section_row(row, entry.support, bold=False)
                row += 1
        self.table.setColumnWidth(0, em(self, 3))
        self.table.setColumnWidth(1, em(self, 28))
        for column in (2, 3, 4, 5):
            self.table.setColumnWidth(column, em(self, 7))
        self.table.resizeRowsToContents()

    def _fit_rows(self, *_args: object) -> None:
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the rows to the column widths the table has once it is shown."""
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def _section_row(self, row: int, text: str, *, bold: bool) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, len(ITEM_COLUMNS))

    def _item_row(self, row: int, line: ItemLine) -> None:
        number = f"{FLAG_MARK} {line.number}" if line.flagged else line.number
        flags = f"{FLAG_MARK} {line.flags}" if line.flagged else line.flags
        texts = [
            number,
            f"{line.question}\n{_('Level')}: {line.level}",
            line.responses,
            line.facility,
            line.discrimination,
            line.efficiency,
            flags,
        ]
        fill_row(self.table, row, texts)
        if line.flagged:
            for column in range(len(texts)):
                cell = self.table.item(row, column)
                if cell is None:
                    continue
                cell.setForeground(QBrush(QColor(FLAG_COLOURS[0])))
                cell.setBackground(QBrush(QColor(FLAG_COLOURS[1])))
