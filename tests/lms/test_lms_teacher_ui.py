"""The teacher area's "Export for the LMS…": the real app, the real tab and dialog, real files."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from pytestqt.qtbot import QtBot
from ui_support import (
    SHIPPED_CONTENT,
    open_teacher_area,
    reset_language,
    start_shell,
    teacher_controller,
)

from quizapp.lms.losses import LmsFormat
from quizapp.ui.teacher.sets_controller import TeacherSets


def _sets(qtbot: QtBot, tmp_path: Path) -> TeacherSets:
    shell = start_shell(qtbot, tmp_path / "data", content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    view.tabs.setCurrentWidget(view.sets)
    sets = teacher_controller(shell).sets
    assert sets is not None
    return sets


def test_the_button_asks_format_and_language_then_saves_moodle_xml(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sets = _sets(qtbot, tmp_path)
    tab = sets.lms_export._tab
    asked: list[tuple[str, str, str]] = []
    target = tmp_path / "why.xml"

    def ask_path(title: str, suggested: str, name_filter: str) -> Path:
        asked.append((title, suggested, name_filter))
        return target

    sets.lms_export.ask_path = ask_path
    tab.lms_button.click()
    assert "Choose a set in the table first" in tab.status.text()  # nothing chosen yet
    tab.select_set("why")
    tab.lms_button.click()
    dialog = sets.lms_export.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.format_box.accessibleName() == "Format"
    assert [dialog.language_box.itemData(i) for i in range(2)] == ["de", "en"]
    assert dialog.language_box.currentData() == "en"  # the app's language first
    dialog.language_box.setCurrentIndex(0)
    dialog.accept()
    assert asked == [("Export for the LMS", "why.de.moodle.xml", "Moodle XML (*.xml)")]
    assert ET.fromstring(target.read_bytes()).tag == "quiz"
    assert tab.status.text() == f"Saved {target}."
    box = tab.window().findChild(object, "lms_export_done")
    assert box is not None and "confidence" in box.text()


def test_a_qti_package_and_a_refused_path(qtbot: QtBot, tmp_path: Path) -> None:
    sets = _sets(qtbot, tmp_path)
    made = sets.lms_export.export("beyond-the-article", "de", LmsFormat.QTI3, tmp_path / "bt.zip")
    assert made is not None
    with zipfile.ZipFile(made) as archive:
        assert "imsmanifest.xml" in archive.namelist()
    # Into the data folder, beside the results database: refused, said in a message.
    inside = tmp_path / "data" / "bt.zip"
    assert sets.lms_export.export("beyond-the-article", "de", LmsFormat.QTI3, inside) is None
    assert not inside.exists()
    assert "data folder" in sets.lms_export._tab.status.text()


def test_the_dialog_speaks_german(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="de", content=SHIPPED_CONTENT)
    view = open_teacher_area(qtbot, shell)
    sets = teacher_controller(shell).sets
    assert sets is not None
    view.sets.select_set("why")
    view.sets.lms_button.click()
    dialog = sets.lms_export.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Für die Lernplattform exportieren"
    assert view.sets.lms_button.text() == "Für die Lern&plattform exportieren…"
    dialog.reject()
    reset_language()
