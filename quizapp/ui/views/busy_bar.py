"""A bar that says what is being done, moves while it runs, and offers Cancel (then Load again)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from quizapp.i18n import _
from quizapp.ui.widgets.common import em, set_button_text, text_label


class BusyKind(Enum):
    """What the bar reports on."""

    LOADING = "loading"  # reading and analysing the class; after a cancel: "Load again"
    WRITING = "writing"  # writing a report; after a cancel: only a message


class BusyBar(QWidget):
    """Hidden until :meth:`start`; the button cancels while busy and retries after a cancel."""

    cancel_requested = Signal()
    retry_requested = Signal()

    def __init__(self, kind: BusyKind = BusyKind.LOADING, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._running = False
        self._cancelled = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.message = text_label()
        self.message.setWordWrap(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the amount of work is not known: a moving bar
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(em(self, 12))
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        row.addWidget(self.message)
        row.addWidget(self.progress)
        row.addWidget(self.button)
        row.addStretch(1)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        loading = self.kind is BusyKind.LOADING
        self.progress.setAccessibleName(
            _("Loading the class results") if loading else _("Writing the report")
        )
        if self._running:
            self.message.setText(
                _("Loading the class results…") if loading else _("Writing the report…")
            )
            set_button_text(self.button, _("Cancel"), _("Stop; nothing is changed"))
        elif self._cancelled:
            if loading:
                self.message.setText(_("Loading was cancelled: the tabs may show older results."))
                set_button_text(self.button, _("Load again"), _("Load the class results again"))
            else:
                self.message.setText(_("Cancelled: the report was not saved."))
        self.button.setVisible(self._running or loading)
        self.message.setAccessibleName(self.message.text())

    def start(self) -> None:
        """Show that the work runs."""
        self._running, self._cancelled = True, False
        self.progress.show()
        self.retranslate()
        self.show()

    def stop(self) -> None:
        """The work finished: hide the bar."""
        self._running = self._cancelled = False
        self.hide()

    def show_cancelled(self) -> None:
        """The work was cancelled: say so (and offer to load again)."""
        self._running, self._cancelled = False, True
        self.progress.hide()
        self.retranslate()
        self.show()

    @property
    def running(self) -> bool:
        """Whether the bar shows work in progress."""
        return self._running

    def _clicked(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        else:
            self.retry_requested.emit()
