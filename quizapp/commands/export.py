"""``quizapp export``: question sets as a file for the school's learning platform (Moodle XML or
a QTI 3.0 package), with what the format cannot carry named on the way."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.commands.data_folder import data_dir_option
from quizapp.commands.outcome import EXIT_OK, carried_out, fail
from quizapp.i18n import _
from quizapp.output_path import is_stdout
from quizapp.user_error import shown_path

FORMATS = ("moodle-xml", "qti3")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` sub-command to ``sub``."""
    export = sub.add_parser(
        "export",
        help=_("write question sets for Moodle (Moodle XML) or a QTI 3.0 platform"),
        description=_(
            "Write question sets as a file to import into the school’s learning platform: "
            "moodle-xml for Moodle’s question bank, qti3 for platforms that read QTI 3.0 "
            "packages. What the format cannot carry is listed after writing and in the file."
        ),
    )
    data_dir_option(export)
    export.add_argument("--format", required=True, choices=FORMATS, help=_("the kind of file"))
    export.add_argument(
        "--set",
        dest="set_ids",
        required=True,
        action="append",
        metavar="ID",
        help=_("the question set (repeat for several: one category or test section each)"),
    )
    export.add_argument(
        "--lang",
        dest="set_lang",
        required=True,
        choices=["de", "en"],
        help=_("the language version of the sets"),
    )
    export.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=_("the file to write; - writes to standard output"),
    )


def run(args: argparse.Namespace) -> int:
    """Export the sets ``args`` name."""
    from quizapp.lms.export import ExportError
    from quizapp.output_path import OutputPathError

    return carried_out(lambda: _export(args), ExportError, OutputPathError)


def _export(args: argparse.Namespace) -> int:
    from quizapp.core.content.loader import load_content
    from quizapp.lms.export import build_export, write_export
    from quizapp.lms.losses import LmsFormat
    from quizapp.paths import content_paths, data_dir

    folder = data_dir(args.data_dir)
    library = load_content(content_paths(folder))
    fmt = LmsFormat(args.format)
    export = build_export(library, args.set_ids, args.set_lang, fmt)
    to_stdout = is_stdout(args.out)
    if to_stdout:
        if fmt is LmsFormat.QTI3 and sys.stdout.isatty():
            return fail(
                _("A QTI package is a zip file and would garble the terminal.")
                + " "
                + _("Redirect the output to a file or give a file name with --out.")
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(export.data)
        sys.stdout.buffer.flush()
    else:
        written = write_export(export, Path(args.out), protected=[folder])
        print(_("Written: %(path)s") % {"path": shown_path(written)})
    # The file is the standard output: the list goes to standard error then.
    stream = sys.stderr if to_stdout else sys.stdout
    if export.losses:
        stream.write(_("Not carried as in quizapp (also noted in the file):") + "\n")
        for loss in export.losses:
            stream.write(f"- {loss.text()}\n")
    return EXIT_OK
