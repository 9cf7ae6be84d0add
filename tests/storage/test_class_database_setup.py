"""The administrator's set-up for the school's server (docs/class-database.md) works as written:
its SQL run by the superuser, then ``quizapp db upgrade`` with the owner's (non-superuser) login,
then the logins it made."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, started_server

from quizapp.cli import main
from quizapp.core.quiz import AnswerResult
from quizapp.storage.repository import Repository

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "class-database.md"


@pytest.fixture(scope="module")
def fresh_server() -> Iterator[PostgresServer]:
    """A server of its own: the guide creates the group roles, which must not exist yet."""
    with started_server() as server:
        yield server


def guide_sql() -> list[str]:
    section = GUIDE.read_text(encoding="utf-8").split("## Setting up the server", 1)[1]
    block = re.search(r"```sql\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [s.strip() for s in block.group(1).split(";") if s.strip()]


def test_the_guide_commands_set_up_a_working_least_privilege_database(
    fresh_server: PostgresServer, tmp_path: Path
) -> None:
    fresh_server.sql(*guide_sql())
    admin = fresh_server.url("quizapp", "quizapp_admin")
    assert main(["--data-dir", str(tmp_path), "db", "upgrade", "--database", admin]) == 0
    for login, nickname in (("s_8b_anna", "Anna"), ("s_8b_ben", "Ben")):
        with Repository.connect(fresh_server.url("quizapp", login)) as repo:
            student = repo.get_or_create_student(nickname, "8b")
            attempt = repo.start_attempt(student.id, "set-a", "de", ["q1"], seed=1)
            repo.save_answer(attempt.id, AnswerResult("q1", frozenset("a"), True, None, 2, "h"))
            assert [s.nickname for s in repo.students()] == [nickname]
    with Repository.connect(fresh_server.url("quizapp", "t_mueller")) as teacher:
        assert sorted(s.nickname for s in teacher.students()) == ["Anna", "Ben"]
