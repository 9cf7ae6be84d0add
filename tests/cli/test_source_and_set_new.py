"""``quizapp source new`` and ``quizapp set new`` on a real article text, through the real CLI.

From text to a set students can play: source new → set new (a draft that validates) → the
teacher fills it in → validate → the set loads for students (the app and reports tests go on
from there).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from authoring_support import ARTICLE, SET_ID, SOURCE_ID, fill_source, finish_set

from quizapp.core.content.article_text import split_article
from quizapp.core.content.loader import load_content
from quizapp.core.content.models import BlockKind
from quizapp.paths import content_paths


def quizapp(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--lang", "en", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def new_source(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return quizapp(
        "source", "new", str(ARTICLE), "--id", SOURCE_ID, "--lang", "de",
        "--outlet", "Lindenauer Tageblatt", "--data-dir", str(data), *extra,
    )  # fmt: skip


def words(text: str) -> list[str]:
    return text.split()


def test_source_new_keeps_every_word_and_marks_the_furniture(tmp_path: Path) -> None:
    result = new_source(tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content" / "sources" / f"{SOURCE_ID}.yaml"
    assert str(path) in result.stdout
    assert "TODO" in result.stdout and "unknown_note" in result.stdout
    library = load_content([path])
    assert library.errors == [] and library.warnings == []
    assert [p.severity.value for p in library.problems] == ["todo"], "translations to write"
    source = library.sources[SOURCE_ID]
    raw = ARTICLE.read_text("utf-8")
    assert words(" ".join(b.text for b in source.paragraphs)) == words(raw), "every word kept"
    kinds = {b.text: b.kind for b in source.paragraphs}
    for line in ("Startseite", "Von Jana Beispiel", "Stand: 14.03.2025, 16:20 Uhr", "Teilen",
                 "Kommentare (12)", "Mehr zum Thema", "Deepfakes erkennen: Fünf Tipps für Eltern",
                 "Newsletter abonnieren"):  # fmt: skip
        assert kinds[line] is BlockKind.FURNITURE, line
    for block in source.paragraphs:  # furniture is never cited: no translation to write
        assert bool(block.translations) is (block.kind is not BlockKind.FURNITURE), block.id
    assert [b.id for b in source.paragraphs if b.kind is not BlockKind.FURNITURE] == [
        "headline", "subheadline", "p1", "p2", "p3", "p4", "p5",
    ]  # fmt: skip
    body = " ".join(b.text for b in source.paragraphs)
    assert "„Ich habe diese Nachricht nie aufgenommen“" in body
    assert '"alle Hinweise aus den Klassenchats"' in body
    assert (source.author, source.outlet, source.published) == (
        "Jana Beispiel", "Lindenauer Tageblatt", "2025-03-14",
    )  # fmt: skip
    assert source.title.startswith("Gefälschte Sprachnachricht")


def test_the_same_text_gives_the_same_ids_and_file(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert new_source(tmp_path / name).returncode == 0
    first, second = (
        (tmp_path / n / "content/sources/ki-stimme.yaml").read_text("utf-8") for n in "ab"
    )
    assert first == second


def test_standard_input_and_whitespace_only_normalised(tmp_path: Path) -> None:
    messy = "Titel\u00a0der  Meldung\r\n\r\nErster\tAbsatz mit „Zitat“.\r\nZweiter Absatz.\n"
    result = quizapp("source", "new", "-", "--id", "messy", "--lang", "de",
                     "--data-dir", str(tmp_path), stdin=messy.encode())  # fmt: skip
    assert result.returncode == 0, result.stderr
    source = load_content([tmp_path / "content/sources/messy.yaml"]).sources["messy"]
    assert [(b.id, b.text) for b in source.paragraphs] == [
        ("headline", "Titel der Meldung"),
        ("subheadline", "Erster Absatz mit „Zitat“."),
        ("p1", "Zweiter Absatz."),
    ]


@pytest.mark.parametrize(
    ("content", "extra", "says"),
    [
        (b"", (), "holds no text"),
        (b"  \n\n \t\n", (), "holds no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (), "not a text file"),
        (b"Caf\xe9 au lait", (), "not UTF-8"),
        (b"x" * (512 * 1024 + 1), (), "too large"),
        (b"Teilen\nKommentare (3)\n", (), "only page furniture"),
        (b"Titel\n\nText.", ("--id", "Bad Id"), "cannot be an id"),
        (b"Titel\n\nText.", ("--id", "sora-leak"), "already a source"),
        (b"Titel\n\nText.", ("--published", "13.11.2023"), "year-month-day"),
    ],
)
def test_source_new_refuses_clearly(
    tmp_path: Path, content: bytes, extra: tuple[str, ...], says: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    args = ["source", "new", str(article), "--lang", "de", "--data-dir", str(tmp_path / "d")]
    if "--id" not in extra:
        args += ["--id", "fresh"]
    result = quizapp(*args, *extra)
    assert result.returncode == 1
    assert says in result.stderr, result.stderr
    assert not list((tmp_path / "d").glob("content/sources/*.yaml")), "nothing written"


def test_source_new_never_overwrites(tmp_path: Path) -> None:
    assert new_source(tmp_path).returncode == 0
    path = tmp_path / "content/sources/ki-stimme.yaml"
    path.write_text(path.read_text("utf-8") + "# my own edit\n", "utf-8")
    again = new_source(tmp_path)
    assert again.returncode == 1 and "already a source" in again.stderr
    assert path.read_text("utf-8").endswith("# my own edit\n")


def test_from_text_to_a_set_students_can_play(tmp_path: Path) -> None:
    assert new_source(tmp_path).returncode == 0
    made = quizapp("set", "new", "--source", SOURCE_ID, "--id", SET_ID,
                   "--data-dir", str(tmp_path))  # fmt: skip
    assert made.returncode == 0, made.stderr
    sets = tmp_path / "content" / "sets"
    assert sorted(p.name for p in sets.iterdir()) == ["stimme.de.yaml", "stimme.en.yaml"]
    # A fresh skeleton validates: drafts and placeholders are "to finish", not errors.
    check = quizapp("validate", "--data-dir", str(tmp_path))
    assert check.returncode == 0, check.stdout
    assert "to finish" in check.stdout and " 0 errors" in check.stdout
    library = load_content(content_paths(tmp_path))
    skeleton = library.get_set(SET_ID, "en")
    assert skeleton is not None and skeleton.draft
    assert [q.type.value for q in skeleton.questions] == [
        "single", "multiple", "true_false", "order", "categorize", "evidence", "short_text",
    ]  # fmt: skip
    assert library.get_set(SET_ID, "de") in library.preview_sets_for("de")
    assert SET_ID not in {s.id for s in library.sets_for("de")}, "students never see a draft"
    # Without the draft mark every placeholder is an error at its own line.
    german = sets / "stimme.de.yaml"
    draft_text = german.read_text("utf-8")
    german.write_text(re.sub(r"(?m)^draft: true\n", "", draft_text), "utf-8")
    check = quizapp("validate", "--data-dir", str(tmp_path))
    assert check.returncode == 1
    todo_lines = [n for n, line in enumerate(draft_text.splitlines(), 1) if '"TODO' in line]
    reported = re.findall(r"stimme\.de\.yaml:(\d+):\d+: error: this text is still a placeholder",
                          check.stdout)  # fmt: skip
    assert len(reported) == len(todo_lines) > 20
    assert "the source “ki-stimme” still has texts to write" in check.stdout
    # The teacher fills in the source's translations and finishes the set: it is for students.
    fill_source(tmp_path / "content" / "sources" / "ki-stimme.yaml")
    finish_set(sets)
    check = quizapp("validate", "--data-dir", str(tmp_path))
    assert check.returncode == 0, check.stdout
    assert "0 errors, 0 warnings" in check.stdout and "to finish" not in check.stdout
    library = load_content(content_paths(tmp_path))
    assert {(s.id, s.language) for s in library.sets_for("de") + library.sets_for("en")} >= {
        (SET_ID, "de"), (SET_ID, "en"),
    }  # fmt: skip


def test_set_new_refuses_clearly(tmp_path: Path) -> None:
    unknown = quizapp("set", "new", "--source", "nope", "--id", "x", "--data-dir", str(tmp_path))
    assert unknown.returncode == 1 and "sora-leak" in unknown.stderr
    taken = quizapp("set", "new", "--source", "sora-leak", "--id", "why",
                    "--data-dir", str(tmp_path))  # fmt: skip
    assert taken.returncode == 1 and "already a question set" in taken.stderr
    assert not (tmp_path / "content/sets/why.de.yaml").exists()


def test_the_splitter_on_hard_wrapped_text() -> None:
    text = (
        "Eine Überschrift\n\nDies ist ein langer Absatz, der in einer E-Mail\n"
        "umbrochen wurde und weitergeht.\n\nZweiter Absatz.\nDritter Absatz."
    )
    blocks = split_article(text)
    assert [b.text for b in blocks] == [
        "Eine Überschrift",
        "Dies ist ein langer Absatz, der in einer E-Mail umbrochen wurde und weitergeht.",
        "Zweiter Absatz.",
        "Dritter Absatz.",
    ]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Updated: 21 January 2025", "2025-01-21"),
        ("Published on January 21, 2025 at 9:15 am", "2025-01-21"),
        ("Monday, 21 January 2025", "2025-01-21"),
        ("Stand: 3. März 2025, 16:20 Uhr", "2025-03-03"),
        ("Stand: 14.03.2025, 16:20 Uhr", "2025-03-14"),
    ],
)
def test_a_date_line_with_the_month_written_out_is_furniture(line: str, iso: str) -> None:
    from quizapp.core.content.article_text import date_line_date

    blocks = split_article(f"Headline\n\n{line}\n\nThe first paragraph.\n\nThe second one.")
    assert [b.kind for b in blocks if b.text == line] == [BlockKind.FURNITURE]
    assert date_line_date(blocks) == iso
    sentence = split_article("Headline\n\nIn January 2025 the school said so.")
    assert sentence[-1].kind is not BlockKind.FURNITURE


def test_a_title_given_is_the_articles_language_the_other_file_asks_for_it(
    tmp_path: Path,
) -> None:
    assert new_source(tmp_path).returncode == 0
    made = quizapp("set", "new", "--source", SOURCE_ID, "--id", SET_ID, "--title",
                   "Die falsche Schulleiterin", "--data-dir", str(tmp_path))  # fmt: skip
    assert made.returncode == 0, made.stderr
    library = load_content(content_paths(tmp_path))
    german, english = (library.get_set(SET_ID, lang) for lang in ("de", "en"))
    assert german is not None and english is not None
    assert german.title == "Die falsche Schulleiterin"
    assert english.title.startswith("TODO") and "Die falsche Schulleiterin" in english.title


NEWS_SITE_PASTE = """Startseite
Faktencheck
Gefälschte "Abendschau"-Audios
Mit KI nachgemachte Sprecherstimmen im Umlauf

