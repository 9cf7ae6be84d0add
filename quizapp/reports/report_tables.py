"""The report's tables as typed rows, shared by the CSV and XLSX writers.

Each :class:`Table` has columns with a :class:`Kind` and rows of plain values; each writer
decides how a kind looks in its format (a percentage is ``0.75`` with a ``0%`` format in
XLSX and ``75`` in a column headed "(%)" in CSV). Headers are translated when the table is
built, so build tables inside :func:`quizapp.reports.formatting.report_language`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quizapp.core.content.models import Question, QuestionType, Task
from quizapp.core.progress import LEVEL_LABELS as PROGRESS_LEVEL_LABELS
from quizapp.core.progress import SKILL_LABELS as PROGRESS_SKILL_LABELS
from quizapp.core.quiz import question_hash
from quizapp.core.responses import describe
from quizapp.core.score_text import parts_text, verdict_text
from quizapp.core.scoring import credit
from quizapp.core.set_score import answer_points, set_score
from quizapp.i18n import N_, _
from quizapp.reports.class_report import ClassReport, SetReport, decoded_response
from quizapp.reports.dataset import ClassAnswer, ClassAttempt, LocalClock
from quizapp.reports.formatting import percent
from quizapp.reports.item_analysis import ItemStats

Value = str | int | float | datetime | None


class Kind(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"  # may come from users: neutralised against formulas
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"  # a fraction: 0.75 is 75 %
    DATETIME = "datetime"  # naive local time
    YES_NO = "yes_no"  # 1 or 0, shown as the report language's "yes"/"no"


@dataclass(frozen=True)
class Column:
    """A column: translated header, kind, and a width hint in characters."""

    header: str
    kind: Kind
    width: int = 12


@dataclass
class Table:
    """A titled table; ``rows`` may be a generator (the answers table is big).

    ``repeated``: the first so many cells of a row repeat in runs of rows (the answers
    table's attempt columns), so a writer may convert them once per run.
    """

    title: str
    columns: list[Column]
    rows: Iterator[list[Value]]
    repeated: int = 0


SKILL_LABELS = PROGRESS_SKILL_LABELS  # one wording for skills, in the app and in reports
LEVEL_LABELS = PROGRESS_LEVEL_LABELS  # and for levels
TYPE_LABELS = {
    "single": N_("Single choice"),
    "multiple": N_("Multiple choice"),
    "true_false": N_("True/false"),
    "order": N_("Order"),
    "categorize": N_("Categorize"),
    "evidence": N_("Mark evidence"),
    "short_text": N_("Short text"),
}
# The same words as on the quiz screen ("Not sure", not "unsure"): one wording everywhere.
CONFIDENCE_LABELS = {"sure": N_("Sure"), "unsure": N_("Not sure"), "guessing": N_("Guessing")}
MODE_LABELS = {"full": N_("full"), "practice": N_("practice")}


def label(labels: dict[str, str], key: str | None) -> str:
    """The translated label for ``key`` (the key itself if unknown, empty for ``None``)."""
    if key is None:
        return ""
    return _(labels[key]) if key in labels else key


def matrix_table(report: ClassReport) -> Table:
    """Students × questions: one row per student, first-attempt results (1 right, 0 wrong).

    Headers name the sets by their titles; the question columns keep the question ids (the
    Answers and Item analysis tables give each id its set, title and prompt).
    """
    columns = [Column(_("Student"), Kind.TEXT, 18), Column(_("Group"), Kind.TEXT, 14)]
    for set_report in report.sets:
        name = set_report.title
        columns += [
            Column(_("%(set)s – right (first attempt)") % {"set": name}, Kind.INTEGER, 10),
            Column(_("%(set)s – score (first attempt)") % {"set": name}, Kind.PERCENT, 10),
            Column(_("%(set)s – points (first attempt)") % {"set": name}, Kind.DECIMAL, 10),
            Column(_("%(set)s – best score") % {"set": name}, Kind.PERCENT, 10),
            Column(_("%(set)s – finished attempts") % {"set": name}, Kind.INTEGER, 10),
        ]
    question_columns = [(s.set_id, qid) for s in report.sets for qid in s.question_ids]
    unique = len({qid for _s, qid in question_columns}) == len(question_columns)
    columns += [
        Column(qid if unique else f"{set_id}/{qid}", Kind.INTEGER, max(6, len(qid) + 2))
        for set_id, qid in question_columns
    ]
    return Table(_("Students × Questions"), columns, _matrix_rows(report, question_columns))


def _matrix_rows(
    report: ClassReport, questions: Sequence[tuple[str, str]]
) -> Iterator[list[Value]]:
    for line in report.students:
        row: list[Value] = [line.student.name, line.student.group]
        for set_report in report.sets:
            result = line.results.get(set_report.set_id)
            if result is None:
                row += [None, None, None, None, None]
                continue
            share = points = None
            if result.first_score is not None and result.first_total:
                share = set_score(result.first_score, result.first_total)
                points = result.first_points
            row += [result.first_score, share, points, result.best, result.finished]
        first_answers = line.first_answers  # built per line, not kept
        for key in questions:
            correct = first_answers.get(key)
            row.append(None if correct is None else int(correct))
        yield row


def answers_table(report: ClassReport) -> Table:
    """One row per answer in the report (all attempts, finished or not)."""
    columns = [
        Column(_("Student"), Kind.TEXT, 18),
        Column(_("Group"), Kind.TEXT, 14),
        Column(_("Set"), Kind.TEXT, 24),
        Column(_("Set id"), Kind.TEXT, 16),
        Column(_("Language"), Kind.TEXT, 9),
        Column(_("Attempt"), Kind.TEXT, 38),
        Column(_("Mode"), Kind.TEXT, 10),
        Column(_("First attempt"), Kind.YES_NO, 8),
        Column(_("Finished"), Kind.YES_NO, 8),
        Column(_("Question"), Kind.TEXT, 14),
        Column(_("Position"), Kind.INTEGER, 8),
        Column(_("Skill"), Kind.TEXT, 16),
        Column(_("Chosen"), Kind.TEXT, 30),
        Column(_("Chosen (ids)"), Kind.TEXT, 10),
        Column(_("Correct"), Kind.YES_NO, 8),
        Column(_("Result"), Kind.TEXT, 30),
        Column(_("Right choices found"), Kind.TEXT, 10),
        Column(_("Confidence"), Kind.TEXT, 11),
        Column(_("Seconds"), Kind.DECIMAL, 9),
        Column(_("Answered at"), Kind.DATETIME, 17),
        Column(_("Older question version"), Kind.YES_NO, 10),
        # The newer task types: partial credit, and what was answered (the written text, the
        # marked words, the order, the categories), so teachers can read it.
        Column(_("Credit"), Kind.PERCENT, 8),
        Column(_("Answer given"), Kind.TEXT, 40),
    ]
    return Table(_("Answers"), columns, _answer_rows(report), repeated=_ATTEMPT_COLUMNS)


#: The answers table's first columns: the student's and the attempt's (the same for a run).
_ATTEMPT_COLUMNS = 9


def _answer_rows(report: ClassReport) -> Iterator[list[Value]]:
    # Runs once per answer (millions in a big class): everything that depends only on the
    # question, the attempt or the choices is looked up once and reused.
    dataset = report.dataset
    labels = {key: _(text) for key, text in CONFIDENCE_LABELS.items()}
    modes = {key: _(text) for key, text in MODE_LABELS.items()}
    found_text = _("%(found)d of %(of)d")
    local = LocalClock()
    questions = _QuestionTables(report)
    verdicts: dict[tuple[bool, float], str] = {}
    shown: ClassAttempt | None = None
    head: list[Value] = []
    positions: dict[str, int] = {}
    table: dict[str, _CurrentQuestion] = {}
    scored: dict[tuple[str, frozenset[str]], _Scored] = {}
    for attempt, answer in dataset.answer_rows():
        if attempt is not shown:
            shown = attempt
            student = dataset.students[attempt.student_id]
            positions = {qid: n for n, qid in enumerate(attempt.question_ids, start=1)}
            title, table, scored = questions.of(attempt.set_id, attempt.language)
            head = [student.name, student.group, title, attempt.set_id, attempt.language]
            head += [attempt.uuid, modes.get(attempt.mode, attempt.mode)]
            head += [int(attempt.is_first), int(attempt.finished)]
        question = table.get(answer.question_id)
        changed = None if question is None else int(answer.question_hash != question.hash)
        choice_key = (answer.question_id, answer.chosen)
        cached = scored.get(choice_key)
        if cached is None:
            if len(scored) > _REMEMBERED:
                scored.clear()
            cached = scored[choice_key] = _scored(question, answer.chosen, found_text)
        # The partial count and credit of a choice question (scoring.credit), only against
        # the version that was answered; answers saved before the credit was stored get it
        # here, so every multiple-answer row has one.
        found, earned_credit = None, answer.credit
        if cached.found is not None and not changed:
            found = cached.found
            if earned_credit is None:
                earned_credit = cached.credit
        points = answer_points(earned_credit, correct=answer.correct)
        verdict = verdicts.get((answer.correct, points))
        if verdict is None:
            verdict = verdicts[(answer.correct, points)] = verdict_text(
                correct=answer.correct, credit=points
            )
        result = verdict
        if answer.response is not None and question is not None and not answer.correct:
            parts = parts_text(question.task, decoded_response(answer))
            result = f"{verdict}: {parts}" if parts else verdict
        yield [
            *head,
            answer.question_id,
            positions.get(answer.question_id),
            None if question is None else question.skill,
            cached.chosen_text,
            cached.chosen_ids,
            int(answer.correct),
            result,
            found,
            labels.get(answer.confidence or "", answer.confidence),
            round(answer.seconds, 1),
            local(answer.answered_at),
            changed,
            earned_credit,
            None
            if answer.response is None
            else _answer_given(answer, report, attempt.set_id, attempt.language),
        ]


@dataclass(frozen=True, slots=True)
class _CurrentQuestion:
    """A question of the current content as the answers table reads it."""

    hash: str
    skill: str
    task: Task


@dataclass(frozen=True, slots=True)
class _Scored:
    """What the answers table shows of one choice answer to one question: the chosen texts
    and ids, and for a choice question the count of right choices found and the credit."""

    chosen_text: str
    chosen_ids: str
    found: str | None  # None: not a choice question (or not in the content)
    credit: float | None  # a multiple-answer question's credit, else None


def _scored(question: _CurrentQuestion | None, chosen: frozenset[str], found_text: str) -> _Scored:
    task = question.task if question is not None else None
    texts, ids = _chosen(task, chosen)
    if not isinstance(task, Question):
        return _Scored(texts, ids, None, None)
    earned = credit(task, chosen)
    found = found_text % {"found": earned.found, "of": earned.of}
    return _Scored(texts, ids, found, earned.value if earned.multiple else None)


class _QuestionTables:
    """Per set and language of the report's attempts: the set's title (in the report's
    language), its current questions by id, and the scored answers seen so far."""

    def __init__(self, report: ClassReport) -> None:
        self._report = report
        self._tables: dict[
            tuple[str, str],
            tuple[str, dict[str, _CurrentQuestion], dict[tuple[str, frozenset[str]], _Scored]],
        ] = {}

    def of(
        self, set_id: str, language: str
    ) -> tuple[str, dict[str, _CurrentQuestion], dict[tuple[str, frozenset[str]], _Scored]]:
        """(title, current questions by id, scored answers) for ``set_id`` in ``language``."""
        found = self._tables.get((set_id, language))
        if found is None:
            dataset = self._report.dataset
            shown_set = dataset.question_set(set_id, self._report.language)
            title = shown_set.title if shown_set is not None else set_id
            content = dataset.sets.get((set_id, language))
            current = {
                q.id: _CurrentQuestion(question_hash(q), label(SKILL_LABELS, q.skill.value), q)
                for q in (content.questions if content is not None else ())
            }
            found = self._tables[(set_id, language)] = (title, current, {})
        return found


#: Distinct chosen answers remembered before the memory is cleared (bounds the writer's memory).
_REMEMBERED = 20_000


def _chosen(question: Task | None, chosen: frozenset[str]) -> tuple[str, str]:
    """(the chosen answers as their texts, as their ids): "Wahr" and "true", so a spreadsheet
    reads words, not ids (and never a boolean)."""
    ids = sorted(chosen)
    if not isinstance(question, Question):
        return "", "+".join(ids)
    texts = [(c.text if (c := question.choice(cid)) is not None else cid) for cid in ids]
    return " + ".join(texts), "+".join(ids)


def _answer_given(
    answer: ClassAnswer, report: ClassReport, set_id: str, language: str
) -> str | None:
    response = decoded_response(answer)
    if response is None:
        return None
    question_set = report.dataset.question_set(set_id, language)
    task = question_set.question(answer.question_id) if question_set is not None else None
    return describe(response, task)


def items_table(report: ClassReport) -> Table:
    """One row per question of every analysed set: Moodle's statistics and flags."""
    columns = [
        Column(_("Set"), Kind.TEXT, 24),
        Column(_("Set id"), Kind.TEXT, 14),
        Column(_("No."), Kind.INTEGER, 5),
        Column(_("Question"), Kind.TEXT, 12),
        Column(_("Prompt"), Kind.TEXT, 50),
        Column(_("Type"), Kind.TEXT, 15),
        Column(_("Skill"), Kind.TEXT, 16),
        Column(_("Level"), Kind.TEXT, 14),
        Column(_("First attempts"), Kind.INTEGER, 9),
        Column(_("Facility"), Kind.PERCENT, 9),
        Column(_("Standard deviation"), Kind.PERCENT, 10),
        Column(_("Discrimination index"), Kind.PERCENT, 12),
        Column(_("Discriminative efficiency"), Kind.PERCENT, 12),
        Column(_("Random guess score"), Kind.PERCENT, 10),
        Column(_("Choices picked"), Kind.TEXT, 40),
        Column(_("Answers to an older version"), Kind.INTEGER, 10),
        Column(_("Flags"), Kind.TEXT, 60),
    ]
    return Table(_("Item analysis"), columns, _item_rows(report))


def _item_rows(report: ClassReport) -> Iterator[list[Value]]:
    for set_report in report.sets:
        if set_report.analysis is None:
            continue
        for item in set_report.analysis.items:
            yield _item_row(set_report, item, report.language)


def _item_row(set_report: SetReport, item: ItemStats, language: str) -> list[Value]:
    question = item.question
    return [
        set_report.title,
        set_report.set_id,
        item.number,
        question.id,
        question.prompt,
        label(TYPE_LABELS, question.type.value),
        label(SKILL_LABELS, question.skill.value),
        label(LEVEL_LABELS, question.level.value),
        item.responses,
        item.facility,
        item.sd,
        item.discrimination,
        item.efficiency,
        item.guess_score,
        choice_summary(item, language),
        item.changed_answers,
        " ".join(flag.reason for flag in item.flags),
    ]


def choice_summary(item: ItemStats, language: str) -> str:
    """``"a ✓ 60 % (18) · b 20 % (6)"``: every choice with its share; ✓ marks right ones."""
    parts = []
    # True/false choices have the ids "true"/"false"; their texts say it in the set's language.
    by_text = item.question.type is QuestionType.TRUE_FALSE
    # Parts of the newer tasks (steps, statements, rubric points) count how often they were
    # right or ticked; only choices have right and wrong ones to mark.
    is_choice = isinstance(item.question, Question)
    for choice in item.choices:
        name = _shorten(choice.text, 24) if by_text else choice.choice_id
        mark = " ✓" if choice.correct and is_choice else ""
        parts.append(f"{name}{mark} {percent(choice.share, language)} ({choice.count})")
    return " · ".join(parts)


def question_prompt(question: Task, limit: int = 90) -> str:
    """The prompt, shortened to ``limit`` characters with an ellipsis."""
    return _shorten(question.prompt, limit)


def _shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut between words ("Hugging …", not "Huggi…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + " …"


@dataclass(frozen=True)
class WrittenAnswer:
    """One student's text for a short_text task, with how many rubric points they ticked."""

    student: str
    text: str
    credit: float | None


def written_answers(
    report: ClassReport, set_report: SetReport
) -> list[tuple[Task, list[WrittenAnswer]]]:
    """Per short_text task of the set: every first attempt's text, by student order."""
    question_set = set_report.question_set
    if question_set is None:
        return []
    dataset = report.dataset
    by_question: dict[str, list[WrittenAnswer]] = {}
    # The report's student order, without working out every student's line again.
    order = {student.id: n for n, student in enumerate(dataset.sorted_students())}
    firsts = sorted(
        dataset.first_attempts(set_report.set_id), key=lambda a: order.get(a.student_id, 0)
    )
    for attempt in firsts:
        name = dataset.students[attempt.student_id].name
        for answer in dataset.first_responses.get(attempt.id, []):
            response = answer.response
            if response is not None and response.kind == "short_text":
                by_question.setdefault(answer.question_id, []).append(
                    WrittenAnswer(name, describe(response), answer.credit)
                )
    return [
        (task, by_question[task.id])
        for task in question_set.questions
        if task.type is QuestionType.SHORT_TEXT and task.id in by_question
    ]
