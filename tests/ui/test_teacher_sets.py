"""The teacher's own question sets: the folder beside the results, the tab, reloading."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    MINI_CONTENT,
    open_teacher_area,
    start_shell,
    teacher_controller,
)

from quizapp import paths
from quizapp.app import AppShell
from quizapp.core.content.teacher_folder import TeacherFolderError, prepare_teacher_folder

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "content"


def test_preparing_the_folder_copies_guide_schema_and_examples(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "content"
    prepare_teacher_folder(folder, SHIPPED)
    assert (folder / "sets").is_dir() and (folder / "sources").is_dir()
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# Question sets")
    assert (folder / "README.de.md").read_text(encoding="utf-8").startswith("# Fragensets")
    assert (folder / "schema" / "question-set.schema.json").is_file()
    assert (folder / "examples" / "why.en.yaml").is_file()
    assert (folder / "examples" / "sora-leak.yaml").is_file()
    # The teacher's own files survive a second preparation untouched.
    own = folder / "sets" / "mine.en.yaml"
    own.write_text("id: mine\n", encoding="utf-8")
    prepare_teacher_folder(folder, SHIPPED)
    assert own.read_text(encoding="utf-8") == "id: mine\n"


def test_a_folder_that_cannot_be_made_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(TeacherFolderError) as caught:
        prepare_teacher_folder(blocker / "content", SHIPPED)
    assert str(blocker / "content") in caught.value.message
    assert "--data-dir" in caught.value.hint


def test_examples_are_not_loaded_but_own_sets_are(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert paths.content_paths(data) == [paths.content_dir()]
    prepare_teacher_folder(paths.teacher_content_dir(data), SHIPPED)
    loaded = paths.content_paths(data)
    assert loaded[1:] == [data / "content" / "sources", data / "content" / "sets"]
    assert all("examples" not in p.parts for p in loaded)


def _own_set(folder: Path, *, skill: str = "facts") -> Path:
    text = (MINI_CONTENT / "sets" / "mini.en.yaml").read_text(encoding="utf-8")
    text = text.replace("id: mini\n", "id: our-class\n", 1)
    text = text.replace('title: "Mini set"', 'title: "Our class set"', 1)
    text = text.replace("skill: facts", f"skill: {skill}", 1)
    path = folder / "sets" / "our-class.en.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _start_titles(shell: AppShell) -> list[str]:
    return [card.button.text() for card in shell.start_view._cards.values()]


def test_teacher_adds_a_set_reloads_and_sees_mistakes(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    view = open_teacher_area(qtbot, shell)
    sets = teacher_controller(shell).sets
    assert sets is not None
    opened: list[Path] = []
    sets.opener = lambda folder: opened.append(folder) or True
    tab = view.sets
    folder = tmp_path / "content"
    assert tab.folder_path.text() == str(folder)
    assert tab.table.rowCount() == 1  # the mini set, shipped
    assert tab.table.item(0, 4).text() == "Shipped with quizapp"

    tab.open_button.click()
    assert opened == [folder] and (folder / "sets").is_dir()
    own = _own_set(folder)
    tab.reload_button.click()
    rows = {tab.table.item(r, 1).text(): tab.table.item(r, 4).text() for r in range(2)}
    assert rows == {"mini": "Shipped with quizapp", "our-class": "Your folder"}
    # Written in English only: it loads, with a warning naming the missing German file.
    assert tab.status.text() == "2 sets loaded; 0 errors, 1 warning – see the list below."
    assert "our-class.de.yaml is missing" in tab.problems.toPlainText()
    assert "Our class set" in _start_titles(shell)

    _own_set(folder, skill="source")  # a mistake: no such skill
    tab.reload_button.click()
    problems = tab.problems.toPlainText()
    assert f"{own.resolve()}:" in problems and "“skill” cannot be “source”" in problems
    assert tab.status.text().startswith("1 set loaded; 1 error")
    assert "Our class set" not in _start_titles(shell)
    assert shell.start_view.notice.isVisibleTo(shell.start_view)


def test_sets_tab_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, language="de")
    view = open_teacher_area(qtbot, shell)
    tab = view.sets
    assert view.tabs.tabText(3) == "Fragensets"
    assert tab.table.item(0, 4).text() == "Mit quizapp geliefert"
    assert tab.table.item(0, 2).text() == "Deutsch, Englisch"
    assert tab.problems.toPlainText() == "Keine Probleme: Alle Dateien werden geladen."


def test_adding_files_sorts_sets_and_sources_and_keeps_a_replaced_file(tmp_path: Path) -> None:
    from quizapp.core.content.teacher_folder import add_content_files

    stick = tmp_path / "usb"
    stick.mkdir()
    set_file = stick / "mini.en.yaml"
    set_file.write_bytes((MINI_CONTENT / "sets" / "mini.en.yaml").read_bytes())
    source_file = stick / "mini-source.yaml"
    source_file.write_bytes((MINI_CONTENT / "sources" / "mini-source.yaml").read_bytes())
    folder = tmp_path / "data" / "content"
    added = add_content_files(folder, [set_file, source_file], SHIPPED)
    assert [a.path for a in added] == [
        folder / "sets" / "mini.en.yaml",
        folder / "sources" / "mini-source.yaml",
    ]
    assert all(a.backup is None for a in added)
    (folder / "sets" / "mini.en.yaml").write_text("the teacher's edited version", "utf-8")
    again = add_content_files(folder, [set_file], SHIPPED)
    assert again[0].backup == folder / "sets" / "mini.en.yaml.bak"
    assert again[0].backup.read_text("utf-8") == "the teacher's edited version"
    assert (folder / "sets" / "mini.en.yaml").read_bytes() == set_file.read_bytes()


def test_added_set_from_a_stick_appears_for_students(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    view = open_teacher_area(qtbot, shell)
    sets = teacher_controller(shell).sets
    assert sets is not None
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "sets").mkdir()
    path = _own_set(stick)
    assert sets.add_files([path])
    # One language only: a warning, and the set still reaches students.
    assert view.sets.status.text().startswith("1 file added. 2 sets loaded; 0 errors, 1 warning")
    assert "Our class set" in _start_titles(shell)


def test_every_control_on_the_sets_tab_has_an_accessible_name(qtbot: QtBot, tmp_path: Path) -> None:
    from test_ui_keyboard import _check_names

    shell = start_shell(qtbot, tmp_path)
    view = open_teacher_area(qtbot, shell)
    view.tabs.setCurrentIndex(3)
    assert _check_names(view.sets) == []
    names = {w.accessibleName() for w in view.sets.findChildren(QWidget) if w.accessibleName()}
    assert {"Folder for your own question sets", "Loaded question sets"} <= names


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_teacher_tab_names_its_controls(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    from test_ui_keyboard import _check_names

    shell = start_shell(qtbot, tmp_path, language=language)
    view = open_teacher_area(qtbot, shell)
    missing = {}
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        missing[view.tabs.tabText(index)] = _check_names(view)
    assert {tab: names for tab, names in missing.items() if names} == {}


def test_validate_without_paths_checks_shipped_and_own_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli import main

    shipped_files = len(list(SHIPPED.glob("s*/*.yaml")))  # sets/ and sources/
    assert main(["--data-dir", str(tmp_path), "validate"]) == 0
    assert f"{shipped_files} files checked: 0 errors" in capsys.readouterr().out
    own = paths.teacher_content_dir(tmp_path) / "sets" / "our-class.en.yaml"
    own.parent.mkdir(parents=True)
    text = (SHIPPED / "sets" / "why.en.yaml").read_text(encoding="utf-8")
    own.write_text(
        text.replace("id: why\n", "id: our-class\n", 1).replace(
            "skill: motives", "skill: motive", 1
        ),
        encoding="utf-8",
    )
    assert main(["--data-dir", str(tmp_path), "validate"]) == 1
    out = capsys.readouterr().out
    line = text[: text.index("skill: motives")].count("\n") + 1
    assert f"{own}:{line}:12: error: “skill” cannot be “motive”" in out
    assert f"{shipped_files + 1} files checked: 1 error" in out


@pytest.mark.parametrize(
    "argv", [["--lang", "de", "validate"], ["validate", "--lang", "de"]], ids=["before", "after"]
)
def test_lang_works_before_and_after_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    from quizapp.cli import main

    shipped_files = len(list(SHIPPED.glob("s*/*.yaml")))  # sets/ and sources/
    assert main(["--data-dir", str(tmp_path), *argv]) == 0
    assert f"{shipped_files} Dateien geprüft: 0 Fehler, 0 Warnungen" in capsys.readouterr().out


def test_problem_list_is_as_large_as_the_app_font(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    shell = start_shell(qtbot, tmp_path)
    view = open_teacher_area(qtbot, shell)
    font = view.sets.problems.font()
    assert font.pixelSize() == -1
    assert font.pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
