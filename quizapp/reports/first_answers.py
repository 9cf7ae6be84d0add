"""The first attempts' answers of a class, kept compactly for the item analysis and the matrix.

A report of a whole school holds a few hundred thousand first-attempt answers. As objects
(:class:`~quizapp.reports.item_analysis.Response`, a decoded task answer each) they were about
23 MB per 1,000 students; here each answer is a few bytes in typed columns — codes into small
tables of the question ids, picked choices and confidences that repeat — and the stored text of
a newer task's answer, shared between equal answers. :class:`FirstAnswers` reads like the
``dict[attempt id, list[Response]]`` it replaces: the responses of one attempt are built when
asked for and forgotten after use.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from quizapp.core.quiz import Confidence
from quizapp.core.responses import TaskResponse
from quizapp.reports.item_analysis import Response
from quizapp.storage.rows.answer import AnswerRow
from quizapp.storage.rows.answer import decoded_response as stored_response

T = TypeVar("T")
_CONFIDENCES = {level.value: level for level in Confidence}
#: Decoded task answers remembered (equal answers to order and categorize tasks repeat).
_REMEMBERED = 20_000


class _Codes(Generic[T]):
    """A small table of distinct values, each known by its position."""

    def __init__(self) -> None:
        self.values: list[T] = []
        self._codes: dict[T, int] = {}

    def code(self, value: T) -> int:
        found = self._codes.get(value)
        if found is None:
            found = self._codes[value] = len(self.values)
            self.values.append(value)
        return found


class FirstAnswers(Mapping[int, list[Response]]):
    """Attempt id → that first attempt's answers as :class:`Response`, in the order saved."""

    def __init__(self) -> None:
        self._student = array("q")
        self._question = array("I")
        self._chosen = array("I")
        self._confidence = array("B")
        self._correct = bytearray()
        self._credit = array("d")  # NaN: no credit stored
        self._response = array("I")  # 0: no task answer, else 1 + position in _texts
        self._questions: _Codes[str] = _Codes()
        self._choices: _Codes[frozenset[str]] = _Codes()
        self._levels: _Codes[Confidence | None] = _Codes()
        self._texts: _Codes[str] = _Codes()
        self._by_attempt: dict[int, array[int]] = {}
        self._decoded: dict[str, TaskResponse | None] = {}

    def start(self, attempt_id: int) -> None:
        """An attempt with no answers yet still reads as an empty list."""
        self._by_attempt.setdefault(attempt_id, array("I"))

    def add(self, attempt_id: int, student_id: int, answer: AnswerRow) -> None:
        """Keep ``answer`` (of a first attempt) in the columns."""
        positions = self._by_attempt.get(attempt_id)
        if positions is None:
            positions = self._by_attempt[attempt_id] = array("I")
        positions.append(len(self._student))
        self._student.append(student_id)
        self._question.append(self._questions.code(answer.question_id))
        self._chosen.append(self._choices.code(answer.chosen))
        level = _CONFIDENCES.get(answer.confidence) if answer.confidence else None
        self._confidence.append(self._levels.code(level))
        self._correct.append(1 if answer.correct else 0)
        self._credit.append(math.nan if answer.credit is None else answer.credit)
        text = answer.response
        self._response.append(0 if text is None else 1 + self._texts.code(text))

    def without_task_answers(self, attempt_id: int) -> Iterator[Response]:
        """The attempt's answers without the newer tasks' answers decoded (for counts that
        read only right or wrong and the confidence, such as the class's calibration)."""
        for i in self._by_attempt.get(attempt_id, ()):
            yield self.response(i, decode=False)

    def response(self, position: int, *, decode: bool = True) -> Response:
        """The answer at ``position`` as the item analysis reads it."""
        credit = self._credit[position]
        code = self._response[position] if decode else 0
        return Response(
            self._student[position],
            self._questions.values[self._question[position]],
            self._choices.values[self._chosen[position]],
            bool(self._correct[position]),
            self._levels.values[self._confidence[position]],
            credit=None if math.isnan(credit) else credit,
            response=None if code == 0 else self._decode(self._texts.values[code - 1]),
        )

    def _decode(self, text: str) -> TaskResponse | None:
        if text not in self._decoded:
            if len(self._decoded) > _REMEMBERED:
                self._decoded.clear()
            self._decoded[text] = stored_response(text)
        return self._decoded[text]

    def correct_by_question(self, attempt_id: int) -> dict[str, bool]:
        """Question id → right or not, for one attempt (cheaper than its responses)."""
        names = self._questions.values
        return {
            names[self._question[i]]: bool(self._correct[i])
            for i in self._by_attempt.get(attempt_id, ())
        }

    def __getitem__(self, attempt_id: int) -> list[Response]:
        return [self.response(i) for i in self._by_attempt[attempt_id]]

    def __iter__(self) -> Iterator[int]:
        return iter(self._by_attempt)

    def __len__(self) -> int:
        return len(self._by_attempt)
