"""A simulated class, for trying out the teacher's reports without real students' data.

Every student is marked ``is_demo`` and sits in the group "Demo class" ("Demo-Klasse"), with
nicknames "Demo 01", "Demo 02", … Results are drawn from a seeded item-response model, so the
same seed gives the same class:

- each student has an ability θ ~ N(0, 1);
- each question has a difficulty b from its ``difficulty`` field (1 → −1, 2 → 0, 3 → +1, plus a
  little noise; all-or-nothing multiple choice a bit harder) and a discrimination a;
- P(right) = c + (1 − c) · logistic(a(θ − b)), where c is the random-guess score (a 2PL model
  with a guessing floor, so true/false items are not answered wrongly by everyone);
- wrong answers favour one "attractive" distractor per question, confidence goes with being
  right, some students take a set twice (a little better the second time), some practise
  the questions they missed.

The rows are written like an imported results file (idempotent by UUID), a batch of
:data:`BATCH_STUDENTS` students per transaction, so a class of any size is never held in
memory as a whole (5,000 students were 1.2 GB as one payload).
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from quizapp.core.content.models import Question, QuestionSet, QuestionType, Task
from quizapp.core.quiz import question_hash
from quizapp.demo.task_answers import demo_answer
from quizapp.i18n import _
from quizapp.reports.item_analysis import random_guess_score
from quizapp.storage.exchange import insert_payload
from quizapp.storage.exchange_format import AnswerOut, AttemptOut, Payload, StudentOut

if TYPE_CHECKING:
    from quizapp.storage.repository import Repository

DEMO_GROUPS = {"de": "Demo-Klasse", "en": "Demo class"}
_DIFFICULTY = {1: -1.0, 2: 0.0, 3: 1.0}
REPEAT_SHARE = 0.25  # students who take a set a second time
PRACTICE_SHARE = 0.15  # students who then practise the questions they missed
OTHER_LANGUAGE_SHARE = 0.1  # students who use the other language version
#: Students generated and written per transaction by :func:`create_demo_class`.
BATCH_STUDENTS = 200


@dataclass(frozen=True)
class _Item:
    question: Task
    hash: str
    a: float
    b: float
    guess: float
    distractor_weights: dict[str, float]


@dataclass(frozen=True)
class _Sitting:
    """One student at one set in one language."""

    student: str  # uuid
    set_id: str
    language: str
    items: list[_Item]


@dataclass
class _Builder:
    rng: random.Random
    today: date
    students: list[StudentOut]
    attempts: list[AttemptOut]
    answers: list[AnswerOut]

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`create_demo_class` added."""

    students: int
    attempts: int
    answers: int
    group: str


class DemoError(Exception):
    """The demo class was not created (:attr:`message` is for the user)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def create_demo_class(
    repository: Repository,
    question_sets: Sequence[QuestionSet],
    students: int = 30,
    *,
    seed: int = 0,
    answers_scale: int = 1,
    language: str = "de",
) -> DemoSummary:
    """Add a simulated class to ``repository`` (see :func:`build_demo_class`).

    Refuses (:class:`DemoError`) when the database holds real students: the demo class
    belongs in a folder of its own, never among a class's real results.
    """
    if repository.class_reader.has_real_students():
        raise DemoError(
            _(
                "This data folder holds real students' results. Create the demo class in an "
                "empty folder of its own (--data-dir)."
            )
        )
    if not question_sets:
        raise DemoError(_("There are no question sets to simulate answers for."))
    added = [0, 0, 0]
    for payload in iter_demo_class(
        question_sets, students, seed=seed, answers_scale=answers_scale, language=language
    ):
        summary = insert_payload(repository, payload)
        added[0] += summary.students.added + summary.merged_students
        added[1] += summary.attempts.added
        added[2] += summary.answers.added
    return DemoSummary(added[0], added[1], added[2], demo_group(language))


def demo_group(language: str) -> str:
    """The demo class's group name in ``language``."""
    return DEMO_GROUPS.get(language, DEMO_GROUPS["en"])


