"""What a draft still needs, and why a finished set may not hold placeholders.

A skeleton from ``quizapp set new`` is ``draft: true`` and full of ``TODO: …`` texts: it loads
(the teacher previews it) and every placeholder counts as "to finish". Once the draft mark is
removed, each placeholder left is an error at its own line, and so is a source still holding
placeholders: students never see a TODO.
"""

from __future__ import annotations

from pathlib import Path

from quizapp.core.content.models import QuestionSet
from quizapp.core.content.placeholders import find_placeholders
from quizapp.core.content.problems import Problem, Severity
from quizapp.core.content.yaml_source import YamlDocument
from quizapp.i18n import _, ngettext


def unfinished_notice(path: Path, document: YamlDocument, *, draft: bool) -> Problem | None:
    """One "to finish" notice for a file's placeholders (at the first), or ``None``."""
    found = find_placeholders(document.data)
    if not found:
        return None
    line, column = document.positions.of_value(found[0])
    count = len(found)
    message = ngettext(
        "%(n)d text still to write (it starts with “TODO”)",
        "%(n)d texts still to write (they start with “TODO”)",
        count,
    ) % {"n": count}
    hint = (
        _("Students do not see a draft. Replace every TODO, then remove “draft: true”.")
        if draft
        else _("Replace every TODO text; until then only draft sets may cite this source.")
    )
    return Problem(path, line, column, Severity.TODO, message, hint)


def placeholder_problems(
    path: Path, document: YamlDocument, qset: QuestionSet, unfinished_sources: set[str]
) -> list[Problem]:
    """A draft's notice; for a finished set, an error per placeholder and for its source."""
    positions = document.positions
    if qset.draft:
        notice = unfinished_notice(path, document, draft=True)
        if notice is not None:
            return [notice]
        line, column = positions.of_key(("draft",))
        return [
            Problem(
                path,
                line,
                column,
                Severity.TODO,
                _("the set is a draft: students do not see it"),
                _("Remove “draft: true” when the set is ready."),
            )
        ]
    problems = []
    for at in find_placeholders(document.data):
        line, column = positions.of_value(at)
        problems.append(
            Problem(
                path,
                line,
                column,
                Severity.ERROR,
                _("this text is still a placeholder"),
                _("Write the text here, or mark the set “draft: true” while you work on it."),
            )
        )
    if qset.source in unfinished_sources:
        line, column = positions.of_value(("source",))
        problems.append(
            Problem(
                path,
                line,
                column,
                Severity.ERROR,
                _("the source “%(id)s” still has texts to write (TODO)") % {"id": qset.source},
                _(
                    "Finish the source first (quizapp validate lists its TODOs), or keep the set "
                    "a draft."
                ),
            )
        )
    return problems
