"""The command line speaks the CLI's language: help, usage errors and argparse's own words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quizapp import i18n
from quizapp.cli import main


@pytest.fixture(autouse=True)
def _wide_and_english_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "200")  # argparse wraps help to the terminal width
    yield
    i18n.setup("en")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    return int(stopped.value.code or 0), out, err


def test_help_in_german_with_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(["--lang", "de", "--help"], capsys)
    assert code == 0
    assert out.startswith("Aufruf: quizapp")
    assert "Optionen:" in out and "diese Hilfe anzeigen und beenden" in out
    assert "Fragensets und Quellen prüfen" in out


def test_help_follows_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    _code, out, _err = _run(["report", "--help"], capsys)
    assert "nur Durchgänge, die an oder nach diesem Tag begonnen wurden" in out
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    _code, out, _err = _run(["report", "--help"], capsys)
    assert out.startswith("usage: quizapp report")
    assert "only attempts started on or after this day" in out


def test_usage_errors_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(["--lang", "de", "report", "--format", "doc", "--out", "x"], capsys)
    assert code == 2
    assert (
        "quizapp report: Fehler: Argument --format: ungültige Auswahl: 'doc' "
        "(möglich: 'csv', 'xlsx', 'pdf')" in err
    )
    code, _out, err = _run(["--lang=de", "report", "--from", "gestern", "--out", "x"], capsys)
    assert code == 2
    assert "kein Datum (JJJJ-MM-TT): 'gestern'" in err
