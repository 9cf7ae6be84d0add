"""The quiz engine: one attempt at a question set, as a small state machine. No Qt, no storage.

The UI asks the session for the current question and its choice order, submits the student's
pick and gets back an :class:`AnswerResult`; the controller stores that result before the
student sees the feedback, so nothing answered can be lost.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from quizapp.core.content.models import (
    Question,
    QuestionSet,
    QuestionType,
    SourceDocument,
    Task,
)
from quizapp.core.responses import TaskResponse
from quizapp.core.scoring import ScoringError, credit
from quizapp.core.task_types import score_task, shown_ids


class Confidence(StrEnum):
    """How sure the student said they were (optional, per answer)."""

    SURE = "sure"
    UNSURE = "unsure"
    GUESSING = "guessing"


def question_hash(question: Task) -> str:
    """A short, stable hash of everything a student sees and is scored on.

    Stored with every answer so a report can tell when a question was edited after it was
    answered (same id, different hash).
    """
    payload = json.dumps(question.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def choice_order(question: Question, seed: int) -> list[str]:
    """The order in which this attempt shows the question's choices.

    Derived from the attempt's stored seed and the question id only, so reviewing an attempt
    later (or resuming it on another day) shows exactly the same order.
    """
    ids = [choice.id for choice in question.choices]
    if question.type is QuestionType.TRUE_FALSE or not question.shuffle:
        return ids
    rng = random.Random(f"{seed}:{question.id}")
    rng.shuffle(ids)
    return ids


def display_order(task: Task, seed: int) -> list[str]:
    """The ids a task shows in a stored, per-attempt order: choices, steps or statements.

    Evidence and short-text tasks show nothing to order (see :mod:`quizapp.core.task_types`).
    """
    if isinstance(task, Question):
        return choice_order(task, seed)
    return shown_ids(task, seed)


def is_correct(question: Question, chosen: Iterable[str]) -> bool:
    """All-or-nothing scoring (the rule in :mod:`quizapp.core.scoring`)."""
    return credit(question, chosen).right


@dataclass(frozen=True)
class AnswerResult:
    """What one submitted answer was, as stored and as shown in the feedback."""

    question_id: str
    chosen: frozenset[str]
    correct: bool
    confidence: Confidence | None
    seconds: float
    question_hash: str
    #: Credit 0–1 of a multiple-answer question or a newer task type; ``None`` for single and
    #: true/false questions (and answers saved before credit was stored), which earn 1 or 0.
    credit: float | None = None
    #: What was answered in a newer task type (order, categories, marks, text).
    response: TaskResponse | None = None

    @property
    def earned(self) -> float:
        """The credit this answer earned: the partial credit, or 1/0 for right/wrong."""
        if self.credit is not None:
            return self.credit
        return 1.0 if self.correct else 0.0


class QuizError(Exception):
    """The engine was asked for something the attempt's state does not allow."""


