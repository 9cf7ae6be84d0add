"""Start-up as a student sees it: paint first, then boot; the first window fits the screen and
comes back at the size (and maximised state) it was left in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import MINI_CONTENT

from quizapp.app import AppShell
from quizapp.ui.window_state import (
    FRAME_ALLOWANCE,
    MAX_BYTES,
    STATE_FILE,
    WindowState,
    centred,
    first_size,
    read_window_state,
    write_window_state,
)

SMALL_SCREEN = QRect(0, 0, 1024, 600)  # a netbook's available geometry
FONT_HEIGHT = 17


def _shell(qtbot: QtBot, data_dir: Path, language: str | None = "en") -> AppShell:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=data_dir, language=language, content_paths=[MINI_CONTENT])
    qtbot.addWidget(shell.window)
    return shell


def _boot(qtbot: QtBot, shell: AppShell) -> None:
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()


class _PaintLog(QObject):
    """Writes down each paint of the start view: its status text and the window's size."""

    def __init__(self, shell: AppShell, log: list[tuple[str, ...]]) -> None:
        super().__init__(shell.start_view)
        self._shell, self._log = shell, log
        shell.start_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            size = self._shell.window.size()
            status = self._shell.start_view.status.text()
            self._log.append(("paint", status, f"{size.width()}x{size.height()}"))
        return False


def test_boot_starts_only_after_the_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    shell = _shell(qtbot, tmp_path)
    log: list[tuple[str, ...]] = []
    _PaintLog(shell, log)
    shell.boot_started.connect(lambda: log.append(("boot", shell.start_view.status.text())))
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.start()
        # Shown, but not yet painted: nothing heavy has started.
        assert (
            log == []
            and shell.repository is None
            and shell.start_controller is None
            and shell.screens is None
        )
    kinds = [entry[0] for entry in log]
    assert kinds[0] == "paint" and "boot" in kinds
    first_paint, boot = log[0], log[kinds.index("boot")]
    # The first frame is the loading state, at the window's final size ...
    assert first_paint[1] == "Loading the question sets …"
    size = shell.window.size()
    assert first_paint[2] == f"{size.width()}x{size.height()}"
    # ... and boot began after it, with that frame still the one on screen.
    assert kinds.index("paint") < kinds.index("boot")
    assert boot[1] == "Loading the question sets …"
    assert shell.start_view.start_button.isEnabled()


def test_the_first_window_fits_a_1024x600_screen() -> None:
    size = first_size(SMALL_SCREEN, None, FONT_HEIGHT)
    placed = centred(SMALL_SCREEN, size)
    framed = placed.adjusted(-FRAME_ALLOWANCE.width() // 2, -40, FRAME_ALLOWANCE.width() // 2, 8)
    assert SMALL_SCREEN.contains(framed), framed
    # It uses the small screen: the footer's buttons are not pushed off it.
    assert size.height() >= SMALL_SCREEN.height() - FRAME_ALLOWANCE.height()


def test_a_big_screen_gets_a_sensible_default_not_a_sheet() -> None:
    big = QRect(0, 0, 2560, 1400)
    size = first_size(big, None, FONT_HEIGHT)
    assert size == QSize(60 * FONT_HEIGHT, 46 * FONT_HEIGHT)
    assert big.contains(centred(big, size))


def test_a_remembered_size_is_clamped_to_a_smaller_screen() -> None:
    size = first_size(SMALL_SCREEN, QSize(1800, 1000), FONT_HEIGHT)
    assert size == SMALL_SCREEN.size() - FRAME_ALLOWANCE


def test_the_window_fits_its_screen(qtbot: QtBot, tmp_path: Path) -> None:
    shell = _shell(qtbot, tmp_path)
    available = shell.window.screen().availableGeometry()
    assert available.contains(shell.window.geometry())
    assert shell.window.width() + FRAME_ALLOWANCE.width() <= available.width()
    assert shell.window.height() + FRAME_ALLOWANCE.height() <= available.height()


def test_size_and_language_are_restored_in_the_next_run(qtbot: QtBot, tmp_path: Path) -> None:
    first = _shell(qtbot, tmp_path, language=None)
    _boot(qtbot, first)
    first.languages.switch("de")  # as the language box does
    first.window.resize(640, 480)
    first.window.close()
    saved = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    assert saved == {"width": 640, "height": 480, "maximized": False, "language": "de"}
    second = _shell(qtbot, tmp_path, language=None)
    # Before boot, so before the database is read: the first frame already has both.
    assert second.window.size() == QSize(640, 480)
    assert second.languages.language == "de"
    assert second.start_view.status.text() == "Die Fragensets werden geladen …"


def test_the_maximised_state_is_restored(qtbot: QtBot, tmp_path: Path) -> None:
    assert write_window_state(tmp_path, WindowState(700, 500, maximized=True, language="en"))
    shell = _shell(qtbot, tmp_path)
    _boot(qtbot, shell)
    qtbot.waitUntil(shell.window.isMaximized)
    shell.window.close()
    saved = read_window_state(tmp_path)
    assert saved.maximized and saved.size() == QSize(700, 500)  # the normal size is kept


def test_a_forced_language_is_not_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    assert write_window_state(tmp_path, WindowState(700, 500, language="de"))
    shell = _shell(qtbot, tmp_path, language="en")  # --lang en
    assert shell.languages.language == "en"
    shell.window.close()
    assert read_window_state(tmp_path).language == "de"


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[1, 2]",
        b'{"width": -5, "height": 99999999, "maximized": "yes", "language": "xx"}',
        b'{"width": true, "height": 400}',
        b" " * (MAX_BYTES + 1) + b"{}",
        b"\xff\xfe",
    ],
)
def test_an_unusable_state_file_gives_the_defaults(tmp_path: Path, content: bytes) -> None:
    (tmp_path / STATE_FILE).write_bytes(content)
    assert read_window_state(tmp_path) == WindowState()


def test_no_state_is_written_without_a_data_folder(tmp_path: Path) -> None:
    assert not write_window_state(tmp_path / "missing", WindowState(700, 500))
    assert not (tmp_path / "missing").exists()


def test_the_sets_come_first_and_start_works_before_the_rest_is_built(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = _shell(qtbot, tmp_path)
    shell.show()
    shell.boot()  # directly: the sets are listed, nothing has been painted since
    assert shell.start_controller is not None  # quiz, results, teacher area … come after
    assert shell.screens is None  # the paint
    view = shell.start_view
    assert view.start_button.isEnabled()
    view.nickname.setText("Kim")
    with qtbot.waitSignal(shell.ready):  # said once everything is in place
        view.start_button.click()  # a quick student: the rest is built on demand
    assert shell.window.current_view() is shell.screens.quiz_view
