"""The log file: one rotating file in the data folder that records what the app did by itself
(recovery, backups, migrations, imports, sync), and never a nickname or an answer."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import free_port

from quizapp.core.quiz import AnswerResult
from quizapp.logging_setup import BACKUP_COUNT, LOG_NAME, log_to_data_folder, stop_logging
from quizapp.storage.exchange import export_results, import_results
from quizapp.storage.repository import DB_FILENAME, Repository
from quizapp.storage.sync import SyncService, SyncState

V1_FIXTURE = Path(__file__).parents[1] / "data" / "db" / "schema-v1.sqlite"
NICKNAME = "Zebrafink-Ω"
SECRET_CHOICE = "choice-only-the-student-knows"


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    log_to_data_folder(folder)
    yield folder
    stop_logging()


def test_the_log_records_recovery_backup_migration_import_and_sync_without_personal_data(
    log_folder: Path, tmp_path: Path
) -> None:
    shutil.copyfile(V1_FIXTURE, log_folder / DB_FILENAME)
    with Repository.open(log_folder) as repo:  # upgraded, after a backup
        anna = repo.students()[0]
        assert repo.upgrade_backup is not None
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_FILENAME).write_bytes(b"no database here\n" * 300)
    Repository.open(damaged).close()  # moved aside, a new one started
    with Repository.open(tmp_path / "machine", outbox=True) as machine:
        student = machine.get_or_create_student(NICKNAME, "7b")
        attempt = machine.start_attempt(student.id, "set-a", "de", ["q1"], seed=1)
        machine.save_answer(
            attempt.id,
            AnswerResult(
                "q1",
                frozenset({SECRET_CHOICE}),
                correct=False,
                confidence=None,
                seconds=2,
                question_hash="h",
            ),
        )
        nowhere = f"postgresql+psycopg://kim@127.0.0.1:{free_port()}/quizapp"
        service = SyncService(machine, nowhere, retry_s=0.05)
        service.start()
        try:
            deadline = time.monotonic() + 30
            while service.status()[:2] != (SyncState.WILL_SYNC, 3):
                assert time.monotonic() < deadline
                time.sleep(0.02)
        finally:
            service.stop()
        export_results(machine, tmp_path / "machine.json")
    with Repository.open(log_folder) as teacher:
        import_results(teacher, [tmp_path / "machine.json"])
    stop_logging()

    text = (log_folder / LOG_NAME).read_text(encoding="utf-8")
    assert "backed up to" in text and "upgraded from 0001 to 0006" in text
    assert "is damaged" in text and ".corrupt-" in text
    assert "unreachable" in text and "3 changes kept here" in text
    assert "machine.json: 1 students, 1 attempts, 1 answers added" in text
    for personal in (NICKNAME, SECRET_CHOICE, anna.nickname, "7b"):
        assert personal not in text
    assert all(line[:4].isdigit() for line in text.splitlines())  # one record per line here


def test_the_log_file_rotates(tmp_path: Path) -> None:
    log_folder = tmp_path / "small"
    log_to_data_folder(log_folder, max_bytes=10_000)
    log = logging.getLogger("quizapp.test")
    for n in range(500):
        log.info("record %d %s", n, "x" * 100)
    stop_logging()
    files = sorted(p.name for p in log_folder.iterdir())
    assert files == [LOG_NAME] + [f"{LOG_NAME}.{n}" for n in range(1, BACKUP_COUNT + 1)]


def test_an_unexpected_error_goes_into_the_same_log_file(log_folder: Path) -> None:
    from quizapp.ui.crash import LOG_NAME as CRASH_LOG
    from quizapp.ui.crash import CrashHandler

    handler = CrashHandler(log_folder / CRASH_LOG, lambda: None)
    handler._show = lambda written: None  # type: ignore[method-assign]  # no dialog here
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        handler(RuntimeError, error, error.__traceback__)
    stop_logging()
    text = (log_folder / LOG_NAME).read_text(encoding="utf-8")
    assert "ERROR quizapp.ui.crash: unexpected error:" in text
    assert "RuntimeError: boom in a slot" in text and "Traceback" in text
    assert not (log_folder / CRASH_LOG).exists()
