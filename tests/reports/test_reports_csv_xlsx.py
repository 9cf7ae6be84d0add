"""CSV and XLSX reports written to real files and read back (csv module, openpyxl)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reports_fixtures import ClassBuilder, english, fixture_set, hand_class

from quizapp.atomic_file import OutputPathError, atomic_paths
from quizapp.core.quiz import Confidence, QuizSession
from quizapp.reports.csv_report import write_table
from quizapp.reports.dataset import ClassDataset, load_dataset
from quizapp.reports.export import ReportError, write_report
from quizapp.reports.report_tables import Column, Kind, Table
from quizapp.storage.repository import Repository

MINI = fixture_set()
HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


@pytest.fixture
def dataset(repository: Repository) -> ClassDataset:
    builder = ClassBuilder([MINI])
    hand_class(builder)
    hostile = builder.student(HOSTILE, "+7b")
    builder.attempt(hostile, {"q1": ["c"], "q2": ["true"], "q3": ["false"], "q4": ["a", "b"]})
    builder.write(repository)
    return load_dataset(repository.class_reader, [MINI])


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_matrix_and_long_file_in_german(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.csv"
    written = write_report("csv", out, dataset, "de")
    # The long file's name is in the report's language too.
    assert written == [out, tmp_path / "class-antworten.csv"]
    matrix = read_csv(out, ";")
    # Headers are translated (a colleague keeps the catalog): find columns by position.
    # Student, Group, then per set: right, score (%), points, best (%), finished; then the
    # questions. Sets are named by their titles.
    header, rows = matrix[0], {row[0]: row for row in matrix[1:]}
    assert len(header) == 2 + 5 + 4
    assert header[2].startswith(MINI.title + " – ")
    assert header[-4:] == ["q1", "q2", "q3", "q4"]
    assert rows["S1"][-4:] == ["1", "1", "1", "0"]
    assert (rows["S1"][2], rows["S1"][3]) == ("3", "75")
    assert rows["S6"][3] == "25"
    answers = read_csv(written[1], ";")
    assert len(answers) == 1 + 7 * 4
    # The set by its title, its id in a column of its own.
    assert (answers[1][2], answers[1][3]) == (MINI.title, MINI.id)
    # The chosen answer as its text, the ids in a column of their own.
    question = MINI.question(answers[1][9])
    assert question is not None
    ids = answers[1][13].split("+")
    assert answers[1][12] == " + ".join(c.text for c in question.choices if c.id in ids)
    # The partial count (scoring.credit) beside "correct": right choices found, of how many.
    assert answers[1][14] in ("ja", "nein")  # "Correct" in the report's language
    assert answers[1][15] in ("Richtig", "Nicht richtig")
    assert answers[1][16] == ("1 von 1" if answers[1][14] == "ja" else "0 von 1")
    assert answers[1][18] == "12,5"  # seconds, with the German decimal comma
    datetime.strptime(answers[1][19], "%Y-%m-%d %H:%M:%S")  # answered at


def test_csv_in_english_uses_commas_and_points(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.csv"
    write_report("csv", out, dataset, "en")
    answers = read_csv(tmp_path / "class-answers.csv", ",")
    assert answers[1][answers[0].index("Seconds")] == "12.5"


def test_csv_delimiter_can_be_chosen(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.tsv"
    write_report("csv", out, dataset, "en", delimiter="\t")
    assert read_csv(out, "\t")[0][:2] == ["Student", "Group"]
    with pytest.raises(ReportError):
        write_report("csv", out, dataset, "de", delimiter=";;")


def test_formula_like_text_is_neutralised_in_csv(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.csv"
    write_report("csv", out, dataset, "en")
    for path in (out, tmp_path / "class-answers.csv"):
        rows = read_csv(path, ",")
        hostile = [row for row in rows if HOSTILE in row[0]]
        assert hostile, path
        for row in hostile:
            assert row[0] == "'" + HOSTILE
            assert row[1] == "'+7b"


def test_numbers_stay_numbers_even_when_negative() -> None:
    table = Table(
        "t",
        [Column("Name", Kind.TEXT), Column("D", Kind.DECIMAL), Column("DE", Kind.PERCENT)],
        iter([["-5", -0.25, -0.5], ["@x", 3, None]]),
    )
    stream = io.StringIO()
    write_table(table, stream, ";", "de")
    rows = list(csv.reader(io.StringIO(stream.getvalue()), delimiter=";"))
    assert rows[0] == ["Name", "D", "DE (%)"]
    assert rows[1] == ["'-5", "-0,25", "-50"]  # text neutralised, numbers kept
    assert rows[2] == ["'@x", "3", ""]


def test_xlsx_sheets_formats_and_frozen_headers(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.xlsx"
    write_report("xlsx", out, dataset, "en")
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Overview", "Students × Questions", "Item analysis", "Answers"]
    overview = workbook["Overview"]
    assert overview["A1"].value == "Class report"
    matrix = workbook["Students × Questions"]
    assert matrix.freeze_panes == "C2"
    header = [cell.value for cell in matrix[1]]
    score_column = header.index(f"{MINI.title} – score (first attempt)") + 1
    # A set title ending in "?" never gets a colon after it ("What happened?: …", issue 21.6).
    assert not any("?:" in str(name) for name in header)
    s1 = next(row for row in matrix.iter_rows(min_row=2) if row[0].value == "S1")
    assert s1[score_column - 1].value == pytest.approx(0.75)
    assert s1[score_column - 1].number_format == "0%"
    assert matrix.column_dimensions["A"].width == 18
    items = workbook["Item analysis"]
    assert items.freeze_panes == "E2"
    item_header = [cell.value for cell in items[1]]
    d = item_header.index("Discrimination index")
    q4 = next(row for row in items.iter_rows(min_row=2) if row[3].value == "q4")
    assert q4[d].data_type == "n" and q4[d].value < 0  # a negative number stays a number
    assert q4[d].number_format == "0%"
    assert q4[item_header.index("Level")].value == "Recall"  # what the question asks, by name
    answers = workbook["Answers"]
    assert answers.freeze_panes == "B2"
    assert answers.max_row == 1 + 7 * 4
    when = [cell.value for cell in answers[1]].index("Answered at")
    assert isinstance(answers.cell(row=2, column=when + 1).value, datetime)


def test_formula_like_text_is_stored_as_text_in_xlsx(dataset: ClassDataset, tmp_path: Path) -> None:
    out = tmp_path / "class.xlsx"
    write_report("xlsx", out, dataset, "en")
    workbook = load_workbook(out)
    for title in ("Students × Questions", "Answers"):
        sheet = workbook[title]
        cells = [row[0] for row in sheet.iter_rows(min_row=2) if row[0].value == HOSTILE]
        assert cells, title
        for cell in cells:
            assert cell.data_type == "s"  # text, not a formula ("f")
            assert cell.quotePrefix  # and stays text when edited in Excel
            group = sheet.cell(row=cell.row, column=2)
            assert (group.value, group.data_type, group.quotePrefix) == ("+7b", "s", True)


def test_pseudonymised_reports_show_stable_codes(repository: Repository, tmp_path: Path) -> None:
    builder = ClassBuilder([MINI])
    hand_class(builder)
    builder.write(repository)
    first = load_dataset(repository.class_reader, [MINI], pseudonymise=True)
    second = load_dataset(repository.class_reader, [MINI], pseudonymise=True)
    names = sorted(student.name for student in first.students.values())
    assert names == sorted(student.name for student in second.students.values())
    assert len(set(names)) == 6 and all(name.startswith("S-") and len(name) == 8 for name in names)
    out = tmp_path / "codes.csv"
    write_report("csv", out, first, "en")
    text = out.read_text(encoding="utf-8-sig") + (tmp_path / "codes-answers.csv").read_text(
        encoding="utf-8-sig"
    )
    assert "S1," not in text and "S-" in text


def test_results_saved_through_the_repository_appear(
    repository: Repository, tmp_path: Path
) -> None:
    student = repository.get_or_create_student("Mia", "7c")
    session = QuizSession(MINI, seed=3)
    attempt = repository.start_attempt(student.id, "mini", "en", [q.id for q in MINI.questions], 3)
    for picks in (["a"], ["true"], ["true"], ["a", "b"]):
        repository.save_answer(attempt.id, session.submit(picks, Confidence.UNSURE, 4.0))
    repository.finish_attempt(attempt.id)
    dataset = load_dataset(repository.class_reader, [MINI])
    out = tmp_path / "mia.csv"
    write_report("csv", out, dataset, "en")
    rows = read_csv(out, ",")
    assert rows[1][:2] == ["Mia", "7c"]
    assert rows[1][-4:] == ["1", "1", "0", "1"]
    long_rows = read_csv(tmp_path / "mia-answers.csv", ",")
    older = long_rows[0].index("Older question version")
    assert {row[older] for row in long_rows[1:]} == {"no"}


def test_bad_output_paths_give_clear_errors(dataset: ClassDataset, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as missing:
        write_report("xlsx", tmp_path / "nope" / "class.xlsx", dataset, "en")
    assert "nope" in missing.value.message and missing.value.hint
    with pytest.raises(ReportError) as folder:
        write_report("xlsx", tmp_path, dataset, "en")
    assert "folder" in folder.value.message
    # CSV: the long file's name is taken by a folder; nothing at all is written.
    (tmp_path / "pair-answers.csv").mkdir()
    with pytest.raises(ReportError):
        write_report("csv", tmp_path / "pair.csv", dataset, "en")
    assert not (tmp_path / "pair.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pair-answers.csv"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unwritable_folder_is_reported(dataset: ClassDataset, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ReportError) as error:
            write_report("csv", locked / "class.csv", dataset, "en")
        assert "locked" in error.value.message
    finally:
        locked.chmod(0o700)


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_text("the old report")
    with pytest.raises(RuntimeError), atomic_paths([target]) as (temp,):
        temp.write_text("half a new rep")
        raise RuntimeError("the writer crashed")
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    with pytest.raises(OutputPathError), atomic_paths([tmp_path / "x" / "y.pdf"]):
        pass


@pytest.mark.parametrize(("language", "yes", "no"), [("en", "yes", "no"), ("de", "ja", "nein")])
def test_yes_no_columns_are_words_of_the_report_language(
    dataset: ClassDataset, tmp_path: Path, language: str, yes: str, no: str
) -> None:
    write_report("csv", tmp_path / "class.csv", dataset, language)
    name = "class-answers.csv" if language == "en" else "class-antworten.csv"
    rows = read_csv(tmp_path / name, ";" if language == "de" else ",")
    header = rows[0]
    correct = header.index("Correct" if language == "en" else "Richtig")
    assert {row[correct] for row in rows[1:]} == {yes, no}
    first = header.index("First attempt" if language == "en" else "Erster Durchgang")
    assert {row[first] for row in rows[1:]} <= {yes, no}
    # XLSX keeps the number (sums and filters still work) and shows the word.
    write_report("xlsx", tmp_path / "class.xlsx", dataset, language)
    sheet = load_workbook(tmp_path / "class.xlsx")["Answers" if language == "en" else "Antworten"]
    titles = [cell.value for cell in sheet[1]]
    column = titles.index("Correct" if language == "en" else "Richtig") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.value in (0, 1)
    assert cell.number_format == f'"{yes}";"{yes}";"{no}"'
