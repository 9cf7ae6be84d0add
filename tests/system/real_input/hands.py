"""Real hands for a journey: xdotool moves, clicks, drags, turns the wheel and types on the X
display while the app's event loop runs on the main thread.

The journey itself runs on a worker thread. Every look at a widget is done on the main (GUI)
thread through :func:`Hands.look`, so modal dialogs, drag loops and open drop-down lists keep
running while the "person" moves the mouse: exactly as with a real user.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

T = TypeVar("T")


class JourneyFailure(AssertionError):
    """What a person would have seen go wrong (the state after an action did not appear)."""


class _MainThread(QObject):
    """Runs posted callables on the GUI thread (a queued signal into an object living there)."""

    job = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.job.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _run(job: Callable[[], None]) -> None:
        job()


class Hands:
    """The person at the keyboard and mouse, and their eyes (``look``/``until``)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.steps: list[str] = []
        self._main = _MainThread()

    # ---- eyes -------------------------------------------------------------------------------

    def look(self, what: Callable[[], T], timeout: float = 20.0) -> T:
        """``what()`` evaluated on the GUI thread (the app keeps running meanwhile)."""
        if threading.current_thread() is threading.main_thread():
            return what()  # a look inside a look
        done = threading.Event()
        box: dict[str, Any] = {}

        def job() -> None:
            try:
                box["value"] = what()
            except BaseException as error:  # handed back to the journey's thread
                box["error"] = error
            done.set()

        self._main.job.emit(job)
        if not done.wait(timeout):
            raise JourneyFailure("the app did not respond (event loop blocked)")
        if "error" in box:
            raise box["error"]
        return box["value"]  # type: ignore[no-any-return]

    def until(self, condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
        """Wait until ``condition()`` (run on the GUI thread) is true, else fail with ``what``."""
        deadline = time.monotonic() + timeout
        while not self.look(condition):
            if time.monotonic() > deadline:
                raise JourneyFailure(f"not seen within {timeout:.0f} s: {what}")
            time.sleep(0.05)

    def see(self, condition: Callable[[], object], what: str) -> None:
        """Fail with ``what`` unless ``condition()`` holds now."""
        if not self.look(condition):
            raise JourneyFailure(what)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Name the next actions, for the result file and the failure message."""
        self.steps.append(name)
        yield

    def screenshot(self, name: str) -> Path:
        """The whole screen (drop-down lists and dialogs included) into ``out/name.png``."""
        path = self.out / f"{name}.png"

        def grab() -> None:
            screen = QGuiApplication.primaryScreen()
            screen.grabWindow(0).save(str(path))

        self.look(grab)
        return path

    # ---- where things are -------------------------------------------------------------------

    def rect(self, widget: QWidget) -> QRect:
        """The widget's rectangle in screen coordinates."""

        def find() -> QRect:
            origin = widget.mapToGlobal(QPoint(0, 0))
            return QRect(origin, widget.size())

        return self.look(find)

    def shown(self, widget: QWidget) -> bool:
        """Visible and not scrolled out of its scroll areas (what the eye can hit)."""

        def check() -> bool:
            if not widget.isVisible():
                return False
            return _visible_part(widget).height() >= min(widget.height(), 8)

        return self.look(check)

    def bring_into_view(self, widget: QWidget) -> None:
        """Turn the wheel over the scroll area holding ``widget`` until it is in view."""
        for _turn in range(40):
            where = self.look(lambda: _scroll_direction(widget))
            if where is None:
                return
            area, down = where
            x, y = self.look(lambda a=area: _centre(_viewport_rect(a)))
            self.wheel(x, y, down=down, notches=1)
            time.sleep(0.08)
        raise JourneyFailure(f"could not scroll {widget.objectName() or widget} into view")

    # ---- hands ------------------------------------------------------------------------------

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, timeout=30)

    def move(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y))

    def click_at(self, x: int, y: int, *, button: int = 1, double: bool = False) -> None:
        self.move(x, y)
        self.xdotool("click", "--repeat", "2" if double else "1", "--delay", "60", str(button))
        time.sleep(0.05)

    def click(self, widget: QWidget, at: QPoint | None = None, *, double: bool = False) -> None:
        """Scroll ``widget`` into view, move the pointer over it (or to ``at``) and click."""
        self.bring_into_view(widget)
        self.until(lambda: widget.isEnabled(), f"{_name(widget)} is enabled")
        box = self.rect(widget)
        point = box.topLeft() + at if at is not None else box.center()
        self.click_at(point.x(), point.y(), double=double)

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 8) -> None:
        """Press at ``start``, move in small steps (as a hand does) to ``end``, release."""
        (x0, y0), (x1, y1) = start, end
        args = ["mousemove", "--sync", str(x0), str(y0), "mousedown", "1", "sleep", "0.15"]
        for number in range(1, steps + 1):
            x = x0 + (x1 - x0) * number // steps
            y = y0 + (y1 - y0) * number // steps
            args += ["mousemove", "--sync", str(x), str(y), "sleep", "0.06"]
        args += ["sleep", "0.2", "mouseup", "1"]
        self.xdotool(*args)
        time.sleep(0.1)

    def wheel(self, x: int, y: int, *, down: bool = True, notches: int = 3) -> None:
        self.move(x, y)
        button = "5" if down else "4"
        self.xdotool("click", "--repeat", str(notches), "--delay", "40", button)

    def keys(self, *keys: str) -> None:
        """Press keys by X key name ("Tab", "alt+Up", "Return"); none: nothing to do."""
        if not keys:
            return
        self.xdotool("key", "--delay", "60", *keys)
        time.sleep(0.05)

    def repeat(self, key: str, times: int) -> None:
        """Press ``key`` ``times`` times in quick succession (a held-down key)."""
        if times > 0:
            self.xdotool("key", "--repeat", str(times), "--delay", "12", key)
            time.sleep(0.1)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)
        time.sleep(0.05)


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def _centre(rect: QRect) -> tuple[int, int]:
    centre = rect.center()
    return centre.x(), centre.y()


def _viewport_rect(area: QAbstractScrollArea) -> QRect:
    viewport = area.viewport()
    return QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())


def _scroll_areas(widget: QWidget) -> list[QAbstractScrollArea]:
    found, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def _visible_part(widget: QWidget) -> QRect:
    """The part of ``widget`` (screen coordinates) not clipped by scroll areas or the window."""
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    for area in _scroll_areas(widget):
        rect = rect.intersected(_viewport_rect(area))
    window = widget.window()
    return rect.intersected(QRect(window.mapToGlobal(QPoint(0, 0)), window.size()))


def _scroll_direction(widget: QWidget) -> tuple[QAbstractScrollArea, bool] | None:
    """The innermost scroll area that hides part of ``widget``, and whether to scroll down."""
    own = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    for area in _scroll_areas(widget):
        port = _viewport_rect(area)
        if own.top() < port.top():
            return area, False
        if own.bottom() > port.bottom() and own.height() <= port.height():
            return area, True
        if own.bottom() > port.bottom() and own.top() > port.top() + port.height() // 2:
            return area, True
    return None


def app_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
