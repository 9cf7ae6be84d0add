"""Hostile files, made on the fly (never committed as blobs): gzip bombs, oversized and
non-regular files, deep nesting, and results files with forged values and a valid checksum.

:func:`hostile_results_files` is the corpus every import path is fed in
``test_hostile_corpus.py``; the other modules use the single makers.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.storage.exchange_format import envelope

EXPORTED_AT = "2025-03-10T12:00:00Z"
_MB = 1024 * 1024


def gzip_bomb(path: Path, inflated_mb: int) -> Path:
    """A small gzip file of zeros that inflates to ``inflated_mb`` MB (made in 1 MB steps)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * _MB
    with path.open("wb") as out:
        for _ in range(inflated_mb):
            out.write(packer.compress(block))
        out.write(packer.flush())
    return path


def oversized(path: Path, megabytes: int) -> Path:
    """A sparse file of ``megabytes`` MB: large to ``stat``, no space on the disk."""
    with path.open("wb") as out:
        out.truncate(megabytes * _MB)
    return path


def fifo(path: Path) -> Path:
    """A named pipe: opening it for reading blocks until someone writes."""
    os.mkfifo(path)
    return path


def deep_json(path: Path, depth: int = 200_000) -> Path:
    """A JSON array nested ``depth`` levels deep."""
    path.write_bytes(b"[" * depth + b"]" * depth)
    return path


def valid_payload() -> dict[str, Any]:
    """One student, one finished attempt with one answer; every value in range."""
    return {
        "students": [
            {
                "uuid": "s-1",
                "nickname": "Mia",
                "group": "7a",
                "is_demo": False,
                "created_at": "2025-03-10T09:00:00",
            }
        ],
        "attempts": [
            {
                "uuid": "a-1",
                "student": "s-1",
                "set_id": "mini",
                "language": "en",
                "seed": 1,
                "question_ids": ["q1"],
                "mode": "full",
                "started_at": "2025-03-10T09:00:00",
                "finished_at": "2025-03-10T09:01:00",
            }
        ],
        "answers": [
            {
                "uuid": "q-1",
                "attempt": "a-1",
                "question_id": "q1",
                "question_hash": "h",
                "chosen": ["a"],
                "correct": True,
                "confidence": "sure",
                "seconds": 12.5,
                "answered_at": "2025-03-10T09:00:30",
            }
        ],
    }


def forged(
    path: Path, change: Callable[[dict[str, Any]], None], exported_at: str = EXPORTED_AT
) -> Path:
    """A results file whose payload ``change`` edited, with the checksum made to match."""
    payload = copy.deepcopy(valid_payload())
    change(payload)
    # json writes Infinity and NaN as bare words, as a forger's own script would.
    path.write_bytes(envelope(payload, "forger", exported_at, "0.1.0"))
    return path


def _set(kind: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        payload[kind][0][key] = value

    return change


#: Values a forged file may carry that must be refused at import (name → change).
BAD_VALUES: dict[str, Callable[[dict[str, Any]], None]] = {
    "answer-in-year-9999": _set("answers", "answered_at", "9999-12-31T23:59:59"),
    "attempt-in-year-1": _set("attempts", "started_at", "0001-01-01T00:00:00"),
    "offset-overflow": _set("attempts", "finished_at", "9999-12-31T23:00:00-14:00"),
    "after-the-export": _set("answers", "answered_at", "2025-06-01T09:00:00"),
    "seconds-infinity": _set("answers", "seconds", float("inf")),
    "seconds-nan": _set("answers", "seconds", float("nan")),
    "seconds-negative": _set("answers", "seconds", -5),
    "seed-beyond-64-bits": _set("attempts", "seed", 2**70),
    "nickname-too-long": _set("students", "nickname", "x" * 500),
    # Rows that contradict each other (issue 27.8): the app never writes them.
    "answer-to-an-unlisted-question": _set("answers", "question_id", "q9"),
    "question-listed-twice": _set("attempts", "question_ids", ["q1", "q1"]),
    "answered-before-the-start": _set("answers", "answered_at", "2025-03-10T08:00:00"),
    "finished-before-the-start": _set("attempts", "finished_at", "2025-03-10T08:00:00"),
    # Nothing visible left of the nickname once it is normalised (issue 27.5).
    "invisible-nickname": _set("students", "nickname", "\u200b\u200f\u2060 \u202e"),
}


def hostile_results_files(folder: Path) -> dict[str, Path]:
    """Every hostile results file, by name (created in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "gzip-bomb": gzip_bomb(folder / "bomb.json.gz", 200),
        "oversized": oversized(folder / "huge.json", 40),
        "fifo": fifo(folder / "pipe.json"),
        "folder": folder / "a-folder.json",
        "deep-nesting": deep_json(folder / "deep.json"),
        "truncated-gzip": folder / "cut.json.gz",
        "not-json": folder / "photo.json",
        "newline-name": folder / "evil\nname\u202egpj.json",
    }
    files["folder"].mkdir()
    good = json.dumps({"format": "quizapp-results"}).encode()
    files["truncated-gzip"].write_bytes(gzip.compress(good)[:-4])
    files["not-json"].write_bytes(b"\xff\xd8\xff\xe0 not json")
    files["newline-name"].write_bytes(b"{")
    for name, change in BAD_VALUES.items():
        files[name] = forged(folder / f"{name}.json", change)
    # Exported in 2099 by its own clock: later than the importing computer's (issue 27.8).
    files["exported-in-2099"] = forged(
        folder / "future.json", lambda payload: None, "2099-01-01T00:00:00Z"
    )
    return files
