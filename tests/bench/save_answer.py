"""Benchmark: saving one answer (committed on submit) vs. a raw ``sqlite3`` insert + commit.

Both write to a fresh file in a temp folder with the same pragmas (WAL, synchronous=NORMAL,
busy_timeout). Each answer is its own transaction, as in the app.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

from measure import Row, percentile

ANSWERS = 2_000


def _floor_samples(folder: Path) -> list[float]:
    db = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    db.execute("pragma journal_mode=wal")
    db.execute("pragma synchronous=normal")
    db.execute("pragma busy_timeout=5000")
    db.execute(
        "create table answer (id integer primary key, uuid text unique, attempt_id int, "
        "question_id text, question_hash text, chosen text, correct int, confidence text, "
        "seconds real, answered_at text, unique (attempt_id, question_id))"
    )
    samples = []
    for n in range(ANSWERS):
        started = time.perf_counter()
        db.execute("begin")
        db.execute(
            "insert into answer (uuid, attempt_id, question_id, question_hash, chosen, correct, "
            "confidence, seconds, answered_at) values (?, 1, ?, 'abc', ?, 1, 'sure', 3.5, "
            "datetime('now'))",
            (f"uuid-{n}", f"q-{n}", json.dumps(["a"])),
        )
        db.execute("commit")
        samples.append(time.perf_counter() - started)
    db.close()
    return samples


def _app_samples(folder: Path) -> list[float]:
    from quizapp.core.quiz import AnswerResult, Confidence
    from quizapp.storage.repository import Repository

    repo = Repository.open(folder / "app")
    student = repo.get_or_create_student("bench")
    ids = [f"q-{n}" for n in range(ANSWERS)]
    attempt = repo.start_attempt(student.id, "bench", "de", ids, seed=1)
    samples = []
    for qid in ids:
        result = AnswerResult(
            qid,
            frozenset({"a"}),
            correct=True,
            confidence=Confidence.SURE,
            seconds=3.5,
            question_hash="abc",
        )
        started = time.perf_counter()
        repo.save_answer(attempt.id, result)
        samples.append(time.perf_counter() - started)
    repo.close()
    return samples


def run() -> list[Row]:
    """p50 and p99 of saving one answer, beside the raw sqlite3 floor."""
    with tempfile.TemporaryDirectory() as tmp:
        floor = _floor_samples(Path(tmp))
        app = _app_samples(Path(tmp))
    rows = []
    for pct in (50, 99):
        rows.append(
            Row(
                f"saving one answer, p{pct}",
                percentile(app, pct) * 1000,
                percentile(floor, pct) * 1000,
                "ms",
                None,
                absolute_max=5.0 if pct == 99 else None,
                floor_what="raw `sqlite3` insert + commit, same pragmas",
            )
        )
    return rows


if __name__ == "__main__":
    from measure import print_table

    print_table(run())
