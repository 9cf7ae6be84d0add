"""Journeys through the real app on a real X server, driven by real input (xdotool).

Each case starts a private Xvfb of the given screen size and runs
``real_input/journey_driver.py`` on it: the real app shell, moved by the mouse, wheel and keys
at the widgets' screen positions, checking what a person would see after each action. A failed
journey leaves ``failure.png`` (the whole screen) beside ``result.json`` in the test's folder.
Both languages and both screen sizes are covered by the main journeys; not every journey runs
at every size, to keep the suite to a few minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from real_input.xserver import MISSING, x_env, xvfb

DRIVER = Path(__file__).parent / "real_input" / "journey_driver.py"
NETBOOK, LAPTOP = "1024x600", "1366x768"

pytestmark = pytest.mark.skipif(
    bool(MISSING) or not sys.platform.startswith("linux"), reason=f"needs Xvfb: {MISSING}"
)

CASES = [
    ("student-mouse", "de", NETBOOK),
    ("student-mouse", "en", LAPTOP),
    ("student-keyboard", "en", NETBOOK),
    ("student-keyboard", "de", LAPTOP),
    ("tasks-mouse", "en", NETBOOK),
    ("tasks-mouse", "de", LAPTOP),
    ("tasks-keyboard", "de", NETBOOK),
    ("tasks-keyboard", "en", LAPTOP),
    ("teacher", "de", NETBOOK),
    ("teacher", "en", LAPTOP),
]


def run_journey(name: str, language: str, size: str, work: Path) -> dict[str, object]:
    """Run one journey on a fresh X server; its result record."""
    with xvfb(size) as display:
        env = x_env(display)
        env["HOME"] = str(work)  # file dialogs open here; nothing touches the real home
        env.pop("XDG_CONFIG_HOME", None)
        done = subprocess.run(
            [sys.executable, str(DRIVER), name, language, str(work)],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    result_file = work / "result.json"
    if not result_file.exists():
        raise AssertionError(f"the journey driver wrote no result:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(result_file.read_text(encoding="utf-8"))
    result["stderr"] = done.stderr[-2000:]
    return result


@pytest.mark.parametrize(("name", "language", "size"), CASES, ids=["-".join(c) for c in CASES])
def test_journey(name: str, language: str, size: str, tmp_path: Path) -> None:
    if name not in os.environ.get("QUIZAPP_JOURNEYS", name):
        pytest.skip("not asked for")
    result = run_journey(name, language, size, tmp_path)
    assert result["ok"], (
        f"{name} ({language}, {size}) failed at step {result['steps'][-1]!r}: "  # type: ignore[index]
        f"{result.get('error')}\nscreenshot: {result.get('screenshot')}\n"
        f"{result.get('traceback', '')}"
    )
