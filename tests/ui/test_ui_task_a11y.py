"""Issue 28 for the questions and task widgets: the prompt is heard on arrival, no empty limit,
the article reader readable by keyboard, repeated errors said again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from ui_support import SHIPPED_CONTENT, answer_current, begin, current, start_shell

from quizapp.app import AppShell
from quizapp.ui.views.tasks.base import TaskContext, TaskInput
from quizapp.ui.views.tasks.categorize_task import CategorizeInput
from quizapp.ui.views.tasks.evidence_task import EvidenceInput
from quizapp.ui.views.tasks.order_task import OrderInput
from quizapp.ui.views.tasks.short_text_task import ShortTextInput
from quizapp.ui.widgets.announce import announce_on

ROOT = Path(__file__).resolve().parents[2]
TASK_SETS = ROOT / "tests" / "data" / "tasks" / "sets"


def content_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(TASK_SETS, folder / "sets")
    shutil.copytree(SHIPPED_CONTENT / "sources", folder / "sources")
    return folder


def said_on_arrival(focused: QWidget) -> str:
    """What Orca reads beyond the role when ``focused`` gets the focus (checked with Orca in
    tests/system/test_orca.py): a list's current item and its description, a text's name (Orca
    reads no description of a label), else the control's description."""
    if isinstance(focused, QListWidget):
        item = focused.currentItem()
        assert item is not None
        return str(item.data(Qt.ItemDataRole.AccessibleDescriptionRole) or "")
    if isinstance(focused, QLabel):
        return focused.accessibleName()
    return focused.accessibleDescription()


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
        description = said_on_arrival(focused)
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


# -- issue 28, second round: what Orca showed was still missing (tests/system/test_orca.py) --


def reach(qtbot: QtBot, tmp_path: Path, kind: str) -> tuple[AppShell, TaskInput]:
    """The task-types set, answered right up to the first task of ``kind``."""
    shell = start_shell(qtbot, tmp_path / "data", language="en", content=content_folder(tmp_path))
    begin(shell)
    session = shell.screens.quiz.session
    while session.current.type.value != kind:
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    task_input = shell.screens.quiz_view.task_input
    assert task_input is not None
    task_input.window().activateWindow()
    return shell, task_input


def press_enter(shell: AppShell) -> None:
    focused = QApplication.focusWidget() or shell.window
    QTest.keyClick(focused, Qt.Key.Key_Return)


