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
from quizapp.paths import content_paths

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
