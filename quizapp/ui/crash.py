"""Unexpected errors: logged with their traceback to a file, shown to the student in one sentence.

Installed as ``sys.excepthook``, which is where PySide6 sends exceptions raised in slots and
event handlers. The student never sees a traceback; the teacher finds it in the log file.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from quizapp.i18n import _

LOG_NAME = "quizapp-errors.log"


def log_folder(data_dir: Path) -> Path:
    """The data folder if it can be created, else the system's temporary folder."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return data_dir
    except OSError:
        import tempfile  # only for this fallback: installed before the first window shows

        return Path(tempfile.gettempdir())


def write_log(log_path: Path, text: str) -> Path | None:
    """Append ``text`` with a time stamp; ``None`` when even that fails."""
    try:
        with log_path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return log_path
    except OSError:
        return None


class CrashHandler:
    """The ``sys.excepthook`` of the running app."""

    def __init__(self, log_path: Path, parent: Callable[[], QWidget | None]) -> None:
        self.log_path = log_path
        self._parent = parent
        self._box: QMessageBox | None = None
        self.count = 0

    def install(self) -> None:
        """Become ``sys.excepthook``."""
        sys.excepthook = self

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """Log the error and show a short, friendly message (once at a time)."""
        import traceback  # imported on the first error, not at start-up

        self.count += 1
        text = "".join(traceback.format_exception(kind, error, trace))
        written = self._log(text)
        sys.stderr.write(text)
        if isinstance(error, KeyboardInterrupt):
            return
        try:
            self._show(written)
        except Exception:  # the hook must never raise: that would end the app
            sys.stderr.write("quizapp: could not show the error message\n")

    def _log(self, text: str) -> Path | None:
        """Into the app's one log file when it is set up, else into :attr:`log_path`."""
        from quizapp.logging_setup import current_log_file

        log_file = current_log_file()
        if log_file is None:
            return write_log(self.log_path, text)
        logging.getLogger(__name__).error("unexpected error:\n%s", text.rstrip())
        return log_file

    def _show(self, written: Path | None) -> None:
        if self._box is not None:  # one message is enough; more errors go to the log only
            return
        where = (
            _("The details were saved in %(path)s.") % {"path": written}
            if written is not None
            else ""
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Something went wrong"),
            _(
                "Something went wrong in quizapp. Your saved answers are safe. If something "
                "does not work, go back to the start page or restart the app."
            ),
            QMessageBox.StandardButton.Ok,
            self._parent(),
        )
        box.setInformativeText(" ".join(t for t in (where, _("Please tell your teacher.")) if t))
        box.finished.connect(self._closed)
        self._box = box
        box.open()

    def _closed(self) -> None:
        if self._box is not None:
            self._box.deleteLater()
        self._box = None
