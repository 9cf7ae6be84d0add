"""What a student sees at start-up: poll a real X screen from launch until the window settles.

Run inside an X server (the benchmark starts it under ``xvfb-run``)::

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python tests/bench/screen_watch.py \
        --runs 5 --commands '{"app": ["python", "-m", "quizapp", "--data-dir", "/tmp/d"]}'

The commands' runs are interleaved (a, b, c, a, b, c, …), so a busy machine slows all of them
alike. For every run the command is launched and the whole screen grabbed about every 15 ms (Qt's
``QScreen.grabWindow(0)``, ~6 ms per grab at 1366×768). The empty Xvfb screen and a mapped but
unpainted window are both black, so:

- **first painted frame**: the first grab with any non-black row;
- **settled frame**: the first grab after which the screen no longer changes. A warm-up launch
  waits until the screen has been still for ``--settle`` seconds and keeps that last screen
  as the reference (for quizapp: the start view with the sets listed); the measured launches
  wait for that reference screen, then ``STILL_S`` more. A blinking text cursor is tolerated
  by allowing a few changed rows.

The process is then killed. Prints one JSON object: per name, the medians of both times.
``--strip DIR`` also saves the screen every 100 ms from launch as PNGs (``DIR/<name>/``, first
measured run of each command) and, with ``xdotool`` installed, notes when the process's window
was mapped (a mapped but unpainted window is as black as the empty screen).

Children run without ``PYTHONDONTWRITEBYTECODE``, so Python's bytecode cache is used as on a
student's machine (the warm-up run writes it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

POLL_PAUSE_S = 0.010  # between grabs: leaves the CPU to the app being measured
CURSOR_ROWS = 24  # rows a blinking text cursor may change in a "still" screen
STRIP_STEP_S = 0.1
CHILD_ENV_DROPPED = ("QT_QPA_PLATFORM", "PYTHONDONTWRITEBYTECODE")
STILL_S = 0.3  # the reference screen must stay this long to count as reached


@dataclass
class Frame:
    """One grab: seconds since launch, a hash per pixel row, whether anything is painted."""

    seconds: float
    rows: list[int]
    painted: bool


@dataclass(frozen=True)
class Timeline:
    """One launch: when the first painted and the settled frame reached the screen, the
    settled frame itself, and when the window was mapped (strip runs only)."""

    first_painted: float
    settled: float
    final: Frame
    mapped: float | None = None


class MapWatcher(threading.Thread):
    """Polls ``xdotool`` until process ``pid`` has a mapped (viewable) window."""

    def __init__(self, pid: int, started: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.started = pid, started
        self.seconds: float | None = None
        self.done = threading.Event()

    def run(self) -> None:
        """Poll every few milliseconds; no Qt here, only a child process per look."""
        search = ["xdotool", "search", "--onlyvisible", "--pid", str(self.pid)]
        while not self.done.is_set():
            found = subprocess.run(search, capture_output=True, text=True, check=False)
            if found.returncode == 0 and found.stdout.strip():
                self.seconds = time.perf_counter() - self.started
                return
            time.sleep(0.02)  # each look is a process; keep the machine for the app


class Screen:
    """The X screen, grabbed through Qt (no extra dependency)."""

    def __init__(self) -> None:
        self.app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        screen = QGuiApplication.primaryScreen()
        assert screen is not None, "no X screen"
        self.screen = screen
        self.black_row = self._rows(self.grab())[0]  # the empty screen before any launch

    def grab(self) -> QImage:
        """The whole screen now (a failed grab, which happens rarely, is repeated)."""
        while True:
            image = self.screen.grabWindow(0).toImage()
            if not image.isNull() and image.constBits() is not None:
                return image

    @staticmethod
    def _rows(image: QImage) -> list[int]:
        data = bytes(image.constBits())
        step = image.bytesPerLine()
        return [hash(data[i : i + step]) for i in range(0, step * image.height(), step)]

    def frame(self, started: float) -> tuple[Frame, QImage]:
        """Grab and summarise the screen; ``started`` is the launch's perf_counter."""
        image = self.grab()
        seconds = time.perf_counter() - started
        rows = self._rows(image)
        return Frame(seconds, rows, any(row != self.black_row for row in rows)), image


