"""The scoring rule, defined once: what an answer earns, used by the engine, the UI and reports.

A question counts as right only when the student picked every right choice and no wrong one
(all-or-nothing). For a multiple-answer question the answer also has a *partial count*: how
many of its right choices were found ("3 of 4"). The count is shown to the student and exported
in the reports' answer table, but it never changes a score: results, best scores, history,
class reports and item analysis all count questions answered fully right. content/README.md
explains the rule to teachers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.core.models import Question, QuestionType


@dataclass(frozen=True)
class Credit:
    """What one answer to one question earned."""

    found: int  # right choices picked
    of: int  # right choices the question has
    wrong: int  # wrong (or unknown) choices picked
    multiple: bool  # a multiple-answer question (only those can be partly right)

    @property
    def right(self) -> bool:
        """Fully right: every right choice and no wrong one. The only thing a score counts."""
        return self.found == self.of and self.wrong == 0

    @property
    def partly(self) -> bool:
        """A multiple-answer question with some, not all, right choices found (or extra picks)."""
        return self.multiple and not self.right and self.found > 0


def credit(question: Question, chosen: Iterable[str]) -> Credit:
    """Score ``chosen`` against ``question``'s right choices (see the module docstring)."""
    picked = frozenset(chosen)
    right = question.correct_ids
    return Credit(
        found=len(picked & right),
        of=len(right),
        wrong=len(picked - right),
        multiple=question.type is QuestionType.MULTIPLE,
    )


def count_right(credits: Iterable[Credit]) -> tuple[int, int]:
    """(questions fully right, questions partly right) among ``credits``."""
    right = partly = 0
    for item in credits:
        right += item.right
        partly += item.partly
    return right, partly
