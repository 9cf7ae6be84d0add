"""One Tab stop per group of options; the arrow keys move inside the group.

This is the platform pattern screen-reader and keyboard users expect from a list of radio
buttons or check boxes: Tab enters the group (at the checked option, else the first), Up/Down
(and Left/Right, Home/End) move between its options, Space toggles a check box, and Tab leaves
the group. Without it every option of a several-answer question is its own Tab stop or, when
Qt's own arrow handling does not see the options as neighbours (each sits in its own card),
the options after the first cannot be reached by keyboard at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QRadioButton
from shiboken6 import isValid

_STEPS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Right: 1,
}


class RovingGroup(QObject):
    """Keyboard behaviour of one option group; ``select_on_move`` checks radios as focus moves."""

    def __init__(self, parent: QObject, *, select_on_move: bool = True) -> None:
        super().__init__(parent)
        self._buttons: list[QAbstractButton] = []
        self._select_on_move = select_on_move

    def set_buttons(self, buttons: Sequence[QAbstractButton]) -> None:
        """Manage ``buttons`` (in reading order) from now on."""
        for old in self._buttons:
            if isValid(old):  # the last question's buttons may already be deleted
                old.removeEventFilter(self)
        self._buttons = list(buttons)
        for button in self._buttons:
            button.installEventFilter(self)
            button.toggled.connect(self._follow_check)
        self.reset()

    def buttons(self) -> list[QAbstractButton]:
        """The managed buttons, in reading order."""
        return list(self._buttons)

    def reset(self) -> None:
        """Make the checked option (else the first) the group's Tab stop."""
        checked = [b for b in self._buttons if b.isChecked()]
        self._make_stop(checked[0] if checked else self._buttons[0] if self._buttons else None)

    def tab_stop(self) -> QAbstractButton | None:
        """The option Tab lands on."""
        for button in self._buttons:
            if button.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus:
                return button
        return None

    def _make_stop(self, stop: QAbstractButton | None) -> None:
        for button in self._buttons:
            policy = Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    def _follow_check(self, checked: bool) -> None:  # noqa: FBT001 (Qt passes the signal's value)
        button = self.sender()
        if checked and isinstance(button, QAbstractButton) and button in self._buttons:
            self._make_stop(button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows, Home and End move within the group; focus makes an option the Tab stop."""
        if not isinstance(watched, QAbstractButton) or watched not in self._buttons:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self._make_stop(watched)
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False  # Alt+↑ and friends belong to others
            key = Qt.Key(event.key())
            index = self._buttons.index(watched)
            if key in _STEPS:
                self._move_to((index + _STEPS[key]) % len(self._buttons))
                return True
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self._move_to(0 if key == Qt.Key.Key_Home else len(self._buttons) - 1)
                return True
        return False

    def _move_to(self, index: int) -> None:
        target = self._buttons[index]
        self._make_stop(target)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if self._select_on_move and isinstance(target, QRadioButton) and not target.isChecked():
            target.click()
