"""Memory of one import does not grow with its number of files (issue 27.6): every file is
still checked completely before any is written (one bad file imports nothing), but only its
digest is kept; each is read again, one at a time, when it goes in, and must not have changed
since it was checked. Into a teacher's SQLite file and into the class database alike."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.storage.exchange import check_files, import_results
from quizapp.storage.exchange_format import ExchangeError, envelope
from quizapp.storage.repository import Repository

OpenStore = Callable[[], Repository]
_MB = 1024 * 1024
STUDENTS = 60  # × 40 answers: a file of about 1 MB


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OpenStore:
    if request.param == "sqlite":
        return lambda: Repository.open(tmp_path / "teacher")
    server: PostgresServer = request.getfixturevalue("pg_server")
    database: str = request.getfixturevalue("pg_database")
    return lambda: Repository.connect(server.url(database))


def _payload(machine: int, students: int = STUDENTS) -> dict[str, Any]:
    questions = [f"q{n}" for n in range(40)]
    payload: dict[str, list[dict[str, Any]]] = {"students": [], "attempts": [], "answers": []}
    for s in range(students):
        student, attempt = f"m{machine}-s{s}", f"m{machine}-s{s}-a"
        payload["students"].append(
            {"uuid": student, "nickname": f"S{machine}-{s}", "created_at": "2025-03-10T08:00:00"}
        )
        payload["attempts"].append(
            {
                "uuid": attempt,
                "student": student,
                "set_id": "mini",
                "language": "en",
                "seed": s,
                "question_ids": questions,
                "started_at": "2025-03-10T09:00:00",
                "finished_at": "2025-03-10T09:30:00",
            }
        )
        payload["answers"] += [
            {
                "uuid": f"{attempt}-{q}",
                "attempt": attempt,
                "question_id": q,
                "question_hash": "h",
                "chosen": ["a"],
                "correct": True,
                "seconds": 12.5,
                "answered_at": "2025-03-10T09:10:00",
            }
            for q in questions
        ]
    return payload


def _file(folder: Path, machine: int) -> Path:
    path = folder / f"machine-{machine}.json"
    path.write_bytes(envelope(_payload(machine), f"m{machine}", "2025-03-10T12:00:00Z", "0.1"))
    return path


def _retained_and_peak(paths: list[Path]) -> tuple[int, int, list[Any]]:
    gc.collect()
    tracemalloc.start()
    try:
        checked = check_files(paths)
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return retained, peak, checked


def test_checking_many_files_keeps_the_memory_of_one(tmp_path: Path) -> None:
    files = [_file(tmp_path, n) for n in range(6)]
    one_kept, one_peak, _ = _retained_and_peak(files[:1])
    kept, peak, checked = _retained_and_peak(files)
    print(f"\none file: peak {one_peak / _MB:.1f} MB, kept {one_kept} B;")
    print(f"six files: peak {peak / _MB:.1f} MB, kept {kept} B")
    assert len(checked) == 6
    # The digests, not the rows (one file's rows take megabytes); what the interpreter keeps
    # for reuse (free lists of small tuples) is the same for one file and for six.
    assert kept < one_kept + 64 * 1024
    assert kept < one_peak / 4
    assert peak < 1.5 * one_peak  # the files' rows are never all in memory at once


def test_one_bad_file_among_many_imports_nothing(store: OpenStore, tmp_path: Path) -> None:
    files = [_file(tmp_path, n) for n in range(3)]
    bad = tmp_path / "machine-3.json"
    bad.write_bytes(files[0].read_bytes()[:-10])  # cut off on the USB stick
    with store() as repo:
        with pytest.raises(ExchangeError, match=r"machine-3\.json"):
            import_results(repo, [*files, bad])
        assert repo.students() == []
        summary = import_results(repo, files)
        assert summary.answers.added == 3 * STUDENTS * 40
        assert len(repo.students()) == 3 * STUDENTS


def test_a_file_changed_after_it_was_checked_is_not_imported(
    store: OpenStore, tmp_path: Path
) -> None:
    first, second = _file(tmp_path, 0), _file(tmp_path, 1)
    checked = check_files([first, second])
    # Someone writes a different (also valid) file under the second name in between.
    second.write_bytes(envelope(_payload(9, 2), "m9", "2025-03-10T12:00:00Z", "0.1"))
    with store() as repo:
        with pytest.raises(ExchangeError, match="was changed after it was checked"):
            import_results(repo, checked)
        names = {student.nickname for student in repo.students()}
        assert len(names) == STUDENTS and all(name.startswith("S0-") for name in names)
