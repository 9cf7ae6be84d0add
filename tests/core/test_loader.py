"""The loader and validator on real YAML files: good files, each error kind at its position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.commands.validate import run_validate
from quizapp.core.content.loader import load_content
from quizapp.core.content.problems import Severity

DATA = Path(__file__).parents[1] / "data" / "content"
SAMPLE = (DATA / "sets" / "sample.de.yaml").read_text(encoding="utf-8")


def write_set(folder: Path, text: str, name: str = "sample.de.yaml") -> Path:
    """Write a set file into ``folder/sets`` and return its path."""
    target = folder / "sets" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_good_files_load_with_their_source() -> None:
    library = load_content([DATA])
    assert library.problems == []
    assert [(s.id, s.language) for s in library.sets] == [("sample", "de"), ("sample", "en")]
    german = library.get_set("sample", "de")
    assert german is not None
    assert library.source_for(german) is not None
    assert [s.language for s in library.sets_for("en")] == ["en"]


# Each case: (replace this, with that) in the sample, then the expected position and message.
ERROR_CASES = [
    (
        '        correct: true\n        feedback: "Richtig: Der',
        '        correct: yes\n        feedback: "Richtig: Der',
        15,
        18,
        "must be true or false",
    ),
    ("    skill: sourcing", "    skill: source", 25, 12, "cannot be “source”"),
    ("    difficulty: 1\n    level", "    difficulty: 4\n    level", 26, 17, "at most 3"),
    (
        "    level: recall\n  - id: s-02",
        "    level: recal\n  - id: s-02",
        27,
        12,
        "cannot be “recal”",
    ),
    ('    prompt: "Wer', '    promt: "Wer', 11, 5, "unknown field “promt”"),
    ("  - id: s-02", "  - id: s-01", 28, 5, "used twice"),
    (
        '        quote: "wie The Verge berichtet"',
        '        quote: "wie Der Spiegel berichtet"',
        24,
        9,
        "not in paragraph",
    ),
    (
        '      - paragraph: p2\n        quote: "wie',
        '      - paragraph: p9\n        quote: "wie',
        23,
        9,
        "no paragraph “p9”",
    ),
    (
        '        text: "OpenAI"\n        correct: false',
        '        text: "OpenAI"\n        correct: true',
        12,
        5,
        "exactly one correct choice",
    ),
    ("source: sora-leak", "source: sora-leak\nsource: other", 8, 1, "duplicate key “source”"),
    ('title: "Probe"', 'title: &t "Probe"\ndescription2: *t', 6, 15, "aliases"),
    ('title: "Probe"', 'title: !!python/object:os.system "Probe"', 5, 8, "tag"),
    ("    type: single", "  type: single", 10, 3, "not valid YAML"),
    (
        '    explanation: "Der Artikel',
        '    explanation:\n    xplanation: "Der Artikel',
        22,
        5,
        "unknown field",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "column", "fragment"), ERROR_CASES)
def test_each_error_is_reported_at_its_line_and_column(
    tmp_path: Path, old: str, new: str, line: int, column: int, fragment: str
) -> None:
    assert old in SAMPLE
    path = write_set(tmp_path, SAMPLE.replace(old, new, 1))
    library = load_content([tmp_path])
    errors = library.errors
    assert errors, "expected an error"
    matching = [e for e in errors if fragment in e.message]
    assert matching, [e.format() for e in errors]
    problem = matching[0]
    assert (problem.path, problem.line, problem.column) == (path.resolve(), line, column)
    assert problem.hint, "every error says what to do"
    assert library.sets == [], "a file with errors is kept out of the app"


def test_misquote_shows_the_closest_passage(tmp_path: Path) -> None:
    write_set(tmp_path, SAMPLE.replace("wie The Verge berichtet", "wie The Verge meldet"))
    (error,) = load_content([tmp_path]).errors
    assert "wie The Verge berichtet" in error.hint


def test_typographic_differences_are_not_misquotes(tmp_path: Path) -> None:
    text = SAMPLE.replace(
        'quote: "wie The Verge berichtet"',
        'quote: "Protest an die Öffentlichkeit geleakt zu haben, wie The Verge berichtet —"',
    )
    write_set(tmp_path, text)
    assert load_content([tmp_path]).errors == []


def test_yaml_11_booleans_stay_text(tmp_path: Path) -> None:
    write_set(tmp_path, SAMPLE.replace('text: "OpenAI"', "text: no").replace('"Ja"', "ja"))
    library = load_content([tmp_path])
    assert library.errors == []
    (qset,) = library.sets
    assert [c.text for c in qset.questions[0].choices] == ["The Verge", "no"]
    assert qset.questions[1].choices[0].text == "ja"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        (b"- a\n- b\n", "mapping"),
        (b"just text\n", "mapping"),
        (b"id: x\ntitle: \xe4\n", "not UTF-8"),
        (b"id: x\n", "neither a question set"),
    ],
)
def test_unusable_files_get_their_own_message(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    target = tmp_path / "sets" / "broken.de.yaml"
    target.parent.mkdir()
    target.write_bytes(content)
    (error,) = load_content([tmp_path]).errors
    assert fragment in error.message


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("questions: *a9")
    target = tmp_path / "sets" / "laughs.de.yaml"
    target.parent.mkdir()
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (error,) = load_content([tmp_path]).errors
    assert "aliases" in error.message
    assert (error.line, error.column) == (2, 10)


def test_a_broken_file_does_not_take_the_others_down(tmp_path: Path) -> None:
    write_set(tmp_path, SAMPLE)
    write_set(tmp_path, "id: [unclosed\n", name="other.de.yaml")
    library = load_content([tmp_path])
    assert [s.id for s in library.sets] == ["sample"]
    assert [p.name for p in library.broken_files] == ["other.de.yaml"]


def test_all_errors_in_all_files_are_reported(tmp_path: Path) -> None:
    bad = SAMPLE.replace("skill: sourcing", "skill: x").replace("difficulty: 1", "difficulty: 9")
    write_set(tmp_path, bad)
    write_set(tmp_path, bad, name="copy.de.yaml")
    library = load_content([tmp_path])
    assert len(library.errors) == 2 * 3  # skill + two difficulties, in each file


def test_parity_between_languages(tmp_path: Path) -> None:
    english = (DATA / "sets" / "sample.en.yaml").read_text(encoding="utf-8")
    write_set(tmp_path, SAMPLE)
    swapped = english.replace("correct: true", "correct: @@").replace(
        "correct: false", "correct: true"
    )
    write_set(tmp_path, swapped.replace("correct: @@", "correct: false"), name="sample.en.yaml")
    library = load_content([tmp_path])
    messages = [(p.path.name, p.message) for p in library.errors]
    assert (
        "sample.en.yaml",
        "question “s-01” has other correct choices than in the de version",
    ) in messages
    assert [s.language for s in library.sets] == ["de"]


def test_english_citations_need_a_translation(tmp_path: Path) -> None:
    write_set(tmp_path, SAMPLE.replace("language: de", "language: en"), name="sample.en.yaml")
    errors = load_content([tmp_path]).errors
    assert len(errors) == 2
    assert all("translation" in e.message for e in errors)


def test_missing_feedback_is_a_warning_not_an_error(tmp_path: Path) -> None:
    write_set(
        tmp_path,
        SAMPLE.replace('        feedback: "OpenAI kommt im Text nicht selbst zu Wort."\n', ""),
    )
    library = load_content([tmp_path])
    assert library.errors == []
    (warning,) = library.warnings
    assert warning.severity is Severity.WARNING
    assert (warning.line, "“b”" in warning.message) == (17, True)


def test_file_name_must_match_id_and_language(tmp_path: Path) -> None:
    write_set(tmp_path, SAMPLE, name="sample.en.yaml")
    (error,) = load_content([tmp_path]).errors
    assert "sample.de.yaml" in error.hint


def test_validate_command_exit_codes_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_validate([str(DATA)]) == 0
    assert "0 errors" in capsys.readouterr().out
    path = write_set(tmp_path, SAMPLE.replace("difficulty: 1", "difficulty: 0", 1))
    assert run_validate([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:26:17: error:" in out
    assert run_validate([str(tmp_path / "nope")]) == 2
    assert run_validate([str(tmp_path)], output_format="json") == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1
    assert payload["problems"][0]["line"] == 26


@pytest.mark.parametrize(
    ("language", "listed"),
    [
        (
            "en",
            "facts, motives, sourcing, claim-vs-fact, missing-context, wording, or lateral-reading",
        ),
        (
            "de",
            "facts, motives, sourcing, claim-vs-fact, missing-context, wording oder "
            "lateral-reading",
        ),
    ],
)
def test_allowed_values_are_listed_in_the_message_language(
    tmp_path: Path, language: str, listed: str
) -> None:
    from quizapp import i18n

    write_set(tmp_path, SAMPLE.replace("    skill: sourcing", "    skill: source", 1))
    i18n.setup(language)
    try:
        library = load_content([tmp_path / "sets"])
    finally:
        i18n.setup("en")
    hints = [p.hint for p in library.errors]
    assert any(listed in hint for hint in hints), hints


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "“citations” needs at least 1 entry"),
        ("de", "„citations“ braucht mindestens 1 Eintrag"),
    ],
)
def test_counts_in_messages_use_the_right_plural(
    tmp_path: Path, language: str, message: str
) -> None:
    from quizapp import i18n

    no_citations = SAMPLE.replace(
        '    citations:\n      - paragraph: p2\n        quote: "wie The Verge berichtet"\n',
        "    citations: []\n",
        1,
    )
    write_set(tmp_path, no_citations)
    i18n.setup(language)
    try:
        library = load_content([tmp_path / "sets"])
    finally:
        i18n.setup("en")
    assert [p.message for p in library.errors] == [message]


def test_a_missing_level_is_an_error_at_its_task(tmp_path: Path) -> None:
    """Every task says what it asks students to do; leaving it out names the task's line."""
    path = write_set(tmp_path, SAMPLE.replace("    level: recall\n  - id: s-02", "  - id: s-02", 1))
    library = load_content([tmp_path])
    [problem] = library.errors
    assert "required field “level” is missing" in problem.message
    assert "level:" in problem.hint
    assert (problem.path, problem.line) == (path.resolve(), 9)
    assert library.sets == []
