"""The main window's first size, and what it remembers between runs (size, maximised, language).

Kept in ``window.json`` in the data folder rather than in ``QSettings``: it follows
``--data-dir`` (tests, portable installs on a USB stick, one folder to back up), it is written
atomically like every other output (:mod:`quizapp.atomic_file`) instead of to the registry or
``~/.config``, and reading it needs only :mod:`json`, so the first frame can use it before the
database stack is imported. The database stays the record of the chosen language; the copy
here only lets the first frame appear in the student's language.

The file comes from outside, so it is read with a size cap and every value is range-checked;
anything unusable falls back to the defaults. Failing to write it never stops the app closing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize

from quizapp import i18n

STATE_FILE = "window.json"
MAX_BYTES = 4096  # the real file is ~80 bytes
SIZE_RANGE = (200, 20_000)  # pixels; anything outside is not a size this app wrote

# Room for the window-system frame around the client area (title bar, borders), which is not
# known before the window is first shown. Generous enough for common desktops (Windows 10/11,
# GNOME, KDE, Xfce at 100 %); in device-independent pixels, so it scales with the screen.
FRAME_ALLOWANCE = QSize(16, 48)

# The first window on a large screen, in multiples of the font height: room for the start
# view's three set cards and the footer without scrolling, not a screen-filling sheet.
DEFAULT_SIZE_EM = (60, 46)

# From this page width on, the article fits beside a readable question (see reading_page).
WIDE_PX = 1200
# The first window is at least this wide where the screen has the room, so a 1366×768 laptop
# opens with the article beside the question, not only once maximised.
WIDE_WINDOW_PX = WIDE_PX + 8


@dataclass(frozen=True)
class WindowState:
    """What the last session left: the normal (not maximised) size, maximised, language."""

    width: int | None = None
    height: int | None = None
    maximized: bool = False
    language: str | None = None

    def size(self) -> QSize | None:
        """The remembered normal size, if there is one."""
        if self.width is None or self.height is None:
            return None
        return QSize(self.width, self.height)


def read_window_state(folder: Path) -> WindowState:
    """The state saved in ``folder``, or the defaults when there is none or it is unusable."""
    try:
        with (folder / STATE_FILE).open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        data = json.loads(raw) if len(raw) <= MAX_BYTES else None
    except (OSError, ValueError):
        return WindowState()
    if not isinstance(data, dict):
        return WindowState()
    width, height = _size_value(data.get("width")), _size_value(data.get("height"))
    language = data.get("language")
    return WindowState(
        width=width if height is not None else None,
        height=height if width is not None else None,
        maximized=data.get("maximized") is True,
        language=language if language in i18n.SUPPORTED else None,
    )


def write_window_state(folder: Path, state: WindowState) -> bool:
    """Save ``state`` in ``folder`` (atomically); ``False`` if that was not possible.

    Only into an existing folder: without a database there is nothing worth remembering.
    """
    if not folder.is_dir():
        return False
    # Imported here: only needed at close, and tempfile & co. would slow the first frame.
    from quizapp.atomic_file import OutputPathError, atomic_path

    try:
        with atomic_path(folder / STATE_FILE) as temp:
            temp.write_text(json.dumps(asdict(state)), encoding="utf-8")
    except (OSError, OutputPathError):
        return False  # a convenience only: closing the app must never fail because of it
    return True


def first_size(available: QRect, remembered: QSize | None, font_height: int) -> QSize:
    """The client size of the first window: remembered or default, framed, within ``available``.

    ``available`` is the screen's available geometry (without task bars); the window plus
    :data:`FRAME_ALLOWANCE` fits inside it, so no button ends up off-screen, also when the
    screen got smaller since the size was remembered.
    """
    room = available.size() - FRAME_ALLOWANCE
    wanted = remembered or QSize(
        max(DEFAULT_SIZE_EM[0] * font_height, min(WIDE_WINDOW_PX, room.width())),
        DEFAULT_SIZE_EM[1] * font_height,
    )
    return QSize(
        max(1, min(wanted.width(), room.width())), max(1, min(wanted.height(), room.height()))
    )


def centred(available: QRect, size: QSize) -> QRect:
    """Client geometry of ``size`` centred in ``available``, its frame kept inside."""
    frame = FRAME_ALLOWANCE
    left = available.left() + max(frame.width() // 2, (available.width() - size.width()) // 2)
    top = available.top() + max(
        frame.height() - frame.width() // 2, (available.height() - size.height()) // 2
    )
    return QRect(left, top, size.width(), size.height())


def _size_value(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if SIZE_RANGE[0] <= value <= SIZE_RANGE[1] else None
