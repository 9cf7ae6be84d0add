"""The newer task types inside the reading layout: one article on screen, and partial credit
shown the same way as for multiple-answer questions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from test_ui_task_types import content_folder
from ui_support import answer_current, begin, start_shell

from quizapp.ui.views.tasks.evidence_task import EvidenceInput


def test_an_evidence_task_shows_one_article_the_one_to_mark_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Wide: no reading pane beside the markable article, no toggle; the next task has both."""
    shell = start_shell(qtbot, tmp_path / "data", content=content_folder(tmp_path))
    shell.window.resize(1366, 768)
    begin(shell)
    quiz_view, feedback_view = shell.screens.quiz_view, shell.screens.feedback_view
    qtbot.waitUntil(quiz_view.is_wide)
    assert quiz_view.article_visible() and quiz_view.article_button.isVisibleTo(quiz_view)
    for _task in range(2):  # order, categorize
        answer_current(shell, right=True)
        feedback_view.next_button.click()
    marker = quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    assert marker.article.isVisibleTo(quiz_view)
    assert not quiz_view.article_visible()
    assert not quiz_view.article_button.isVisibleTo(quiz_view)
    quiz_view.focus_first()
    assert marker.statement.hasFocus()  # the question and the statement, read on arrival
    # Tab goes through the task's own controls first, then confidence and the footer.
    assert quiz_view.tab_order()[:3] == [marker.statement, marker.article, marker.mark_button]
    # The article grows with the window instead of leaving empty space under the question.
    assert marker.article.height() > quiz_view.height() // 3
    answer_current(shell, right=True)
    # The feedback highlights the cited words in the article beside it.
    assert feedback_view.article_visible()
    assert feedback_view.reader.highlight_ranges and all(feedback_view.reader.highlight_ranges)
    feedback_view.next_button.click()
    assert quiz_view.task_input is not None and not quiz_view.task_input.shows_article
    assert quiz_view.article_visible() and quiz_view.article_button.isVisibleTo(quiz_view)


def test_a_partly_right_task_reads_like_a_partly_right_question(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Feedback: "Partly right" with the amber banner; results: the credit as a percentage."""
    shell = start_shell(qtbot, tmp_path / "data", content=content_folder(tmp_path))
    begin(shell)
    quiz_view, feedback_view = shell.screens.quiz_view, shell.screens.feedback_view
    order_input = quiz_view.task_input
    assert order_input is not None
    # Swap only the last two steps into place: 5 of 6 pairs right = 83 %.
    steps = order_input.order()
    key = sorted(steps)
    wanted = [*key[:-2], key[-1], key[-2]]
    for target, item_id in enumerate(wanted):
        order_input.steps.setCurrentRow(order_input.order().index(item_id))
        while order_input.order().index(item_id) > target:
            order_input.move_step(-1)
    quiz_view.submit_button.click()
    assert feedback_view.verdict.text() == "Partly right (83%)"
    assert feedback_view.banner.property("banner") == "partial"
    assert "5 of 6 pairs in the right order" in feedback_view.verdict_hint.text()
    session = shell.screens.quiz.session
    while True:
        feedback_view.next_button.click()
        if session.finished:
            break
        answer_current(shell, right=True)
    results = shell.screens.results_view
    badges = [w.text() for w in results.findChildren(QLabel) if w.isVisibleTo(results)]
    assert "◐ Partly right (83%)" in badges
    right = session.total - 1
    assert results.score.text().startswith(f"{right} of {session.total} right · ")
