"""CSV reports: a students × questions matrix file and a long file with one row per answer.

Both are UTF-8 with a byte-order mark (so Excel detects the encoding). The delimiter defaults
to ``;`` for German (Excel in German locales splits on it, since the comma is the decimal
mark) and ``,`` for English; decimals use the report language's mark.

Formula injection: text cells starting with ``=``, ``+``, ``-``, ``@``, tab or CR get a leading
apostrophe. This is decided by the column's kind, not by looking at the text: numbers the
report computes (a negative discrimination index, say) are written as plain numbers and stay
numbers, while text that merely looks like a number (a nickname ``-5``) is still text and is
neutralised.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from quizapp.i18n import _
from quizapp.reports.class_report import ClassReport
from quizapp.reports.formatting import neutralise, plain_number
from quizapp.reports.report_tables import (
    Column,
    Kind,
    Table,
    Value,
    answers_table,
    matrix_table,
)

ENCODING = "utf-8-sig"
ANSWERS_SUFFIX = "-answers"


def default_delimiter(language: str) -> str:
    """``;`` for German, ``,`` otherwise."""
    return ";" if language == "de" else ","


def answers_path(matrix_path: Path) -> Path:
    """Where the long file goes: beside the matrix file, ``-answers`` added to the name."""
    return matrix_path.with_name(matrix_path.stem + ANSWERS_SUFFIX + matrix_path.suffix)


def write_csv(report: ClassReport, matrix: Path, answers: Path, delimiter: str) -> None:
    """Write the matrix file and the long file (paths are written as given)."""
    with matrix.open("w", encoding=ENCODING, newline="") as stream:
        write_table(matrix_table(report), stream, delimiter, report.language)
    with answers.open("w", encoding=ENCODING, newline="") as stream:
        write_table(answers_table(report), stream, delimiter, report.language)


def write_table(table: Table, stream: TextIO, delimiter: str, language: str) -> None:
    """Write ``table`` as CSV: a header row, then its rows."""
    writer = csv.writer(stream, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(_header(column)) for column in table.columns])
    # One converter per column, chosen once: this loop runs for every cell of 100,000 rows.
    converters = [_converter(column.kind, language) for column in table.columns]
    writer.writerows(
        [convert(value) for convert, value in zip(converters, row, strict=True)]
        for row in table.rows
    )


def _header(column: Column) -> str:
    # A CSV has no cell formats: say in the header that the column holds percentages.
    if column.kind is Kind.PERCENT:
        return _("%(column)s (%%)") % {"column": column.header}
    return column.header


def _converter(kind: Kind, language: str) -> Callable[[Value], str]:
    scale = 100 if kind is Kind.PERCENT else 1
    digits = 1 if kind is Kind.PERCENT else 3  # percentages as 66.7, others up to 0.123

    def convert(value: Value) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return neutralise(value)
        if isinstance(value, int | float):
            return plain_number(round(value * scale, digits), language)
        # A datetime: ISO order sorts correctly and every spreadsheet reads it.
        return value.strftime("%Y-%m-%d %H:%M:%S")

    return convert
