"""Peak memory of one import of many results files (issue 27.6): it must not grow with the
number of files. Each file is checked completely before any is written ("one bad file imports
nothing"), but only its digest is kept; the files are then read again one at a time.

Run: ``uv run python tests/bench/import_many.py [MB_PER_FILE]`` (default 8 MB files; the
issue's 27 MB files take minutes each to import on 2 CPUs). Prints, per count of files, the
peak resident memory of a fresh process that checks and imports them into a new SQLite file;
exit 1 if 4 files need more than 1.25 × the memory of 1.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from quizapp.storage.exchange_format import envelope

from measure import run_process

_MB = 1024 * 1024
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
GROWTH_LIMIT = 1.25
_IMPORT = """
import sys
from pathlib import Path
from quizapp.storage.exchange import check_files, import_results
from quizapp.storage.repository import Repository
files = check_files([Path(p) for p in sys.argv[2:]])
with Repository.open(Path(sys.argv[1])) as repo:
    summary = import_results(repo, files)
assert summary.answers.added > 0
"""


def _file(path: Path, machine: int, megabytes: float) -> Path:
    """A valid results file of about ``megabytes`` MB: one student per 40 answers."""
    answers_wanted = int(megabytes * _MB / 330)  # about 330 bytes per answer
    students, attempts, answers = [], [], []
    questions = [f"q{n}" for n in range(40)]
    for s in range(answers_wanted // 40 + 1):
        student = f"m{machine}-s{s}"
        students.append(
            {
                "uuid": student,
                "nickname": f"Student {machine}-{s}",
                "group": "8b",
                "is_demo": False,
                "created_at": "2025-03-10T08:00:00",
            }
        )
        attempt = f"{student}-a"
        attempts.append(
            {
                "uuid": attempt,
                "student": student,
                "set_id": "mini",
                "language": "en",
                "seed": s,
                "question_ids": questions,
                "started_at": "2025-03-10T09:00:00",
                "finished_at": "2025-03-10T09:30:00",
            }
        )
        answers += [
            {
                "uuid": f"{attempt}-{q}",
                "attempt": attempt,
                "question_id": q,
                "question_hash": "0123456789abcdef",
                "chosen": ["a"],
                "correct": True,
                "confidence": "sure",
                "seconds": 12.5,
                "answered_at": "2025-03-10T09:10:00",
            }
            for q in questions
        ]
    payload = {"students": students, "attempts": attempts, "answers": answers}
    path.write_bytes(envelope(payload, f"machine-{machine}", "2025-03-10T12:00:00Z", "0.1.0"))
    return path


def measure(megabytes: float) -> dict[int, float]:
    """Median peak memory (MB) of importing 1, 2 and 4 files of ``megabytes`` MB."""
    peaks = {}
    with tempfile.TemporaryDirectory() as folder:
        files = [_file(Path(folder) / f"m{n}.json", n, megabytes) for n in range(4)]
        size = files[0].stat().st_size / _MB
        print(f"files of {size:.1f} MB each")
        for count in (1, 2, 4):
            runs = []
            for run in range(RUNS):
                target = Path(folder) / f"teacher-{count}-{run}"
                cmd = [sys.executable, "-c", _IMPORT, str(target), *map(str, files[:count])]
                runs.append(run_process(cmd).max_rss_mb)
            peaks[count] = statistics.median(runs)
            print(f"{count} file(s): peak {peaks[count]:.0f} MB")
    return peaks


def main() -> int:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
    peaks = measure(megabytes)
    growth = peaks[4] / peaks[1]
    print(f"4 files need {growth:.2f} × the memory of 1 (limit {GROWTH_LIMIT})")
    return 0 if growth <= GROWTH_LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
