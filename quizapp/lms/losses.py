"""What an export cannot carry, named instead of dropped: one list for the command's output,
the teacher area's message and the note written into the file.

Each :class:`Loss` is a kind and the tasks it concerns; its text is translated when shown, so
the same loss reads in the teacher's language on screen and in the set's language in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from quizapp.i18n import N_, _


class LmsFormat(StrEnum):
    """The formats a set can be exported in."""

    MOODLE_XML = "moodle-xml"
    QTI3 = "qti3"


class LossKind(StrEnum):
    """One thing a format does not carry the way quizapp has it."""

    CONFIDENCE = "confidence"
    TRUE_FALSE_LABELS = "true_false_labels"
    MATCHING_FEEDBACK = "matching_feedback"
    ORDER_NEEDS_MOODLE_44 = "order_needs_moodle_44"
    EVIDENCE_AS_ESSAY = "evidence_as_essay"
    SHORT_TEXT_BY_TEACHER = "short_text_by_teacher"
    ORDER_CUSTOM_SCORING = "order_custom_scoring"
    EVIDENCE_SPANS = "evidence_spans"
    CATEGORIZE_FEEDBACK = "categorize_feedback"
    WORD_LIMIT_STATED = "word_limit_stated"


#: For every kind: the sentence (``%(tasks)s`` names the tasks).
_TEXTS: dict[LossKind, str] = {
    LossKind.CONFIDENCE: N_(
        "How sure students were (the confidence choice after each answer) is not asked: "
        "the format has no place for it."
    ),
    LossKind.TRUE_FALSE_LABELS: N_(
        "%(tasks)s: Moodle shows its own words True and False instead of the two answers’ "
        "texts; the question text still asks whether the article supports the statement."
    ),
    LossKind.MATCHING_FEEDBACK: N_(
        "%(tasks)s: Moodle’s matching question has no feedback per statement; why each "
        "statement belongs to its category is in the general feedback instead."
    ),
    LossKind.ORDER_NEEDS_MOODLE_44: N_(
        "%(tasks)s: an ordering question, part of Moodle from version 4.4 (older sites need "
        "the plugin qtype_ordering). Partial credit counts pairs in the right order, as in "
        "quizapp (grading type “relative to all the previous and next items”)."
    ),
    LossKind.EVIDENCE_AS_ESSAY: N_(
        "%(tasks)s: Moodle has no question where students mark words in the article. The "
        "task is an essay question asking them to copy the words; you grade it by hand with "
        "the quotes in the information for graders."
    ),
    LossKind.SHORT_TEXT_BY_TEACHER: N_(
        "%(tasks)s: in quizapp students tick the rubric points their answer meets; here the "
        "answer is graded by the teacher, with the model answer and the rubric beside it."
    ),
    LossKind.ORDER_CUSTOM_SCORING: N_(
        "%(tasks)s: partial credit for pairs in the right order uses the item’s own response "
        "processing; a platform that only runs the standard templates scores these items all "
        "or nothing."
    ),
    LossKind.EVIDENCE_SPANS: N_(
        "%(tasks)s: students pick ready-cut pieces of the article (the cited passages and "
        "the rest of the text cut at punctuation) instead of marking any words; right, as in "
        "quizapp, when a cited passage is picked and at least half of the picked words stand "
        "in a sentence with evidence."
    ),
    LossKind.CATEGORIZE_FEEDBACK: N_(
        "%(tasks)s: why each statement belongs to its category is in the item’s feedback "
        "after answering, not beside each statement."
    ),
    LossKind.WORD_LIMIT_STATED: N_(
        "%(tasks)s: the word limit is stated above the answer box; QTI has no way to make a "
        "player stop at it."
    ),
}


@dataclass(frozen=True)
class Loss:
    """One thing the export does not carry, and the tasks it concerns (none: the whole set)."""

    kind: LossKind
    tasks: tuple[str, ...] = ()

    def text(self) -> str:
        """The sentence in the current language."""
        return _(_TEXTS[self.kind]) % {"tasks": ", ".join(self.tasks)}


class LossList:
    """Collects losses while a file is written; one entry per kind, tasks in their order."""

    def __init__(self) -> None:
        self._tasks: dict[LossKind, list[str]] = {}

    def add(self, kind: LossKind, task_id: str | None = None) -> None:
        """Note that ``task_id`` (or the whole export) loses ``kind``."""
        tasks = self._tasks.setdefault(kind, [])
        if task_id is not None and task_id not in tasks:
            tasks.append(task_id)

    def losses(self) -> list[Loss]:
        """Everything noted, in the order of :class:`LossKind`."""
        return [Loss(kind, tuple(self._tasks[kind])) for kind in LossKind if kind in self._tasks]


def note_lines(losses: Iterable[Loss]) -> list[str]:
    """The note for the file: a heading line, then one line per loss (current language)."""
    listed = [loss.text() for loss in losses]
    if not listed:
        return [_("quizapp export: every task arrives as quizapp has it.")]
    return [_("quizapp export: what this file does not carry as quizapp has it:"), *listed]
