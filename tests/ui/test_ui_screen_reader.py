"""What a screen-reader user meets, checked on the real widgets: names, roles, relations,
focus that moves once, options reachable by keyboard, errors tied to their field, and the
language a text is read in. (The same over the real AT-SPI bus: ``test_atspi.py``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    SHIPPED_CONTENT,
    answer_current,
    begin,
    current,
    open_teacher_area,
    start_shell,
)

from quizapp.app import AppShell
from quizapp.ui.style import RIGHT_MARK, WRONG_MARK


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key) -> None:
    """A key on whatever has the focus, as the keyboard delivers it."""
    target = focused()
    assert target is not None
    QTest.keyClick(target, key)


def go_to(shell: AppShell, kind: str) -> None:
    """Answer questions until one of type ``kind`` is on screen."""
    session = shell.screens.quiz.session
    for _turn in range(session.total):
        if session.current.type.value == kind:
            return
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    raise AssertionError(f"no {kind} question in the set")


def choice_buttons(shell: AppShell) -> list[QWidget]:
    return [card.button for card in shell.screens.quiz_view._cards]


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_each_option_group_is_one_tab_stop_and_arrows_reach_every_option(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    go_to(shell, kind)
    quiz_view = shell.screens.quiz_view
    options = choice_buttons(shell)
    assert focused() is options[0]
    reached = [focused()]
    for _step in options[1:]:
        press(Qt.Key.Key_Down)
        reached.append(focused())
    assert reached == options  # every option, in order, by arrow keys
    press(Qt.Key.Key_Down)
    assert focused() is options[0]  # and round again
    if kind == "multiple":
        assert all(isinstance(b, QCheckBox) and not b.isChecked() for b in options)
        press(Qt.Key.Key_Space)
        assert quiz_view.chosen_ids() != []  # Space toggles the focused check box
    else:
        assert isinstance(options[0], QRadioButton) and options[0].isChecked()
    # Tab leaves the group: the next stop is the confidence group, not the next option.
    press(Qt.Key.Key_Tab)
    confidence = list(quiz_view._confidence_buttons.values())
    assert focused() is confidence[0]
    press(Qt.Key.Key_Right)
    assert focused() is confidence[1] and confidence[1].isChecked()  # one of N, by arrows
    assert not confidence[0].isChecked()
    press(Qt.Key.Key_Tab)
    assert focused() not in [*options, *confidence]
    press(Qt.Key.Key_Backtab)
    assert focused() is confidence[1]  # Shift+Tab comes back to the chosen level


def test_the_question_is_the_name_of_its_choices(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    question = shell.screens.quiz.session.current
    assert quiz_view.choices.accessibleName() == question.prompt
    assert quiz_view.prompt.buddy() is quiz_view.choices  # labelled-by relation
    first = choice_buttons(shell)[0]
    assert first.parentWidget() is not None and quiz_view.choices.isAncestorOf(first)
    assert first.accessibleName().startswith("1. ")
    # The first option, focused on arrival, says the question itself, then where it is.
    assert first.accessibleDescription().startswith(f"{question.prompt} Question 1 of ")


def test_focus_moves_once_per_screen(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    landed: list[QWidget] = []

    def record(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            landed.append(new)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(record)
    try:
        quiz_view = shell.screens.quiz_view
        quiz_view.pick(1)  # moves the focus to the picked choice, as the number key does
        landed.clear()
        quiz_view.submit()
        feedback = shell.screens.feedback_view
        assert landed == [feedback.next_button]  # not through "Show in article" first
        landed.clear()
        feedback.next_button.click()
        assert landed == [choice_buttons(shell)[0]]  # not through the confidence first
    finally:
        app.focusChanged.disconnect(record)


def test_feedback_speaks_in_words_and_every_text_is_a_stop(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    go_to(shell, "multiple")  # m-02 cites two passages
    answer_current(shell, right=False)
    feedback = shell.screens.feedback_view
    assert RIGHT_MARK not in feedback.next_button.accessibleDescription()
    assert "tick" in feedback.next_button.accessibleDescription()
    order = feedback.tab_order()
    assert order[0] is feedback.explanation
    assert feedback.explanation.accessibleName().startswith("Explanation: ")
    marks = [
        w
        for w in feedback.findChildren(QLabel)
        if w.isVisibleTo(feedback) and w.text() in (RIGHT_MARK, WRONG_MARK)
    ]
    assert marks and all(m.accessibleName() not in ("", RIGHT_MARK, WRONG_MARK) for m in marks)
    show = [w for w in order if w.accessibleName().startswith("Show quote")]
    assert [w.accessibleName() for w in show] == [
        "Show quote 1 of 2 in the article",
        "Show quote 2 of 2 in the article",
    ]
    quotes = [w for w in order if w.accessibleName().startswith("Quote from the article")]
    assert quotes and all(q.locale().language() == QLocale.Language.German for q in quotes)
    # The translation, for the ear, in the name (Orca reads no description of a text).
    assert all(" – " in q.accessibleName() for q in quotes)
    choices = [w for w in order if " – " in w.accessibleName() and w not in quotes]
    assert len(choices) == 3  # each choice with its status, reachable by Tab


def test_results_say_right_or_wrong_on_each_review_button(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    session = shell.screens.quiz.session
    for number in range(session.total):
        answer_current(shell, right=number == 0)
        shell.screens.feedback_view.next_button.click()
    results = shell.screens.results_view
    assert current(shell) is results
    names = [b.accessibleName() for b in results._review_buttons.values()]
    assert names[0] == "Review question 1: Right"
    assert all(name.endswith("Not right") for name in names[1:])


def test_errors_are_tied_to_their_field_and_focus_it(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    start = shell.start_view
    start.nickname.clear()
    next(iter(start._cards.values())).button.setChecked(True)
    start.start_button.setFocus()
    start.start_button.click()
    assert focused() is start.nickname
    assert start.nickname.accessibleDescription().startswith("Please enter a nickname first.")
    begin(shell)
    quiz_view = shell.screens.quiz_view
    quiz_view.submit()  # Enter with nothing chosen
    assert quiz_view.nothing_chosen.isVisibleTo(quiz_view)
    assert focused() is choice_buttons(shell)[0]
    assert focused().accessibleDescription().startswith("Nothing is chosen yet.")
    press(Qt.Key.Key_Down)  # choosing clears the message
    assert not quiz_view.nothing_chosen.isVisibleTo(quiz_view)
    first = choice_buttons(shell)[0]
    assert first.accessibleDescription().startswith(f"{quiz_view.prompt.text()} Question 1 of ")


def test_widgets_carry_the_ui_language_and_quotes_the_article_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path, language="en")
    begin(shell)
    quiz_view = shell.screens.quiz_view
    assert quiz_view.submit_button.locale().language() == QLocale.Language.English
    assert quiz_view.reader.locale().language() == QLocale.Language.German


def test_a_closed_language_list_claims_no_focus(qtbot: QtBot, tmp_path: Path) -> None:
    """Qt marks a closed combo list's current item focused: two focused nodes for AT."""
    shell = start_shell(qtbot, tmp_path)
    box = shell.start_view.language
    assert not box.view().selectionModel().currentIndex().isValid()
    box.showPopup()
    box.hidePopup()
    # Released a turn after closing: Qt reads the picked item from it first (issue 21).
    qtbot.waitUntil(lambda: not box.view().selectionModel().currentIndex().isValid())
    assert box.currentData() == "en"  # the box keeps its value