def build_demo_class(
    question_sets: Sequence[QuestionSet],
    students: int = 30,
    *,
    seed: int = 0,
    answers_scale: int = 1,
    language: str = "de",
    today: date | None = None,
) -> Payload:
    """Simulated students, attempts and answers for ``question_sets`` (all languages given).

    ``answers_scale`` K lets every student take every set K more times (for benchmarks:
    ``students=400, answers_scale=9`` gives about 100,000 answers with the shipped sets).
    """
    whole = Payload(students=[], attempts=[], answers=[])
    for part in iter_demo_class(
        question_sets,
        students,
        seed=seed,
        answers_scale=answers_scale,
        language=language,
        today=today,
    ):
        whole.students.extend(part.students)
        whole.attempts.extend(part.attempts)
        whole.answers.extend(part.answers)
    return whole


def iter_demo_class(
    question_sets: Sequence[QuestionSet],
    students: int = 30,
    *,
    seed: int = 0,
    answers_scale: int = 1,
    language: str = "de",
    today: date | None = None,
    batch: int = BATCH_STUDENTS,
) -> Iterator[Payload]:
    """:func:`build_demo_class`'s class, ``batch`` students (with their attempts and answers)
    at a time: the same seed gives the same rows however they are batched."""
    if students < 1 or answers_scale < 1:
        raise ValueError("students and answers_scale must be at least 1")
    rng = random.Random(seed)
    builder = _Builder(rng, today or datetime.now(UTC).date(), [], [], [])
    versions = _versions_by_set(question_sets)
    items: dict[tuple[str, str], list[_Item]] = {
        (s.id, s.language): [_item(q, random.Random(f"{seed}:{s.id}:{q.id}")) for q in s.questions]
        for sets in versions.values()
        for s in sets.values()
    }
    width = max(2, len(str(students)))
    group = demo_group(language)
    for n in range(1, students + 1):
        student = StudentOut(
            uuid=builder.new_uuid(),
            nickname=f"Demo {n:0{width}d}",
            group=group,
            is_demo=True,
            created_at=_moment(builder.today - timedelta(days=30), 8 * 3600),
        )
        builder.students.append(student)
        theta = rng.gauss(0.0, 1.0)
        other = rng.random() < OTHER_LANGUAGE_SHARE
        for set_id in sorted(versions):
            lang = _pick_language(versions[set_id], language, other=other)
            sitting = _Sitting(student.uuid, set_id, lang, items[(set_id, lang)])
            _student_takes_set(builder, sitting, theta, answers_scale)
        if n % batch == 0 or n == students:
            yield Payload(
                students=builder.students, attempts=builder.attempts, answers=builder.answers
            )
            builder.students, builder.attempts, builder.answers = [], [], []


def _versions_by_set(question_sets: Sequence[QuestionSet]) -> dict[str, dict[str, QuestionSet]]:
    versions: dict[str, dict[str, QuestionSet]] = {}
    for question_set in question_sets:
        versions.setdefault(question_set.id, {})[question_set.language] = question_set
    return versions


def _pick_language(versions: dict[str, QuestionSet], language: str, *, other: bool) -> str:
    choices = sorted(versions)
    if language in versions and (not other or len(choices) == 1):
        return language
    others = [lang for lang in choices if lang != language]
    return others[0] if others else choices[0]


def _item(question: Task, rng: random.Random) -> _Item:
    """Item parameters; ``rng`` is seeded by set and question id, so both language versions
    of a question behave alike (they are the same question)."""
    b = _DIFFICULTY[question.difficulty] + rng.gauss(0.0, 0.3)
    if question.type is QuestionType.MULTIPLE:
        b += 0.4  # every box must be right
    choices = question.choices if isinstance(question, Question) else []
    wrong = [c.id for c in choices if not c.correct]
    # One distractor is the tempting one (a common misreading); the others draw fewer.
    weights = {choice_id: rng.uniform(0.2, 1.0) for choice_id in wrong}
    if wrong:
        weights[rng.choice(wrong)] = 3.0
    return _Item(
        question=question,
        hash=question_hash(question),
        a=rng.uniform(0.7, 1.8),
        b=b,
        guess=random_guess_score(question),
        distractor_weights=weights,
    )


