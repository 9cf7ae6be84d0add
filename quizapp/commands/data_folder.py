"""The data folder a sub-command works on: its options and opening its results database."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.commands.outcome import fail
from quizapp.i18n import _
from quizapp.user_error import shown_path

if TYPE_CHECKING:
    from quizapp.storage.repository import Repository


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--data-dir`` after the sub-command too."""
    # SUPPRESS: given after the sub-command it wins, otherwise the global --data-dir stays.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help=_("folder with the scores"))


def lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` after the sub-command too ("demo --lang de")."""
    # SUPPRESS keeps a global --lang otherwise.
    parser.add_argument(
        "--lang",
        choices=["de", "en"],
        default=argparse.SUPPRESS,
        help=_("language of the messages (and of the demo class)"),
    )


def data_folder(args: argparse.Namespace, *, must_exist: bool) -> Path | None:
    """The data folder of ``args``; ``None`` (after saying so) if ``must_exist`` and it holds
    no results database."""
    from quizapp.paths import data_dir
    from quizapp.storage.repository import DB_FILENAME

    folder = data_dir(args.data_dir)
    if must_exist and not (folder / DB_FILENAME).is_file():
        fail(_("There are no results in %(folder)s.") % {"folder": folder})
        return None
    return folder


@contextmanager
def opened(folder: Path, *, misleading: bool) -> Iterator[Repository | None]:
    """The repository in ``folder``, saying loudly on stderr if a damaged database was set aside.

    With ``misleading`` (a report or export of what is now an empty class) the command must not
    go on: ``None`` is yielded and the caller exits with ``EXIT_FAILED``.
    """
    from quizapp.storage.repository import Repository

    with Repository.open(folder) as repository:
        if repository.recovered_from is not None:
            fail(
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
                fail(
                    _(
                        "Nothing was written, because it would show an empty class. Give the "
                        "damaged file to someone who can rescue it, or import the results "
                        "files of the class again."
                    )
                )
                yield None
                return
        yield repository
