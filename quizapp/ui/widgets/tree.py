"""Tree rows a screen reader can read in every cell (no empty, unnamed cells)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from quizapp.i18n import _


def name_every_cell(item: QTreeWidgetItem, columns: int, *, heading: str = "") -> None:
    """Give ``item``'s empty cells (of ``columns``) words: a group row's spanned ``heading``
    (the row is one heading on screen), else "not given"; a screen reader moving along a
    row otherwise meets empty, unnamed cells."""
    for column in range(columns):
        if item.text(column) or item.data(column, Qt.ItemDataRole.AccessibleTextRole):
            continue
        said = heading or _("not given")
        item.setData(column, Qt.ItemDataRole.AccessibleTextRole, said)