def _student_takes_set(builder: _Builder, sitting: _Sitting, theta: float, scale: int) -> None:
    rng = builder.rng
    start_day = builder.today - timedelta(days=rng.randint(5, 21))
    takes = scale + (1 if rng.random() < REPEAT_SHARE else 0)
    for take in range(takes):
        day = start_day + timedelta(days=take * rng.randint(1, 3))
        # A little better every time: they read the explanations.
        missed = _attempt(builder, sitting, theta + 0.3 * take, sitting.items, day, "full")
        if take == 0 and missed and rng.random() < PRACTICE_SHARE:
            _attempt(builder, sitting, theta + 0.3, missed, day, "practice")


def _attempt(
    builder: _Builder,
    sitting: _Sitting,
    theta: float,
    items: list[_Item],
    day: date,
    mode: str,
) -> list[_Item]:
    """Add one finished attempt; return the items answered wrongly."""
    rng = builder.rng
    clock = _moment(day, rng.randint(8 * 3600, 15 * 3600))
    attempt = AttemptOut(
        uuid=builder.new_uuid(),
        student=sitting.student,
        set_id=sitting.set_id,
        language=sitting.language,
        seed=rng.randrange(2**31),
        question_ids=[item.question.id for item in items],
        mode="practice" if mode == "practice" else "full",
        started_at=clock,
    )
    missed = []
    for item in items:
        correct, chosen = _respond(item, theta, rng)
        task_answer = demo_answer(item.question, rng, right=correct)
        confidence = _confidence(theta, rng, correct=correct)
        seconds = round(
            rng.lognormvariate(math.log(25 if confidence != "guessing" else 12), 0.5), 1
        )
        clock += timedelta(seconds=seconds + rng.uniform(5, 30))  # reading the feedback
        builder.answers.append(
            AnswerOut(
                uuid=builder.new_uuid(),
                attempt=attempt.uuid,
                question_id=item.question.id,
                question_hash=item.hash,
                chosen=sorted(chosen),
                correct=correct,
                confidence=confidence,
                seconds=seconds,
                answered_at=clock,
                response=task_answer.response if task_answer else None,
                credit=task_answer.credit if task_answer else None,
            )
        )
        if not correct:
            missed.append(item)
    builder.attempts.append(attempt.model_copy(update={"finished_at": clock}))
    return missed


def _respond(item: _Item, theta: float, rng: random.Random) -> tuple[bool, set[str]]:
    p = item.guess + (1 - item.guess) / (1 + math.exp(-item.a * (theta - item.b)))
    question = item.question
    if not isinstance(question, Question):
        return rng.random() < p, set()  # the answer itself comes from demo_answer
    right = set(question.correct_ids)
    if rng.random() < p:
        return True, right
    return False, _wrong_choice(item, right, rng)


def _wrong_choice(item: _Item, right: set[str], rng: random.Random) -> set[str]:
    weights = item.distractor_weights
    picked = rng.choices(list(weights), weights=list(weights.values()))[0] if weights else None
    if item.question.type is not QuestionType.MULTIPLE:
        return {picked} if picked else set(right)
    chosen = set(right)
    if len(chosen) > 1 and rng.random() < 0.5:
        chosen.discard(rng.choice(sorted(chosen)))
    if picked and (chosen == right or rng.random() < 0.6):
        chosen.add(picked)
    if chosen == right:  # only possible without distractors: drop one right box
        chosen.discard(sorted(chosen)[0])
    return chosen or {sorted(right)[0]}


def _confidence(theta: float, rng: random.Random, *, correct: bool) -> str | None:
    if rng.random() < 0.1:
        return None  # the confidence question is optional
    sure = 1 / (1 + math.exp(-(0.8 * theta + (1.0 if correct else -0.9))))
    roll = rng.random()
    if roll < sure:
        return "sure"
    return "unsure" if rng.random() < (0.65 if correct else 0.45) else "guessing"


def _moment(day: date, seconds: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(seconds=seconds)
