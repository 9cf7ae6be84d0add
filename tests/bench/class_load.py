"""Load test: 60 simulated students answer a full set at once while the class database server
is stopped and started again in the middle. Not a timed test: it prints a table.

    uv run python tests/bench/class_load.py [--clients 60] [--outage 3]

Every client is what the app does with ``--database``, in a process of its own (one machine):
its own SQLite file with the outbox, a :class:`SyncService` thread sending in the background,
its own student login (row-level security on).
Clients think 0.1-0.6 s per question, so the outage falls in the middle of everybody's set.
Checked afterwards: every answer whose save returned is in its local file and on the server
(0 lost), each exactly once (0 duplicates). Reported: save latency (what the student waits
for) beside the floor, a raw psycopg ``INSERT`` + ``COMMIT`` per answer from 60 processes
against the same server with the same pacing (no outage), and how long answers took to reach
the server (commit timestamps), for answers given before the stop, after the restart, and all.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg_server import PostgresServer, find_binaries  # noqa: E402

from measure import percentile  # noqa: E402

DATABASE = "class_load"
# fork: the clients start in milliseconds, with quizapp already imported (no threads run yet)
_FORK = multiprocessing.get_context("fork")


@dataclass
class Client:
    """One simulated student's run and what it measured."""

    number: int
    saves: list[float] = field(default_factory=list)  # seconds per save_answer
    saved: list[tuple[str, datetime]] = field(default_factory=list)  # uuid, when saved (UTC)
    local_count: int = 0
    error: str = ""


def _question_ids() -> tuple[str, list[str]]:
    from quizapp.core.content.loader import load_content
    from quizapp.paths import content_dir

    library = load_content([content_dir()])
    chosen = max((s for s in library.sets if s.language == "de"), key=lambda s: len(s.questions))
    return chosen.id, [q.id for q in chosen.questions]


def _student(server: PostgresServer, number: int) -> str:
    return server.url(DATABASE, f"student{number:02d}")


def _client_process(
    number: int,
    url: str | None,
    folder: Path,
    set_id: str,
    ids: list[str],
    out: Path,
    start: Any,
) -> None:
    """One machine: run the client, write what it measured to ``out`` (JSON)."""
    client = Client(number)
    _run_client(client, url, folder, set_id, ids, start)
    data = {
        "saves": client.saves,
        "saved": [(uuid, at.isoformat()) for uuid, at in client.saved],
        "local_count": client.local_count,
        "error": client.error,
    }
    out.write_text(json.dumps(data), encoding="utf-8")


def _load_client(number: int, out: Path) -> Client:
    if not out.exists():
        return Client(number, error="the client process wrote no result")
    data = json.loads(out.read_text(encoding="utf-8"))
    return Client(
        number,
        saves=list(data["saves"]),
        saved=[(uuid, datetime.fromisoformat(at)) for uuid, at in data["saved"]],
        local_count=int(data["local_count"]),
        error=str(data["error"]),
    )


def _run_client(
    client: Client, url: str | None, folder: Path, set_id: str, ids: list[str], start: Any
) -> None:
    """Answer the set; ``url=None``: the same with the outbox but no sync thread."""
    from quizapp.core.quiz import AnswerResult
    from quizapp.storage.repository import Repository
    from quizapp.storage.sync import SyncService, SyncState

    rng = random.Random(client.number)
    try:
        with Repository.open(folder / f"client{client.number:02d}", outbox=True) as repo:
            service = None
            if url is not None:
                service = SyncService(repo, url, retry_s=0.2, max_retry_s=1)
                service.start()
            student = repo.get_or_create_student(f"Student {client.number:02d}", "load")
            attempt = repo.start_attempt(student.id, set_id, "de", ids, seed=client.number)
            start.wait()  # everybody answers at the same time
            for qid in ids:
                time.sleep(rng.uniform(0.1, 0.6))  # reading and thinking
                result = AnswerResult(qid, frozenset({"a"}), rng.random() < 0.6, None, 5.0, "h")
                started = time.perf_counter()
                record = repo.save_answer(attempt.id, result)
                client.saves.append(time.perf_counter() - started)
                client.saved.append((record.uuid, record.answered_at))
            repo.finish_attempt(attempt.id)
            stored = repo.attempt(attempt.id)
            client.local_count = len(stored.answers) if stored is not None else 0
            if service is not None:
                deadline = time.monotonic() + 120
                while service.status()[:2] != (SyncState.SYNCED, 0):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"not synced: {service.status()}")
                    time.sleep(0.05)
                service.stop()
    except Exception as exc:  # reported in the table, never hidden
        client.error = f"{type(exc).__name__}: {exc}"


