"""Making a screen reader say an error at the moment it appears.

A label that appears somewhere in the window is silent: screen readers speak what gets focus.
So an error becomes the accessible description of the field it is about, and the field gets
the focus (or, having it, is announced as focused once more); the screen reader then reads the
field's name, role and the error in one go, and the student is already where the correction
is typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget


def announce_on(field: QWidget, message: str) -> None:
    """Attach ``message`` to ``field`` (empty: detach) and, with a message, focus the field."""
    again = bool(message) and field.accessibleDescription() == message
    if again:
        # The same error a second time: an unchanged description sends no event at all, so
        # clear it first; the change back to the message is then reported anew.
        field.setAccessibleDescription("")
    field.setAccessibleDescription(message)
    if not message:
        return
    if field.hasFocus():
        # Focus that does not move is not announced (Orca ignores focus sent again to the
        # same object): tell assistive technology the field has the focus, and announce the
        # message itself, which screen readers speak every time. (The announcement goes
        # first: sent after the focus event, Qt's AT-SPI bridge drops the focus event.)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(field, message))
        QAccessible.updateAccessibility(QAccessibleEvent(field, QAccessible.Event.Focus))
    else:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
