"""``results export`` leaves out and names the damaged rows that ``report`` leaves out
(issue 27.7): an undecodable ``chosen`` or ``question_ids``, text in ``seconds``; the file it
writes still imports, with every good row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from quizapp.core.quiz import AnswerResult
from quizapp.storage.exchange import import_results
from quizapp.storage.repository import DB_FILENAME, Repository


def _quizapp(*words: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "--lang", "en", "--data-dir", str(data_dir), *words],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env={"QT_QPA_PLATFORM": "offscreen", **os.environ},
    )


def _class(data: Path) -> None:
    """Three students with one attempt of two answers each."""
    with Repository.open(data) as repo:
        for name in ("Anna", "Ben", "Cem"):
            student = repo.get_or_create_student(name, "8b")
            attempt = repo.start_attempt(student.id, "mini", "en", ["q1", "q2"], seed=1)
            for question in ("q1", "q2"):
                result = AnswerResult(
                    question,
                    frozenset({"a"}),
                    correct=True,
                    confidence=None,
                    seconds=4.0,
                    question_hash="h",
                )
                repo.save_answer(attempt.id, result)
            repo.finish_attempt(attempt.id)


DAMAGE = {
    "chosen": ("UPDATE answer SET chosen = '[\"a\"' WHERE id = 1", "answer 1", "chosen answers"),
    "question_ids": (
        "UPDATE attempt SET question_ids = 'q1,q2' WHERE id = 2",
        "attempt 2",
        "list of questions",
    ),
    "seconds": (
        "UPDATE answer SET seconds = 'four' WHERE id = 5",
        "answer 5",
        "time taken is not a number",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_export_names_and_leaves_out_a_damaged_row(damage: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _class(data)
    sql, row, reason = DAMAGE[damage]
    with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
        db.execute(sql)
    out = tmp_path / "results.json"
    done = _quizapp("results", "export", "--out", str(out), data_dir=data)
    print(done.stdout + done.stderr)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "in the database w" in done.stderr and "left out of the export" in done.stderr
    assert row in done.stderr and reason in done.stderr
    with Repository.open(tmp_path / "teacher") as teacher:
        summary = import_results(teacher, [out])
    lost = 2 if damage == "question_ids" else 1  # an attempt left out takes its answers along
    assert summary.answers.added == 6 - lost
    assert summary.students.added == 3


def test_export_to_stdout_names_a_damaged_row_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _class(data)
    with closing(sqlite3.connect(data / DB_FILENAME)) as db, db:
        db.execute(DAMAGE["chosen"][0])
    done = _quizapp("results", "export", "--out", "-", data_dir=data)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0
    assert "answer 1 (the chosen answers cannot be read)" in done.stderr
    assert '"format": "quizapp-results"' in done.stdout
