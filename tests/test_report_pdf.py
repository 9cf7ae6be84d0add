"""The PDF class report, rendered by Qt offscreen and read back with pypdf."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class

from quizapp.i18n import _
from quizapp.reports.dataset import ReportFilters, load_dataset
from quizapp.reports.demo_class import create_demo_class
from quizapp.reports.export import write_report
from quizapp.reports.formatting import report_language
from quizapp.storage.repository import Repository

SETS = [fixture_set("en"), fixture_set("de")]


# Qt needs one application object per process; the widget tests need it to be a QApplication,
# so PDFs are rendered under pytest-qt's (outside tests, the report makes a QGuiApplication).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def translated(language: str, message: str) -> str:
    with report_language(language):
        return _(message)


def test_english_pdf_has_summary_items_flags_and_page_numbers(
    repository: Repository, tmp_path: Path
) -> None:
    builder = ClassBuilder(SETS)
    hand_class(builder)
    builder.write(repository)
    out = tmp_path / "class.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    pages, text = pdf_text(out)
    assert pages >= 1
    for expected in ("Class report", "Mini set (en)", "6 students", "Questions to check"):
        assert expected in text
    assert "Negative discrimination" in text  # q4's reason
    assert "67%" in text  # facility of q1 (4 of 6), English percent format
    assert f"Page {pages} of {pages}" in text
    assert "Who? (en)" in text


def test_german_pdf_formats_numbers_and_dates_for_german(
    repository: Repository, tmp_path: Path
) -> None:
    builder = ClassBuilder(SETS)
    hand_class(builder)
    builder.write(repository)
    out = tmp_path / "klasse.pdf"
    filters = ReportFilters(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
    write_report("pdf", out, load_dataset(repository.class_reader, SETS, filters), "de")
    _pages, text = pdf_text(out)
    assert "67 %" in text  # German percent format: a space before the sign
    assert "01.03.2025" in text and "31.03.2025" in text  # the period, German dates
    assert "Who? (de)" in text  # question texts come from the German set
    assert translated("de", "Class report") in text


def test_demo_class_pdf_is_labelled_and_spans_pages(repository: Repository, tmp_path: Path) -> None:
    create_demo_class(repository, SETS, 40, seed=3, language="en")
    out = tmp_path / "demo.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    pages, text = pdf_text(out)
    assert "Simulated demo class" in text
    assert "Demo 40" in text
    assert pages >= 2
    assert len(re.findall(r"Page \d+ of \d+", text)) == pages


def test_pseudonymised_pdf_hides_nicknames(repository: Repository, tmp_path: Path) -> None:
    builder = ClassBuilder(SETS)
    student = builder.student("Zoe <b>Secret</b>")
    builder.attempt(student, {"q1": ["a"], "q2": ["true"], "q3": ["true"], "q4": ["a"]})
    builder.write(repository)
    out = tmp_path / "codes.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS, pseudonymise=True), "en")
    _pages, text = pdf_text(out)
    assert "Zoe" not in text and "Secret" not in text
    assert re.search(r"S-[0-9a-f]{6}", text)
    # too few first attempts: the statistics are withheld, not shown as noise
    assert "too few to judge" in text


def test_names_are_escaped_not_interpreted(repository: Repository, tmp_path: Path) -> None:
    builder = ClassBuilder(SETS)
    student = builder.student("Zoe <b>Secret</b> & co")
    builder.attempt(student, {"q1": ["a"]})
    builder.write(repository)
    out = tmp_path / "names.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    assert "Zoe <b>Secret</b> & co" in pdf_text(out)[1]


def test_empty_report_still_renders(repository: Repository, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    pages, text = pdf_text(out)
    assert pages == 1
    assert "No results match" in text
