"""Checks beyond the file's shape: ids, correct answers, citations, and language parity.

Shape (fields, types) is pydantic's job; these checks need the whole set, the source document it
cites, or the same set in the other language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.content.citations import closest_passage, locate_quote
from quizapp.core.content.models import Question, QuestionSet, QuestionType, SourceDocument, Task
from quizapp.core.content.placeholders import is_placeholder
from quizapp.core.content.problems import Problem, Severity
from quizapp.core.content.yaml_source import Positions, YamlPath
from quizapp.core.task_types import check_task, compare_task
from quizapp.i18n import _

TRUE_FALSE_IDS = frozenset({"true", "false"})


@dataclass(frozen=True)
class Located:
    """A validated model with the file and positions it came from."""

    path: Path
    positions: Positions


class _Report:
    """Collects problems for one file, placing each at a path inside it."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []

    def error(self, at: YamlPath, message: str, hint: str = "") -> None:
        self._add(Severity.ERROR, at, message, hint)

    def warning(self, at: YamlPath, message: str, hint: str = "") -> None:
        self._add(Severity.WARNING, at, message, hint)

    def _add(self, severity: Severity, at: YamlPath, message: str, hint: str) -> None:
        line, column = self.located.positions.of_key(at)
        self.problems.append(Problem(self.located.path, line, column, severity, message, hint))


def _check_file_name(report: _Report, expected: str) -> None:
    name = report.located.path.name
    if name not in {f"{expected}.yaml", f"{expected}.yml"}:
        report.error(
            ("id",),
            _("the file name “%(name)s” does not match its id and language") % {"name": name},
            _("Name the file “%(expected)s.yaml”.") % {"expected": expected},
        )


def check_source(source: SourceDocument, located: Located) -> list[Problem]:
    """Unique block ids and a file name that matches the id."""
    report = _Report(located)
    _check_file_name(report, source.id)
    seen: set[str] = set()
    for i, block in enumerate(source.paragraphs):
        if block.id in seen:
            report.error(
                ("paragraphs", i, "id"),
                _("the block id “%(id)s” is used twice") % {"id": block.id},
                _("Give every block its own id; citations point to it."),
            )
        seen.add(block.id)
    return report.problems


@dataclass(frozen=True)
class BrokenSource:
    """A source file that did not load; its own problems are reported at it (or, when it was
    not among the files checked, once at each set that cites it)."""

    path: Path
    reported: bool


def check_set(
    qset: QuestionSet,
    located: Located,
    sources: dict[str, SourceDocument],
    broken: dict[str, BrokenSource] | None = None,
) -> list[Problem]:
    """Everything about one set that can be checked without its other languages."""
    report = _Report(located)
    _check_file_name(report, f"{qset.id}.{qset.language}")
    source = sources.get(qset.source)
    if source is None:
        _missing_source(report, qset.source, sources, (broken or {}).get(qset.source))
    seen: set[str] = set()
    for i, question in enumerate(qset.questions):
        at: YamlPath = ("questions", i)
        if question.id in seen:
            report.error(
                (*at, "id"),
                _("the question id “%(id)s” is used twice") % {"id": question.id},
                _("Give every question its own id; stored answers refer to it."),
            )
        seen.add(question.id)
        if isinstance(question, Question):
            _check_choices(report, question, at)
        else:
            check_task(report, qset, question, source, at)
        if source is not None:
            _check_citations(report, qset, question, source, at)
    return report.problems


def _missing_source(
    report: _Report, source_id: str, sources: dict[str, SourceDocument], broken: BrokenSource | None
) -> None:
    if broken is not None:
        if not broken.reported:  # reported at the source file itself otherwise: once is enough
            report.error(
                ("source",),
                _("the source document “%(id)s” has errors") % {"id": source_id},
                _("Run “quizapp validate %(path)s” and fix them.") % {"path": broken.path},
            )
        return
    folder = report.located.path.parent.parent / "sources"
    known = ", ".join(sorted(sources)) or _("none yet")
    report.error(
        ("source",),
        _("no source document with the id “%(id)s”") % {"id": source_id},
        _(
            "Use one of: %(ids)s. A new article goes into %(folder)s as “%(id)s.yaml” "
            "(“quizapp source new” makes one from the text)."
        )
        % {"ids": known, "folder": folder, "id": source_id},
    )


