"""Retiring a set (last week's article) or offering it again: the ``retired: true`` line.

A retired set stays loaded, so reports still name its questions, but students no longer see
it. The teacher area's button edits the teacher's own files the way a teacher would in an
editor: one line added under ``source:`` (or removed), every other line and comment kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from quizapp.i18n import _
from quizapp.user_error import UserFacingError, shown_path

_RETIRED_LINE = re.compile(r"^retired:[^\n]*\n?", re.MULTILINE)
_SOURCE_LINE = re.compile(r"^source:[^\n]*\n", re.MULTILINE)


class RetireError(UserFacingError):
    """A set file could not be changed; the message names the file and what to do."""


def with_retired(text: str, *, retired: bool) -> str:
    """The text of a set file with its ``retired`` line set (``retired``) or removed."""
    without = _RETIRED_LINE.sub("", text)
    if not retired:
        return without
    source = _SOURCE_LINE.search(without)
    if source is None:  # not a set file the loader took; nothing sensible to change
        raise ValueError("no top-level source: line")
    return f"{without[: source.end()]}retired: true\n{without[source.end() :]}"


def set_retired(paths: list[Path], *, retired: bool) -> None:
    """Retire (or offer again) the set in every file of ``paths`` (its language versions).

    Every file's new text is made before any is written (a file that cannot be read changes
    nothing); each is written beside its file and renamed over it, so an editor or the app
    never reads half a file.
    """
    texts: dict[Path, str] = {}
    for path in paths:
        try:
            texts[path] = with_retired(path.read_text("utf-8"), retired=retired)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise RetireError(
                _("%(path)s could not be changed.") % {"path": shown_path(path)},
                _("Write or delete the line “retired: true” under “source:” in your editor."),
                path,
            ) from exc
    for path, text in texts.items():
        temp = path.with_name(f".{path.name}.retire")
        try:
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, path)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise RetireError(
                _("%(path)s could not be written.") % {"path": shown_path(path)},
                _("Check that you may write there and the drive is not full (%(reason)s).")
                % {"reason": exc.strerror or exc.__class__.__name__},
                path,
            ) from exc
