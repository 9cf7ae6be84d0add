"""Writing output files (reports, result exports) all at once or not at all.

Everything is written to a temporary file in the target's folder, flushed to the drive
(``fsync``) and checked – not empty, and whatever the caller's ``verify`` asks (a PDF's end
marker, a readable zip) – and only then renamed over the target. So a failure (full disk,
removed USB stick, a bug) never leaves half a file behind, and an older file of the same name
survives until the new one is ready. Which paths may be written at all is decided by
:mod:`quizapp.output_path`; problems arrive as its :class:`OutputPathError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from quizapp.output_path import (
    OutputPathError,
    OutputProblem,
    check_output_path,
    write_error,
)

_FILE_MODE = 0o644  # mkstemp makes files only the owner may read; a report is for sharing

#: Checks a finished temporary file; returns False if its content is incomplete.
Verify = Callable[[Path], bool]


@contextmanager
def atomic_paths(
    targets: Sequence[Path], *, protected: Sequence[Path] = (), verify: Verify | None = None
) -> Iterator[list[Path]]:
    """Temporary paths to write instead of ``targets``, renamed over them when the block ends.

    If the block raises, or a file turns out empty or fails ``verify``, the temporary files
    are deleted and no target is touched. OS failures (while writing, syncing or renaming)
    become :class:`OutputPathError` (DISK_FULL when the drive is full). ``protected`` folders
    may not be written into (see :func:`quizapp.output_path.check_output_path`).
    """
    for target in targets:
        check_output_path(target, protected)
    temps: list[Path] = []
    current = targets[0]  # the file named in an error
    try:
        for target in targets:
            current = target
            temps.append(_temp_beside(target))
        current = targets[0]
        yield temps
        for temp, target in zip(temps, targets, strict=True):
            current = target
            _sync(temp)
            if temp.stat().st_size == 0 or (verify is not None and not verify(temp)):
                # Every writer reported success, yet the file is short: the usual cause is a
                # full drive that a writer (Qt's PDF engine) did not report.
                raise OSError(errno.ENOSPC, "written file is incomplete")
        # Renaming is atomic per file; of several targets, those renamed before a failure stay.
        for temp, target in zip(temps, targets, strict=True):
            current = target
            _set_mode(temp, target)
            os.replace(temp, target)
        _sync_folder(targets[0].parent)
    except OSError as exc:
        raise write_error(current, exc) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


@contextmanager
def atomic_path(
    target: Path, *, protected: Sequence[Path] = (), verify: Verify | None = None
) -> Iterator[Path]:
    """One temporary path for ``target`` (see :func:`atomic_paths`)."""
    with atomic_paths([target], protected=protected, verify=verify) as temps:
        yield temps[0]


def _temp_beside(target: Path) -> Path:
    # Same folder, so the final rename never crosses a drive and is atomic; a dot name keeps
    # it out of sight, and the target's suffix keeps Qt/openpyxl choosing the right format.
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=target.suffix)
    os.close(fd)
    return Path(name)


def _sync(path: Path) -> None:
    """Flush ``path`` to the drive: a full drive may only now report that it is full."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def _set_mode(temp: Path, target: Path) -> None:
    if os.name != "posix":
        return
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _FILE_MODE
    os.chmod(temp, mode)


__all__ = [
    "OutputPathError",
    "OutputProblem",
    "Verify",
    "atomic_path",
    "atomic_paths",
    "check_output_path",
]
