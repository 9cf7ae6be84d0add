"""Peak memory of refusing hostile imports: a gzip bomb (1.5 MB inflating to 1.5 GB) and an
oversized plain file, each in a fresh process, beside a floor measured in the same run: a
process that imports the same modules and reads nothing.

Run: ``uv run python tests/bench/import_bomb.py`` (prints the table; exit 1 if a target is
missed). The import must refuse the file with "too large" and stay under 200 MB.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import zlib
from pathlib import Path

from measure import Row, print_table, run_process

_MB = 1024 * 1024
RUNS = 5
LIMIT_MB = 200.0
_REFUSE = """
import sys
from pathlib import Path
from quizapp.storage.exchange_format import ExchangeError, read_results_file
try:
    read_results_file(Path(sys.argv[1]))
except ExchangeError as error:
    assert "too large" in error.message, error.message
else:
    raise SystemExit("accepted")
"""
_FLOOR = "import quizapp.storage.exchange_format"


def _bomb(path: Path, inflated_mb: int) -> Path:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * _MB
    with path.open("wb") as out:
        for _ in range(inflated_mb):
            out.write(packer.compress(block))
        out.write(packer.flush())
    return path


def _peak(cmd: list[str]) -> float:
    return statistics.median(run_process(cmd).max_rss_mb for _ in range(RUNS))


def measure() -> list[Row]:
    """Rows for the refused bomb and the refused oversized file."""
    with tempfile.TemporaryDirectory() as folder:
        bomb = _bomb(Path(folder) / "bomb.json.gz", 1536)
        huge = Path(folder) / "huge.json"
        with huge.open("wb") as out:
            out.truncate(2048 * _MB)  # sparse: 2 GB to stat, nothing on disk
        floor = _peak([sys.executable, "-c", _FLOOR])
        size_mb = bomb.stat().st_size / _MB
        return [
            Row(
                f"peak memory refusing a gzip bomb ({size_mb:.1f} MB → 1.5 GB)",
                _peak([sys.executable, "-c", _REFUSE, str(bomb)]),
                floor,
                "MB",
                None,
                absolute_max=LIMIT_MB,
                floor_what="a process importing the same modules, reading nothing",
            ),
            Row(
                "peak memory refusing a 2 GB plain results file",
                _peak([sys.executable, "-c", _REFUSE, str(huge)]),
                floor,
                "MB",
                None,
                absolute_max=LIMIT_MB,
                floor_what="the same",
            ),
        ]


def main() -> int:
    """Measure and print the table."""
    rows = measure()
    print_table(rows)
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