@dataclass
class QuizSession:
    """One attempt: the questions to ask (in order), the seed, and the answers so far.

    ``question_ids`` selects and orders the questions (e.g. "practise the ones I missed");
    by default all questions of the set in file order. ``answers`` restores a resumed attempt.
    """

    question_set: QuestionSet
    seed: int
    question_ids: Sequence[str] | None = None
    answers: list[AnswerResult] = field(default_factory=list)
    #: The article the set cites; evidence tasks are scored against it.
    source: SourceDocument | None = None

    def __post_init__(self) -> None:
        if self.question_ids is None:
            self.question_ids = [question.id for question in self.question_set.questions]
        unknown = [qid for qid in self.question_ids if self.question_set.question(qid) is None]
        if unknown:
            raise QuizError(f"unknown question ids: {', '.join(unknown)}")
        self._questions = [self.question_set.question(qid) for qid in self.question_ids]

    @property
    def questions(self) -> list[Task]:
        """The questions of this attempt, in the order they are asked."""
        return [q for q in self._questions if q is not None]

    @property
    def total(self) -> int:
        """Number of questions in this attempt."""
        return len(self._questions)

    @property
    def index(self) -> int:
        """0-based index of the question being asked (== total when finished)."""
        return len(self.answers)

    @property
    def finished(self) -> bool:
        """True once every question has an answer."""
        return self.index >= self.total

    @property
    def current(self) -> Task:
        """The question being asked now."""
        if self.finished:
            raise QuizError("the attempt is finished")
        question = self._questions[self.index]
        assert question is not None  # checked in __post_init__
        return question

    def current_choice_order(self) -> list[str]:
        """Choice (or step, or statement) ids of the current task in the order to show them."""
        return display_order(self.current, self.seed)

    def score_choices(
        self,
        chosen: Iterable[str],
        confidence: Confidence | None = None,
        seconds: float = 0.0,
    ) -> AnswerResult:
        """Score a pick for the current choice question; the session is left as it was."""
        question = self.current
        if not isinstance(question, Question):
            raise QuizError(f"a {question.type.value} task is answered with submit_task")
        picked = frozenset(chosen)
        if not picked:
            raise QuizError("no choice picked")
        unknown = picked - {choice.id for choice in question.choices}
        if unknown:
            raise QuizError(f"unknown choice ids: {', '.join(sorted(unknown))}")
        if question.type is not QuestionType.MULTIPLE and len(picked) != 1:
            raise QuizError("this question takes exactly one choice")
        earned = credit(question, picked)
        return AnswerResult(
            question_id=question.id,
            chosen=picked,
            correct=earned.right,
            confidence=confidence,
            seconds=max(0.0, seconds),
            question_hash=question_hash(question),
            # Only a multiple-answer question can earn part of its credit (see core.scoring).
            credit=earned.value if earned.multiple else None,
        )

    def score_response(
        self,
        response: TaskResponse,
        confidence: Confidence | None = None,
        seconds: float = 0.0,
    ) -> AnswerResult:
        """Score the answer to the current (non-choice) task; the session is left as it was."""
        task = self.current
        if isinstance(task, Question):
            raise QuizError("a choice question is answered with submit")
        try:
            scored = score_task(task, response, self.source, self.question_set.language)
        except ScoringError as exc:
            raise QuizError(str(exc)) from exc
        return AnswerResult(
            question_id=task.id,
            chosen=frozenset(),
            correct=scored.correct,
            confidence=confidence,
            seconds=max(0.0, seconds),
            question_hash=question_hash(task),
            credit=scored.credit,
            response=response,
        )

    def record(self, result: AnswerResult) -> None:
        """Count ``result`` (scored for the current question) as answered and move on.

        The controller calls this only once the answer is saved, so an answer that could not
        be saved leaves the question on screen.
        """
        if result.question_id != self.current.id:
            raise QuizError(f"{result.question_id} is not the current question")
        self.answers.append(result)

    def submit(
        self,
        chosen: Iterable[str],
        confidence: Confidence | None = None,
        seconds: float = 0.0,
    ) -> AnswerResult:
        """Score the current question's answer and move on to the next question."""
        result = self.score_choices(chosen, confidence, seconds)
        self.record(result)
        return result

    def submit_task(
        self,
        response: TaskResponse,
        confidence: Confidence | None = None,
        seconds: float = 0.0,
    ) -> AnswerResult:
        """Score the answer to the current (non-choice) task and move on."""
        result = self.score_response(response, confidence, seconds)
        self.record(result)
        return result

    @property
    def score(self) -> int:
        """Number of correctly answered questions so far."""
        return sum(1 for answer in self.answers if answer.correct)

    def missed_ids(self) -> list[str]:
        """Ids of the questions answered wrongly, in the order they were asked."""
        return [answer.question_id for answer in self.answers if not answer.correct]


@dataclass(frozen=True)
class CalibrationRow:
    """For one confidence level: how many answers, and how many of them were right."""

    confidence: Confidence
    right: int
    total: int


def calibration(answers: Iterable[AnswerResult]) -> list[CalibrationRow]:
    """Confidence calibration: for each level that was used, right answers out of all answers."""
    return calibration_rows(Counter((answer.confidence, answer.correct) for answer in answers))


def calibration_rows(
    counts: Mapping[tuple[Confidence | None, bool | int], int],
) -> list[CalibrationRow]:
    """The calibration rows from counts of (level, right or not: a bool or 1/0), levels in
    their order; answers without a level are not counted."""
    rows = []
    for level in Confidence:
        right, wrong = counts.get((level, True), 0), counts.get((level, False), 0)
        if right + wrong:
            rows.append(CalibrationRow(level, right, right + wrong))
    return rows
