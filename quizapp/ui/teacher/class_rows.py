"""From a class dataset to the teacher view's rows, formatted for the UI language (babel).

No Qt: plain functions over :class:`~quizapp.reports.dataset.ClassDataset` and the
:class:`~quizapp.reports.class_report.ClassReport` built from it, so the screen shows the same
numbers as the exported reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.core.content.models import Question, QuestionSet, Task
from quizapp.core.progress import LEVEL_LABELS
from quizapp.core.quiz import Confidence, question_hash
from quizapp.core.responses import TaskResponse, describe
from quizapp.core.score_text import parts_text, score_line, verdict_text
from quizapp.core.scoring import is_partly
from quizapp.core.set_score import answer_points, set_score
from quizapp.i18n import _, format_locale, ngettext
from quizapp.reports.class_report import ClassReport, SetReport, decoded_response
from quizapp.reports.dataset import ClassAnswer, ClassAttempt, ClassDataset, to_local
from quizapp.reports.formatting import day, moment, number, percent
from quizapp.reports.item_analysis import ItemStats, SupportStats
from quizapp.ui.teacher.rows import (
    AnswerLine,
    AttemptAnswers,
    ClassGrid,
    GridCell,
    GridStudent,
    ItemLine,
    ScoreBand,
    SetItems,
)
from quizapp.ui.views.quiz_view import CONFIDENCE_LABELS


def set_title(dataset: ClassDataset, set_id: str, language: str) -> str:
    """The set's title in ``language`` if the content has it, else its id."""
    question_set = dataset.question_set(set_id, language)
    return question_set.title if question_set is not None else set_id


def score_text(right: int, total: int, points: float | None = None) -> str:
    """ "7 of 10 right (70 %) · 7.5 points" (core/score_text.py, as everywhere)."""
    return score_line(right, total, points, with_percent=True)


def attempt_score(dataset: ClassDataset, attempt: ClassAttempt) -> tuple[int, int, float]:
    """Right answers, questions and points of ``attempt``."""
    right = dataset.right_counts.get(attempt.id, 0)
    return right, len(attempt.question_ids), dataset.points.get(attempt.id, float(right))


#: The lowest share of right answers in the "high" and in the "middle" band.
HIGH_FROM, MIDDLE_FROM = 0.8, 0.5
#: The symbol of each band, so a cell's meaning does not rest on its colour.
BAND_SYMBOLS = {
    ScoreBand.HIGH: "●",
    ScoreBand.MIDDLE: "◐",
    ScoreBand.LOW: "○",
    ScoreBand.OPEN: "…",
    ScoreBand.NONE: "",
}


def band_of(share: float) -> ScoreBand:
    """The band of a best score (share of right answers)."""
    if share >= HIGH_FROM:
        return ScoreBand.HIGH
    return ScoreBand.MIDDLE if share >= MIDDLE_FROM else ScoreBand.LOW


def band_name(band: ScoreBand, language: str) -> str:
    """The band in words, for tooltips, screen readers and the legend."""
    high, middle = percent(HIGH_FROM, language), percent(MIDDLE_FROM, language)
    names = {
        ScoreBand.HIGH: _("%(high)s or more right") % {"high": high},
        ScoreBand.MIDDLE: _("%(middle)s up to under %(high)s right")
        % {"middle": middle, "high": high},
        ScoreBand.LOW: _("under %(middle)s right") % {"middle": middle},
        ScoreBand.OPEN: _("no finished attempt at the whole set"),
        ScoreBand.NONE: _("not tried"),
    }
    return names[band]


def class_grid(dataset: ClassDataset, language: str) -> ClassGrid:
    """Students × sets: each cell the best whole-set score, students in report order."""
    by_key: dict[tuple[int, str], list[ClassAttempt]] = {}
    for attempt in dataset.attempts:
        by_key.setdefault((attempt.student_id, attempt.set_id), []).append(attempt)
    set_ids = sorted({set_id for _student, set_id in by_key})
    sets = tuple((set_id, set_title(dataset, set_id, language)) for set_id in set_ids)
    none = GridCell("", ScoreBand.NONE, -2.0, band_name(ScoreBand.NONE, language))
    students = tuple(
        GridStudent(
            student.id,
            student.name,
            student.group,
            tuple(
                _grid_cell(dataset, by_key[key], language) if key in by_key else none
                for key in ((student.id, set_id) for set_id in set_ids)
            ),
        )
        for student in dataset.sorted_students()
    )
    empty = _("empty")
    legend = " · ".join(
        f"{BAND_SYMBOLS[band] or empty}: {band_name(band, language)}" for band in ScoreBand
    )
    return ClassGrid(sets, students, legend)


