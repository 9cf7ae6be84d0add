"""Item statistics for one question set, on first attempts, with Moodle's definitions.

Pure Python (no Qt, no database). With x_i the score on item i — the answer's credit 0–1 of
:mod:`quizapp.core.scoring` (1 or 0 for single and true/false questions, partial credit for
multiple-answer questions and the newer task types) — X the student's total and
X₋ᵢ = X − x_i, using sample (n − 1) statistics:

- facility F = mean(x_i) / max(x_i), shown as a percentage
- standard deviation SD = sd(x_i) / max(x_i)
- discrimination index D = corr(x_i, X₋ᵢ)
- discriminative efficiency DE = Cov(x_i, X₋ᵢ) / Cov_max, where Cov_max is the covariance of
  the two vectors each sorted on its own (the largest covariance their values allow)
- random-guess score: the expected credit of a blind guess: single = 1/choices, true/false =
  1/2, multiple = the mean credit over all non-empty picks, order = 1/2 of the pairs,
  categorize = 1/categories; 0 for evidence and short_text, which cannot be guessed

Flags: DE below 15 % (a doubtful item), D below 0 (the stronger students got it wrong more
often). Below :data:`MIN_RESPONSES` responses D, DE and SD are left out (``None``) and the item is
flagged as too small to judge, instead of showing noise.

"Does the article support this?" items (``support_item``) are also read as a yes/no detection
task: the hit rate H (said "supported" when it is), the false-alarm rate FA (said "supported"
when it is not) and d′ = z(H) − z(FA). The log-linear correction (Hautus 1995) adds 0.5 to each
count and 1 to each total before z is taken, so rates of 0 or 1 do not give infinite d′; it is
applied to every rate (not only extreme ones) so all classes are measured the same way.
"""

from __future__ import annotations

import math
import statistics
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import compress

from quizapp.core.content.models import Question, QuestionSet, QuestionType, Task
from quizapp.core.quiz import CalibrationRow, Confidence, calibration_rows, question_hash
from quizapp.core.responses import TaskResponse
from quizapp.core.scoring import credit
from quizapp.core.set_score import set_score
from quizapp.i18n import N_, _
from quizapp.reports.task_parts import part_hits, task_parts
from quizapp.reports.value_codes import ValueCodes

#: Below this many responses D, DE and SD are not shown.
MIN_RESPONSES = 5
#: Items whose discriminative efficiency is below this are flagged.
MIN_EFFICIENCY = 0.15
SUPPORTED_CHOICE = "true"  # a support item's choice for "the article supports this"


class ItemFlag(StrEnum):
    """Why an item deserves a second look."""

    TOO_FEW_RESPONSES = "too_few_responses"
    LOW_EFFICIENCY = "low_efficiency"
    NEGATIVE_DISCRIMINATION = "negative_discrimination"
    CHANGED = "changed"

    @property
    def reason(self) -> str:
        """The reason, in the current language."""
        return _(_FLAG_REASONS[self]) % {
            "min": MIN_RESPONSES,
            "efficiency": round(MIN_EFFICIENCY * 100),
        }


_FLAG_REASONS = {
    ItemFlag.TOO_FEW_RESPONSES: N_(
        "Fewer than %(min)d first attempts: too few to judge the question."
    ),
    ItemFlag.LOW_EFFICIENCY: N_(
        "Discriminative efficiency below %(efficiency)d %%: the question hardly separates "
        "stronger from weaker students."
    ),
    ItemFlag.NEGATIVE_DISCRIMINATION: N_(
        "Negative discrimination: students who did well overall got this question wrong more "
        "often. Check the answer key and the wording."
    ),
    ItemFlag.CHANGED: N_(
        "The question was edited after some answers were given: those answers were given to "
        "an older version."
    ),
}


