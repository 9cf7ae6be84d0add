"""The smoke test the frozen bundle runs in CI also passes from source."""

from __future__ import annotations

import os
import subprocess
import sys


def test_smoke_test_passes_from_source(tmp_path: object) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: passed" in result.stdout
    assert "answer saved" in result.stdout
