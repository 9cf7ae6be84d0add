"""A problem found in a content file: where it is, what is wrong, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from quizapp.i18n import _
from quizapp.user_error import shown_path


class Severity(StrEnum):
    """Errors keep a file out of the app; warnings are shown to the teacher only."""

    ERROR = "error"
    WARNING = "warning"
    TODO = "todo"  # a draft's placeholders: "to finish", neither an error nor a warning


@dataclass(frozen=True)
class Problem:
    """One finding, 1-based ``line``/``column``; ``hint`` says what to do."""

    path: Path
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    @property
    def display_path(self) -> str:
        """The path relative to the working folder when it is inside it (shorter to read)."""
        try:
            return str(self.path.relative_to(Path.cwd()))
        except ValueError:
            return str(self.path)

    def format(self) -> str:
        """``path:line:column: error: message`` with the hint on an indented second line.

        A newline or right-to-left mark in the file name is shown escaped, so it cannot fake a
        line of output or turn the name around.
        """
        label = {
            Severity.ERROR: _("error"),
            Severity.WARNING: _("warning"),
            Severity.TODO: _("to finish"),
        }[self.severity]
        where = shown_path(self.display_path)
        head = f"{where}:{self.line}:{self.column}: {label}: {self.message}"
        return f"{head}\n    {self.hint}" if self.hint else head

    def as_dict(self) -> dict[str, str | int]:
        """Plain form for ``--format json``."""
        return {
            "path": self.display_path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }
