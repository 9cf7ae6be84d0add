"""Keyboard helpers: Enter and number keys as window shortcuts of one view.

Shortcuts keep Qt's default context (the window) and belong to the view itself. Views that are
not on screen are hidden by the stack, and Qt ignores shortcuts of hidden widgets, so only the
view on screen reacts, wherever the focus is inside the window. Keys are given by name, not as
``Qt.Key`` values: the start view builds its shortcuts before the first window is shown, when
touching ``Qt`` would cost start-up time (see :mod:`quizapp.ui.widgets.common`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

_DIGIT_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8")


def view_shortcut(view: QWidget, key: str, slot: Callable[[], None]) -> QShortcut:
    """A shortcut (``key`` by name, e.g. "Return") active while ``view`` is on screen."""
    shortcut = QShortcut(QKeySequence(key), view)
    shortcut.activated.connect(slot)
    return shortcut


def on_enter(view: QWidget, default: Callable[[], None]) -> None:
    """Enter (both keys) presses the focused push button of ``view``, else runs ``default``.

    Main windows do not give push buttons Enter like dialogs do; this keeps "Enter activates
    what has the focus" true for buttons and lets Enter mean "go on" everywhere else.
    """

    def activate() -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and view.isAncestorOf(focused):
            if focused.isEnabled():
                focused.click()
            return
        default()

    for key in ("Return", "Enter"):
        view_shortcut(view, key, activate)


def on_digits(view: QWidget, pick: Callable[[int], None]) -> None:
    """Number keys 1–8 call ``pick`` with the 0-based index."""
    for index, key in enumerate(_DIGIT_KEYS):
        view_shortcut(view, key, functools.partial(pick, index))
