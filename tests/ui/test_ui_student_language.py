"""Each student's language is remembered; a switch says what happens to unfinished attempts."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_support import (
    answer_current,
    begin,
    db_rows,
    next_after_feedback,
    start_shell,
)

from quizapp import i18n
from quizapp.app import AppShell


def switch(shell: AppShell, language: str) -> None:
    """Choose ``language`` in the start view's language box, as a student would."""
    box = shell.start_view.language
    index = box.findData(language)
    box.setCurrentIndex(index)
    box.activated.emit(index)


def confirm_nickname(shell: AppShell, nickname: str) -> None:
    shell.start_view.nickname.setText(nickname)
    shell.start_view.nickname.editingFinished.emit()


def test_language_is_remembered_per_nickname(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, language="en")
    view = shell.start_view
    confirm_nickname(shell, "Kim")
    switch(shell, "de")
    begin(shell, nickname="Kim")  # Kim answers in German
    answer_current(shell, right=True)
    next_after_feedback(shell)
    shell.screens.quiz_view.pause_button.click()

    # Switching away explains what happens to the unfinished German attempt.
    switch(shell, "en")
    assert view.language_note.isVisible()
    note = view.language_note.text()
    assert "unfinished attempt at “Mini-Set” is kept" in note and "Deutsch" in note
    assert "scores count per language" in note
    assert view.start_button.text() == "Start"  # nothing unfinished in English
    switch(shell, "de")
    assert not view.language_note.isVisible()
    assert view.start_button.text() == "Weitermachen – 1/3"

    # Lea prefers English; when Kim comes back, the app switches to Kim's German.
    confirm_nickname(shell, "Lea")
    assert i18n.current_language() == "de"  # Lea is new: nothing remembered yet
    switch(shell, "en")
    view.start_button.click()  # Lea's first attempt, in English: remembered for her
    shell.screens.quiz_view.pause_button.click()
    confirm_nickname(shell, "Kim")
    assert i18n.current_language() == "de"
    assert view.language.currentData() == "de"
    assert view.language_note.text().startswith("Zu Deutsch gewechselt")
    confirm_nickname(shell, "Lea")
    assert i18n.current_language() == "en"
    keys = [key for (key,) in db_rows(tmp_path, "select key from setting")]
    assert sum(key.startswith("student_language:") for key in keys) == 2
