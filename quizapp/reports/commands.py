"""The teacher's command-line sub-commands: ``report``, ``results export|import`` and ``demo``.

:func:`add_commands` registers them on the ``quizapp`` parser; :func:`run` carries one out.
Exit codes: 0 done, 1 failed (a clear message on stderr, no traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.i18n import N_, _, counted, ngettext
from quizapp.output_path import is_stdout
from quizapp.user_error import shown_path

if TYPE_CHECKING:
    from quizapp.reports.dataset import ClassDataset
    from quizapp.storage.repository import Repository

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
COMMANDS = ("report", "results", "demo")
_FIRST_DAY = date(2000, 1, 1)
_LAST_DAY = date(2099, 12, 31)

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

    results = sub.add_parser("results", help=_("move results between computers"))
    # The metavar names the choices in "required" errors (not the internal dest name).
    results_sub = results.add_subparsers(
        dest="results_command", required=True, metavar="{export,import}"
    )
    export = results_sub.add_parser("export", help=_("write this computer’s results to a file"))
    _data_dir_option(export)
    _lang_option(export)
    export.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=_("the file (.json or .json.gz); - writes to standard output"),
    )
    imp = results_sub.add_parser("import", help=_("add results files from other computers"))
    _data_dir_option(imp)
    _lang_option(imp)
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("results files to add"))
    imp.add_argument(
        "--accept-backdated",
        action="store_true",
        help=_(
            "also add attempts that would change a student’s first attempt (held back "
            "otherwise: they may be forged)"
        ),
    )

    demo = sub.add_parser(
        "demo", help=_("fill a separate data folder with a simulated class (needs --data-dir)")
    )
    _data_dir_option(demo)
    _lang_option(demo)
    demo.add_argument(
        "--students", type=_positive, default=30, metavar="N", help=_("how many students")
    )
    demo.add_argument(
        "--seed", type=_whole, default=0, metavar="N", help=_("the same seed gives the same class")
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


def _lang_option(parser: argparse.ArgumentParser) -> None:
    # Also after the sub-command ("demo --lang de"); SUPPRESS keeps a global --lang otherwise.
    parser.add_argument(
        "--lang",
        choices=["de", "en"],
        default=argparse.SUPPRESS,
        help=_("language of the messages (and of the demo class)"),
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


def _whole(text: str) -> int:
    # Own message: argparse would name the function ("invalid _whole value").
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a whole number, not %(text)r") % {"text": text}
        ) from None


def _positive(text: str) -> int:
    value = _whole(text)
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
    # "quizapp: " says who speaks, unless the message already starts with the name.
    prefix = "" if message.startswith("quizapp") else "quizapp: "
    sys.stderr.write(f"{prefix}{message}\n")
    return EXIT_FAILED


@contextmanager
def _opened(folder: Path, *, misleading: bool) -> Iterator[Repository | None]:
    """The repository in ``folder``, saying loudly on stderr if a damaged database was set aside.

    With ``misleading`` (a report or export of what is now an empty class) the command must not
    go on: ``None`` is yielded and the caller exits with :data:`EXIT_FAILED`.
    """
    from quizapp.storage.repository import Repository

    with Repository.open(folder) as repository:
        if repository.recovered_from is not None:
            _fail(
                _(
                    "The results database %(path)s was damaged. It was kept as %(copy)s and a "
                    "new, empty database was started."
                )
                % {
                    "path": shown_path(repository.path),
                    "copy": shown_path(repository.recovered_from),
                }
            )
            if misleading:
                _fail(
                    _(
                        "Nothing was written, because it would show an empty class. Give the "
                        "damaged file to someone who can rescue it, or import the results "
                        "files of the class again."
                    )
                )
                yield None
                return
        yield repository


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
    from quizapp.reports.dataset import ReportFilters, load_dataset, skipped_text
    from quizapp.reports.export import write_report
    from quizapp.storage.repository import Repository

    if args.date_from and args.date_to and args.date_from > args.date_to:
        return _fail(
            _("The first day (--from %(start)s) is after the last day (--to %(end)s).")
            % {"start": args.date_from.isoformat(), "end": args.date_to.isoformat()}
            + " "
            + _("Swap the two dates.")
        )
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
    with Repository.connect(server) if server else _opened(folder, misleading=True) as repository:
        if repository is None:
            return EXIT_FAILED
        known = {s.id for s in library.sets} | set(repository.class_reader.set_ids())
        if args.set_id is not None and args.set_id not in known:
            return _fail(
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
            return _fail(
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
        return _fail(
            _("A csv report is two files, so it cannot go to standard output.")
            + " "
            + _("Give a file name with --out, for example --out class.csv.")
        )
    if sys.stdout.isatty():
        return _fail(
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


def _results(args: argparse.Namespace) -> int:
    if args.results_command == "export":
        return _export(args)
    return _import(args)


def _export(args: argparse.Namespace) -> int:
    from quizapp.storage.exchange import export_results, export_to_stream

    folder = _data_folder(args, must_exist=True)
    if folder is None:
        return EXIT_FAILED
    with _opened(folder, misleading=True) as repository:
        if repository is None:
            return EXIT_FAILED
        if is_stdout(args.out):
            sys.stdout.flush()
            export_to_stream(repository, sys.stdout.buffer)
            return EXIT_OK
        done = export_results(repository, Path(args.out), protected=[folder])
    print(
        _("Exported %(students)s, %(attempts)s and %(answers)s to %(path)s.")
        % {
            "students": counted("student", done.students),
            "attempts": counted("attempt", done.attempts),
            "answers": counted("answer", done.answers),
            "path": shown_path(done.path),
        }
    )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from quizapp.storage.exchange import check_files, import_results
    from quizapp.storage.import_texts import held_back_lines, held_back_text, student_lines

    folder = _data_folder(args, must_exist=False)
    assert folder is not None  # importing may start a new database
    # Every file is checked before the database is opened: a bad file creates nothing.
    files = check_files([Path(name) for name in args.files])
    with _opened(folder, misleading=False) as repository:
        assert repository is not None  # not misleading: the import adds to the new database
        summary = import_results(repository, files, accept_held_back=args.accept_backdated)
    print(
        _("Added %(students)s, %(attempts)s and %(answers)s.")
        % {
            "students": counted("student", summary.students.added),
            "attempts": counted("attempt", summary.attempts.added),
            "answers": counted("answer", summary.answers.added),
        }
    )
    for line in student_lines(summary):
        print("  " + line)
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
    if summary.held_back:
        _fail(held_back_text(summary))
        for line in held_back_lines(summary):
            sys.stderr.write("  " + line + "\n")
        sys.stderr.write(
            _("To add them anyway, import the same files again with --accept-backdated.") + "\n"
        )
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from quizapp import i18n
    from quizapp.core.loader import load_content
    from quizapp.paths import content_dir
    from quizapp.reports.demo_class import create_demo_class

    if not args.data_dir:
        sys.stderr.write(
            _("quizapp demo: give the folder for the demo class with --data-dir.") + "\n"
        )
        return EXIT_USAGE
    library = load_content([content_dir()])
    with _opened(Path(args.data_dir), misleading=False) as repository:
        assert repository is not None  # not misleading: a new database is what demo makes
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
