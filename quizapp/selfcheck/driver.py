"""Drive the real app like a student: type a nickname, choose a set, press Start, answer the
question on screen (right or wrong) and press Submit.

Everything goes through the views' own controls and signals, so the whole way from a click to
the saved answer is the one a student takes. The smoke test, the autoplay hook and the UI tests
share these steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.core.content.models import Question, QuestionType

if TYPE_CHECKING:
    from quizapp.app import AppShell


def begin(shell: AppShell, nickname: str, set_index: int = 0) -> None:
    """Type ``nickname``, choose the ``set_index``-th set and press Start (or Start over an
    unfinished attempt). The app must have booted (:attr:`AppShell.ready`)."""
    view = shell.start_view
    view.nickname.setText(nickname)
    view.nickname.editingFinished.emit()  # as leaving the field does: the list is for them
    view.choose_set_at(set_index)
    if view.start_over_button.isVisible():
        view.start_over_button.click()
        from PySide6.QtWidgets import QMessageBox

        box = view.findChild(QMessageBox, "start_over_confirmation")
        if box is None:
            raise RuntimeError("Start over did not ask for confirmation")
        yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole)
        yes.click()
    else:
        view.start_button.click()
    if shell.window.current_view() is not shell.ensure_screens().quiz_view:
        raise RuntimeError("pressing Start did not open the quiz")


@dataclass(frozen=True)
class Picked:
    """What the driver answered for one question."""

    question_id: str
    chosen: frozenset[str]
    correct: bool
    confidence: str | None


def answer_current(shell: AppShell, *, right: bool, confidence: int | None = None) -> Picked:
    """Answer the question on screen right or wrong (the ``confidence``-th level, if given),
    then press Submit."""
    screens = shell.ensure_screens()
    quiz_view, session = screens.quiz_view, screens.quiz.session
    if session is None:
        raise RuntimeError("no attempt is running")
    question = session.current
    if quiz_view.task_input is not None:  # order, categorize, evidence or short_text
        quiz_view.task_input.answer_for_check(right=right)
        quiz_view.submit_button.click()
        return Picked(question.id, frozenset(), right, None)
    assert isinstance(question, Question)
    order = session.current_choice_order()
    wanted = [cid for cid in order if _is_correct(question, cid) == right]
    if question.type is not QuestionType.MULTIPLE:
        wanted = wanted[:1]
    for cid in wanted:
        quiz_view.pick(order.index(cid))
    level = None
    if confidence is not None:
        button = quiz_view.confidence_buttons()[confidence]
        button.setChecked(True)
        level = str(button.property("confidence"))
    quiz_view.submit_button.click()
    return Picked(question.id, frozenset(wanted), right, level)


def _is_correct(question: Question, choice_id: str) -> bool:
    choice = question.choice(choice_id)
    return choice is not None and choice.correct
