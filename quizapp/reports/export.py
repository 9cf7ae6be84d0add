"""One entry point for writing a class report, used by the teacher screen and the command line.

:func:`write_report` checks the output path, writes to a temporary file beside it and renames
it into place only when complete; any problem the user can fix arrives as :class:`ReportError`
with a translated message and hint (never a traceback).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from quizapp.atomic_file import OutputPathError, Verify, atomic_paths
from quizapp.i18n import N_, _
from quizapp.reports.class_report import ClassReport, build_report
from quizapp.reports.csv_report import answers_path, default_delimiter, write_csv
from quizapp.reports.dataset import ClassDataset
from quizapp.reports.formatting import report_language
from quizapp.user_error import UserFacingError


class ReportFormat(StrEnum):
    """The file formats a class report can be written in."""

    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


class ReportError(UserFacingError):
    """A report could not be written; :attr:`message` and :attr:`hint` are for the user."""


class ReportCancelled(Exception):
    """The report was cancelled before it was put in place: no file was written."""


_BAD_DELIMITER = N_("The delimiter must be a single character other than a quote or line break.")


def output_files(fmt: ReportFormat | str, out_path: Path, language: str = "en") -> list[Path]:
    """The files :func:`write_report` writes for ``out_path`` (CSV: matrix and long file, its
    name in the report's ``language``)."""
    if ReportFormat(fmt) is ReportFormat.CSV:
        return [out_path, answers_path(out_path, language)]
    return [out_path]


def write_report(
    fmt: ReportFormat | str,
    out_path: Path,
    dataset: ClassDataset,
    language: str,
    delimiter: str | None = None,
    *,
    protected: Sequence[Path] = (),
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write ``dataset`` as a ``fmt`` report in ``language``; return the files written.

    For CSV ``out_path`` is the students × questions file and the long file (one row per
    answer) goes beside it with ``-answers`` (German: ``-antworten``) added to the name.
    ``delimiter`` applies to CSV only (default ``;`` for German, ``,`` for English). Nothing is
    written into a ``protected`` folder (the data folder). Raises :class:`ReportError`. If
    ``cancelled()`` turns true while the report is written (in a worker thread), nothing is put
    in place and :class:`ReportCancelled` is raised.
    """
    fmt = ReportFormat(fmt)
    out_path = Path(out_path)
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise ReportError(_(_BAD_DELIMITER))
    targets = output_files(fmt, out_path, language)
    try:
        with (
            report_language(language) as lang,
            atomic_paths(targets, protected=protected, verify=_VERIFY.get(fmt)) as temps,
        ):
            report = build_report(dataset, lang)
            if fmt is ReportFormat.CSV:
                write_csv(report, temps[0], temps[1], delimiter or default_delimiter(lang))
            elif fmt is ReportFormat.XLSX:
                from quizapp.reports.xlsx_report import write_xlsx

                write_xlsx(report, temps[0])
            else:
                _write_pdf(report, temps[0])
            if cancelled is not None and cancelled():
                raise ReportCancelled  # leaving the block deletes the temporary files
    except OutputPathError as exc:
        raise ReportError(exc.message, exc.hint, exc.path) from exc
    return targets


def _complete_pdf(path: Path) -> bool:
    """A PDF ends with its ``%%EOF`` marker; a write cut short by a full disk does not."""
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in stream.read()


def _complete_xlsx(path: Path) -> bool:
    """A workbook is a zip whose directory (at the very end) lists the workbook part."""
    try:
        with zipfile.ZipFile(path) as book:
            return "xl/workbook.xml" in book.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


_VERIFY: dict[ReportFormat, Verify] = {
    ReportFormat.PDF: _complete_pdf,
    ReportFormat.XLSX: _complete_xlsx,
}


def _write_pdf(report: ClassReport, path: Path) -> None:
    # Qt is imported only when a PDF is asked for (CSV and XLSX work without it).
    try:
        from quizapp.reports.pdf_report import write_pdf
    except ImportError as exc:  # a system without Qt's libraries (a bare server)
        raise ReportError(
            _("PDF reports need Qt, which could not be loaded."),
            _("Write the report as xlsx or csv instead."),
        ) from exc
    write_pdf(report, path)
