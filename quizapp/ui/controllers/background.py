"""Work that takes longer than a moment runs off the GUI thread; its result comes back to it.

The teacher area reads and analyses a whole class, which takes seconds for a big one. The work
is plain Python (no Qt objects) and runs in a worker thread; its result or error is handed to
callbacks in the GUI thread through a queued signal. Cancelling drops the result: the worker
cannot be interrupted halfway through a database read, but nothing it returns is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


class Background(QObject):
    """Runs one job at a time in a worker thread; a newer job or :meth:`cancel` drops the older."""

    busy_changed = Signal(bool)
    _finished = Signal(int, object, object)  # job number, result, error (from the worker)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = 0
        self._busy = False
        self._callbacks: tuple[Done, Failed] | None = None
        self._finished.connect(self._deliver)  # queued: emitted in the worker thread

    @property
    def busy(self) -> bool:
        """Whether a job runs whose result will be used."""
        return self._busy

    def run(self, work: Callable[[], object], done: Done, failed: Failed) -> None:
        """Run ``work()`` in a worker thread; then ``done(result)`` or ``failed(error)`` here."""
        self._job += 1
        self._callbacks = (done, failed)
        job = self._job
        # A daemon thread: closing the app does not wait for a read nobody will see.
        threading.Thread(target=self._work, args=(job, work), daemon=True).start()
        self._set_busy(busy=True)

    def cancel(self) -> None:
        """Drop the running job's result."""
        self._job += 1
        self._callbacks = None
        self._set_busy(busy=False)

    def _work(self, job: int, work: Callable[[], object]) -> None:
        try:
            result = work()
        except Exception as error:  # handed to the GUI thread, which shows it
            self._finished.emit(job, None, error)
            return
        self._finished.emit(job, result, None)

    def _deliver(self, job: int, result: object, error: object) -> None:
        if job != self._job or self._callbacks is None:
            return  # cancelled, or replaced by a newer job
        done, failed = self._callbacks
        self._callbacks = None
        self._set_busy(busy=False)
        if isinstance(error, Exception):
            failed(error)
        else:
            done(result)

    def _set_busy(self, *, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