def test_categorize_names_each_box_says_a_missing_category_and_a_pick(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell, task = reach(qtbot, tmp_path, "categorize")
    assert isinstance(task, CategorizeInput)
    boxes = list(task.boxes.values())
    for number, box in enumerate(boxes, start=1):
        assert box.accessibleName() == f"Category for statement {number}"
        label = task._labels[next(k for k, b in task.boxes.items() if b is box)]
        assert label.buddy() is box and label.accessibleName() == box.accessibleName()
    shell.screens.quiz_view.focus_first()
    qtbot.waitUntil(boxes[0].hasFocus)
    expected = (
        "No category is chosen for statement 1 yet. Choose one with the arrow keys, then "
        "press Enter."
    )
    press_enter(shell)
    assert boxes[0].accessibleDescription() == expected
    # A category by ↓ on the closed box: its name becomes the description (Orca speaks that).
    QTest.keyClick(boxes[0], Qt.Key.Key_Down)
    assert boxes[0].currentIndex() == 1
    assert boxes[0].accessibleDescription() == boxes[0].currentText()
    press_enter(shell)  # statement 2 has none yet: the focus goes there with the error
    qtbot.waitUntil(boxes[1].hasFocus)
    assert boxes[1].accessibleDescription().startswith("No category is chosen for statement 2")
    # Its own description is back on the first box once the focus left it.
    qtbot.waitUntil(lambda: boxes[0].accessibleDescription().startswith(task.prompt))


def test_evidence_statement_is_the_first_stop_and_every_error_is_said(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell, task = reach(qtbot, tmp_path, "evidence")
    assert isinstance(task, EvidenceInput)
    shell.screens.quiz_view.focus_first()
    qtbot.waitUntil(task.statement.hasFocus)
    name = task.statement.accessibleName()
    assert name.startswith(task.prompt) and "Artists leaked Sora." in name
    assert "undermine this statement" in name  # the stance, read with it
    assert task.statement.focusPolicy() & Qt.FocusPolicy.TabFocus
    press_enter(shell)  # nothing marked: the article gets the focus and the message
    qtbot.waitUntil(task.article.hasFocus)
    assert task.article.accessibleDescription().startswith("Nothing is marked yet.")
    task.mark_button.click()  # Alt+M (its mnemonic) with nothing selected
    assert task.article.hasFocus()
    assert task.article.accessibleDescription().startswith("Nothing is selected.")
    # A selection inside the "Translation:" label marks nothing and says why.
    translation = next(s for s in task.article.segments if s.layer.value == "translation")
    cursor = task.article.textCursor()
    cursor.setPosition(translation.start - len("Translation: "))
    cursor.setPosition(translation.start - 2, QTextCursor.MoveMode.KeepAnchor)
    task.article.setTextCursor(cursor)
    task.mark_selection()
    assert not task.article.marks
    assert task.article.accessibleDescription().startswith("“Translation:” and the other labels")
    # Marked: what is marked now is said on the article.
    cursor.setPosition(translation.start)
    cursor.setPosition(translation.start + 7, QTextCursor.MoveMode.KeepAnchor)
    task.article.setTextCursor(cursor)
    task.mark_selection()
    assert task.article.marks
    assert task.article.accessibleDescription().startswith("Your evidence: “")
    # … and reachable by Tab after the buttons.
    assert task.marks_label in shell.screens.quiz_view.tab_order()
    assert task.marks_label.text().startswith("Your evidence: “")


def test_short_text_errors_are_said_and_enter_reads_the_model_answer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell, task = reach(qtbot, tmp_path, "short_text")
    assert isinstance(task, ShortTextInput)
    shell.screens.quiz_view.focus_first()
    qtbot.waitUntil(task.answer.hasFocus)
    on_arrival = task.answer.accessibleDescription()
    assert on_arrival == f"{task.prompt} 0 of at most 12 words"
    # Typing does not change what is said (Orca would repeat the question at every word) …
    QTest.keyClicks(task.answer, "Artists say")
    assert task.answer.accessibleDescription() == on_arrival
    # … only crossing the limit is said.
    task.answer.setText(" ".join(["word"] * 13))
    assert task.answer.accessibleDescription().endswith("too many: shorten your answer")
    task.answer.clear()
    press_enter(shell)
    assert task.answer.accessibleDescription() == (
        "Your answer is empty. Write at most 12 words, then press Enter."
    )
    task.answer.setText(" ".join(["word"] * 13))
    press_enter(shell)
    assert task.answer.accessibleDescription().startswith("Your answer has 13 words, at most 12")
    task.answer.setText("Artists say they leaked Sora")
    press_enter(shell)
    qtbot.waitUntil(task.model_answer.hasFocus)  # read first, before the rubric
    assert task.model_answer.accessibleName().startswith(
        "Model answer: Artists say they leaked OpenAI’s video AI Sora in protest"
    )


def test_order_says_the_question_on_its_first_step_and_move_up_keeps_the_focus_on_the_list(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell, task = reach(qtbot, tmp_path, "order")
    assert isinstance(task, OrderInput)
    shell.screens.quiz_view.focus_first()
    qtbot.waitUntil(task.steps.hasFocus)
    first = task.steps.item(0)
    said = str(first.data(Qt.ItemDataRole.AccessibleDescriptionRole))
    assert said.startswith(task.prompt) and "Alt+Up" in said  # the keys are heard, not lost
    task.steps.setCurrentRow(1)
    task.up_button.setFocus()
    qtbot.waitUntil(task.up_button.hasFocus)
    landed: list[QWidget] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(lambda _old, new: landed.append(new))
    task.up_button.click()  # step 2 → 1: "Move up" disables itself
    assert not task.up_button.isEnabled()
    assert landed == [task.steps]  # straight to the list, not through "Move down" first
    # Once a step moved, the question is not said on every step again.
    assert not task.steps.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)


def test_the_key_of_every_new_task_type_is_a_tab_stop_on_the_feedback(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="en", content=content_folder(tmp_path))
    begin(shell)
    session = shell.screens.quiz.session
    feedback = shell.screens.feedback_view
    expected = {
        "order": "Belongs here: ",
        "categorize": "Your category: ",
        "evidence": "You marked: ",
        "short_text": "Not ticked: ",
    }
    seen = set()
    while not session.finished:
        kind = session.current.type.value
        answer_current(shell, right=False)
        names = [w.accessibleName() for w in feedback.tab_order()]
        assert any(expected[kind] in name for name in names), (kind, names)
        seen.add(kind)
        feedback.next_button.click()
    assert seen == set(expected)


def test_results_reading_skills_and_confidence_are_tab_stops(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    session = shell.screens.quiz.session
    while not session.finished:
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    results = shell.screens.results_view
    assert current(shell) is results
    results.focus_first()
    reached: list[str] = []
    for _step in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused.accessibleName())
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert any(name.startswith("By reading skill – ") for name in reached), reached
    assert any(name.startswith("How sure were you? – ") for name in reached), reached


def test_one_focused_node_the_article_not_its_viewport_and_no_hidden_step(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell, task = reach(qtbot, tmp_path, "order")
    assert isinstance(task, OrderInput)
    assert task.steps.currentRow() == 0
    answer_current(shell, right=True)  # the feedback: the order list is hidden
    assert task.steps.currentRow() == -1  # its current step would claim the focus
    shell.screens.feedback_view.next_button.click()
    while not isinstance(shell.screens.quiz_view.task_input, EvidenceInput):
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    marker = shell.screens.quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    marker.article.setFocus()
    qtbot.waitUntil(marker.article.hasFocus)
    assert not marker.article.viewport().hasFocus()  # an unnamed "filler" claimed it too
    shell.screens.quiz_view.reader.setFocus()
    assert not shell.screens.quiz_view.reader.viewport().hasFocus()
