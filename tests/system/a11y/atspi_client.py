"""An accessibility client that drives quizapp over the real AT-SPI bus (what Orca uses).

Run by ``tests/test_atspi.py`` with the *system* Python (Debian's ``python3-pyatspi``), inside
``dbus-run-session`` on an Xvfb display. It starts the AT-SPI bus, then the app, walks one
scenario with real key presses (xdotool), listens to every focus and text event the app sends
to clients, and writes what it saw as JSON. It asserts nothing itself: the test does.

    dbus-run-session -- python3 tests/a11y/atspi_client.py SCENARIO --lang en --out F.json \
        -- APP-COMMAND…
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

INTERACTIVE_ROLES = {
    "push button",
    "check box",
    "radio button",
    "text",
    "password text",
    "entry",
    "combo box",
    "list item",
    "tree",
    "tree table",
    "table",
    "page tab",
    "toggle button",
    "spin button",
    "slider",
    "link",
}


def describe(node: Any) -> dict[str, Any]:
    """Role, name, description and the states a screen reader cares about."""
    states = node.getState()
    locale = ""
    try:
        locale = node.get_object_locale() or ""
    except Exception:  # older bindings: locale not exposed
        locale = ""
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "locale": locale,
    }


def walk(node: Any) -> Iterator[Any]:
    """Every accessible below ``node`` (depth first), skipping nodes that vanish meanwhile."""
    try:
        count = node.childCount
    except Exception:
        return
    for index in range(count):
        try:
            child = node.getChildAtIndex(index)
        except Exception:
            continue
        if child is None:
            continue
        yield child
        yield from walk(child)


class Session:
    """The app under test, its accessible root and everything it announced."""

    def __init__(self, app_command: list[str]) -> None:
        env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1")
        self.process = subprocess.Popen(app_command, env=env)
        self.events: list[dict[str, Any]] = []
        self.marks: list[tuple[str, int]] = []
        self.root = self._wait_for_app()

    def _wait_for_app(self) -> Any:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            desktop = pyatspi.Registry.getDesktop(0)
            for index in range(desktop.childCount):
                app = desktop.getChildAtIndex(index)
                if app is not None and app.name == "quizapp" and self._window_ready(app):
                    return app
            time.sleep(0.2)
        raise SystemExit("quizapp did not appear on the accessibility bus within 30 s")

    @staticmethod
    def _window_ready(app: Any) -> bool:
        return any(
            describe(n)["role"] == "push button" and describe(n)["showing"] for n in walk(app)
        )

    def listen(self) -> None:
        """Record focus and text events from now on."""
        pyatspi.Registry.registerEventListener(
            self._on_event,
            "object:state-changed:focused",
            "object:text-changed",
            "object:property-change:accessible-description",
            "object:property-change:accessible-name",
        )

    def _on_event(self, event: Any) -> None:
        try:
            source = describe(event.source)
        except Exception:
            return
        self.events.append(
            {
                "type": event.type,
                "detail1": event.detail1,
                "data": str(event.any_data) if "text-changed" in event.type else "",
                "source": source,
                "t": time.monotonic(),
            }
        )

    def mark(self, label: str) -> None:
        """Name the events that follow (one screen or step of the scenario)."""
        self.marks.append((label, len(self.events)))

    def find(self, predicate: Callable[[dict[str, Any]], bool]) -> Any:
        """The first showing accessible whose description matches ``predicate``."""
        for node in walk(self.root):
            info = describe(node)
            if info["showing"] and predicate(info):
                return node
        return None

    def wait_find(self, predicate: Callable[[dict[str, Any]], bool], seconds: float = 20) -> Any:
        """Like :meth:`find`, waiting for the node to appear (the app may still be loading)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            node = self.find(predicate)
            if node is not None:
                return node
            time.sleep(0.2)
        raise LookupError("no such accessible appeared within the time limit")

    def census(self) -> list[dict[str, Any]]:
        """Every showing node of the app with its description."""
        return [describe(n) for n in walk(self.root) if describe(n)["showing"]]

    def stop(self) -> None:
        """End the app."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def press(*keys: str) -> None:
    """Real key presses through the X server (as a keyboard user makes them)."""
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True)


def type_text(text: str) -> None:
    """Real typing through the X server."""
    subprocess.run(["xdotool", "type", "--delay", "80", text], check=True)


def focus_window() -> None:
    """Without a window manager nobody gives the window X focus; do it once."""
    subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", ".", "windowfocus"],
        check=False,
        capture_output=True,
    )


def run(steps: list[tuple[int, Callable[[], None]]]) -> None:
    """Run ``steps`` (delay in ms before each) inside the AT-SPI event loop, then return."""
    queue = iter(steps)
    failures: list[str] = []

    def next_step() -> bool:
        try:
            delay, action = next(queue)
        except StopIteration:
            GLib.timeout_add(400, lambda: pyatspi.Registry.stop() and False)
            return False

        def fire() -> bool:
            try:
                action()
            except Exception:
                failures.append(traceback.format_exc())
                pyatspi.Registry.stop()
                return False
            next_step()
            return False

        GLib.timeout_add(delay, fire)
        return False

    next_step()
    pyatspi.Registry.start()
    if failures:
        raise RuntimeError(failures[0])


def scenario_pin(session: Session, lang: str) -> dict[str, Any]:
    """Open the teacher area, try a too-short PIN, a mismatch, then type a PIN."""
    label = "Lehrkräfte" if lang == "de" else "Teacher area"
    result: dict[str, Any] = {}

    def open_teacher_area() -> None:
        button = session.wait_find(lambda i: i["role"] == "push button" and label in i["name"])
        result["teacher_button"] = True
        session.mark("dialog")
        button.queryAction().doAction(0)

    steps: list[tuple[int, Callable[[], None]]] = [
        (300, focus_window),
        (200, session.listen),
        (200, open_teacher_area),
        (800, lambda: session.mark("short")),
        (0, lambda: type_text("12")),
        (100, lambda: press("Tab")),
        (100, lambda: type_text("12")),
        (100, lambda: press("Return")),
        (900, lambda: session.mark("mismatch")),
        (0, lambda: type_text("ab9z")),
        (100, lambda: press("Tab")),
        (100, lambda: type_text("ab9y")),
        (100, lambda: press("Return")),
        (900, lambda: session.mark("end")),
    ]
    run(steps)
    result["census"] = session.census()
    return result


def scenario_quiz(session: Session, lang: str) -> dict[str, Any]:
    """Start the "Mini set" by keyboard: the nickname error, one question of each kind
    (options by arrow keys, Space, the confidence group, Enter with nothing chosen) and
    the feedback after each; marks split the events by screen."""
    mini = "Mini-Set" if lang == "de" else "Mini set"
    result: dict[str, Any] = {}

    def choose_mini_set() -> None:
        card = session.wait_find(lambda i: i["role"] == "radio button" and i["name"] == mini)
        card.queryAction().doAction(0)
        field = session.wait_find(lambda i: i["role"] == "text")
        field.queryComponent().grabFocus()

    def options() -> None:
        found = [
            n
            for n in session.census()
            if n["role"] in ("radio button", "check box") and n["name"][:3] in ("1. ", "2. ", "3. ")
        ]
        result.setdefault("options", []).append([n["name"] for n in found])

    def screen(label: str) -> Callable[[], None]:
        return lambda: session.mark(label)

    steps: list[tuple[int, Callable[[], None]]] = [
        (300, focus_window),
        (200, choose_mini_set),
        (400, session.listen),
        (100, screen("nickname-error")),
        (0, lambda: press("Return")),
        (700, screen("type-nickname")),
        (0, lambda: type_text("Kim")),
        (100, screen("question-1")),
        (0, lambda: press("Return")),
        (1200, options),
        (0, screen("nothing-chosen-1")),
        (0, lambda: press("Return")),
        (700, screen("arrows-1")),
        (0, lambda: press("Down", "Down", "Down")),
        (500, screen("confidence-1")),
        (0, lambda: press("Tab", "Right")),
        (400, lambda: press("shift+Tab")),
        (400, screen("feedback-1")),
        (0, lambda: press("Return")),
        (1200, screen("question-2")),
        (0, lambda: press("Return")),
        (1200, options),
        (0, screen("arrows-2")),
        (0, lambda: press("Down", "Down", "Down", "space")),
        (500, screen("feedback-2")),
        (0, lambda: press("Return")),
        (1200, screen("end")),
    ]
    run(steps)
    result["focused_now"] = [n for n in session.census() if n["focused"]]
    return result


SCENARIOS = {"pin": scenario_pin, "quiz": scenario_quiz}


def main() -> None:
    split = sys.argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", required=True, help="where to write the JSON record")
    args = parser.parse_args(sys.argv[1:split])
    command = sys.argv[split + 1 :]
    bus = subprocess.Popen(
        ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    session = Session(command)
    try:
        result = SCENARIOS[args.scenario](session, args.lang)
    finally:
        session.stop()
        bus.terminate()
    result["events"] = session.events
    result["marks"] = session.marks
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
