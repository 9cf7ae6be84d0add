"""Importing results files where the class's results live (issue 23.6): this computer's file,
or the class database when one is configured, with the login's rights asked first.

One path for ``quizapp results import`` and the teacher area's "Import results files…": the
same checks and hold-back rules (:func:`~quizapp.storage.exchange.import_results`), the same
refusal of a student's or read-only login, and the same words for where the results went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.i18n import _
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.exchange import CheckedFile, ImportSummary, import_results
from quizapp.storage.repository import Repository
from quizapp.storage.server_rights import ImportRefusal, import_refusal
from quizapp.user_error import shown_path


@dataclass(frozen=True)
class Imported:
    """What an import added, and into which database."""

    summary: ImportSummary
    into_server: bool
    place: str  # the server's address (no password) or the file's path, as shown

    @property
    def where(self) -> str:
        """Where the results went, in words (one sentence)."""
        if self.into_server:
            return _("Into the class database %(database)s.") % {"database": self.place}
        return _("Into this computer’s results file %(path)s.") % {"path": self.place}


class ImportRefused(Exception):
    """This login of the class database may not import a class's results: nothing was
    imported. :attr:`message` and :attr:`hint` are in the current language."""

    def __init__(self, refusal: ImportRefusal, database: str) -> None:
        super().__init__(refusal, database)
        self.refusal = refusal
        self.database = database

    @property
    def message(self) -> str:
        """Why nothing was imported."""
        if self.refusal is ImportRefusal.STUDENT:
            text = _(
                "%(database)s: this is a student’s login, which may not import a class’s "
                "results (they would all become this student’s rows); nothing was imported."
            )
        else:
            text = _(
                "%(database)s: this login may only read the class database; nothing was imported."
            )
        return text % {"database": self.database}

    @property
    def hint(self) -> str:
        """Which login may import."""
        return _("Import with the class database owner’s login (the one for db upgrade).")


def import_into(
    repository: Repository,
    files: Sequence[CheckedFile],
    *,
    accept_held_back: bool = False,
) -> Imported:
    """Import checked ``files`` into ``repository``; raise :class:`ImportRefused` (before
    anything is written) when it is a class database whose login may not import a class.

    Also raises :class:`~quizapp.storage.exchange_format.ExchangeError` and
    :class:`StorageError` as :func:`~quizapp.storage.exchange.import_results` does.
    """
    if repository.is_server:
        place = str(repository.path)
        refusal = import_refusal(repository)
        if refusal is not None:
            raise ImportRefused(refusal, place)
    else:
        place = shown_path(repository.path)
    summary = import_results(repository, files, accept_held_back=accept_held_back)
    return Imported(summary, repository.is_server, place)


def import_into_server(
    url: str, files: Sequence[CheckedFile], *, accept_held_back: bool = False
) -> Imported:
    """:func:`import_into` the class database at ``url``, connected for this import only."""
    with Repository.connect(url) as repository:
        return import_into(repository, files, accept_held_back=accept_held_back)


def failed_text(error: StorageError) -> str:
    """An import into the class database that failed half-way, in words: what happened, what
    to do, and that importing again is safe (not the sync's "sent later": an import is not
    queued)."""
    hint = "" if error.kind is StorageErrorKind.UNREACHABLE else " " + error.hint
    return (
        error.message
        + hint
        + " "
        + _(
            "Some of the files may be in already; importing the same files again later "
            "adds only what is missing."
        )
    )
