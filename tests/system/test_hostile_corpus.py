"""The hostile corpus of issue 15 against every command and the teacher area's import: each
case ends with an exit code, a message in the user's language and never a traceback."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hostile_files import deep_json, fifo, forged, hostile_results_files, oversized
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class
from ui_support import open_teacher_area, reset_language, start_shell, teacher_controller

from quizapp import i18n
from quizapp.cli import main
from quizapp.storage.exchange_format import ExchangeError, read_results_file
from quizapp.storage.repository import DB_FILENAME, Repository

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Hostile results files, content files, data folders and output targets."""
    root = tmp_path_factory.mktemp("corpus")
    files = {
        f"import:{name}": path for name, path in hostile_results_files(root / "results").items()
    }
    content = root / "content"
    content.mkdir()
    files["validate:fifo"] = fifo(content / "pipe.yaml")
    files["validate:oversized"] = oversized(content / "huge.yaml", 5)
    files["validate:deep"] = content / "deep.yaml"
    files["validate:deep"].write_text("a: " + "[" * 100_000 + "]" * 100_000)
    files["validate:aliases"] = content / "laughs.yaml"
    files["validate:aliases"].write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n')
    files["validate:binary"] = content / "photo.yaml"
    files["validate:binary"].write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    files["validate:json-deep"] = deep_json(content / "deep2.yml", 50_000)
    if os.path.exists("/dev/zero"):
        files["validate:dev-zero"] = Path("/dev/zero")
    return files


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class") / "data"
    with Repository.open(folder) as repo:
        builder = ClassBuilder([fixture_set()])
        hand_class(builder)
        builder.write(repo)
    return folder


