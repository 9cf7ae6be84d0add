"""Writing output files (reports, result exports) all at once or not at all.

Everything is written to a temporary file in the target's folder and renamed over the target
only when complete, so a failure (full disk, removed USB stick, a bug) never leaves half a
file behind, and an older file of the same name survives until the new one is ready. Problems
the user can fix (missing folder, no permission, a folder where a file should go) arrive as
:class:`OutputPathError` with a translated message and a hint.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

from quizapp.i18n import N_, _

_FILE_MODE = 0o644  # mkstemp makes files only the owner may read; a report is for sharing


class OutputProblem(StrEnum):
    """What is wrong with an output path."""

    IS_FOLDER = "is_folder"
    NO_FOLDER = "no_folder"
    NOT_WRITABLE = "not_writable"
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
        return {"path": str(self.path), "folder": str(self.path.parent), "example": str(example)}

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


def check_output_path(path: Path) -> None:
    """Raise :class:`OutputPathError` if a file cannot be written at ``path``."""
    if path.is_dir():
        raise OutputPathError(OutputProblem.IS_FOLDER, path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputPathError(OutputProblem.NO_FOLDER, path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(OutputProblem.NOT_WRITABLE, path)
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputPathError(OutputProblem.NOT_WRITABLE, path)


@contextmanager
def atomic_paths(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths to write instead of ``targets``, renamed over them when the block ends.

    If the block raises, the temporary files are deleted and no target is touched. OS
    failures (while writing or renaming) become :class:`OutputPathError`.
    """
    for target in targets:
        check_output_path(target)
    temps: list[Path] = []
    current = targets[0]  # the file named in an error
    try:
        for target in targets:
            current = target
            temps.append(_temp_beside(target))
        yield temps
        # Renaming is atomic per file; of several targets, those renamed before a failure stay.
        for temp, target in zip(temps, targets, strict=True):
            current = target
            _set_mode(temp, target)
            os.replace(temp, target)
    except OSError as exc:
        raise OutputPathError(OutputProblem.WRITE_FAILED, current, str(exc)) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """One temporary path for ``target`` (see :func:`atomic_paths`)."""
    with atomic_paths([target]) as temps:
        yield temps[0]


def _temp_beside(target: Path) -> Path:
    # Same folder, so the final rename never crosses a drive and is atomic; a dot name keeps
    # it out of sight, and the target's suffix keeps Qt/openpyxl choosing the right format.
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=target.suffix)
    os.close(fd)
    return Path(name)


def _set_mode(temp: Path, target: Path) -> None:
    if os.name != "posix":
        return
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _FILE_MODE
    os.chmod(temp, mode)