def test_a_choice_question_after_a_task_still_roves(qtbot: QtBot, tmp_path: Path) -> None:
    """Choice, task, choice (bt-01 to bt-03), with the event loop deleting old widgets between:
    the options of the first question are gone when the third one builds its group."""
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    titles = [card.button.text() for card in shell.start_view._cards.values()]
    begin(shell, set_index=titles.index("Beyond the article"))
    for _question in range(2):  # bt-01 (single choice), bt-02 (order)
        answer_current(shell, right=True)
        qtbot.wait(50)  # the event loop runs: replaced widgets are deleted
        shell.screens.feedback_view.next_button.click()
        qtbot.wait(50)
    assert shell.screens.quiz.session.current.id == "bt-03"
    options = choice_buttons(shell)
    assert focused() is options[0]
    press(Qt.Key.Key_Down)
    assert focused() is options[1]


def test_no_tree_cell_is_empty_and_unnamed(qtbot: QtBot, tmp_path: Path) -> None:
    """The history and the teacher's answers tree: a group row spans its columns on screen;
    a screen reader moving along a row met empty, unnamed cells (issue 28, point 8)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QTreeWidget

    def cell_names(tree: QTreeWidget) -> list[str]:
        interface = QAccessible.queryAccessibleInterface(tree)
        assert interface is not None
        children = (interface.child(i) for i in range(interface.childCount()))
        return [c.text(QAccessible.Text.Name) for c in children if c is not None]

    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    while not shell.screens.quiz.session.finished:
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    shell.screens.results_view.back_button.click()
    shell.start_view.history_button.click()
    history = shell.screens.history_view.tree
    names = cell_names(history)
    assert len(names) > history.columnCount()  # the header and at least one group row
    assert all(name.strip() for name in names), names
    view = open_teacher_area(qtbot, shell)
    view.overview.table.choose(0, 2)
    qtbot.waitUntil(lambda: view.overview.answers.topLevelItemCount() > 0)
    names = cell_names(view.overview.answers)
    assert all(name.strip() for name in names), names
