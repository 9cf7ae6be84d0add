"""Whole runs through the student app with the real database: answers, resume, results, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import (
    SHIPPED_CONTENT,
    Picked,
    answer_current,
    answers_in_db,
    begin,
    current,
    db_rows,
    next_after_feedback,
    start_shell,
)

from quizapp.core.quiz import choice_order, question_hash


@pytest.mark.parametrize("language", ["en", "de"])
def test_full_run_saves_every_answer(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    shell = start_shell(qtbot, tmp_path, language=language, content=SHIPPED_CONTENT)
    library = shell.library
    assert library is not None
    titles = [card.button.text() for card in shell.start_view._cards.values()]
    assert titles == [s.title for s in library.sets_for(language)]
    begin(shell, nickname="Ada")
    session = shell.screens.quiz.session
    question_set = session.question_set
    assert question_set.language == language
    picked: list[Picked] = []
    for number in range(session.total):
        # Confidence: sure, not sure, guessing, none, …
        level = number % 4 if number % 4 < 3 else None
        picked.append(answer_current(shell, right=number % 3 != 1, confidence=level))
        # The answer is in the database before the feedback is on screen.
        assert current(shell) is shell.screens.feedback_view
        assert len(list(answers_in_db(tmp_path))) == number + 1
        next_after_feedback(shell)
    assert current(shell) is shell.screens.results_view
    stored = list(answers_in_db(tmp_path))
    assert [a["question_id"] for a in stored] == [q.id for q in question_set.questions]
    for answer, pick in zip(stored, picked, strict=True):
        question = question_set.question(pick.question_id)
        assert question is not None
        assert answer["chosen"] == pick.chosen
        assert answer["correct"] is pick.correct
        assert answer["confidence"] == pick.confidence
        assert answer["question_hash"] == question_hash(question)
    [(finished_at, mode, lang)] = db_rows(
        tmp_path, "select finished_at, mode, language from attempt"
    )
    assert finished_at is not None and mode == "full" and lang == language
    right = sum(p.correct for p in picked)
    assert shell.screens.results_view.score.text().startswith(f"{right} ")


def test_resume_after_closing_mid_quiz(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell, nickname="Kim")
    first = answer_current(shell, right=True)
    next_after_feedback(shell)
    seed = shell.screens.quiz.session.seed
    shell.window.close()  # mid-quiz: question 2 on screen, not answered

    again = start_shell(qtbot, tmp_path)
    start = again.start_view
    assert start.nickname.text() == "Kim"  # remembered
    # The set's card and the Start button say there is an attempt to continue.
    card = next(iter(start._cards.values()))
    assert "unfinished: 1 of 3 answered" in card.details.text()
    assert "not tried yet" not in card.details.text()
    assert start.start_button.text() == "Continue – 1/3"
    assert start.start_over_button.isVisible()
    start.start_button.click()
    quiz_view = again.screens.quiz_view
    assert current(again) is quiz_view
    assert quiz_view.progress_label.text() == "Question 2 of 3"
    session = again.screens.quiz.session
    assert session.seed == seed
    assert [a.question_id for a in session.answers] == [first.question_id]
    # The same choice order as before closing: it comes from the stored seed.
    shown = [card.button.property("choice_id") for card in quiz_view._cards]
    assert shown == choice_order(session.current, seed)
    while not session.finished:
        answer_current(again, right=True)
        next_after_feedback(again)
    assert current(again) is again.screens.results_view
    attempts = db_rows(tmp_path, "select id, finished_at from attempt")
    assert len(attempts) == 1 and attempts[0][1] is not None
    assert {a["attempt_id"] for a in answers_in_db(tmp_path)} == {attempts[0][0]}


def test_start_over_drops_the_unfinished_attempt(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    answer_current(shell, right=False)
    next_after_feedback(shell)
    shell.screens.quiz_view.pause_button.click()  # "Continue later"
    assert current(shell) is shell.start_view
    assert shell.start_view.start_button.text() == "Continue – 1/3"
    # Issue 21.6: it asks first; No keeps the attempt.
    shell.start_view.start_over_button.click()
    assert _answer_start_over(qtbot, "No, keep it") == (
        "Start over? Your 1 answer so far will be set aside."
    )
    assert current(shell) is shell.start_view
    assert shell.start_view.start_button.text() == "Continue – 1/3"
    assert db_rows(tmp_path, "select count(*) from answer") == [(1,)]
    # Yes starts over.
    shell.start_view.start_over_button.click()
    _answer_start_over(qtbot, "Start over")
    qtbot.waitUntil(lambda: current(shell) is shell.screens.quiz_view)
    assert shell.screens.quiz_view.progress_label.text() == "Question 1 of 3"
    assert db_rows(tmp_path, "select count(*) from answer") == [(0,)]
    assert db_rows(tmp_path, "select count(*) from attempt") == [(1,)]


def _answer_start_over(qtbot: QtBot, button_text: str) -> str:
    """Click ``button_text`` in the open "Start over?" box, as a person would; its text."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.click()

    QTimer.singleShot(0, click)
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QMessageBox))
    return seen[0]


