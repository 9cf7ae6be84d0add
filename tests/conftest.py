"""Shared test setup. Qt must run offscreen: with no display pytest-qt would abort the run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, started_server

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
    from quizapp.logging_setup import stop_logging

    i18n.setup("en")
    stop_logging()  # a test that set up the log file must not leave it to the next


# -- a real PostgreSQL server for the storage tests (see tests/pg_server.py) ------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run, started on first use, removed at the end."""
    with started_server() as server:
        yield server


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    """The class database of the session, migrated once (which also creates the group roles)."""
    from quizapp.storage import migrate

    pg_server.sql("CREATE DATABASE quizapp_tests")
    migrate.upgrade_server(pg_server.url("quizapp_tests"))
    return "quizapp_tests"


@pytest.fixture
def pg_database(pg_server: PostgresServer, pg_template: str) -> str:
    """The session's class database, emptied for this test; its name.

    Emptied rather than copied: a copy per test costs a few MB of files each, and deleting
    them all at the end took seconds.
    """
    pg_server.sql(
        "TRUNCATE answer, attempt, student, setting, sync_outbox RESTART IDENTITY",
        database=pg_template,
    )
    return pg_template


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_database: str) -> str:
    """The administrator's URL of a fresh, migrated class database."""
    return pg_server.url(pg_database)
