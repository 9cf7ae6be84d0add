"""Issue 23.4: the CSV report opened in real LibreOffice Calc keeps text as text.

``soffice --headless --convert-to xlsx`` imports each CSV with Calc's own CSV filter (the
report's delimiter and language, Calc's default detection), and the result is read back with
openpyxl: a choice id ``true``/``false`` or a "Wahr" must not have become a boolean, and no
cell may have become a formula. Skipped, with the reason, where LibreOffice is not installed.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class

from quizapp.reports.dataset import load_dataset
from quizapp.reports.export import write_report
from quizapp.storage.repository import Repository

MINI = fixture_set()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Calc's CSV filter: delimiter, text quote, UTF-8, first line, column types, language.
FILTER = {"en": "CSV:44,34,76,1,,1033", "de": "CSV:59,34,76,1,,1031"}

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice Calc is not installed "
    "(apt-get install -y --no-install-recommends libreoffice-calc)",
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


def calc_open(path: Path, language: str, profile: Path) -> list[list[object]]:
    """``path`` as Calc reads it: every row of the converted workbook (typed values)."""
    out = path.parent / "calc"
    out.mkdir(exist_ok=True)
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",  # its own profile: no clash
            "--headless",
            f"--infilter={FILTER[language]}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sheet = load_workbook(out / (path.stem + ".xlsx")).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("language", ["en", "de"])
def test_calc_keeps_choice_ids_and_texts_as_text(tmp_path: Path, language: str) -> None:
    with Repository.open(tmp_path / "data") as repository:
        builder = ClassBuilder([MINI])
        hand_class(builder)
        student = builder.student("True", "FALSCH")  # names that look like booleans, too
        builder.attempt(student, {"q1": ["c"], "q2": ["true"], "q3": ["false"], "q4": ["a"]})
        builder.write(repository)
        dataset = load_dataset(repository.class_reader, [MINI])
    matrix, answers = write_report("csv", tmp_path / "class.csv", dataset, language)
    delimiter = ";" if language == "de" else ","
    with answers.open(encoding="utf-8-sig", newline="") as stream:
        written = list(csv.reader(stream, delimiter=delimiter))
    ids_column = written[0].index("Chosen (ids)" if language == "en" else "Gewählt (IDs)")
    assert {"'true", "'false"} <= {row[ids_column] for row in written[1:]}
    for path in (matrix, answers):
        rows = calc_open(path, language, tmp_path / f"profile-{path.stem}")
        assert len(rows) == len(list(path.open(encoding="utf-8-sig"))), path
        booleans = [value for row in rows for value, kind in row if kind == "b"]
        assert booleans == [], (path.name, booleans[:5])
        formulas = [value for row in rows for value, kind in row if kind == "f"]
        assert formulas == [], (path.name, formulas[:5])
    rows = calc_open(answers, language, tmp_path / "profile-again")
    ids = {row[ids_column][0] for row in rows[1:]}
    assert {"'true", "'false"} <= ids  # text, with the apostrophe that keeps it text


def test_calc_prints_the_workbook_landscape_with_the_overview_on_one_page(
    tmp_path: Path,
) -> None:
    """Issue 23.5: Calc printing the XLSX (to PDF) keeps the Overview whole on the first page
    and fits the wide sheets to the page width instead of hundreds of pages."""
    from pypdf import PdfReader

    with Repository.open(tmp_path / "data") as repository:
        builder = ClassBuilder([MINI])
        hand_class(builder)
        builder.write(repository)
        dataset = load_dataset(repository.class_reader, [MINI])
    book = write_report("xlsx", tmp_path / "class.xlsx", dataset, "en")[0]
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "printed"),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = PdfReader(tmp_path / "printed" / "class.pdf").pages
    first = " ".join((pages[0].extract_text() or "").split())
    assert "Class report" in first and "Confidence and correctness" in first
    assert pages[0].mediabox.width > pages[0].mediabox.height  # landscape
    assert len(pages) <= 4  # one page per sheet for a small class
