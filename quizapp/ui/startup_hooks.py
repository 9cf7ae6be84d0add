"""Paint first, then boot: run something right after a widget's next paint; paint at once.

The app's start-up is "paint first, then boot": the start view in its loading state must reach
the screen before the database stack and the content loader are imported, which block the
event loop for a second or more. A ``QTimer.singleShot(0, ...)`` right after ``show()`` is not
enough on a real window system: it fires before the server's expose event has been handled,
so the window stays black (unpainted) until the heavy work is done.

Qt paints a newly exposed widget synchronously while handling the expose event and flushes the
result to the window; :func:`after_next_paint` queues its callback from the widget's paint
event, so it runs on the next event-loop turn, after that flush, on the GUI thread.

On X11 "flushed" is not yet "on screen": the pixels can wait in the connection's output buffer
until the event loop next goes idle, and work that blocks the loop would leave a half-drawn
window. Both helpers therefore sync with the window system (``QGuiApplication.sync``) before
moving on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


class _PaintWatcher(QObject):
    """Event filter on one widget: on its next paint event, queue the callback and retire."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let every event through; the next paint event queues the callback once."""
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._callback:
            callback, self._callback = self._callback, None
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, lambda: _synced(callback))
            self.deleteLater()
        return False


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, on the event-loop turn after ``widget``'s next paint.

    Before the first ``show()`` that is the first frame. ``widget`` must be visible (or about
    to be shown); if it is never painted, ``callback`` never runs.
    """
    _PaintWatcher(widget, callback)


def paint_now(window: QWidget) -> None:
    """Put ``window``'s current state on screen now, whole, before blocking work begins.

    Qt shows and lays out new child widgets through posted events and paints from a timer, so
    without this a half-laid-out frame could stay on screen while the event loop is blocked.
    """
    QCoreApplication.sendPostedEvents()  # shows and layouts of newly added widgets
    window.repaint()
    QGuiApplication.sync()


def _synced(callback: Callable[[], None]) -> None:
    QGuiApplication.sync()  # the painted frame reaches the window system before the work
    callback()
