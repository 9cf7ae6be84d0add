"""The start view: loading state, broken content notice with details, teacher area signal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot
from test_ui_support import MINI_CONTENT, reset_language, start_shell

from quizapp.app import AppShell

BROKEN = """id: broken
language: en
title: "Broken"
description: "A set with a typo."
source: mini-source
questions:
  - id: b-01
    type: single
    prompt: "?"
    choices:
      - {id: a, text: "A", correct: yes}
      - {id: b, text: "B", correct: false}
    explanation: "."
    citations: [{paragraph: p1, quote: "Einige Künstler"}]
    skill: facts
    difficulty: 1
"""


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    reset_language()


def test_loading_state_before_boot(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=tmp_path, language="en", content_paths=[MINI_CONTENT])
    qtbot.addWidget(shell.window)
    shell.show()  # the window, before the database and content are there
    view = shell.start_view
    assert view.status.text() == "Loading the question sets …"
    assert not view.start_button.isEnabled()
    assert shell.repository is None and shell.parts == {}
    with qtbot.waitSignal(shell.ready):
        shell.boot()
    assert view.start_button.isEnabled()
    assert not view.status.isVisible()


def test_broken_content_shows_a_notice_with_details(qtbot: QtBot, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI_CONTENT, content)
    (content / "sets" / "broken.en.yaml").write_text(BROKEN, encoding="utf-8")
    shell = start_shell(qtbot, tmp_path / "data", content=content)
    view = shell.start_view
    assert view.notice.isVisible()
    assert view.notice_text.text().startswith("1 content file could not be loaded")
    assert [c.button.text() for c in view._cards.values()] == ["Mini set"]  # the good one
    view.details_button.click()
    dialog = shell.window.findChild(QDialog, "problems_dialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "broken.en.yaml:11:" in text
    assert "“correct” must be true or false" in text


def test_no_notice_for_good_content(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    assert not shell.start_view.notice.isVisible()


def test_teacher_area_button_emits_its_signal(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    with qtbot.waitSignal(shell.start_view.teacher_requested):
        shell.start_view.teacher_button.click()
