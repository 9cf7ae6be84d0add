"""``quizapp report``: a class report (CSV, XLSX or PDF) from the data folder or the class
database."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.commands.data_folder import data_dir_option, data_folder, opened
from quizapp.commands.outcome import EXIT_FAILED, EXIT_OK, carried_out, fail
from quizapp.i18n import N_, _
from quizapp.output_path import is_stdout
from quizapp.user_error import shown_path

if TYPE_CHECKING:
    from quizapp.reports.dataset import ClassDataset

_FIRST_DAY = date(2000, 1, 1)
_LAST_DAY = date(2099, 12, 31)

_CSV_NOTE = N_(
    "For csv, FILE is the students × questions table and the long table (one row per answer) "
    "is written beside it with '-answers' added to the name: --out class.csv also writes "
    "class-answers.csv."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` sub-command to ``sub``."""
    report = sub.add_parser(
        "report",
        help=_("write a class report (csv, xlsx or pdf)"),
        description=_("Write a class report from the results in the data folder.")
        + " "
        + _(_CSV_NOTE),
    )
    data_dir_option(report)
    report.add_argument(
        "--format", required=True, choices=["csv", "xlsx", "pdf"], help=_("the kind of file")
    )
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=_("the file to write; - writes xlsx or pdf to standard output"),
    )
    report.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=_("report from the class database (a teacher login) instead of the data folder"),
    )
    report.add_argument("--set", dest="set_id", metavar="ID", help=_("only this question set"))
    report.add_argument("--group", metavar="NAME", help=_("only students of this group"))
    report.add_argument(
        "--from",
        dest="date_from",
        type=_day,
        metavar="YYYY-MM-DD",
        help=_("only attempts started on or after this day"),
    )
    report.add_argument(
        "--to",
        dest="date_to",
        type=_day,
        metavar="YYYY-MM-DD",
        help=_("only attempts started on or before this day"),
    )
    report.add_argument(
        "--lang", dest="report_lang", choices=["de", "en"], help=_("language of the report")
    )
    report.add_argument(
        "--delimiter", type=_delimiter, help=_("csv field separator (default: ; for de, , for en)")
    )
    report.add_argument(
        "--pseudonymise",
        "--pseudonymize",
        action="store_true",
        help=_("replace nicknames by stable codes (S-1a2b3c)"),
    )


def _day(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): %(text)r") % {"text": text}
        ) from exc
    # Far-off days would overflow the conversion to UTC; no result lies outside these years.
    if not _FIRST_DAY <= value <= _LAST_DAY:
        raise argparse.ArgumentTypeError(
            _("a day between %(first)s and %(last)s, not %(text)s")
            % {"first": _FIRST_DAY.isoformat(), "last": _LAST_DAY.isoformat(), "text": text}
        )
    return value


def _delimiter(text: str) -> str:
    value = "\t" if text in ("tab", "\\t") else text
    if len(value) != 1 or value in '"\r\n':
        raise argparse.ArgumentTypeError(_("one character (or “tab”), not a quote or line break"))
    return value


def run(args: argparse.Namespace) -> int:
    """Write the report ``args`` ask for (messages in the language :func:`main` set)."""
    from quizapp.reports.export import ReportError

    return carried_out(lambda: _report(args), ReportError)


def _report(args: argparse.Namespace) -> int:
    from quizapp import i18n
    from quizapp.core.content.loader import load_content
    from quizapp.paths import content_paths, data_dir, database_url
    from quizapp.reports.dataset import ReportFilters, load_dataset, skipped_text
    from quizapp.reports.export import write_report
    from quizapp.storage.repository import Repository

    if args.date_from and args.date_to and args.date_from > args.date_to:
        return fail(
            _("The first day (--from %(start)s) is after the last day (--to %(end)s).")
            % {"start": args.date_from.isoformat(), "end": args.date_to.isoformat()}
            + " "
            + _("Swap the two dates.")
        )
    server = database_url(args.database)
    folder = data_dir(args.data_dir) if server else data_folder(args, must_exist=True)
    if folder is None:
        return EXIT_FAILED
    filters = ReportFilters(
        set_id=args.set_id, group=args.group, date_from=args.date_from, date_to=args.date_to
    )
    language = args.report_lang or i18n.current_language()
    # The teacher's own sets too, so their results get titles and an item analysis.
    library = load_content(content_paths(folder))
    with Repository.connect(server) if server else opened(folder, misleading=True) as repository:
        if repository is None:
            return EXIT_FAILED
        known = {s.id for s in library.sets} | set(repository.class_reader.set_ids())
        if args.set_id is not None and args.set_id not in known:
            return fail(
                _("There is no question set “%(set)s”.") % {"set": args.set_id}
                + " "
                + _("Known sets: %(sets)s.") % {"sets": ", ".join(sorted(known))}
            )
        dataset = load_dataset(
            repository.class_reader, library.sets, filters, pseudonymise=args.pseudonymise
        )
        if dataset.skipped:
            sys.stderr.write(f"quizapp: {skipped_text(dataset.skipped)}\n")
        if not dataset.attempts:
            return fail(
                _("No results match the report’s filters (set, group, days); nothing was written.")
            )
        # Inside the block: the report streams the answers from the open database.
        if is_stdout(args.out):
            return _report_to_stdout(args, dataset, language)
        written = write_report(
            args.format, Path(args.out), dataset, language, args.delimiter, protected=[folder]
        )
    for path in written:
        print(_("Written: %(path)s") % {"path": shown_path(path)})
    return EXIT_OK


def _report_to_stdout(args: argparse.Namespace, dataset: ClassDataset, language: str) -> int:
    """``--out -``: the report on standard output (one file: XLSX or PDF, not a terminal)."""
    import shutil
    import tempfile

    from quizapp.reports.export import write_report

    if args.format == "csv":
        return fail(
            _("A csv report is two files, so it cannot go to standard output.")
            + " "
            + _("Give a file name with --out, for example --out class.csv.")
        )
    if sys.stdout.isatty():
        return fail(
            _("The report is a binary file and would garble the terminal.")
            + " "
            + _("Redirect the output to a file or give a file name with --out.")
        )
    with tempfile.TemporaryDirectory() as scratch:
        (written,) = write_report(
            args.format, Path(scratch) / f"report.{args.format}", dataset, language
        )
        sys.stdout.flush()
        with written.open("rb") as stream:
            shutil.copyfileobj(stream, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return EXIT_OK
