"""``quizapp validate PATH...``: check content files and print every problem found.

Exit codes: 0 when there are no errors (warnings allowed), 1 on errors, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from quizapp.commands.data_folder import data_dir_option
from quizapp.i18n import _, ngettext
from quizapp.user_error import shown_path

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` sub-command to ``sub``."""
    validate = sub.add_parser("validate", help=_("check question sets and sources"))
    validate.add_argument(
        "paths",
        nargs="*",
        help=_("files or folders (default: the shipped sets and your own folder’s sets)"),
    )
    validate.add_argument(
        "--format", choices=["text", "json"], default="text", help=_("how to print the problems")
    )
    data_dir_option(validate)
    # Also after the sub-command ("validate --lang de"), where teachers tend to write it.
    validate.add_argument(
        "--lang",
        choices=["de", "en"],
        default=argparse.SUPPRESS,
        help=_("language of the messages"),
    )


def run(args: argparse.Namespace) -> int:
    """Validate the paths in ``args``, by default what the app itself loads (so a teacher can
    check their own folder in one word)."""
    paths = args.paths
    if not paths:
        from quizapp.paths import content_paths, data_dir

        paths = [str(p) for p in content_paths(data_dir(args.data_dir))]
    return run_validate(paths, output_format=args.format)


def run_validate(
    paths: Sequence[str], output_format: str = "text", out: TextIO | None = None
) -> int:
    """Validate the files and folders in ``paths``; print to ``out`` (stdout by default)."""
    stream = out or sys.stdout
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for path in missing:
            sys.stderr.write(
                _("quizapp validate: no such file or folder: %(path)s") % {"path": path}
            )
            sys.stderr.write("\n")
        return EXIT_USAGE
    from quizapp.core.content.loader import (
        load_content,  # PyYAML and pydantic: only when validating
    )

    library = load_content([Path(p) for p in paths])
    if output_format == "json":
        import json

        payload = {
            "files": len(library.files),
            "sets": len(library.sets),
            "errors": len(library.errors),
            "warnings": len(library.warnings),
            "to_finish": len(library.todos),
            "problems": [_printable(p.as_dict()) for p in library.problems],
        }
        json.dump(payload, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for problem in sorted(library.problems, key=lambda p: (str(p.path), p.line, p.column)):
            stream.write(problem.format() + "\n")
        stream.write(_summary(len(library.files), len(library.errors), len(library.warnings)))
        if library.todos:
            stream.write(
                ngettext(
                    "; %(n)d file to finish",
                    "; %(n)d files to finish",
                    len(library.todos),
                )
                % {"n": len(library.todos)}
            )
        stream.write("\n")
    return EXIT_ERRORS if library.errors else EXIT_OK


def _printable(problem: dict[str, str | int]) -> dict[str, str | int]:
    """``problem`` with text that any UTF-8 stream takes and any JSON reader reads.

    A file name that is not UTF-8 reaches Python as lone surrogates ("\\udcff"), which a
    strict UTF-8 stdout refuses and which are no valid UTF-8 in the JSON: the path is escaped
    as in the text output, any other lone surrogate is written as its escape.
    """
    shown: dict[str, str | int] = {}
    for key, value in problem.items():
        if key == "path":
            value = shown_path(str(value))
        elif isinstance(value, str):
            value = value.encode("utf-8", "backslashreplace").decode("utf-8")
        shown[key] = value
    return shown


def _summary(files: int, errors: int, warnings: int) -> str:
    checked = ngettext("%(n)d file checked", "%(n)d files checked", files) % {"n": files}
    n_errors = ngettext("%(n)d error", "%(n)d errors", errors) % {"n": errors}
    n_warnings = ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings}
    return f"{checked}: {n_errors}, {n_warnings}"
