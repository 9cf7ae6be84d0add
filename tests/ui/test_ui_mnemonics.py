"""Alt+letter shortcuts: on every screen, in both languages, no letter is used twice.

A clash makes Alt+letter cycle between controls instead of acting, which keyboard users notice
as "the shortcut does nothing". Translations are where clashes creep in, so both are checked.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from ui_support import answer_current, begin, current, open_teacher_area, start_shell

from quizapp.ui.teacher.view import TeacherView

_MNEMONIC = re.compile(r"&([^&\s])")


def _mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _shortcuts(view: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every visible control on ``view`` that has an Alt+letter shortcut."""
    found: list[tuple[str, str]] = []
    candidates: list[QWidget] = [view, *view.findChildren(QWidget)]
    for widget in candidates:
        if not widget.isVisibleTo(view) and widget is not view:
            continue
        texts: list[str] = []
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            letter = _mnemonic(text)
            if letter:
                found.append((letter, text))
    return found


def _clashes(view: QWidget) -> list[str]:
    pairs = _shortcuts(view)
    counts = Counter(letter for letter, _text in pairs)
    return sorted(f"Alt+{letter}: {text!r}" for letter, text in pairs if counts[letter] > 1)


@pytest.mark.parametrize("language", ["en", "de"])
def test_no_screen_uses_an_alt_letter_twice(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    shell = start_shell(qtbot, tmp_path, language=language)
    screens: dict[str, list[str]] = {}
    checked_letters = 0

    def check(name: str) -> None:
        nonlocal checked_letters
        view = current(shell)
        assert view is not None
        checked_letters += len(_shortcuts(view))
        screens[name] = _clashes(view)

    check("start")
    begin(shell)
    check("quiz")
    answer_current(shell, right=True)
    check("feedback")
    shell.screens.feedback_view.article_requested.emit(0)
    check("feedback with the article")
    shell.screens.feedback_view.leave_article()
    shell.window.show_view(shell.start_view)
    shell.start_view.article_button.click()
    check("article")
    shell.screens.article_view.back_button.click()
    # The teacher area opens from the start screen; the quiz is left where it is.
    shell.window.show_view(shell.start_view)
    teacher = open_teacher_area(qtbot, shell)
    assert isinstance(teacher, TeacherView)
    for index in range(teacher.tabs.count()):
        teacher.tabs.setCurrentIndex(index)
        check(f"teacher tab {index + 1}")
    # The test is only worth something if the screens do have shortcuts to compare.
    assert checked_letters >= 8
    assert {name: c for name, c in screens.items() if c} == {}
