"""CSV reports: a students × questions matrix file and a long file with one row per answer.

Both are UTF-8 with a byte-order mark (so Excel detects the encoding). The delimiter defaults
to ``;`` for German (Excel in German locales splits on it, since the comma is the decimal
mark) and ``,`` for English; decimals use the report language's mark.

Formula injection: control characters (NUL, BEL, ...) are removed from text cells, then cells
starting with ``=``, ``+``, ``-``, ``@``, tab or CR (also after leading blanks) get a leading
apostrophe. This is decided by the column's kind, not by looking at the text: numbers the
report computes (a negative discrimination index, say) are written as plain numbers and stay
numbers, while text that merely looks like a number (a nickname ``-5``) is still text and is
neutralised.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from quizapp.i18n import _
from quizapp.reports.class_report import ClassReport
from quizapp.reports.formatting import needs_neutralising, neutralise, plain_number
from quizapp.reports.report_tables import (
    Column,
    Kind,
    Table,
    Value,
    answers_table,
    matrix_table,
)

ENCODING = "utf-8-sig"
#: The long file's name ends so, in the report's language ("class-antworten.csv" in German).
ANSWERS_SUFFIX = {"en": "-answers", "de": "-antworten"}
_NAME_MAX = 255


def default_delimiter(language: str) -> str:
    """``;`` for German, ``,`` otherwise."""
    return ";" if language == "de" else ","


def answers_path(matrix_path: Path, language: str = "en") -> Path:
    """Where the long file goes: beside the matrix file, ``-answers`` (German: ``-antworten``)
    added to the name (the name shortened where a long one would pass 255 characters, the most
    a file system takes)."""
    suffix = ANSWERS_SUFFIX.get(language, ANSWERS_SUFFIX["en"])
    room = _NAME_MAX - len(suffix) - len(matrix_path.suffix)
    return matrix_path.with_name(matrix_path.stem[:room] + suffix + matrix_path.suffix)


def write_csv(report: ClassReport, matrix: Path, answers: Path, delimiter: str) -> None:
    """Write the matrix file and the long file (paths are written as given)."""
    with matrix.open("w", encoding=ENCODING, newline="") as stream:
        write_table(matrix_table(report), stream, delimiter, report.language)
    with answers.open("w", encoding=ENCODING, newline="") as stream:
        write_table(answers_table(report), stream, delimiter, report.language)


def write_table(table: Table, stream: TextIO, delimiter: str, language: str) -> None:
    """Write ``table`` as CSV: a header row, then its rows (each row list is changed in place)."""
    writer = csv.writer(stream, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(_header(column)) for column in table.columns])
    # The loop below runs for every cell of millions of rows, so only cells that need it are
    # touched: csv writes ints as digits and None as an empty cell by itself. Most other cells
    # repeat (names, sets, skills, chosen choices, seconds), so each column remembers what
    # its values became and a repeat costs one dictionary look-up.
    text_columns = [i for i, column in enumerate(table.columns) if column.kind is Kind.TEXT]
    converted: list[tuple[int, Callable[[Value], str], dict[Value, str]]] = [
        (i, convert, {})
        for i, column in enumerate(table.columns)
        if (convert := _converter(column.kind, language)) is not None
    ]
    # The first ``table.repeated`` cells repeat in runs (an attempt's columns, in the answers
    # table): they are converted once per run.
    head = table.repeated
    tail_text = [i for i in text_columns if i >= head]
    tail_converted = [entry for entry in converted if entry[0] >= head]
    last_raw: list[Value] = []
    last_cells: list[Value] = []
    safe: dict[str, str] = {}
    for row in table.rows:
        new_run = not head or row[:head] != last_raw
        if new_run:
            last_raw = row[:head]
        else:
            row[:head] = last_cells
        for i in text_columns if new_run else tail_text:
            value = row[i]
            if isinstance(value, str):
                cell = safe.get(value)
                if cell is None:
                    cell = neutralise(value) if needs_neutralising(value) else value
                    safe[value] = cell
                    if len(safe) > _REMEMBERED:
                        safe.clear()
                row[i] = cell
        for i, convert, seen in converted if new_run else tail_converted:
            value = row[i]
            if value is not None:
                cell = seen.get(value)
                if cell is None:
                    cell = seen[value] = convert(value)
                    if len(seen) > _REMEMBERED:
                        seen.clear()
                row[i] = cell
        if new_run and head:
            last_cells = row[:head]
        writer.writerow(row)


#: Cells remembered per column before the memory is cleared (a bound on the writer's memory).
_REMEMBERED = 20_000


def _header(column: Column) -> str:
    # A CSV has no cell formats: say in the header that the column holds percentages.
    if column.kind is Kind.PERCENT:
        return _("%(column)s (%%)") % {"column": column.header}
    return column.header


def _converter(kind: Kind, language: str) -> Callable[[Value], str] | None:
    """How a non-empty cell of ``kind`` is written; ``None`` when csv's own ``str()`` is right."""
    if kind is Kind.DECIMAL or kind is Kind.PERCENT:
        scale = 100 if kind is Kind.PERCENT else 1
        digits = 1 if kind is Kind.PERCENT else 3  # percentages as 66.7, others up to 0.123

        def number(value: Value) -> str:
            assert isinstance(value, int | float)
            return plain_number(round(value * scale, digits), language)

        return number
    if kind is Kind.DATETIME:

        def moment(value: Value) -> str:
            # ISO order sorts correctly and every spreadsheet reads it.
            assert isinstance(value, datetime)
            return value.isoformat(sep=" ", timespec="seconds")

        return moment
    if kind is Kind.YES_NO:
        # Words of the report language, as a reader expects; a 0/1 would need a legend.
        words = {1: _("yes"), 0: _("no")}

        def yes_no(value: Value) -> str:
            return words[int(bool(value))]

        return yes_no
    return None
