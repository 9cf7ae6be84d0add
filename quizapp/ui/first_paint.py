"""Run something once a widget has been painted on screen for the first time.

The app's start-up is "paint first, then boot": the start view in its loading state must reach
the screen before the database stack and the content loader are imported, which block the
event loop for a second or more. A ``QTimer.singleShot(0, ...)`` right after ``show()`` is not
enough on a real window system: it fires before the server's expose event has been handled,
so the window stays black (unpainted) until the heavy work is done.

Qt paints a newly exposed widget synchronously while handling the expose event and flushes the
result to the window; the callback is queued from the widget's first paint event, so it runs on
the next event-loop turn, after that flush, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintWatcher(QObject):
    """Event filter on one widget: on its first paint event, queue the callback and retire."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let every event through; the first paint event queues the callback once."""
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._callback:
            callback, self._callback = self._callback, None
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the event-loop turn after ``widget`` is first painted.

    ``widget`` must be shown (or about to be); if it is never painted, ``callback`` never runs.
    """
    _FirstPaintWatcher(widget, callback)
