"""One class's results, gathered from the database for a report: students, attempts, answers.

:func:`load_dataset` is the only entry point; every writer (CSV, XLSX, PDF) and the teacher
screen work from the :class:`ClassDataset` it returns, so they all show the same numbers.

Answers are read in one streaming pass (a batch of rows at a time): it checks each row, counts
the right answers of every attempt and the answers per question version, and keeps the first
attempts' answers compactly (:class:`FirstAnswers`: a few bytes each, read as the item
analysis's :class:`Response`). The long
table of every answer is streamed from the database again when a report is written
(:meth:`ClassDataset.answer_rows`), so no answer row is held for it; the teacher screen,
which shows any attempt, keeps them all (``all_answers=True``).

"First attempt" is each student's first *finished full* attempt at a set, judged over all their
attempts regardless of the report's language and date filters: a second try in the date range
is still a second try. Item statistics use first attempts only (as Moodle does).

Rows whose values no report can use (a date in year 9999, an infinite duration, an unreadable
list – imported before imports were checked, or edited by hand) are left out and listed in
:attr:`ClassDataset.skipped` by id, so one bad row never breaks a whole class's report.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol, TypeVar

from quizapp.core.content.models import QuestionSet
from quizapp.core.nickname import marked
from quizapp.core.quiz import Confidence, question_hash
from quizapp.core.responses import TaskResponse
from quizapp.core.set_score import answer_points
from quizapp.i18n import N_, _, ngettext
from quizapp.reports.first_answers import FirstAnswers
from quizapp.reports.item_analysis import Response
from quizapp.storage.class_queries import ClassFilter
from quizapp.storage.rows.answer import AnswerRow
from quizapp.storage.rows.answer import decoded_response as stored_response
from quizapp.storage.rows.attempt import AttemptRow
from quizapp.storage.rows.fields import shared
from quizapp.storage.rows.student import StudentRow
from quizapp.storage.value_limits import date_in_range, seconds_in_range

Number = TypeVar("Number", int, float)

#: An answer as the reports see it (the stored row, ``chosen`` decoded).
ClassAnswer = AnswerRow
#: An attempt as the reports see it: the stored row, with ``is_first`` set for the student's
#: first finished full attempt at the set.
ClassAttempt = AttemptRow


class ClassSource(Protocol):
    """The narrow read interface reports need (``Repository.class_reader`` provides it)."""

    def has_real_students(self) -> bool:
        """True if there is at least one student who is not a demo student."""
        ...

    def students(self, flt: ClassFilter) -> list[StudentRow]:
        """The students matching the group and demo filters."""
        ...

    def attempts(self, flt: ClassFilter, *, all_dates_and_languages: bool) -> list[AttemptRow]:
        """Attempts of matching students at matching sets, oldest first."""
        ...

    def iter_answers(
        self, flt: ClassFilter, *, up_to_id: int | None = None, in_attempt_order: bool = False
    ) -> Iterator[AnswerRow]:
        """Answers in attempts matching every filter, streamed: as saved, or by attempt."""
        ...


@dataclass(frozen=True)
class ReportFilters:
    """What a report covers; ``None`` means "everything".

    Dates are local calendar days, both inclusive, applied to the day an attempt started.
    ``include_demo=None`` includes demo students only when the data holds no real students
    (a demo data folder), so a classroom report never mixes in the teacher's demo student.
    """

    set_id: str | None = None
    group: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    language: str | None = None
    include_demo: bool | None = None


@dataclass(frozen=True, slots=True)  # slots: one per student of a whole school
class ClassStudent:
    """A student as a report shows them: ``name`` is the nickname or the pseudonym."""

    id: int
    uuid: str
    name: str
    group: str
    is_demo: bool


@dataclass(frozen=True)
class SkippedRow:
    """A stored row left out of the report: ``kind`` is "attempt" or "answer"."""

    kind: str
    id: int
    reason: str  # untranslated (N_); see skipped_text


_SHOWN_SKIPPED = 10  # rows named in the message; the rest are counted


def skipped_text(rows: Sequence[SkippedRow]) -> str:
    """The rows left out of a report, by id and reason, in the current language ("" if none)."""
    if not rows:
        return ""
    kinds = {"attempt": _("attempt %(id)d"), "answer": _("answer %(id)d")}
    named = "; ".join(
        f"{kinds[row.kind] % {'id': row.id}} ({_(row.reason)})" for row in rows[:_SHOWN_SKIPPED]
    )
    if len(rows) > _SHOWN_SKIPPED:
        named += "; …"
    return ngettext(
        "%(n)d damaged row in the database was left out of the report: %(rows)s.",
        "%(n)d damaged rows in the database were left out of the report: %(rows)s.",
        len(rows),
    ) % {"n": len(rows), "rows": named}


class PositionIndex(Mapping[int, int]):
    """Id → position in a list of rows, for a whole school's attempts: ids are mostly dense,
    so positions sit in a typed array by id (4 bytes an id instead of a dictionary entry and
    an int object); sparse ids fall back to a dictionary. Iteration is by id, not position."""

    def __init__(self, ids: Sequence[int]) -> None:
        self._low = min(ids, default=0)
        span = max(ids, default=-1) - self._low + 1
        self._dense: array[int] | None = None
        self._sparse: dict[int, int] = {}
        self._count = len(ids)
        if span <= 4 * len(ids) + 1024 and len(ids) < 2**31:
            self._dense = array("i", [-1]) * span
            for n, row_id in enumerate(ids):
                self._dense[row_id - self._low] = n
        else:
            self._sparse = {row_id: n for n, row_id in enumerate(ids)}

    def __getitem__(self, row_id: int) -> int:
        found = self.get(row_id)
        if found is None:
            raise KeyError(row_id)
        return found

    def get(self, row_id: int, default: int | None = None) -> int | None:  # type: ignore[override]
        """The position of ``row_id``, else ``default`` (called once per answer: no raise)."""
        if self._dense is None:
            return self._sparse.get(row_id, default)
        if not isinstance(row_id, int):  # a dictionary would find no such key either
            return default
        at = row_id - self._low
        if 0 <= at < len(self._dense) and (n := self._dense[at]) >= 0:
            return n
        return default

    def __iter__(self) -> Iterator[int]:
        if self._dense is None:
            return iter(self._sparse)
        return (self._low + at for at, n in enumerate(self._dense) if n >= 0)

    def __len__(self) -> int:
        return self._count


class PerAttempt(Mapping[int, Number]):
    """Attempt id → a number, for every attempt of a report: a typed array beside one index
    shared by all such numbers (a whole school has a hundred thousand attempts)."""

    def __init__(self, index: Mapping[int, int], values: array[Number]) -> None:
        self.index = index  # attempt id → position in ClassDataset.attempts
        self.numbers: array[Number] = values

    def __getitem__(self, attempt_id: int) -> Number:
        return self.numbers[self.index[attempt_id]]

    def __iter__(self) -> Iterator[int]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


#: (set id, language, question id, stored question hash): how many answers were given to it.
VersionCounts = dict[tuple[str, str, str, str], int]


@dataclass
class ClassDataset:
    """Everything a class report needs, read once from the database.

    ``answers`` holds, by attempt id in the order saved, every answer when loaded with
    ``all_answers`` (else it is empty); :meth:`answer_rows` gives every answer either way.
    ``first_responses`` holds the first attempts' answers as the item analysis reads them.
    """

    filters: ReportFilters
    students: dict[int, ClassStudent]
    attempts: list[ClassAttempt]
    answers: dict[int, list[ClassAnswer]]
    first_responses: FirstAnswers
    sets: dict[tuple[str, str], QuestionSet]  # the current content, by (set id, language)
    pseudonymised: bool = False
    includes_demo: bool = False
    skipped: list[SkippedRow] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
    #: Right answers per attempt id (every attempt in the report).
    right_counts: Mapping[int, int] = field(default_factory=dict)
    #: Points per attempt id: every answer's credit added (core/score_text.answer_points).
    points: Mapping[int, float] = field(default_factory=dict)
    #: Answers per question version, to find answers given to an older version.
    versions: VersionCounts = field(default_factory=dict)
    #: Number of answers in the report.
    answer_count: int = 0
    #: Where the answers not in ``answers`` are streamed from (``None``: all are in memory).
    source: ClassSource | None = None
    query: ClassFilter | None = None
    last_answer_id: int | None = None

    def answer_rows(self) -> Iterator[tuple[ClassAttempt, ClassAnswer]]:
        """Every answer in the report with its attempt: by attempt in report order, then as
        saved. Streamed from the database unless every answer is in memory."""
        if self.source is None or self.query is None:
            for attempt in self.attempts:
                for answer in self.answers.get(attempt.id, ()):
                    yield attempt, answer
            return
        if self.last_answer_id is None:
            return  # the first pass found no answers
        index = PositionIndex([attempt.id for attempt in self.attempts])
        # The same rows as the first pass (up to its last id): its bad ones are known by id.
        bad = {row.id for row in self.skipped if row.kind == "answer"}
        rows = self.source.iter_answers(
            self.query, up_to_id=self.last_answer_id, in_attempt_order=True
        )
        for answer in rows:
            n = index.get(answer.attempt_id)
            if n is not None and answer.id not in bad:
                yield self.attempts[n], answer

    def set_ids(self) -> list[str]:
        """Ids of the sets in the report: the filtered one, else every set with attempts."""
        if self.filters.set_id is not None:
            return [self.filters.set_id]
        return sorted({attempt.set_id for attempt in self.attempts})

    def first_attempts(self, set_id: str) -> list[ClassAttempt]:
        """The first (finished, full) attempts at ``set_id`` in the report, oldest first."""
        return [a for a in self.attempts if a.set_id == set_id and a.is_first]

    def question_set(self, set_id: str, language: str) -> QuestionSet | None:
        """The set in ``language``, else in any language the content has it in."""
        found = self.sets.get((set_id, language))
        if found is not None:
            return found
        for (other_id, _language), question_set in sorted(self.sets.items()):
            if other_id == set_id:
                return question_set
        return None

    def sorted_students(self) -> list[ClassStudent]:
        """Students in report order: by group, then name (codes when pseudonymised)."""
        return sorted(
            self.students.values(), key=lambda s: (s.group.casefold(), s.name.casefold(), s.id)
        )


def load_dataset(
    source: ClassSource,
    question_sets: Iterable[QuestionSet],
    filters: ReportFilters | None = None,
    *,
    pseudonymise: bool = False,
    all_answers: bool = False,
) -> ClassDataset:
    """Read the results matching ``filters`` from ``source`` into a :class:`ClassDataset`.

    ``question_sets`` is the current content (all languages); it supplies question texts,
    choices and the hashes that reveal questions edited after they were answered. With
    ``all_answers`` every answer is kept in memory, otherwise only first attempts' answers
    (the rest are streamed again from ``source`` when a report is written).
    """
    filters = filters or ReportFilters()
    include_demo = filters.include_demo
    if include_demo is None:
        include_demo = not source.has_real_students()
    flt = _query_filter(filters, include_demo=include_demo)
    student_rows = source.students(flt)
    skipped: list[SkippedRow] = []
    every_attempt = _usable_attempts(source.attempts(flt, all_dates_and_languages=True), skipped)
    first_ids = _first_attempt_ids(every_attempt)
    kept = [row for row in every_attempt if _in_range(row, flt)]
    del every_attempt
    # Each attempt row is replaced in place (the old one freed at once): the first attempts
    # get their flag, and every row the student's id object (one per student, not per row).
    student_ids = {row.id: row.id for row in student_rows}
    for n, row in enumerate(kept):
        kept[n] = row._replace(
            is_first=row.id in first_ids,
            student_id=student_ids.get(row.student_id, row.student_id),
        )
    index = PositionIndex([attempt.id for attempt in kept])
    answers: dict[int, list[ClassAnswer]] = {a.id: [] for a in kept} if all_answers else {}
    responses = FirstAnswers(index)
    for first in kept:
        if first.is_first:
            responses.start(first.id, first.student_id)
    right_counts = PerAttempt(index, array("q", bytes(8 * len(kept))))
    points = PerAttempt(index, array("d", bytes(8 * len(kept))))
    question_sets = list(question_sets)
    unstored = _UnstoredCredit(question_sets)
    versions: VersionCounts = {}
    count, last_id = 0, None
    for answer in source.iter_answers(flt):
        at = index.get(answer.attempt_id)
        if at is None:
            continue
        attempt = kept[at]
        last_id = answer.id
        problem = _answer_problem(answer)
        if problem:
            skipped.append(SkippedRow("answer", answer.id, problem))
            continue
        count += 1
        if answer.correct:
            right_counts.numbers[at] += 1
        points.numbers[at] += (
            answer_points(answer.credit, correct=answer.correct)
            if answer.credit is not None or answer.correct
            else unstored.points(attempt.set_id, attempt.language, answer)
        )
        key = (attempt.set_id, attempt.language, answer.question_id, answer.question_hash)
        versions[key] = versions.get(key, 0) + 1
        if all_answers:
            answers[attempt.id].append(answer)
        if attempt.is_first:
            responses.add(attempt.id, attempt.student_id, answer)
    with_attempts = {attempt.student_id for attempt in kept}
    return ClassDataset(
        filters=filters,
        students=_students(
            [row for row in student_rows if row.id in with_attempts], pseudonymise=pseudonymise
        ),
        attempts=kept,
        answers=answers,
        first_responses=responses,
        sets={(s.id, s.language): s for s in question_sets},
        pseudonymised=pseudonymise,
        includes_demo=include_demo and any(row.is_demo for row in student_rows),
        skipped=skipped,
        right_counts=right_counts,
        points=points,
        versions=versions,
        answer_count=count,
        source=None if all_answers else source,
        query=flt,
        last_answer_id=last_id,
    )


class _UnstoredCredit:
    """The points of a wrong answer saved without its credit (a multiple-answer question
    answered before credits were stored, or a demo class): worked out from its choices against
    the version it was answered in, as the Answers table does (``None`` credit otherwise)."""

    def __init__(self, question_sets: Sequence[QuestionSet]) -> None:
        self._sets: dict[tuple[str, str], QuestionSet] = {
            (s.id, s.language): s for s in question_sets
        }
        self._known: dict[tuple[str, str, str, str, frozenset[str]], float] = {}

    def points(self, set_id: str, language: str, answer: AnswerRow) -> float:
        chosen = frozenset(answer.chosen)
        key = (set_id, language, answer.question_id, answer.question_hash, chosen)
        found = self._known.get(key)
        if found is None:
            question_set = self._sets.get((set_id, language))
            question = question_set.question(answer.question_id) if question_set else None
            same = question is not None and question_hash(question) == answer.question_hash
            found = answer_points(
                None, correct=False, question=question if same else None, chosen=chosen
            )
            if len(self._known) < 50_000:
                self._known[key] = found
        return found


def _usable_attempts(rows: Sequence[AttemptRow], skipped: list[SkippedRow]) -> list[AttemptRow]:
    """The rows every report can use; the others go to ``skipped`` with the reason."""
    usable = []
    for row in rows:
        problem = row.problem
        if not problem and not date_in_range(row.started_at):
            problem = N_("start time out of range")
        if not problem and row.finished_at is not None and not date_in_range(row.finished_at):
            problem = N_("finish time out of range")
        if problem:
            skipped.append(SkippedRow("attempt", row.id, problem))
        else:
            usable.append(row)
    return usable


def _answer_problem(row: AnswerRow) -> str:
    if row.problem:
        return row.problem
    if not date_in_range(row.answered_at):
        return N_("answer time out of range")
    if not seconds_in_range(row.seconds):
        return N_("time taken out of range")
    return ""


def first_response(student_id: int, answer: ClassAnswer) -> Response:
    """An answer as the item analysis reads it (the task's answer decoded, if any)."""
    return Response(
        student_id,
        answer.question_id,
        answer.chosen,
        answer.correct,
        _confidence(answer.confidence),
        credit=answer.credit,
        response=decoded_response(answer),
    )


def decoded_response(answer: ClassAnswer) -> TaskResponse | None:
    """The stored answer to a newer task type; ``None`` for choice questions or if unreadable
    (damaged in an imported file: the row still counts as right or wrong)."""
    return stored_response(answer.response)


_CONFIDENCES = {level.value: level for level in Confidence}


def _confidence(value: str | None) -> Confidence | None:
    # None also for a level written by a newer version of the app.
    return _CONFIDENCES.get(value) if value else None


def pseudonym(student_uuid: str, length: int = 6) -> str:
    """A stable code for a student: ``"S-"`` and the first hex digits of SHA-256(uuid).

    Any text hashes (a forged or damaged UUID need not be ASCII, nor even valid Unicode); a
    proper UUID gives the same code as before.
    """
    return "S-" + hashlib.sha256(student_uuid.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def local_day_start_utc(day: date) -> datetime:
    """Midnight at the start of local ``day``, as the naive UTC datetime the database stores."""
    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    """A stored naive UTC datetime as naive local time (what a teacher reads on a report)."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class LocalClock:
    """:func:`to_local` for many moments: the UTC offset is looked up once per hour.

    An hour whose offset is the same at its start and at its end (every hour but the ones
    with a clock change) reuses it; in the others each moment is converted on its own, so the
    result is always exactly :func:`to_local`'s.
    """

    def __init__(self) -> None:
        self._offsets: dict[tuple[int, int, int, int], timedelta | None] = {}

    def __call__(self, moment: datetime) -> datetime:
        """``moment`` (naive UTC) as naive local time."""
        key = (moment.year, moment.month, moment.day, moment.hour)
        if key not in self._offsets:
            start = moment.replace(minute=0, second=0, microsecond=0)
            end = start + timedelta(hours=1)
            before, after = to_local(start) - start, to_local(end) - end
            if len(self._offsets) > 100_000:
                self._offsets.clear()  # years of answers: keep the cache small
            self._offsets[key] = before if before == after else None
        offset = self._offsets[key]
        return to_local(moment) if offset is None else moment + offset


def _query_filter(filters: ReportFilters, *, include_demo: bool) -> ClassFilter:
    before = None
    if filters.date_to is not None:
        before = local_day_start_utc(filters.date_to + timedelta(days=1))
    return ClassFilter(
        set_id=filters.set_id,
        group=filters.group,
        language=filters.language,
        started_from=local_day_start_utc(filters.date_from) if filters.date_from else None,
        started_before=before,
        include_demo=include_demo,
    )


def _in_range(row: AttemptRow, flt: ClassFilter) -> bool:
    """The language and date filters, applied in Python to the attempts read for all dates."""
    if flt.language is not None and row.language != flt.language:
        return False
    if flt.started_from is not None and row.started_at < flt.started_from:
        return False
    return not (flt.started_before is not None and row.started_at >= flt.started_before)


def _first_attempt_ids(rows: Sequence[AttemptRow]) -> set[int]:
    first: dict[tuple[int, str], tuple[datetime, int]] = {}
    for row in rows:
        if row.finished_at is None or row.mode != "full":
            continue
        key = (row.student_id, row.set_id)
        candidate = (row.finished_at, row.id)
        current = first.get(key)
        if current is None or candidate < current:
            first[key] = candidate
    return {attempt_id for _finished, attempt_id in first.values()}


def _students(rows: Sequence[StudentRow], *, pseudonymise: bool) -> dict[int, ClassStudent]:
    names = _pseudonyms(rows) if pseudonymise else _nicknames(rows)
    return {
        # The group's name is one object per group, not per student.
        row.id: ClassStudent(row.id, row.uuid, names[row.id], shared(row.group), row.is_demo)
        for row in rows
    }


def _nicknames(rows: Sequence[StudentRow]) -> dict[int, str]:
    """Nicknames; where students of a class database look alike (same nickname and group
    under different logins), each with the login that created it, so a login posing as a
    classmate shows."""
    alike: dict[tuple[str, str, bool], set[str]] = {}
    for row in rows:
        alike.setdefault((row.nickname.casefold(), row.group, row.is_demo), set()).add(row.login)
    names = {}
    for row in rows:
        logins = alike[(row.nickname.casefold(), row.group, row.is_demo)]
        if len(logins) > 1 and row.login:
            names[row.id] = _("%(nickname)s (login %(login)s)") % {
                "nickname": row.nickname,
                "login": row.login,
            }
        else:
            names[row.id] = row.nickname
        names[row.id] = marked(names[row.id], row.nickname)
    return names


def _pseudonyms(rows: Sequence[StudentRow]) -> dict[int, str]:
    """Codes for all students; the few whose 6-digit codes collide get longer ones.

    Lengthening only the colliding codes keeps every other student's code the same in
    every report, which is what makes the codes useful across reports.
    """
    codes: dict[int, str] = {}
    pending = list(rows)
    length = 6
    while pending:
        by_code: dict[str, list[StudentRow]] = {}
        for row in pending:
            by_code.setdefault(pseudonym(row.uuid, length), []).append(row)
        pending = []
        for code, group in by_code.items():
            if len(group) == 1:
                codes[group[0].id] = code
            else:
                pending.extend(group)
        length += 2
    return codes