@dataclass(frozen=True, slots=True)  # slots: a report holds one per first-attempt answer
class Response:
    """One student's answer to one question in their first attempt."""

    student: int
    question_id: str
    chosen: frozenset[str]
    correct: bool
    confidence: Confidence | None = None
    #: Partial credit of a newer task type (``None``: all-or-nothing, from ``correct``).
    credit: float | None = None
    response: TaskResponse | None = None

    @property
    def score(self) -> float:
        """x_i: the partial credit, or 1/0 for right/wrong."""
        if self.credit is not None:
            return self.credit
        return 1.0 if self.correct else 0.0


@dataclass(frozen=True)
class ChoiceStats:
    """How often a choice was picked (distractor analysis); ``share`` of all responses.

    For the newer task types the "choices" are the task's parts: how often a step was put in
    its right place, a statement into its right category, a rubric point ticked as met.
    """

    choice_id: str
    text: str
    correct: bool
    count: int
    share: float


@dataclass(frozen=True)
class ItemStats:
    """Statistics of one question. Fractions (0.5 = 50 %); ``None`` where not meaningful."""

    number: int  # position in the set, from 1
    question: Task
    responses: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    guess_score: float
    choices: tuple[ChoiceStats, ...]
    changed_answers: int = 0
    flags: tuple[ItemFlag, ...] = ()

    @property
    def meaningful(self) -> bool:
        """True when there were enough responses for D, DE and SD."""
        return self.responses >= MIN_RESPONSES


@dataclass(frozen=True)
class SupportStats:
    """Support items read as detection: hits, false alarms and d′ (log-linear corrected)."""

    supported_items: int
    unsupported_items: int
    hits: int
    supported_responses: int
    false_alarms: int
    unsupported_responses: int
    d_prime: float | None

    @property
    def hit_rate(self) -> float | None:
        """Share of "supported" answers to supported statements (uncorrected)."""
        return _ratio(self.hits, self.supported_responses)

    @property
    def false_alarm_rate(self) -> float | None:
        """Share of "supported" answers to unsupported statements (uncorrected)."""
        return _ratio(self.false_alarms, self.unsupported_responses)


@dataclass(frozen=True)
class SkillStats:
    """Facility over all responses to the questions practising one skill."""

    skill: str
    questions: int
    facility: float | None


