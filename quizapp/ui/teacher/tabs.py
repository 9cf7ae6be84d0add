"""The teacher view's item analysis tab, and the read-only tables the teacher tabs share.

Each tab lays out rows from :mod:`quizapp.ui.teacher.rows` and emits signals; the teacher
controller fills them. Tables are read-only, keyboard-navigable and have accessible names. The
class overview is in :mod:`quizapp.ui.teacher.overview_tab`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import N_, _, ngettext
from quizapp.ui.teacher.rows import ItemLine, SetItems
from quizapp.ui.widgets.common import em, set_button_text, text_label


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
    (N_("Question"), N_("The question as the students saw it (in full below the table)")),
    (N_("Level"), N_("What the question asks students to do, from recall to beyond the text")),
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
#: The columns of numbers (answered … best possible): as wide as their titles' longest line.
NUMBER_COLUMNS = (3, 4, 5, 6)
QUESTION, LEVEL, REASONS = 1, 2, 7
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
        self._details: dict[int, str] = {}  # row -> the full texts of that row, for the pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(em(self, 0.4), em(self, 0.4), em(self, 0.4), em(self, 0.4))
        layout.setSpacing(em(self, 0.3))
        self.table = read_only_table(len(ITEM_COLUMNS))
        # One line per question, so a netbook shows ten of them: long texts end in "…", in
        # full in the tooltip, for a screen reader, and in the pane under the table.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The reasons take what is left, also when a scroll bar comes or goes: no sideways bar.
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()  # the chosen row in full; scrolls, selectable, a Tab stop
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setMinimumHeight(em(self, 2.5))
        # The table and the pane share the height; the teacher drags the line between them.
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.table)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        layout.addWidget(self.split, 1)
        self.summary = text_label()  # how many to check, and what the marks and dashes mean
        layout.addWidget(self.summary)
        self.legend = self.summary  # the column statistics are explained in the titles' tips
        self._sized_split = False

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        for column, (header, statistic) in enumerate(ITEM_COLUMNS):
            item = QTableWidgetItem("\n".join(textwrap.wrap(_(header), HEADER_LINE_CHARS)))
            item.setToolTip(_(statistic))
            self.table.setHorizontalHeaderItem(column, item)
        self.table.setAccessibleName(_("Item analysis"))
        self.table.setAccessibleDescription(
            _(
                "One section per question set, one row per question; flagged rows start with "
                "⚑. The chosen row is shown in full under the table."
            )
        )
        self.detail.setAccessibleName(_("Chosen question in full"))
        self.summary.setToolTip(
            _(
                "Based on each student’s first finished attempt at the whole set. Got it right: "
                "facility index. Tells stronger from weaker: discrimination index (as in the "
                "spreadsheet and PDF reports). … of the best possible: discriminative "
                "efficiency."
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
        self._details = {}
        rows = sum(1 + len(entry.items) + bool(entry.support) for entry in self._sets)
        self.table.setRowCount(rows)
        flagged = sum(line.flagged for entry in self._sets for line in entry.items)
        key = _(
            "First finished attempts at the whole set. ⚑ and yellow: to check. A dash: too "
            "few answers to judge. Hover a column title for its statistic."
        )
        count = ngettext(
            "%(n)d question to check (marked ⚑).",
            "%(n)d questions to check (marked ⚑).",
            flagged,
        ) % {"n": flagged}
        self.summary.setText(f"{count} {key}" if self._sets else _("No results match the filters."))
        row = 0
        first_flagged = -1
        for entry in self._sets:
            self._section_row(row, f"{entry.title} · {entry.summary}", bold=True)
            row += 1
            for line in entry.items:
                self._item_row(row, line)
                if line.flagged and first_flagged < 0:
                    first_flagged = row
                row += 1
            if entry.support:
                self._section_row(row, entry.support, bold=False)
                row += 1
        self._size_columns()
        self.table.resizeRowsToContents()
        # The pane shows the first question to check (or the first row) without a click.
        start = first_flagged if first_flagged >= 0 else (1 if rows > 1 else -1)
        if start >= 0:
            self.table.setCurrentCell(start, 0)
        self._show_detail(self.table.currentRow())

    def detail_text(self) -> str:
        """What the pane under the table shows: the chosen row in full."""
        return self.detail.toPlainText()

    def _show_detail(self, row: int, *_args: object) -> None:
        text = self._details.get(row, "")
        if not text:
            text = _("Choose a row to read it in full here.") if self._sets else ""
        self.detail.setPlainText(text)
        self.detail.setVisible(bool(self._sets))

    def _size_columns(self) -> None:
        """Share the table's width: the numbers as wide as their titles, the question and the
        reasons to check the rest (a netbook once got a "To check" column one word wide, and
        prompts of five lines that left room for two questions)."""
        metrics = self.table.horizontalHeader().fontMetrics()
        pad = em(self, 1)
        levels = [self.table.item(r, LEVEL) for r in range(self.table.rowCount())]
        level = max((metrics.horizontalAdvance(i.text()) for i in levels if i), default=0)
        widths = {0: em(self, 3.5), LEVEL: min(em(self, 8), max(em(self, 4), level + pad))}
        for column in NUMBER_COLUMNS:
            item = self.table.horizontalHeaderItem(column)
            lines = item.text().split("\n") if item is not None else [""]
            widths[column] = max(em(self, 3), *(metrics.horizontalAdvance(t) for t in lines)) + pad
        width = self.table.viewport().width()
        bar = self.table.verticalScrollBar()
        if not bar.isVisible():  # leave room for it: it comes with the rows
            width -= bar.sizeHint().width()
        # A netbook gives the question the level's room; the pane below says the level.
        narrow = width < em(self, 62)
        self.table.setColumnHidden(LEVEL, narrow)
        if narrow:
            widths[LEVEL] = 0
        fixed = sum(widths.values())
        room = max(width - fixed, em(self, 12))  # the elided ends are in the pane below
        widths[REASONS] = room * 2 // 5
        widths[QUESTION] = room - widths[REASONS]
        for column, size in widths.items():
            if size:
                self.table.setColumnWidth(column, size)

    def _fit_rows(self, *_args: object) -> None:
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the columns and rows to the width the table has once it is shown."""
        super().showEvent(event)
        QTimer.singleShot(0, self._refit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A wider or narrower window shares the width anew."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        self._size_columns()
        self._fit_rows()
        if not self._sized_split and self.split.height() > 0:
            # The pane starts at four lines, the table gets the rest.
            pane = em(self, 4.6)
            self.split.setSizes([max(1, self.split.height() - pane), pane])
            self._sized_split = True

    def _section_row(self, row: int, text: str, *, bold: bool) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, len(ITEM_COLUMNS))
        self._details[row] = text

    def _item_row(self, row: int, line: ItemLine) -> None:
        number = f"{FLAG_MARK} {line.number}" if line.flagged else line.number
        reasons = line.flags.split("\n")  # one line per reason; one line in the table
        flags = " · ".join(reasons)
        flags = f"{FLAG_MARK} {flags}" if line.flagged else flags
        texts = [
            number,
            line.question,
            line.level,
            line.responses,
            line.facility,
            line.discrimination,
            line.efficiency,
            flags,
        ]
        fill_row(self.table, row, texts)
        detail = _("Question %(n)s · Level: %(level)s") % {"n": line.number, "level": line.level}
        # Why to check it comes first: the pane is short on a netbook, the prompt is long.
        if line.flagged:
            detail += "\n" + _("To check: %(reasons)s") % {"reasons": " ".join(reasons)}
        detail += f"\n{line.question}"
        self._details[row] = f"{FLAG_MARK} {detail}" if line.flagged else detail
        if line.flagged:
            for column in range(len(texts)):
                cell = self.table.item(row, column)
                if cell is None:
                    continue
                cell.setForeground(QBrush(QColor(FLAG_COLOURS[0])))
                cell.setBackground(QBrush(QColor(FLAG_COLOURS[1])))


