"""Fast rows for the workbook's big Answers sheet (100,000 rows and more).

openpyxl serialises every cell through a generic XML writer (without lxml installed, some
15 µs a cell: half a minute for 100,000 answers). This module writes the rows of one sheet as
plain SpreadsheetML text instead and splices them into the sheet openpyxl saved with only its
header row. Styles (date and decimal formats, the quote prefix that keeps formula-like text
from being a formula) are registered with openpyxl first, so the style ids used here are the
ones in the saved ``styles.xml``.

Cells: numbers ``<c><v>``, dates as Excel serial numbers with a date style, text as inline
strings (``t="inlineStr"``, never a formula).
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]

from quizapp.reports.formatting import clean_text, is_formula_like
from quizapp.reports.report_tables import Value

_EXCEL_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's (1900) date system
_SECONDS_PER_DAY = 86400.0
_SHEET_DATA_END = "</sheetData>"
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_BATCH = 2000  # rows per write into the zip
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class RowStyles:
    """Style ids per column (``None``: default) and the id of quote-prefixed text."""

    columns: tuple[int | None, ...]
    quoted_text: int


def register_styles(sheet: WriteOnlyWorksheet, formats: Sequence[str | None]) -> RowStyles:
    """Register the number formats of the columns with the workbook; return their style ids."""
    ids: list[int | None] = []
    for number_format in formats:
        if number_format is None:
            ids.append(None)
            continue
        cell = WriteOnlyCell(sheet, value=0)
        cell.number_format = number_format
        ids.append(int(cell.style_id))
    quoted = WriteOnlyCell(sheet, value="")
    quoted.quotePrefix = True
    return RowStyles(tuple(ids), int(quoted.style_id))


def rows_xml(rows: Iterable[Sequence[Value]], styles: RowStyles, first_row: int) -> Iterator[str]:
    """``<row>`` elements for ``rows``, numbered from ``first_row``."""
    letters = [get_column_letter(n) for n in range(1, len(styles.columns) + 1)]
    for number, row in enumerate(rows, start=first_row):
        cells = []
        for letter, value, style in zip(letters, row, styles.columns, strict=True):
            if value is None:
                continue
            ref = f"{letter}{number}"
            if isinstance(value, str):
                value = clean_text(value)  # first: "\x00=1" is "=1" once the NUL is gone
                quoted = f' s="{styles.quoted_text}"' if is_formula_like(value) else ""
                text = escape(value)
                cells.append(
                    f'<c r="{ref}" t="inlineStr"{quoted}>'
                    f'<is><t xml:space="preserve">{text}</t></is></c>'
                )
                continue
            if isinstance(value, datetime):
                # Whole seconds: a fraction would show as 08:29:05.1 once turned into days.
                elapsed = value.replace(microsecond=0) - _EXCEL_EPOCH
                value = elapsed.total_seconds() / _SECONDS_PER_DAY
            styled = f' s="{style}"' if style is not None else ""
            cells.append(f'<c r="{ref}"{styled}><v>{value!r}</v></c>')
        yield f'<row r="{number}">{"".join(cells)}</row>'


def splice_rows(workbook: Path, sheet_part: str, rows: Iterable[str], last_ref: str) -> None:
    """Insert ``rows`` at the end of ``sheet_part``'s sheet data in the saved ``workbook``.

    The archive is rewritten beside the file and renamed over it; ``last_ref`` (``"Q1000"``)
    becomes the sheet's dimension.
    """
    rewritten = workbook.with_name(workbook.name + ".splice")
    try:
        with (
            zipfile.ZipFile(workbook) as source,
            zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                if info.filename != sheet_part:
                    # Copied in pieces: the students × questions sheet of a whole school is
                    # tens of megabytes of XML.
                    # The source's sizes in ``info`` make zipfile choose zip64 as writestr did.
                    with source.open(info) as part, target.open(info, "w") as out:
                        shutil.copyfileobj(part, out, _COPY_CHUNK)
                    continue
                head, tail = source.read(info).decode("utf-8").rsplit(_SHEET_DATA_END, 1)
                head = _DIMENSION.sub(f'<dimension ref="A1:{last_ref}"/>', head, count=1)
                with target.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head.encode("utf-8"))
                    for batch in _batched(rows, _BATCH):
                        out.write("".join(batch).encode("utf-8"))
                    out.write((_SHEET_DATA_END + tail).encode("utf-8"))
        os.replace(rewritten, workbook)
    finally:
        with suppress(OSError):
            rewritten.unlink(missing_ok=True)


def _batched(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
