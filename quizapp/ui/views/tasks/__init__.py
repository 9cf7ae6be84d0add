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
    #: The feedback rows for (task, stored display order, result).
    feedback: Callable[[Any, list[str], AnswerResult], list[QWidget]]


#: The UI's table of the newer task types (the core's table is :mod:`quizapp.core.task_types`).
TASK_WIDGETS: dict[type[Any], TaskWidgets] = {
    OrderTask: TaskWidgets(OrderInput, lambda task, _order, result: order_feedback(task, result)),
    CategorizeTask: TaskWidgets(CategorizeInput, categorize_feedback),
    EvidenceTask: TaskWidgets(
        EvidenceInput, lambda task, _order, result: evidence_feedback(task, result)
    ),
    ShortTextTask: TaskWidgets(
        ShortTextInput, lambda task, _order, result: short_text_feedback(task, result)
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


def task_feedback(task: Task, order: list[str], result: AnswerResult) -> list[QWidget]:
    """The feedback rows for ``task`` (the student's answer against the key); none for choices."""
    widgets = TASK_WIDGETS.get(type(task))
    return widgets.feedback(task, order, result) if widgets is not None else []
