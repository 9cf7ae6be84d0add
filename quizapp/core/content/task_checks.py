"""Checks for the newer task types (order, categorize, evidence, short_text).

Like :mod:`quizapp.core.content.checks`, these need more than one field at a time: ids unique
within a task, a statement's category defined, evidence findable where students mark it, a
model answer within its own word limit, and the same answers in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from quizapp.core.content.citations import closest_passage, locate_quote
from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    Item,
    OrderTask,
    QuestionSet,
    ShortTextTask,
    SourceDocument,
)
from quizapp.core.content.yaml_source import YamlPath
from quizapp.core.scoring import count_words
from quizapp.i18n import _


class Reporter(Protocol):
    """Where problems go, placed at a path inside the file."""

    def error(self, at: YamlPath, message: str, hint: str = "") -> None:
        """Record an error (the file is kept out of the app)."""

    def warning(self, at: YamlPath, message: str, hint: str = "") -> None:
        """Record a warning (the file still loads)."""


def check_order(
    report: Reporter,
    qset: QuestionSet,
    task: OrderTask,
    source: SourceDocument | None,
    at: YamlPath,
) -> None:
    """Steps with ids used once each."""
    _unique_ids(report, task.items, (*at, "items"), _("Use a, b, c, d … once each."))


def check_evidence(
    report: Reporter,
    qset: QuestionSet,
    task: EvidenceTask,
    source: SourceDocument | None,
    at: YamlPath,
) -> None:
    """The target words findable in the translation its readers may mark."""
    if source is not None and qset.language != source.language:
        _check_evidence_translations(report, qset.language, task, source, at)


def check_short_text(
    report: Reporter,
    qset: QuestionSet,
    task: ShortTextTask,
    source: SourceDocument | None,
    at: YamlPath,
) -> None:
    """Rubric ids used once; the model answer within its own word limit."""
    _unique_ids(report, task.rubric, (*at, "rubric"), _("Use a, b, c … once each."))
    words = count_words(task.model_answer)
    if words > task.max_words:
        report.error(
            (*at, "model_answer"),
            _("the model answer has %(n)d words, more than “max_words” (%(max)d)")
            % {"n": words, "max": task.max_words},
            _("Shorten the model answer or raise “max_words”."),
        )


def _unique_ids(report: Reporter, entries: Sequence[Item], at: YamlPath, hint: str) -> None:
    ids = [entry.id for entry in entries]
    for j, entry_id in enumerate(ids):
        if entry_id in ids[:j]:
            report.error(
                (*at, j, "id"),
                _("the id “%(id)s” is used twice in this task") % {"id": entry_id},
                hint,
            )


def check_categorize(
    report: Reporter,
    qset: QuestionSet,
    task: CategorizeTask,
    source: SourceDocument | None,
    at: YamlPath,
) -> None:
    """Categories and statements with ids used once, each statement in a known category."""
    _unique_ids(report, task.categories, (*at, "categories"), _("Give every category its own id."))
    ids = [statement.id for statement in task.statements]
    known = [category.id for category in task.categories]
    for j, statement in enumerate(task.statements):
        sat: YamlPath = (*at, "statements", j)
        if statement.id in ids[:j]:
            report.error(
                (*sat, "id"),
                _("the id “%(id)s” is used twice in this task") % {"id": statement.id},
                _("Use a, b, c, d … once each."),
            )
        if statement.category not in known:
            report.error(
                (*sat, "category"),
                _("there is no category “%(id)s” in this task") % {"id": statement.category},
                _("Use one of: %(ids)s.") % {"ids": ", ".join(known)},
            )
        if statement.feedback is None:
            report.warning(
                sat,
                _("statement “%(id)s” has no feedback") % {"id": statement.id},
                _("Add “feedback:” saying why it belongs in its category."),
            )


def _check_evidence_translations(
    report: Reporter, language: str, task: EvidenceTask, source: SourceDocument, at: YamlPath
) -> None:
    """Readers of a translation may mark the words there, so the target must be findable."""
    for k, citation in enumerate(task.citations):
        block = source.block(citation.paragraph)
        translated = (
            next((text for lang, text in block.translations.items() if lang == language), None)
            if block is not None
            else None
        )
        if block is None or translated is None or citation.translation is None:
            continue  # a missing block or translation is reported by the citation check
        if locate_quote(translated, citation.translation) is None:
            report.error(
                (*at, "citations", k, "translation"),
                _("the translation is not in the %(lang)s translation of paragraph “%(id)s”")
                % {"lang": language, "id": citation.paragraph},
                _(
                    "In evidence tasks students may mark the words in the translation: copy "
                    "them exactly. Closest passage: “%(passage)s”"
                )
                % {"passage": closest_passage(translated, citation.translation)},
            )


def report_other_answers(report: Reporter, at: YamlPath, values: dict[str, str]) -> None:
    """A task whose answers differ between its language versions (see ``answer_key``)."""
    report.error(
        at,
        _("task “%(id)s” has other answers than in the %(lang)s version") % values,
        _(
            "Keep the ids, their order, the right categories, the stance, max_words and "
            "the rubric ids the same in every language."
        ),
    )
