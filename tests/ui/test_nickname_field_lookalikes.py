"""The nickname field (issue 27.5): what a student types is stored normalised, so an invisible
character or a right-to-left mark typed or pasted with the name does not make a second
student who reads the same."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_support import begin, start_shell


def test_a_nickname_typed_with_invisible_characters_is_stored_as_it_reads(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell, nickname="\u200fKim\u2060 ")
    assert shell.start_view.nickname_text() == "Kim"
    assert shell.repository is not None
    assert [student.nickname for student in shell.repository.students()] == ["Kim"]
