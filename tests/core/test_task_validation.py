"""Validator errors for the newer task types, each at its exact line and column.

Each case edits the example set (tests/data/tasks/sets) in one place; the expected position is
where that edit is: the line holding ``at`` and the column where ``at`` starts in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core.content.loader import load_content
from quizapp.core.content.problems import Problem, Severity

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "tests" / "data" / "tasks" / "sets"
SOURCES = ROOT / "content" / "sources"


def position(text: str, at: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``at`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(at, offset + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def load_edited(tmp_path: Path, language: str, old: str, new: str) -> tuple[list[Problem], str]:
    """Copy both example files, apply one edit to the ``language`` file, load; return problems
    of that file and its edited text."""
    folder = tmp_path / "sets"
    shutil.copytree(TASKS, folder)
    target = folder / f"task-types.{language}.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    edited = text.replace(old, new)
    target.write_text(edited, encoding="utf-8")
    library = load_content([folder, SOURCES])
    return [p for p in library.problems if p.path == target.resolve()], edited


def test_the_example_set_is_clean_in_both_languages() -> None:
    library = load_content([TASKS, SOURCES])
    assert library.problems == []
    assert sorted((s.id, s.language) for s in library.sets) == [
        ("task-types", "de"),
        ("task-types", "en"),
    ]
    types = [q.type.value for q in library.sets[0].questions]
    assert types == ["order", "categorize", "evidence", "short_text"]


# (language, replace this, with that, where the error points, nth occurrence there, message)
CASES = [
    ("de", "type: order", "type: ordering", "ordering", 0, "“type” cannot be “ordering”"),
    (
        "de",
        '      - id: b\n        text: "Nur eine',
        '      - id: a\n        text: "Nur eine',
        'id: a\n        text: "Nur',
        0,
        "the id “a” is used twice in this task",
    ),
    (
        "de",
        '      - id: c\n        text: "Tester machen das Modell nach eigener Aussage öffentlich."\n'
        '      - id: d\n        text: "OpenAI stoppt das nach drei Stunden."\n',
        "",
        '- id: a\n        text: "OpenAI kündigt',
        0,
        "“items” needs at least 3 entries",
    ),
    (
        "de",
        "    items:                     # in the RIGHT order",
        "    choices: []\n    items:                     # in the RIGHT order",
        "choices: []",
        0,
        "unknown field “choices”",
    ),
    ("de", "category: guess", "category: guesswork", "category: guesswork", 0, "no category"),
    (
        "de",
        "      - id: claim\n",
        "      - id: fact\n",
        "id: fact",
        1,
        "the id “fact” is used twice in this task",
    ),
    ("de", "stance: undermines", "stance: refutes", "refutes", 0, "“stance” cannot be “refutes”"),
    (
        "de",
        '        quote: "behauptet"\n',
        '        quote: "behauptete"\n',
        'quote: "behauptete"',
        0,
        "the quote is not in paragraph “p2”",
    ),
    (
        "de",
        '    statement: "Künstler haben Sora geleakt."\n',
        "",
        "id: tt-evidence",
        0,
        "required field “statement” is missing",
    ),
    (
        "en",
        '        translation: "claim"\n',
        '        translation: "claimed"\n',
        'translation: "claimed"',
        0,
        "not in the en translation of paragraph “p2”",
    ),
    ("de", "max_words: 12 ", "max_words: 6 ", "model_answer:", 0, "has 10 words, more than"),
    ("de", "max_words: 12 ", "max_words: 0 ", "0 ", 0, "“max_words” must be at least 1"),
    ("de", "max_words: 12 ", 'max_words: "12" ', '"12"', 0, "must be a whole number"),
    (
        "de",
        '      - id: c\n        text: "Verzichtet',
        '      - id: b\n        text: "Verzichtet',
        'id: b\n        text: "Verzichtet',
        0,
        "the id “b” is used twice in this task",
    ),
]


@pytest.mark.parametrize(
    ("language", "old", "new", "at", "nth", "message"),
    CASES,
    ids=[f"{c[0]}-{c[5][:30]}" for c in CASES],
)
def test_each_task_error_is_reported_at_its_line_and_column(
    tmp_path: Path, language: str, old: str, new: str, at: str, nth: int, message: str
) -> None:
    problems, edited = load_edited(tmp_path, language, old, new)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [p.message for p in errors if message in p.message], errors
    found = next(p for p in errors if message in p.message)
    assert (found.line, found.column) == position(edited, at, nth), found
    assert found.hint  # every error says what to do


def test_exact_positions_of_two_errors(tmp_path: Path) -> None:
    """Two positions spelled out, so the helper above is checked against real numbers."""
    problems, _text = load_edited(tmp_path / "a", "de", "type: order", "type: ordering")
    assert [(p.line, p.column) for p in problems] == [(11, 11)]
    problems, _text = load_edited(tmp_path / "b", "de", "category: guess", "category: guesswork")
    assert [(p.line, p.column, p.severity) for p in problems] == [(57, 9, Severity.ERROR)]


def test_a_statement_without_feedback_is_a_warning(tmp_path: Path) -> None:
    old = '        feedback: "Eine Reaktion von OpenAI kommt im Text nicht vor."\n'
    problems, edited = load_edited(tmp_path, "de", old, "")
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.WARNING, "statement “d” has no feedback")
    ]
    assert (problems[0].line, problems[0].column) == position(
        edited, 'id: d\n        text: "OpenAI hat'
    )


# Parity: the English file must keep the answers of the German one.
PARITY = [
    ('      - id: c\n        text: "Testers', '      - id: x\n        text: "Testers', "items"),
    ("category: guess", "category: fact", "statements"),
    ("stance: undermines", "stance: supports", "stance"),
    ("max_words: 12", "max_words: 15", "rubric"),
    ('      - id: c\n        text: "Leaves', '      - id: z\n        text: "Leaves', "rubric"),
]


@pytest.mark.parametrize(("old", "new", "key"), PARITY, ids=[f"{p[2]}-{p[1][:14]}" for p in PARITY])
def test_parity_covers_the_new_fields(tmp_path: Path, old: str, new: str, key: str) -> None:
    problems, edited = load_edited(tmp_path, "en", old, new)
    parity = [p for p in problems if "than in the de version" in p.message]
    assert [p.message for p in parity] == [
        f"task “{_task_of(edited, new)}” has other answers than in the de version"
    ]
    task_start = edited.rfind("  - id: tt-", 0, edited.index(new))
    offset = edited.index(f"    {key}:", task_start)
    assert (parity[0].line, parity[0].column) == (edited.count("\n", 0, offset) + 1, 5)


def _task_of(text: str, edit: str) -> str:
    start = text.rfind("  - id: tt-", 0, text.index(edit)) + len("  - id: ")
    return text[start : text.index("\n", start)]


def test_a_level_differing_between_languages_is_an_error_at_the_level(tmp_path: Path) -> None:
    """The same task asks the same in both languages, so reports can compare them."""
    old = "    level: recall\n"
    problems, edited = load_edited(tmp_path, "en", old, "    level: inference\n")
    parity = [p for p in problems if "another level" in p.message]
    assert [(p.severity, p.message) for p in parity] == [
        (Severity.ERROR, "question “tt-order” has another level than in the de version")
    ]
    assert (parity[0].line, parity[0].column) == position(edited, "level: inference")
