"""Temporary output files (issue 27.8): a report killed by SIGKILL leaves its hidden temporary
file behind, and the next report into that folder removes it (a live writer's file stays); a
legal 255-character ``--out`` name works, because the temporary name stays within NAME_MAX."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.atomic_file import TEMP_PREFIX
from quizapp.cli import main

_ELEVEN_MINUTES = 11 * 60


@pytest.fixture(scope="module")
def demo_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    assert main(["--lang", "en", "demo", "--students", "200", "--data-dir", str(folder)]) == 0
    return folder


def _temps(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.name.startswith(".")]


def _age(path: Path, seconds: float) -> None:
    """Make ``path`` look written ``seconds`` ago (the time that passes until the next run)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_report_killed_by_sigkill_leaves_a_temp_file_the_next_report_removes(
    demo_class: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    report = [sys.executable, "-m", "quizapp", "--lang", "en", "--data-dir", str(demo_class)]
    report += ["report", "--format", "pdf", "--out", str(out / "class.pdf")]
    env = {"QT_QPA_PLATFORM": "offscreen", **os.environ}
    writer = subprocess.Popen(report, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not _temps(out) and writer.poll() is None:  # until the temporary file is there
            time.sleep(0.005)
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.wait()
    left = _temps(out)
    if writer.returncode != -signal.SIGKILL or not left:
        pytest.skip("the report finished before it could be killed")
    (temp,) = left
    assert temp.name.startswith(TEMP_PREFIX)
    _age(temp, _ELEVEN_MINUTES)
    again = ["--lang", "en", "--data-dir", str(demo_class), "report", "--format", "csv"]
    assert main([*again, "--out", str(out / "class.csv")]) == 0
    assert _temps(out) == []  # the killed run's file is gone
    assert (out / "class.csv").stat().st_size > 0


def test_a_live_writers_temp_file_and_a_fresh_one_stay(demo_class: Path, tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f"{TEMP_PREFIX}{sleeper.pid}-abcdefgh.report.pdf"
        live.write_bytes(b"being written")
        _age(live, _ELEVEN_MINUTES)  # a slow report, but its process still runs
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        fresh = tmp_path / f"{TEMP_PREFIX}{dead.stdout.strip()}-abcdefgh.report.pdf"
        fresh.write_bytes(b"just killed: maybe still copied by someone")
        old = tmp_path / ".class.abc123_z.csv"  # an older version's name for class.csv
        old.write_bytes(b"left by a killed run of an older version")
        _age(old, _ELEVEN_MINUTES)
        words = ["--lang", "en", "--data-dir", str(demo_class), "report", "--format", "csv"]
        assert main([*words, "--out", str(tmp_path / "class.csv")]) == 0
        assert live.exists() and fresh.exists()
        assert not old.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_255_character_out_name_works(demo_class: Path, tmp_path: Path) -> None:
    long_csv = tmp_path / ("r" * 251 + ".csv")
    long_json = tmp_path / ("e" * 250 + ".json")
    assert len(long_csv.name) == len(long_json.name) == 255
    words = ["--lang", "en", "--data-dir", str(demo_class)]
    assert main([*words, "report", "--format", "csv", "--out", str(long_csv)]) == 0
    assert main([*words, "results", "export", "--out", str(long_json)]) == 0
    assert long_csv.stat().st_size > 0 and long_json.stat().st_size > 0
    assert _temps(tmp_path) == []
