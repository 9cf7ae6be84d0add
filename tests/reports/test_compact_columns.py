"""The compact columns a whole school's report keeps (first answers, attempt positions) read
back exactly what was put in, also where answers of two attempts interleave (two students
answering at the same time) and where a code no longer fits in two bytes."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from quizapp.core.quiz import AnswerResult, Confidence, calibration
from quizapp.reports.dataset import PositionIndex
from quizapp.reports.first_answers import FirstAnswers
from quizapp.reports.item_analysis import Response
from quizapp.storage.rows.answer import AnswerRow

WHEN = datetime(2026, 12, 1, 9, 30)


def answer(
    attempt: int,
    question: str,
    *,
    right: bool,
    chosen: frozenset[str] = frozenset({"a"}),
    confidence: str | None = "sure",
    response: str | None = None,
    credit: float | None = None,
) -> AnswerRow:
    return AnswerRow(
        attempt, question, "hash", chosen, right, confidence, 3.5, WHEN, response, credit
    )


# Attempt 10 (student 1) and attempt 20 (student 2) answered at the same time; attempt 30
# (student 3) has no answers yet; attempt 40 is not a first attempt.
SAVED = [
    answer(10, "q1", right=True),
    answer(20, "q1", right=False, chosen=frozenset({"b"}), confidence="guessing"),
    answer(10, "q2", right=False, chosen=frozenset({"a", "c"}), credit=0.5, confidence=None),
    answer(20, "q2", right=True, confidence="unsure"),
    answer(10, "q3", right=True, response='{"kind": "short_text", "text": "x", "checked": []}'),
]
STUDENTS = {10: 1, 20: 2, 30: 3}


def expected() -> dict[int, list[Response]]:
    """The same answers as a plain dictionary of responses (what the columns replace)."""
    levels = {level.value: level for level in Confidence}
    held: dict[int, list[Response]] = {attempt: [] for attempt in STUDENTS}
    for row in SAVED:
        held[row.attempt_id].append(
            Response(
                STUDENTS[row.attempt_id],
                row.question_id,
                row.chosen,
                row.correct,
                levels.get(row.confidence) if row.confidence else None,
                credit=row.credit,
                response=None,
            )
        )
    return held


@pytest.mark.parametrize("slots", ["own", "index"])
def test_interleaved_attempts_read_back_in_the_order_saved(slots: str) -> None:
    # "index": the slots are the attempts' positions in the report (as load_dataset does).
    index = PositionIndex([40, 30, 20, 10]) if slots == "index" else None
    columns = FirstAnswers(index)
    for attempt, student in STUDENTS.items():
        columns.start(attempt, student)
    for row in SAVED:
        columns.add(row.attempt_id, STUDENTS[row.attempt_id], row)
    assert len(columns) == 3 and set(columns) == {10, 20, 30}
    assert 40 not in columns
    read = {attempt: columns[attempt] for attempt in columns}
    written = read[10][2].response
    assert written is not None and written.kind == "short_text"
    read[10][2] = Response(**{**_fields(read[10][2]), "response": None})
    assert read == expected()
    assert columns.correct_by_question(20) == {"q1": False, "q2": True}
    results = [
        AnswerResult(r.question_id, r.chosen, r.correct, r.confidence, 0.0, "")
        for responses in expected().values()
        for r in responses
    ]
    assert columns.calibration() == calibration(results)


def _fields(response: Response) -> dict[str, object]:
    return {name: getattr(response, name) for name in Response.__slots__}


def test_a_code_that_passes_two_bytes_widens_its_column() -> None:
    columns = FirstAnswers()
    columns.start(1, 1)
    for n in range(70_000):  # 70,000 distinct written answers: codes past 65,535
        columns.add(1, 1, answer(1, "q", right=False, response=f"text {n}"))
    assert columns._response.typecode == "I"  # one byte, then two, then four
    # The last code reads back its own text (not one cut to two bytes).
    assert columns._texts.values[columns._response[-1]] == "text 69999"
    assert len(columns[1]) == 70_000


@pytest.mark.parametrize(
    "ids", [[7, 5, 6, 9], [3, 1_000_000_000, 12], []], ids=["dense", "sparse", "empty"]
)
def test_position_index_gives_each_id_its_position(ids: list[int]) -> None:
    index = PositionIndex(ids)
    assert len(index) == len(ids)
    assert dict(index) == {row_id: n for n, row_id in enumerate(ids)}
    for n, row_id in enumerate(ids):
        assert index[row_id] == n and index.get(row_id) == n
    for missing in (0, 8, -5, 2_000_000_000):
        assert index.get(missing) is None and missing not in index
        with pytest.raises(KeyError):
            index[missing]


def test_credits_read_back_exactly_sign_included() -> None:
    columns = FirstAnswers()
    credits = [0.0, -0.0, 1.0, 0.5, None, 0.25]
    for credit in credits:
        columns.add(1, 1, answer(1, "q", right=False, credit=credit))
    back = [r.credit for r in columns[1]]
    assert back == credits
    assert [math.copysign(1.0, c) for c in back[:2] if c is not None] == [1.0, -1.0]


def test_position_index_finds_no_key_of_another_type() -> None:
    index = PositionIndex([1, 2, 3])
    for key in ("2", None, 2.5):
        assert index.get(key) is None  # type: ignore[arg-type]
        assert key not in index