@dataclass(frozen=True)
class SetAnalysis:
    """Item statistics of one set over its first attempts."""

    question_set: QuestionSet
    students: int
    scores: tuple[float, ...]  # each first attempt's set_score: right answers ÷ all questions
    items: tuple[ItemStats, ...]
    support: SupportStats | None
    calibration: tuple[CalibrationRow, ...]
    skills: tuple[SkillStats, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> list[ItemStats]:
        """Items with at least one flag, in set order."""
        return [item for item in self.items if item.flags]

    @property
    def mean_score(self) -> float | None:
        """Mean share of right answers on first attempts."""
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def median_score(self) -> float | None:
        """Median share of right answers on first attempts."""
        return statistics.median(self.scores) if self.scores else None


def random_guess_score(question: Task) -> float:
    """Expected credit of a blind guess (0 for tasks that cannot be guessed)."""
    if not isinstance(question, Question):
        kind = task_parts(question)
        return kind.guess(question) if kind is not None else 0.0
    n = len(question.choices)
    if question.type is QuestionType.TRUE_FALSE:
        return 0.5
    if question.type is QuestionType.MULTIPLE:
        return _multiple_guess_credit(n, len(question.correct_ids))
    return 1 / n


def _multiple_guess_credit(choices: int, right: int) -> float:
    """Expected credit of a uniformly random non-empty pick among ``choices`` (``right`` of
    them right): (right picked − wrong picked) / right, never below 0 (core.scoring)."""
    if not right:
        return 0.0
    total = 0.0
    for found in range(right + 1):
        for wrong in range(choices - right + 1):
            if found > wrong:
                ways = math.comb(right, found) * math.comb(choices - right, wrong)
                total += ways * (found - wrong) / right
    return total / ((1 << choices) - 1)


def analyse_set(
    question_set: QuestionSet,
    responses: Iterable[Response],
    changed_answers: Mapping[str, int] | None = None,
) -> SetAnalysis:
    """Statistics for every question of ``question_set`` from first-attempt ``responses``.

    Responses to questions no longer in the set are ignored. ``changed_answers`` counts, per
    question id, answers given to an older version of the question (see
    :func:`count_changed_answers`).

    ``responses`` is read once, one at a time (a whole school's first attempts need not be in
    memory as objects): each item keeps its scores in typed columns and what the choice
    statistics need (shared values), each student a running total and count of right answers.
    The statistics are then computed over exactly the vectors an in-memory computation builds
    — each item's students in the order they first appeared, X₋ᵢ from the same totals — so
    they are the same numbers, bit for bit, when each student answers each question once (the
    database's unique key). A second answer of a student to a question replaces the first.
    """
    codes = _SetCodes()
    columns = {q.id: _ItemColumn(q, codes) for q in question_set.questions}
    rank: dict[int, int] = {}  # student → position in the order first seen
    totals = array("d")  # by rank: total score, and right answers
    rights = array("q")
    for response in responses:
        column = columns.get(response.question_id)
        if column is None:
            continue
        student = rank.get(response.student)
        if student is None:
            student = rank[response.student] = len(totals)
            totals.append(0.0)
            rights.append(0)
        score = _score(column.question, response)
        replaced = column.add(student, response, score)
        if replaced is not None:
            totals[student] -= replaced[0]
            rights[student] -= replaced[1]
        totals[student] += score
        rights[student] += response.correct
    changed = changed_answers or {}
    items = tuple(
        _item_stats(n, question, columns[question.id], totals, changed.get(question.id, 0))
        for n, question in enumerate(question_set.questions, start=1)
    )
    size = len(question_set.questions)
    return SetAnalysis(
        question_set=question_set,
        students=len(totals),
        scores=tuple(set_score(right, size) for right in rights),
        items=items,
        support=_support_stats(question_set, columns),
        calibration=tuple(_calibration(columns.values(), codes)),
        skills=_skill_stats(items),
    )


class _SetCodes:
    """The values the columns of one set's items code: picked choices, confidences, parts."""

    def __init__(self) -> None:
        self.chosen: ValueCodes[frozenset[str]] = ValueCodes()
        self.levels: ValueCodes[Confidence | None] = ValueCodes()
        self.hits: ValueCodes[tuple[tuple[str, int], ...]] = ValueCodes()


class _ItemColumn:
    """One item's first-attempt answers in typed columns: the student (by rank), the score,
    right or not, and what the choice statistics read (codes of the picked choices, the
    confidence, the parts a newer task's answer got right)."""

    def __init__(self, question: Task, codes: _SetCodes) -> None:
        self.question = question
        self.codes = codes
        self.ranks = array("q")
        self.scores = array("d")
        self.right = bytearray()
        self.chosen = array("I")
        self.confidence = array("I")
        self.hits = array("I")
        self.live = bytearray()  # 0: replaced by a later answer of the same student
        self._answered = bytearray()  # by student rank: 1 once the student answered the item

    def add(self, student: int, response: Response, score: float) -> tuple[float, int] | None:
        """Keep ``response`` (of the student ranked ``student``, scoring ``score``); return
        the score and rightness of the earlier answer of the same student it replaces."""
        replaced = None
        if student < len(self._answered) and self._answered[student]:
            earlier = self._last_live(student)
            replaced = (self.scores[earlier], self.right[earlier])
            self.live[earlier] = 0
        elif student >= len(self._answered):
            self._answered.extend(bytes(student + 1 - len(self._answered)))
        self._answered[student] = 1
        self.ranks.append(student)
        self.scores.append(score)
        self.right.append(1 if response.correct else 0)
        self.chosen.append(self.codes.chosen.code(response.chosen))
        self.confidence.append(self.codes.levels.code(response.confidence))
        hits: tuple[tuple[str, int], ...] = ()
        if not isinstance(self.question, Question):
            hits = tuple(sorted(part_hits(self.question, [response.response]).items()))
        self.hits.append(self.codes.hits.code(hits))
        self.live.append(1)
        return replaced

    def _last_live(self, student: int) -> int:
        # Only a student answering one question twice gets here (never in a stored class).
        return next(
            i
            for i in range(len(self.ranks) - 1, -1, -1)
            if self.ranks[i] == student and self.live[i]
        )

    def ordered(self) -> list[int]:
        """Positions of the answers that count, by student in order of first appearance."""
        return sorted(compress(range(len(self.ranks)), self.live), key=self.ranks.__getitem__)


def _score(question: Task, response: Response) -> float:
    """x_i; a multiple-answer response saved without its credit gets it from its choices."""
    if (
        response.credit is None
        and isinstance(question, Question)
        and question.type is QuestionType.MULTIPLE
        and response.chosen
    ):
        return credit(question, response.chosen).value
    return response.score


def _item_stats(
    number: int,
    question: Task,
    column: _ItemColumn,
    totals: Sequence[float],
    changed: int,
) -> ItemStats:
    order = column.ordered()
    x = [column.scores[i] for i in order]
    rest = [totals[column.ranks[i]] - xi for i, xi in zip(order, x, strict=True)]
    n = len(x)
    meaningful = n >= MIN_RESPONSES
    discrimination = _correlation(x, rest) if meaningful else None
    efficiency = _efficiency(x, rest) if meaningful else None
    flags: list[ItemFlag] = []
    if not meaningful:
        flags.append(ItemFlag.TOO_FEW_RESPONSES)
    if discrimination is not None and discrimination < 0:
        flags.append(ItemFlag.NEGATIVE_DISCRIMINATION)
    if efficiency is not None and efficiency < MIN_EFFICIENCY:
        flags.append(ItemFlag.LOW_EFFICIENCY)
    if changed:
        flags.append(ItemFlag.CHANGED)
    return ItemStats(
        number=number,
        question=question,
        responses=n,
        facility=statistics.fmean(x) if x else None,
        sd=statistics.stdev(x) if meaningful else None,
        discrimination=discrimination,
        efficiency=efficiency,
        guess_score=random_guess_score(question),
        choices=_choice_stats(question, column, order),
        changed_answers=changed,
        flags=tuple(flags),
    )


def _choice_stats(
    question: Task, column: _ItemColumn, order: Sequence[int]
) -> tuple[ChoiceStats, ...]:
    if not isinstance(question, Question):
        return _part_stats(question, column, order)
    counts = dict.fromkeys((c.id for c in question.choices), 0)
    picked = column.codes.chosen.values
    for i in order:
        for choice_id in picked[column.chosen[i]]:
            if choice_id in counts:
                counts[choice_id] += 1
    total = len(order)
    return tuple(
        ChoiceStats(c.id, c.text, c.correct, counts[c.id], counts[c.id] / total if total else 0.0)
        for c in question.choices
    )


def _part_stats(task: Task, column: _ItemColumn, order: Sequence[int]) -> tuple[ChoiceStats, ...]:
    """Per part of a newer task: how many responses got that part right (or ticked it)."""
    kind = task_parts(task)
    parts: list[tuple[str, str]] = kind.parts(task) if kind is not None else []
    hits: dict[str, int] = {}
    found = column.codes.hits.values
    for i in order:
        for part_id, count in found[column.hits[i]]:
            hits[part_id] = hits.get(part_id, 0) + count
    total = len(order)
    return tuple(
        ChoiceStats(
            pid,
            text,
            correct=True,
            count=hits.get(pid, 0),
            share=hits.get(pid, 0) / total if total else 0.0,
        )
        for pid, text in parts
    )


def covariance(x: Sequence[float], y: Sequence[float]) -> float:
    """Sample covariance (divides by n − 1); needs at least two pairs."""
    mx, my = statistics.fmean(x), statistics.fmean(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / (len(x) - 1)


def _correlation(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson correlation, or ``None`` when either vector is constant (it is undefined)."""
    vx, vy = covariance(x, x), covariance(y, y)
    if vx <= 0 or vy <= 0:
        return None
    return covariance(x, y) / math.sqrt(vx * vy)


def _efficiency(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Cov(x, y) / Cov_max, or ``None`` when Cov_max is 0 (a constant vector)."""
    cov_max = covariance(sorted(x), sorted(y))
    if cov_max <= 0:
        return None
    return covariance(x, y) / cov_max


def _support_stats(
    question_set: QuestionSet, columns: Mapping[str, _ItemColumn]
) -> SupportStats | None:
    """Hit rate, false-alarm rate and d′ over the set's support items; ``None`` if it has none."""
    supported: dict[str, bool] = {
        q.id: q.correct_ids == {SUPPORTED_CHOICE}
        for q in question_set.questions
        if isinstance(q, Question) and q.support_item
    }
    if not supported:
        return None
    counts = {True: [0, 0], False: [0, 0]}  # is supported → [said "supported", responses]
    for question_id, is_supported in supported.items():
        column = columns[question_id]
        picked = column.codes.chosen.values
        for code in compress(column.chosen, column.live):
            counts[is_supported][1] += 1
            if picked[code] == {SUPPORTED_CHOICE}:
                counts[is_supported][0] += 1
    (hits, signal), (false_alarms, noise) = counts[True], counts[False]
    return SupportStats(
        supported_items=sum(supported.values()),
        unsupported_items=sum(not s for s in supported.values()),
        hits=hits,
        supported_responses=signal,
        false_alarms=false_alarms,
        unsupported_responses=noise,
        d_prime=d_prime(hits, signal, false_alarms, noise),
    )


def d_prime(hits: int, signal: int, false_alarms: int, noise: int) -> float | None:
    """z(H) − z(FA) with the log-linear correction; ``None`` without both kinds of item."""
    if signal == 0 or noise == 0:
        return None
    z = statistics.NormalDist().inv_cdf
    return z((hits + 0.5) / (signal + 1)) - z((false_alarms + 0.5) / (noise + 1))


def count_changed_answers(
    answers: Iterable[tuple[str, str, str]], sets_by_language: Mapping[str, QuestionSet]
) -> dict[str, int]:
    """Per question id: answers whose stored hash differs from the current question's hash.

    ``answers`` are ``(language, question_id, stored_hash)``; each is compared with the
    question in the set of its own language (the hash covers the text, which differs per
    language). Answers whose language or question is not in the content are not counted.
    """
    current: dict[tuple[str, str], str] = {}
    changed: dict[str, int] = {}
    for language, question_id, stored in answers:
        key = (language, question_id)
        if key not in current:
            question_set = sets_by_language.get(language)
            question = question_set.question(question_id) if question_set else None
            current[key] = question_hash(question) if question is not None else ""
        expected = current[key]
        if expected and stored != expected:
            changed[question_id] = changed.get(question_id, 0) + 1
    return changed


def _skill_stats(items: Sequence[ItemStats]) -> tuple[SkillStats, ...]:
    by_skill: dict[str, list[ItemStats]] = {}
    for item in items:
        by_skill.setdefault(item.question.skill.value, []).append(item)
    result = []
    for skill, members in by_skill.items():
        right = sum((item.facility or 0.0) * item.responses for item in members)
        responses = sum(item.responses for item in members)
        result.append(SkillStats(skill, len(members), _ratio_f(right, responses)))
    return tuple(result)


def _calibration(columns: Iterable[_ItemColumn], codes: _SetCodes) -> list[CalibrationRow]:
    """Confidence calibration (:func:`quizapp.core.quiz.calibration`) over the answers that
    count, counted from the columns."""
    counted: Counter[tuple[int, int]] = Counter()
    for column in columns:
        counted.update(compress(zip(column.confidence, column.right, strict=True), column.live))
    levels = codes.levels.values
    return calibration_rows({(levels[code], right): n for (code, right), n in counted.items()})


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _ratio_f(part: float, whole: int) -> float | None:
    return part / whole if whole else None
