"""Run every benchmark and print one table, each figure beside a floor from the same run.

    uv run python tests/bench/run_benchmarks.py [--runs N] [--skip-frozen] [--startup-only]

Not part of the test suite (no wall-clock asserts there): run by hand, paste the table into
docs/performance.md with the date and commit it was measured on. The frozen rows build both
bundles first (about a minute).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_bomb
import reports_bench
import save_answer
import startup
import validation
from measure import Row, print_table


def machine() -> str:
    """One line describing where the table was measured."""
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


def load() -> str:
    """The 1-minute load average: on a shared machine it says how far to trust the figures."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--skip-frozen", action="store_true", help="no PyInstaller builds")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up rows")
    args = parser.parse_args()
    rows: list[Row] = []
    load_before = load()
    rows += startup.source_rows(args.runs)
    if not args.skip_frozen:
        rows += startup.frozen_rows(args.runs)
    if not args.startup_only:
        rows += save_answer.run()
        rows.append(validation.run(max(3, args.runs // 2)))
        rows += reports_bench.run(3)
        rows += import_bomb.measure()
    print(f"\nMeasured on: {machine()}; load average before/after: {load_before} / {load()}\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
