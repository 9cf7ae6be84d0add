"""What every class report shows, computed once from a :class:`ClassDataset`.

The writers (CSV, XLSX, PDF) and the teacher screen lay this out; none of them computes
statistics of its own, so all of them agree.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import overload

from quizapp.core.content.models import QuestionSet
from quizapp.core.quiz import CalibrationRow
from quizapp.core.set_score import set_score
from quizapp.reports.dataset import (
    ClassAttempt,
    ClassDataset,
    ClassStudent,
    decoded_response,
    to_local,
)
from quizapp.reports.first_answers import FirstAnswers
from quizapp.reports.item_analysis import (
    Response,
    SetAnalysis,
    analyse_set,
    count_changed_answers,
)


@dataclass(frozen=True)
class ScoreBin:
    """One bar of a score distribution: ``low``–``high`` right answers (or percent)."""

    low: int
    high: int
    count: int
    in_percent: bool  # True: the bin is a percent range, False: a number of right answers


@dataclass(frozen=True, slots=True)  # slots: one per student and set of a whole school
class StudentSetResult:
    """A student's results at one set within the report."""

    first_score: int | None  # right answers in the first attempt
    first_total: int | None
    best: float | None  # best share of right answers over finished full attempts
    finished: int  # finished attempts at the whole set (practice rounds are not counted)
    last_day: date | None  # local day of the latest attempt
    practice: int = 0  # finished practice rounds, counted apart
    first_points: float | None = None  # the first attempt's points (every answer's credit)


@dataclass(frozen=True, slots=True)
class StudentLine:
    """One student: per-set results and first-attempt correctness per (set, question)."""

    student: ClassStudent
    results: dict[str, StudentSetResult]
    #: Set id → the student's first attempt there; its answers stay in the dataset's columns.
    first_attempts: dict[str, int] = field(default_factory=dict)
    answers: FirstAnswers = field(default_factory=FirstAnswers)

    @property
    def first_answers(self) -> dict[tuple[str, str], bool]:
        """(set id, question id) → right or not in the first attempt (built when asked: a
        whole school's lines would otherwise hold every first answer twice)."""
        return {
            (set_id, question_id): correct
            for set_id, attempt_id in self.first_attempts.items()
            for question_id, correct in self.answers.correct_by_question(attempt_id).items()
        }


@dataclass(frozen=True)
class SetReport:
    """One set: its analysis (``None`` if the set is not in the content) and distribution."""

    set_id: str
    question_set: QuestionSet | None
    question_ids: tuple[str, ...]
    analysis: SetAnalysis | None
    finished_attempts: int  # at the whole set; practice rounds are counted apart
    distribution: tuple[ScoreBin, ...]
    practice_attempts: int = 0

    @property
    def title(self) -> str:
        """The set's title, or its id when the content lacks it."""
        return self.question_set.title if self.question_set else self.set_id


@dataclass(frozen=True)
class ClassReport:
    """A class report's content in one language."""

    dataset: ClassDataset
    language: str
    sets: tuple[SetReport, ...]
    students: Sequence[StudentLine]
    calibration: tuple[CalibrationRow, ...]  # first attempts of all sets together

    @property
    def finished_attempts(self) -> int:
        """Finished attempts at a whole set in the report (practice rounds not counted)."""
        return sum(1 for attempt in self.dataset.attempts if _finished_full(attempt))

    @property
    def practice_attempts(self) -> int:
        """Finished practice rounds in the report."""
        return sum(1 for attempt in self.dataset.attempts if _finished_practice(attempt))


def build_report(dataset: ClassDataset, language: str) -> ClassReport:
    """Compute everything the writers show, with question texts in ``language`` if possible."""
    responses = dataset.first_responses
    sets = tuple(_set_report(dataset, set_id, language, responses) for set_id in dataset.set_ids())
    students = StudentLines(dataset)
    return ClassReport(dataset, language, sets, students, tuple(responses.calibration()))


class StudentLines(Sequence[StudentLine]):
    """The students' lines in report order, each worked out when read: a whole school's lines
    (a result per student and set) are never all in memory, and every reader gets the same."""

    def __init__(self, dataset: ClassDataset) -> None:
        self._dataset = dataset
        self._students = dataset.sorted_students()
        # Student id → positions in dataset.attempts (typed: a whole school has 100,000).
        self._attempts: dict[int, array[int]] = {}
        for n, attempt in enumerate(dataset.attempts):
            found = self._attempts.get(attempt.student_id)
            if found is None:
                found = self._attempts[attempt.student_id] = array("I")
            found.append(n)

    def _line(self, student: ClassStudent) -> StudentLine:
        attempts = self._dataset.attempts
        mine = [attempts[n] for n in self._attempts.get(student.id, ())]
        return _student_line(self._dataset, student, mine)

    @overload
    def __getitem__(self, index: int) -> StudentLine: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[StudentLine]: ...

    def __getitem__(self, index: int | slice) -> StudentLine | Sequence[StudentLine]:
        if isinstance(index, slice):
            return [self._line(student) for student in self._students[index]]
        return self._line(self._students[index])

    def __iter__(self) -> Iterator[StudentLine]:
        return (self._line(student) for student in self._students)

    def __len__(self) -> int:
        return len(self._students)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # compared by value, so not hashable


