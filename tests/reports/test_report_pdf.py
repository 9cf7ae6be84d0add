"""The PDF class report, rendered by Qt offscreen and read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextDocument
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class

from quizapp.demo.simulated_class import create_demo_class
from quizapp.i18n import _
from quizapp.reports.class_report import build_report
from quizapp.reports.dataset import ReportFilters, load_dataset
from quizapp.reports.export import write_report
from quizapp.reports.formatting import report_language
from quizapp.reports.pdf_fonts import tagged_pdf_bytes
from quizapp.reports.pdf_html import _table
from quizapp.reports.pdf_report import (
    DPI,
    FOOTER_PX,
    _document,
    _first_split_row,
    keep_rows_whole,
    shown_text,
)
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
    assert "Recall" in text  # each question's level, beside its type and skill


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
    assert "Wiedergeben" in text  # the level, in German
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


LIGATURES = re.compile("[\ufb00-\ufb06]")


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every font the PDF's pages use."""
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
            assert descendant["/BaseFont"] == font["/BaseFont"]
    return found


def test_pdf_text_has_no_ligatures_and_fonts_are_tagged_subsets(
    repository: Repository, tmp_path: Path
) -> None:
    builder = ClassBuilder(SETS)
    hand_class(builder)
    builder.write(repository)
    out = tmp_path / "class.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    _pages, text = pdf_text(out)
    assert "first finished attempt" in text  # "fi" would otherwise come out as "ﬁ"
    assert not LIGATURES.search(text)
    if shutil.which("pdftotext"):
        extracted = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "figures" in extracted and not LIGATURES.search(extracted)
    used = fonts(out)
    assert used and all(embedded for _name, embedded in used)
    assert all(re.fullmatch(r"/[A-Z]{6}\+\S+", name) for name, _embedded in used)
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(out)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing and all(line.split()[-5:-3] == ["yes", "yes"] for line in listing)


def test_font_tagging_leaves_other_files_alone() -> None:
    assert tagged_pdf_bytes(b"%PDF-1.7\nno fonts here\n") == b"%PDF-1.7\nno fonts here\n"


def test_set_titles_not_ids_and_practice_counted_apart(
    repository: Repository, tmp_path: Path
) -> None:
    builder = ClassBuilder(SETS)
    students = hand_class(builder)
    builder.attempt(students[0], {"q1": ["a"]}, mode="practice")
    builder.write(repository)
    out = tmp_path / "class.pdf"
    filters = ReportFilters(set_id="mini")
    write_report("pdf", out, load_dataset(repository.class_reader, SETS, filters), "en")
    _pages, text = pdf_text(out)
    assert "Set: Mini set (en)" in text  # the filter, by title
    assert "Mini set (en) – first" in text  # the students table's column
    assert "(mini)" not in text and "mini – first" not in text
    assert "6 finished attempts at a whole set" in text
    assert "1 practice round" in text


def test_rows_are_not_split_across_pages(qapp: object, tmp_path: Path) -> None:
    """A table of tall rows: Qt alone splits some across pages; none is split after moving."""
    out = tmp_path / "rows.pdf"
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    page = writer.pageLayout().paintRectPixels(150)
    rows = [
        f"<tr><td>Start{n:02d}<br>two<br>three<br>End{n:02d}</td><td>x</td></tr>" for n in range(60)
    ]
    html = "<p>intro</p>" + _table("<th>HeadA</th><th>HeadB</th>", rows)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html)
    document.setPageSize(QSizeF(page.width(), page.height()))
    assert _first_split_row(document) is not None  # without help, a row would be split
    assert keep_rows_whole(document, html) > 0
    assert _first_split_row(document) is None
    painter = QPainter(writer)
    height = page.height()
    for index in range(document.pageCount()):
        if index:
            writer.newPage()
        painter.save()
        painter.translate(0, -index * height)
        document.drawContents(painter, QRectF(0, index * height, page.width(), height))
        painter.restore()
    painter.end()
    del writer
    seen = []
    for number, pdf_page in enumerate(PdfReader(out).pages):
        text = pdf_page.extract_text()
        starts, ends = re.findall(r"Start(\d+)", text), re.findall(r"End(\d+)", text)
        assert starts == ends, f"page {number + 1} splits a row"
        assert "HeadA" in text  # the header on every page
        seen += starts
    assert seen == [f"{n:02d}" for n in range(60)]


def test_real_report_has_no_split_rows(repository: Repository, tmp_path: Path) -> None:
    create_demo_class(repository, SETS, 60, seed=5, language="en")
    report = build_report(load_dataset(repository.class_reader, SETS), "en")
    writer = QPdfWriter(str(tmp_path / "unused.pdf"))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    page = writer.pageLayout().paintRectPixels(DPI)
    with report_language("en"):
        document, html = _document(report, writer, page.width())
    document.setPageSize(QSizeF(page.width(), page.height() - FOOTER_PX))
    keep_rows_whole(document, html)
    assert _first_split_row(document) is None


def test_names_without_a_font_are_shown_as_codes(repository: Repository, tmp_path: Path) -> None:
    names = ["Ada \U0001f98a", "李雷"]
    builder = ClassBuilder(SETS)
    for name in names:
        builder.attempt(builder.student(name), {"q1": ["a"]})
    builder.write(repository)
    out = tmp_path / "names.pdf"
    write_report("pdf", out, load_dataset(repository.class_reader, SETS), "en")
    _pages, text = pdf_text(out)
    for name in names:
        # Drawn by a font that has it, or written as its code: never an empty box.
        shown = shown_text(name)
        assert shown in (name, "".join(c if c.isascii() else f"[U+{ord(c):04X}]" for c in name))
        assert shown.replace(" ", "") in text.replace(" ", "")
    assert shown_text("Zoë Ärger") == "Zoë Ärger"  # DejaVu has these
