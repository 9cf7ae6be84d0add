"""Making a screen reader say an error at the moment it appears.

A label that appears somewhere in the window is silent: screen readers speak what gets focus.
So an error becomes the accessible description of the field it is about, and the field gets
the focus (or, having it, is announced as focused once more); the screen reader then reads the
field's name, role and the error in one go, and the student is already where the correction
is typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget
from shiboken6 import isValid


def announce_on(field: QWidget, message: str) -> None:
    """Attach ``message`` to ``field`` (empty: detach) and, with a message, focus the field."""
    again = bool(message) and field.accessibleDescription() == message
    if again:
        # The same error a second time: an unchanged description sends no event at all, so
        # clear it first; the change back to the message is then reported anew.
        field.setAccessibleDescription("")
    if message and not field.hasFocus() and not _description_read_on_focus(field):
        # Orca reads a text's (a label's, a read-only article's) name on focus, not its
        # description: focus first, then change the description, which Orca speaks.
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.setAccessibleDescription("")
        field.setAccessibleDescription(message)
        return
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


def _description_read_on_focus(field: QWidget) -> bool:
    """False for the texts whose description Orca leaves out when they get the focus."""
    if isinstance(field, QLabel):
        return False
    return not (isinstance(field, QTextEdit) and field.isReadOnly())


_RESTING = "quizapp_resting_description"
_SPOKEN = "quizapp_spoken_description"


class _RestoreOnLeave(QObject):
    """Puts a field's own description back once the focus has left it (see :func:`say_now`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QWidget):
            # After the focus event of the next control: a screen reader then no longer reads
            # the field, and the change back is not spoken.
            QTimer.singleShot(0, lambda: _restore(watched))
        return False


def _restore(field: QWidget) -> None:
    if not isValid(field) or field.hasFocus():
        return
    resting = field.property(_RESTING)
    if resting is None:
        return
    if field.accessibleDescription() == field.property(_SPOKEN):
        field.setAccessibleDescription(str(resting))
    field.setProperty(_RESTING, None)
    field.setProperty(_SPOKEN, None)


def say_now(field: QWidget, message: str, resting: str | None = None) -> None:
    """Make a screen reader say ``message`` now, on ``field``, which has the focus.

    For news that is not an error: a value picked with the arrow keys, "marked: …". Screen
    readers (Orca among them) speak a change of the focused control's description; the
    field's own description (``resting``, else the one it has now) comes back once the focus
    has left it, so Tab back to the field reads it as before.
    """
    if field.property(_RESTING) is None:
        field.setProperty(_RESTING, field.accessibleDescription() if resting is None else resting)
        field.installEventFilter(_restorer(field))
    elif resting is not None:
        field.setProperty(_RESTING, resting)
    if field.accessibleDescription() == message:
        field.setAccessibleDescription("")  # the same words again: a change all the same
    field.setProperty(_SPOKEN, message)
    field.setAccessibleDescription(message)


def _restorer(field: QWidget) -> QObject:
    found = field.findChild(_RestoreOnLeave)
    return found if found is not None else _RestoreOnLeave(field)
