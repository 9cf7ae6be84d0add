"""Retiring a set (last week's article) or offering it again.

A retired set stays loaded, so reports still name its questions, but students no longer see
it. The teacher area's button calls :func:`retire_set` for every set: the teacher's own files
are edited the way a teacher would in an editor (the ``retired: true`` line added under
``source:``, or removed; every other line and comment kept); a shipped set, whose files are
not the teacher's, is named in the teacher's list of retired sets instead
(:mod:`quizapp.core.content.retired_list`). Offering again undoes both.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from quizapp.atomic_file import OutputPathError, atomic_path
from quizapp.core.content.problems import Severity
from quizapp.core.content.retired_list import read_retired_list
from quizapp.i18n import _
from quizapp.paths import RETIRED_SETS_FILE
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


def retire_set(set_id: str, files: list[Path], *, folder: Path, retired: bool) -> None:
    """Retire the set ``set_id`` (or offer it again), whose language versions are ``files``.

    ``folder`` is the teacher's content folder. A set all of whose files are in it gets the
    ``retired`` line; any other set goes into (or out of) ``folder``'s list of retired sets.
    Offering again also takes the id off the list, whichever way the set was retired.
    """
    own = [path for path in files if path.resolve().is_relative_to(folder.resolve())]
    listed = folder / RETIRED_SETS_FILE
    if retired:
        if own and len(own) == len(files):
            set_retired(own, retired=True)
        else:
            _write_list(listed, set_id, listed=True)
        return
    if set_id in read_retired_list(listed).ids:
        _write_list(listed, set_id, listed=False)
    set_retired(own, retired=False)


def with_listed(text: str, set_id: str, *, listed: bool) -> str:
    """The list's text with ``set_id``'s line added at the end (``listed``) or removed.

    Lines are added and removed as a teacher would in an editor, so their comments stay;
    the caller checks the result and writes the list anew if that did not work out.
    """
    line = re.compile(rf"^-[ \t]+([\"']?){re.escape(set_id)}\1[ \t]*(#[^\n]*)?(\n|$)", re.M)
    without = line.sub("", text)
    if not listed:
        return without
    if without and not without.endswith("\n"):
        without += "\n"
    return f"{without}- {set_id}\n"


def _list_header() -> str:
    return "".join(
        f"# {text}\n"
        for text in (
            _("Question sets no longer offered to students; their results stay in the reports."),
            _("One set id per line after “- ”; delete a line to offer that set again."),
            _("The teacher area’s “Retire or offer again” writes this file too."),
        )
    )


def _write_list(path: Path, set_id: str, *, listed: bool) -> None:
    """Add ``set_id`` to the list at ``path`` (or take it off), written all at once."""
    current = read_retired_list(path)
    if current.broken:
        first = next(p for p in current.problems if p.severity is Severity.ERROR)
        raise RetireError(
            _("%(path)s has a mistake at line %(line)d, column %(column)d: %(message)s")
            % {
                "path": shown_path(path),
                "line": first.line,
                "column": first.column,
                "message": first.message,
            },
            _("Correct it in your editor (the Problems list shows it), then try again."),
            path,
        )
    wanted = [i for i in current.ids if i != set_id] + ([set_id] if listed else [])
    try:
        text = path.read_text("utf-8-sig") if path.exists() else _list_header()
    except (OSError, UnicodeDecodeError):
        text = _list_header()
    text = with_listed(text, set_id, listed=listed)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a shipped set retired first thing
    except OSError as exc:
        raise RetireError(
            _("%(path)s could not be written.") % {"path": shown_path(path)},
            _("Check that you may write there and the drive is not full (%(reason)s).")
            % {"reason": exc.strerror or exc.__class__.__name__},
            path,
        ) from exc
    try:
        with atomic_path(path) as temp:
            temp.write_text(text, encoding="utf-8")
            if read_retired_list(temp).ids != wanted:  # written another way (say “[a, b]”)
                temp.write_text(_list_header() + "".join(f"- {i}\n" for i in wanted), "utf-8")
    except OutputPathError as exc:
        raise RetireError(exc.message, exc.hint, path) from exc


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
        if not retired and text == path.read_text("utf-8"):
            continue  # no line to remove: the file stays as it is
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
