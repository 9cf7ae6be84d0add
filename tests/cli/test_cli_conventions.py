"""Command-line conventions (issue 13.2): --version, an unsupported --lang refused in the
user's language, LC_ALL over LANG, demo --lang, and no internal names in messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp import __version__, i18n
from quizapp.cli import main

_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in _LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    yield
    i18n.setup("en")


def _exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    return int(stopped.value.code or 0), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit(["--version"], capsys)[:2] == (0, f"quizapp {__version__}\n")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "ungültige Auswahl: 'fr'"),
        ({"LANG": "en_GB.UTF-8"}, "invalid choice: 'fr'"),
        ({"LANG": "fr_FR.UTF-8"}, "invalid choice: 'fr'"),  # unsupported: English
        ({}, "invalid choice: 'fr'"),
    ],
)
def test_an_unsupported_lang_is_refused_in_the_users_language(
    environment: dict[str, str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for var, value in environment.items():
        monkeypatch.setenv(var, value)
    code, _out, err = _exit(["--lang", "fr", "report", "--format", "csv", "--out", "x"], capsys)
    assert code == 2 and expected in err


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "de:en", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "de", "LC_ALL": "C"}, "en"),  # C means plain English, as in gettext
    ],
)
def test_lc_all_wins_over_lang(
    environment: dict[str, str], language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var, value in environment.items():
        monkeypatch.setenv(var, value)
    assert i18n.language_from_environment() == language


def test_demo_accepts_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--lang", "de", "--students", "2", "--data-dir", str(folder)]) == 0
    assert "Demo-Klasse" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["results"],
        ["demo", "--students", "x", "--data-dir", "d"],
        ["demo", "--seed", "y", "--data-dir", "d"],
        ["demo", "--students", "0", "--data-dir", "d"],
    ],
)
def test_no_internal_names_in_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _exit(["--lang", "en", *argv], capsys)
    assert code == 2
    for internal in ("results_command", "_positive", "_whole", "invalid int value"):
        assert internal not in err


def test_messages_name_quizapp_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    data = ["--lang", "en", "--data-dir", str(tmp_path / "d")]
    assert main([*data, "results", "import", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizapp cannot read") and "quizapp: quizapp" not in err
