"""Benchmarks: start-up time, peak memory and bundle size, each beside a floor from the same run.

Two kinds of start-up figures:

- **On screen (Xvfb)**, what a student sees: ``screen_watch.py`` polls a real X screen (Xvfb,
  1366×768) from launch to the first painted (non-black) frame and to the settled frame with
  the sets listed. Floors: ``bare_window.py`` painted, and ``bare_ready.py`` (the bare window
  + ``import sqlmodel`` + opening the database) painted with its "database open" label.
  Without ``xvfb-run`` these rows say "not measured".
- **Offscreen** (``QT_QPA_PLATFORM=offscreen``, nothing reaches a screen): ``python -m
  quizapp`` with ``QUIZAPP_EXIT_AFTER=shown`` (quit once the first frame is painted into the
  offscreen buffer) or ``=ready`` (quit once the sets are listed), wall time to exit, beside
  ``bare_window.py`` (quits once painted) and ``bare_ready.py``.

Frozen, the app and both floors are built with PyInstaller the same way (one folder, filters).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import ROOT, Row, median_runs

HERE = Path(__file__).resolve().parent
XVFB_SCREEN = "-screen 0 1366x768x24"
NOT_MEASURED = math.nan


def on_screen(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Per command: median seconds from launch to the first painted and to the settled frame,
    under Xvfb (runs interleaved); NaN for both when ``xvfb-run`` is missing."""
    if shutil.which("xvfb-run") is None:
        return {name: (NOT_MEASURED, NOT_MEASURED) for name in commands}
    watcher = [sys.executable, str(HERE / "screen_watch.py"), "--runs", str(runs)]
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", XVFB_SCREEN, *watcher, "--commands", json.dumps(commands)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"screen_watch failed: {result.stderr[-2000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        name: (float(figures[name]["first_painted"]), float(figures[name]["settled"]))
        for name in commands
    }


def screen_rows(
    app: list[str], bare: list[str], bare_ready: list[str], runs: int, label: str
) -> list[Row]:
    """The two on-screen rows (first painted frame, sets painted) for one way of running."""
    times = on_screen({"app": app, "bare": bare, "bare_ready": bare_ready}, runs)
    where = "Xvfb 1366×768" if shutil.which("xvfb-run") else "not measured: no `xvfb-run`"
    return [
        Row(
            f"first painted frame on screen ({label}, {where})",
            times["app"][0],
            times["bare"][0],
            "s",
            1.5,
            floor_what="bare PySide6 window painted",
        ),
        Row(
            f"sets painted on screen ({label}, {where})",
            times["app"][1],
            times["bare_ready"][1],
            "s",
            1.3,
            floor_what="bare window + `import sqlmodel` + open the DB, painted",
        ),
    ]


def source_rows(runs: int) -> list[Row]:
    """Start-up from source: on screen, offscreen, and peak memory."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as data:
        app = [python, "-m", "quizapp", "--data-dir", data]
        bare_cmd = [python, str(HERE / "bare_window.py")]
        ready_cmd = [python, str(HERE / "bare_ready.py"), data]
        rows = screen_rows(app, bare_cmd, ready_cmd, runs, "source")
        shown, _ = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "shown"})
        ready, app_rss = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "ready"})
        bare, bare_rss = median_runs(bare_cmd, runs)
        bare_ready, _ = median_runs(ready_cmd, runs)
    return [
        *rows,
        Row(
            "offscreen: cold start to first frame painted (source)",
            shown,
            bare,
            "s",
            1.5,
            floor_what="bare PySide6 window (QApplication + QMainWindow + QLabel), painted",
        ),
        Row(
            "offscreen: cold start to ready, sets listed with best scores (source)",
            ready,
            bare_ready,
            "s",
            None,
            floor_what="bare window + `import sqlmodel` + open the DB",
        ),
        Row(
            "peak memory of the running app (ready)",
            app_rss,
            bare_rss,
            "MB",
            1.5,
            floor_what="the bare window",
        ),
    ]


def frozen_rows(runs: int) -> list[Row]:
    """Start-up and size of the frozen app beside the frozen floors."""
    sys.path.insert(0, str(ROOT / "build"))
    from build import build, compile_catalogs, folder_size  # type: ignore[import-not-found]

    compile_catalogs()
    with tempfile.TemporaryDirectory() as tmp:
        dist, work = Path(tmp) / "dist", Path(tmp) / "work"
        app_dir = build(ROOT / "build" / "quizapp.spec", dist, work)
        bare_dir = build(ROOT / "build" / "bare_window.spec", dist, work)
        ready_dir = build(ROOT / "build" / "bare_ready.spec", dist, work)
        with tempfile.TemporaryDirectory() as data:
            app = [str(app_dir / "quizapp"), "--data-dir", data]
            bare_cmd = [str(bare_dir / "bare_window")]
            ready_cmd = [str(ready_dir / "bare_ready"), data]
            rows = screen_rows(app, bare_cmd, ready_cmd, runs, "frozen")
            shown, _ = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "shown"})
        bare, _ = median_runs(bare_cmd, runs)
        return [
            *rows,
            Row(
                "offscreen: cold start of the frozen app to first frame painted",
                shown,
                bare,
                "s",
                1.5,
                floor_what="the bare window painted, frozen the same way",
            ),
            Row(
                "bundle size (one folder)",
                folder_size(app_dir) / 1e6,
                folder_size(bare_dir) / 1e6,
                "MB",
                1.3,
                floor_what="that frozen bare window",
            ),
        ]
