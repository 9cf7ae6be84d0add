"""Plain rows the teacher controller hands to the teacher views, every text already formatted.

No Qt here: the controller formats numbers and dates for the UI language (babel) and the views
only lay the texts out, as the student views do with their rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


@dataclass(frozen=True)
class Filters:
    """The class overview's filters as chosen; ``None`` means "all"."""

    group: str | None = None
    set_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class OverviewRow:
    """The chosen cell of the class overview: one student at one set."""

    student_id: int
    set_id: str
    student: str
    group: str
    set_title: str


class ScoreBand(Enum):
    """How a cell of the class overview is marked: a symbol and a colour, explained in words."""

    HIGH = "high"  # 80 % or more right in the best whole-set attempt
    MIDDLE = "middle"  # 50–79 %
    LOW = "low"  # under 50 %
    OPEN = "open"  # tried, but no finished whole-set attempt
    NONE = "none"  # not tried


@dataclass(frozen=True)
class GridCell:
    """One student at one set: the shown text, its band, a sort value and the details in words.

    ``sort_value`` orders cells: untried below tried-but-unfinished below every score.
    """

    text: str
    band: ScoreBand
    sort_value: float
    details: str


@dataclass(frozen=True)
class GridStudent:
    """One row of the class overview: a student and one cell per set of the grid."""

    student_id: int
    student: str
    group: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class ClassGrid:
    """Students × sets: ``sets`` are (id, title) in column order; ``legend`` explains the
    symbols in words."""

    sets: tuple[tuple[str, str], ...] = ()
    students: tuple[GridStudent, ...] = ()
    legend: str = ""


@dataclass(frozen=True)
class AnswerLine:
    """One answer in the drill-down: right or wrong in words, not only a mark."""

    question: str
    chosen: str
    result: str
    confidence: str
    correct: bool
    partly: bool = False  # some credit without counting as right ("Partly right (86 %)")


@dataclass(frozen=True)
class AttemptAnswers:
    """One attempt's answers under a title such as "12 Mar 2025 · 7 of 10 right"."""

    title: str
    answers: list[AnswerLine]


@dataclass(frozen=True)
class ItemLine:
    """One question's statistics; ``flags`` are reasons in words (empty: nothing to note).

    ``level`` is what the question asks students to do (recall … beyond the text), shown under
    its prompt as in the reports' *Level* column.
    """

    number: str
    question: str
    level: str
    responses: str
    facility: str
    discrimination: str
    efficiency: str
    flags: str
    flagged: bool = False


@dataclass(frozen=True)
class SetItems:
    """Item analysis of one set: a summary line, the items, the support-item summary."""

    set_id: str
    title: str
    summary: str
    items: list[ItemLine] = field(default_factory=list)
    support: str = ""
