"""A combo box whose closed list does not claim the focus for assistive technology.

Qt reports the current item of a combo box's list as focused even while the list is closed
and hidden, so a screen reader sees two focused controls on every screen that has one (the
real focus and, say, "English" in the language box). The list's current index is only needed
while the list is open: it is cleared whenever the list closes.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox


class ComboBox(QComboBox):
    """A :class:`QComboBox` that leaves its hidden list without a focused item."""

    def showEvent(self, event: QShowEvent) -> None:
        """The list has no current item until it is opened."""
        super().showEvent(event)
        self._release_list()

    def hidePopup(self) -> None:
        """Close the list and clear its current item (the box keeps its value)."""
        super().hidePopup()
        self._release_list()

    def _release_list(self) -> None:
        selection = self.view().selectionModel()
        if selection is not None:
            selection.clearCurrentIndex()
