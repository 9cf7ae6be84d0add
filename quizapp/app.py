"""Composition root: paths -> i18n -> QApplication -> main window. No logic of its own."""

from __future__ import annotations

import os
import sys

NO_DISPLAY_MESSAGE = """quizapp: no display found, so the window cannot open.
  - On a desktop, start it from the desktop session.
  - Headless (servers, CI): run it on a virtual screen with
        xvfb-run -a quizapp
    or without any screen at all with
        QT_QPA_PLATFORM=offscreen quizapp
"""


def display_available() -> bool:
    """Whether Qt can open a window: a platform plugin was forced, or X11/Wayland is there."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a screen session for a desktop app


def run_gui(data_dir: str | None = None, language: str | None = None) -> int:
    """Start the desktop app and return its exit code."""
    if not display_available():
        sys.stderr.write(NO_DISPLAY_MESSAGE)
        return 2
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from quizapp import i18n
    from quizapp.i18n import _

    i18n.setup(language or i18n.DEFAULT_LANGUAGE)
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("quizapp")
    window.setCentralWidget(QLabel(_("The quiz is coming soon.")))
    window.show()
    return app.exec()
