"""The registry of the newer task types: everything the core does per type, in one table.

A choice question (:class:`~quizapp.core.content.models.Question`) is the engine's own case;
every other task type is one :class:`TaskType` entry in :data:`TASK_TYPES`: the answer model it
takes, the order its parts are shown in, how an answer is scored, what the content checks look
at and which fields must agree between language versions. The engine, the scoring rule and the
content checks ask this table instead of testing ``isinstance`` one type after another, so a
new task type is added to the core here (plus its model and its answer model). The other layers
keep a table of the same kind: :mod:`quizapp.ui.views.tasks`, :mod:`quizapp.reports.task_parts`
and :mod:`quizapp.demo.task_answers`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    QuestionSet,
    ShortTextTask,
    SourceDocument,
    Task,
)
from quizapp.core.content.task_checks import (
    Reporter,
    check_categorize,
    check_evidence,
    check_order,
    check_short_text,
    report_other_answers,
)
from quizapp.core.content.yaml_source import YamlPath
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    OrderResponse,
    ShortTextResponse,
    TaskResponse,
)
from quizapp.core.scoring import (
    Score,
    ScoringError,
    score_categorize,
    score_evidence,
    score_order,
    score_short_text,
)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class TaskType(Generic[T, R]):
    """What the core needs to know about one task type ``T`` answered with ``R``."""

    response: type[R]
    #: The part ids in the order one attempt (by its seed) shows them; [] when nothing is ordered.
    shown_ids: Callable[[T, int], list[str]]
    #: The answer's credit (the article and the reader's language are there for evidence).
    score: Callable[[T, R, SourceDocument | None, str], Score]
    #: What the content checks look at beyond the model's own shape.
    check: Callable[[Reporter, QuestionSet, T, SourceDocument | None, YamlPath], None]
    #: The field and the value that must be the same in every language version of the task.
    answer_key: Callable[[T], tuple[str, Hashable]]


def _shuffled(ids: list[str], seed: int, task_id: str) -> list[str]:
    random.Random(f"{seed}:{task_id}").shuffle(ids)
    return ids


def _order_shown(task: OrderTask, seed: int) -> list[str]:
    # Never shown already in the right order: that would give the answer away.
    key = [item.id for item in task.items]
    shown = _shuffled(key.copy(), seed, task.id)
    return shown if shown != key else shown[1:] + shown[:1]


def _score_evidence(
    task: EvidenceTask, response: EvidenceResponse, source: SourceDocument | None, language: str
) -> Score:
    if source is None:
        raise ScoringError("evidence tasks need the article to be scored")
    return score_evidence(task, response, source, language)


_ORDER: TaskType[OrderTask, OrderResponse] = TaskType(
    response=OrderResponse,
    shown_ids=_order_shown,
    score=lambda task, response, _source, _language: score_order(task, response),
    check=check_order,
    answer_key=lambda task: ("items", tuple(i.id for i in task.items)),
)
_CATEGORIZE: TaskType[CategorizeTask, CategorizeResponse] = TaskType(
    response=CategorizeResponse,
    shown_ids=lambda task, seed: _shuffled([s.id for s in task.statements], seed, task.id),
    score=lambda task, response, _source, _language: score_categorize(task, response),
    check=check_categorize,
    answer_key=lambda task: (
        "statements",
        (tuple(c.id for c in task.categories), tuple((s.id, s.category) for s in task.statements)),
    ),
)
_EVIDENCE: TaskType[EvidenceTask, EvidenceResponse] = TaskType(
    response=EvidenceResponse,
    shown_ids=lambda _task, _seed: [],
    score=_score_evidence,
    check=check_evidence,
    answer_key=lambda task: ("stance", task.stance),
)
_SHORT_TEXT: TaskType[ShortTextTask, ShortTextResponse] = TaskType(
    response=ShortTextResponse,
    shown_ids=lambda _task, _seed: [],
    score=lambda task, response, _source, _language: score_short_text(task, response),
    check=check_short_text,
    answer_key=lambda task: ("rubric", (task.max_words, tuple(r.id for r in task.rubric))),
)

#: Every task type besides the choice question, by its model class.
TASK_TYPES: dict[type[Any], TaskType[Any, Any]] = {
    OrderTask: _ORDER,
    CategorizeTask: _CATEGORIZE,
    EvidenceTask: _EVIDENCE,
    ShortTextTask: _SHORT_TEXT,
}


def task_type(task: Task) -> TaskType[Any, Any] | None:
    """The entry for ``task``; ``None`` for a choice question."""
    return TASK_TYPES.get(type(task))


def shown_ids(task: Task, seed: int) -> list[str]:
    """The part ids of a non-choice task in this attempt's order ([] for choice questions)."""
    kind = task_type(task)
    return kind.shown_ids(task, seed) if kind is not None else []


def score_task(
    task: Task, response: TaskResponse, source: SourceDocument | None, language: str
) -> Score:
    """Score ``response`` to any non-choice ``task``; ``ScoringError`` when they do not fit."""
    kind = task_type(task)
    if kind is None or not isinstance(response, kind.response):
        raise ScoringError(f"a {response.kind} answer does not fit a {task.type.value} task")
    score: Score = kind.score(task, response, source, language)
    return score


def check_task(
    report: Reporter, qset: QuestionSet, task: Task, source: SourceDocument | None, at: YamlPath
) -> None:
    """Everything about one non-choice task that the model's shape cannot say."""
    kind = task_type(task)
    if kind is not None:
        kind.check(report, qset, task, source, at)


def compare_task(
    report: Reporter, ref: Task, task: Task, at: YamlPath, values: dict[str, str]
) -> None:
    """The same answers in every language, for tasks of the same (non-choice) type."""
    kind = task_type(task)
    if kind is None or type(ref) is not type(task):
        return  # choices are compared by the choice checks, another type elsewhere
    field, key = kind.answer_key(task)
    if kind.answer_key(ref)[1] != key:
        report_other_answers(report, (*at, field), values)
