"""What every journey shares: the running app, the hands, and moves a person makes often
(pick from a drop-down by mouse, press a button, wait for a screen)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

from quizapp.app import AppShell, Screens
from real_input.hands import Hands, JourneyFailure


def _nothing(_data: Path, _content: Path, _language: str) -> None:
    """No data to put in place before the app starts."""


@dataclass(frozen=True)
class Journey:
    """A named path through the app; ``run`` acts, ``prepare`` seeds the data folder."""

    run: Callable[[World], None]
    prepare: Callable[[Path, Path, str], None] = _nothing
    #: The language the app starts in (None: the app's default); the journey may switch.
    start_language: Callable[[str], str | None] = field(default=lambda language: language)


class World:
    """The app on screen and the person in front of it."""

    def __init__(self, hands: Hands, shell: AppShell, language: str, work: Path) -> None:
        self.hands = hands
        self.shell = shell
        self.language = language
        self.work = work

    @property
    def screens(self) -> Screens:
        screens = self.shell.screens
        assert screens is not None
        return screens

    def step(self, name: str) -> None:
        self.hands.steps.append(name)

    # ---- seeing -----------------------------------------------------------------------------

    def current(self) -> QWidget | None:
        return self.hands.look(self.shell.window.current_view)

    def on_screen(self, view: QWidget, what: str, timeout: float = 10.0) -> None:
        """Wait until ``view`` is the page shown."""
        self.hands.until(lambda: self.shell.window.current_view() is view, what, timeout)
        time.sleep(0.1)  # its layout settles (a person waits that long too)

    def text(self, widget: QWidget) -> str:
        return str(self.hands.look(lambda: widget.text()))  # type: ignore[attr-defined]

    def see_text(self, widget: QWidget, wanted: str, what: str) -> None:
        """``wanted`` appears in the widget's text (within a few seconds)."""
        self.hands.until(
            lambda: wanted in widget.text(),  # type: ignore[attr-defined]
            f"{what}: “{wanted}” in “{self.text(widget)}”",
            timeout=5,
        )

    def see(self, condition: Callable[[], object], what: str) -> None:
        self.hands.until(condition, what, timeout=5)

    # ---- doing ------------------------------------------------------------------------------

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.hands.click(widget, at)

    def press(self, button: QAbstractButton) -> None:
        """Click a button with the mouse; fail if it was not there to be clicked."""
        text = self.hands.look(button.text)
        self.hands.until(lambda: button.isVisible(), f"the button “{text}” is shown")
        self.hands.click(button)

    def check(self, button: QAbstractButton, what: str) -> None:
        """Click a check box / radio button and see it checked."""
        self.hands.click(button)
        self.hands.until(lambda: button.isChecked(), what, timeout=5)

    def pick_by_mouse(self, combo: QComboBox, text: str) -> None:
        """Open the drop-down with a click, click the item ``text`` in the open list, and see
        the box show it (last round every box went blank here)."""
        self.hands.click(combo)
        view = combo.view()
        self.hands.until(lambda: view.isVisible(), "the drop-down list opened")
        row = self.hands.look(lambda: combo.findText(text))
        if row < 0:
            raise JourneyFailure(f"no item “{text}” in the drop-down")
        time.sleep(0.25)  # the list's open animation

        def item_rect() -> QRect:
            rect = view.visualRect(combo.model().index(row, 0))
            return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())

        self.hands.look(lambda: view.scrollTo(combo.model().index(row, 0)))
        box = self.hands.look(item_rect)
        self.hands.click_at(box.center().x(), box.center().y())
        self.hands.until(lambda: not view.isVisible(), "the drop-down list closed")
        self.hands.until(
            lambda: combo.currentText() == text,
            f"the drop-down shows “{text}” (shows “{self.hands.look(combo.currentText)}”)",
            timeout=3,
        )
