"""Outputs: one set of path rules (quizapp.output_path) and atomic, verified writes that keep
the old file on a full disk (issue 15 point 3, issue 13 point 1)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class
from ui_support import open_teacher_area, reset_language, start_shell, teacher_controller

from quizapp.cli import main
from quizapp.output_path import OutputPathError, OutputProblem, check_output_path
from quizapp.storage.exchange_format import read_results_file
from quizapp.storage.repository import DB_FILENAME, Repository

MINI = fixture_set()
pytestmark = pytest.mark.usefixtures("qapp")  # PDF reports need Qt's application object


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with six students' results."""
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        builder = ClassBuilder([MINI])
        hand_class(builder)
        builder.write(repo)
    return folder


@pytest.fixture(scope="module")
def demo_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A simulated class of 30 students (outputs of some hundred kilobytes)."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    with english():
        assert main(["--lang", "en", "demo", "--students", "30", "--data-dir", str(folder)]) == 0
    return folder


def cli(data: Path, *words: str) -> list[str]:
    return ["--lang", "en", "--data-dir", str(data), *words]


def test_the_rules_refuse_links_folders_devices_pipes_and_the_data_folder(
    tmp_path: Path,
) -> None:
    target = tmp_path / "real.csv"
    target.write_text("keep")
    (tmp_path / "link.csv").symlink_to(target)
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "protected").mkdir()
    cases = {
        tmp_path / "link.csv": OutputProblem.SYMLINK,
        tmp_path: OutputProblem.IS_FOLDER,
        tmp_path / "pipe.csv": OutputProblem.NOT_A_FILE,
        Path("/dev/null"): OutputProblem.NOT_A_FILE,
        tmp_path / "protected" / "r.csv": OutputProblem.PROTECTED,
        tmp_path / "nowhere" / "r.csv": OutputProblem.NO_FOLDER,
    }
    for path, problem in cases.items():
        with pytest.raises(OutputPathError) as error:
            check_output_path(path, protected=[tmp_path / "protected"])
        assert error.value.problem is problem, path
        assert error.value.message and error.value.hint
    check_output_path(target, protected=[tmp_path / "protected"])  # a regular file is fine
    assert target.read_text() == "keep"


def test_out_onto_the_live_database_is_refused_and_the_database_survives(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = data / DB_FILENAME
    for words in (
        ["report", "--format", "csv", "--out", str(database)],
        ["report", "--format", "pdf", "--out", str(data / "report.pdf")],
        ["results", "export", "--out", str(database)],
    ):
        assert main(cli(data, *words)) == 1
        err = capsys.readouterr().err
        assert "data folder" in err and "Traceback" not in err
    assert database.read_bytes().startswith(b"SQLite format 3")
    with Repository.open(data) as repo:
        assert len(repo.students()) == 6
    assert not (data / "report.pdf").exists()


def test_links_pipes_and_folders_are_refused_on_the_command_line(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept.xlsx"
    kept.write_text("old")
    (tmp_path / "link.xlsx").symlink_to(kept)
    os.mkfifo(tmp_path / "pipe.xlsx")
    for out, expected in (
        (tmp_path / "link.xlsx", "link"),
        (tmp_path / "pipe.xlsx", "pipe"),
        (tmp_path, "folder"),
    ):
        assert main(cli(data, "report", "--format", "xlsx", "--out", str(out))) == 1
        assert expected in capsys.readouterr().err
    assert kept.read_text() == "old" and (tmp_path / "link.xlsx").is_symlink()


def test_dash_is_standard_output_where_that_makes_sense(
    data: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(cli(data, "results", "export", "--out", "-")) == 0
    piped = tmp_path / "piped.json"
    piped.write_bytes(capsysbinary.readouterr().out)
    assert len(read_results_file(piped).payload.answers) == 24  # imports like a file
    assert main(cli(data, "report", "--format", "xlsx", "--out", "-")) == 0
    assert capsysbinary.readouterr().out.startswith(b"PK")  # a zip: the workbook
    assert main(cli(data, "report", "--format", "csv", "--out", "-")) == 1
    assert b"two files" in capsysbinary.readouterr().err


def test_a_failed_import_creates_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    fresh = tmp_path / "fresh"
    assert main(cli(fresh, "results", "import", str(bad))) == 1
    assert not fresh.exists()


def test_unknown_sets_backwards_days_and_empty_results_are_clear_failures(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.csv"
    base = ["report", "--format", "csv", "--out", str(out)]
    assert main(cli(data, *base, "--set", "nosuchset")) == 1
    assert "There is no question set “nosuchset”" in capsys.readouterr().err
    assert main(cli(data, *base, "--from", "2025-03-10", "--to", "2025-03-01")) == 1
    assert "is after the last day" in capsys.readouterr().err
    assert main(cli(data, *base, "--group", "nobody")) == 1
    assert "No results match" in capsys.readouterr().err
    assert not out.exists()


_FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from quizapp import i18n
    from quizapp.cli import main

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    i18n.setup("de")
    # Open the database (and store its machine id) first: only the output meets the limit.
    from quizapp.storage.exchange import machine_id_of
    from quizapp.storage.repository import Repository
    with Repository.open(Path(sys.argv[1])) as repository:
        machine_id_of(repository)
    limit = int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(main(["--lang", "de", "--data-dir", sys.argv[1], *sys.argv[2].split("|")]))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize(
    "words",
    [
        "report|--format|csv|--out|{out}.csv",
        "report|--format|xlsx|--out|{out}.xlsx",
        "report|--format|pdf|--out|{out}.pdf",
        "results|export|--out|{out}.json",
    ],
)
def test_a_full_disk_keeps_the_old_file_and_says_so_in_german(
    words: str, demo_class: Path, tmp_path: Path
) -> None:
    words = words.format(out=tmp_path / "class")
    target = Path(words.rsplit("|", 1)[1])
    target.write_bytes(b"the previous good file")
    # Every output of 30 students is larger than this (150 KB and more); SQLite's shared
    # memory file (32 KB) is smaller, and the database is only read.
    limit = 100_000
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(demo_class), words, str(limit)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Die Festplatte ist voll" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == b"the previous good file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_gzip_export_is_verified_whole(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json.gz"
    assert main(cli(data, "results", "export", "--out", str(out))) == 0
    assert json.loads(gzip.decompress(out.read_bytes()))["format"] == "quizapp-results"


def test_the_teacher_area_refuses_to_save_over_the_database(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path / "data")
    open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None and shell.repository is not None
    database = shell.repository.path
    before = database.read_bytes()
    for save in (
        lambda: actions.export_report("csv", database),
        lambda: actions.export_results(database.with_name("results.json")),
    ):
        assert not save()
        box = shell.window.findChild(QMessageBox, "teacher_problem")
        assert box is not None and "data folder" in box.text()
        box.close()
        box.deleteLater()
        qtbot.wait(1)
    assert database.read_bytes() == before
    reset_language()
