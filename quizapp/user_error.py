"""The base of errors that are shown to people: a translated message and what to do about it."""

from __future__ import annotations

import re
from pathlib import Path


class UserFacingError(Exception):
    """:attr:`message` says what went wrong, :attr:`hint` what to do; both already translated.

    ``path`` is the file or folder concerned, if any. The UI shows message and hint in a
    dialog, the command line prints ``str(error)``; neither ever shows a traceback.
    """

    def __init__(self, message: str, hint: str = "", path: Path | None = None) -> None:
        super().__init__(message, hint, path)
        self.message = message
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


# Characters that would hide or disguise part of a file name in a message: control characters
# (a newline starts a fake second line), bidi controls (a right-to-left override turns
# "gpj.exe" around) and the lone surrogates that stand for bytes that are not UTF-8.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def shown_path(path: Path | str) -> str:
    """``path`` for a message, with invisible and direction-changing characters escaped."""
    return _HIDDEN.sub(_escaped, str(path))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
