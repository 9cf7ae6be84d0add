"""Nicknames and groups printed to the teacher's terminal (issue 27.8): a newline in a name
cannot fake a line such as "all 30 files verified", and an escape sequence cannot clear the
screen; names are normalised on the way in and escaped like paths on the way out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hostile_files import forged
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.storage.repository import DB_FILENAME, Repository

FAKE = "Ben\n  all 30 files verified\x1b[2J"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


def test_a_name_in_a_file_cannot_fake_a_line_or_clear_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def hostile(payload: dict[str, list[dict[str, str]]]) -> None:
        payload["students"][0]["nickname"] = FAKE
        payload["students"][0]["group"] = "7a\x1b]0;owned\x07"

    path = forged(tmp_path / "names.json", hostile)
    teacher = tmp_path / "teacher"
    assert main(["--lang", "en", "--data-dir", str(teacher), "results", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    print(out + err)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert not any(line.startswith("  all 30 files") for line in (out + err).splitlines())
    assert "Ben all 30 files verified[2J (group 7a]0;owned): new student" in out


def test_a_stored_name_from_an_older_version_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teacher = tmp_path / "teacher"
    with Repository.open(teacher) as repo:
        student = repo.get_or_create_student("Ben", "7a")
        attempt = repo.start_attempt(student.id, "mini", "en", ["q1"], seed=1)
    # Written raw, as versions before normalisation could store it.
    with closing(sqlite3.connect(teacher / DB_FILENAME)) as db, db:
        db.execute("UPDATE student SET nickname = ?", (FAKE,))

    def aimed_at_ben(payload: dict[str, list[dict[str, str]]]) -> None:
        payload["attempts"][0]["uuid"] = attempt.uuid
        payload["answers"][0]["attempt"] = attempt.uuid

    path = forged(tmp_path / "forged.json", aimed_at_ben)
    assert main(["--lang", "en", "--data-dir", str(teacher), "results", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    print(out + err)
    assert "\x1b" not in out + err
    assert "an attempt by Ben\\x0a  all 30 files verified\\x1b[2J (group 7a) here" in err