Stand: 09.08.2023 17:03 Uhr

In sozialen Netzwerken kursieren Audiodateien, in denen angeblich Sprecher Falschmeldungen verlesen.

Von Lena Muster, Faktencheck-Redaktion

Audio: Diesen Artikel anhören
3 Min

„Das ist eine gezielte Täuschung“, sagt ein Sprecher des Senders. Man prüfe rechtliche Schritte.

Bildunterschrift: Ein Smartphone mit einer Audiodatei
Foto: Beispielagentur

Über dieses Thema berichtete das Abendmagazin am 09. August 2023 um 14:00 Uhr.

Artikel teilen
Zur Merkliste hinzufügen
"""


def test_a_news_site_paste_with_section_player_caption_and_broadcast_note() -> None:
    from quizapp.core.content.article_text import byline_author, date_line_date

    blocks = split_article(NEWS_SITE_PASTE)
    text = [b.text for b in blocks if b.kind is not BlockKind.FURNITURE]
    assert text == [
        'Gefälschte "Abendschau"-Audios',
        "Mit KI nachgemachte Sprecherstimmen im Umlauf",
        "In sozialen Netzwerken kursieren Audiodateien, in denen angeblich Sprecher "
        "Falschmeldungen verlesen.",
        "„Das ist eine gezielte Täuschung“, sagt ein Sprecher des Senders. Man prüfe rechtliche "
        "Schritte.",
    ], "the section name, player, duration, caption, credit and broadcast note are furniture"
    assert words(" ".join(b.text for b in blocks)) == words(NEWS_SITE_PASTE), "every word kept"
    assert date_line_date(blocks) == "2023-08-09"
    assert byline_author(blocks) == "Lena Muster", "the desk after the comma is not the author"
