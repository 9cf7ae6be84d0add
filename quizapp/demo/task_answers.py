"""Simulated answers to the newer task types for the demo class.

See :mod:`quizapp.demo.simulated_class`.

A right answer is the key (the right order, every statement in its category, a cited quote
marked, every rubric point ticked); a wrong one is a typical near miss: two neighbouring steps
swapped, one statement in the neighbouring category, words next to the evidence marked, a text
that meets only some rubric points. Demo marks carry the quoted words but no real offsets into
the article, which the demo has no copy of; the reports show the words.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizapp.core.content.models import CategorizeTask, EvidenceTask, OrderTask, ShortTextTask, Task
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    Layer,
    Mark,
    OrderResponse,
    ShortTextResponse,
    TaskResponse,
)
from quizapp.core.scoring import score_categorize, score_order, score_short_text


@dataclass(frozen=True)
class DemoAnswer:
    """A simulated answer: what was answered, its credit, and whether it counts as right."""

    response: TaskResponse
    credit: float
    correct: bool


def _order(task: OrderTask, right: bool, rng: random.Random) -> DemoAnswer:
    order = [item.id for item in task.items]
    if not right:
        i = rng.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    response = OrderResponse(order=tuple(order))
    scored = score_order(task, response)
    return DemoAnswer(response, scored.credit, scored.correct)


def _categorize(task: CategorizeTask, right: bool, rng: random.Random) -> DemoAnswer:
    ids = [c.id for c in task.categories]
    picks = {s.id: s.category for s in task.statements}
    if not right:
        missed = rng.choice(task.statements)
        picks[missed.id] = ids[(ids.index(missed.category) + 1) % len(ids)]
    categorized = CategorizeResponse(assignments=picks)
    scored = score_categorize(task, categorized)
    return DemoAnswer(categorized, scored.credit, scored.correct)


def _evidence(task: EvidenceTask, right: bool, rng: random.Random) -> DemoAnswer:
    citation = rng.choice(task.citations)
    text = citation.quote if right else f"[{citation.paragraph}]"
    mark = Mark(paragraph=citation.paragraph, layer=Layer.ORIGINAL, start=0, end=0, text=text)
    return DemoAnswer(EvidenceResponse(marks=(mark,)), 1.0 if right else 0.0, right)


def _short_text(task: ShortTextTask, right: bool, rng: random.Random) -> DemoAnswer:
    points = [p.id for p in task.rubric]
    checked = points if right else points[: rng.randrange(len(points))]
    written = ShortTextResponse(text=_demo_text(task), checked=tuple(checked))
    scored = score_short_text(task, written)
    return DemoAnswer(written, scored.credit, scored.correct)


#: The demo's table of the newer task types: how each is answered (the core's table is
#: :mod:`quizapp.core.task_types`; a new task type gets its simulated answer here).
DEMO_ANSWERS: dict[type[Any], Callable[[Any, bool, random.Random], DemoAnswer]] = {
    OrderTask: _order,
    CategorizeTask: _categorize,
    EvidenceTask: _evidence,
    ShortTextTask: _short_text,
}


def demo_answer(task: Task, right: bool, rng: random.Random) -> DemoAnswer | None:
    """A right or near-miss answer to ``task``; ``None`` for choice questions."""
    answer = DEMO_ANSWERS.get(type(task))
    return answer(task, right, rng) if answer is not None else None


def _demo_text(task: ShortTextTask) -> str:
    # The model answer's first words stand in for a student's text (within max_words).
    return " ".join(task.model_answer.split()[: task.max_words])
