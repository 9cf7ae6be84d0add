"""Command line: ``quizapp`` (GUI) and its sub-commands.

Sub-command modules are imported only when used, so starting the GUI stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``quizapp``; sub-commands register themselves here."""
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Media-literacy quiz. Without a command, the app opens.",
    )
    parser.add_argument("--data-dir", help="folder for scores (default: per-user data folder)")
    parser.add_argument("--lang", choices=["de", "en"], help="language to start in")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check that the app works end to end (offscreen, temporary data) and exit",
    )
    sub = parser.add_subparsers(dest="command")
    validate = sub.add_parser("validate", help="check question sets and sources")
    validate.add_argument(
        "paths",
        nargs="*",
        help="files or folders (default: the shipped sets and your own folder's sets)",
    )
    validate.add_argument("--format", choices=["text", "json"], default="text")
    # Also after the sub-command ("validate --lang de"), where teachers tend to write it.
    validate.add_argument("--lang", choices=["de", "en"], default=argparse.SUPPRESS)
    from quizapp.reports.commands import add_commands  # argparse only: cheap to import

    add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quizapp`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.smoke_test:
        from quizapp.smoke import run_smoke_test

        return run_smoke_test()
    if args.command == "validate":
        from quizapp import i18n
        from quizapp.core.validate_command import run_validate

        i18n.setup(args.lang or i18n.language_from_environment())
        if not args.paths:
            # What the app itself loads, so a teacher can check their folder in one word.
            from quizapp.paths import content_paths, data_dir

            args.paths = [str(p) for p in content_paths(data_dir(args.data_dir))]
        return run_validate(args.paths, output_format=args.format)
    if args.command in ("report", "results", "demo"):
        from quizapp.reports.commands import run

        return run(args)
    from quizapp.app import run_gui

    return run_gui(data_dir=args.data_dir, language=args.lang)


if __name__ == "__main__":
    sys.exit(main())
