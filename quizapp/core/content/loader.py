"""Loading content folders into a library of good sets plus every problem found.

A broken file never takes the others down: the app starts with the sets that passed and shows
the teacher what is wrong with the rest. ``quizapp validate`` prints the same problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizapp.core.content.checks import (
    BrokenSource,
    Located,
    check_parity,
    check_set,
    check_source,
)
from quizapp.core.content.drafts import placeholder_problems, unfinished_notice
from quizapp.core.content.models import LANGUAGES, QuestionSet, SourceDocument
from quizapp.core.content.problems import Problem, Severity
from quizapp.core.content.retired_list import is_retired_list, read_retired_list, stale_entries
from quizapp.core.content.shape_errors import problems_from_validation_error
from quizapp.core.content.yaml_source import (
    YamlDocument,
    YamlSourceError,
    cyclic_gc_paused,
    read_yaml_file,
)
from quizapp.i18n import _

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class ContentLibrary:
    """The sets that passed validation, the sources they cite, and all problems found."""

    sources: dict[str, SourceDocument] = field(default_factory=dict)
    sets: list[QuestionSet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: The file each good set was read from, by (set id, language).
    set_files: dict[tuple[str, str], Path] = field(default_factory=dict)
    #: Sources that did not load, by the id they give (or their file name).
    broken_sources: dict[str, BrokenSource] = field(default_factory=dict)
    #: Ids of sources that still hold placeholders (only drafts may cite them).
    unfinished_sources: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        """Problems that keep a file out of the app."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth fixing that do not keep a file out."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def todos(self) -> list[Problem]:
        """What a draft still needs (its placeholders): neither errors nor warnings."""
        return [p for p in self.problems if p.severity is Severity.TODO]

    @property
    def broken_files(self) -> list[Path]:
        """Files with at least one error, each once, in the order found."""
        return list(dict.fromkeys(p.path for p in self.errors))

    def sets_for(self, language: str) -> list[QuestionSet]:
        """The sets students in ``language`` may play (no drafts, nothing retired), in order."""
        return [s for s in self.sets if s.language == language and not (s.draft or s.retired)]

    def preview_sets_for(self, language: str) -> list[QuestionSet]:
        """Every good set in ``language``, drafts and retired ones too (the teacher's preview)."""
        return [s for s in self.sets if s.language == language]

    def get_set(self, set_id: str, language: str) -> QuestionSet | None:
        """The set with this id in this language, if it loaded."""
        for question_set in self.sets:
            if question_set.id == set_id and question_set.language == language:
                return question_set
        return None

    def source_for(self, question_set: QuestionSet) -> SourceDocument | None:
        """The source document a set cites."""
        return self.sources.get(question_set.source)

    def replace_with(self, other: ContentLibrary) -> None:
        """Take over everything ``other`` holds (after a reload).

        The app's controllers share this one object, so reloading changes it in place
        instead of handing every controller a new one.
        """
        self.sources = other.sources
        self.sets = other.sets
        self.problems = other.problems
        self.files = other.files
        self.set_files = other.set_files
        self.broken_sources = other.broken_sources
        self.unfinished_sources = other.unfinished_sources


