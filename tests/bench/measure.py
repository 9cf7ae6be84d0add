"""Measuring helpers for the benchmark scripts: repeated runs, medians, a printed table."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ProcessRun:
    """One child process: wall time from spawn to exit and its peak resident memory."""

    seconds: float
    max_rss_mb: float


def run_process(cmd: Sequence[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run ``cmd`` to completion; fail loudly if it exits non-zero."""
    # Without PYTHONDONTWRITEBYTECODE: the bytecode cache is used, as on a student's machine.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    full_env = {**inherited, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {err[-2000:]}")
    if proc.stderr:
        proc.stderr.close()
    return ProcessRun(seconds, usage.ru_maxrss / 1024)


def median_runs(
    cmd: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median wall seconds and median peak RSS (MB) over ``runs`` runs after one warm-up."""
    run_process(cmd, env)  # warm the page cache so every run starts equally "cold"
    results = [run_process(cmd, env) for _ in range(runs)]
    return (
        statistics.median(r.seconds for r in results),
        statistics.median(r.max_rss_mb for r in results),
    )


def time_calls(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of ``fn()`` over ``runs`` calls."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Row:
    """One line of the benchmark table: a figure beside its floor."""

    what: str
    value: float
    floor: float
    unit: str
    target: float | None  # maximum ratio value/floor, or None when the target is absolute
    absolute_max: float | None = None
    floor_what: str = ""

    @property
    def ratio(self) -> float:
        """value / floor."""
        return self.value / self.floor if self.floor else float("inf")

    @property
    def measured(self) -> bool:
        """False for a row that could not be measured here (e.g. no X server)."""
        return not (math.isnan(self.value) or math.isnan(self.floor))

    @property
    def met(self) -> bool:
        """Whether the target is met."""
        if self.absolute_max is not None:
            return self.value <= self.absolute_max
        return self.target is None or self.ratio <= self.target


def fmt(value: float, unit: str) -> str:
    """Human-readable value with unit."""
    if math.isnan(value):
        return "–"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def print_table(rows: Sequence[Row]) -> str:
    """Print (and return) the Markdown table of all rows."""
    lines = [
        "| what | quizapp | floor | floor is | ratio | target | met |",
        "| --- | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for row in rows:
        if row.absolute_max is not None:
            target = f"≤ {fmt(row.absolute_max, row.unit)}"
        else:
            target = f"≤ {row.target:.1f}×" if row.target else "–"
        ratio = f"{row.ratio:.2f}×" if row.measured else "–"
        met = ("yes" if row.met else "no") if row.measured else "not measured"
        lines.append(
            f"| {row.what} | {fmt(row.value, row.unit)} | {fmt(row.floor, row.unit)} | "
            f"{row.floor_what} | {ratio} | {target} | {met} |"
        )
    text = "\n".join(lines)
    print(text)
    sys.stdout.flush()
    return text
