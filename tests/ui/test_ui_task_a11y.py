"""Issue 28 for the questions and task widgets: the prompt is heard on arrival, no empty limit,
the article reader readable by keyboard, repeated errors said again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import SHIPPED_CONTENT, answer_current, begin, current, start_shell

from quizapp.ui.views.tasks.base import TaskContext
from quizapp.ui.views.tasks.evidence_task import EvidenceInput
from quizapp.ui.views.tasks.short_text_task import ShortTextInput
from quizapp.ui.widgets.announce import announce_on

ROOT = Path(__file__).resolve().parents[2]
TASK_SETS = ROOT / "tests" / "data" / "tasks" / "sets"


def content_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(TASK_SETS, folder / "sets")
    shutil.copytree(SHIPPED_CONTENT / "sources", folder / "sources")
    return folder


def test_every_question_and_task_says_its_prompt_on_arrival(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="en", content=content_folder(tmp_path))
    begin(shell)
    session = shell.screens.quiz.session
    quiz_view = shell.screens.quiz_view
    seen = set()
    while not session.finished:
        question = session.current
        assert current(shell) is quiz_view
        quiz_view.focus_first()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        focused = QApplication.focusWidget()
        assert focused is not None and quiz_view.isAncestorOf(focused)
        description = focused.accessibleDescription()
        assert description.startswith(question.prompt), (question.type, description)
        assert description != question.prompt  # the control's own words follow
        seen.add(question.type.value)
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    assert {"order", "categorize", "evidence", "short_text"} <= seen, seen


def test_choice_questions_say_their_prompt_on_the_first_option(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path)  # the mini set: single and multiple choice
    begin(shell)
    session = shell.screens.quiz.session
    quiz_view = shell.screens.quiz_view
    seen = set()
    while not session.finished:
        question = session.current
        quiz_view.focus_first()
        first, second = (card.button for card in quiz_view._cards[:2])
        assert QApplication.focusWidget() is first
        assert first.accessibleDescription().startswith(question.prompt)
        assert question.prompt not in second.accessibleDescription()  # not on every arrow
        seen.add(question.type.value)
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    assert {"single", "multiple"} <= seen, seen


def test_no_word_limit_is_shown_before_the_task_gives_one(qtbot: QtBot) -> None:
    field = ShortTextInput(TaskContext(None, "en"))
    qtbot.addWidget(field)
    assert field.counter.text() == ""
    assert "0 of at most 0" not in field.answer.accessibleDescription()


def test_the_same_error_twice_on_a_focused_field_is_announced_twice(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second wrong PIN: focus does not move, so the message itself is announced again."""
    shell = start_shell(qtbot, tmp_path)
    field = shell.start_view.nickname
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    sent: list[tuple[QAccessible.Event, str]] = []
    real = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:  # passes every event on to Qt
        text = event.message() if isinstance(event, QAccessibleAnnouncementEvent) else ""
        sent.append((event.type(), text))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    message = "Wrong PIN. Try again."
    for _time in range(2):
        announce_on(field, message)
        assert field.accessibleDescription() == message
    announced = [text for kind, text in sent if kind == QAccessible.Event.Announcement]
    assert announced == [message, message]


def test_the_article_is_read_by_keyboard_with_a_caret_in_its_own_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path)  # English UI, German mini article
    start = shell.start_view
    start.article_button.click()
    browser = shell.screens.article_view.browser
    assert current(shell) is shell.screens.article_view
    assert browser.accessibleName() == "Article text"
    assert browser.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert browser.locale().language() == QLocale.Language.German  # read with German rules
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    assert browser.textCursor().position() == 0
    QTest.keyClick(browser, Qt.Key.Key_Down)  # the caret moves a line: a screen reader reads it
    after_one_line = browser.textCursor().position()
    assert after_one_line > 0
    QTest.keyClick(browser, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert browser.textCursor().position() == browser.document().characterCount() - 1


def test_tab_reaches_the_set_list_before_start(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    start = shell.start_view
    card_button = next(iter(start._cards.values())).button
    assert card_button.isChecked()
    start.language.setFocus()
    qtbot.waitUntil(start.language.hasFocus)
    reached = []
    for _step in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is start.start_button:
            break
    assert card_button in reached
    assert reached.index(card_button) < reached.index(start.start_button)
    assert reached[0] is card_button  # right after the language box, as on screen


def test_the_evidence_article_carries_the_article_language(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="en", content=content_folder(tmp_path))
    begin(shell)
    session = shell.screens.quiz.session
    while session.current.type.value != "evidence":
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    marker = shell.screens.quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    source = marker.context.source
    assert source is not None and source.language == "de"
    assert marker.article.locale().language() == QLocale.Language.German
