"""The one definition of a set score and of an answer's points (issue 23 points 1 and 2).

A set score is the number of right answers divided by the number of questions in the set.
Partial credit never adds to a score (see ``content/README.md``); unanswered questions count
as not right. The *points* beside a score add every answer's credit (0–1): a right answer is
one point, a partly right one its share. :mod:`quizapp.core.score_text` puts both in words.
"""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.core.content.models import Question, QuestionType, Task
from quizapp.core.scoring import credit as choice_credit


def set_score(right: int, questions: int) -> float:
    """Share of the set's ``questions`` answered right; 0.0 for an empty set."""
    if questions <= 0:
        return 0.0
    return right / questions


def answer_points(
    credit: float | None,
    *,
    correct: bool,
    question: Task | None = None,
    chosen: Iterable[str] = (),
) -> float:
    """What one answer adds to the points: its stored credit; for a multiple-answer question
    saved without one, the credit of its ``chosen`` choices against ``question`` (the version
    it was answered in); otherwise 1 if right, else 0."""
    if credit is not None:
        return credit
    if isinstance(question, Question) and question.type is QuestionType.MULTIPLE:
        return choice_credit(question, chosen).value
    return 1.0 if correct else 0.0
