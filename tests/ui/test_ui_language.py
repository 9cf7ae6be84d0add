"""Switching the UI language live: every visible text, the set list, Qt's own buttons, and the
language remembered for next time.

A small German catalog is compiled for these tests, so they check the mechanism and do not
depend on the wording of the real catalog (which a colleague maintains).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from ui_support import begin, db_rows, reset_language, start_shell

from quizapp import i18n
from quizapp.app import AppShell

GERMAN = {
    "Start": "Los",
    "History": "Verlauf",
    "Choose a question set": "Wähle ein Fragenset",
    "Submit answer": "Antwort abgeben",
    "Back to the start page": "Zurück zur Startseite",
    "Reading the news critically – quiz": "Nachrichten kritisch lesen – Quiz",
    "Loading the question sets …": "Die Fragensets werden geladen …",
}
GERMAN_PLURALS = {("%(n)d question", "%(n)d questions"): ("%(n)d Frage", "%(n)d Fragen")}


@pytest.fixture
def test_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A tiny compiled German catalog in a temporary locales folder."""
    locales = tmp_path / "locales"
    for lang in i18n.SUPPORTED:
        catalog = Catalog(locale=lang, domain=i18n.DOMAIN)
        if lang == "de":
            for msgid, msgstr in GERMAN.items():
                catalog.add(msgid, msgstr)
            for ids, strs in GERMAN_PLURALS.items():
                catalog.add(ids, strs)
        folder = locales / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / f"{i18n.DOMAIN}.mo").open("wb") as mo:
            write_mo(mo, catalog)
    monkeypatch.setattr(i18n, "locales_dir", lambda: locales)
    yield
    reset_language()


def switch(shell: AppShell, language: str) -> None:
    """Choose ``language`` in the start view's language box, as a student would."""
    box = shell.start_view.language
    index = box.findData(language)
    box.setCurrentIndex(index)
    box.activated.emit(index)


def card_titles(shell: AppShell) -> list[str]:
    return [card.button.text() for card in shell.start_view._cards.values()]


@pytest.mark.usefixtures("test_catalog")
def test_switch_changes_every_visible_text_and_the_sets(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="en")
    view = shell.start_view
    assert (view.start_button.text(), view.history_button.text()) == ("Start", "History")
    assert card_titles(shell) == ["Mini set"]
    card = next(iter(view._cards.values()))
    assert card.details.text().startswith("3 questions")

    switch(shell, "de")
    assert i18n.current_language() == "de"
    assert view.start_button.text() == "Los"
    assert view.start_button.accessibleName() == "Los"
    assert view.history_button.text() == "Verlauf"
    assert view.sets_heading.text() == "Wähle ein Fragenset"
    assert shell.window.windowTitle() == "Nachrichten kritisch lesen – Quiz"
    assert card_titles(shell) == ["Mini-Set"]  # the German sets now
    card = next(iter(view._cards.values()))
    assert card.details.text().startswith("3 Fragen")
    # Views not on screen were re-translated too.
    assert shell.screens.quiz_view.submit_button.text() == "Antwort abgeben"
    assert shell.screens.article_view.back_button.text() == "Zurück zur Startseite"
    # Qt's own buttons (OK, Cancel, Close …) come from Qt's German translation.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert close.button(QDialogButtonBox.StandardButton.Close).text() == "Schließen"

    switch(shell, "en")
    assert view.start_button.text() == "Start"
    assert card_titles(shell) == ["Mini set"]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


@pytest.mark.usefixtures("test_catalog")
def test_the_language_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shell = start_shell(qtbot, data, language="en")
    switch(shell, "de")
    assert db_rows(data, "select value from setting where key = 'ui_language'") == [("de",)]
    shell.window.close()
    again = start_shell(qtbot, data, language=None)  # no --lang: the saved language wins
    assert i18n.current_language() == "de"
    assert again.start_view.start_button.text() == "Los"
    assert again.start_view.language.currentData() == "de"
    assert card_titles(again) == ["Mini-Set"]
    again.window.close()
    forced = start_shell(qtbot, data, language="en")  # --lang wins over the saved language
    assert forced.start_view.start_button.text() == "Start"


@pytest.mark.usefixtures("test_catalog")
def test_a_german_quiz_uses_german_sets(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="de")
    begin(shell)
    session = shell.screens.quiz.session
    assert session.question_set.language == "de"
    assert shell.screens.quiz_view.prompt.text() == session.current.prompt


@pytest.mark.usefixtures("test_catalog")
def test_widgets_report_the_ui_language_to_assistive_technology(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Screen readers choose pronunciation from the widget's locale; "C" reads German badly."""
    shell = start_shell(qtbot, tmp_path / "data", language="en")
    button = shell.start_view.start_button
    assert button.locale().language() == QLocale.Language.English
    switch(shell, "de")
    assert button.locale().language() == QLocale.Language.German
    assert shell.screens.quiz_view.locale().language() == QLocale.Language.German
    switch(shell, "en")
    assert button.locale().language() == QLocale.Language.English


def test_qt_widgets_use_british_formats_for_english_unless_the_system_names_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Date fields in the teacher area follow the app's dates: 2/12/2026, not 12/2/26."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    shell = start_shell(qtbot, tmp_path / "data", language="en")
    assert shell.start_view.start_button.locale().name() == "en_GB"