def test_results_review_and_practice_the_missed_ones(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    session = shell.screens.quiz.session
    picks = []
    for number in range(session.total):
        picks.append(answer_current(shell, right=number != 1, confidence=0))
        next_after_feedback(shell)
    results = shell.screens.results_view
    assert results.score.text() == "2 of 3 right"
    assert results.big_score.text() == "67%"
    calibration = [w.text() for w in results.findChildren(type(results.score))]
    assert "When you were sure, you were right 2 of 3 times." in calibration
    # Review the missed question: read-only feedback in the order the student saw.
    missed = picks[1].question_id
    results.review_requested.emit(missed)
    review = shell.screens.review_view
    assert current(shell) is review
    assert review.next_button.text() == "Back to the results"
    assert review.verdict.text() == "Not right."
    assert review.verdict_hint.text().startswith("Your answer was not right.")  # past tense
    # The right answer keeps its tick but is amber, not success green: it was missed.
    missed_status = [
        w
        for w in review.findChildren(QLabel)
        if w.text().endswith("– you did not choose it") and w.isVisibleTo(review)
    ]
    assert missed_status and all(w.property("badge") == "missed" for w in missed_status)
    review.next_button.click()
    assert current(shell) is results
    results.practice_button.click()
    quiz_view = shell.screens.quiz_view
    assert current(shell) is quiz_view
    # A practice round says so: only the questions missed before.
    assert quiz_view.progress_label.text() == "Practice: question 1 of 1 – your mistakes"
    assert shell.screens.quiz.session.current.id == missed
    rows = db_rows(tmp_path, "select mode, question_ids from attempt order by id")
    assert rows[1] == ("practice", f'["{missed}"]')
    # Right this time: the practice results show the combined mastery.
    answer_current(shell, right=True)
    next_after_feedback(shell)
    assert current(shell) is results
    assert results.mastery.isVisible()
    assert results.mastery.text() == "Together with your earlier round: now 3 of 3 right."
    # The start page's best score counts whole-set rounds only, and the results say so.
    assert "whole-set rounds only" in results.mastery_note.text()
    assert results.mastery_note.isVisible()
    results.back_button.click()
    card = next(iter(shell.start_view._cards.values()))
    assert "best whole-set score: 2 of 3" in card.details.text()


def test_results_page_motivates(qtbot: QtBot, tmp_path: Path) -> None:
    """Large score, a message to match, per-skill breakdown, the change since last time."""
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    feedback = shell.screens.feedback_view
    for number in range(3):
        answer_current(shell, right=number == 0)
        # The progress bar stays on the feedback.
        assert feedback.progress.isVisible() and feedback.progress.value() == number + 1
        assert feedback.progress_label.text() == f"{number + 1} of 3 questions answered"
        next_after_feedback(shell)
    results = shell.screens.results_view
    assert results.big_score.text() == "33%"
    assert results.big_score.font().pointSizeF() > 2 * results.font().pointSizeF()
    assert results.message.text().startswith("Read the article once more")  # 33 %: low
    assert not results.change.isVisible()  # the first attempt: nothing to compare with
    skills = [w.text() for w in results.findChildren(QLabel) if w.isVisibleTo(results)]
    # m-01, m-02: facts (1 of 2 right); m-03: sourcing (0 of 1).
    assert skills[skills.index("Facts") + 1] == "1 of 2"
    assert skills[skills.index("Sourcing") + 1] == "0 of 1"
    assert results.practice_button.text() == "Practise my 2 mistakes"
    results.back_button.click()
    begin(shell)
    while not shell.screens.quiz.session.finished:
        answer_current(shell, right=True)
        next_after_feedback(shell)
    assert results.change.isVisible()
    assert results.change.text() == "Last time 1 of 3: 2 more right now."
    assert results.message.text().startswith("Excellent reading")
    assert not results.practice_button.isVisible()


def test_history_lists_attempts_and_opens_a_finished_one(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    while not shell.screens.quiz.session.finished:
        answer_current(shell, right=True)
        next_after_feedback(shell)
    shell.screens.results_view.back_button.click()
    start = shell.start_view
    card = next(iter(start._cards.values()))
    assert "best whole-set score: 3 of 3" in card.details.text()
    start.history_button.click()
    history = shell.screens.history_view
    assert current(shell) is history
    group = history.tree.topLevelItem(0)
    assert group.text(0) == "Mini set"
    attempt_item = group.child(0)
    assert attempt_item.text(2) == "3 of 3 right (100%)"
    assert attempt_item.text(1) == "Whole set"
    assert history.open_button.isEnabled()
    history.open_button.click()
    results = shell.screens.results_view
    assert current(shell) is results
    assert results.back_button.text() == "Back to the history"
    results.back_button.click()
    assert current(shell) is history


def test_history_without_attempts_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    shell.start_view.nickname.setText("Nobody")
    shell.start_view.history_button.click()
    history = shell.screens.history_view
    assert current(shell) is history
    assert history.empty.isVisible() and not history.tree.isVisible()
    assert db_rows(tmp_path, "select count(*) from student") == [(0,)]  # not created by looking


def test_start_needs_a_nickname(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    shell.start_view.start_button.click()
    assert current(shell) is shell.start_view
    assert shell.start_view.message.text() == "Please enter a nickname first."


def test_partly_right_is_shown_and_scored_as_not_right(qtbot: QtBot, tmp_path: Path) -> None:
    """1 of 2 right choices: feedback and results say "Partly right (50%)", the score counts it
    as not right and its credit shows as points beside it."""
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    answer_current(shell, right=True)  # m-01
    next_after_feedback(shell)
    quiz_view, session = shell.screens.quiz_view, shell.screens.quiz.session
    question = session.current
    assert question.type.value == "multiple"
    order = session.current_choice_order()
    right_ids = [cid for cid in order if question.choice(cid).correct]
    quiz_view.pick(order.index(right_ids[0]))  # one of the two right choices
    quiz_view.submit_button.click()
    feedback = shell.screens.feedback_view
    assert feedback.verdict.text() == "Partly right (50%)"
    assert feedback.verdict_hint.text().startswith("You found 1 of 2 right answers.")
    assert feedback.banner.property("banner") == "partial"
    # The missed right choice: amber "missed", not success green.
    missed = [
        w
        for w in feedback.findChildren(QLabel)
        if w.text() == "Also right – you did not choose it" and w.isVisibleTo(feedback)
    ]
    assert len(missed) == 1 and missed[0].property("badge") == "missed"
    next_after_feedback(shell)
    answer_current(shell, right=True)  # m-03
    next_after_feedback(shell)
    results = shell.screens.results_view
    badges = [w.text() for w in results.findChildren(QLabel) if w.isVisibleTo(results)]
    assert "◐ Partly right (50%)" in badges
    # Partial credit never adds to the score; it shows as points beside it.
    assert results.score.text() == "2 of 3 right · 2.5 points"
    assert [a["correct"] for a in answers_in_db(tmp_path)] == [True, False, True]


def test_history_continues_and_reviews_an_unfinished_attempt(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    answer_current(shell, right=False)
    next_after_feedback(shell)
    shell.screens.quiz_view.pause_button.click()
    shell.start_view.history_button.click()
    history = shell.screens.history_view
    item = history.tree.topLevelItem(0).child(0)
    assert history.tree.currentItem() is item
    assert item.text(2) == "not finished: 1 of 3 answered"
    assert history.continue_button.isVisible() and history.open_button.isEnabled()
    assert history.tree.textElideMode() == Qt.TextElideMode.ElideNone
    history.open_button.click()  # review what was answered so far
    results = shell.screens.results_view
    assert current(shell) is results
    assert results.score.text() == "0 of 1 right"
    assert results.heading.text() == "Your answers so far"  # not a final result yet
    assert not results.message.isVisible()
    results.back_button.click()
    assert current(shell) is history
    history.continue_button.click()
    quiz_view = shell.screens.quiz_view
    assert current(shell) is quiz_view
    assert quiz_view.progress_label.text() == "Question 2 of 3"


def test_dates_follow_the_system_region_else_british_or_german() -> None:
    from datetime import datetime

    from quizapp.i18n import format_locale
    from quizapp.ui.controllers.history_controller import when_text

    assert format_locale("en", {"LANG": "C.UTF-8"}) == "en_GB"
    assert format_locale("en", {"LANG": "de_DE.UTF-8"}) == "en_GB"
    assert format_locale("en", {"LANG": "en_US.UTF-8"}) == "en_US"
    assert format_locale("de", {"LC_ALL": "de_AT.UTF-8", "LANG": "en_US"}) == "de_AT"
    assert format_locale("de", {}) == "de_DE"
    moment = datetime(2026, 11, 25, 15, 40)
    text = when_text(moment, "en")
    if format_locale("en") == "en_GB":  # the test machine's locale is not American
        assert text.startswith("25 Nov 2026, ") and "PM" not in text
    assert when_text(moment, "de").startswith("25.11.2026, ")


def test_restart_chooses_the_unfinished_set_with_continue_in_view(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 21.2: after a restart the page opens on the unfinished set (not the first
    one) with "Continue" as the default button, visible at 1024x600 without scrolling."""
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    begin(shell, nickname="Kim", set_index=1)
    unfinished = shell.screens.quiz.session.question_set.id
    answer_current(shell, right=True)
    next_after_feedback(shell)
    shell.window.close()

    again = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    again.window.resize(1024, 600)
    qtbot.wait(50)
    start = again.start_view
    assert start.selected_set_id() == unfinished
    assert start.selected_set_id() != next(iter(start._cards))
    assert start.start_button.text().startswith("Continue – 1/")
    top_left = start.start_button.mapTo(again.window, start.start_button.rect().topLeft())
    bottom = top_left.y() + start.start_button.height()
    assert start.start_button.isVisible() and top_left.y() >= 0 and bottom <= 600
