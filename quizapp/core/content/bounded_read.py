"""Reading untrusted files with hard limits, refusing before memory grows.

Files a teacher opens (content YAML, results files from a USB stick) are untrusted: a named pipe
would block the app for ever, ``/dev/zero`` never ends, and a small gzip file may inflate to
gigabytes. :func:`read_regular_file` reads only regular files up to a size stated up front;
:func:`inflate_gzip` decompresses in steps of at most :data:`_STEP` bytes and stops as soon as
the output passes its cap, so a refused "gzip bomb" never costs more than the cap.
"""

from __future__ import annotations

import os
import stat
import zlib
from enum import StrEnum
from pathlib import Path

_STEP = 1 << 20  # output per decompression step, and bytes per read


class ReadProblem(StrEnum):
    """Why a file was not read."""

    NOT_A_FILE = "not_a_file"  # a folder, pipe, device or socket
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"  # the OS refused (missing, no permission, drive gone)
    DAMAGED = "damaged"  # compressed data that is cut off or not gzip


class BoundedReadError(Exception):
    """A file was refused; :attr:`limit` is the cap that applied (for TOO_LARGE)."""

    def __init__(self, problem: ReadProblem, limit: int = 0, detail: str = "") -> None:
        super().__init__(problem, limit, detail)
        self.problem = problem
        self.limit = limit
        self.detail = detail


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else or anything larger.

    The type and size are checked with ``stat`` before opening (``stat`` never blocks, even on
    a named pipe), checked again on the open file (it may have been swapped), and at most
    ``max_bytes + 1`` bytes are ever read (a file growing while read is refused too).
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise BoundedReadError(ReadProblem.UNREADABLE, detail=exc.strerror or str(exc)) from exc
    _check(info, max_bytes)
    try:
        # O_NONBLOCK: if a pipe was put in the file's place after the stat, open must not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise BoundedReadError(ReadProblem.UNREADABLE, detail=exc.strerror or str(exc)) from exc
    try:
        _check(os.fstat(fd), max_bytes)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_STEP, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise BoundedReadError(ReadProblem.TOO_LARGE, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise BoundedReadError(ReadProblem.UNREADABLE, detail=exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)


def _check(info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise BoundedReadError(ReadProblem.NOT_A_FILE)
    if info.st_size > max_bytes:
        raise BoundedReadError(ReadProblem.TOO_LARGE, max_bytes)


def inflate_gzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data`` (one or more members), refusing output above ``max_bytes``.

    Raises :class:`BoundedReadError`: TOO_LARGE as soon as the output passes the cap (having
    held at most the cap plus one step), DAMAGED for cut-off or invalid data.
    """
    out = bytearray()
    pending = data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while True:
            piece = inflater.decompress(pending, _STEP)
            out += piece
            if len(out) > max_bytes:
                raise BoundedReadError(ReadProblem.TOO_LARGE, max_bytes)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                pending = inflater.unused_data
                if not pending.strip(b"\0"):  # trailing zero padding is allowed, as in gzip
                    return bytes(out)
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # another member
            elif not pending and not piece:
                raise BoundedReadError(ReadProblem.DAMAGED, detail="unexpected end of data")
    except zlib.error as exc:
        raise BoundedReadError(ReadProblem.DAMAGED, detail=str(exc)) from exc
