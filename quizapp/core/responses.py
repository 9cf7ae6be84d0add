"""What a student answered in one of the newer task types, as stored and exchanged.

Choice questions store only the chosen ids; these tasks need more (an order, a category per
statement, marked words, a written text), so each answer carries one of these small models,
kept as JSON next to the answer. They are read back from files and other machines, so they are
validated (strictly, with sizes capped) like any outside input.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from quizapp.core.content.models import CategorizeTask, Id, OrderTask, Task

#: A cap on a stored short text, far above any ``max_words`` (80 words), so a hostile result
#: file cannot make the app hold megabytes per answer.
MAX_TEXT_CHARS = 2000
MAX_MARKS = 50


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OrderResponse(_Response):
    """The item ids in the order the student put them."""

    kind: Literal["order"] = "order"
    order: tuple[Id, ...] = Field(max_length=8)

    def describe(self, task: Task | None = None) -> str:
        """The steps in the student's order (by their texts when the task is given)."""
        steps = {item.id: item.text for item in task.items} if isinstance(task, OrderTask) else {}
        return " → ".join(steps.get(item_id, item_id) for item_id in self.order)


class CategorizeResponse(_Response):
    """For each statement id, the category id the student picked ("" when left open)."""

    kind: Literal["categorize"] = "categorize"
    assignments: dict[Id, Annotated[str, StringConstraints(max_length=64)]] = Field(max_length=8)

    def describe(self, task: Task | None = None) -> str:
        """Each statement with the category picked for it ("–" when left open)."""
        statements: dict[str, str] = {}
        categories: dict[str, str] = {}
        if isinstance(task, CategorizeTask):
            statements = {s.id: s.text for s in task.statements}
            categories = {c.id: c.text for c in task.categories}
        pairs = sorted(self.assignments.items())
        return " · ".join(
            f"{statements.get(sid, sid)}: {categories.get(cid, cid) or '–'}" for sid, cid in pairs
        )


class Layer(StrEnum):
    """Where in a block the student marked: the original text or its reading translation."""

    ORIGINAL = "original"
    TRANSLATION = "translation"


class Mark(_Response):
    """One stretch of marked text: character offsets into one block's text (or translation)."""

    paragraph: Id
    layer: Layer = Field(strict=False)
    start: int = Field(ge=0, le=100_000)
    end: int = Field(ge=0, le=100_000)
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)] = Field(
        description="The marked words, so reports can show them without the source"
    )


class EvidenceResponse(_Response):
    """The stretches of the article the student marked as evidence."""

    kind: Literal["evidence"] = "evidence"
    marks: tuple[Mark, ...] = Field(max_length=MAX_MARKS)

    def describe(self, task: Task | None = None) -> str:
        """The marked words, each in quotes."""
        return " | ".join(f"“{mark.text}”" for mark in self.marks)


class ShortTextResponse(_Response):
    """The student's text and the rubric points they ticked as met."""

    kind: Literal["short_text"] = "short_text"
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
    checked: tuple[Id, ...] = Field(max_length=6)

    def describe(self, task: Task | None = None) -> str:
        """The student's text."""
        return self.text


TaskResponse = Annotated[
    OrderResponse | CategorizeResponse | EvidenceResponse | ShortTextResponse,
    Field(discriminator="kind"),
]

_ADAPTER: TypeAdapter[TaskResponse] = TypeAdapter(TaskResponse)


def response_to_json(response: TaskResponse) -> str:
    """The stored form of ``response`` (compact JSON, non-ASCII kept readable)."""
    return response.model_dump_json()


def response_from_json(text: str) -> TaskResponse:
    """Read a stored response back; raises ``ValueError`` when it is not a valid one."""
    if len(text) > 20 * MAX_TEXT_CHARS:
        raise ValueError("stored response is too large")
    return _ADAPTER.validate_json(text)


def describe(response: TaskResponse, task: Task | None = None) -> str:
    """A short plain-text rendering for tables: the order, the picks, the marks or the text.

    With the ``task`` the steps, statements and categories are given by their texts, else by id.
    """
    return response.describe(task)
