"""Schema migrations: fresh databases, the upgrade of a real first-release file, newer files."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import PostgresServer
from sqlmodel import SQLModel

import quizapp.storage.tables  # noqa: F401  (fills SQLModel.metadata)
from quizapp.storage import migrate
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.repository import Repository

V1_FIXTURE = Path(__file__).parents[1] / "data" / "db" / "schema-v1.sqlite"


def schema_diffs(path: Path) -> list[object]:
    """Differences between the tables in ``path`` and ``tables.py`` (empty: they agree)."""
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return list(compare_metadata(MigrationContext.configure(conn), SQLModel.metadata))
    finally:
        engine.dispose()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Run one query on ``path`` with a connection that is closed afterwards."""
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def execute(path: Path, *statements: str) -> None:
    """Run ``statements`` on ``path`` in one committed transaction."""
    with closing(sqlite3.connect(path)) as db, db:
        for statement in statements:
            db.execute(statement)


def revision_of(path: Path) -> str:
    return str(rows(path, "SELECT version_num FROM alembic_version")[0][0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_dir(tmp_path: Path) -> Path:
    """A data folder holding a copy of the committed first-release database."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(V1_FIXTURE, folder / "quizapp.sqlite")
    return folder


def test_the_scripts_form_one_line_ending_at_0004() -> None:
    assert migrate.head_revision() == migrate.SCHEMA_HEAD == "0006"
    assert migrate.known_revisions() == {"0001", "0002", "0003", "0004", "0005", "0006"}


def test_the_committed_fixture_is_a_first_release_database() -> None:
    assert revision_of(V1_FIXTURE) == "0001"
    columns = {row[1] for row in rows(V1_FIXTURE, "PRAGMA table_info(student)")}
    assert "group_name" not in columns


def test_a_fresh_database_matches_tables_py(tmp_path: Path) -> None:
    """Nobody changes ``tables.py`` without a migration (and the other way round)."""
    with Repository.open(tmp_path) as repo:
        path = repo.path
    assert revision_of(path) == "0006"
    assert schema_diffs(path) == []


def test_upgrading_the_v1_database_keeps_its_rows_and_makes_a_backup(v1_dir: Path) -> None:
    with Repository.open(v1_dir) as repo:
        backup = repo.upgrade_backup
        anna, ben = repo.students()
        finished = repo.attempt(1)
        resumable = repo.unfinished_attempt(anna.id, "sora-leak", "de")
        best = repo.best_scores(ben.id, "en")
        setting = repo.get_setting("last_nickname")
        # The new columns work on the upgraded file: the same nickname in another group.
        assert repo.get_or_create_student("Anna", "7b").id not in {anna.id, ben.id}
        path = repo.path
    assert revision_of(path) == "0006"
    assert schema_diffs(path) == []

    assert (anna.nickname, anna.group, anna.is_demo, anna.uuid[-1]) == ("Anna", "", False, "1")
    assert finished is not None and finished.mode == "full" and finished.finished
    assert [a.result.question_id for a in finished.answers] == ["q1", "q2", "q3"]
    assert finished.answers[1].result.chosen == frozenset({"b", "c"})
    assert (finished.score, finished.total) == (2, 3)
    assert resumable is not None and resumable.id == 2 and len(resumable.answers) == 1
    assert best["sora-leak"].score == 2
    assert setting == "Anna"

    assert backup is not None and backup.parent == v1_dir
    assert re.fullmatch(r"quizapp\.backup-0001-\d{8}-\d{6}\.sqlite", backup.name)
    assert revision_of(backup) == "0001"
    assert not backup.with_name(backup.name + "-wal").exists()
    for table in ("student", "attempt", "answer", "setting"):
        query = f"SELECT * FROM {table} ORDER BY 1"
        assert rows(backup, query) == rows(V1_FIXTURE, query)


def test_an_up_to_date_database_is_not_backed_up_again(v1_dir: Path) -> None:
    Repository.open(v1_dir).close()
    before = sorted(p.name for p in v1_dir.iterdir())
    with Repository.open(v1_dir) as repo:
        assert repo.upgrade_backup is None
    assert sorted(p.name for p in v1_dir.iterdir()) == before


def test_the_backup_includes_content_still_in_the_wal(tmp_path: Path) -> None:
    """A v1 file whose last rows were never checkpointed (the app was killed)."""
    path = tmp_path / "quizapp.sqlite"
    shutil.copyfile(V1_FIXTURE, path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the new row in the -wal file
    writer.execute("INSERT INTO setting VALUES ('only_in_wal', 'yes')")
    assert path.with_name("quizapp.sqlite-wal").stat().st_size > 0
    try:
        backup = migrate.backup_database(path, "0001")
    finally:
        writer.close()
    assert rows(backup, "SELECT value FROM setting WHERE key = 'only_in_wal'") == [("yes",)]


def test_a_failing_upgrade_changes_nothing(v1_dir: Path) -> None:
    """All steps run in one transaction: a late failure undoes the student table rebuild."""
    path = v1_dir / "quizapp.sqlite"
    execute(path, "ALTER TABLE attempt ADD COLUMN mode VARCHAR")  # 0002 adds it: clash
    with pytest.raises(sqlalchemy.exc.OperationalError, match="duplicate column"):
        Repository.open(v1_dir)
    assert revision_of(path) == "0001"
    student_columns = [row[1] for row in rows(path, "PRAGMA table_info(student)")]
    assert student_columns == ["id", "uuid", "nickname", "created_at"]
    assert rows(path, "SELECT COUNT(*) FROM answer") == [(7,)]
    assert len(list(v1_dir.glob("quizapp.backup-0001-*.sqlite"))) == 1


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.get_or_create_student("Anna")
        path = repo.path
    execute(  # what a future quizapp might have done
        path,
        "ALTER TABLE student ADD COLUMN avatar VARCHAR",
        "UPDATE alembic_version SET version_num = '0042_avatars'",
    )
    before_digest, before_files = digest(path), sorted(p.name for p in folder.iterdir())

    with pytest.raises(StorageError) as caught:
        Repository.open(folder)

    error = caught.value
    assert error.kind is StorageErrorKind.TOO_NEW
    assert error.path == path
    assert "newer version" in error.message and "--data-dir" in error.hint
    assert "0042_avatars" in str(error)
    assert digest(path) == before_digest
    assert sorted(p.name for p in folder.iterdir()) == before_files


def test_a_database_of_another_program_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "quizapp.sqlite"
    execute(path, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('x')")
    kept = digest(path)
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is not None
        assert digest(repo.recovered_from) == kept
        assert repo.students() == []


def test_an_upgrade_killed_during_the_backup_leaves_no_backup(v1_dir: Path) -> None:
    """SIGKILL in the middle of copying: no file named like a backup, the data unchanged."""
    import subprocess
    import sys

    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from quizapp.storage import migrate\n"
        "from quizapp.storage.repository import Repository\n"
        "migrate._BACKUP_PAGES = 1\n"
        "migrate._backup_step = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "Repository.open(Path(sys.argv[1]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(v1_dir)], check=False)
    assert done.returncode == -9  # killed, as intended
    assert list(v1_dir.glob("quizapp.backup-*.sqlite")) == []
    path = v1_dir / "quizapp.sqlite"
    assert revision_of(path) == "0001"
    assert rows(path, "SELECT COUNT(*) FROM answer") == [(7,)]
    with Repository.open(v1_dir) as repo:  # the next start upgrades with a whole backup
        backup = repo.upgrade_backup
    assert backup is not None and revision_of(backup) == "0001"
    assert list(v1_dir.glob("*.partial")) == []


def test_the_same_scripts_build_the_class_database_step_by_step(pg_server: PostgresServer) -> None:
    """On PostgreSQL too, one revision at a time, each in its own transaction, and back."""
    pg_server.sql("CREATE DATABASE stepwise")
    url = pg_server.url("stepwise")
    with pytest.raises(StorageError) as empty:
        Repository.connect(url)
    assert empty.value.kind is StorageErrorKind.NEEDS_UPGRADE
    assert migrate.upgrade_server(url, target="0001") == (None, "0001")
    with pytest.raises(StorageError) as older:
        Repository.connect(url)
    assert older.value.kind is StorageErrorKind.NEEDS_UPGRADE
    assert migrate.upgrade_server(url) == ("0001", migrate.SCHEMA_HEAD)
    assert migrate.upgrade_server(url) == (migrate.SCHEMA_HEAD, migrate.SCHEMA_HEAD)
    with Repository.connect(url) as repo:
        assert repo.is_server
        assert repo.get_or_create_student("Anna", "7b").group == "7b"
    pg_server.sql("UPDATE alembic_version SET version_num = '9999'", database="stepwise")
    with pytest.raises(StorageError) as newer:
        Repository.connect(url)
    assert newer.value.kind is StorageErrorKind.TOO_NEW
    with pytest.raises(StorageError) as refused:
        migrate.upgrade_server(url)
    assert refused.value.kind is StorageErrorKind.TOO_NEW
