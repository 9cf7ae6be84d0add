"""Where an output file (report, results export, a student's data) may be written.

One set of rules for the teacher area and the command line: an output replaces only a regular
file or takes a new name. Refused, with a translated message and hint: folders, devices, named
pipes, sockets, symbolic links (writing would replace the link, not what it points to), a
missing or unwritable folder, and anything inside a *protected* folder – the data folder with
the live database, which a report must never overwrite. ``-`` means standard output where a
command supports it (:func:`is_stdout`). Full drives are told apart from other write failures.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from quizapp.i18n import N_, _
from quizapp.user_error import shown_path

STDOUT = "-"
#: errno values that mean "no room": a full drive, a quota, or a file-size limit.
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class OutputProblem(StrEnum):
    """What is wrong with an output path."""

    IS_FOLDER = "is_folder"
    NO_FOLDER = "no_folder"
    NOT_WRITABLE = "not_writable"
    NOT_A_FILE = "not_a_file"  # a device, named pipe or socket
    SYMLINK = "symlink"
    PROTECTED = "protected"  # in the data folder (the live database)
    DISK_FULL = "disk_full"
    WRITE_FAILED = "write_failed"


_TEXTS: dict[OutputProblem, tuple[str, str]] = {
    OutputProblem.IS_FOLDER: (
        N_("%(path)s is a folder, not a file name."),
        N_("Add a file name to the path, for example %(example)s."),
    ),
    OutputProblem.NO_FOLDER: (
        N_("The folder %(folder)s does not exist."),
        N_("Create the folder first, or choose a file in an existing folder."),
    ),
    OutputProblem.NOT_WRITABLE: (
        N_("quizapp may not write to %(path)s."),
        N_("Choose a folder you may write to, such as your Documents folder."),
    ),
    OutputProblem.NOT_A_FILE: (
        N_("%(path)s is a device or a pipe, not a file."),
        N_("Choose a normal file name, for example %(example)s."),
    ),
    OutputProblem.SYMLINK: (
        N_("%(path)s is a link to another file; quizapp does not write through links."),
        N_("Choose the file the link points to, or another name."),
    ),
    OutputProblem.PROTECTED: (
        N_("%(path)s is in quizapp’s data folder, next to the results database."),
        N_("Save reports and exports somewhere else, such as your Documents folder."),
    ),
    OutputProblem.DISK_FULL: (
        N_("The disk is full: %(path)s could not be written."),
        N_("Free some space or choose another drive. An earlier file of that name was kept."),
    ),
    OutputProblem.WRITE_FAILED: (
        N_("Writing %(path)s failed."),
        N_(
            "If the file is open in another program (a spreadsheet), close it. Check that the "
            "drive has free space and is still connected, then try again."
        ),
    ),
}


class OutputPathError(Exception):
    """An output file could not be written; :attr:`message` and :attr:`hint` are translated."""

    def __init__(self, problem: OutputProblem, path: Path, detail: str = "") -> None:
        super().__init__(problem, path, detail)
        self.problem = problem
        self.path = path
        self.detail = detail

    def _values(self) -> dict[str, str]:
        example = self.path / ("report" + (self.path.suffix or ".xlsx"))
        if self.problem is not OutputProblem.IS_FOLDER:
            example = Path.home() / ("report" + (self.path.suffix or ".xlsx"))
        return {
            "path": shown_path(self.path),
            "folder": shown_path(self.path.parent),
            "example": shown_path(example),
        }

    @property
    def message(self) -> str:
        """What is wrong, in the current language."""
        return _(_TEXTS[self.problem][0]) % self._values()

    @property
    def hint(self) -> str:
        """What to do about it, in the current language."""
        return _(_TEXTS[self.problem][1]) % self._values()

    def __str__(self) -> str:
        text = f"{self.message} {self.hint}"
        return f"{text} ({self.detail})" if self.detail else text


def is_stdout(name: str | os.PathLike[str]) -> bool:
    """True for ``-``, the conventional name of standard output."""
    return os.fspath(name) == STDOUT


def check_output_path(path: Path, protected: Sequence[Path] = ()) -> None:
    """Raise :class:`OutputPathError` unless a file may be written (replaced) at ``path``.

    ``protected`` are folders nothing may be written into (the data folder).
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputPathError(OutputProblem.NOT_WRITABLE, path, str(exc)) from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise OutputPathError(OutputProblem.SYMLINK, path)
        if stat.S_ISDIR(info.st_mode):
            raise OutputPathError(OutputProblem.IS_FOLDER, path)
        if not stat.S_ISREG(info.st_mode):
            raise OutputPathError(OutputProblem.NOT_A_FILE, path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputPathError(OutputProblem.NO_FOLDER, path)
    if _inside_any(path, protected):
        raise OutputPathError(OutputProblem.PROTECTED, path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(OutputProblem.NOT_WRITABLE, path)
    if info is not None and not os.access(path, os.W_OK):
        raise OutputPathError(OutputProblem.NOT_WRITABLE, path)


def write_error(path: Path, exc: OSError) -> OutputPathError:
    """The error for an OS failure while writing ``path``: a full drive, or something else."""
    problem = OutputProblem.DISK_FULL if exc.errno in _FULL else OutputProblem.WRITE_FAILED
    return OutputPathError(problem, path, str(exc))


def _inside_any(path: Path, folders: Sequence[Path]) -> bool:
    # Resolved, so a link to the data folder (or "..") does not get around the rule.
    target = path.parent.resolve() / path.name
    for folder in folders:
        root = folder.resolve()
        if target == root or root in target.parents:
            return True
    return False
