"""Benchmark: a class report of ~100,000 answers to CSV and to XLSX, beside raw floors.

The data is the demo class scaled up (``quizapp demo`` with more students and repeats). Floors,
on the same DB file: a raw ``sqlite3`` query of the answer rows written with ``csv.writer``; and
the same rows written to a write-only openpyxl workbook. quizapp's figure includes reading the
data (load_dataset), the item analysis and every sheet/file the report has.
"""

from __future__ import annotations

import csv
import sqlite3
import tempfile
from pathlib import Path

from measure import ROOT, Row, time_calls

STUDENTS = 400
SCALE = 6  # ≈ 100,000 answers with the shipped sets

QUERY = (
    "select s.nickname, s.group_name, a.set_id, a.language, n.question_id, n.chosen, "
    "n.correct, n.confidence, n.seconds, n.answered_at from answer n "
    "join attempt a on a.id = n.attempt_id join student s on s.id = a.student_id "
    "order by s.id, a.id, n.id"
)


def _floor_csv(db: Path, out: Path) -> None:
    connection = sqlite3.connect(db)
    with out.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, delimiter=";").writerows(connection.execute(QUERY))
    connection.close()


def _floor_xlsx(db: Path, out: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    connection = sqlite3.connect(db)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Answers")
    for row in connection.execute(QUERY):
        sheet.append(list(row))
    book.save(out)
    connection.close()


def run(runs: int = 3) -> list[Row]:
    """Median seconds for CSV and XLSX reports vs. their raw floors."""
    from quizapp.core.content.loader import load_content
    from quizapp.demo.simulated_class import create_demo_class
    from quizapp.reports.dataset import load_dataset
    from quizapp.reports.export import write_report
    from quizapp.storage.repository import Repository

    sets = load_content([ROOT / "content"]).sets
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        repo = Repository.open(folder / "data")
        create_demo_class(repo, sets, STUDENTS, seed=1, answers_scale=SCALE)
        answers = sqlite3.connect(repo.path).execute("select count(*) from answer").fetchone()[0]

        def report(fmt: str) -> None:
            dataset = load_dataset(repo.class_reader, sets)
            write_report(fmt, folder / f"report.{fmt}", dataset, "de")

        rows = []
        for fmt, floor, floor_what in (
            ("csv", _floor_csv, "raw `sqlite3` query + `csv.writer`"),
            ("xlsx", _floor_xlsx, "raw query into a write-only openpyxl workbook"),
        ):
            value = time_calls(lambda fmt=fmt: report(fmt), runs)
            floor_s = time_calls(
                lambda floor=floor, fmt=fmt: floor(repo.path, folder / f"floor.{fmt}"), runs
            )
            rows.append(
                Row(
                    f"report of {answers:,} answers to {fmt.upper()}",
                    value,
                    floor_s,
                    "s",
                    1.5,
                    floor_what=floor_what,
                )
            )
        repo.close()
    return rows


if __name__ == "__main__":
    from measure import print_table

    print_table(run())
