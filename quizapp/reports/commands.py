"""The teacher's command-line sub-commands: ``report``, ``results export|import`` and ``demo``.

:func:`add_commands` registers them on the ``quizapp`` parser; :func:`run` carries one out.
Exit codes: 0 done, 1 failed (a clear message on stderr, no traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from quizapp.i18n import N_, _, counted, ngettext

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
COMMANDS = ("report", "results", "demo")

_CSV_NOTE = N_(
    "For csv, FILE is the students × questions table and the long table (one row per answer) "
    "is written beside it with '-answers' added to the name: --out class.csv also writes "
    "class-answers.csv."
)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report``, ``results`` and ``demo`` sub-commands to ``sub``."""
    report = sub.add_parser(
        "report",
        help=_("write a class report (csv, xlsx or pdf)"),
        description=_("Write a class report from the results in the data folder.")
        + " "
        + _(_CSV_NOTE),
    )
    _data_dir_option(report)
    report.add_argument(
        "--format", required=True, choices=["csv", "xlsx", "pdf"], help=_("the kind of file")
    )
    report.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
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

    results = sub.add_parser("results", help=_("move results between computers"))
    results_sub = results.add_subparsers(dest="results_command", required=True)
    export = results_sub.add_parser("export", help=_("write this computer's results to a file"))
    _data_dir_option(export)
    export.add_argument(
        "--out", required=True, metavar="FILE", help=_("the file (.json or .json.gz)")
    )
    imp = results_sub.add_parser("import", help=_("add results files from other computers"))
    _data_dir_option(imp)
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("results files to add"))

    demo = sub.add_parser(
        "demo", help=_("fill a separate data folder with a simulated class (needs --data-dir)")
    )
    _data_dir_option(demo)
    demo.add_argument(
        "--students", type=_positive, default=30, metavar="N", help=_("how many students")
    )
    demo.add_argument(
        "--seed", type=int, default=0, metavar="N", help=_("the same seed gives the same class")
    )
    demo.add_argument(
        "--answers-scale",
        type=_positive,
        default=1,
        metavar="K",
        help=_("every student takes every set K more times (for benchmarks)"),
    )


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given after the sub-command it wins, otherwise the global --data-dir stays.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help=_("folder with the scores"))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): %(text)r") % {"text": text}
        ) from exc


def _delimiter(text: str) -> str:
    value = "\t" if text in ("tab", "\\t") else text
    if len(value) != 1 or value in '"\r\n':
        raise argparse.ArgumentTypeError(_("one character (or “tab”), not a quote or line break"))
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1"))
    return value


def run(args: argparse.Namespace) -> int:
    """Carry out the sub-command in ``args`` (messages in the language :func:`main` set)."""
    from quizapp.reports.demo_class import DemoError
    from quizapp.reports.export import ReportError
    from quizapp.storage.errors import StorageError
    from quizapp.storage.exchange_format import ExchangeError

    try:
        if args.command == "report":
            return _report(args)
        if args.command == "results":
            return _results(args)
        return _demo(args)
    except (ReportError, ExchangeError, DemoError) as exc:
        return _fail(str(exc))
    except StorageError as exc:
        return _fail(f"{exc.message} {exc.hint}")


def _fail(message: str) -> int:
    sys.stderr.write(f"quizapp: {message}\n")
    return EXIT_FAILED


def _data_folder(args: argparse.Namespace, *, must_exist: bool) -> Path | None:
    from quizapp.paths import data_dir
    from quizapp.storage.repository import DB_FILENAME

    folder = data_dir(args.data_dir)
    if must_exist and not (folder / DB_FILENAME).is_file():
        _fail(_("There are no results in %(folder)s.") % {"folder": folder})
        return None
    return folder


def _report(args: argparse.Namespace) -> int:
    from quizapp import i18n
    from quizapp.core.loader import load_content
    from quizapp.paths import content_paths, data_dir, database_url
    from quizapp.reports.dataset import ReportFilters, load_dataset
    from quizapp.reports.export import write_report
    from quizapp.storage.repository import Repository

    server = database_url(args.database)
    folder = data_dir(args.data_dir) if server else _data_folder(args, must_exist=True)
    if folder is None:
        return EXIT_FAILED
    filters = ReportFilters(
        set_id=args.set_id, group=args.group, date_from=args.date_from, date_to=args.date_to
    )
    language = args.report_lang or i18n.current_language()
    # The teacher's own sets too, so their results get titles and an item analysis.
    library = load_content(content_paths(folder))
    with Repository.connect(server) if server else Repository.open(folder) as repository:
        dataset = load_dataset(
            repository.class_reader, library.sets, filters, pseudonymise=args.pseudonymise
        )
    written = write_report(args.format, Path(args.out), dataset, language, args.delimiter)
    for path in written:
        print(_("Written: %(path)s") % {"path": path})
    return EXIT_OK


def _results(args: argparse.Namespace) -> int:
    if args.results_command == "export":
        return _export(args)
    return _import(args)


def _export(args: argparse.Namespace) -> int:
    from quizapp.storage.exchange import export_results
    from quizapp.storage.repository import Repository

    folder = _data_folder(args, must_exist=True)
    if folder is None:
        return EXIT_FAILED
    with Repository.open(folder) as repository:
        done = export_results(repository, Path(args.out))
    print(
        _("Exported %(students)s, %(attempts)s and %(answers)s to %(path)s.")
        % {
            "students": counted("student", done.students),
            "attempts": counted("attempt", done.attempts),
            "answers": counted("answer", done.answers),
            "path": done.path,
        }
    )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from quizapp.storage.exchange import import_results
    from quizapp.storage.repository import Repository

    folder = _data_folder(args, must_exist=False)
    assert folder is not None  # importing may start a new database
    with Repository.open(folder) as repository:
        summary = import_results(repository, [Path(name) for name in args.files])
    print(
        _("Added %(students)s, %(attempts)s and %(answers)s.")
        % {
            "students": counted("student", summary.students.added),
            "attempts": counted("attempt", summary.attempts.added),
            "answers": counted("answer", summary.answers.added),
        }
    )
    skipped = summary.answers.skipped
    if skipped:
        print(
            ngettext(
                "%(n)d answer was here already and was skipped.",
                "%(n)d answers were here already and were skipped.",
                skipped,
            )
            % {"n": skipped}
        )
    if summary.merged_students:
        print(
            ngettext(
                "%(n)d student matched a student here by nickname and group.",
                "%(n)d students matched students here by nickname and group.",
                summary.merged_students,
            )
            % {"n": summary.merged_students}
        )
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from quizapp import i18n
    from quizapp.core.loader import load_content
    from quizapp.paths import content_dir
    from quizapp.reports.demo_class import create_demo_class
    from quizapp.storage.repository import Repository

    if not args.data_dir:
        sys.stderr.write(
            _("quizapp demo: give the folder for the demo class with --data-dir.") + "\n"
        )
        return EXIT_USAGE
    library = load_content([content_dir()])
    with Repository.open(Path(args.data_dir)) as repository:
        done = create_demo_class(
            repository,
            library.sets,
            args.students,
            seed=args.seed,
            answers_scale=args.answers_scale,
            language=i18n.current_language(),
        )
    print(
        _("Demo class “%(group)s”: %(students)s, %(attempts)s, %(answers)s in %(folder)s.")
        % {
            "group": done.group,
            "students": counted("student", done.students),
            "attempts": counted("attempt", done.attempts),
            "answers": counted("answer", done.answers),
            "folder": args.data_dir,
        }
    )
    return EXIT_OK
