"""The newer task types' widgets, one module each, and the two plug-in functions the quiz and
feedback views call: :func:`make_task_input` and :func:`task_feedback`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from quizapp.core.content.models import CategorizeTask, EvidenceTask, OrderTask, ShortTextTask, Task
from quizapp.core.quiz import AnswerResult
from quizapp.ui.views.tasks.base import TaskContext, TaskInput
from quizapp.ui.views.tasks.categorize_task import CategorizeInput, categorize_feedback
from quizapp.ui.views.tasks.evidence_task import EvidenceInput, evidence_feedback
from quizapp.ui.views.tasks.order_task import OrderInput, order_feedback
from quizapp.ui.views.tasks.short_text_task import ShortTextInput, short_text_feedback

__all__ = ["TaskContext", "TaskInput", "make_task_input", "task_feedback"]


@dataclass(frozen=True)
class TaskWidgets:
    """The UI of one task type: its input widget and its feedback rows."""

    input: type[TaskInput]
    #: The feedback rows for (task, stored display order, result, article and language).
    feedback: Callable[[Any, list[str], AnswerResult, TaskContext | None], list[QWidget]]


#: The UI's table of the newer task types (the core's table is :mod:`quizapp.core.task_types`).
TASK_WIDGETS: dict[type[Any], TaskWidgets] = {
    OrderTask: TaskWidgets(
        OrderInput, lambda task, _order, result, _c: order_feedback(task, result)
    ),
    CategorizeTask: TaskWidgets(
        CategorizeInput, lambda task, order, result, _c: categorize_feedback(task, order, result)
    ),
    EvidenceTask: TaskWidgets(
        EvidenceInput,
        lambda task, _o, result, context: evidence_feedback(task, result, context),
    ),
    ShortTextTask: TaskWidgets(
        ShortTextInput, lambda task, _order, result, _c: short_text_feedback(task, result)
    ),
}


def make_task_input(task: Task, order: list[str], context: TaskContext) -> TaskInput | None:
    """The input widget for ``task``, filled; ``None`` for choice questions."""
    widgets = TASK_WIDGETS.get(type(task))
    if widgets is None:
        return None
    widget = widgets.input(context)
    widget.prompt = task.prompt
    widget.show_task(task, order)
    return widget


def task_feedback(
    task: Task, order: list[str], result: AnswerResult, context: TaskContext | None = None
) -> list[QWidget]:
    """The feedback rows for ``task`` (the student's answer against the key); none for choices.

    ``context`` (the article and the reader's language) lets evidence say why marks fall short.
    """
    widgets = TASK_WIDGETS.get(type(task))
    return widgets.feedback(task, order, result, context) if widgets is not None else []
