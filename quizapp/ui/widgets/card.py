"""A framed card around a radio button or check box: a click anywhere on it toggles the button.

The card shows the button's state (checked, focused) with a border as well as the button's own
indicator, so long wrapped texts next to small indicators stay easy to hit and to see.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QFrame, QGridLayout, QStyle, QWidget

from quizapp.ui.style import set_role
from quizapp.ui.widgets.common import em

_KEYBOARD_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class ButtonCard(QFrame):
    """A card holding ``button`` and, in a column to its right, any further widgets.

    ``stacked``: the button (with its own text) spans the first row and the widgets go below
    it, indented to line up with the button's text.
    """

    def __init__(
        self, button: QAbstractButton, parent: QWidget | None = None, *, stacked: bool = False
    ) -> None:
        super().__init__(parent)
        self.button = button
        set_role(self, "card", True)
        self._grid = QGridLayout(self)
        pad = em(self, 0.6)
        self._grid.setContentsMargins(pad, pad, pad, pad)
        self._grid.setHorizontalSpacing(em(self, 0.5))
        self._grid.setVerticalSpacing(em(self, 0.2))
        self._grid.setColumnStretch(1, 1)
        if stacked:
            self._grid.addWidget(button, 0, 0, 1, 2)
            indicator = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
            self._grid.setHorizontalSpacing(0)
            self._grid.setColumnMinimumWidth(0, indicator + em(self, 0.35))
            self._rows = 1
        else:
            self._grid.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
            self._rows = 0
        button.toggled.connect(self._sync)
        button.installEventFilter(self)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def add_widget(self, widget: QWidget) -> None:
        """Add a widget below the previous one in the text column."""
        self._grid.addWidget(widget, self._rows, 1)
        self._rows += 1

    def _sync(self, checked: bool) -> None:  # noqa: FBT001 (Qt passes the signal's value)
        set_role(self, "checked", checked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Mirror keyboard focus on the card's border (a large, visible focus mark).

        Only focus that came by keyboard draws it: the first choice gets the focus when a
        question appears, and a ring there would look as if it were already chosen.
        """
        if watched is self.button:
            kind = event.type()
            if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
                set_role(self, "focused", event.reason() in _KEYBOARD_REASONS)
            elif kind == QEvent.Type.FocusOut:
                set_role(self, "focused", False)
            elif kind == QEvent.Type.KeyPress and self.property("focused") != "true":
                set_role(self, "focused", True)  # the student uses the keyboard here now
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Accept the press so the release (the click) comes to this card."""
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on the card's text acts like a click on its button."""
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
            and self.button.isEnabled()
        ):
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()
        event.accept()
