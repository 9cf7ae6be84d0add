"""``quizapp demo``: a separate data folder filled with a simulated class (to try reports)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.commands.data_folder import data_dir_option, lang_option, opened
from quizapp.commands.outcome import EXIT_OK, EXIT_USAGE, carried_out
from quizapp.i18n import _, counted


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` sub-command to ``sub``."""
    demo = sub.add_parser(
        "demo", help=_("fill a separate data folder with a simulated class (needs --data-dir)")
    )
    data_dir_option(demo)
    lang_option(demo)
    demo.add_argument(
        "--students", type=_students, default=30, metavar="N", help=_("how many students")
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


MAX_STUDENTS = 1000


def _students(text: str) -> int:
    value = _positive(text)
    if value > MAX_STUDENTS:
        raise argparse.ArgumentTypeError(_("must be at most %(max)d") % {"max": MAX_STUDENTS})
    return value


def run(args: argparse.Namespace) -> int:
    """Make the demo class ``args`` ask for."""
    from quizapp.demo.simulated_class import DemoError
    from quizapp.storage.exchange_format import ExchangeError

    return carried_out(lambda: _demo(args), DemoError, ExchangeError)


def _demo(args: argparse.Namespace) -> int:
    from quizapp import i18n
    from quizapp.core.content.loader import load_content
    from quizapp.demo.simulated_class import create_demo_class
    from quizapp.paths import content_paths

    if not args.data_dir:
        sys.stderr.write(
            _("quizapp demo: give the folder for the demo class with --data-dir.") + "\n"
        )
        return EXIT_USAGE
    # Whatever the app loads for this folder: the shipped sets and the teacher's own, last
    # week's retired ones too (they were played); not drafts, which no student ever sees.
    library = load_content(content_paths(Path(args.data_dir)))
    played = [s for s in library.sets if not s.draft]
    with opened(Path(args.data_dir), misleading=False) as repository:
        assert repository is not None  # not misleading: a new database is what demo makes
        done = create_demo_class(
            repository,
            played,
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
