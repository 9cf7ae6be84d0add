"""Test hook (``QUIZAPP_TEST_AUTOPLAY=1``): answer the first question through the UI, then idle.

Used by a subprocess test that kills the app right after "ANSWER-SAVED" and checks the answer
is in the database: the driver uses the real views (nickname field, Start, choice, Submit), so
the whole path from click to commit is the one a student takes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from quizapp.selfcheck.driver import answer_current, begin

if TYPE_CHECKING:
    from quizapp.app import AppShell

NICKNAME = "autoplay"
MARKER = "ANSWER-SAVED"


def autoplay(shell: AppShell) -> None:
    """Once the sets are listed: start the first set, answer, submit; print MARKER when saved."""

    def go() -> None:
        shell.ensure_screens().quiz.answer_saved.connect(_report)
        begin(shell, NICKNAME)
        answer_current(shell, right=True)

    shell.ready.connect(lambda: QTimer.singleShot(0, go))


def _report(_record: object) -> None:
    sys.stdout.write(MARKER + "\n")
    sys.stdout.flush()
