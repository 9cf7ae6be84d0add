"""Benchmarks: start-up time, peak memory and bundle size, each beside a floor from the same run.

Source runs start ``python -m quizapp`` with ``QUIZAPP_EXIT_AFTER=shown`` (quit after the first
window is shown and one event-loop turn) or ``=ready`` (quit once the sets are listed with best
scores). Floors: ``bare_window.py`` and ``bare_ready.py`` run by the same interpreter; frozen,
both are built with PyInstaller the same way (one folder, same filters).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from measure import ROOT, Row, median_runs

HERE = Path(__file__).resolve().parent


def source_rows(runs: int) -> list[Row]:
    """Cold start to first window, to ready, and peak memory, from source."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as data:
        app = [python, "-m", "quizapp", "--data-dir", data]
        shown, _ = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "shown"})
        ready, app_rss = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "ready"})
        bare, bare_rss = median_runs([python, str(HERE / "bare_window.py")], runs)
        bare_ready, _ = median_runs([python, str(HERE / "bare_ready.py"), data], runs)
    return [
        Row(
            "cold start to first window shown (source)",
            shown,
            bare,
            "s",
            1.5,
            floor_what="bare PySide6 window (QApplication + QMainWindow + QLabel, one turn)",
        ),
        Row(
            "cold start to ready: sets listed with best scores (source)",
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
    """Cold start and size of the frozen app beside the frozen bare window."""
    sys.path.insert(0, str(ROOT / "build"))
    from build import build, compile_catalogs, folder_size  # type: ignore[import-not-found]

    compile_catalogs()
    with tempfile.TemporaryDirectory() as tmp:
        dist, work = Path(tmp) / "dist", Path(tmp) / "work"
        app_dir = build(ROOT / "build" / "quizapp.spec", dist, work)
        bare_dir = build(ROOT / "build" / "bare_window.spec", dist, work)
        with tempfile.TemporaryDirectory() as data:
            app = [str(app_dir / "quizapp"), "--data-dir", data]
            shown, _ = median_runs(app, runs, {"QUIZAPP_EXIT_AFTER": "shown"})
        bare, _ = median_runs([str(bare_dir / "bare_window")], runs)
        return [
            Row(
                "cold start of the frozen app to first window",
                shown,
                bare,
                "s",
                1.5,
                floor_what="the bare window, frozen the same way",
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
