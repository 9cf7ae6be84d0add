"""Plain records the storage layer returns: the rest of the app never sees SQL rows.

Frozen dataclasses, no Qt and no SQLAlchemy, so views, controllers and reports can use them
without an open session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from quizapp.core.quiz import AnswerResult


@dataclass(frozen=True)
class StudentRecord:
    """A student on this machine, known by a nickname (no real name needed)."""

    id: int
    uuid: str
    nickname: str
    group: str
    created_at: datetime
    is_demo: bool = False


@dataclass(frozen=True)
class AnswerRecord:
    """One stored answer: the engine's result plus when it was saved."""

    uuid: str
    result: AnswerResult
    answered_at: datetime


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt at a set, finished or not, with its answers in the order given."""

    id: int
    uuid: str
    student_id: int
    set_id: str
    language: str
    seed: int
    question_ids: tuple[str, ...]
    mode: str  # "full" or "practice" (only the questions missed before)
    started_at: datetime
    finished_at: datetime | None
    answers: tuple[AnswerRecord, ...] = field(default_factory=tuple)

    @property
    def finished(self) -> bool:
        """True once the attempt was completed."""
        return self.finished_at is not None

    @property
    def score(self) -> int:
        """Number of right answers."""
        return sum(1 for answer in self.answers if answer.result.correct)

    @property
    def total(self) -> int:
        """Number of questions in the attempt."""
        return len(self.question_ids)


@dataclass(frozen=True)
class BestScore:
    """A student's best finished full attempt at one set in one language."""

    set_id: str
    language: str
    score: int
    total: int
    finished_at: datetime
