"""Benchmark: the teacher's commands for a class of 1,000 and of 5,000 students, as processes.

    uv run python tests/bench/class_scale.py [--students 1000 5000] [--runs 1]

Each figure is a whole ``quizapp`` process (wall time from spawn to exit, peak resident
memory), beside a floor measured on the same DB file in the same run:

- ``demo``: a raw ``sqlite3`` process inserting as many students, attempts and answers (the
  demo class is made by ``create_demo_class`` in a process of its own, what ``quizapp demo``
  runs: the command caps ``--students`` at 1,000 since issue 27.8);
- CSV report: a raw ``sqlite3`` query of the answer rows written with ``csv.writer`` (10
  columns), and the *same-columns* floor: raw ``sqlite3`` + ``csv`` writing the report's two
  files with the same columns (the 20 columns of the answers file, with the first-attempt flag,
  position, skill, older version, yes/no words and local times; the students × questions
  matrix of first-attempt results), the per-row work a report cannot avoid;
- XLSX report: the same rows into a write-only openpyxl workbook;
- PDF report (time): the raw CSV floor (the PDF reads the same rows, then lays out ~10 pages);
- peak memory of every report: the raw CSV floor's process.

Peak memory that stays flat from 1,000 to 5,000 students would show bounded-memory reports;
the rows show where it does not.
"""

from __future__ import annotations

import argparse
import json
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

FLOOR_SAME_COLUMNS = """
import csv, json, sqlite3, sys
from datetime import datetime, timezone
db, out, content = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
questions = {tuple(k.split("|")): v for k, v in content.items()}  # (set, lang, q) -> hash, skill
connection = sqlite3.connect(db)
first = {
    row[0]
    for row in connection.execute(
        "select min(id) from attempt a where finished_at is not null and mode = 'full' and"
        " finished_at = (select min(finished_at) from attempt b where b.student_id = a.student_id"
        " and b.set_id = a.set_id and b.finished_at is not null and b.mode = 'full')"
        " group by student_id, set_id"
    )
}
yes_no = ("no", "yes")
offset = datetime.now(timezone.utc).astimezone().utcoffset()
query = (
    "select s.nickname, s.group_name, a.set_id, a.language, a.uuid, a.mode, a.id,"
    " a.finished_at, a.question_ids, n.question_id, n.chosen, n.correct, n.confidence,"
    " n.seconds, n.answered_at, n.question_hash, n.credit, n.response, a.student_id"
    " from answer n join attempt a on a.id = n.attempt_id join student s on s.id = a.student_id"
    " order by s.group_name, s.nickname, a.id, n.id"
)
matrix = {}
positions, shown = {}, None
with open(out + "-answers.csv", "w", newline="", encoding="utf-8-sig") as f:
    writer = csv.writer(f, delimiter=";")
    for (name, group, set_id, lang, uuid, mode, attempt, finished, ids, qid, chosen, correct,
         confidence, seconds, answered, stored_hash, credit, response, student
         ) in connection.execute(query):
        if attempt != shown:
            shown = attempt
            positions = {q: n for n, q in enumerate(json.loads(ids), start=1)}
        current = questions.get((set_id, lang, qid))
        is_first = attempt in first
        if is_first:
            matrix.setdefault((group, name, student), {})[(set_id, qid)] = correct
        writer.writerow([
            name, group, set_id, lang, uuid, mode, yes_no[is_first], yes_no[finished is not None],
            qid, positions.get(qid), current[1] if current else None,
            "+".join(json.loads(chosen)), yes_no[correct], None, confidence,
            round(seconds, 1),
            (datetime.fromisoformat(answered) + offset).isoformat(sep=" ", timespec="seconds"),
            None if current is None else yes_no[stored_hash != current[0]],
            None if credit is None else round(credit * 100, 1), response,
        ])
columns = sorted({key for answers in matrix.values() for key in answers})
with open(out + ".csv", "w", newline="", encoding="utf-8-sig") as f:
    writer = csv.writer(f, delimiter=";")
    writer.writerow(["Student", "Group", *(f"{s}/{q}" for s, q in columns)])
    for (group, name, _student), answers in sorted(matrix.items()):
        writer.writerow([name, group, *(answers.get(key) for key in columns)])
"""

DEMO = """
import sys
from pathlib import Path
from quizapp.commands.data_folder import opened
from quizapp.core.content.loader import load_content
from quizapp.demo.simulated_class import create_demo_class
from quizapp.paths import content_paths
folder = Path(sys.argv[1])
library = load_content(content_paths(folder))
with opened(folder, misleading=False) as repository:
    create_demo_class(repository, [s for s in library.sets if not s.draft], int(sys.argv[2]),
                      language="en")
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
    demo = run_process([PYTHON, "-c", DEMO, str(data), str(students)])
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
    content = folder / "content.json"
    content.write_text(json.dumps(_question_keys()), encoding="utf-8")
    floor_same = run_process(
        [PYTHON, "-c", FLOOR_SAME_COLUMNS, str(db), str(folder / "floor-same"), str(content)]
    )
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
            absolute_max=300.0,
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
        if fmt == "csv":
            rows.append(
                Row(
                    f"CSV report against the same columns, {label}",
                    run.seconds,
                    floor_same.seconds,
                    "s",
                    2.0,
                    floor_what="raw `sqlite3` + `csv` writing the same columns (process)",
                )
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


def _question_keys() -> dict[str, tuple[str, str]]:
    """``set|language|question`` → (current hash, skill) of the shipped content, for the
    same-columns floor (the content is what the report compares stored hashes with)."""
    from quizapp.core.content.loader import load_content
    from quizapp.core.quiz import question_hash
    from quizapp.paths import content_dir

    library = load_content([content_dir()])
    return {
        f"{s.id}|{s.language}|{q.id}": (question_hash(q), q.skill.value)
        for s in library.sets
        for q in s.questions
    }


def memory_rows(rows: list[Row], small: int, big: int) -> list[Row]:
    """Peak memory of each report at ``big`` students against the same report at ``small``
    (target ≤ 1.2×: memory bounded by the class size)."""
    found = []
    for fmt in ("CSV", "XLSX", "PDF"):
        at = {
            n: next(r for r in rows if r.what.startswith(f"{fmt} report peak memory, {n:,} "))
            for n in (small, big)
        }
        found.append(
            Row(
                f"{fmt} report peak memory, {big:,} against {small:,} students",
                at[big].value,
                at[small].value,
                "MB",
                1.2,
                floor_what=f"the same report at {small:,} students",
            )
        )
    return found


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
    rows = run(tuple(args.students))
    if len(args.students) >= 2:
        rows += memory_rows(rows, min(args.students), max(args.students))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
