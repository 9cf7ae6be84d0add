"""The teacher's list of retired sets: ``<data folder>/content/retired-sets.yaml``.

A shipped set's file is not the teacher's to edit (it is replaced by every update), so a
teacher retires it by naming its id in this list, one ``- id`` per line. The loader applies the
list to the loaded sets, so a listed set is retired exactly as if its files said
``retired: true``: :attr:`QuestionSet.retired` stays the one thing the start page, the demo,
the reports and ``validate`` ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.content.problems import Problem, Severity
from quizapp.core.content.yaml_source import YamlSourceError, read_yaml_value
from quizapp.i18n import _
from quizapp.paths import RETIRED_SETS_FILE

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # the models' Id, without importing pydantic here


@dataclass(frozen=True)
class RetiredEntry:
    """One id in the list and where it stands (1-based)."""

    set_id: str
    line: int
    column: int


@dataclass
class RetiredList:
    """The list as read: its good entries, and every problem found (errors and warnings)."""

    path: Path
    entries: list[RetiredEntry]
    problems: list[Problem]

    @property
    def ids(self) -> list[str]:
        """The listed ids, each once, in the order written."""
        return list(dict.fromkeys(entry.set_id for entry in self.entries))

    @property
    def broken(self) -> bool:
        """Whether the file has an error (then the app never writes over it)."""
        return any(p.severity is Severity.ERROR for p in self.problems)


def is_retired_list(path: Path) -> bool:
    """Whether ``path`` is a list of retired sets (by its name, wherever it lies)."""
    return path.name == RETIRED_SETS_FILE


def read_retired_list(path: Path) -> RetiredList:
    """Read the list at ``path``; a missing or empty file is an empty list."""
    if not path.exists():
        return RetiredList(path, [], [])
    try:
        document = read_yaml_value(path)
    except YamlSourceError as exc:
        problem = Problem(path, exc.line, exc.column, Severity.ERROR, exc.message, exc.hint)
        return RetiredList(path, [], [problem])
    problems = [
        Problem(path, e.line, e.column, Severity.ERROR, e.message, e.hint)
        for e in document.problems
    ]
    if document.value is None:
        return RetiredList(path, [], problems)
    if not isinstance(document.value, list):
        line, column = document.positions.of_value(())
        problems.append(
            Problem(
                path,
                line,
                column,
                Severity.ERROR,
                _("the list of retired sets must be a list of set ids, not a mapping or text"),
                _("Write one set id per line after “- ”, for example “- what-happened”."),
            )
        )
        return RetiredList(path, [], problems)
    entries: list[RetiredEntry] = []
    first: dict[str, int] = {}
    for index, item in enumerate(document.value):
        line, column = document.positions.of_value((index,))
        if not isinstance(item, str) or not _ID.match(item):
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    Severity.ERROR,
                    _("“%(item)s” is not a set id") % {"item": item},
                    _(
                        "Write the set’s id as the teacher area lists it (lowercase letters, "
                        "digits, “-”, “_”), one per line after “- ”."
                    ),
                )
            )
            continue
        if item in first:
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    Severity.WARNING,
                    _("“%(id)s” is listed twice (already on line %(first)d)")
                    % {"id": item, "first": first[item]},
                    _("Delete one of the two lines."),
                )
            )
            continue
        first[item] = line
        entries.append(RetiredEntry(item, line, column))
    return RetiredList(path, entries, problems)


def stale_entries(lists: Iterable[RetiredList], known: set[str]) -> list[Problem]:
    """A warning for every listed id that is no set at all (misspelt, or the set deleted)."""
    problems = []
    for retired in lists:
        for entry in retired.entries:
            if entry.set_id in known:
                continue
            problems.append(
                Problem(
                    retired.path,
                    entry.line,
                    entry.column,
                    Severity.WARNING,
                    _("there is no question set “%(id)s”: this line retires nothing")
                    % {"id": entry.set_id},
                    _("Correct the id (the teacher area lists every set’s id) or delete the line."),
                )
            )
    return problems
