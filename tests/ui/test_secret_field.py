"""The teacher PIN field keeps the PIN out of the widget (and so out of accessibility events)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from quizapp.ui.widgets.secret_field import MASK, SecretField


def make(qtbot: QtBot, max_length: int = 12) -> SecretField:
    field = SecretField()
    field.setMaxLength(max_length)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    return field


def test_typing_keeps_only_masks_in_the_widget(qtbot: QtBot) -> None:
    field = make(qtbot)
    qtbot.keyClicks(field, "ab9z")
    assert field.secret() == "ab9z"
    assert field.text() == MASK * 4
    assert field.echoMode() == field.EchoMode.Password


def test_backspace_delete_and_selection_edit_the_secret(qtbot: QtBot) -> None:
    field = make(qtbot)
    qtbot.keyClicks(field, "123456")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.secret() == "12345"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.secret() == "2345"
    qtbot.keyClick(field, Qt.Key.Key_Right)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "x")  # replaces the selected "34"
    assert field.secret() == "2x5"
    assert field.text() == MASK * 3


def test_paste_is_filtered_and_capped_and_copy_gives_nothing(qtbot: QtBot) -> None:
    field = make(qtbot, max_length=6)
    clipboard = QApplication.clipboard()
    clipboard.setText("abc\ndefgh")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.secret() == "abcdef"  # the line break dropped, cut at the maximum length
    clipboard.setText("untouched")
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "untouched"


def test_set_text_and_clear(qtbot: QtBot) -> None:
    field = make(qtbot)
    field.setText("2468")
    assert (field.secret(), field.text()) == ("2468", MASK * 4)
    field.clear()
    assert (field.secret(), field.text()) == ("", "")
