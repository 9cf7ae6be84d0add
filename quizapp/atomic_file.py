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
import re
import stat
import tempfile
import time
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


#: Every temporary output file starts so: ``.quizapp-tmp-<pid>-<random>.<stem>.<suffix>``.
TEMP_PREFIX = ".quizapp-tmp-"
_NAME_MAX = 255  # the longest file name most file systems take (ext4, NTFS, FAT's long names)
_STEM_SHOWN = 40  # of the target's name, in the temporary one (for a person looking)
_SUFFIX_MAX = 16
#: A temporary file of a process that no longer runs is left over from a kill (SIGKILL, power
#: cut) once it is this old; any is, after a day (process ids are reused).
_STALE_DEAD = 10 * 60
_STALE_ANY = 24 * 60 * 60


def _temp_beside(target: Path) -> Path:
    # Same folder, so the final rename never crosses a drive and is atomic; a dot name keeps
    # it out of sight, and the target's suffix keeps Qt/openpyxl choosing the right format.
    # The name is bounded: a legal 255-character target name must not make it too long.
    _remove_stale(target)
    suffix = target.suffix if len(target.suffix) <= _SUFFIX_MAX else ""
    stem = target.name[: len(target.name) - len(suffix)][:_STEM_SHOWN]
    prefix = f"{TEMP_PREFIX}{os.getpid()}-"
    tail = f".{stem}{suffix}"
    if len(prefix) + 8 + len(tail) > _NAME_MAX:
        tail = suffix
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=tail)
    os.close(fd)
    return Path(name)


def _remove_stale(target: Path) -> None:
    """Delete temporary files that a killed run left beside ``target`` (ours, or the
    ``.<stem>.XXXXXXXX<suffix>`` ones of older versions for the same target)."""
    now = time.time()
    old_style = re.compile(
        re.escape(f".{target.stem}.") + r"[a-z0-9_]{8}" + re.escape(target.suffix)
    )
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return  # the writing will say what is wrong with the folder
    for entry in entries:
        name = entry.name
        ours = name.startswith(TEMP_PREFIX)
        if not ours and not old_style.fullmatch(name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        age = now - info.st_mtime
        pid = _pid_of(name) if ours else None
        dead = pid is None or not _running(pid)
        if age > _STALE_ANY or (dead and age > _STALE_DEAD):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _pid_of(name: str) -> int | None:
    head = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # (on Windows, signal 0 would be a Ctrl+C: the day's age decides there)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or no way to tell: keep its file
    return True


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
