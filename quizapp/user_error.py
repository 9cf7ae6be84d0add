"""The base of errors that are shown to people: a translated message and what to do about it."""

from __future__ import annotations

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
