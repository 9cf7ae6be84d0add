"""Issue 23.5: one date format with a four-digit year, and reports that print well.

A demo class on the shipped content, reports in both languages: the XLSX is read back with
openpyxl (date formats, page setup), the PDF with poppler's ``pdftotext`` (skipped, with the
reason, where it is not installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reports_fixtures import english

from quizapp.core.content.loader import load_content
from quizapp.demo.simulated_class import create_demo_class
from quizapp.paths import content_dir
from quizapp.reports.dataset import ClassDataset, load_dataset
from quizapp.reports.export import write_report
from quizapp.reports.formatting import date_pattern, day, moment
from quizapp.storage.repository import Repository

LANGUAGES = ("en", "de")
DATE = {"en": r"\d\d/\d\d/\d{4}", "de": r"\d\d\.\d\d\.\d{4}"}
XLSX_DATE = {"en": "dd/mm/yyyy hh:mm", "de": "dd.mm.yyyy hh:mm"}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> ClassDataset:
    data = tmp_path_factory.mktemp("print")
    library = load_content([content_dir()])
    with Repository.open(data) as repository:
        create_demo_class(repository, list(library.sets), 30, seed=5, language="de")
        return load_dataset(repository.class_reader, list(library.sets), all_answers=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_have_a_four_digit_year_in_the_languages_order(language: str) -> None:
    from datetime import datetime

    when = datetime(2026, 12, 7, 16, 40)
    assert re.fullmatch(DATE[language], day(when.date(), language))
    assert moment(when, language).startswith(day(when.date(), language))
    assert "yyyy" in date_pattern(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_xlsx_dates_and_page_setup(dataset: ClassDataset, tmp_path: Path, language: str) -> None:
    out = write_report("xlsx", tmp_path / "class.xlsx", dataset, language)[0]
    book = load_workbook(out)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.freeze_panes, sheet.title
    for sheet in book.worksheets[1:]:  # the tables: their header row on every printed page
        assert sheet.print_title_rows in ("1:1", "$1:$1"), sheet.title
    created = book.worksheets[0]["B2"]
    assert created.is_date and created.number_format == XLSX_DATE[language]
    answers = book.worksheets[-1]
    header = [cell.value for cell in answers[1]]
    when = header.index("Answered at" if language == "en" else "Beantwortet am") + 1
    cell = answers.cell(row=2, column=when)
    assert cell.is_date and cell.number_format == XLSX_DATE[language]


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext is not installed (apt-get install poppler-utils)",
)


@needs_pdftotext
@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_dates_agree_and_nothing_is_cut(
    dataset: ClassDataset, tmp_path: Path, language: str
) -> None:
    out = write_report("pdf", tmp_path / "class.pdf", dataset, language)[0]
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    dates = set(re.findall(DATE[language], text))
    assert len(dates) == 1, dates  # the header's "Created …" and every footer: one date
    assert not re.search(r"\b\d\d?[./]\d\d?[./]\d\d\b", text)  # no two-digit year anywhere
    assert not re.search(r"\w…", text)  # nothing cut mid-word ("Huggi…")
    assert "Hugging Face" in " ".join(text.split())
    student = "Schüler/in" if language == "de" else "Student"
    lines = text.splitlines()
    assert any(student in line for line in lines)
    assert not any(line.rstrip().endswith("Schüler/") for line in lines)
    check = "Zu prüfende Fragen" if language == "de" else "Questions to check"
    for n, line in enumerate(lines):
        if line.strip() == check:
            assert lines[n - 1].strip() == "", "a blank line between the table and the heading"