def _grid_cell(dataset: ClassDataset, attempts: list[ClassAttempt], language: str) -> GridCell:
    full = [a for a in attempts if a.finished and a.mode == "full"]
    scores = [attempt_score(dataset, a) for a in full]
    best = max(scores, key=lambda s: (set_score(s[0], s[1]), s[0], s[2]), default=None)
    latest = max(full, key=lambda a: (a.finished_at, a.id), default=None)
    last_day = day(to_local(max(a.started_at for a in attempts)).date(), format_locale(language))
    if best is None or latest is None:
        band, share = ScoreBand.OPEN, -1.0
        practice = any(a.finished for a in attempts)
        text = _("practice only") if practice else _("not finished")
        scores_text = text
    else:
        share = set_score(best[0], best[1])
        band = band_of(share)
        text = percent(share, language)
        scores_text = _("best %(best)s, last %(last)s") % {
            "best": score_text(*best),
            "last": score_text(*attempt_score(dataset, latest)),
        }
    details = _("%(band)s: %(scores)s · attempts: %(attempts)s · last attempt %(day)s") % {
        "band": band_name(band, language),
        "scores": scores_text,
        "attempts": _attempts_text(attempts),
        "day": last_day,
    }
    return GridCell(f"{BAND_SYMBOLS[band]} {text}", band, share, details)


def _attempts_text(attempts: Sequence[ClassAttempt]) -> str:
    """ "3 (1 practice, 1 not finished)": practice rounds are named, never counted silently."""
    unfinished = sum(1 for a in attempts if not a.finished)
    practice = sum(1 for a in attempts if a.finished and a.mode == "practice")
    notes = []
    if practice:
        notes.append(ngettext("%(n)d practice", "%(n)d practice", practice) % {"n": practice})
    if unfinished:
        notes.append(
            ngettext("%(n)d not finished", "%(n)d not finished", unfinished) % {"n": unfinished}
        )
    if not notes:
        return str(len(attempts))
    return _("%(n)d (%(notes)s)") % {"n": len(attempts), "notes": ", ".join(notes)}


def student_answers(
    dataset: ClassDataset, student_id: int, set_id: str, language: str
) -> list[AttemptAnswers]:
    """The student's attempts at ``set_id``, newest first, with every answer in words
    (``dataset`` loaded with ``all_answers``, as the teacher screen does)."""
    mine = [a for a in dataset.attempts if a.student_id == student_id and a.set_id == set_id]
    mine.sort(key=lambda a: (a.started_at, a.id), reverse=True)
    shown = dataset.question_set(set_id, language)
    result = []
    for attempt in mine:
        own = dataset.question_set(set_id, attempt.language)
        lines = []
        for answer in dataset.answers.get(attempt.id, []):
            # The UI language's text if the question is there, else the one it was asked in.
            known = shown is not None and shown.question(answer.question_id) is not None
            texts = shown if known else own
            lines.append(
                _answer_line(
                    answer.question_id,
                    answer.chosen,
                    answer.confidence,
                    texts,
                    correct=answer.correct,
                    given=_given(answer, texts),
                    earned=_earned(answer, own),
                    response=decoded_response(answer),
                )
            )
        result.append(AttemptAnswers(_attempt_title(dataset, attempt, language), lines))
    return result


def _attempt_title(dataset: ClassDataset, attempt: ClassAttempt, language: str) -> str:
    when = moment(to_local(attempt.finished_at or attempt.started_at), format_locale(language))
    kind = _("Practice") if attempt.mode == "practice" else _("Whole set")
    finished = attempt.finished
    state = score_line(*attempt_score(dataset, attempt)) if finished else _("not finished")
    return _("%(when)s · %(kind)s · %(state)s") % {"when": when, "kind": kind, "state": state}


def _earned(answer: ClassAnswer, question_set: QuestionSet | None) -> float:
    """The answer's points, as the reports count them (its credit, or for a multiple-answer
    answer saved without one, its choices against the version it was answered in)."""
    question = question_set.question(answer.question_id) if question_set is not None else None
    same = question is not None and question_hash(question) == answer.question_hash
    return answer_points(
        answer.credit,
        correct=answer.correct,
        question=question if same else None,
        chosen=answer.chosen,
    )


def _given(answer: ClassAnswer, question_set: QuestionSet | None) -> str | None:
    response = decoded_response(answer)
    if response is None:
        return None
    task = question_set.question(answer.question_id) if question_set is not None else None
    return describe(response, task)


def _answer_line(
    question_id: str,
    chosen: frozenset[str],
    confidence: str | None,
    question_set: QuestionSet | None,
    *,
    correct: bool,
    given: str | None = None,
    earned: float | None = None,
    response: TaskResponse | None = None,
) -> AnswerLine:
    """One answer in the class overview; ``given`` is the answer to a newer task type (the
    student's text, marks, order or categories), shown instead of choices."""
    question = question_set.question(question_id) if question_set is not None else None
    if given is not None:
        prompt, picked = (question.prompt if question else question_id), given
    elif question is None or not isinstance(question, Question):
        prompt, picked = question_id, ", ".join(sorted(chosen))
    else:
        prompt = question.prompt
        texts = [(c.text if (c := question.choice(cid)) else cid) for cid in sorted(chosen)]
        picked = "; ".join(texts)
    if earned is None:
        earned = answer_points(None, correct=correct)
    try:
        level = _(CONFIDENCE_LABELS[Confidence(confidence)]) if confidence else _("Not given")
    except ValueError:  # a level written by a newer version
        level = confidence or ""
    return AnswerLine(
        question=prompt,
        chosen=picked or _("nothing chosen"),
        # "Right", "Partly right (86 %)" or "Not right": the words the student saw, with the
        # share in words where the task has parts ("5 of 6 pairs in the right order").
        result=_verdict(question, response, correct=correct, earned=earned),
        confidence=level,
        correct=correct,
        partly=is_partly(earned, correct=correct),
    )


def _verdict(
    question: Task | None, response: TaskResponse | None, *, correct: bool, earned: float
) -> str:
    verdict = verdict_text(correct=correct, credit=earned)
    parts = parts_text(question, response) if question is not None and not correct else ""
    return f"{verdict}: {parts}" if parts else verdict


def set_items(report: ClassReport) -> list[SetItems]:
    """Item analysis of every set in the report."""
    return [_set_items(entry, report.language) for entry in report.sets]


def _set_items(entry: SetReport, language: str) -> SetItems:
    analysis = entry.analysis
    if analysis is None:
        return SetItems(
            entry.set_id,
            entry.title,
            _("This set is not in the content of this computer, so it cannot be analysed."),
        )
    summary = ngettext(
        "%(n)d first attempt · mean score %(mean)s · median %(median)s",
        "%(n)d first attempts · mean score %(mean)s · median %(median)s",
        analysis.students,
    ) % {
        "n": analysis.students,
        "mean": percent(analysis.mean_score, language),
        "median": percent(analysis.median_score, language),
    }
    return SetItems(
        set_id=entry.set_id,
        title=entry.title,
        summary=summary,
        items=[_item_line(item, language) for item in analysis.items],
        support=_support_text(analysis.support, language) if analysis.support else "",
    )


def _item_line(item: ItemStats, language: str) -> ItemLine:
    return ItemLine(
        number=str(item.number),
        question=item.question.prompt,
        level=_(LEVEL_LABELS[item.question.level.value]),
        responses=str(item.responses),
        facility=percent(item.facility, language),
        # A percentage, as in the XLSX and PDF reports (Moodle shows it so too).
        discrimination=percent(item.discrimination, language),
        efficiency=percent(item.efficiency, language),
        flags="\n".join(flag.reason for flag in item.flags) or _("no concerns"),
        flagged=bool(item.flags),
    )


def _support_text(support: SupportStats, language: str) -> str:
    return _(
        "“Does the article support this?” questions: supported statements recognised "
        "%(hits)d of %(signal)d times (hit rate %(hit_rate)s); unsupported statements taken "
        "as supported %(false)d of %(noise)d times (false-alarm rate %(fa_rate)s); "
        "d′ = %(d)s (higher means better told apart; 0 means guessing)."
    ) % {
        "hits": support.hits,
        "signal": support.supported_responses,
        "hit_rate": percent(support.hit_rate, language),
        "false": support.false_alarms,
        "noise": support.unsupported_responses,
        "fa_rate": percent(support.false_alarm_rate, language),
        "d": number(support.d_prime, language),
    }
