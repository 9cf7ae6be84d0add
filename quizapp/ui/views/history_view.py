"""The history view: the student's earlier attempts per set, newest first; open one to review.

Rows come from the history controller as plain :class:`HistoryRow` values with the texts already
formatted for the locale (dates via babel), so this view only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.style import set_role
from quizapp.ui.widgets.common import (
    Page,
    heading,
    primary_button,
    set_button_text,
    text_label,
)
from quizapp.ui.widgets.keys import on_enter, view_shortcut
from quizapp.ui.widgets.tree import name_every_cell

_ATTEMPT_ROLE = Qt.ItemDataRole.UserRole
_FINISHED_ROLE = Qt.ItemDataRole.UserRole + 1
_ANSWERED_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class HistoryRow:
    """One attempt as listed: when, which kind, the result text, and whether it can be opened."""

    attempt_id: int
    when: str
    kind: str
    result: str
    finished: bool
    answered: int = 0


@dataclass(frozen=True)
class HistoryGroup:
    """All attempts at one set (newest first), under the set's title."""

    title: str
    rows: list[HistoryRow]


class HistoryView(Page):
    """A tree: sets, each with its attempts; Open reviews the selected finished attempt."""

    open_requested = Signal(int)  # attempt id: review it
    continue_requested = Signal(int)  # attempt id: an unfinished one, answered onwards
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scrolling=False)
        self._nickname = ""
        self._groups: list[HistoryGroup] = []
        self.heading = heading(1)
        self.intro = text_label(muted=True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)  # never cut a date or a score
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._update_open)
        self.empty = text_label()
        self.body.addWidget(self.heading)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.tree, 1)
        self.body.addWidget(self.empty)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.open_button = primary_button()
        self.open_button.clicked.connect(self._open_current)
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._continue_current)
        self.footer.addWidget(self.back_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.continue_button)
        self.footer.addWidget(self.open_button)
        on_enter(self, self._enter)
        view_shortcut(self, "Escape", self.back_button.click)  # as on the article page
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.heading.setText(_("Your earlier attempts"))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(
            _("Attempts by %(nickname)s on this computer, newest first.")
            % {"nickname": self._nickname}
        )
        self.tree.setHeaderLabels([_("Date"), _("Kind"), _("Result")])
        self.tree.setAccessibleName(_("Earlier attempts"))
        self.tree.setAccessibleDescription(
            _(
                "Grouped by question set. Press Enter on an attempt to review it, or to "
                "continue it when it is not finished."
            )
        )
        self.empty.setText(_("No attempts yet. Start a question set to see it here."))
        set_button_text(self.back_button, _("Back to start"))
        set_button_text(self.open_button, _("Review attempt"))
        set_button_text(
            self.continue_button,
            _("Continue attempt"),
            _("Answer the rest of this unfinished attempt"),
        )

    def show_history(self, nickname: str, groups: list[HistoryGroup]) -> None:
        """List ``groups``; the newest attempt is selected."""
        self._nickname, self._groups = nickname, groups
        self.retranslate()
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        for group in groups:
            parent = QTreeWidgetItem([group.title])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            first_column_font = self.heading.font()
            first_column_font.setPointSizeF(self.font().pointSizeF())
            parent.setFont(0, first_column_font)
            self.tree.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            parent.setData(0, Qt.ItemDataRole.AccessibleTextRole, group.title)
            name_every_cell(parent, self.tree.columnCount(), heading=group.title)
            for row in group.rows:
                item = QTreeWidgetItem([row.when, row.kind, row.result])
                item.setData(0, _ATTEMPT_ROLE, row.attempt_id)
                item.setData(0, _FINISHED_ROLE, row.finished)
                item.setData(0, _ANSWERED_ROLE, row.answered)
                for column in range(3):  # the whole text, also where a column is narrow
                    item.setToolTip(column, item.text(column))
                # A screen reader reads the row's first cell: the whole row, not "collapsed".
                item.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    _("%(when)s, %(kind)s, %(result)s")
                    % {"when": row.when, "kind": row.kind, "result": row.result},
                )
                name_every_cell(item, self.tree.columnCount())
                parent.addChild(item)
                if first is None:
                    first = item
            parent.setExpanded(True)
        self.tree.setVisible(bool(groups))
        self.empty.setVisible(not groups)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_open()

    def focus_first(self) -> None:
        """Focus the list (or Back when it is empty)."""
        if self._groups:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _selected(self) -> tuple[int, bool, int] | None:
        """(attempt id, finished, answers given) of the selected row, if it is an attempt."""
        item = self.tree.currentItem()
        value = item.data(0, _ATTEMPT_ROLE) if item is not None else None
        if item is None or value is None:
            return None
        return int(value), bool(item.data(0, _FINISHED_ROLE)), int(item.data(0, _ANSWERED_ROLE))

    def _update_open(self, *_args: object) -> None:
        selected = self._selected()
        unfinished = selected is not None and not selected[1]
        self.open_button.setEnabled(selected is not None and selected[2] > 0)
        self.continue_button.setVisible(unfinished)
        # The main action follows the row: Continue for an unfinished attempt.
        set_role(self.continue_button, "primary", unfinished)
        set_role(self.open_button, "primary", not unfinished)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.tree.setCurrentItem(item)
        self._enter()

    def _enter(self) -> None:
        selected = self._selected()
        if selected is not None and not selected[1]:
            self._continue_current()
        else:
            self._open_current()

    def _open_current(self) -> None:
        selected = self._selected()
        if selected is not None and selected[2] > 0:
            self.open_requested.emit(selected[0])

    def _continue_current(self) -> None:
        selected = self._selected()
        if selected is not None and not selected[1]:
            self.continue_requested.emit(selected[0])