def _set_report(
    dataset: ClassDataset, set_id: str, language: str, responses: Mapping[int, list[Response]]
) -> SetReport:
    question_set = dataset.question_set(set_id, language)
    firsts = dataset.first_attempts(set_id)
    analysis = None
    if question_set is not None:
        by_language = {lang: s for (sid, lang), s in dataset.sets.items() if sid == set_id}
        stored = (
            (lang, question_id, stored_hash)
            for (sid, lang, question_id, stored_hash), count in dataset.versions.items()
            if sid == set_id
            for _n in range(count)
        )
        changed = count_changed_answers(stored, by_language)
        analysis = analyse_set(
            question_set, (r for a in firsts for r in responses.get(a.id, [])), changed
        )
    question_ids = (
        tuple(q.id for q in question_set.questions)
        if question_set is not None
        else _ids_from_attempts(dataset.attempts, set_id)
    )
    scores = [_first_score(dataset, a) for a in firsts]
    return SetReport(
        set_id=set_id,
        question_set=question_set,
        question_ids=question_ids,
        analysis=analysis,
        finished_attempts=sum(
            1 for a in dataset.attempts if a.set_id == set_id and _finished_full(a)
        ),
        distribution=score_distribution(scores),
        practice_attempts=sum(
            1 for a in dataset.attempts if a.set_id == set_id and _finished_practice(a)
        ),
    )


def _finished_full(attempt: ClassAttempt) -> bool:
    return attempt.finished and attempt.mode == "full"


def _finished_practice(attempt: ClassAttempt) -> bool:
    return attempt.finished and attempt.mode == "practice"


def score_distribution(scores: Sequence[tuple[int, int]]) -> tuple[ScoreBin, ...]:
    """Bars for ``(right, total)`` scores: one per possible score when all totals agree,
    otherwise ten percent ranges (0–9 %, …, 90–100 %)."""
    if not scores:
        return ()
    totals = {total for _right, total in scores}
    if len(totals) == 1:
        total = totals.pop()
        counts = [0] * (total + 1)
        for right, _total in scores:
            counts[min(right, total)] += 1
        return tuple(ScoreBin(n, n, count, in_percent=False) for n, count in enumerate(counts))
    tenths = [0] * 10
    for right, total in scores:
        tenths[min(9, int(10 * right / total)) if total else 0] += 1
    return tuple(
        ScoreBin(10 * n, 10 * n + (10 if n == 9 else 9), count, in_percent=True)
        for n, count in enumerate(tenths)
    )


def _first_score(dataset: ClassDataset, attempt: ClassAttempt) -> tuple[int, int]:
    """Right answers and questions of ``attempt`` (any attempt, not only a first one)."""
    return dataset.right_counts.get(attempt.id, 0), len(attempt.question_ids)


def _student_line(
    dataset: ClassDataset, student: ClassStudent, mine: Sequence[ClassAttempt]
) -> StudentLine:
    results: dict[str, StudentSetResult] = {}
    first_attempts: dict[str, int] = {}
    for set_id in sorted({a.set_id for a in mine}):
        attempts = [a for a in mine if a.set_id == set_id]
        first = next((a for a in attempts if a.is_first), None)
        first_score = _first_score(dataset, first) if first else None
        if first is not None:
            first_attempts[set_id] = first.id
        full = [_first_score(dataset, a) for a in attempts if a.finished and a.mode == "full"]
        results[set_id] = StudentSetResult(
            first_score=first_score[0] if first_score else None,
            first_total=first_score[1] if first_score else None,
            best=max((set_score(r, t) for r, t in full if t), default=None),
            finished=sum(1 for a in attempts if _finished_full(a)),
            last_day=to_local(max(a.started_at for a in attempts)).date(),
            practice=sum(1 for a in attempts if _finished_practice(a)),
            first_points=dataset.points.get(first.id) if first is not None else None,
        )
    return StudentLine(student, results, first_attempts, dataset.first_responses)


def _ids_from_attempts(attempts: Sequence[ClassAttempt], set_id: str) -> tuple[str, ...]:
    """Question ids of a set missing from the content, in the order first seen."""
    seen: dict[str, None] = {}
    for attempt in attempts:
        if attempt.set_id == set_id:
            seen.update(dict.fromkeys(attempt.question_ids))
    return tuple(seen)


__all__ = ["decoded_response"]  # re-exported: the writers and the teacher screen import it here
