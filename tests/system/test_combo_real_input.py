"""The app's drop-down under a real X server, set by a real mouse and real keys (xdotool).

Last round every drop-down went blank when an item was picked from its open list while every
widget-level test passed: these tests click, press and turn the wheel as a person does.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from real_input.xserver import MISSING, Probe, centre, xvfb

PROBE = Path(__file__).parent / "real_input" / "combo_probe.py"

pytestmark = pytest.mark.skipif(
    bool(MISSING) or not sys.platform.startswith("linux"), reason=f"needs Xvfb: {MISSING}"
)


@pytest.fixture
def probe() -> Iterator[Probe]:
    with xvfb("1024x600") as display:
        running = Probe(PROBE, display)
        try:
            yield running
        finally:
            running.close()


def _open(probe: Probe, combo: list[int]) -> list[list[int]]:
    probe.click(*centre(combo))
    return list(probe.wait_for("items"))


def test_a_mouse_click_in_the_open_list_sets_the_value(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    items = _open(probe, combo)
    probe.click(*centre(items[2]))
    assert probe.wait_for("text") == "Charlie"
    time.sleep(0.3)  # the list's current item is released a turn later: no second change
    assert [r for r in probe.drain() if "text" in r] == []


def test_enter_in_the_open_list_sets_the_value(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    _open(probe, combo)
    probe.keys("Down", "Down", "Return")
    assert probe.wait_for("text") == "Charlie"


def test_type_ahead_in_the_open_list_sets_the_value(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    _open(probe, combo)
    probe.keys("d", "Return")
    assert probe.wait_for("text") == "Delta"


def test_a_second_pick_after_the_first_also_sticks(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    probe.click(*centre(_open(probe, combo)[1]))
    assert probe.wait_for("text") == "Bravo"
    probe.click(*centre(_open(probe, combo)[3]))
    assert probe.wait_for("text") == "Delta"


def test_the_wheel_over_an_unfocused_box_scrolls_the_page_not_the_value(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    probe.wheel_down(*centre(combo))
    assert probe.wait_for("scroll") > 0
    time.sleep(0.3)
    assert [r for r in probe.drain() if "text" in r] == []


def test_the_wheel_over_the_focused_box_changes_the_value(probe: Probe) -> None:
    combo = probe.wait_for("combo")
    probe.click(*centre(_open(probe, combo)[0]))  # a click gives the box the focus
    time.sleep(0.3)
    probe.drain()
    probe.wheel_down(*centre(combo), notches=1)
    assert probe.wait_for("text") == "Bravo"