def breakable(text: str) -> str:
    """``text`` with a place to break after every slash, backslash and underscore, so a long
    path in a word-wrapped label wraps instead of being cut at the window's edge."""
    for mark in ("/", "\\", "_"):
        text = text.replace(mark, mark + ZERO_WIDTH_SPACE)
    return text


ZERO_WIDTH_SPACE = "\u200b"


class StatusWithPath(QWidget):
    """What the last action did, in wrapping words, and the file or folder it is about in full:
    a read-only line to select from and a Copy button (a path is never cut off)."""

    def __init__(self, parent: QWidget | None = None, *, muted: bool = False) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = text_label(muted=muted)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path = QLineEdit()
        self.path.setReadOnly(True)  # selectable and copyable, not editable
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.copy_button)
        row.addStretch(0)
        # Once laid out, a page that scrolls brings the message into view (it is at the end).
        self._into_view = QTimer(self)
        self._into_view.setSingleShot(True)
        self._into_view.setInterval(0)
        self._into_view.timeout.connect(self._bring_into_view)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self._text = ""
        self.show_status("")

    def retranslate(self) -> None:
        """The button and the names in the current language."""
        set_button_text(
            self.copy_button, _("Copy pat&h"), _("Copy the path to the clipboard, to paste it")
        )
        self.path.setAccessibleName(_("Path"))

    def show_status(self, text: str, path: str | Path | None = None) -> None:
        """Show ``text`` (empty: nothing) and, if given, ``path`` with its Copy button."""
        self._text = text
        self.retranslate()
        self.message.setText(breakable(text))
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))
        self.path.setText(str(path) if path is not None else "")
        self.path.setCursorPosition(0)
        # A path the message already shows in full is not shown twice: only its Copy button.
        self.path.setVisible(path is not None and str(path) not in text)
        self.copy_button.setVisible(path is not None)
        self.setVisible(bool(text) or path is not None)
        if self.isVisible():
            self._into_view.start()

    def text(self) -> str:
        """The message as given (without the places to break)."""
        return self._text

    def _bring_into_view(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self, 0, em(self, 0.5))

    def copy_path(self) -> None:
        """Put the path on the clipboard and say so."""
        QGuiApplication.clipboard().setText(self.path.text())
        set_button_text(self.copy_button, _("Copied ✔"))  # until the next status