def _floor(server: PostgresServer, clients: int, per_client: int) -> list[float]:
    """Raw psycopg INSERT + COMMIT per answer, same processes and pacing, server up."""

    server.sql(
        "CREATE TABLE floor_answer (id serial PRIMARY KEY, uuid varchar(36) UNIQUE,"
        " attempt_id int, question_id varchar(64), question_hash varchar(64), chosen varchar,"
        " correct bool, confidence varchar(16), seconds float, answered_at timestamp)",
        database=DATABASE,
    )
    with tempfile.TemporaryDirectory(prefix="quizapp-floor-") as tmp:
        outs = [Path(tmp) / f"{n}.json" for n in range(clients)]
        processes = [
            _FORK.Process(target=_floor_process, args=(server.dsn(DATABASE), n, per_client, out))
            for n, out in enumerate(outs)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return [s for out in outs for s in json.loads(out.read_text(encoding="utf-8"))]


def _floor_process(dsn: str, n: int, per_client: int, out: Path) -> None:
    import psycopg

    rng = random.Random(n)
    samples = []
    with psycopg.connect(dsn) as conn:
        for q in range(per_client):
            time.sleep(rng.uniform(0.1, 0.6))
            started = time.perf_counter()
            conn.execute(
                "INSERT INTO floor_answer (uuid, attempt_id, question_id, question_hash,"
                " chosen, correct, confidence, seconds, answered_at) VALUES"
                " (%s, %s, %s, 'h', '[\"a\"]', true, NULL, 5.0, now())",
                (f"{n}-{q}", n, f"q{q}"),
            )
            conn.commit()
            samples.append(time.perf_counter() - started)
    out.write_text(json.dumps(samples), encoding="utf-8")


def _clients(
    urls: list[str | None], set_id: str, ids: list[str], during: Any
) -> tuple[list[Client], float, float]:
    """Run one client process per url (``None``: no sync thread), all answering at once;
    ``during()`` runs meanwhile. Returns the clients, when they started and how long it took."""
    from quizapp.storage.repository import Repository

    with tempfile.TemporaryDirectory(prefix="quizapp-load-") as tmp:
        for n in range(len(urls)):  # each machine's file exists (and is migrated) already
            Repository.open(Path(tmp) / f"client{n:02d}").close()
        outs = [Path(tmp) / f"client{n:02d}.json" for n in range(len(urls))]
        start = _FORK.Barrier(len(urls) + 1)
        processes = [
            _FORK.Process(
                target=_client_process, args=(n, url, Path(tmp), set_id, ids, outs[n], start)
            )
            for n, url in enumerate(urls)
        ]
        for process in processes:
            process.start()
        start.wait()  # all clients are ready: go
        began = time.monotonic()
        during()
        for process in processes:
            process.join()
        total_s = time.monotonic() - began
        return [_load_client(n, out) for n, out in enumerate(outs)], began, total_s


def _utc_at(monotonic: float) -> datetime:
    """A ``time.monotonic()`` moment as naive UTC wall-clock time."""
    return datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=time.monotonic() - monotonic)


