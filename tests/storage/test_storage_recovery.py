"""When things go wrong: damaged files, unwritable folders, locks, a killed app."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from quizapp.core.quiz import AnswerResult
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.repository import DB_FILENAME, Repository

QUESTIONS = [f"q{n}" for n in range(30)]


def answer(question_id: str) -> AnswerResult:
    return AnswerResult(
        question_id,
        frozenset({"a"}),
        correct=True,
        confidence=None,
        seconds=3.0,
        question_hash="hash1234",
    )


def make_database(folder: Path, attempts: int = 1) -> Path:
    """A healthy database with ``attempts`` fully answered attempts; returns its file."""
    with Repository.open(folder) as repo:
        student = repo.get_or_create_student("Anna")
        for seed in range(attempts):
            attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=seed)
            for qid in QUESTIONS:
                repo.save_answer(attempt.id, answer(qid))
        return repo.path


def assert_fresh_database_works(repo: Repository) -> None:
    student = repo.get_or_create_student("Ben")
    attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
    repo.save_answer(attempt.id, answer("q0"))
    stored = repo.attempt(attempt.id)
    assert stored is not None and len(stored.answers) == 1
    assert [s.nickname for s in repo.students()] == ["Ben"]


def test_random_bytes_are_moved_aside_and_a_fresh_database_started(tmp_path: Path) -> None:
    garbage = os.urandom(3000)
    (tmp_path / DB_FILENAME).write_bytes(garbage)
    with Repository.open(tmp_path) as repo:
        moved = repo.recovered_from
        assert moved is not None
        assert moved.parent == tmp_path
        assert moved.name.startswith(f"{DB_FILENAME}.corrupt-")
        assert moved.read_bytes() == garbage  # kept, not deleted
        assert_fresh_database_works(repo)


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = make_database(tmp_path, attempts=10)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is not None
        assert repo.recovered_from.stat().st_size == len(data) // 2
        assert_fresh_database_works(repo)
    with Repository.open(tmp_path) as repo:  # the fresh database is healthy next time too
        assert repo.recovered_from is None


def test_each_recovery_keeps_its_own_file(tmp_path: Path) -> None:
    moved = []
    for content in (b"first damaged file" * 100, b"second damaged file" * 100):
        (tmp_path / DB_FILENAME).write_bytes(content)
        with Repository.open(tmp_path) as repo:
            moved.append(repo.recovered_from)
    assert moved[0] != moved[1]
    assert [p.read_bytes()[:6] for p in moved if p is not None] == [b"first ", b"second"]


def test_an_empty_file_is_simply_a_new_database(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"")
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        assert_fresh_database_works(repo)


def test_a_folder_below_a_regular_file_is_unwritable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    folder = blocker / "quizapp"
    with pytest.raises(StorageError) as caught:
        Repository.open(folder)
    error = caught.value
    assert error.kind is StorageErrorKind.UNWRITABLE
    assert error.path == folder
    assert str(folder) in error.message
    assert "--data-dir" in error.hint and "QUIZAPP_DATA_DIR" in error.hint


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions"
)
def test_a_read_only_folder_is_unwritable(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(StorageError) as caught:
            Repository.open(folder)
        assert caught.value.kind is StorageErrorKind.UNWRITABLE
        assert caught.value.path == folder
    finally:
        folder.chmod(0o700)


def test_a_locked_database_refuses_the_answer_and_keeps_the_earlier_ones(
    tmp_path: Path,
) -> None:
    with Repository.open(tmp_path, busy_timeout_ms=50) as repo:
        student = repo.get_or_create_student("Anna")
        attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
        repo.save_answer(attempt.id, answer("q0"))
        repo.save_answer(attempt.id, answer("q1"))
        with closing(sqlite3.connect(repo.path, isolation_level=None, timeout=0)) as other:
            other.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StorageError) as caught:
                repo.save_answer(attempt.id, answer("q2"))
            assert caught.value.kind is StorageErrorKind.LOCKED
            assert caught.value.path == repo.path
            assert caught.value.message and caught.value.hint
            other.execute("ROLLBACK")
        stored = repo.attempt(attempt.id)
        assert stored is not None
        assert [a.result.question_id for a in stored.answers] == ["q0", "q1"]
        repo.save_answer(attempt.id, answer("q2"))  # once the lock is gone, saving works again
        stored = repo.attempt(attempt.id)
        assert stored is not None and len(stored.answers) == 3


def test_opening_a_database_held_by_another_program_is_locked(tmp_path: Path) -> None:
    path = make_database(tmp_path)
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("PRAGMA journal_mode = DELETE")  # so that the lock blocks readers too
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError) as caught:
            Repository.open(tmp_path, busy_timeout_ms=50)
        assert caught.value.kind is StorageErrorKind.LOCKED
        other.execute("ROLLBACK")
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]  # nothing moved aside
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        assert [s.nickname for s in repo.students()] == ["Anna"]


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quizapp.core.quiz import AnswerResult
    from quizapp.storage.repository import Repository

    repo = Repository.open(Path(sys.argv[1]))
    student = repo.get_or_create_student("Anna")
    attempt = repo.start_attempt(student.id, "set-a", "de", ["q1", "q2"], seed=1)
    repo.save_answer(attempt.id, AnswerResult("q1", frozenset({"b"}), False, None, 2.0, "h"))
    print(attempt.id, flush=True)
    time.sleep(600)  # killed long before this ends
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_answer_survives_the_app_being_killed(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        attempt_id = int(child.stdout.readline())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    # The answer was committed to the write-ahead log only; nothing had copied it over yet.
    assert (tmp_path / f"{DB_FILENAME}-wal").stat().st_size > 0

    path = tmp_path / DB_FILENAME
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT question_id, chosen FROM answer").fetchall() == [("q1", '["b"]')]
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        resumed = repo.unfinished_attempt(1, "set-a", "de")
        assert resumed is not None and resumed.id == attempt_id
        assert [a.result.question_id for a in resumed.answers] == ["q1"]
