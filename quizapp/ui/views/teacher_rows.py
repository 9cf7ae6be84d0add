"""Plain rows the teacher controller hands to the teacher views, every text already formatted.

No Qt here: the controller formats numbers and dates for the UI language (babel) and the views
only lay the texts out, as the student views do with their rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Filters:
    """The class overview's filters as chosen; ``None`` means "all"."""

    group: str | None = None
    set_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class OverviewRow:
    """One student at one set: best and last score, attempts, day of the last attempt."""

    student_id: int
    set_id: str
    student: str
    group: str
    set_title: str
    best: str
    last: str
    attempts: str
    last_day: str


@dataclass(frozen=True)
class AnswerLine:
    """One answer in the drill-down: right or wrong in words, not only a mark."""

    question: str
    chosen: str
    result: str
    confidence: str
    correct: bool


@dataclass(frozen=True)
class AttemptAnswers:
    """One attempt's answers under a title such as "12 Mar 2025 · 7 of 10 right"."""

    title: str
    answers: list[AnswerLine]


@dataclass(frozen=True)
class ItemLine:
    """One question's statistics; ``flags`` are reasons in words (empty: nothing to note)."""

    number: str
    question: str
    responses: str
    facility: str
    discrimination: str
    efficiency: str
    flags: str


@dataclass(frozen=True)
class SetItems:
    """Item analysis of one set: a summary line, the items, the support-item summary."""

    set_id: str
    title: str
    summary: str
    items: list[ItemLine] = field(default_factory=list)
    support: str = ""