def run(clients: int = 60, outage_s: float = 3.0) -> str:
    """Run the load test; return the Markdown table."""
    import psycopg

    import quizapp.storage.sync  # noqa: F401  (imported once, before the clients fork)
    from quizapp.storage import migrate

    binaries = find_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    server = PostgresServer(binaries, fsync=True, settings="-c track_commit_timestamp=on")
    set_id, ids = _question_ids()
    try:
        server.start()
        server.sql(f"CREATE DATABASE {DATABASE}")
        migrate.upgrade_server(server.url(DATABASE))
        server.sql(
            *(f"CREATE ROLE student{n:02d} LOGIN IN ROLE quizapp_student" for n in range(clients))
        )
        floor = _floor(server, clients, len(ids))
        # Without the sync thread first (server up): what saving alone costs on this box.
        alone = _clients([None] * clients, set_id, ids, lambda: None)[0]
        times: dict[str, float] = {}

        def outage() -> None:
            time.sleep(2.0)
            times["down"] = time.monotonic()
            server.stop()
            time.sleep(outage_s)
            server.start()
            times["up"] = time.monotonic()

        urls: list[str | None] = [_student(server, n) for n in range(clients)]
        runs, began, total_s = _clients(urls, set_id, ids, outage)
        down_at = _utc_at(times["down"])
        up_at = _utc_at(times["up"])
        stopped_after = times["down"] - began
        with psycopg.connect(server.dsn(DATABASE)) as conn:
            rows = conn.execute(
                "SELECT uuid, pg_xact_commit_timestamp(xmin) AT TIME ZONE 'UTC' FROM answer"
            ).fetchall()
            distinct = conn.execute(
                "SELECT count(DISTINCT uuid), count(DISTINCT (attempt_id, question_id)) FROM answer"
            ).fetchone()
    finally:
        server.remove()
    on_server = {str(uuid): committed for uuid, committed in rows}
    saved = [(uuid, at) for c in runs for uuid, at in c.saved]
    lost = sum(1 for uuid, _at in saved if uuid not in on_server)
    lost += sum(len(c.saved) - c.local_count for c in runs)
    duplicates = len(rows) - (distinct[0] if distinct else 0)
    delays_all = [(on_server[u] - at).total_seconds() for u, at in saved if u in on_server]
    delays_before = [
        (on_server[u] - at).total_seconds() for u, at in saved if u in on_server and at < down_at
    ]
    delays_after = [
        (on_server[u] - at).total_seconds() for u, at in saved if u in on_server and at > up_at
    ]
    saves = [s for c in runs for s in c.saves]
    errors = [f"client {c.number}: {c.error}" for c in [*alone, *runs] if c.error]
    if not saves or not delays_before or not delays_after:
        return "\n".join(["nothing was saved or sent", *errors])
    lines = [
        f"{clients} clients × {len(ids)} questions (set `{set_id}`), server stopped "
        f"{stopped_after:.1f} s into the run for {outage_s:.1f} s; whole run {total_s:.1f} s.",
        "",
        "| what | quizapp | floor | floor is |",
        "| --- | ---: | ---: | --- |",
        f"| answers saved / on the server | {len(saved)} / {len(on_server)} | – | – |",
        f"| answers lost | {lost} | – | – |",
        f"| duplicate answers on the server | {duplicates} | – | – |",
    ]
    saves_alone = [s for c in alone for s in c.saves]
    for pct in (50, 99):
        lines.append(
            f"| saving one answer, p{pct} | {percentile(saves, pct) * 1000:.2f} ms | "
            f"{percentile(floor, pct) * 1000:.2f} ms | raw psycopg INSERT + COMMIT, "
            f"{clients} processes, server up |"
        )
    lines.append(
        f"| saving one answer, p99, the same {clients} clients without sync threads | "
        f"{percentile(saves_alone, 99) * 1000:.2f} ms | "
        f"{percentile(floor, 99) * 1000:.2f} ms | the same raw INSERT + COMMIT |"
    )
    for label, delays in (
        ("saved before the stop", delays_before),
        ("saved after the restart", delays_after),
    ):
        for pct in (50, 99):
            lines.append(
                f"| answer on the server after saving, p{pct}, {label} | "
                f"{percentile(delays, pct) * 1000:.0f} ms | "
                f"{percentile(floor, pct) * 1000:.2f} ms | the same raw INSERT + COMMIT |"
            )
    lines.append(
        f"| answer on the server after saving, p99, all answers (incl. the outage) | "
        f"{percentile(delays_all, 99):.2f} s | – | – |"
    )
    if errors:
        lines += ["", "Errors:", *errors]
    return "\n".join(lines)


def main() -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--outage", type=float, default=3.0, help="seconds the server is down")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the clients' "unreachable" warnings are expected
    print(run(args.clients, args.outage))
    return 0


if __name__ == "__main__":
    sys.exit(main())
