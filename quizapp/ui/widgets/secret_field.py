"""A password field that never hands its characters to assistive technology.

Qt's ``QLineEdit`` in password echo mode paints masks but still reports every typed character
in clear in its accessibility "text inserted" events, so every AT-SPI client on the desktop
(not only the student's screen reader) receives the teacher PIN. :class:`SecretField` keeps the
secret in Python and gives the widget only mask characters: whatever Qt tells the accessibility
bus, it can only be masks. Editing keys (Backspace, Delete, selection, Home/End) still work
because every widget character stands for exactly one secret character at the same position.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "\u2022"  # what the widget holds instead of each secret character

# Keys whose result cannot be mapped back onto the secret (undo would re-insert masks) or that
# would take the masks out of the field.
_BLOCKED = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class SecretField(QLineEdit):
    """A one-line secret entry: :meth:`secret` is what was typed, :meth:`text` only masks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret = ""
        self.setEchoMode(QLineEdit.EchoMode.Password)  # role "password text", masked painting
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)

    def secret(self) -> str:
        """The characters the user typed (never shown, never in accessibility events)."""
        return self._secret

    def setText(self, arg__1: str | None, /) -> None:  # Qt's name and signature
        """Replace the secret with the given text (cut to the field's maximum length)."""
        self._secret = (arg__1 or "")[: self.maxLength()]
        super().setText(MASK * len(self._secret))

    def clear(self) -> None:
        """Forget the secret."""
        self.setText("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Type into the secret; let Qt move the cursor and delete, then mirror deletions."""
        if any(event.matches(key) for key in _BLOCKED):
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self._insert(QGuiApplication.clipboard().text())
            event.accept()
            return
        typed = event.text()
        if typed and typed.isprintable() and not event.modifiers() & _COMMAND_MODIFIERS:
            self._insert(typed)
            event.accept()
            return
        length_before = len(super().text())
        super().keyPressEvent(event)
        removed = length_before - len(super().text())
        if removed > 0:
            # Every deletion (Backspace, Delete, a selection, Ctrl+Backspace …) leaves the
            # cursor where the removed run started.
            start = self.cursorPosition()
            self._secret = self._secret[:start] + self._secret[start + removed :]

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Committed input-method text goes into the secret like typed text."""
        if event.commitString():
            self._insert(event.commitString())
        event.accept()

    def _insert(self, text: str) -> None:
        text = "".join(ch for ch in text if ch.isprintable())
        if self.hasSelectedText():
            start, replaced = self.selectionStart(), len(self.selectedText())
        else:
            start, replaced = self.cursorPosition(), 0
        room = self.maxLength() - (len(self._secret) - replaced)
        text = text[: max(room, 0)]
        self._secret = self._secret[:start] + text + self._secret[start + replaced :]
        # Qt replaces the selection with masks and reports only those masks as inserted.
        super().insert(MASK * len(text))