def _damaged(tmp_path: Path) -> Path:
    folder = tmp_path / "damaged"
    folder.mkdir(exist_ok=True)
    for sidecar in ("-wal", "-shm"):
        (folder / (DB_FILENAME + sidecar)).unlink(missing_ok=True)
    (folder / DB_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    return folder


def _cases(corpus: dict[str, Path], data: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Every command with a hostile input, by name; ``{data}`` is the data folder."""
    outside = tmp_path / "out"
    outside.mkdir(exist_ok=True)
    link = outside / "link.xlsx"
    if not link.is_symlink():
        link.symlink_to(outside / "elsewhere.xlsx")
    pipe = outside / "pipe.pdf"
    if not pipe.exists():
        os.mkfifo(pipe)
    cases: dict[str, list[str]] = {}
    for name, path in corpus.items():
        command, _kind = name.split(":")
        if command == "import":
            cases[name] = ["--data-dir", str(tmp_path / "teacher"), "results", "import", str(path)]
        else:
            cases[name] = ["validate", str(path)]
    report = ["--data-dir", str(data), "report", "--format"]
    cases |= {
        "report:onto-database": [*report, "csv", "--out", str(data / DB_FILENAME)],
        "report:into-data-folder": [*report, "pdf", "--out", str(data / "r.pdf")],
        "report:symlink": [*report, "xlsx", "--out", str(link)],
        "report:pipe": [*report, "pdf", "--out", str(pipe)],
        "report:folder": [*report, "xlsx", "--out", str(outside)],
        "report:device": [*report, "xlsx", "--out", "/dev/null"],
        "report:no-such-set": [*report, "csv", "--out", str(outside / "r.csv"), "--set", "x"],
        "report:days-reversed": [
            *report,
            "csv",
            "--out",
            str(outside / "r.csv"),
            "--from",
            "2025-03-02",
            "--to",
            "2025-03-01",
        ],
        "report:damaged-database": [  # the message names the copy kept
            "--data-dir",
            str(_damaged(tmp_path)),
            "report",
            "--format",
            "csv",
            "--out",
            str(outside / "d.csv"),
        ],
        "export:onto-database": [
            "--data-dir",
            str(data),
            "results",
            "export",
            "--out",
            str(data / DB_FILENAME),
        ],
        "export:symlink": ["--data-dir", str(data), "results", "export", "--out", str(link)],
        "demo:data-dir-is-a-file": ["demo", "--data-dir", str(corpus["import:not-json"])],
    }
    return cases


def test_every_command_refuses_the_corpus_clearly_in_both_languages(
    corpus: dict[str, Path],
    class_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = (class_folder / DB_FILENAME).read_bytes()
    for name, words in _cases(corpus, class_folder, tmp_path).items():
        said = {}
        for language in ("de", "en"):
            if name == "report:damaged-database":
                _damaged(tmp_path)  # damaged again: the first run set the file aside
            code = main(["--lang", language, *words])
            out, err = capsys.readouterr()
            assert code == 1, (name, language, out, err)
            assert "Traceback" not in out + err, name
            said[language] = (out + err).strip()
            assert said[language], name
            if name == "report:damaged-database":
                assert ("beschädigt" if language == "de" else "was damaged") in err
        assert said["de"] != said["en"], name  # the German text is German
    assert (class_folder / DB_FILENAME).read_bytes() == before
    assert not (tmp_path / "teacher").exists()  # no failed import created a database


def test_the_teacher_area_import_refuses_the_corpus_in_german(
    qtbot: QtBot, corpus: dict[str, Path], tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path / "teacher", language="de")
    open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None
    for name, path in corpus.items():
        if not name.startswith("import:"):
            continue
        assert actions.import_results([path]) is None, name
        # A big file is checked in the background (moving bar, Cancel): wait for its message.
        qtbot.waitUntil(
            lambda: shell.window.findChild(QMessageBox, "teacher_problem") is not None,
            timeout=60_000,
        )
        box = shell.window.findChild(QMessageBox, "teacher_problem")
        assert box is not None, name
        i18n.setup("de")
        with pytest.raises(ExchangeError) as german:
            read_results_file(path)
        i18n.setup("en")
        with pytest.raises(ExchangeError) as english_error:
            read_results_file(path)
        i18n.setup("de")
        assert box.text() == german.value.message != english_error.value.message, name
        assert "Traceback" not in box.text() + box.informativeText()
        box.close()
        box.deleteLater()
        qtbot.wait(1)
    assert shell.repository is not None and shell.repository.students() == []


def _names_file(path: Path) -> Path:
    """A valid file whose names are hostile: look-alikes of one name, a fake line, escapes."""

    def names(payload: dict[str, list[dict[str, object]]]) -> None:
        template = payload["students"][0]
        attempt = payload["attempts"][0]
        answer = payload["answers"][0]
        for n, nickname in enumerate(HOSTILE_NAMES):
            uuid = f"s-{n + 2}"
            payload["students"].append(template | {"uuid": uuid, "nickname": nickname})
            payload["attempts"].append(attempt | {"uuid": f"a-{n + 2}", "student": uuid})
            payload["answers"].append(answer | {"uuid": f"q-{n + 2}", "attempt": f"a-{n + 2}"})

    return forged(path, names)


#: Issue 27.5 and 27.8: look-alikes of "Mia" (invisible, bidi, spaces, Cyrillic), a newline
#: that would fake a line and escape sequences that would clear the screen or set its title.
HOSTILE_NAMES = [
    "Mi\u200ba",
    "Mia ",
    "\u200fMia",
    "\u202eaiM",
    "\u041cia",
    "Ben\n  all 30 files verified",
    "Cem\x1b[2J\x1b]0;owned\x07",
]


def test_hostile_names_and_damaged_rows_go_through_every_command_tamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Inputs that are accepted (names normalised, damaged rows left out) end with exit 0, in
    both languages, with no traceback and no escape character reaching the terminal."""
    names = _names_file(tmp_path / "names.json")
    for language in ("de", "en"):
        data = tmp_path / language
        out = tmp_path / f"out-{language}"
        out.mkdir()
        words = ["--lang", language, "--data-dir", str(data)]
        commands = [
            [*words, "results", "import", str(names)],
            [*words, "report", "--format", "csv", "--out", str(out / ("r" * 251 + ".csv"))],
            [*words, "report", "--format", "xlsx", "--out", str(out / ("x" * 250 + ".xlsx"))],
            [*words, "results", "export", "--out", str(out / "again.json")],
        ]
        for index, command in enumerate(commands):
            if index == 3:  # a row damaged behind the app's back, as report leaves it out
                with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
                    db.execute("UPDATE answer SET chosen = '[' WHERE id = 1")
            code = main(command)
            printed = "".join(capsys.readouterr())
            assert code == 0, (command, printed)
            assert "Traceback" not in printed and "\x1b" not in printed, command
            assert not any(line.startswith("  all 30") for line in printed.splitlines())
        with Repository.open(data) as repo:
            nicknames = {student.nickname for student in repo.students()}
        # Mia (three look-alikes held back as her), the Cyrillic look-alike (kept, marked in
        # reports), "aiM" (its override removed), and the two names with their controls gone.
        expected = {"Mia", "\u041cia", "aiM", "Ben all 30 files verified", "Cem[2J]0;owned"}
        assert nicknames == expected
