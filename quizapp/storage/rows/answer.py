"""The ``answer`` table's rows: as the class reader and reports use them, in a results file,
as the engine hands them over (:class:`AnswerResult`), and the codecs between those and the
table."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field
from sqlalchemy import String, func, type_coerce
from sqlmodel import SQLModel

from quizapp.core.quiz import AnswerResult, Confidence
from quizapp.core.responses import TaskResponse, response_from_json, response_to_json
from quizapp.i18n import N_
from quizapp.storage.records import AnswerRecord
from quizapp.storage.rows.fields import FileRow, Moment, Short, Uuid, iso, naive, read_time, shared
from quizapp.storage.tables import Answer, decode_list
from quizapp.storage.value_limits import (
    MAX_CHOICES,
    MAX_CHOSEN_CHARS,
    MAX_RESPONSE_CHARS,
    MAX_SECONDS,
)

TABLE = SQLModel.metadata.tables["answer"]


class AnswerRow(NamedTuple):
    """One answer as the class reader returns it and reports use it (``chosen`` decoded)."""

    attempt_id: int
    question_id: str
    question_hash: str
    chosen: frozenset[str]
    correct: bool
    confidence: str | None
    seconds: float
    answered_at: datetime
    #: JSON of the answer to a newer task type (see quizapp.core.responses), else ``None``.
    response: str | None = None
    #: Credit 0–1 of a newer task type or a multiple-answer question, else ``None``.
    credit: float | None = None
    id: int = 0
    problem: str = ""  # why the row cannot be used, untranslated (N_); "": it can


#: What the class reader selects (the order :func:`read` unpacks). ``chosen``, the duration
#: and the time are read as text and decoded by :func:`read`: one damaged row cannot fail
#: the whole query. Texts are cut one character past their limit (no memory for an oversized row).
READ_COLUMNS = (
    TABLE.c.id,
    TABLE.c.attempt_id,
    TABLE.c.question_id,
    TABLE.c.question_hash,
    func.substr(type_coerce(TABLE.c.chosen, String), 1, MAX_CHOSEN_CHARS + 1),
    TABLE.c.correct,
    TABLE.c.confidence,
    type_coerce(TABLE.c.seconds, String),
    type_coerce(TABLE.c.answered_at, String),
    func.substr(TABLE.c.response, 1, MAX_RESPONSE_CHARS + 1, type_=String),
    TABLE.c.credit,
)


@functools.lru_cache(maxsize=4096)
def _chosen(text: str) -> frozenset[str]:
    # A class gives the same few answers over and over: decode each distinct one once.
    return frozenset(decode_list(text))


def read(row: Sequence[Any]) -> AnswerRow:
    """A row of :data:`READ_COLUMNS`, decoded; what cannot be decoded sets ``problem``."""
    answer_id, a, q, h, c, ok, conf, sec, at, response, credit = row
    problem = ""
    chosen: frozenset[str]
    try:
        if isinstance(c, str) and len(c) > MAX_CHOSEN_CHARS:
            chosen, problem = frozenset(), N_("the list of chosen answers is too long")
        else:
            chosen = _chosen(c)
    except (ValueError, TypeError):
        chosen, problem = frozenset(), N_("the chosen answers cannot be read")
    if isinstance(response, str) and len(response) > MAX_RESPONSE_CHARS:
        response, problem = None, problem or N_("the written answer is too long")
    if not isinstance(sec, float | int):
        sec = float("nan")  # NULL (SQLite stores NaN as NULL) or text: out of any range
    if credit is not None and not (isinstance(credit, float | int) and 0.0 <= credit <= 1.0):
        credit, problem = None, problem or N_("the credit is out of range")
    return AnswerRow(
        a,
        shared(q),
        shared(h),
        chosen,
        bool(ok),
        conf,
        float(sec),
        read_time(at),
        response,
        credit,
        answer_id,
        problem,
    )


class AnswerOut(FileRow):
    """An answer in a results file; ``attempt`` is the attempt's UUID."""

    uuid: Uuid
    attempt: Uuid
    question_id: Short
    question_hash: Short
    chosen: list[Short] = Field(max_length=MAX_CHOICES)
    correct: bool
    confidence: Literal["sure", "unsure", "guessing"] | None = None
    seconds: float = Field(default=0.0, ge=0.0, le=MAX_SECONDS, allow_inf_nan=False)
    answered_at: Moment
    #: The answer to a newer task type (order, categorize, evidence, short_text), checked like
    #: the rest of the file; absent for choice questions and in files of older versions.
    response: TaskResponse | None = None
    credit: Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] | None = None


def to_file(row: Mapping[Any, Any], attempt_uuid: str) -> dict[str, Any]:
    """A stored row (a mapping of the table's columns) as a results file writes it."""
    out = {
        "uuid": row["uuid"],
        "attempt": attempt_uuid,
        "question_id": row["question_id"],
        "question_hash": row["question_hash"],
        "chosen": list(row["chosen"]),
        "correct": bool(row["correct"]),
        "confidence": row["confidence"],
        "seconds": float(row["seconds"]),
        "answered_at": iso(row["answered_at"]),
    }
    if row["response"] is not None:  # only when there is one: older readers know no field
        out.update(response=json.loads(row["response"]), credit=row["credit"])
    return out


def from_file(answer: AnswerOut, attempt_id: int) -> dict[str, Any]:
    """The table values of an answer read from a results file."""
    return {
        "uuid": answer.uuid,
        "attempt_id": attempt_id,
        "question_id": answer.question_id,
        "question_hash": answer.question_hash,
        "chosen": answer.chosen,
        "correct": answer.correct,
        "confidence": answer.confidence,
        "seconds": answer.seconds,
        "answered_at": naive(answer.answered_at),
        "response": _encoded(answer.response),
        "credit": answer.credit,
    }


def from_result(
    uuid: str, attempt_id: int, result: AnswerResult, answered_at: datetime
) -> dict[str, Any]:
    """The table values of an answer the engine has just scored."""
    return {
        "uuid": uuid,
        "attempt_id": attempt_id,
        "question_id": result.question_id,
        "question_hash": result.question_hash,
        "chosen": result.chosen,
        "correct": result.correct,
        "confidence": result.confidence.value if result.confidence is not None else None,
        "seconds": result.seconds,
        "answered_at": answered_at,
        "response": _encoded(result.response),
        "credit": result.credit,
    }


def to_record(row: Answer) -> AnswerRecord:
    """The app's record of a stored answer."""
    result = AnswerResult(
        question_id=row.question_id,
        chosen=frozenset(row.chosen),
        correct=row.correct,
        confidence=Confidence(row.confidence) if row.confidence else None,
        seconds=row.seconds,
        question_hash=row.question_hash,
        credit=row.credit,
        response=decoded_response(row.response),
    )
    return AnswerRecord(uuid=row.uuid, result=result, answered_at=row.answered_at)


def _encoded(response: TaskResponse | None) -> str | None:
    return response_to_json(response) if response is not None else None


def decoded_response(text: str | None) -> TaskResponse | None:
    """The stored answer to a newer task type; an unreadable one (imported from a damaged
    file) is read as no response rather than losing the whole attempt."""
    if text is None:
        return None
    try:
        return response_from_json(text)
    except ValueError:
        return None
