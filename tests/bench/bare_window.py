"""The floor for start-up benchmarks: the least a PySide6 app can do to show a window.

QApplication + QMainWindow + QLabel, shown, one turn of the event loop, exit. Run from source
and frozen (``bare_window.spec``) so each quizapp figure has a floor measured the same way.
With ``BENCH_KEEP_OPEN=1`` (the on-screen benchmark) it stays open until killed.
"""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    """Show the bare window and quit after the first event-loop turn."""
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare window"))
    window.show()
    if os.environ.get("BENCH_KEEP_OPEN") != "1":
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
