"""Making a screen reader say an error at the moment it appears.

A label that appears somewhere in the window is silent: screen readers speak what gets focus.
So an error becomes the accessible description of the field it is about, and the field gets
the focus (or, having it, is announced as focused once more); the screen reader then reads the
field's name, role and the error in one go, and the student is already where the correction
is typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget


def announce_on(field: QWidget, message: str) -> None:
    """Attach ``message`` to ``field`` (empty: detach) and, with a message, focus the field."""
    field.setAccessibleDescription(message)
    if not message:
        return
    if field.hasFocus():
        # Focus that does not move is not announced: tell assistive technology once that the
        # field has the focus (leaving and re-entering it would announce it twice).
        QAccessible.updateAccessibility(QAccessibleEvent(field, QAccessible.Event.Focus))
    else:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
