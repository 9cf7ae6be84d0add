"""Hostile inputs that used to end in a traceback end in a clear error (issue 27, point 7)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from hostile_files import forged, valid_payload

from quizapp.storage.exchange_format import FORMAT_TAG, FORMAT_VERSION
from quizapp.storage.repository import DB_FILENAME


def _quizapp(*words: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "--lang", "en", "--data-dir", str(data_dir), *words],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env={"QT_QPA_PLATFORM": "offscreen", **os.environ},
    )


def test_a_lone_surrogate_in_a_results_file_is_refused_by_name(tmp_path: Path) -> None:
    payload = valid_payload()
    payload["students"][0]["nickname"] = "\ud800"
    # ensure_ascii writes the surrogate as the escape "\ud800", as a forger's script would.
    head = {"format": FORMAT_TAG, "version": FORMAT_VERSION, "machine_id": "m"}
    head |= {"exported_at": "2025-05-01T12:00:00", "app_version": "0.1.0", "sha256": "0" * 64}
    bad = tmp_path / "surrogate.json"
    bad.write_text(json.dumps(head | {"payload": payload}), encoding="ascii")
    done = _quizapp("results", "import", str(bad), data_dir=tmp_path / "data")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"{bad} contains invalid data" in done.stderr


def _imported(tmp_path: Path) -> Path:
    """A data folder whose database holds the hostile file's valid student and attempt."""
    good = forged(tmp_path / "good.json", lambda payload: None)
    data = tmp_path / "data"
    done = _quizapp("results", "import", str(good), data_dir=data)
    assert done.returncode == 0, done.stderr
    return data


def test_a_non_ascii_student_uuid_does_not_break_pseudonymised_reports(tmp_path: Path) -> None:
    data = _imported(tmp_path)
    with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
        db.execute("UPDATE student SET uuid = ?", ("Ännä-\u00e9\U0001f600",))
    out = tmp_path / "r.csv"
    done = _quizapp("report", "--format", "csv", "--pseudonymise", "--out", str(out), data_dir=data)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "S-" in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    "words",
    [
        ["db", "upgrade"],
        ["report", "--format", "csv", "--out", "{tmp}/r.csv"],
    ],
)
@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://[::1", "postgresql+psycopg://u@host:port/quizapp"]
)
def test_a_malformed_database_url_is_refused_clearly(
    words: list[str], url: str, tmp_path: Path
) -> None:
    words = [w.format(tmp=tmp_path) for w in words]
    done = _quizapp(*words, "--database", url, data_dir=tmp_path / "data")
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert "the class database must be given as postgresql+psycopg://" in done.stderr


@pytest.mark.parametrize("encoding", ["utf-8:strict", "utf-8:surrogateescape"])
def test_validate_json_on_a_non_utf8_file_name_prints_valid_json(
    encoding: str, tmp_path: Path
) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    # A file name that is not UTF-8 (as a Windows USB stick may bring it), holding no set.
    with open(os.fsencode(folder) + b"/bad\xff.yaml", "wb") as file:
        file.write(b"id: [unclosed\n")
    words = ["--lang", "en", "validate", "--format", "json", str(folder)]
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *words],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert b"Traceback" not in done.stderr, done.stderr
    printed = json.loads(done.stdout.decode("utf-8"))  # strict: valid UTF-8 only
    (problem,) = [p for p in printed["problems"] if "bad" in p["path"]]
    assert problem["path"].endswith("bad\\udcff.yaml")
    assert printed["errors"] >= 1


@pytest.mark.parametrize("damage", ["DROP TABLE answer", "ALTER TABLE attempt DROP COLUMN mode"])
@pytest.mark.parametrize(
    "words",
    [
        ["report", "--format", "csv", "--out", "{tmp}/r.csv"],
        ["results", "export", "--out", "{tmp}/r.json"],
    ],
)
def test_a_schema_damaged_behind_a_valid_revision_is_a_damaged_database(
    damage: str, words: list[str], tmp_path: Path
) -> None:
    data = _imported(tmp_path)
    with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
        db.execute(damage)
    words = [w.format(tmp=tmp_path) for w in words]
    done = _quizapp(*words, data_dir=data)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"The results database {data / DB_FILENAME} was damaged" in done.stderr
    assert "Nothing was written" in done.stderr
    assert not Path(words[-1]).exists()


@pytest.mark.parametrize("damage", ["DROP TABLE answer", "ALTER TABLE attempt DROP COLUMN mode"])
def test_an_import_into_a_damaged_schema_says_so_and_goes_on(damage: str, tmp_path: Path) -> None:
    data = _imported(tmp_path)
    with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
        db.execute(damage)
    done = _quizapp("results", "import", str(tmp_path / "good.json"), data_dir=data)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "was damaged" in done.stderr and "Added 1 student" in done.stdout


_EXPORT_TO_STDOUT = ["--lang", "en", "results", "export", "--out", "-"]


def test_an_export_to_a_closed_stdout_says_so(tmp_path: Path) -> None:
    data = _imported(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *_EXPORT_TO_STDOUT, "--data-dir", str(data)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        preexec_fn=lambda: os.close(1),
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert "Standard output is closed" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_export_into_dev_full_says_so(tmp_path: Path) -> None:
    data = _imported(tmp_path)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "quizapp", *_EXPORT_TO_STDOUT, "--data-dir", str(data)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.returncode == 1
    assert "Could not write to standard output" in done.stderr
