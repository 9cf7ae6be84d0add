"""The main window: a thin shell around a stack of views. It knows no quiz, no storage.

Controllers ask it to show a view (:meth:`MainWindow.show_view`); a language switch asks it to
re-read every view's texts (:meth:`MainWindow.retranslate`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from quizapp.i18n import _
from quizapp.ui.widgets.common import em
from quizapp.ui.window_state import centred, first_size


@runtime_checkable
class Retranslatable(Protocol):
    """A view that re-reads its visible texts after a language switch."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""


@runtime_checkable
class Focusable(Protocol):
    """A view that knows which widget should have the focus when it is shown."""

    def focus_first(self) -> None:
        """Move the keyboard focus to the view's first sensible control."""


class MainWindow(QMainWindow):
    """The app window: one view at a time in a :class:`QStackedWidget`."""

    closing = Signal()
    view_shown = Signal(QWidget)

    def __init__(self) -> None:
        super().__init__()
        self._stack = QStackedWidget()
        self.setCentralWidget(self._stack)
        self.resize(em(self, 52), em(self, 40))
        self.setMinimumSize(em(self, 30), em(self, 24))
        self.retranslate()

    def place_on_screen(self, remembered: QSize | None = None) -> None:
        """Size the window for its screen before it is shown: ``remembered`` or a default size,
        centred, the window and its frame inside the screen's available area."""
        available = self.screen().availableGeometry()
        self.setGeometry(centred(available, first_size(available, remembered, em(self))))

    def normal_size(self) -> QSize | None:
        """The size to remember: the normal size also while maximised (None if unknown)."""
        if not self.isMaximized():
            return self.size()
        normal = self.normalGeometry()
        return normal.size() if normal.isValid() and not normal.isEmpty() else None

    def add_view(self, view: QWidget) -> None:
        """Add a view to the stack (shown later with :meth:`show_view`)."""
        if self._stack.indexOf(view) < 0:
            self._stack.addWidget(view)

    def show_view(self, view: QWidget) -> None:
        """Bring ``view`` to the front and give it the keyboard focus."""
        self.add_view(view)
        if isinstance(view, Focusable):
            # Chosen while the view is still hidden: the stack then hands the focus straight
            # to that control. Otherwise it passes through the view's first control (which a
            # screen reader starts to announce) before the view focuses its own.
            view.focus_first()
        self._stack.setCurrentWidget(view)
        if isinstance(view, Focusable):
            view.focus_first()
        self.view_shown.emit(view)

    def current_view(self) -> QWidget | None:
        """The view on screen now."""
        return self._stack.currentWidget()

    def views(self) -> list[QWidget]:
        """All views in the stack, in the order added."""
        found = (self._stack.widget(i) for i in range(self._stack.count()))
        return [view for view in found if view is not None]

    def retranslate(self) -> None:
        """Re-read the window title and every view's texts in the current language."""
        self.setWindowTitle(_("Reading the news critically – quiz"))
        for view in self.views():
            if isinstance(view, Retranslatable):
                view.retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell the composition root, which closes the database cleanly."""
        self.closing.emit()
        super().closeEvent(event)
