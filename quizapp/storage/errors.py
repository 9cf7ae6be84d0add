"""Storage failures the student or teacher can act on, with a translated message and hint.

Deliberately free of SQLAlchemy and sqlite3 imports: the UI imports :class:`StorageError`
to catch it without paying for the database stack at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from quizapp.i18n import N_, _


class StorageErrorKind(StrEnum):
    """What went wrong, so the UI can pick a reaction (retry, other folder, give up)."""

    LOCKED = "locked"  # another program holds the database; retrying later may work
    CORRUPT = "corrupt"  # the file is not a (healthy) SQLite database
    UNWRITABLE = "unwritable"  # the folder or file cannot be created or written
    TOO_NEW = "too_new"  # written by a newer quizapp whose schema this version doesn't know
    DISK_FULL = "disk_full"
    IO_ERROR = "io_error"  # the drive failed (removed USB stick, offline network share)
    UNREACHABLE = "unreachable"  # the class database server does not answer
    BUSY = "busy"  # the class database waited too long for a lock or a query; try later
    DENIED = "denied"  # the server refused this login or this action (least privilege)
    NEEDS_UPGRADE = "needs_upgrade"  # the server's schema is older than this app: admin's job


# (message, hint) per kind; ``{path}`` is filled in. Marked with N_ and translated when shown,
# so a language switch after the error was raised still shows the new language.
_TEXTS: dict[StorageErrorKind, tuple[str, str]] = {
    StorageErrorKind.LOCKED: (
        N_("The results database {path} is in use by another program."),
        N_("Close any other quizapp window that uses it, then try again."),
    ),
    StorageErrorKind.CORRUPT: (
        N_("The results database {path} is damaged."),
        N_(
            "Restart quizapp: it keeps the damaged file under a new name and starts a new "
            "database. Give the old file to your teacher."
        ),
    ),
    StorageErrorKind.UNWRITABLE: (
        N_("quizapp cannot save results in {path}."),
        N_(
            "Start quizapp with --data-dir and a folder you may write to, or set the "
            "QUIZAPP_DATA_DIR environment variable to such a folder."
        ),
    ),
    StorageErrorKind.TOO_NEW: (
        N_("The results database {path} was written by a newer version of quizapp."),
        N_(
            "Install the newer version of quizapp, or start this version with --data-dir "
            "and another folder. The file was not changed."
        ),
    ),
    StorageErrorKind.DISK_FULL: (
        N_("The drive holding {path} is full."),
        N_("Free some space on the drive, then try again. Earlier answers are saved."),
    ),
    StorageErrorKind.IO_ERROR: (
        N_("Reading or writing {path} failed."),
        N_(
            "Check the drive (was a USB stick removed, is a network folder offline?), then "
            "try again. Earlier answers are saved."
        ),
    ),
    StorageErrorKind.UNREACHABLE: (
        N_("The class database {path} cannot be reached."),
        N_(
            "Check the network connection and that the school’s database server is running, "
            "then try again. Answers given on this computer are kept and sent later."
        ),
    ),
    StorageErrorKind.BUSY: (
        N_(
            "The class database {path} is busy: another login holds its tables or the query "
            "took too long."
        ),
        N_(
            "Try again in a few minutes. If it stays busy, the school’s administrator can see "
            "in pg_stat_activity which login holds the lock, and end that session."
        ),
    ),
    StorageErrorKind.DENIED: (
        N_("The class database {path} refused this login."),
        N_(
            "Check the user name and password in the database address, or ask the school’s "
            "administrator to give this login the quizapp student or teacher role."
        ),
    ),
    StorageErrorKind.NEEDS_UPGRADE: (
        N_("The class database {path} has an older layout than this version of quizapp."),
        N_(
            "Ask the school’s administrator to run “quizapp db upgrade” for this database, "
            "then try again."
        ),
    ),
}


class StorageError(Exception):
    """A storage failure with a user-facing :attr:`message` and :attr:`hint` (what to do).

    ``path`` is the database file, or the data folder for :attr:`StorageErrorKind.UNWRITABLE`,
    or the server's address (without password) for a PostgreSQL class database.
    ``detail`` is the technical cause (untranslated) for logs and bug reports.
    """

    def __init__(self, kind: StorageErrorKind, path: Path | str, detail: str = "") -> None:
        super().__init__(kind, path, detail)
        self.kind = kind
        self.path = path
        self.detail = detail

    @property
    def message(self) -> str:
        """What happened, in the current UI language."""
        return _(_TEXTS[self.kind][0]).format(path=self.path)

    @property
    def hint(self) -> str:
        """What the user can do about it, in the current UI language."""
        return _(_TEXTS[self.kind][1]).format(path=self.path)

    def __str__(self) -> str:
        text = f"{self.message} {self.hint}"
        return f"{text} ({self.detail})" if self.detail else text
