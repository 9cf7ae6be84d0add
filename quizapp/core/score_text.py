"""Every score and credit in words, formatted once (issue 23.2): the UI and the reports call these.

The definition (also in ``content/README.md`` and ``docs/teachers.md``):

- A **set score** is the right answers divided by all questions of the set
  (:func:`quizapp.core.set_score.set_score`): "9 of 15 right", 60 %.
- **Points** add every answer's credit (0–1; a right answer is 1 point, a partly right one its
  share). They are shown beside the score, never instead of it: "9 of 15 right · 10.4 points".
- One answer is **Right**, **Partly right (86 %)** or **Not right**; where the task has parts
  the share is said in words ("5 of 6 pairs in the right order").

Texts are in the current gettext language (a report switches it with ``report_language``);
numbers use that language's formats.
"""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from quizapp.core.content.models import CategorizeTask, OrderTask, ShortTextTask, Task
from quizapp.core.responses import (
    CategorizeResponse,
    OrderResponse,
    ShortTextResponse,
    TaskResponse,
)
from quizapp.core.scoring import (
    EvidenceCheck,
    ScoringError,
    categorize_parts,
    order_pairs,
    rubric_parts,
)
from quizapp.core.set_score import set_score
from quizapp.i18n import _, current_language, ngettext


def percent_text(value: float, language: str | None = None) -> str:
    """A share as a whole percentage for the language ("86 %" in German, "86%" in English)."""
    return str(format_percent(value, locale=language or current_language()))


def points_text(points: float, language: str | None = None) -> str:
    """Points with one decimal ("10.4 points" / "10,4 Punkte")."""
    lang = language or current_language()
    rounded = round(points, 1)
    value = str(format_decimal(rounded, format="#,##0.#", locale=lang))
    return ngettext("%(points)s point", "%(points)s points", 1 if rounded == 1 else 2) % {
        "points": value
    }


def right_text(right: int, questions: int) -> str:
    """ "9 of 15 right" (the set score in counts)."""
    return ngettext("%(right)d of %(total)d right", "%(right)d of %(total)d right", questions) % {
        "right": right,
        "total": questions,
    }


def score_line(
    right: int, questions: int, points: float | None = None, *, with_percent: bool = False
) -> str:
    """The set score as every screen and report labels it: "9 of 15 right · 10.4 points"
    (with the percentage: "9 of 15 right (60 %) · 10.4 points").

    The points are left out when they say nothing more (``None``, or equal to the right answers:
    no answer earned partial credit).
    """
    text = right_text(right, questions)
    if with_percent:
        text = _("%(score)s (%(percent)s)") % {
            "score": text,
            "percent": percent_text(set_score(right, questions)),
        }
    if points is not None and round(points, 3) != right:
        text += " · " + points_text(points)
    return text


def verdict_text(*, correct: bool, credit: float) -> str:
    """One answer: "Right", "Partly right (86 %)" or "Not right"."""
    if correct:
        return _("Right")
    if credit > 0:
        return _("Partly right (%(credit)s)") % {"credit": percent_text(credit)}
    return _("Not right")


def parts_text(task: Task, response: TaskResponse | None) -> str:
    """What an answer's credit counts, in words ("5 of 6 pairs in the right order"); "" when
    the task has no such parts (choice questions and evidence say it their own way)."""
    try:
        if isinstance(task, OrderTask) and isinstance(response, OrderResponse):
            done, of = order_pairs(task, response)
            return ngettext(
                "%(n)d of %(of)d pair in the right order",
                "%(n)d of %(of)d pairs in the right order",
                of,
            ) % {"n": done, "of": of}
        if isinstance(task, CategorizeTask) and isinstance(response, CategorizeResponse):
            done, of = categorize_parts(task, response)
            return ngettext(
                "%(n)d of %(of)d statement in the right category",
                "%(n)d of %(of)d statements in the right category",
                of,
            ) % {"n": done, "of": of}
        if isinstance(task, ShortTextTask) and isinstance(response, ShortTextResponse):
            done, of = rubric_parts(task, response)
            return ngettext(
                "%(n)d of %(of)d point of the model answer ticked",
                "%(n)d of %(of)d points of the model answer ticked",
                of,
            ) % {"n": done, "of": of}
    except ScoringError:
        return ""
    return ""


def choices_text(found: int, of: int) -> str:
    """A multiple-answer question's share in words: "3 of 4 right choices found"."""
    return ngettext(
        "%(n)d of %(of)d right choice found", "%(n)d of %(of)d right choices found", of
    ) % {"n": found, "of": of}


def evidence_words(check: EvidenceCheck) -> str:
    """How marks compare with the evidence, and why they fall short, in words."""
    values = {
        "piece": _("“%(quote)s”") % {"quote": check.piece},
        "n": check.piece_marked,
        "of": check.piece_words,
        "outside": check.outside,
        "marked": check.marked,
    }
    if not check.marked:
        return _("Nothing you marked is a word of the article.")
    spill = (
        ngettext(
            "%(outside)d of the %(marked)d marked words is in a sentence without evidence.",
            "%(outside)d of the %(marked)d marked words are in sentences without evidence.",
            check.outside,
        )
        % values
        if check.outside
        else ""
    )
    if check.correct:
        return _("Your marks hold %(piece)s: that is evidence.") % values
    if check.found:
        text = _("Your marks hold %(piece)s, but too many words around it:") % values
        return f"{text} {spill} " + _("Mark only the words that do the work.")
    if check.piece_marked:
        text = (
            ngettext(
                "Your marks hold %(n)d of the %(of)d word of %(piece)s; mark the whole piece.",
                "Your marks hold %(n)d of the %(of)d words of %(piece)s; mark the whole piece.",
                check.piece_words,
            )
            % values
        )
        return f"{text} {spill}".strip()
    if check.outside < check.marked:
        return (
            _(
                "Your marks are in a sentence with evidence but miss the words that do the "
                "work, such as %(piece)s."
            )
            % values
        )
    return _("None of the words you marked is in a sentence with evidence.")