def same_screen(a: Frame, b: Frame) -> bool:
    """Whether two grabs show the same thing (up to a blinking cursor)."""
    return sum(x != y for x, y in zip(a.rows, b.rows, strict=True)) <= CURSOR_ROWS


def watch(
    screen: Screen,
    cmd: Sequence[str],
    *,
    settle: float,
    reference: Frame | None = None,
    timeout: float = 60.0,
    strip: Path | None = None,
) -> Timeline:
    """Launch ``cmd``, poll until the screen shows ``reference`` (or, without one, has been
    still for ``settle`` s), kill it."""
    env = {k: v for k, v in os.environ.items() if k not in CHILD_ENV_DROPPED}
    env["BENCH_KEEP_OPEN"] = "1"  # the bare floors stay open until killed, like the app
    frames: list[Frame] = []
    shots: list[tuple[float, QImage]] = []
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    mapping = MapWatcher(proc.pid, started) if strip and shutil.which("xdotool") else None
    if mapping is not None:
        mapping.start()
    try:
        still_since: float | None = None
        while True:
            frame, image = screen.frame(started)
            frames.append(frame)
            if strip is not None and frame.seconds >= len(shots) * STRIP_STEP_S:
                shots.append((frame.seconds, image))
            if frame.seconds > timeout:
                raise RuntimeError(f"{cmd}: screen not still after {timeout} s")
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd} exited {proc.returncode} while being watched")
            target = reference if reference is not None else frames[-2] if frames[1:] else None
            if frame.painted and target is not None and same_screen(frame, target):
                still_since = frame.seconds if still_since is None else still_since
                if frame.seconds - still_since >= (settle if reference is None else STILL_S):
                    break
            else:
                still_since = None
            time.sleep(POLL_PAUSE_S)
    finally:
        if mapping is not None:
            mapping.done.set()
            mapping.join()
        proc.kill()
        proc.wait()
    final = frames[-1]
    first = next(f.seconds for f in frames if f.painted)
    settled = final.seconds
    for frame in reversed(frames):
        if not same_screen(frame, final):
            break
        settled = frame.seconds
    if strip is not None:
        strip.mkdir(parents=True, exist_ok=True)
        for n, (seconds, image) in enumerate(shots):
            image.save(str(strip / f"{n:03d}_{seconds * 1000:05.0f}ms.png"))
    return Timeline(first, settled, final, mapping.seconds if mapping else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Watch ``--runs`` launches of each command and print the medians as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commands", required=True, help="JSON object: name -> argv list")
    parser.add_argument(
        "--settle", type=float, default=5.0, help="seconds of a still screen (warm-up run)"
    )
    parser.add_argument("--strip", type=Path, help="save a PNG every 100 ms here (first run)")
    args = parser.parse_args(argv)
    commands: dict[str, list[str]] = json.loads(args.commands)
    screen = Screen()
    # Warm-up (page cache, bytecode cache, first database) and the reference screen to wait for.
    references = {
        name: watch(screen, cmd, settle=args.settle).final for name, cmd in commands.items()
    }
    timelines: dict[str, list[Timeline]] = {name: [] for name in commands}
    for run in range(args.runs):
        for name, cmd in commands.items():
            strip = args.strip / name if args.strip is not None and run == 0 else None
            timelines[name].append(
                watch(screen, cmd, settle=args.settle, reference=references[name], strip=strip)
            )
    print(
        json.dumps(
            {
                name: {
                    "first_painted": statistics.median(t.first_painted for t in runs),
                    "settled": statistics.median(t.settled for t in runs),
                    "samples": [[t.first_painted, t.settled] for t in runs],
                    "strip_run_mapped": runs[0].mapped,
                }
                for name, runs in timelines.items()
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
