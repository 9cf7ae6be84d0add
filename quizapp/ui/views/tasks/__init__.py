"""The newer task types' widgets, one module each, and the two plug-in functions the quiz and
feedback views call: :func:`make_task_input` and :func:`task_feedback`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from quizapp.core.content.models import CategorizeTask, EvidenceTask, OrderTask, ShortTextTask, Task
from quizapp.core.quiz import AnswerResult
from quizapp.ui.views.tasks.base import TaskContext, TaskInput
from quizapp.ui.views.tasks.categorize_task import CategorizeInput, categorize_feedback
from quizapp.ui.views.tasks.evidence_task import EvidenceInput, evidence_feedback
from quizapp.ui.views.tasks.order_task import OrderInput, order_feedback
from quizapp.ui.views.tasks.short_text_task import ShortTextInput, short_text_feedback

__all__ = ["TaskContext", "TaskInput", "make_task_input", "task_feedback"]


def make_task_input(task: Task, order: list[str], context: TaskContext) -> TaskInput | None:
    """The input widget for ``task``, filled; ``None`` for choice questions."""
    widget: TaskInput
    if isinstance(task, OrderTask):
        widget = OrderInput(context)
    elif isinstance(task, CategorizeTask):
        widget = CategorizeInput(context)
    elif isinstance(task, EvidenceTask):
        widget = EvidenceInput(context)
    elif isinstance(task, ShortTextTask):
        widget = ShortTextInput(context)
    else:
        return None
    widget.show_task(task, order)
    return widget


def task_feedback(task: Task, order: list[str], result: AnswerResult) -> list[QWidget]:
    """The feedback rows for ``task`` (the student's answer against the key); none for choices."""
    if isinstance(task, OrderTask):
        return order_feedback(task, result)
    if isinstance(task, CategorizeTask):
        return categorize_feedback(task, order, result)
    if isinstance(task, EvidenceTask):
        return evidence_feedback(task, result)
    if isinstance(task, ShortTextTask):
        return short_text_feedback(task, result)
    return []
