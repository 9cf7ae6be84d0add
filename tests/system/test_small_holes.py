"""Small holes of issue 15.6: control characters before formula starts in CSV cells, and file
names with newlines or right-to-left marks shown escaped in messages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from reports_fixtures import english

from quizapp.reports.csv_report import write_table
from quizapp.reports.formatting import is_formula_like, neutralise
from quizapp.reports.report_tables import Column, Kind, Table
from quizapp.storage.exchange_format import ExchangeError, read_results_file
from quizapp.user_error import shown_path


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


HIDDEN_FORMULAS = {
    "\x00=1+1": "'=1+1",
    "\x07@SUM(A1)": "'@SUM(A1)",
    "\x00\x07-2": "'-2",
    "\t+3": "'\t+3",
    "\r=4": "'\r=4",
    " =HYPERLINK(1)": "' =HYPERLINK(1)",
    "Ma\x00x": "Max",  # NUL inside a name is removed too; nothing to neutralise
    "Lea": "Lea",
}


def test_control_characters_are_stripped_before_the_formula_check() -> None:
    for text, expected in HIDDEN_FORMULAS.items():
        assert neutralise(text) == expected, repr(text)
    table = Table("t", [Column("Name", Kind.TEXT)], iter([[name] for name in HIDDEN_FORMULAS]))
    stream = io.StringIO()
    write_table(table, stream, ",", "en")
    written = stream.getvalue()
    assert "\x00" not in written and "\x07" not in written
    cells = [row[0] for row in csv.reader(io.StringIO(written))][1:]
    assert cells == list(HIDDEN_FORMULAS.values())


def test_xlsx_quotes_what_hides_behind_blanks() -> None:
    assert is_formula_like(" =1") and is_formula_like("\t=1") and not is_formula_like("a=1")


def test_file_names_with_newlines_and_bidi_marks_are_escaped(tmp_path: Path) -> None:
    name = "report\nquizapp: all fine\u202egpj.json"
    assert shown_path(name) == "report\\x0aquizapp: all fine\\u202egpj.json"
    bad = tmp_path / name
    bad.write_text("{")
    with pytest.raises(ExchangeError) as error:
        read_results_file(bad)
    assert "\n" not in error.value.message and "\u202e" not in error.value.message
    assert "\\x0aquizapp: all fine\\u202egpj.json" in error.value.message


def test_validate_shows_odd_file_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli import main

    odd = tmp_path / "set\nerror: fake line\u202elmay.yaml"
    odd.write_text("id: [")
    assert main(["--lang", "en", "validate", str(odd)]) == 1
    out = capsys.readouterr().out
    assert "set\\x0aerror: fake line\\u202elmay.yaml:" in out
    assert "\u202e" not in out and "\nerror: fake line" not in out
