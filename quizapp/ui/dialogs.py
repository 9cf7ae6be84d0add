"""Message dialogs the controllers show: storage problems and short notices.

All are window-modal and opened with ``open()`` (not ``exec()``), so the event loop keeps
running: tests and the start-up benchmark are never blocked by a dialog, and the caller gets a
callback when the dialog is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from quizapp.i18n import _
from quizapp.storage.errors import StorageError, StorageErrorKind

# Kinds where trying the same thing again later can work.
RETRYABLE = frozenset(
    {
        StorageErrorKind.LOCKED,
        StorageErrorKind.IO_ERROR,
        StorageErrorKind.DISK_FULL,
        StorageErrorKind.UNREACHABLE,
        StorageErrorKind.BUSY,
    }
)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    """A message box that deletes itself when closed; shown with ``open()`` by the caller."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    return box


def show_notice(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """An information message with an OK button."""
    box = message_box(parent, QMessageBox.Icon.Information, title, text, details)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def show_saved(parent: QWidget | None, title: str, text: str, path: Path) -> QMessageBox:
    """The one message after a file was written: "Open file", "Show in folder" or "Close".

    Both open with the desktop's own programs (a local file URL; nothing goes to the network).
    """
    box = message_box(parent, QMessageBox.Icon.Information, title, text)
    open_file = box.addButton(_("Open file"), QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(_("Show in folder"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    for button, target in ((open_file, path), (open_folder, path.parent)):
        button.setAccessibleName(button.text())
        # ActionRole buttons do not close the box by themselves: open, then close.
        button.clicked.connect(lambda _checked=False, t=target: _open_local(t))
        button.clicked.connect(box.accept)
    box.open()
    return box


def _open_local(target: Path) -> bool:
    """Open a local file or folder with the desktop's default program."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))))


def show_problem(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """A warning with an OK button: what went wrong (``text``) and what to do (``details``)."""
    box = message_box(parent, QMessageBox.Icon.Warning, title, text, details)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def show_storage_error(
    parent: QWidget | None,
    error: StorageError,
    *,
    on_retry: Callable[[], None] | None = None,
    on_close: Callable[[], None] | None = None,
    close_text: str = "",
) -> QMessageBox:
    """What happened, which file, and what to do; "Try again" when that can help.

    ``on_retry`` is called after "Try again", ``on_close`` after the other button.
    """
    details = _("File: %(path)s") % {"path": error.path} + "\n\n" + error.hint
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        _("Results cannot be saved"),
        error.message,
        details,
    )
    retry = None
    if on_retry is not None and error.kind in RETRYABLE:
        retry = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
    close = (
        box.addButton(close_text, QMessageBox.ButtonRole.RejectRole)
        if close_text
        else box.addButton(QMessageBox.StandardButton.Close)
    )
    box.setDefaultButton(retry if retry is not None else close)

    def finished() -> None:
        if retry is not None and box.clickedButton() is retry and on_retry is not None:
            on_retry()
        elif on_close is not None:
            on_close()

    box.finished.connect(finished)
    box.open()
    return box
