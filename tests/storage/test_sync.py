"""Offline-first sync against a real PostgreSQL server that is stopped and started again:
answers are committed here first, kept while the server is away, sent in order when it is
back, and never twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, started_server

from quizapp.core.quiz import AnswerResult
from quizapp.storage import migrate
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.repository import Repository
from quizapp.storage.sync import OutboxPusher, SyncService, SyncState

QUESTIONS = [f"q{n}" for n in range(8)]


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    """A server of this module alone: these tests stop and start it."""
    with started_server() as own:
        own.sql("CREATE ROLE lea LOGIN")
        own.sql("CREATE DATABASE class_db")
        migrate.upgrade_server(own.url("class_db"))
        own.sql("GRANT quizapp_student TO lea")
        yield own


@pytest.fixture
def running(server: PostgresServer) -> Iterator[PostgresServer]:
    """The server, running, with an empty class database; running again after the test."""
    server.sql("TRUNCATE answer, attempt, student RESTART IDENTITY", database="class_db")
    yield server
    if not _is_up(server):
        server.start()


def _is_up(server: PostgresServer) -> bool:
    try:
        server.sql("SELECT 1")
    except Exception:
        return False
    return True


def answer(question_id: str) -> AnswerResult:
    return AnswerResult(question_id, frozenset({"a"}), question_id != "q3", None, 1.5, "h1")


def server_answers(server: PostgresServer) -> list[tuple[str, str]]:
    """(answer uuid, question id) on the server, in the order the server stored them."""
    import psycopg

    with psycopg.connect(server.dsn("class_db")) as conn:
        rows = conn.execute("SELECT uuid, question_id FROM answer ORDER BY id").fetchall()
    return [(str(u), str(q)) for u, q in rows]


def local_answers(repo: Repository) -> list[tuple[str, str]]:
    return [
        (a.uuid, a.result.question_id)
        for attempt in sorted(
            (x for s in repo.students() for x in repo.history(s.id)), key=lambda x: x.id
        )
        for a in attempt.answers
    ]


def test_answers_wait_here_while_the_server_is_down_and_arrive_once_in_order(
    running: PostgresServer, tmp_path: Path
) -> None:
    url = running.url("class_db", "lea")
    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, url)
        lea = repo.get_or_create_student("Lea", "8b")
        attempt = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=1)
        for qid in QUESTIONS[:3]:
            repo.save_answer(attempt.id, answer(qid))
        assert pusher.push() == 5  # student, attempt, three answers
        running.stop()
        for qid in QUESTIONS[3:]:
            repo.save_answer(attempt.id, answer(qid))  # not slowed down or refused
        repo.finish_attempt(attempt.id)
        with pytest.raises(StorageError) as away:
            pusher.push()
        assert away.value.kind is StorageErrorKind.UNREACHABLE
        assert pusher.pending() == len(QUESTIONS) - 3 + 1  # five answers and the finish
        running.start()
        assert pusher.push() == 6
        assert pusher.pending() == 0
        assert pusher.push() == 0
        here = local_answers(repo)
        pusher.close()
    assert server_answers(running) == here
    assert len(here) == len(QUESTIONS)
    with Repository.connect(running.url("class_db")) as on_server:
        (student,) = on_server.students()
        (stored,) = on_server.history(student.id)
    assert (student.uuid, student.nickname, student.group) == (lea.uuid, "Lea", "8b")
    assert stored.uuid == attempt.uuid and stored.finished and stored.score == 7


def test_sending_a_batch_twice_adds_nothing(running: PostgresServer, tmp_path: Path) -> None:
    """As if the app died after the server committed a batch but before it was dequeued."""
    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, running.url("class_db", "lea"))
        lea = repo.get_or_create_student("Lea")
        attempt = repo.start_attempt(lea.id, "set-a", "en", QUESTIONS, seed=2)
        for qid in QUESTIONS:
            repo.save_answer(attempt.id, answer(qid))
        with repo.reading() as conn:
            queued = conn.exec_driver_sql("SELECT kind, uuid, queued_at FROM sync_outbox").all()
        pusher.push()
        with repo.writing() as conn:
            for row in queued:
                conn.exec_driver_sql(
                    "INSERT INTO sync_outbox (kind, uuid, queued_at) VALUES (?, ?, ?)", tuple(row)
                )
        assert pusher.push() == len(QUESTIONS) + 2
        pusher.close()
        here = local_answers(repo)
    assert server_answers(running) == here


def test_a_restarted_attempt_is_removed_from_the_server_too(
    running: PostgresServer, tmp_path: Path
) -> None:
    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, running.url("class_db", "lea"))
        lea = repo.get_or_create_student("Lea")
        dropped = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=3)
        repo.save_answer(dropped.id, answer("q0"))
        pusher.push()
        repo.abandon_attempt(dropped.id)
        never_sent = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=4)
        repo.save_answer(never_sent.id, answer("q1"))
        repo.abandon_attempt(never_sent.id)
        kept = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=5)
        repo.save_answer(kept.id, answer("q2"))
        pusher.push()
        pusher.close()
        here = local_answers(repo)
    assert server_answers(running) == here == [(here[0][0], "q2")]


def test_the_service_reports_will_sync_and_catches_up_after_a_restart(
    running: PostgresServer, tmp_path: Path
) -> None:
    with Repository.open(tmp_path, outbox=True) as repo:
        service = SyncService(repo, running.url("class_db", "lea"), retry_s=0.05, max_retry_s=0.2)
        service.start()
        try:
            lea = repo.get_or_create_student("Lea")
            attempt = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=6)
            repo.save_answer(attempt.id, answer("q0"))
            wait_for(lambda: len(server_answers(running)) == 1)
            running.stop()
            for qid in QUESTIONS[1:]:
                repo.save_answer(attempt.id, answer(qid))
            # Counted by the next retry after the last save (each answer kept here).
            wait_for(lambda: service.status()[:2] == (SyncState.WILL_SYNC, len(QUESTIONS) - 1))
            offline = service.status()
            assert offline.error is not None and offline.error.kind is StorageErrorKind.UNREACHABLE
            running.start()
            wait_for(lambda: service.status()[:4] == (SyncState.SYNCED, 0, None, 0))
        finally:
            service.stop()
        here = local_answers(repo)
    assert server_answers(running) == here and len(here) == len(QUESTIONS)


def test_a_refused_login_is_a_problem_not_a_wait(running: PostgresServer, tmp_path: Path) -> None:
    with Repository.open(tmp_path, outbox=True) as repo:
        service = SyncService(repo, running.url("class_db", "nobody"), retry_s=0.05)
        service.start()
        try:
            repo.get_or_create_student("Lea")
            wait_for(lambda: service.status()[:2] == (SyncState.PROBLEM, 1))
            status = service.status()
        finally:
            service.stop()
    assert status.pending == 1
    assert status.error is not None and status.error.kind is StorageErrorKind.DENIED


def wait_for(condition: object, limit_s: float = 30.0) -> None:
    """Poll ``condition`` until it holds (a limit against hanging, not a timing assert)."""
    assert callable(condition)
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the sync service did not get there")
        time.sleep(0.02)


def test_results_from_before_the_class_database_are_sent_once(
    running: PostgresServer, tmp_path: Path
) -> None:
    with Repository.open(tmp_path) as before:  # no class database yet
        lea = before.get_or_create_student("Lea")
        old = before.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=7)
        for qid in QUESTIONS:
            before.save_answer(old.id, answer(qid))
        before.finish_attempt(old.id)
        unfinished = before.start_attempt(lea.id, "set-b", "de", QUESTIONS, seed=8)
        before.save_answer(unfinished.id, answer("q0"))
    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, running.url("class_db", "lea"))
        assert pusher.pending() == 1 + 2 + len(QUESTIONS) + 1 + 1
        repo.save_answer(unfinished.id, answer("q1"))
        pusher.push()
        pusher.close()  # deletes what was sent from the outbox
        here = local_answers(repo)
    with Repository.open(tmp_path, outbox=True) as again:  # queued only the first time
        assert OutboxPusher(again, running.url("class_db", "lea")).pending() == 0
    assert server_answers(running) == here and len(here) == len(QUESTIONS) + 2
    with Repository.connect(running.url("class_db")) as on_server:
        (student,) = on_server.students()
        finished = [a.finished for a in on_server.history(student.id)]
    assert sorted(finished) == [False, True]


def test_sent_changes_leave_the_outbox_and_later_ones_still_go(
    running: PostgresServer, tmp_path: Path
) -> None:
    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, running.url("class_db", "lea"))
        lea = repo.get_or_create_student("Lea")
        attempt = repo.start_attempt(lea.id, "set-a", "de", QUESTIONS, seed=9)
        repo.save_answer(attempt.id, answer("q0"))
        assert pusher.push() == 3
        pusher.clear_sent()
        with repo.reading() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() == 0
        repo.save_answer(attempt.id, answer("q1"))  # a new id, not 1 again
        assert pusher.pending() == 1
        assert pusher.push() == 1
        pusher.close()
        here = local_answers(repo)
    assert server_answers(running) == here and len(here) == 2


def test_task_answers_reach_the_server_with_their_response_and_credit(
    running: PostgresServer, tmp_path: Path
) -> None:
    """An order or short-text answer is more than right/wrong: the text and credit go too."""
    import json

    import psycopg

    from quizapp.core.responses import OrderResponse, ShortTextResponse

    with Repository.open(tmp_path, outbox=True) as repo:
        pusher = OutboxPusher(repo, running.url("class_db", "lea"))
        lea = repo.get_or_create_student("Lea")
        attempt = repo.start_attempt(lea.id, "set-a", "en", ["t1", "t2"], seed=2)
        order = OrderResponse(order=("b", "a", "c"))
        text = ShortTextResponse(text="Artists say they leaked Sora", checked=("a",))
        repo.save_answer(
            attempt.id,
            AnswerResult(
                "t1",
                frozenset(),
                correct=False,
                confidence=None,
                seconds=3.0,
                question_hash="h",
                credit=2 / 3,
                response=order,
            ),
        )
        repo.save_answer(
            attempt.id,
            AnswerResult(
                "t2",
                frozenset(),
                correct=False,
                confidence=None,
                seconds=9.0,
                question_hash="h",
                credit=0.5,
                response=text,
            ),
        )
        assert pusher.push() == 4  # student, attempt, two answers
        pusher.close()
    with psycopg.connect(running.dsn("class_db")) as conn:
        rows = conn.execute(
            "SELECT question_id, response, credit FROM answer ORDER BY id"
        ).fetchall()
    assert [(q, c) for q, _r, c in rows] == [("t1", pytest.approx(2 / 3)), ("t2", 0.5)]
    assert json.loads(rows[0][1])["order"] == ["b", "a", "c"]
    assert json.loads(rows[1][1])["text"] == "Artists say they leaked Sora"