def _check_choices(report: _Report, question: Question, at: YamlPath) -> None:
    ids = [choice.id for choice in question.choices]
    for j, choice_id in enumerate(ids):
        if choice_id in ids[:j]:
            report.error(
                (*at, "choices", j, "id"),
                _("the choice id “%(id)s” is used twice in this question") % {"id": choice_id},
                _("Use a, b, c, d … once each."),
            )
    n_correct = len(question.correct_ids)
    if question.type is QuestionType.MULTIPLE:
        if n_correct == 0:
            report.error(
                (*at, "choices"),
                _("a “multiple” question needs at least one correct choice"),
                _("Set “correct: true” on every right choice."),
            )
    elif n_correct != 1:
        report.error(
            (*at, "choices"),
            _("a “%(type)s” question needs exactly one correct choice, found %(n)d")
            % {"type": question.type.value, "n": n_correct},
            _("Set “correct: true” on one choice and “correct: false” on the others."),
        )
    if question.type is QuestionType.TRUE_FALSE and frozenset(ids) != TRUE_FALSE_IDS:
        report.error(
            (*at, "choices"),
            _("a “true_false” question has exactly the choices “true” and “false”"),
            _('Use the ids "true" and "false" (in quotes).'),
        )
    if question.support_item and question.type is not QuestionType.TRUE_FALSE:
        report.error(
            (*at, "support_item"),
            _("“support_item” is only for “true_false” questions"),
            _("Make it a true_false question (true = the article supports it), or remove it."),
        )
    for j, choice in enumerate(question.choices):
        if choice.feedback is None:
            report.warning(
                (*at, "choices", j),
                _("choice “%(id)s” has no feedback") % {"id": choice.id},
                _("Add “feedback:” saying why this choice is right or wrong."),
            )


def _check_citations(
    report: _Report, qset: QuestionSet, question: Task, source: SourceDocument, at: YamlPath
) -> None:
    for k, citation in enumerate(question.citations):
        cat: YamlPath = (*at, "citations", k)
        block = source.block(citation.paragraph)
        if block is None:
            ids = ", ".join(b.id for b in source.paragraphs)
            report.error(
                (*cat, "paragraph"),
                _("the source has no paragraph “%(id)s”") % {"id": citation.paragraph},
                _("Use one of: %(ids)s.") % {"ids": ids},
            )
            continue
        if locate_quote(block.text, citation.quote) is None:
            report.error(
                (*cat, "quote"),
                _("the quote is not in paragraph “%(id)s”") % {"id": citation.paragraph},
                _("Copy the words exactly. Closest passage: “%(passage)s”")
                % {"passage": closest_passage(block.text, citation.quote)},
            )
        if qset.language != source.language and citation.translation is None:
            report.error(
                cat,
                _("this citation needs a “translation” into the set’s language"),
                _("Keep the original quote and add “translation:” below it."),
            )
        translated = block.translations.get(qset.language)
        if (
            question.type is not QuestionType.EVIDENCE  # there it is an error (task_checks)
            and citation.translation is not None
            and translated is not None
            and not is_placeholder(translated)
            and not is_placeholder(citation.translation)
            and locate_quote(translated, citation.translation) is None
        ):
            # Students reading the translation would see the quote but no highlight in it.
            report.warning(
                (*cat, "translation"),
                _(
                    "the translation is not in the %(lang)s translation of paragraph “%(id)s”, "
                    "so it is not highlighted there"
                )
                % {"lang": qset.language, "id": citation.paragraph},
                _("Copy the words exactly, with “…” for a gap. Closest passage: “%(passage)s”")
                % {"passage": closest_passage(translated, citation.translation)},
            )


