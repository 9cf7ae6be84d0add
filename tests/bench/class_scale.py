"""Benchmark: the teacher's commands for a class of 1,000 and of 5,000 students, as processes.

    uv run python tests/bench/class_scale.py [--students 1000 5000] [--runs 1]

Each figure is a whole ``quizapp`` process (wall time from spawn to exit, peak resident
memory), beside a floor measured on the same DB file in the same run:

- ``demo``: a raw ``sqlite3`` process inserting as many students, attempts and answers;
- CSV report: a raw ``sqlite3`` query of the answer rows written with ``csv.writer``;
- XLSX report: the same rows into a write-only openpyxl workbook;
- PDF report (time): the raw CSV floor (the PDF reads the same rows, then lays out ~10 pages);
- peak memory of every report: the raw CSV floor's process.

Peak memory that stays flat from 1,000 to 5,000 students would show bounded-memory reports;
the rows show where it does not.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, Row, print_table, run_process
from reports_bench import QUERY

PYTHON = sys.executable

FLOOR_CSV = f"""
import csv, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f, delimiter=";").writerows(connection.execute({QUERY!r}))
"""

FLOOR_XLSX = f"""
import sqlite3, sys
from openpyxl import Workbook
connection = sqlite3.connect(sys.argv[1])
book = Workbook(write_only=True)
sheet = book.create_sheet("Answers")
for row in connection.execute({QUERY!r}):
    sheet.append(list(row))
book.save(sys.argv[2])
"""

FLOOR_INSERT = """
import sqlite3, sys
students, attempts, answers = (int(n) for n in sys.argv[2:5])
db = sqlite3.connect(sys.argv[1])
db.executescript(
    "pragma journal_mode=wal; create table s(id integer primary key, name text, grp text);"
    "create table a(id integer primary key, s integer, set_id text, started text);"
    "create table n(id integer primary key, a integer, q text, chosen text, correct int,"
    " seconds real, at text);"
)
with db:
    db.executemany("insert into s values (?,?,?)", ((i, f"Demo {i}", "g") for i in range(students)))
    db.executemany(
        "insert into a values (?,?,?,?)",
        ((i, i % students, "set", "2026-01-01") for i in range(attempts)),
    )
    db.executemany(
        "insert into n values (?,?,?,?,?,?,?)",
        ((i, i % attempts, "q", "a", 1, 1.5, "2026-01-01") for i in range(answers)),
    )
"""


def quizapp(*args: str) -> list[str]:
    """The command line of ``quizapp`` from this checkout."""
    return [PYTHON, "-m", "quizapp", *args]


def rows_for(students: int, folder: Path) -> list[Row]:
    """Demo class and the three reports for ``students`` students, each beside its floor."""
    from quizapp.storage.repository import DB_FILENAME

    data = folder / f"data-{students}"
    demo = run_process(quizapp("demo", "--students", str(students), "--data-dir", str(data)))
    db = data / DB_FILENAME
    counts = sqlite3.connect(db).execute(
        "select (select count(*) from student), (select count(*) from attempt),"
        " (select count(*) from answer)"
    )
    n_students, n_attempts, n_answers = counts.fetchone()
    counted = [str(n_students), str(n_attempts), str(n_answers)]
    insert = run_process(
        [PYTHON, "-c", FLOOR_INSERT, str(folder / f"floor-{students}.db"), *counted]
    )
    floor_csv = run_process([PYTHON, "-c", FLOOR_CSV, str(db), str(folder / "floor.csv")])
    floor_xlsx = run_process([PYTHON, "-c", FLOOR_XLSX, str(db), str(folder / "floor.xlsx")])
    label = f"{students:,} students ({n_answers:,} answers)"
    rows = [
        Row(
            f"`demo`, {label}",
            demo.seconds,
            insert.seconds,
            "s",
            None,
            floor_what="raw `sqlite3` inserts of the same rows",
        ),
        Row(
            f"`demo` peak memory, {label}",
            demo.max_rss_mb,
            insert.max_rss_mb,
            "MB",
            None,
            floor_what="that raw insert process",
        ),
    ]
    for fmt, floor, floor_what in (
        ("csv", floor_csv, "raw `sqlite3` query + `csv.writer` (process)"),
        ("xlsx", floor_xlsx, "raw query into a write-only openpyxl workbook (process)"),
        ("pdf", floor_csv, "raw `sqlite3` query + `csv.writer` (process)"),
    ):
        out = folder / f"report-{students}.{fmt}"
        run = run_process(
            quizapp("report", "--format", fmt, "--out", str(out), "--data-dir", str(data))
        )
        target = 1.5 if fmt == "csv" else None
        rows.append(
            Row(
                f"{fmt.upper()} report, {label}",
                run.seconds,
                floor.seconds,
                "s",
                target,
                floor_what=floor_what,
            )
        )
        rows.append(
            Row(
                f"{fmt.upper()} report peak memory, {label}",
                run.max_rss_mb,
                floor_csv.max_rss_mb,
                "MB",
                None,
                floor_what="the raw CSV floor process",
            )
        )
    return rows


def run(students: tuple[int, ...] = (1000, 5000)) -> list[Row]:
    """All rows for every class size."""
    with tempfile.TemporaryDirectory() as tmp:
        return [row for n in students for row in rows_for(n, Path(tmp))]


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print_table(run(tuple(args.students)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
