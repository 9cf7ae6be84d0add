"""Issue 24, point 4 and the demo of point 6, on real files: the start page's groups by article
(newest first), retiring a set (off the start page, still loaded for reports, warned when only
one language is retired), and ``quizapp demo`` simulating the teacher's own sets, not drafts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from authoring_support import ARTICLE, SET_ID, SOURCE_ID, fill_source, finish_set

from quizapp import i18n
from quizapp.cli import main
from quizapp.core.content.articles import group_by_article
from quizapp.core.content.loader import load_content
from quizapp.paths import content_dir, content_paths

pytestmark = pytest.mark.usefixtures("qapp")  # a report may render with Qt in this process


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    yield
    i18n.setup("en")


@pytest.fixture
def week(tmp_path: Path) -> Path:
    """A teacher's data folder after one week: the test article, its finished set, a draft."""
    data = tmp_path / "data"
    base = ["--lang", "en", "--data-dir", str(data)]
    assert main([*base, "source", "new", str(ARTICLE), "--id", SOURCE_ID, "--lang", "de",
                 "--outlet", "Lindenauer Tageblatt"]) == 0  # fmt: skip
    assert main([*base, "set", "new", "--source", SOURCE_ID, "--id", SET_ID]) == 0
    fill_source(data / "content" / "sources" / f"{SOURCE_ID}.yaml")
    finish_set(data / "content" / "sets")
    assert main([*base, "set", "new", "--source", SOURCE_ID, "--id", "next-week"]) == 0
    return data


def retire(data: Path, *languages: str) -> None:
    for language in languages:
        path = data / "content" / "sets" / f"{SET_ID}.{language}.yaml"
        text = path.read_text("utf-8")
        path.write_text(text.replace("source: ki-stimme\n", "source: ki-stimme\nretired: true\n"))


def test_the_newest_article_comes_first_with_its_sets(week: Path) -> None:
    library = load_content(content_paths(week))
    groups = group_by_article(library.sets_for("en"), library.sources, "en")
    assert [g.source.id for g in groups] == [SOURCE_ID, "sora-leak"], "dated before undated"
    assert [s.id for s in groups[0].sets] == [SET_ID], "the draft is not offered"
    assert groups[0].title.startswith("Fake voice message"), "the title's translation"
    assert (groups[0].outlet, groups[0].published) == ("Lindenauer Tageblatt", "March 14, 2025")
    german = group_by_article(library.sets_for("de"), library.sources, "de")
    assert german[0].published == "14. März 2025" and german[0].title.startswith("Gefälschte")


def test_a_retired_set_leaves_the_start_page_and_stays_loaded(week: Path) -> None:
    retire(week, "de", "en")
    library = load_content(content_paths(week))
    assert library.errors == [] and library.warnings == []
    for language in ("de", "en"):
        assert SET_ID not in {s.id for s in library.sets_for(language)}
        assert library.get_set(SET_ID, language) is not None, "reports still name its questions"
        assert library.get_set(SET_ID, language) in library.preview_sets_for(language)
    groups = group_by_article(library.sets_for("en"), library.sources, "en")
    assert [g.source.id for g in groups] == ["sora-leak"], "an article with no set left goes"


@pytest.mark.parametrize(("retired", "warned"), [("de", "en"), ("en", "en")])
def test_retired_in_one_language_only_is_a_warning(week: Path, retired: str, warned: str) -> None:
    retire(week, retired)
    library = load_content(content_paths(week))
    (warning,) = library.warnings
    assert warning.path.name == f"{SET_ID}.{warned}.yaml"
    assert "retired" in warning.message and "both" in warning.hint
    text = warning.path.read_text("utf-8").splitlines()
    assert text[warning.line - 1].startswith("retired:" if retired == warned else "id:")
    i18n.setup("de")
    (warning,) = load_content(content_paths(week)).warnings
    assert "ausgemustert" in warning.message


def answered_sets(data: Path) -> set[str]:
    with closing(sqlite3.connect(data / "quizapp.sqlite")) as conn:
        return {row[0] for row in conn.execute("select distinct set_id from attempt")}


def test_demo_simulates_the_loaded_sets_not_drafts(week: Path, tmp_path: Path) -> None:
    retire(week, "de", "en")  # last week's set: it was played, so the demo class played it
    assert main(["--lang", "en", "demo", "--students", "4", "--data-dir", str(week)]) == 0
    played = answered_sets(week)
    assert SET_ID in played and "next-week" not in played
    assert {"what-happened", "why", "reading-critically", "beyond-the-article"} <= played
    out = tmp_path / "class.csv"
    assert main(["--lang", "en", "--data-dir", str(week), "report", "--format", "csv",
                 "--out", str(out), "--set", SET_ID]) == 0  # fmt: skip
    answers = (tmp_path / "class-answers.csv").read_text("utf-8-sig")
    assert answers.count(SET_ID) >= 4 * 3, "every demo student's answers to the retired set"


def test_the_retired_line_is_added_once_and_removed_with_nothing_else_changed(
    week: Path,
) -> None:
    from quizapp.core.content.retire import set_retired, with_retired

    path = week / "content" / "sets" / f"{SET_ID}.de.yaml"
    before = path.read_text("utf-8")
    set_retired([path], retired=True)
    once = path.read_text("utf-8")
    set_retired([path], retired=True)
    assert path.read_text("utf-8") == once and once.count("retired:") == 1
    assert load_content([path]).sets[0].retired
    set_retired([path], retired=False)
    assert path.read_text("utf-8") == before
    written_false = before.replace("source: ki-stimme\n", "source: ki-stimme\nretired: false\n")
    assert with_retired(written_false, retired=True).count("retired: true\n") == 1
    assert "retired" not in with_retired(written_false, retired=False)


