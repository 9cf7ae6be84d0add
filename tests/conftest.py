"""Shared test setup. Qt must run offscreen: with no display pytest-qt would abort the run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, find_binaries

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The checkout's root folder."""
    return REPO_ROOT


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """The language is process-wide; a test that switches it must not leak into the next."""
    yield
    from quizapp import i18n

    i18n.setup("en")


# -- a real PostgreSQL server for the storage tests (see tests/pg_server.py) ------------------

_database_count = 0


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run, started on first use, removed at the end."""
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does this)")
    server = PostgresServer(binaries)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    """A database migrated to the current schema once, copied for every test that needs one."""
    from quizapp.storage import migrate

    pg_server.sql("CREATE DATABASE quizapp_template")
    migrate.upgrade_server(pg_server.url("quizapp_template"))
    return "quizapp_template"


@pytest.fixture
def pg_database(pg_server: PostgresServer, pg_template: str) -> str:
    """A fresh class database (a copy of the migrated template) of this test alone; its name."""
    global _database_count
    _database_count += 1
    name = f"quizapp_test_{_database_count}"
    pg_server.sql(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    return name


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_database: str) -> str:
    """The administrator's URL of a fresh, migrated class database."""
    return pg_server.url(pg_database)
