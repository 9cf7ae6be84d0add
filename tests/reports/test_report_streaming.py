"""Reports stream the class's answers from the database: the files and every statistic are the
same as from a dataset that holds every answer in memory (the teacher screen's)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reports_fixtures import english, fixture_set

from quizapp.core.quiz import Confidence, QuizSession
from quizapp.demo.simulated_class import create_demo_class
from quizapp.reports.class_report import build_report
from quizapp.reports.dataset import LocalClock, ReportFilters, load_dataset, to_local
from quizapp.reports.export import write_report
from quizapp.storage import class_queries
from quizapp.storage.repository import Repository

SETS = [fixture_set("en"), fixture_set("de")]


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with english(), Repository.open(tmp_path / "data") as repo:
        create_demo_class(repo, SETS, 25, seed=7, answers_scale=2, language="en")
        yield repo


@pytest.mark.parametrize(
    "filters", [ReportFilters(), ReportFilters(language="en", group="Demo class", set_id="mini")]
)
def test_streamed_reports_equal_the_in_memory_ones(
    repository: Repository,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    filters: ReportFilters,
) -> None:
    monkeypatch.setattr(class_queries, "STREAM_BATCH", 7)  # many batches, and a partial one
    streamed = load_dataset(repository.class_reader, SETS, filters)
    held = load_dataset(repository.class_reader, SETS, filters, all_answers=True)
    assert streamed.source is not None and held.source is None
    assert not streamed.answers  # no answer rows are kept, only the first attempts' responses
    assert streamed.first_responses == held.first_responses
    assert streamed.answer_count == held.answer_count == sum(map(len, held.answers.values()))
    assert streamed.answer_count > 0
    for language in ("en", "de"):
        a, b = build_report(streamed, language), build_report(held, language)
        assert a.sets == b.sets  # every statistic, exactly (dataclass equality of floats)
        assert a.students == b.students and a.calibration == b.calibration
        for name, dataset in (("streamed", streamed), ("held", held)):
            write_report("csv", tmp_path / f"{name}-{language}.csv", dataset, language)
            write_report("xlsx", tmp_path / f"{name}-{language}.xlsx", dataset, language)
        for suffix in (".csv", "-answers.csv" if language == "en" else "-antworten.csv"):
            streamed_csv = (tmp_path / f"streamed-{language}{suffix}").read_bytes()
            assert streamed_csv == (tmp_path / f"held-{language}{suffix}").read_bytes()
        sheets = [
            load_workbook(tmp_path / f"{name}-{language}.xlsx", read_only=True).worksheets[-1]
            for name in ("streamed", "held")
        ]
        rows = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in sheets]
        assert rows[0] == rows[1] and len(rows[0]) == 1 + held.answer_count


def test_answers_saved_after_loading_do_not_enter_the_report(
    repository: Repository, tmp_path: Path
) -> None:
    student = repository.get_or_create_student("Mia", "7c")
    session = QuizSession(SETS[0], seed=3)
    ids = [q.id for q in SETS[0].questions]
    attempt = repository.start_attempt(student.id, "mini", "en", ids, 3)
    repository.save_answer(attempt.id, session.submit(["a"], Confidence.UNSURE, 4.0))
    dataset = load_dataset(repository.class_reader, SETS)
    repository.save_answer(attempt.id, session.submit(["true"], Confidence.SURE, 2.0))
    written = write_report("csv", tmp_path / "class.csv", dataset, "en")
    lines = written[1].read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + dataset.answer_count  # the matrix and the long file agree
    assert sum(line.startswith("Mia,") for line in lines) == 1


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/St_Johns", "Australia/Lord_Howe"])
def test_the_cached_clock_equals_to_local_across_clock_changes(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        clock = LocalClock()
        # Every 7 minutes through both clock changes of 2025 (St John's changes at :30 UTC,
        # Lord Howe by half an hour), and once more from the cache.
        start = datetime(2025, 3, 8)
        moments = [start + timedelta(minutes=7 * n) for n in range(60 * 24 * 40 // 7)]
        moments += [datetime(2025, 10, 1) + timedelta(minutes=7 * n) for n in range(9000)]
        for _round in range(2):
            assert [clock(m) for m in moments] == [to_local(m) for m in moments]
    finally:
        monkeypatch.undo()
        time.tzset()
