"""The floor for start-up benchmarks: the least a PySide6 app can do to paint a window.

QApplication + QMainWindow + QLabel, shown; quits on the event-loop turn after its first paint
(as quizapp does with ``QUIZAPP_EXIT_AFTER=shown``). Run from source and frozen
(``bare_window.spec``) so each quizapp figure has a floor measured the same way. With
``BENCH_KEEP_OPEN=1`` (the on-screen benchmark) it stays open until killed.
"""

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class QuitAfterPaint(QObject):
    """Quits the application on the turn after the watched widget's first paint."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let events through; the first paint schedules the quit."""
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    """Show the bare window and quit after it has been painted."""
    app = QApplication(sys.argv)
    window = QMainWindow()
    label = QLabel("bare window")
    window.setCentralWidget(label)
    quitter = QuitAfterPaint()
    if os.environ.get("BENCH_KEEP_OPEN") != "1":
        label.installEventFilter(quitter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
