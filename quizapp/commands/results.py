"""``quizapp results export|import``: moving results between computers as files."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.commands.data_folder import data_dir_option, data_folder, lang_option, opened
from quizapp.commands.outcome import EXIT_FAILED, EXIT_OK, carried_out, fail
from quizapp.i18n import _, counted, ngettext
from quizapp.output_path import is_stdout
from quizapp.user_error import shown_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quizapp.storage.exchange import CheckedFile, ExportSkipped, ImportSummary
    from quizapp.storage.repository import Repository


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``results export`` and ``results import`` to ``sub``."""
    results = sub.add_parser("results", help=_("move results between computers"))
    # The metavar names the choices in "required" errors (not the internal dest name).
    results_sub = results.add_subparsers(
        dest="results_command", required=True, metavar="{export,import}"
    )
    export = results_sub.add_parser("export", help=_("write this computer’s results to a file"))
    data_dir_option(export)
    lang_option(export)
    export.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=_("the file (.json or .json.gz); - writes to standard output"),
    )
    imp = results_sub.add_parser("import", help=_("add results files from other computers"))
    data_dir_option(imp)
    lang_option(imp)
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("results files to add"))
    imp.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=_(
            "import into the class database (the owner’s login) instead of the data folder "
            "(default: $QUIZAPP_DATABASE_URL)"
        ),
    )
    imp.add_argument(
        "--accept-backdated",
        action="store_true",
        help=_(
            "also add attempts that would change a student’s first attempt (held back "
            "otherwise: they may be forged)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Carry out ``results export`` or ``results import``."""
    from quizapp.storage.exchange_format import ExchangeError

    return carried_out(lambda: _results(args), ExchangeError)


def _results(args: argparse.Namespace) -> int:
    if args.results_command == "export":
        return _export(args)
    return _import(args)


def _export(args: argparse.Namespace) -> int:
    from quizapp.storage.exchange import export_results

    folder = data_folder(args, must_exist=True)
    if folder is None:
        return EXIT_FAILED
    with opened(folder, misleading=True) as repository:
        if repository is None:
            return EXIT_FAILED
        if is_stdout(args.out):
            return _export_to_stdout(repository)
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
    _warn_skipped(done.skipped)
    return EXIT_OK


def _warn_skipped(skipped: Sequence[ExportSkipped]) -> None:
    """Name the damaged rows left out of the export, as ``report`` does (on standard error)."""
    from quizapp.storage.import_texts import export_skipped_text

    if skipped:
        sys.stderr.write(f"quizapp: {export_skipped_text(skipped)}\n")


def _export_to_stdout(repository: Repository) -> int:
    """``--out -``; a closed or full standard output is an error message, no traceback."""
    import os

    from quizapp.storage.exchange import export_to_stream

    if sys.stdout is None:  # started with standard output closed
        return fail(_("Standard output is closed: nothing was exported."))
    try:
        sys.stdout.flush()
        done = export_to_stream(repository, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except OSError as exc:
        # What is left in the buffer would fail again at exit: send it nowhere.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return fail(
            _("Could not write to standard output (%(reason)s): the export is incomplete.")
            % {"reason": exc.strerror or type(exc).__name__}
        )
    _warn_skipped(done.skipped)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from quizapp.paths import database_url
    from quizapp.storage.class_import import import_into
    from quizapp.storage.exchange import check_files

    server = database_url(getattr(args, "database", None))
    folder = data_folder(args, must_exist=False)
    assert folder is not None  # importing may start a new database
    # Every file is checked before the database is opened: a bad file creates nothing.
    files = check_files([Path(name) for name in args.files])
    if server:
        return _import_into_server(args, server, files)
    with opened(folder, misleading=False) as repository:
        assert repository is not None  # not misleading: the import adds to the new database
        done = import_into(repository, files, accept_held_back=args.accept_backdated)
    return _imported(done.summary, done.where)


def _import_into_server(args: argparse.Namespace, server: str, files: list[CheckedFile]) -> int:
    """``results import`` with a class database configured: into it, with the login's rights
    (the teacher area imports through the same :mod:`quizapp.storage.class_import`)."""
    from quizapp.paths import DATABASE_URL_ENV
    from quizapp.storage.class_import import ImportRefused, failed_text, import_into_server
    from quizapp.storage.errors import StorageError

    try:
        done = import_into_server(server, files, accept_held_back=args.accept_backdated)
    except ImportRefused as refused:
        local = _(
            "To import into this computer’s data folder instead, leave out --database and "
            "unset %(env)s."
        ) % {"env": DATABASE_URL_ENV}
        return fail(refused.message + " " + refused.hint + " " + local)
    except StorageError as error:
        return fail(failed_text(error))
    return _imported(done.summary, done.where)


def _imported(summary: ImportSummary, where: str) -> int:
    """Say what an import added and where; list what it refused or held back."""
    from quizapp.storage.import_texts import (
        held_back_lines,
        held_back_text,
        refused_lines,
        refused_text,
        student_lines,
    )

    print(
        _("Added %(students)s, %(attempts)s and %(answers)s.")
        % {
            "students": counted("student", summary.students.added),
            "attempts": counted("attempt", summary.attempts.added),
            "answers": counted("answer", summary.answers.added),
        }
    )
    print(where)
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
    if summary.refused:
        fail(refused_text(summary))
        for line in refused_lines(summary):
            sys.stderr.write("  " + line + "\n")
    if summary.held_back:
        fail(held_back_text(summary))
        for line in held_back_lines(summary):
            sys.stderr.write("  " + line + "\n")
        sys.stderr.write(
            _("To add them anyway, import the same files again with --accept-backdated.") + "\n"
        )
    return EXIT_OK
