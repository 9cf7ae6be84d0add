"""The first attempts' answers of a class, kept compactly for the item analysis and the matrix.

A report of a whole school holds a few hundred thousand first-attempt answers. As objects
(:class:`~quizapp.reports.item_analysis.Response`, a decoded task answer each) they were about
23 MB per 1,000 students; here each answer is 6 to 10 bytes in typed columns — codes into small
tables of the question ids, picked choices, credits, confidences and stored task answers, which
repeat — and each attempt is a run of positions (its answers are saved one after another).
:class:`FirstAnswers` reads like the ``dict[attempt id, list[Response]]`` it replaces: the
responses of one attempt are built when asked for and forgotten after use.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping

from quizapp.core.quiz import CalibrationRow, Confidence, calibration_rows
from quizapp.core.responses import TaskResponse
from quizapp.reports.item_analysis import Response
from quizapp.reports.value_codes import ValueCodes
from quizapp.storage.rows.answer import AnswerRow
from quizapp.storage.rows.answer import decoded_response as stored_response

_CONFIDENCES = {level.value: level for level in Confidence}
#: Decoded task answers remembered (equal answers to order and categorize tasks repeat).
_REMEMBERED = 20_000


_WIDER = {"B": ("H", 0xFF), "H": ("I", 0xFFFF)}


def _appended(column: array[int], code: int) -> array[int]:
    """``column`` with ``code`` added; a column of one- or two-byte codes is widened when a
    code no longer fits (many distinct written answers, say)."""
    while column.typecode in _WIDER and code > _WIDER[column.typecode][1]:
        column = array(_WIDER[column.typecode][0], column)
    column.append(code)
    return column


class FirstAnswers(Mapping[int, list[Response]]):
    """Attempt id → that first attempt's answers as :class:`Response`, in the order saved."""

    def __init__(self, index: Mapping[int, int] | None = None) -> None:
        # Codes take one byte until one passes 255, then two, then four (see _appended).
        self._question = array("B")
        self._chosen = array("B")
        self._credit = array("B")
        self._response = array("B")
        self._confidence = array("B")
        self._correct = bytearray()
        self._questions: ValueCodes[str] = ValueCodes()
        self._choices: ValueCodes[frozenset[str]] = ValueCodes()
        # A credit is coded with its sign, so -0.0 reads back as -0.0 (not as an equal 0.0).
        self._credits: ValueCodes[tuple[float, float] | None] = ValueCodes()
        self._levels: ValueCodes[Confidence | None] = ValueCodes()
        self._texts: ValueCodes[str | None] = ValueCodes()
        # Per attempt (a slot): its student and the run of positions holding its answers;
        # answers saved after another attempt's (two students at once) go to _later. With an
        # ``index`` (attempt id → position among the report's attempts) the slots are those
        # positions, so no dictionary entry is kept per attempt.
        self._index = index
        self._slots: dict[int, int] = {}
        size = len(index) if index is not None else 0
        self._started = bytearray(size)
        self._student = array("q", bytes(8 * size))
        self._start = array("I", bytes(4 * size))
        self._stop = array("I", bytes(4 * size))
        self._count = 0
        self._later: dict[int, list[int]] = {}
        self._decoded: dict[str, TaskResponse | None] = {}

    def _slot(self, attempt_id: int) -> int | None:
        if self._index is None:
            return self._slots.get(attempt_id)
        slot = self._index.get(attempt_id)
        return slot if slot is not None and self._started[slot] else None

    def start(self, attempt_id: int, student_id: int) -> None:
        """Make room for ``student_id``'s first attempt ``attempt_id`` (read as an empty list
        until its answers are added)."""
        if self._slot(attempt_id) is not None:
            return
        if self._index is None:
            slot = self._slots[attempt_id] = len(self._started)
            self._started.append(0)
            self._student.append(0)
            self._start.append(0)
            self._stop.append(0)
        else:
            slot = self._index[attempt_id]
        self._started[slot] = 1
        self._student[slot] = student_id
        self._count += 1

    def add(self, attempt_id: int, student_id: int, answer: AnswerRow) -> None:
        """Keep ``answer`` of the first attempt ``attempt_id`` in the columns."""
        slot = self._slot(attempt_id)
        if slot is None:
            self.start(attempt_id, student_id)
            slot = self._slot(attempt_id)
            assert slot is not None
        position = len(self._correct)
        if self._start[slot] == self._stop[slot]:  # its first answer: a run starts here
            self._start[slot] = self._stop[slot] = position
        if self._stop[slot] == position:
            self._stop[slot] = position + 1
        else:
            self._later.setdefault(slot, []).append(position)
        self._question = _appended(self._question, self._questions.code(answer.question_id))
        self._chosen = _appended(self._chosen, self._choices.code(answer.chosen))
        credit = None if answer.credit is None else float(answer.credit)
        key = None if credit is None else (credit, math.copysign(1.0, credit))
        self._credit = _appended(self._credit, self._credits.code(key))
        self._response = _appended(self._response, self._texts.code(answer.response))
        level = _CONFIDENCES.get(answer.confidence) if answer.confidence else None
        self._confidence.append(self._levels.code(level))
        self._correct.append(1 if answer.correct else 0)

    def _positions(self, attempt_id: int) -> Iterator[int]:
        slot = self._slot(attempt_id)
        if slot is None:
            return
        yield from range(self._start[slot], self._stop[slot])
        yield from self._later.get(slot, ())

    def response(self, position: int, student_id: int) -> Response:
        """The answer at ``position`` (of ``student_id``) as the item analysis reads it."""
        text = self._texts.values[self._response[position]]
        return Response(
            student_id,
            self._questions.values[self._question[position]],
            self._choices.values[self._chosen[position]],
            bool(self._correct[position]),
            self._levels.values[self._confidence[position]],
            credit=None
            if (coded := self._credits.values[self._credit[position]]) is None
            else coded[0],
            response=None if text is None else self._decode(text),
        )

    def _decode(self, text: str) -> TaskResponse | None:
        if text not in self._decoded:
            if len(self._decoded) > _REMEMBERED:
                self._decoded.clear()
            self._decoded[text] = stored_response(text)
        return self._decoded[text]

    def calibration(self) -> list[CalibrationRow]:
        """Confidence calibration over every answer held (the class's first attempts)."""
        counted = Counter(zip(self._confidence, self._correct, strict=True))
        levels = self._levels.values
        return calibration_rows({(levels[code], right): n for (code, right), n in counted.items()})

    def correct_by_question(self, attempt_id: int) -> dict[str, bool]:
        """Question id → right or not, for one attempt (cheaper than its responses)."""
        names = self._questions.values
        return {
            names[self._question[i]]: bool(self._correct[i]) for i in self._positions(attempt_id)
        }

    def __getitem__(self, attempt_id: int) -> list[Response]:
        slot = self._slot(attempt_id)
        if slot is None:
            raise KeyError(attempt_id)
        student = self._student[slot]
        return [self.response(i, student) for i in self._positions(attempt_id)]

    def __iter__(self) -> Iterator[int]:
        if self._index is None:
            return iter(self._slots)
        return (a for a in self._index if self._started[self._index[a]])

    def __len__(self) -> int:
        return self._count