def check_parity(
    versions: Sequence[tuple[QuestionSet, Located]], source_language: str
) -> list[Problem]:
    """The same set in several languages must ask the same questions with the same answers.

    The version in the source's language is the reference; problems are reported in the others.
    """
    if len(versions) < 2:
        return []
    ordered = sorted(versions, key=lambda v: v[0].language != source_language)
    reference = ordered[0][0]
    problems: list[Problem] = []
    for qset, located in ordered[1:]:
        report = _Report(located)
        ref_ids = [q.id for q in reference.questions]
        ids = [q.id for q in qset.questions]
        if ids != ref_ids:
            report.error(
                ("questions",),
                _("the questions differ from the %(lang)s version: %(ids)s")
                % {
                    "lang": reference.language,
                    "ids": ", ".join(sorted(set(ids) ^ set(ref_ids)))
                    or _("same ids, different order"),
                },
                _("Both languages need the same question ids in the same order."),
            )
        if qset.retired != reference.retired:
            _warn_retired_in_one(report, qset, reference.language)
        for i, question in enumerate(qset.questions):
            ref = reference.question(question.id)
            if ref is not None:
                _compare_question(report, ref, question, ("questions", i), reference.language)
        problems.extend(report.problems)
    return problems


def _warn_retired_in_one(report: _Report, qset: QuestionSet, ref_lang: str) -> None:
    """Retired in one language only: students of the other still see the set."""
    values = {"lang": ref_lang}
    report.warning(
        ("retired",) if qset.retired else ("id",),
        _("the set is retired here but not in the %(lang)s version") % values
        if qset.retired
        else _("the set is retired in the %(lang)s version but not here") % values,
        _(
            "Students reading the other language still see it. Write “retired: true” in both "
            "files, or in neither."
        ),
    )


def _compare_question(
    report: _Report, ref: Task, question: Task, at: YamlPath, ref_lang: str
) -> None:
    values = {"lang": ref_lang, "id": question.id}
    if question.type != ref.type or (
        isinstance(question, Question)
        and isinstance(ref, Question)
        and question.support_item != ref.support_item
    ):
        report.error(
            (*at, "type"),
            _("question “%(id)s” has another type than in the %(lang)s version") % values,
            _("Use the same type (and support_item) in every language."),
        )
    elif isinstance(question, Question) and isinstance(ref, Question):
        _compare_choices(report, ref, question, at, values)
    else:
        compare_task(report, ref, question, at, values)
    _compare_common(report, ref, question, at, values)


def _compare_choices(
    report: _Report, ref: Question, question: Question, at: YamlPath, values: dict[str, str]
) -> None:
    if [c.id for c in question.choices] != [c.id for c in ref.choices]:
        report.error(
            (*at, "choices"),
            _("question “%(id)s” has other choice ids than in the %(lang)s version") % values,
            _("Use the same choice ids in the same order in every language."),
        )
    elif question.correct_ids != ref.correct_ids:
        report.error(
            (*at, "choices"),
            _("question “%(id)s” has other correct choices than in the %(lang)s version") % values,
            _("The same choices must be correct in every language."),
        )


def _compare_common(
    report: _Report, ref: Task, question: Task, at: YamlPath, values: dict[str, str]
) -> None:
    cited = sorted(c.paragraph for c in question.citations)
    if cited != sorted(c.paragraph for c in ref.citations):
        report.error(
            (*at, "citations"),
            _("question “%(id)s” cites other paragraphs than in the %(lang)s version") % values,
            _("Cite the same paragraphs in every language."),
        )
    if question.skill != ref.skill or question.difficulty != ref.difficulty:
        report.warning(
            (*at, "skill"),
            _("question “%(id)s” has another skill or difficulty than in the %(lang)s version")
            % values,
            _("Reports compare languages; keep skill and difficulty the same."),
        )
    if question.level != ref.level:
        report.error(
            (*at, "level"),
            _("question “%(id)s” has another level than in the %(lang)s version") % values,
            _("The same task asks the same of students in every language; use the same level."),
        )
