"""The class report as an Excel workbook: Overview, Students × Questions, Item analysis, Answers.

openpyxl's write-only mode streams rows to the file (the Answers sheet may have 100,000 rows);
a workbook is either write-only or not, so every sheet is written that way and styled cells
are :class:`WriteOnlyCell` objects. Numbers are numbers, percentages are fractions with a
percent format, every sheet's header row is frozen.

Text that a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) is stored as a
string cell with Excel's "quote prefix" – what Excel itself does when one types ``'=…`` – so it
shows exactly as the student typed it and stays text even when the cell is edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]

from quizapp.i18n import _
from quizapp.reports.class_report import ClassReport, SetReport
from quizapp.reports.dataset import to_local
from quizapp.reports.formatting import (
    clean_text,
    day,
    is_formula_like,
    spreadsheet_datetime_format,
)
from quizapp.reports.report_tables import (
    CONFIDENCE_LABELS,
    Kind,
    Table,
    Value,
    answers_table,
    items_table,
    label,
    matrix_table,
)
from quizapp.reports.xlsx_stream import register_styles, rows_xml, splice_rows

PERCENT_FORMAT = "0%"
DECIMAL_FORMAT = "0.00"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(report: ClassReport, path: Path) -> None:
    """Write the workbook for ``report`` to ``path``."""
    workbook = Workbook(write_only=True)
    try:
        _write_workbook(workbook, report, path)
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Workbook) -> None:
    """Close a failed workbook's half-written sheet streams now, quietly.

    Left to the garbage collector, each one would try to finish writing into a file that is
    already closed (after a full disk, say) and print a traceback at exit.
    """
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if stream is not None:
                with suppress(Exception):
                    stream.close()


def _write_workbook(workbook: Workbook, report: ClassReport, path: Path) -> None:
    _overview(workbook.create_sheet(sheet_title(_("Overview"))), report)
    language = report.language
    for table, frozen in (
        (matrix_table(report), "C2"),  # keep the names in view while scrolling right
        (items_table(report), "E2"),  # and the set, its id, the number and the question id
    ):
        sheet = workbook.create_sheet(sheet_title(table.title))
        _start_table(sheet, table, frozen)
        formats = [_number_format(column.kind, language) for column in table.columns]
        for row in table.rows:
            sheet.append(_cells(sheet, row, formats))
    # The answers sheet is the big one: openpyxl writes its header, the rows are spliced in.
    answers = answers_table(report)
    sheet = workbook.create_sheet(sheet_title(answers.title))
    _start_table(sheet, answers, "B2")
    styles = register_styles(
        sheet, [_number_format(column.kind, language) for column in answers.columns]
    )
    workbook.save(path)
    part = sheet.path.lstrip("/")  # numbered when saved
    last = f"{get_column_letter(len(answers.columns))}{report.dataset.answer_count + 1}"
    splice_rows(path, part, rows_xml(answers.rows, styles, first_row=2), last)


def sheet_title(text: str) -> str:
    """A valid sheet name: no ``[]:*?/\\`` and at most 31 characters."""
    return _SHEET_NAME_BAD.sub("-", text)[:31]


def print_setup(sheet: WriteOnlyWorksheet, *, header_row: bool) -> None:
    """Pages a teacher can print: landscape A4, one page wide, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        sheet.print_title_rows = "1:1"


def _start_table(sheet: WriteOnlyWorksheet, table: Table, frozen: str) -> None:
    """Column widths, frozen panes, print setup and the bold header row (before any other
    row)."""
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = frozen
    print_setup(sheet, header_row=True)
    # Long headers (a set's title and what the column counts) wrap inside their column.
    sheet.append([_styled(sheet, column.header, font=_BOLD, wrap=True) for column in table.columns])


def _number_format(kind: Kind, language: str) -> str | None:
    return {
        Kind.PERCENT: PERCENT_FORMAT,
        Kind.DECIMAL: DECIMAL_FORMAT,
        Kind.DATETIME: spreadsheet_datetime_format(language),
        Kind.YES_NO: yes_no_format(),
    }.get(kind)


def yes_no_format() -> str:
    """A number format showing 1 as "yes" and 0 as "no" in the report language.

    The cell keeps its number, so a teacher can still sum or filter the column; Excel and
    LibreOffice both read the sections as positive;negative;zero.
    """
    yes, no = (word.replace('"', "") for word in (_("yes"), _("no")))
    return '"' + yes + '";"' + yes + '";"' + no + '"'


def _cells(
    sheet: WriteOnlyWorksheet, row: Sequence[Value], formats: Sequence[str | None]
) -> list[Any]:
    cells: list[Any] = []
    for value, number_format in zip(row, formats, strict=True):
        if isinstance(value, str):
            cells.append(_text(sheet, value))
        elif number_format is not None and value is not None:
            cells.append(_styled(sheet, value, number_format=number_format))
        else:  # plain numbers and blanks stream fastest as bare values
            cells.append(value)
    return cells


