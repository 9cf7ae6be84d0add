"""Validator messages that used to be silent or wrong (issue 24, point 6), on real YAML files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizapp import i18n
from quizapp.core.content.loader import load_content

ROOT = Path(__file__).parents[2]
DATA = Path(__file__).parents[1] / "data" / "content"
SAMPLE = (DATA / "sets" / "sample.de.yaml").read_text(encoding="utf-8")
SORA = (ROOT / "content" / "sources" / "sora-leak.yaml").read_text(encoding="utf-8")


def write(folder: Path, relative: str, text: str) -> Path:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_unknown_source_lists_the_ids_and_the_folder_of_the_set(tmp_path: Path) -> None:
    path = write(tmp_path, "sets/sample.de.yaml", SAMPLE.replace("source: sora-leak", "source: x"))
    (error,) = load_content([tmp_path]).errors
    assert (error.path, error.line) == (path.resolve(), 7)
    assert "sora-leak" in error.hint, "the ids that exist are listed"
    assert str(tmp_path.resolve() / "sources") in error.hint, "the set's own sources folder"
    assert "e.g." not in error.hint


@pytest.mark.parametrize(
    ("written", "suggested"), [('"13.11.2023"', "2023-11-13"), ('"2023-13-45"', "2024-11-26")]
)
def test_published_must_be_an_iso_date(tmp_path: Path, written: str, suggested: str) -> None:
    path = write(
        tmp_path, "sources/sora-leak.yaml", SORA.replace("published: null", f"published: {written}")
    )
    (error,) = load_content([path]).errors
    line = SORA.splitlines().index(
        next(ln for ln in SORA.splitlines() if ln.startswith("published:"))
    )
    assert (error.line, error.column) == (line + 1, 12)
    assert "year-month-day" in error.message
    assert f'"{suggested}"' in error.hint


def test_an_iso_date_is_accepted_and_shown_in_the_readers_language(tmp_path: Path) -> None:
    from quizapp.core.content.articles import published_text

    path = write(
        tmp_path, "sources/sora-leak.yaml", SORA.replace("published: null", "published: 2023-11-13")
    )
    library = load_content([path])
    assert library.errors == []
    assert library.sources["sora-leak"].published == "2023-11-13"
    assert published_text("2023-11-13", "de") == "13. November 2023"
    assert published_text("2023-11-13", "en") == "November 13, 2023"


def test_a_set_in_one_language_gets_a_warning_naming_the_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sets/sample.de.yaml", SAMPLE)
    library = load_content([tmp_path])
    (warning,) = library.warnings
    assert (warning.path, warning.line, warning.column) == (path.resolve(), 3, 1)
    assert "sample.en.yaml" in warning.message
    assert library.errors == [] and len(library.sets) == 1, "a warning: the set still loads"
    # Both languages, or only one of them named on the command line: no warning.
    write(tmp_path, "sets/sample.en.yaml", (DATA / "sets" / "sample.en.yaml").read_text("utf-8"))
    assert load_content([tmp_path]).warnings == []
    assert load_content([path]).warnings == []


@pytest.mark.parametrize("language", ["en", "de"])
def test_range_hint_gives_the_real_range(tmp_path: Path, language: str) -> None:
    task = (ROOT / "content" / "sets" / "beyond-the-article.en.yaml").read_text("utf-8")
    assert "max_words: " in task
    start = task.index("max_words: ")
    end = task.index("\n", start)
    write(tmp_path, "sets/beyond-the-article.en.yaml", task[:start] + "max_words: 0" + task[end:])
    i18n.setup(language)
    try:
        errors = load_content([tmp_path / "sets"]).errors
    finally:
        i18n.setup("en")
    (error,) = [e for e in errors if "max_words" in e.message]
    assert "1" in error.hint and "80" in error.hint, error.hint
    assert "1, 2" not in error.hint
    difficulty = SAMPLE.replace(
        "    difficulty: 1\n    level: recall\n  - id: s-02",
        "    difficulty: 4\n    level: recall\n  - id: s-02",
    )
    (error,) = load_content([write(tmp_path / "d", "sets/sample.de.yaml", difficulty)]).errors
    assert "1" in error.hint and "3" in error.hint


def test_an_anchor_without_alias_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "sets/sample.de.yaml", SAMPLE.replace('title: "Probe"', 'title: &s "Probe"')
    )
    (error,) = load_content([path]).errors
    assert (error.line, error.column) == (5, 8)
    assert "anchors" in error.message and "&s" in error.hint


BROKEN = SORA.replace("id: sora-leak", "id: other").replace("language: de", "language: fr")


def test_a_broken_source_is_one_error_not_one_per_set(tmp_path: Path) -> None:
    write(tmp_path, "sources/other.yaml", BROKEN)
    for n in range(3):
        write(
            tmp_path,
            f"sets/s{n}.de.yaml",
            SAMPLE.replace("id: sample", f"id: s{n}").replace("sora-leak", "other"),
        )
    library = load_content([tmp_path])
    assert [e.path.name for e in library.errors] == ["other.yaml"]
    assert library.sets == [], "sets citing a broken source are not shown"


def test_a_broken_source_not_named_is_still_mentioned_at_the_set(tmp_path: Path) -> None:
    write(tmp_path, "sources/other.yaml", BROKEN)
    path = write(tmp_path, "sets/sample.de.yaml", SAMPLE.replace("sora-leak", "other"))
    (error,) = load_content([path]).errors
    assert "has errors" in error.message and "other.yaml" in error.hint


# --- the JSON Schema, read by an independent validator (the `jsonschema` package, which
# check-jsonschema and editors' YAML servers implement the same way)

SCHEMA = json.loads((ROOT / "content/schema/question-set.schema.json").read_text("utf-8"))
SOURCE_SCHEMA = json.loads((ROOT / "content/schema/source.schema.json").read_text("utf-8"))


def schema_error(schema: dict[str, object], text: str) -> tuple[list[object], str]:
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    best = jsonschema.exceptions.best_match(validator.iter_errors(yaml.safe_load(text)))
    assert best is not None, "the broken file passed the schema"
    return list(best.absolute_path), best.message


def test_the_schema_accepts_every_shipped_file() -> None:
    for path in sorted((ROOT / "content/sets").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
    for path in sorted((ROOT / "content/sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        jsonschema.Draft202012Validator(SOURCE_SCHEMA).validate(data)


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        (
            "    difficulty: 1\n    level: recall\n  - id: s-02",
            "    difficulty: 4\n    level: recall\n  - id: s-02",
            ["questions", 0, "difficulty"],
            "4",
        ),
        ("    type: single", "    type: singel", ["questions", 0, "type"], "singel"),
        ("    skill: sourcing", "    skill: source", ["questions", 0, "skill"], "source"),
        ('    prompt: "Wer', '    promt: "Wer', ["questions", 0], "promt"),
        (
            "        correct: true\n",
            "        correct: 1\n",
            ["questions", 0, "choices", 0, "correct"],
            "1",
        ),
    ],
)
def test_an_independent_validator_points_at_the_right_field(
    old: str, new: str, where: list[object], says: str
) -> None:
    assert old in SAMPLE
    path, message = schema_error(SCHEMA, SAMPLE.replace(old, new, 1))
    assert path == where, message
    assert says in message
    assert "stance" not in message and "statement" not in message


def test_an_independent_validator_refuses_a_german_date() -> None:
    path, message = schema_error(
        SOURCE_SCHEMA, SORA.replace("published: null", 'published: "13.11.2023"')
    )
    assert path == ["published"], message


BEYOND = (ROOT / "content/sets/beyond-the-article.en.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("task", "old", "new", "field"),
    [
        ("bt-10", "    stance: undermines", "    stance: maybe", "stance"),
        ("bt-11", "    max_words: 12", "    max_words: 0", "max_words"),
        ("bt-02", "    difficulty: 2", "    difficulty: 4", "difficulty"),
    ],
)
def test_an_independent_validator_points_into_the_newer_task_types(
    task: str, old: str, new: str, field: str
) -> None:
    """The task union is plain JSON Schema: an error in an evidence, short-text or order task
    is reported at its field, not as "additional properties" of some other task type."""
    start = BEYOND.index(f"  - id: {task}\n")
    at = BEYOND.index(old, start)
    broken = BEYOND[:at] + new + BEYOND[at + len(old) :]
    index = [q["id"] for q in yaml.safe_load(BEYOND)["questions"]].index(task)
    path, message = schema_error(SCHEMA, broken)
    assert path == ["questions", index, field], message
    assert new.split(": ")[1] in message and "Additional properties" not in message


def test_a_citation_translation_not_in_the_block_translation_is_a_warning(tmp_path: Path) -> None:
    """Students reading the translation would see the quote but find no highlight in it."""
    shipped = (ROOT / "content" / "sets" / "what-happened.en.yaml").read_text(encoding="utf-8")
    gap = 'translation: "Now, however, a group of testers … claim"'
    assert gap in shipped, "the shipped set elides words with “…”, which is found"
    write(tmp_path, "sources/sora-leak.yaml", SORA)
    german = (ROOT / "content" / "sets" / "what-happened.de.yaml").read_text(encoding="utf-8")
    write(tmp_path, "sets/what-happened.de.yaml", german)
    write(tmp_path, "sets/what-happened.en.yaml", shipped)
    assert load_content([tmp_path]).warnings == []
    path = write(
        tmp_path,
        "sets/what-happened.en.yaml",
        shipped.replace(gap, 'translation: "Now a group of testers claim"', 1),
    )
    (warning,) = load_content([tmp_path]).warnings
    assert warning.path == path.resolve()
    assert "not highlighted there" in warning.message
    assert "a group of testers who" in warning.hint
