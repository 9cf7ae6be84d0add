"""Reports survive bad rows already in a database (imported before imports were checked, or
edited by hand): each is named by id on stderr and left out, in zones east and west of UTC."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class
from sqlalchemy import text
from ui_support import open_teacher_area, reset_language, start_shell

from quizapp.cli import main
from quizapp.reports.dataset import load_dataset
from quizapp.storage.repository import Repository

MINI = fixture_set()
pytestmark = pytest.mark.usefixtures("qapp")  # the PDF writer needs Qt's application object

# (table, id, column, SQL value): what a forged import or a hand edit may have left behind.
BAD_ROWS = [
    ("attempt", 1, "started_at", "'9999-12-31 23:30:00.000000'"),
    ("attempt", 2, "finished_at", "'0001-01-01 00:00:00.000000'"),
    ("answer", 13, "answered_at", "'9999-12-31 23:59:59.000000'"),
    ("answer", 14, "seconds", "9e999"),  # SQLite's infinity
    ("answer", 15, "answered_at", "'not a time'"),
    ("answer", 16, "chosen", "'not json'"),
    ("answer", 17, "seconds", "-3"),
]


@pytest.fixture(params=["Europe/Berlin", "America/New_York"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    with english():
        yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def damaged_class(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        builder = ClassBuilder([MINI])
        hand_class(builder)
        builder.write(repo)
        with repo.writing() as conn:
            for table, row_id, column, value in BAD_ROWS:
                conn.execute(text(f"UPDATE {table} SET {column} = {value} WHERE id = {row_id}"))
    return folder


def test_the_dataset_names_and_skips_every_bad_row(zone: str, damaged_class: Path) -> None:
    with Repository.open(damaged_class) as repo:
        dataset = load_dataset(repo.class_reader, [MINI])
    skipped = {(row.kind, row.id) for row in dataset.skipped}
    assert skipped == {("attempt", 1), ("attempt", 2)} | {
        ("answer", n) for n in (13, 14, 15, 16, 17)
    }
    assert {a.id for a in dataset.attempts} == {3, 4, 5, 6}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_every_report_format_is_written_and_says_what_was_left_out(
    fmt: str, zone: str, damaged_class: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"class.{fmt}"
    base = ["--lang", "en", "--data-dir", str(damaged_class), "report"]
    code = main([*base, "--format", fmt, "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "7 damaged rows in the database were left out of the report" in printed.err
    assert "attempt 1 (start time out of range)" in printed.err
    assert "answer 14 (time taken out of range)" in printed.err
    assert "Traceback" not in printed.err + printed.out
    assert out.stat().st_size > 0
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as book:
            sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
            xml = "".join(book.read(n).decode() for n in sheets)
        assert "<v>inf</v>" not in xml and "<v>nan</v>" not in xml


def test_the_teacher_area_shows_the_class_and_names_the_bad_rows(
    zone: str, damaged_class: Path, qtbot: QtBot
) -> None:
    shell = start_shell(qtbot, damaged_class)
    view = open_teacher_area(qtbot, shell)
    assert view.overview.table.rows() == 4  # the students whose attempts are usable
    status = view.files.status.text()
    assert "7 damaged rows" in status and "attempt 1 (start time out of range)" in status
    reset_language()


def test_importing_for_a_student_with_a_damaged_row_does_not_crash(
    damaged_class: Path, tmp_path: Path
) -> None:
    from hostile_files import forged

    from quizapp.storage.exchange import import_results

    def as_s3(payload: dict[str, Any]) -> None:
        payload["students"][0].update(nickname="S3", group="7a")

    with Repository.open(damaged_class) as repo:
        with repo.writing() as conn:
            conn.execute(text("UPDATE attempt SET finished_at = 'garbage' WHERE id = 3"))
        with english():
            summary = import_results(repo, [forged(tmp_path / "s3.json", as_s3)])
    assert summary.merged_students == 1 and len(summary.held_back) == 1
