"""The app's link to a class database server (``--database``): answers are saved on this
machine and sent by a background :class:`SyncService`; the status bar says how that goes; the
teacher area reads the whole class from the server (a teacher login sees every student).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from quizapp.storage.class_queries import ServerClassReader
from quizapp.storage.repository import Repository
from quizapp.storage.sync import SyncService
from quizapp.ui.sync_status import SyncIndicator


class ClassDatabase:
    """Started once the local database is open; :meth:`close` when the window closes."""

    def __init__(self, window: QMainWindow, local: Repository, url: str) -> None:
        self.sync = SyncService(local, url)
        self.classes = ServerClassReader(url, Repository.connect)
        self.indicator = SyncIndicator(window, self.sync)
        self.sync.start()

    def close(self) -> None:
        """Stop sending (what waits stays queued for the next start) and disconnect."""
        self.indicator.stop()
        self.sync.stop()
        self.classes.close()
