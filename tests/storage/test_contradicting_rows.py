"""Rows that contradict each other, and a file from the future (issue 27.8): the app never
writes them, so the import refuses the whole file, naming it and what is wrong, and writes
nothing, into a teacher's SQLite file and into the class database alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_files import BAD_VALUES, forged
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.cli import main
from quizapp.storage.exchange import import_results
from quizapp.storage.exchange_format import ExchangeError
from quizapp.storage.repository import Repository

OpenStore = Callable[[], Repository]

CONTRADICTIONS = {
    "answer-to-an-unlisted-question": "answers.0: a question its attempt does not list",
    "question-listed-twice": "attempts.0: a question listed twice",
    "answered-before-the-start": "answers.0: answered before its attempt started",
    "finished-before-the-start": "attempts.0: finished before it started",
}


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


@pytest.mark.parametrize("name", sorted(CONTRADICTIONS))
def test_contradicting_rows_refuse_the_file(name: str, store: OpenStore, tmp_path: Path) -> None:
    path = forged(tmp_path / f"{name}.json", BAD_VALUES[name])
    with store() as repo:
        with pytest.raises(ExchangeError) as error:
            import_results(repo, [path])
        assert f"{path} contains invalid data. ({CONTRADICTIONS[name]})" in error.value.message
        assert repo.students() == []


def test_an_answer_a_minute_before_the_start_is_clock_drift_not_forgery(tmp_path: Path) -> None:
    def drift(payload: dict[str, list[dict[str, str]]]) -> None:
        payload["answers"][0]["answered_at"] = "2025-03-10T08:59:00"

    with Repository.open(tmp_path / "teacher") as repo:
        summary = import_results(repo, [forged(tmp_path / "drift.json", drift)])
        assert summary.answers.added == 1


def test_a_file_exported_after_this_computers_now_is_refused(
    store: OpenStore, tmp_path: Path
) -> None:
    path = forged(tmp_path / "future.json", lambda payload: None, "2099-01-01T00:00:00Z")
    with store() as repo:
        with pytest.raises(ExchangeError) as error:
            import_results(repo, [path])
        print(f"\n{error.value}")
        assert "says it was exported on 2099-01-01" in error.value.message
        assert "later than this computer’s clock" in error.value.message
        assert repo.students() == []


def test_the_command_line_refuses_a_file_from_the_future_in_german(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = forged(tmp_path / "future.json", lambda payload: None, "2099-01-01T00:00:00Z")
    teacher = tmp_path / "teacher"
    code = main(["--lang", "de", "--data-dir", str(teacher), "results", "import", str(path)])
    err = capsys.readouterr().err
    print(err)
    assert code == 1 and "Traceback" not in err
    assert "2099-01-01" in err and "Uhr" in err
    assert not teacher.exists()