# ---- shipped sets: the teacher's list of retired sets -----------------------------------


def retired_list(data: Path, text: str) -> Path:
    path = data / "content" / "retired-sets.yaml"
    path.write_text(text, "utf-8")
    return path


def test_the_list_retires_a_shipped_set_as_its_own_line_would(week: Path) -> None:
    shipped = content_dir() / "sets" / "why.en.yaml"
    before = shipped.read_bytes()
    retired_list(week, "# last week\n- why\n")
    library = load_content(content_paths(week))
    assert library.errors == [] and library.warnings == []
    for language in ("de", "en"):
        why = library.get_set("why", language)
        assert why is not None and why.retired, "QuestionSet.retired is the one truth"
        assert "why" not in {s.id for s in library.sets_for(language)}
        assert why in library.preview_sets_for(language)
    assert shipped.read_bytes() == before, "the shipped file is not touched"
    # validate (with no paths: what the app loads) reads the list too, and is content.
    assert main(["--lang", "en", "--data-dir", str(week), "validate"]) == 0


def test_retire_set_writes_the_list_for_a_shipped_set_and_offer_again_takes_it_off(
    week: Path,
) -> None:
    from quizapp.core.content.retire import retire_set

    folder = week / "content"
    library = load_content(content_paths(week))
    files = [library.set_files[("why", lang)] for lang in ("de", "en")]
    retire_set("why", files, folder=folder, retired=True)
    listed = folder / "retired-sets.yaml"
    assert listed.read_text("utf-8").splitlines()[-1] == "- why"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no temporary left"
    assert load_content(content_paths(week)).get_set("why", "en").retired  # type: ignore[union-attr]
    # A comment the teacher wrote stays when a second set is added and the first taken off.
    listed.write_text(listed.read_text("utf-8") + "# the article is from 2024\n", "utf-8")
    retire_set("beyond-the-article", [], folder=folder, retired=True)
    retire_set("why", files, folder=folder, retired=False)
    text = listed.read_text("utf-8")
    assert "# the article is from 2024" in text and "- why" not in text
    assert text.endswith("- beyond-the-article\n")
    library = load_content(content_paths(week))
    assert not library.get_set("why", "en").retired  # type: ignore[union-attr]
    assert "why" in {s.id for s in library.sets_for("en")}
    # A list written the other way ("[a, b]") is written anew, with the ids kept.
    listed.write_text("[why, beyond-the-article]\n", "utf-8")
    retire_set("reading-critically", [], folder=folder, retired=True)
    ids = [s.id for s in load_content(content_paths(week)).sets if s.retired]
    assert set(ids) == {"why", "beyond-the-article", "reading-critically"}


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("- why\n\t- what-happened\n", (2, 1), "not valid YAML"),  # a tab
        ("why: true\n", (1, 1), "list of set ids"),
        ("- why\n- 2024\n", (2, 3), "not a set id"),
        ("- why\n- Why Not\n", (2, 3), "not a set id"),
    ],
)
def test_a_broken_list_is_an_error_at_its_line_and_column_and_never_written_over(
    week: Path, text: str, where: tuple[int, int], words: str
) -> None:
    from quizapp.core.content.retire import RetireError, retire_set

    path = retired_list(week, text)
    library = load_content(content_paths(week))
    (error,) = library.errors
    assert error.path == path and (error.line, error.column) == where, error.format()
    assert words in error.message and error.hint
    assert error.format().startswith(f"{path}:{where[0]}:{where[1]}:")
    if "- why\n" in text and words == "not a set id":
        assert library.get_set("why", "en").retired, "the good lines still count"  # type: ignore[union-attr]
    with pytest.raises(RetireError) as raised:
        retire_set("reading-critically", [], folder=week / "content", retired=True)
    assert f"line {where[0]}, column {where[1]}" in raised.value.message
    assert path.read_text("utf-8") == text, "the teacher's file is kept to be corrected"
    assert main(["--lang", "en", "--data-dir", str(week), "validate"]) == 1


def test_an_unknown_id_in_the_list_is_a_warning_naming_its_line(week: Path) -> None:
    path = retired_list(week, "- why\n- last-weeks-set\n- why\n")
    library = load_content(content_paths(week))
    assert library.errors == []
    stale, twice = sorted(library.warnings, key=lambda p: p.message)
    assert (stale.path, stale.line, stale.column) == (path, 2, 3)
    assert "last-weeks-set" in stale.message and "retires nothing" in stale.message
    assert "twice" in twice.message and twice.line == 3
    assert main(["--lang", "en", "--data-dir", str(week), "validate"]) == 0, "warnings only"
    i18n.setup("de")
    german = load_content(content_paths(week)).warnings
    assert any("last-weeks-set" in w.message and "Fragenset" in w.message for w in german)
    assert all(w.message != stale.message for w in german), "translated"


def test_offer_again_undoes_both_the_line_and_the_list(week: Path) -> None:
    from quizapp.core.content.retire import retire_set

    retire(week, "de", "en")
    retired_list(week, f"- {SET_ID}\n- why\n")  # the teacher listed their own set too
    library = load_content(content_paths(week))
    assert library.warnings == [] and library.get_set(SET_ID, "en").retired  # type: ignore[union-attr]
    files = [library.set_files[(SET_ID, lang)] for lang in ("de", "en")]
    retire_set(SET_ID, files, folder=week / "content", retired=False)
    library = load_content(content_paths(week))
    assert SET_ID in {s.id for s in library.sets_for("en")}
    assert all("retired" not in path.read_text("utf-8") for path in files)
    assert (week / "content" / "retired-sets.yaml").read_text("utf-8") == "- why\n"
    assert "why" not in {s.id for s in library.sets_for("de")}, "the other line still counts"
