"""A combo box for every drop-down: mouse, keyboard and screen readers all work at once.

Two Qt defaults are changed, each for one kind of user:

* Screen readers: Qt reports the current item of a combo box's list as focused even while the
  list is closed and hidden, so an AT-SPI client sees two focused controls (the real focus and,
  say, "English" in the language box). The list's current index is only needed while the list
  is open, so it is cleared once the list has closed. It must be cleared *after* Qt has taken
  the choice: Qt hides the list first and then reads the list's current index as the picked
  item (mouse click, Enter, type-ahead), so clearing it inside ``hidePopup`` emptied the box.
* Mouse users: the wheel over a closed box that does not have the focus scrolls the page
  instead of changing the value (a student scrolling past a category box must not change the
  answer), and the wheel no longer moves the focus into the box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget
from shiboken6 import isValid


class ComboBox(QComboBox):
    """A :class:`QComboBox` that leaves its hidden list without a focused item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Tab and click give focus; the wheel does not (Qt's default WheelFocus would).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def showEvent(self, event: QShowEvent) -> None:
        """The list has no current item until it is opened."""
        super().showEvent(event)
        self._release_list()

    def hidePopup(self) -> None:
        """Close the list; clear its current item once Qt has taken the choice from it."""
        super().hidePopup()
        QTimer.singleShot(0, self._release_list_if_alive)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Change the value only when the box has the focus; otherwise let the page scroll."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def _release_list_if_alive(self) -> None:
        # The box may be gone by the next turn of the event loop (a view rebuilt after a pick).
        if isValid(self) and not self.view().isVisible():
            self._release_list()

    def _release_list(self) -> None:
        selection = self.view().selectionModel()
        if selection is not None:
            selection.clearCurrentIndex()
