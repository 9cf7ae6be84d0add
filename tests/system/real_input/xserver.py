"""A real X server (Xvfb) and real input (xdotool) for tests that use hands, not widget calls."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MISSING = next(
    (f"{tool} is not installed" for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None),
    "",
)


@contextmanager
def xvfb(size: str = "1366x768") -> Iterator[str]:
    """Start a private X server of the given size; yield its DISPLAY name."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def x_env(display: str) -> dict[str, str]:
    """The environment for a Qt program on the real display (not offscreen)."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG="C.UTF-8")
    return env


class Probe:
    """A Qt program on the display that reports JSON lines on its standard output."""

    def __init__(self, script: Path, display: str) -> None:
        self.display = display
        self.process = subprocess.Popen(
            [sys.executable, str(script)],
            env=x_env(display),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(json.loads(line))

    def wait_for(self, key: str, timeout: float = 20.0) -> Any:
        """The value of the next reported record that has ``key`` (earlier ones are dropped)."""
        while True:
            record = self._lines.get(timeout=timeout)
            if key in record:
                return record[key]

    def drain(self) -> list[dict[str, Any]]:
        """Every record reported so far and not yet read."""
        records = []
        while not self._lines.empty():
            records.append(self._lines.get())
        return records

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=x_env(self.display), check=True, timeout=20)

    def click(self, x: int, y: int) -> None:
        """Move the real pointer to the screen point and press and release button 1."""
        self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("click", "1")

    def wheel_down(self, x: int, y: int, notches: int = 3) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("click", "--repeat", str(notches), "--delay", "50", "5")

    def keys(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "80", *keys)


def centre(rect: list[int]) -> tuple[int, int]:
    x, y, width, height = rect
    return x + width // 2, y + height // 2
