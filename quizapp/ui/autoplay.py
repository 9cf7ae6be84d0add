"""Test hook (``QUIZAPP_TEST_AUTOPLAY=1``): answer the first question through the UI, then idle.

Used by a subprocess test that kills the app right after "ANSWER-SAVED" and checks the answer
is in the database: it drives the real views (nickname field, Start, choice, Submit), so the
whole path from click to commit is the one a student takes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from quizapp.app import AppShell

NICKNAME = "autoplay"
MARKER = "ANSWER-SAVED"


def autoplay(shell: AppShell) -> None:
    """Once the sets are listed: start the first set, pick choice 1, submit; print MARKER."""

    def go() -> None:
        start_view = shell.start_view
        start_view.nickname.setText(NICKNAME)
        screens = shell.ensure_screens()
        screens.quiz.answer_saved.connect(_report)
        start_view.nickname.editingFinished.emit()  # lists this nickname's attempts
        if start_view.start_over_button.isVisible():
            start_view.start_over_button.click()
        else:
            start_view.start_button.click()
        quiz_view = screens.quiz_view
        quiz_view.pick(0)
        quiz_view.submit_button.click()

    shell.ready.connect(lambda: QTimer.singleShot(0, go))


def _report(_record: object) -> None:
    sys.stdout.write(MARKER + "\n")
    sys.stdout.flush()