def _text(sheet: WriteOnlyWorksheet, text: str) -> Any:
    text = clean_text(text)
    if not is_formula_like(text):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl made it a formula ("f") because of the leading "="
    cell.quotePrefix = True
    return cell


def _styled(
    sheet: WriteOnlyWorksheet,
    value: Value,
    *,
    number_format: str | None = None,
    font: Font | None = None,
    wrap: bool = False,
) -> Any:
    # WriteOnlyCell is a factory function, not a class: a plain value is what needs wrapping.
    text_or_cell: Any = _text(sheet, value) if isinstance(value, str) else value
    cell: Any = text_or_cell
    if not hasattr(cell, "number_format"):
        cell = WriteOnlyCell(sheet, value=text_or_cell)
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if wrap:
        cell.alignment = _WRAP
    return cell


# -- overview ----------------------------------------------------------------------------------


def _overview(sheet: WriteOnlyWorksheet, report: ClassReport) -> None:
    for letter, width in zip("ABCDEFGHIJ", (34, 30, 14, 14, 12, 12, 12, 12, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    print_setup(sheet, header_row=False)
    sheet.freeze_panes = "A2"  # the title stays in view
    sheet.append([_styled(sheet, _("Class report"), font=_TITLE)])
    date_format = spreadsheet_datetime_format(report.language)
    for key, value in _facts(report):
        number_format = date_format if isinstance(value, datetime) else None
        sheet.append([_styled(sheet, key, font=_BOLD), *_cells(sheet, [value], [number_format])])
    sheet.append([])
    _append_rows(sheet, _set_header(), (_set_row(s) for s in report.sets), _SET_FORMATS)
    sheet.append([])
    calibration_header = [_("Confidence"), _("Answers"), _("Right"), _("Share right")]
    rows: list[list[Value]] = [
        [label(CONFIDENCE_LABELS, r.confidence.value), r.total, r.right, r.right / r.total]
        for r in report.calibration
    ]
    sheet.append([_styled(sheet, _("Confidence and correctness (first attempts)"), font=_BOLD)])
    _append_rows(sheet, calibration_header, rows, (None, None, None, PERCENT_FORMAT))


def _facts(report: ClassReport) -> list[tuple[str, Value]]:
    dataset, language = report.dataset, report.language
    filters = dataset.filters
    facts: list[tuple[str, Value]] = [
        (_("Created"), to_local(dataset.generated_at).replace(microsecond=0)),
        (_("Set"), _set_name(report, filters.set_id) if filters.set_id else _("all")),
        (_("Group"), filters.group if filters.group is not None else _("all")),
        (_("From"), day(filters.date_from, language) if filters.date_from else "–"),
        (_("To"), day(filters.date_to, language) if filters.date_to else "–"),
        (_("Language of the attempts"), filters.language or _("all")),
        (_("Students"), len(dataset.students)),
        (_("Finished attempts"), report.finished_attempts),
        (_("Answers"), dataset.answer_count),
    ]
    if dataset.pseudonymised:
        facts.append((_("Names"), _("replaced by codes (pseudonymised)")))
    if dataset.includes_demo:
        facts.append((_("Note"), _("Simulated demo class: not real students.")))
    return facts


def _set_name(report: ClassReport, set_id: str) -> str:
    """A set by its title, its id beside it ("Why? (why)"); the id alone if the content lacks it."""
    question_set = report.dataset.question_set(set_id, report.language)
    return f"{question_set.title} ({set_id})" if question_set is not None else set_id


_SET_FORMATS = (
    None,
    None,
    None,
    None,
    PERCENT_FORMAT,
    PERCENT_FORMAT,
    PERCENT_FORMAT,
    PERCENT_FORMAT,
    DECIMAL_FORMAT,
    None,
)


def _set_header() -> list[str]:
    return [
        _("Set"),
        _("Title"),
        _("First attempts"),
        _("Finished attempts"),
        _("Mean score"),
        _("Median score"),
        _("Hit rate"),
        _("False-alarm rate"),
        _("d′ (support items)"),
        _("Flagged questions"),
    ]


def _set_row(set_report: SetReport) -> list[Value]:
    analysis = set_report.analysis
    support = analysis.support if analysis else None
    return [
        set_report.set_id,
        set_report.title,
        analysis.students if analysis else None,
        set_report.finished_attempts,
        analysis.mean_score if analysis else None,
        analysis.median_score if analysis else None,
        support.hit_rate if support else None,
        support.false_alarm_rate if support else None,
        support.d_prime if support else None,
        len(analysis.flagged) if analysis else None,
    ]


def _append_rows(
    sheet: WriteOnlyWorksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[Value]],
    formats: Sequence[str | None],
) -> None:
    sheet.append([_styled(sheet, text, font=_BOLD, wrap=True) for text in header])
    for row in rows:
        sheet.append(_cells(sheet, row, formats))
