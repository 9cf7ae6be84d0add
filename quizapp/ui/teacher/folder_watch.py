"""Watching the teacher's folder: a file saved in an editor is loaded again within a second.

Editors save in different ways (write in place, or write a new file and rename it over the
old one, which ends a watch on the file), so both the folders and every file in them are
watched, and the file list is renewed after each change. Changes come in bursts (one save can
be three events), so the reload waits a short, quiet moment first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

#: How long the folder must be quiet before it is read again (a save is several events).
SETTLE_MS = 300


class FolderWatch(QObject):
    """Calls ``changed`` once a burst of changes in ``folders`` has settled."""

    def __init__(
        self,
        folders: list[Path],
        changed: Callable[[], None],
        parent: QObject | None = None,
        *,
        files: list[Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self._folders = folders
        self._files = files or []  # single files, watched with their folder (to see them made)
        self._changed = changed
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self._watcher.directoryChanged.connect(self._event)
        self._watcher.fileChanged.connect(self._event)
        self.renew()

    def renew(self) -> None:
        """Watch the folders that exist now and every file in them."""
        wanted = [str(f) for f in self._folders if f.is_dir()]
        for folder in list(wanted):
            wanted.extend(str(p) for p in sorted(Path(folder).iterdir()) if p.is_file())
        for file in self._files:
            if file.parent.is_dir():
                wanted.append(str(file.parent))
            if file.is_file():
                wanted.append(str(file))
        wanted = list(dict.fromkeys(wanted))
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        stale = [path for path in watched if path not in wanted]
        if stale:
            self._watcher.removePaths(stale)
        fresh = [path for path in wanted if path not in watched]
        if fresh:
            self._watcher.addPaths(fresh)

    def watched(self) -> list[str]:
        """What is watched now (folders and files)."""
        return [*self._watcher.directories(), *self._watcher.files()]

    def _event(self, _path: str) -> None:
        self._timer.start()  # (re)start: wait until the burst is over

    def _settled(self) -> None:
        self.renew()
        self._changed()
