"""Run one journey through the real app on a real X display, driven by real input (xdotool).

    python journey_driver.py JOURNEY LANGUAGE WORK_FOLDER

Started by ``tests/system/test_journeys.py`` with ``DISPLAY`` set to a private Xvfb and
``QT_QPA_PLATFORM=xcb``. Builds the app shell in this process (as ``quizapp`` does), runs the
journey on a worker thread (see :mod:`real_input.hands`) and writes ``WORK_FOLDER/result.json``:
``{"ok": bool, "steps": [...], "error": str, "screenshot": path}``; a failed journey leaves a
screenshot of the whole screen beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))  # real_input as a package, as in the tests

from PySide6.QtWidgets import QApplication  # noqa: E402

from quizapp.app import AppShell  # noqa: E402
from real_input import journeys_student, journeys_tasks, journeys_teacher  # noqa: E402
from real_input.hands import Hands  # noqa: E402
from real_input.journey_world import World  # noqa: E402

JOURNEYS = {
    **journeys_student.JOURNEYS,
    **journeys_tasks.JOURNEYS,
    **journeys_teacher.JOURNEYS,
}


def content_folder(work: Path) -> Path:
    """The mini set and the task-types set, with their articles, in a folder of their own."""
    folder = work / "content"
    (folder / "sets").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for sets in (ROOT / "tests/data/ui/content/sets", ROOT / "tests/data/tasks/sets"):
        for path in sets.glob("*.yaml"):
            shutil.copy(path, folder / "sets" / path.name)
    for sources in (ROOT / "tests/data/ui/content/sources", ROOT / "content/sources"):
        for path in sources.glob("*.yaml"):
            shutil.copy(path, folder / "sources" / path.name)
    return folder


def main() -> int:
    name, language, work_text = sys.argv[1:4]
    work = Path(work_text)
    journey = JOURNEYS[name]
    app = QApplication(sys.argv[:1])
    content = content_folder(work)
    data = work / "data"
    journey.prepare(data, content, language)
    shell = AppShell(
        app, data_dir=data, language=journey.start_language(language), content_paths=[content]
    )
    hands = Hands(work)
    result: dict[str, object] = {"journey": name, "language": language, "ok": False}

    def run() -> None:
        try:
            hands.until(lambda: shell.screens is not None, "the app booted", timeout=60)
            # Xvfb has no window manager, which would give a new window the keyboard focus.
            hands.look(shell.window.activateWindow)
            hands.until(shell.window.isActiveWindow, "the window has the keyboard focus")
            journey.run(World(hands, shell, language, work))
            result["ok"] = True
        except BaseException as error:
            result["error"] = f"{type(error).__name__}: {error}"
            result["traceback"] = traceback.format_exc()
            try:
                result["screenshot"] = str(hands.screenshot("failure"))
            except BaseException as grab_error:
                result["screenshot_error"] = repr(grab_error)
        result["steps"] = hands.steps
        (work / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        hands.look(lambda: app.exit(0), timeout=5)

    shell.start()
    threading.Thread(target=run, daemon=True).start()
    app.exec()
    shell.close()
    sys.stdout.flush()
    os._exit(0)  # a journey may end with a modal dialog open: no teardown surprises


if __name__ == "__main__":
    raise SystemExit(main())
