"""The start view: loading state, broken content notice with details, teacher area signal."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_support import (
    MINI_CONTENT,
    SHIPPED_CONTENT,
    answer_current,
    begin,
    current,
    next_after_feedback,
    start_shell,
)

from quizapp.app import AppShell

BROKEN = """id: broken
language: en
title: "Broken"
description: "A set with a typo."
source: mini-source
questions:
  - id: b-01
    type: single
    prompt: "?"
    choices:
      - {id: a, text: "A", correct: yes}
      - {id: b, text: "B", correct: false}
    explanation: "."
    citations: [{paragraph: p1, quote: "Einige Künstler"}]
    skill: facts
    difficulty: 1
    level: recall
"""


def test_loading_state_before_boot(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=tmp_path, language="en", content_paths=[MINI_CONTENT])
    qtbot.addWidget(shell.window)
    shell.show()  # the window, before the database and content are there
    view = shell.start_view
    assert view.status.text() == "Loading the question sets …"
    assert not view.start_button.isEnabled()
    assert shell.repository is None and shell.start_controller is None and shell.screens is None
    with qtbot.waitSignal(shell.ready):
        shell.boot()
    assert view.start_button.isEnabled()
    assert not view.status.isVisible()


def test_broken_content_shows_a_notice_with_details(qtbot: QtBot, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI_CONTENT, content)
    (content / "sets" / "broken.en.yaml").write_text(BROKEN, encoding="utf-8")
    shell = start_shell(qtbot, tmp_path / "data", content=content)
    view = shell.start_view
    assert view.notice.isVisible()
    assert view.notice_text.text().startswith("1 content file could not be loaded")
    assert [c.button.text() for c in view._cards.values()] == ["Mini set"]  # the good one
    view.details_button.click()
    dialog = shell.window.findChild(QDialog, "problems_dialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "broken.en.yaml:11:" in text
    assert "“correct” must be true or false" in text


def test_no_notice_for_good_content(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    assert not shell.start_view.notice.isVisible()


def test_teacher_area_button_emits_its_signal(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    with qtbot.waitSignal(shell.start_view.teacher_requested):
        shell.start_view.teacher_button.click()


def test_resume_shows_in_the_card_without_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    """On a 1024×600 window the unfinished attempt is visible: card text and Continue button."""
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    shell.window.resize(1024, 600)
    view = shell.start_view
    last = len(view._cards) - 1
    begin(shell, nickname="Kim", set_index=last)  # the last card, lowest on the page
    total = shell.screens.quiz.session.total
    answer_current(shell, right=True)
    next_after_feedback(shell)
    shell.screens.quiz_view.pause_button.click()
    assert current(shell) is view
    card = list(view._cards.values())[last]
    assert card.button.isChecked()
    assert f"unfinished: 1 of {total} answered" in card.details.text()
    assert view.start_button.text() == f"Continue – 1/{total}"
    # The card's "unfinished" line is scrolled into view …
    scroller = view.scroller
    assert scroller is not None
    viewport = scroller.viewport()

    def details_on_screen() -> bool:
        bottom = card.details.mapTo(viewport, card.details.rect().bottomLeft())
        return 0 <= bottom.y() <= viewport.height()

    qtbot.waitUntil(details_on_screen)
    # … and the Continue button is in the fixed footer, so always on screen.
    window = shell.window.rect()
    top_left = view.start_button.mapTo(shell.window, view.start_button.rect().topLeft())
    assert window.contains(top_left) and view.start_button.isVisible()
    view.start_button.click()
    assert shell.screens.quiz_view.progress_label.text() == f"Question 2 of {total}"


def test_another_nickname_lists_its_own_state_before_starting(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell, nickname="Kim")
    answer_current(shell, right=True)
    next_after_feedback(shell)
    shell.screens.quiz_view.pause_button.click()
    view = shell.start_view
    view.nickname.setText("Lea")
    view.nickname.editingFinished.emit()
    assert view.start_button.text() == "Start"
    # Back to Kim without leaving the field: Start first shows the attempt to continue.
    view.nickname.setText("Kim")
    view.start_button.click()
    assert current(shell) is view
    assert view.start_button.text() == "Continue – 1/3"
    assert QApplication.focusWidget() is view.start_button


def test_empty_nickname_error_sits_under_the_field(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    view = shell.start_view
    view.start_button.click()
    assert view.message.isVisible()
    assert view.message.text() == "Please enter a nickname first."
    assert QApplication.focusWidget() is view.nickname
    field = view.nickname.mapTo(view, view.nickname.rect().bottomLeft())
    message = view.message.mapTo(view, view.message.rect().topLeft())
    assert 0 <= message.y() - field.y() < view.nickname.height() * 2  # right below it
    assert abs(message.x() - field.x()) < 4  # lined up with the field


def test_tab_scrolls_the_focused_card_into_view(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    shell.window.resize(1024, 600)
    view = shell.start_view
    scroller = view.scroller
    assert scroller is not None
    qtbot.waitUntil(lambda: scroller.verticalScrollBar().maximum() > 0)
    scroller.verticalScrollBar().setValue(0)
    last = list(view._cards.values())[-1]
    last.button.setFocus()
    viewport = scroller.viewport()
    corner = last.mapTo(viewport, last.rect().bottomLeft())
    assert scroller.verticalScrollBar().value() > 0
    assert 0 <= corner.y() <= viewport.height()


def test_after_a_restart_the_unfinished_set_is_chosen_with_continue(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 21.2: a new app on the same data folder opens on the unfinished set, with
    "Continue" as the default button and the set's card on screen at 1024×600."""
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    shell.window.resize(1024, 600)  # a netbook: the last set's card is below the fold
    last = len(shell.start_view._cards) - 1
    begin(shell, nickname="Kim", set_index=last)
    total = shell.screens.quiz.session.total
    for right in (True, False):
        answer_current(shell, right=right)
        next_after_feedback(shell)
    chosen_id = shell.start_view.selected_set_id()
    shell.close()
    shell.window.close()

    again = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)  # the restart
    view = again.start_view
    assert view.nickname_text() == "Kim"  # remembered
    assert view.selected_set_id() == chosen_id
    assert view.start_button.text() == f"Continue – 2/{total}"
    card = list(view._cards.values())[last]
    assert card.button.isChecked()
    assert view.scroller is not None
    viewport = view.scroller.viewport()

    def card_on_screen() -> bool:
        top = card.mapTo(viewport, card.rect().topLeft()).y()
        bottom = card.details.mapTo(viewport, card.details.rect().bottomLeft()).y()
        return top >= 0 and bottom <= viewport.height()

    qtbot.waitUntil(card_on_screen)
    # Continue is the default: Enter on the page continues the attempt at question 3.
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused if focused is not None else view, Qt.Key.Key_Return)
    assert current(again) is again.screens.quiz_view
    assert again.screens.quiz_view.progress_label.text() == f"Question 3 of {total}"
