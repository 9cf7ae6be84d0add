"""The real app as a separate process: killed right after an answer, started for the benchmark,
and what it imports before its first window."""

from __future__ import annotations

import os
import selectors
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from ui_support import ROOT

GUARD_S = 120  # only so a hung child cannot hang the suite; never asserted on
HEAVY = ("sqlmodel", "sqlalchemy", "yaml", "pydantic", "alembic", "babel")


def app_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("QUIZAPP_DATA_DIR", None)
    return env


def test_answer_survives_a_kill_right_after_saving(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "--data-dir", str(tmp_path), "--lang", "de"],
        cwd=ROOT,
        env=app_env(QUIZAPP_TEST_AUTOPLAY="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while "ANSWER-SAVED" not in lines:
                if not selector.select(timeout=GUARD_S):
                    pytest.fail(f"no ANSWER-SAVED line; output so far: {lines}")
                line = proc.stdout.readline()
                if not line:
                    pytest.fail(f"the app ended early: {proc.wait()} {proc.stderr.read()}")
                lines.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)  # no clean shutdown, no WAL checkpoint
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    with closing(sqlite3.connect(tmp_path / "quizapp.sqlite")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute(
            "select s.nickname, a.set_id, a.language, n.question_id from answer n "
            "join attempt a on a.id = n.attempt_id join student s on s.id = a.student_id"
        ).fetchall()
    assert rows == [("autoplay", "what-happened", "de", "wh-01")]


@pytest.mark.parametrize("stage", ["shown", "ready"])
def test_exit_after_hook_for_the_benchmark(tmp_path: Path, stage: str) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quizapp", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=app_env(QUIZAPP_EXIT_AFTER=stage),
        capture_output=True,
        text=True,
        timeout=GUARD_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    if stage == "shown":
        # The first window appears before the database stack and the content loader load.
        assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
        assert not (tmp_path / "quizapp.sqlite").exists()
    else:
        assert {"sqlmodel", "yaml"} <= imported
        assert (tmp_path / "quizapp.sqlite").exists()
