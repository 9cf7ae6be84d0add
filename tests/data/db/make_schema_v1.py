"""Regenerate ``schema-v1.sqlite``: a database as the first release (schema 0001) left it.

Run from the checkout: ``uv run python tests/data/db/make_schema_v1.py``. The rows are fixed
(ids, UUIDs, times), so the migration tests can check that an upgrade keeps every one of them.
Rows are written with plain SQL because ``tables.py`` describes the newest schema, not 0001.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from quizapp.storage.engine import create_engine, write_engine
from quizapp.storage.migrate import upgrade

HERE = Path(__file__).resolve().parent
TARGET = HERE / "schema-v1.sqlite"

STUDENTS = [
    (1, "00000000-0000-4000-8000-000000000001", "Anna", "2025-02-03 08:00:00.000000"),
    (2, "00000000-0000-4000-8000-000000000002", "Ben", "2025-02-03 08:01:00.000000"),
]
# id, uuid, student, set, language, seed, questions, started, finished
ATTEMPTS = [
    (1, "00000000-0000-4000-8000-000000000101", 1, "sora-leak", "de", 11, ["q1", "q2", "q3"],
     "2025-02-03 08:05:00.000000", "2025-02-03 08:09:00.000000"),
    (2, "00000000-0000-4000-8000-000000000102", 1, "sora-leak", "de", 12, ["q1", "q2", "q3"],
     "2025-02-04 08:05:00.000000", None),
    (3, "00000000-0000-4000-8000-000000000103", 2, "sora-leak", "en", 13, ["q1", "q2", "q3"],
     "2025-02-03 08:06:00.000000", "2025-02-03 08:12:00.000000"),
]  # fmt: skip
# id, uuid, attempt, question, chosen, correct, confidence, seconds, answered
ANSWERS = [
    (1, "00000000-0000-4000-8000-000000001001", 1, "q1", ["a"], True, "sure", 12.5,
     "2025-02-03 08:06:00.000000"),
    (2, "00000000-0000-4000-8000-000000001002", 1, "q2", ["b", "c"], False, None, 20.0,
     "2025-02-03 08:07:00.000000"),
    (3, "00000000-0000-4000-8000-000000001003", 1, "q3", ["a"], True, "unsure", 8.25,
     "2025-02-03 08:08:00.000000"),
    (4, "00000000-0000-4000-8000-000000001004", 2, "q1", ["a"], True, "guessing", 5.0,
     "2025-02-04 08:06:00.000000"),
    (5, "00000000-0000-4000-8000-000000001005", 3, "q1", ["b"], False, "sure", 9.0,
     "2025-02-03 08:07:00.000000"),
    (6, "00000000-0000-4000-8000-000000001006", 3, "q2", ["a"], True, None, 11.0,
     "2025-02-03 08:08:00.000000"),
    (7, "00000000-0000-4000-8000-000000001007", 3, "q3", ["a"], True, "sure", 7.0,
     "2025-02-03 08:09:00.000000"),
]  # fmt: skip
SETTINGS = [("last_nickname", "Anna"), ("ui_language", "de")]


def main() -> None:
    """Write ``schema-v1.sqlite`` from scratch."""
    for stale in HERE.glob("schema-v1.sqlite*"):
        stale.unlink()
    engine = create_engine(TARGET)
    upgrade(write_engine(engine), TARGET, target="0001")
    engine.dispose()

    db = sqlite3.connect(TARGET)
    with db:
        db.executemany("INSERT INTO student VALUES (?, ?, ?, ?)", STUDENTS)
        db.executemany(
            "INSERT INTO attempt VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row[:6], json.dumps(row[6]), *row[7:]) for row in ATTEMPTS],
        )
        db.executemany(
            "INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row[:4], f"hash-{row[3]}", json.dumps(row[4]), *row[5:]) for row in ANSWERS],
        )
        db.executemany("INSERT INTO setting VALUES (?, ?)", SETTINGS)
    # One self-contained, compact file: no -wal beside it in git.
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("VACUUM")
    db.close()
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
