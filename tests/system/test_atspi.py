"""Accessibility over the real AT-SPI bus (what Orca and other Linux screen readers use).

Each test starts Xvfb, a private D-Bus session with the AT-SPI bus, the app, and a client
(``tests/a11y/atspi_client.py``, run by Debian's python3 with pyatspi) that presses real keys
with xdotool and records what the app tells every accessibility client. Skipped, with the
reason, only where those system packages are missing (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CLIENT = Path(__file__).parent / "a11y" / "atspi_client.py"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _missing() -> str:
    for tool in ("Xvfb", "xdotool", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path(BUS_LAUNCHER).exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "python3-pyatspi is not installed"
    return ""


MISSING = _missing() if sys.platform.startswith("linux") else "AT-SPI is Linux only"
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs the AT-SPI stack: {MISSING}")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private X server at 1366×768 (no window manager)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def run_scenario(display: str, tmp_path: Path, scenario: str, lang: str) -> dict[str, Any]:
    """Run one client scenario against a fresh app and return what the client recorded."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS"}
    }
    env.update(DISPLAY=display, LANG="C.UTF-8", NO_AT_BRIDGE="0")
    app = [sys.executable, "-m", "quizapp", "--data-dir", str(tmp_path / "data"), "--lang", lang]
    record = tmp_path / f"{scenario}-{lang}.json"
    log = tmp_path / f"{scenario}-{lang}.log"
    command = ["dbus-run-session", "--", SYSTEM_PYTHON, str(CLIENT), scenario, "--lang", lang]
    # Files, not pipes: the bus daemons outlive the client and would hold a pipe open.
    with log.open("w") as log_file:
        result = subprocess.run(
            [*command, "--out", str(record), "--", *app],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, log.read_text()[-3000:]
    data: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
    return data


def events_between(data: dict[str, Any], start: str, end: str) -> list[dict[str, Any]]:
    """The events recorded between two marks of the scenario."""
    marks = dict(data["marks"])
    return list(data["events"][marks[start] : marks[end]])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_pin_never_reaches_clients_and_errors_are_announced(
    display: str, tmp_path: Path, lang: str
) -> None:
    from quizapp import i18n
    from quizapp.core.pin import PinProblem

    data = run_scenario(display, tmp_path, "pin", lang)
    assert data["teacher_button"]
    typed = set("12ab9zy")
    inserted = [e["data"] for e in data["events"] if e["type"].startswith("object:text-changed")]
    assert inserted, "the client heard no typing at all: the check would prove nothing"
    leaked = [text for text in inserted if typed & set(text)]
    assert leaked == [], f"PIN characters reached an accessibility client: {leaked}"

    i18n.setup(lang)
    for start, end, problem in (
        ("short", "mismatch", PinProblem.TOO_SHORT),
        ("mismatch", "end", PinProblem.MISMATCH),
    ):
        heard = [
            e
            for e in events_between(data, start, end)
            if e["type"] == "object:state-changed:focused"
            and e["detail1"] == 1
            and problem.message in e["source"]["description"]
        ]
        assert heard, f"{problem.name} was not announced in {lang}"
        assert heard[-1]["source"]["role"] == "password text"


def focus_events(data: dict[str, Any], start: str, end: str) -> list[dict[str, Any]]:
    """The controls that got the focus between two marks (what a screen reader announces)."""
    return [
        e["source"]
        for e in events_between(data, start, end)
        if e["type"] == "object:state-changed:focused" and e["detail1"] == 1
    ]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_quiz_by_keyboard_every_option_once_focus_and_errors_heard(
    display: str, tmp_path: Path, lang: str
) -> None:
    """Points 1, 3 and 5 of the screen-reader issue on the real bus, with real keys."""
    from quizapp import i18n

    teacher = tmp_path / "data" / "content"
    mini = Path(__file__).parents[1] / "data" / "ui" / "content"
    for kind in ("sets", "sources"):
        shutil.copytree(mini / kind, teacher / kind)
    data = run_scenario(display, tmp_path, "quiz", lang)
    i18n.setup(lang)

    # 5: the errors are heard on the field they are about.
    heard = focus_events(data, "nickname-error", "type-nickname")
    assert [e["role"] for e in heard] == ["text"]
    assert heard[0]["description"].startswith(i18n._("Please enter a nickname first."))
    heard = focus_events(data, "nothing-chosen-1", "arrows-1")
    assert [e["role"] for e in heard] == ["radio button"]
    expected = i18n._(
        "Nothing is chosen yet. Choose an answer (arrow keys or 1–%(last)d), then press Enter."
    ) % {"last": 3}
    assert heard[0]["description"] == expected

    # 3: focus moves once per screen, straight to the control the screen is about.
    for start, end, role in (
        ("question-1", "nothing-chosen-1", "radio button"),
        ("feedback-1", "question-2", "push button"),
        ("question-2", "arrows-2", "check box"),
        ("feedback-2", "end", "push button"),
    ):
        landed = focus_events(data, start, end)
        assert [e["role"] for e in landed] == [role], (start, landed)
    assert focus_events(data, "question-1", "nothing-chosen-1")[0]["name"].startswith("1. ")

    # 1: every option of a one-answer and a several-answer question by arrow keys, and the
    # confidence as one group of radio buttons.
    one, several = data["options"]
    assert len(one) == len(several) == 3
    for start, end, names in (
        ("arrows-1", "confidence-1", one),
        ("arrows-2", "feedback-2", several),
    ):
        reached = {e["name"] for e in focus_events(data, start, end)}
        assert reached == set(names)
    # 7: one focused control on screen (a closed combo box's list used to claim focus too).
    assert [n["role"] for n in data["focused_now"]] == ["push button"]

    confidence = focus_events(data, "confidence-1", "feedback-1")[:2]  # Tab, then →
    assert [e["role"] for e in confidence] == ["radio button", "radio button"]
    assert confidence[0]["name"] != confidence[1]["name"]
