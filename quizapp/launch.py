"""``quizapp`` without options: start the desktop app. The display check, the crash log, the
log file, and the hooks that tests and benchmarks switch on with environment variables.

Kept apart from :mod:`quizapp.app` (the wiring), so the hooks may import the app without a cycle.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from quizapp import paths
from quizapp.app import AppShell
from quizapp.ui.startup_hooks import after_next_paint

EXIT_AFTER_ENV = "QUIZAPP_EXIT_AFTER"  # "shown" (first paint) or "ready": start-up benchmark
AUTOPLAY_ENV = "QUIZAPP_TEST_AUTOPLAY"  # "1": answer one question and report (subprocess test)

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


def _exit_hooks(shell: AppShell, app: QApplication) -> None:
    """``QUIZAPP_EXIT_AFTER`` for the benchmark, ``QUIZAPP_TEST_AUTOPLAY`` for a test."""
    exit_after = os.environ.get(EXIT_AFTER_ENV, "")
    if exit_after == "ready":
        shell.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    if os.environ.get(AUTOPLAY_ENV) == "1":
        from quizapp.selfcheck.autoplay import autoplay  # pydantic stays out of a plain start

        autoplay(shell)


def run_gui(
    data_dir: str | None = None, language: str | None = None, database: str | None = None
) -> int:
    """Start the desktop app and return its exit code (``database``: the class database)."""
    if not display_available():
        sys.stderr.write(NO_DISPLAY_MESSAGE)
        return 2
    from quizapp.ui.crash import LOG_NAME, CrashHandler, log_folder

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    # Installed first, so even an error while building the window is logged, not dumped.
    log = log_folder(paths.data_dir(data_dir)) / LOG_NAME
    CrashHandler(log, QApplication.activeWindow).install()
    from quizapp.logging_setup import log_to_data_folder

    log_to_data_folder(log.parent)
    shell = AppShell(app, data_dir=data_dir, language=language, database=database)
    shell.quit_requested.connect(app.exit)
    if os.environ.get(EXIT_AFTER_ENV) == "shown":
        after_next_paint(shell.start_view, app.quit)  # first frame painted, then out
        shell.show()
    else:
        _exit_hooks(shell, app)
        shell.start()
    code = app.exec()
    shell.close()
    return code