def find_content_files(paths: Iterable[Path]) -> list[Path]:
    """YAML files named by ``paths``; folders are searched recursively, sorted by path."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    # Dot files are editors' and our own temporary files, never content.
                    if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(p.resolve() for p in found))


def _default_source_dirs(set_files: Iterable[Path]) -> list[Path]:
    """Where to look for sources a set cites when they were not named on the command line."""
    from quizapp.paths import content_dir

    candidates = [path.parent.parent / "sources" for path in set_files]
    candidates.append(content_dir() / "sources")
    return [d for d in dict.fromkeys(candidates) if d.is_dir()]


@dataclass
class Parsed:
    """A content file read and parsed, not yet validated."""

    path: Path
    document: YamlDocument


def load_content(paths: Sequence[Path]) -> ContentLibrary:
    """Load and validate every content file under ``paths`` (files or folders)."""
    # All node trees stay alive until the sets are checked; see cyclic_gc_paused for why.
    with cyclic_gc_paused():
        return _load(paths)


def _load(paths: Sequence[Path]) -> ContentLibrary:
    library = ContentLibrary(files=find_content_files(paths))
    lists = [path for path in library.files if is_retired_list(path)]
    content = [path for path in library.files if not is_retired_list(path)]
    parsed_sources, parsed_sets = _parse_all(content, library.problems)
    named = {p.path for p in parsed_sources}
    # A set validated on its own still needs its source to check the citations.
    extra = find_content_files(_default_source_dirs(p.path for p in parsed_sets))
    for path in extra:
        if path not in named:
            extra_sources, _sets = _parse_all([path], [])
            parsed_sources.extend(extra_sources)
    for item in parsed_sources:
        _add_source(library, item, report=item.path in named)
    _add_sets(library, parsed_sets)
    if lists:
        _retire_listed(library, lists, parsed_sets)
    return library


def _retire_listed(library: ContentLibrary, lists: list[Path], parsed: list[Parsed]) -> None:
    """Retire the sets the teacher's list names, as if their files said ``retired: true``.

    A listed id that is no set is a warning, unless a file of that id did not load (its own
    errors say why) or no set was read at all (the list checked on its own).
    """
    retired = [read_retired_list(path) for path in lists]
    for each in retired:
        library.problems.extend(each.problems)
    listed = {set_id for each in retired for set_id in each.ids}
    library.sets = [
        qset.model_copy(update={"retired": True})
        if qset.id in listed and not qset.retired
        else qset
        for qset in library.sets
    ]
    if parsed:
        known = {s.id for s in library.sets}
        known.update(str(p.document.data.get("id")) for p in parsed)
        library.problems.extend(stale_entries(retired, known))


def _parse_all(paths: Iterable[Path], problems: list[Problem]) -> tuple[list[Parsed], list[Parsed]]:
    sources: list[Parsed] = []
    sets: list[Parsed] = []
    for path in paths:
        try:
            document = read_yaml_file(path)
        except YamlSourceError as exc:
            problems.append(
                Problem(path, exc.line, exc.column, Severity.ERROR, exc.message, exc.hint)
            )
            continue
        problems.extend(
            Problem(path, e.line, e.column, Severity.ERROR, e.message, e.hint)
            for e in document.problems
        )
        kind = kind_of(document.data)
        if kind == "set":
            sets.append(Parsed(path, document))
        elif kind == "source":
            sources.append(Parsed(path, document))
        else:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    Severity.ERROR,
                    _(
                        "this is neither a question set (with “questions:”) nor a source "
                        "(with “paragraphs:”)"
                    ),
                    _("Start from an existing file in content/sets/ or content/sources/."),
                )
            )
    return sources, sets


def kind_of(data: dict[str, Any]) -> str | None:
    """``"set"`` (has ``questions:``), ``"source"`` (has ``paragraphs:``) or ``None``."""
    if "questions" in data:
        return "set"
    if "paragraphs" in data:
        return "source"
    return None


def _add_source(library: ContentLibrary, item: Parsed, *, report: bool) -> None:
    located = Located(item.path, item.document.positions)
    try:
        source = SourceDocument.model_validate(item.document.data)
    except ValidationError as exc:
        if report:
            library.problems.extend(
                problems_from_validation_error(exc, item.path, item.document.positions)
            )
        _mark_broken(library, item, report=report)
        return
    problems = check_source(source, located)
    if report:
        library.problems.extend(problems)
    if not item.document.problems and not any(p.severity is Severity.ERROR for p in problems):
        library.sources.setdefault(source.id, source)
        todo = unfinished_notice(item.path, item.document, draft=False)
        if todo is not None:
            library.unfinished_sources.add(source.id)
            if report:
                library.problems.append(todo)
    else:
        _mark_broken(library, item, report=report)


def _mark_broken(library: ContentLibrary, item: Parsed, *, report: bool) -> None:
    given = item.document.data.get("id")
    source_id = given if isinstance(given, str) else item.path.stem
    library.broken_sources.setdefault(source_id, BrokenSource(item.path, report))


def _add_sets(library: ContentLibrary, parsed: list[Parsed]) -> None:
    good: dict[str, list[tuple[QuestionSet, Located]]] = defaultdict(list)
    for item in parsed:
        located = Located(item.path, item.document.positions)
        try:
            qset = QuestionSet.model_validate(item.document.data)
        except ValidationError as exc:
            library.problems.extend(
                problems_from_validation_error(exc, item.path, item.document.positions)
            )
            continue
        problems = check_set(qset, located, library.sources, library.broken_sources)
        problems.extend(
            placeholder_problems(item.path, item.document, qset, library.unfinished_sources)
        )
        library.problems.extend(problems)
        if qset.source not in library.sources:
            continue  # its source is broken: reported there, and the set cannot be shown
        if not item.document.problems and not any(p.severity is Severity.ERROR for p in problems):
            good[qset.id].append((qset, located))
    for versions in good.values():
        versions = _drop_duplicate_languages(versions, library.problems)
        if len(versions) == 1:
            _warn_one_language(versions[0][0], versions[0][1], library.problems)
        source = library.sources.get(versions[0][0].source)
        parity = check_parity(versions, source.language if source else "de")
        library.problems.extend(parity)
        broken = {p.path for p in parity if p.severity is Severity.ERROR}
        for qset, located in versions:
            if located.path not in broken:
                library.sets.append(qset)
                library.set_files[(qset.id, qset.language)] = located.path
    library.sets.sort(key=lambda s: (s.language, _set_order(s.id)))


def _warn_one_language(qset: QuestionSet, located: Located, problems: list[Problem]) -> None:
    """Students who read in the other language would not see the set: say which file is missing.

    Only when no such file lies beside it (a broken one has its own errors; a single file
    checked on its own is not one-language just because its partner was not named).
    """
    other = next(lang for lang in LANGUAGES if lang != qset.language)
    folder = located.path.parent
    if any((folder / f"{qset.id}.{other}{suffix}").exists() for suffix in YAML_SUFFIXES):
        return
    line, column = located.positions.of_key(("id",))
    problems.append(
        Problem(
            located.path,
            line,
            column,
            Severity.WARNING,
            _("the set “%(id)s” exists in one language only: %(missing)s is missing")
            % {"id": qset.id, "missing": f"{qset.id}.{other}.yaml"},
            _(
                "Students reading in the other language will not see it. Add %(missing)s with "
                "the same questions (same ids, same right answers)."
            )
            % {"missing": folder / f"{qset.id}.{other}.yaml"},
        )
    )


def _drop_duplicate_languages(
    versions: list[tuple[QuestionSet, Located]], problems: list[Problem]
) -> list[tuple[QuestionSet, Located]]:
    """Two files with the same set id and language: keep the first, report the second."""
    kept: dict[str, tuple[QuestionSet, Located]] = {}
    for qset, located in versions:
        if qset.language in kept:
            first = kept[qset.language][1].path.name
            line, column = located.positions.of_value(("id",))
            problems.append(
                Problem(
                    located.path,
                    line,
                    column,
                    Severity.ERROR,
                    _("the set “%(id)s” in this language is already in %(first)s")
                    % {"id": qset.id, "first": first},
                    _("Give the set another id, or delete one of the two files."),
                )
            )
            continue
        kept[qset.language] = (qset, located)
    return list(kept.values())


def _set_order(set_id: str) -> tuple[int, str]:
    """Shipped sets in teaching order; other sets after them alphabetically."""
    order = ("what-happened", "why", "reading-critically", "beyond-the-article")
    return (order.index(set_id), "") if set_id in order else (len(order), set_id)
