"""The command line is loud about a damaged database (issue 15.4): it says what was damaged
and where the copy is, and refuses to write a report or export of the empty new database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_files import forged
from reports_fixtures import english

from quizapp.cli import main
from quizapp.storage.repository import DB_FILENAME

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    return folder


@pytest.mark.parametrize(
    "words",
    [
        ["report", "--format", "csv", "--out", "{tmp}/r.csv"],
        ["report", "--format", "xlsx", "--out", "{tmp}/r.xlsx"],
        ["results", "export", "--out", "{tmp}/r.json"],
    ],
)
def test_reports_and_exports_of_a_damaged_database_fail_loudly(
    words: list[str], damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = [w.format(tmp=tmp_path) for w in words]
    assert main(["--lang", "en", "--data-dir", str(damaged), *words]) == 1
    err = capsys.readouterr().err
    assert f"The results database {damaged / DB_FILENAME} was damaged" in err
    (kept,) = damaged.glob(f"{DB_FILENAME}.corrupt-*")
    assert str(kept) in err and "Nothing was written" in err
    assert kept.read_bytes().startswith(b"SQLite format 3\x00\x07")
    assert not Path(words[-1]).exists()


def test_an_import_into_a_damaged_database_says_so_and_goes_on(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = forged(tmp_path / "good.json", lambda payload: None)
    assert main(["--lang", "en", "--data-dir", str(damaged), "results", "import", str(good)]) == 0
    printed = capsys.readouterr()
    assert "was damaged" in printed.err and "Added 1 student" in printed.out
