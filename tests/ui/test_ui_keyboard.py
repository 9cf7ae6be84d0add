"""Keyboard and accessibility: a run with keys only, and names on every focusable control."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    SHIPPED_CONTENT,
    answer_current,
    answers_in_db,
    begin,
    current,
    focusable_widgets,
    start_shell,
)

from quizapp.app import AppShell


def key(shell: AppShell, name: Qt.Key) -> None:
    """Press a key on the window, as a student would (shortcuts decide where it goes)."""
    QTest.keyClick(shell.window, name)


def test_keyboard_only_run_to_the_results(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    start = shell.start_view
    assert QApplication.focusWidget() is start.nickname  # empty nickname: typed first
    QTest.keyClicks(start.nickname, "Kim7")  # a digit here is text, not a choice key
    assert start.nickname.text() == "Kim7"
    key(shell, Qt.Key.Key_Return)  # Start
    quiz_view, feedback = shell.screens.quiz_view, shell.screens.feedback_view
    assert current(shell) is quiz_view
    session = shell.screens.quiz.session
    for number in range(session.total):
        assert quiz_view.progress_label.text() == f"Question {number + 1} of {session.total}"
        key(shell, Qt.Key.Key_Return)  # nothing picked yet: Enter does nothing
        assert current(shell) is quiz_view
        key(shell, Qt.Key.Key_1)
        if session.current.type.value == "multiple":
            key(shell, Qt.Key.Key_2)
            key(shell, Qt.Key.Key_2)  # toggles the check box off again
        assert quiz_view.chosen_ids() == [session.current_choice_order()[0]]
        key(shell, Qt.Key.Key_Return)  # Submit
        assert current(shell) is feedback
        # The way on has the focus; its description (read out first) is the verdict.
        assert QApplication.focusWidget() is feedback.next_button
        assert feedback.next_button.accessibleDescription().startswith(feedback.verdict.text())
        key(shell, Qt.Key.Key_Return)  # Next / See results
    assert current(shell) is shell.screens.results_view
    assert len(list(answers_in_db(tmp_path))) == session.total


def test_no_focus_ring_on_headings_and_no_chosen_look_at_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    first = quiz_view._cards[0]
    assert QApplication.focusWidget() is first.button  # arrows and Space work at once …
    assert first.property("focused") != "true"  # … but the card does not look chosen
    assert first.property("checked") != "true" and not first.button.isChecked()
    key(shell, Qt.Key.Key_Tab)
    key(shell, Qt.Key.Key_Backtab)  # by keyboard: now the ring shows where the focus is
    focused = [c for c in quiz_view._cards if c.property("focused") == "true"]
    assert len(focused) == 1 and focused[0].button is QApplication.focusWidget()
    answer_current(shell, right=True)
    feedback = shell.screens.feedback_view
    labels = [feedback.verdict, shell.screens.results_view.score]
    assert all(label.focusPolicy() == Qt.FocusPolicy.NoFocus for label in labels)


def test_enter_on_a_focused_button_presses_that_button(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    answer_current(shell, right=True)
    feedback = shell.screens.feedback_view
    show_in_article = [
        w for w in feedback.findChildren(QWidget) if w.accessibleName() == "Show in article"
    ]
    show_in_article[0].setFocus()
    key(shell, Qt.Key.Key_Enter)
    assert feedback.article_visible()
    assert QApplication.focusWidget() is feedback.reader
    key(shell, Qt.Key.Key_Escape)  # out of the article, on to the next step
    assert current(shell) is feedback
    assert QApplication.focusWidget() is feedback.next_button


def test_tab_moves_through_the_quiz_in_reading_order(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    quiz_view.pick(0)
    seen = []
    for _ in range(8):
        key(shell, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert quiz_view.submit_button in seen
    assert quiz_view.pause_button in seen
    assert seen.index(quiz_view.pause_button) < seen.index(quiz_view.submit_button)


def _check_names(view: QWidget) -> list[str]:
    missing = []
    for widget in focusable_widgets(view):
        if isinstance(widget, QLabel) and not widget.accessibleName():
            missing.append(f"label {widget.text()!r}")
        elif not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_widget_has_an_accessible_name(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    problems: dict[str, list[str]] = {}

    def check(name: str) -> None:
        view = current(shell)
        assert view is not None
        assert focusable_widgets(view), f"{name}: nothing to focus"
        problems[name] = _check_names(view)

    check("start")
    shell.start_view.article_button.click()
    check("article")
    shell.screens.article_view.back_button.click()
    begin(shell)
    screens = shell.screens
    for number in range(screens.quiz.session.total):
        check(f"quiz {number + 1}")
        answer_current(shell, right=number != 1, confidence=number % 3)
        check(f"feedback {number + 1}")
        if number == 0:
            screens.feedback_view.article_requested.emit(0)
            check("feedback with the article")
            screens.feedback_view.leave_article()
        screens.feedback_view.next_button.click()
    check("results")
    screens.results_view.review_requested.emit("m-01")
    check("review")
    screens.review_view.next_button.click()
    screens.results_view.back_button.click()
    shell.start_view.history_button.click()
    check("history")
    assert all(not missing for missing in problems.values()), problems


def test_texts_follow_the_application_font(qtbot: QtBot, tmp_path: Path) -> None:
    """Headings are scaled from the app font, never given in pixels."""
    shell = start_shell(qtbot, tmp_path)
    app_size = QApplication.font().pointSizeF()
    title = shell.start_view.title
    assert title.font().pixelSize() == -1  # a point size, not pixels
    assert title.font().pointSizeF() > app_size
    for label in shell.start_view.findChildren(QLabel):
        assert label.font().pixelSize() == -1


def test_confidence_is_optional_and_can_be_taken_back(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    sure, unsure, _guessing = quiz_view._confidence_buttons.values()
    qtbot.mouseClick(sure, Qt.MouseButton.LeftButton)
    assert quiz_view.confidence() is not None and sure.isChecked()
    qtbot.mouseClick(unsure, Qt.MouseButton.LeftButton)
    assert unsure.isChecked() and not sure.isChecked()  # one at a time
    qtbot.mouseClick(unsure, Qt.MouseButton.LeftButton)
    assert quiz_view.confidence() is None  # clicked again: no answer given


@pytest.mark.parametrize(
    ("language", "letters"),
    [
        ("en", (Qt.Key.Key_S, Qt.Key.Key_N, Qt.Key.Key_G)),
        ("de", (Qt.Key.Key_S, Qt.Key.Key_U, Qt.Key.Key_G)),
    ],
)
def test_confidence_by_alt_letter(
    qtbot: QtBot, tmp_path: Path, language: str, letters: tuple[Qt.Key, ...]
) -> None:
    shell = start_shell(qtbot, tmp_path, language=language)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    buttons = list(quiz_view._confidence_buttons.values())
    for letter, button in zip(letters, buttons, strict=True):
        QTest.keyClick(shell.window, letter, Qt.KeyboardModifier.AltModifier)
        # A mnemonic "animates" the click: the button is checked a moment later.
        qtbot.waitUntil(button.isChecked, timeout=2000)
    assert quiz_view.chosen_ids() == []  # the letters set confidence only, never a choice
    assert "Alt" in quiz_view.keys_hint.text()


def test_instruction_is_not_shown_twice(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    begin(shell)
    quiz_view, session = shell.screens.quiz_view, shell.screens.quiz.session
    seen_hidden = seen_shown = False
    while not session.finished:
        prompt = session.current.prompt
        if "Select all that apply" in prompt:
            assert not quiz_view.hint.isVisibleTo(quiz_view)  # the prompt says it already
            seen_hidden = True
        else:
            assert quiz_view.hint.isVisibleTo(quiz_view)
            seen_shown = True
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    assert seen_hidden and seen_shown
