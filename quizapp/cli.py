"""Command line: ``quizapp`` (GUI) and its sub-commands: builds the parser and dispatches.

Each sub-command is a module of :mod:`quizapp.commands`. Building the parser imports only
their argparse parts; what a command needs is imported when it runs, so starting the GUI
stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from quizapp import __version__, i18n
from quizapp.i18n import _

#: The sub-commands, in the order ``quizapp --help`` lists them; each is a module of
#: :mod:`quizapp.commands` with ``add_parser(sub)`` and ``run(args)``.
COMMANDS = ("validate", "source", "set", "report", "export", "results", "demo", "db")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``quizapp``, its texts in the current language."""
    from quizapp.cli_messages import translate_argparse

    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description=_("Media-literacy quiz. Without a command, the app opens."),
    )
    parser.add_argument(
        "--version", action="version", version=f"quizapp {__version__}", help=_("show the version")
    )
    parser.add_argument("--data-dir", help=_("folder for scores (default: per-user data folder)"))
    parser.add_argument(
        "--database",
        metavar="URL",
        help=_(
            "also send answers to the school’s class database, e.g. "
            "postgresql+psycopg://USER@HOST/quizapp (default: $QUIZAPP_DATABASE_URL, else none)"
        ),
    )
    parser.add_argument("--lang", choices=["de", "en"], help=_("language to start in"))
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("check that the app works end to end (offscreen, temporary data) and exit"),
    )
    sub = parser.add_subparsers(dest="command")
    for name in COMMANDS:
        _command(name).add_parser(sub)
    return parser


def _command(name: str) -> ModuleType:
    """The module of sub-command ``name`` (its parser part is argparse only: cheap to import).

    Imported by name, not computed, so PyInstaller finds every command module.
    """
    from quizapp.commands import db, demo, export, report, results, source, validate
    from quizapp.commands import set as set_command

    modules = {
        "validate": validate,
        "source": source,
        "set": set_command,
        "report": report,
        "export": export,
        "results": results,
        "demo": demo,
        "db": db,
    }
    return modules[name]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quizapp`` command; returns the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    # Help and usage errors appear while parsing, so look for --lang in the words first; an
    # unsupported one ("--lang fr") is refused by the parser in the environment's language.
    asked = _language_asked(words)
    i18n.setup(asked if asked in i18n.SUPPORTED else i18n.language_from_environment())
    args = build_parser().parse_args(words)
    # ... then settle it from what was parsed, for everything the command says (a report's
    # own --lang sets only the report's language).
    i18n.setup(args.lang or i18n.language_from_environment())
    if not _database_ok(args):
        return 2
    if args.smoke_test:
        from quizapp.selfcheck.smoke import run_smoke_test

        return run_smoke_test()
    if args.command is not None:
        result: int = _command(args.command).run(args)
        return result
    from quizapp.launch import run_gui

    return run_gui(data_dir=args.data_dir, language=args.lang, database=args.database)


def _database_ok(args: argparse.Namespace) -> bool:
    """A class database, if given (option or environment), must be a PostgreSQL URL."""
    from quizapp.paths import DATABASE_URL_ENV, database_url

    url = database_url(getattr(args, "database", None))
    if url is None:
        return True
    # Only now: the first window must come up without loading SQLAlchemy.
    from quizapp.storage.engine import url_parses

    if url.split("://", 1)[0] in ("postgresql", "postgresql+psycopg") and url_parses(url):
        return True
    sys.stderr.write(
        _(
            "quizapp: the class database must be given as "
            "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE (--database or %(env)s)."
        )
        % {"env": DATABASE_URL_ENV}
        + "\n"
    )
    return False


def _language_asked(words: list[str]) -> str | None:
    """The value of the first ``--lang`` in ``words`` (``--lang de`` or ``--lang=de``)."""
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            return words[i + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


if __name__ == "__main__":
    sys.exit(main())
