"""The "will sync" line: while answers go to a class database, the status bar says whether
they are all there, waiting on this computer, or refused (then the teacher must act).

Polls :meth:`SyncService.status` (a cheap, thread-safe read) once a second; the service itself
runs in its own thread and never blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from quizapp.i18n import _, ngettext
from quizapp.storage.sync import SetAsideReason, SyncService, SyncState, SyncStatus
from quizapp.ui.widgets.common import em

POLL_MS = 1000


def status_text(status: SyncStatus) -> str:
    """The status line for ``status``, in the current language (words, not only a colour)."""
    text = _state_text(status)
    if status.set_aside > 0:
        text += " " + ngettext(
            "%(n)d change was refused by the class database and is kept on this computer: "
            "please tell your teacher.",
            "%(n)d changes were refused by the class database and are kept on this computer: "
            "please tell your teacher.",
            status.set_aside,
        ) % {"n": status.set_aside}
        for reason in sorted(status.set_aside_reasons):
            text += " " + _set_aside_reason_text(reason)
    return text


def _set_aside_reason_text(reason: SetAsideReason) -> str:
    if reason is SetAsideReason.MISSING:
        return _(
            "Some belong to a student or attempt the class database does not have for this "
            "login (was this computer set up from a copy of another one, or the class "
            "database restored from a backup?)."
        )
    return _(
        "The class database refuses a value in some of them (for example a control "
        "character in a nickname)."
    )


def _state_text(status: SyncStatus) -> str:
    if status.state is SyncState.SYNCED and status.set_aside > 0:
        return _("Every other answer is in the class database.")
    if status.state is SyncState.SYNCED:
        return _("All answers are in the class database.")
    if status.state is SyncState.WILL_SYNC:
        if status.pending <= 0:
            return _("Answers are saved on this computer and will sync with the class database.")
        return ngettext(
            "Saved on this computer: %(n)d change will sync when the class database is back.",
            "Saved on this computer: %(n)d changes will sync when the class database is back.",
            status.pending,
        ) % {"n": status.pending}
    return _(
        "Answers are saved on this computer, but the class database refused them. "
        "Please tell your teacher."
    )


class SyncIndicator(QObject):
    """A permanent label in ``window``'s status bar showing ``service``'s state."""

    def __init__(self, window: QMainWindow, service: SyncService) -> None:
        super().__init__(window)
        self._service = service
        self.label = QLabel()
        self.label.setObjectName("sync_status")
        margin = em(self.label, 0.5)
        self.label.setContentsMargins(margin, 0, margin, 0)
        window.statusBar().addPermanentWidget(self.label, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(POLL_MS)
        self.refresh()

    def refresh(self) -> None:
        """Show the service's current state (also after a language switch)."""
        status = self._service.status()
        text = status_text(status)
        self.label.setText(text)
        self.label.setAccessibleName(_("Class database"))
        self.label.setAccessibleDescription(text)
        self.label.setToolTip(
            f"{self._service.where}" if status.error is None else str(status.error)
        )
        self._last = status

    def stop(self) -> None:
        """Stop polling (the window closes)."""
        self._timer.stop()
