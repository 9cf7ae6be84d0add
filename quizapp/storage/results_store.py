"""The narrow door other storage modules go through: a database's read and write contexts.

:class:`~quizapp.storage.repository.Repository` provides it; export, import and the class
reader take this protocol instead of the repository, so none of them imports it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import Connection


class ResultsStore(Protocol):
    """Read and write contexts (which translate database failures) and the store's folders."""

    @property
    def protected_folders(self) -> list[Path]:
        """Folders no output may be written into."""
        ...

    def reading(self) -> AbstractContextManager[Connection]:
        """A connection for queries."""
        ...

    def writing(self) -> AbstractContextManager[Connection]:
        """A connection in a write transaction, committed when the block ends."""
        ...


class ClosableStore(ResultsStore, Protocol):
    """A store this code opened itself and so closes (a connection to the class database)."""

    def close(self) -> None:
        """Close the connections."""
        ...
