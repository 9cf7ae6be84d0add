"""The reports' table of the newer task types: their parts, which parts an answer got right,
and what a blind guess earns. The item analysis asks this table instead of testing each type;
a new task type is added to the reports here (the core's table is :mod:`quizapp.core.task_types`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    ShortTextTask,
    Task,
)
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    OrderResponse,
    ShortTextResponse,
    TaskResponse,
)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class TaskParts(Generic[T, R]):
    """For one task type ``T`` answered with ``R``: what the item analysis counts per part."""

    response: type[R]
    #: The parts counted one by one (id, text), in the task's order; none for evidence.
    parts: Callable[[T], list[tuple[str, str]]]
    #: The ids of the parts one answer got right (or ticked).
    hits: Callable[[T, R], Iterable[str]]
    #: Expected credit of a blind guess (0 for tasks that cannot be guessed).
    guess: Callable[[T], float]


def _order_hits(task: OrderTask, response: OrderResponse) -> Iterable[str]:
    key = [item.id for item in task.items]
    return [i for p, i in enumerate(response.order) if p < len(key) and key[p] == i]


def _categorize_hits(task: CategorizeTask, response: CategorizeResponse) -> Iterable[str]:
    right = {s.id: s.category for s in task.statements}
    return [sid for sid, category in response.assignments.items() if right.get(sid) == category]


TASK_PARTS: dict[type[Any], TaskParts[Any, Any]] = {
    OrderTask: TaskParts[OrderTask, OrderResponse](
        response=OrderResponse,
        parts=lambda task: [(item.id, item.text) for item in task.items],
        hits=_order_hits,
        guess=lambda _task: 0.5,  # a random order puts half of all pairs in the right order
    ),
    CategorizeTask: TaskParts[CategorizeTask, CategorizeResponse](
        response=CategorizeResponse,
        parts=lambda task: [(s.id, s.text) for s in task.statements],
        hits=_categorize_hits,
        guess=lambda task: 1 / len(task.categories),
    ),
    EvidenceTask: TaskParts[EvidenceTask, EvidenceResponse](
        response=EvidenceResponse,
        parts=lambda _task: [],
        hits=lambda _task, _response: [],
        guess=lambda _task: 0.0,
    ),
    ShortTextTask: TaskParts[ShortTextTask, ShortTextResponse](
        response=ShortTextResponse,
        parts=lambda task: [(point.id, point.text) for point in task.rubric],
        hits=lambda _task, response: set(response.checked),
        guess=lambda _task: 0.0,
    ),
}


def task_parts(task: Task) -> TaskParts[Any, Any] | None:
    """The entry for ``task``; ``None`` for a choice question."""
    return TASK_PARTS.get(type(task))


def part_hits(task: Task, responses: Iterable[TaskResponse | None]) -> dict[str, int]:
    """For each part id, how many of ``responses`` got it right (answers of another shape
    are skipped)."""
    kind = task_parts(task)
    hits: dict[str, int] = {}
    if kind is None:
        return hits
    for response in responses:
        if isinstance(response, kind.response):
            for part_id in kind.hits(task, response):
                hits[part_id] = hits.get(part_id, 0) + 1
    return hits
