"""Issue 23, done when: every displayed score agrees with the raw answer rows.

A demo class on the shipped content is written to a real SQLite file. :func:`raw_scores`
reads the rows back with ``sqlite3`` and works out each attempt's right answers, questions and
points with its own few lines (the credit stored with the answer; for a multiple-answer question
saved without one, right choices picked minus wrong ones, of the right ones, never below 0).
:func:`spoken` writes them the way the issue defines ("9 of 15 right (60 %) · 10.4 points").
Those numbers are then compared with the results page (real widgets), the class grid, the
drill-down, and the CSV, XLSX and PDF reports, in English and in German.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from reports_fixtures import english

from quizapp import i18n
from quizapp.core.content.loader import ContentLibrary, load_content
from quizapp.core.content.models import Question, QuestionSet, QuestionType
from quizapp.demo.simulated_class import create_demo_class
from quizapp.paths import content_dir
from quizapp.reports.dataset import ClassDataset, load_dataset
from quizapp.reports.export import write_report
from quizapp.reports.formatting import report_language
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.results_controller import ResultsController
from quizapp.ui.teacher.class_rows import class_grid, student_answers
from quizapp.ui.views.results_view import ResultsView
from quizapp.ui.views.review_view import ReviewView

LANGUAGES = ("en", "de")
STUDENTS = 12


@dataclass(frozen=True)
class Raw:
    """One attempt as the rows say it."""

    attempt_id: int
    student: str
    set_id: str
    language: str
    mode: str
    finished: str | None
    right: int
    questions: int
    points: float
    verdicts: tuple[str, ...] = ()  # each answer's credit: (correct, credit) as text keys


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_content([content_dir()])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, library: ContentLibrary) -> Path:
    data = tmp_path_factory.mktemp("one-truth")
    sets = [s for s in library.sets]
    with Repository.open(data) as repository:
        create_demo_class(repository, sets, STUDENTS, seed=23, language="de")
    return data


def raw_scores(folder: Path, library: ContentLibrary) -> list[Raw]:
    """Right answers, questions and points of every attempt, from the raw rows."""
    with closing(sqlite3.connect(folder / "quizapp.sqlite")) as db:
        attempts = db.execute(
            "SELECT a.id, s.nickname, a.set_id, a.language, a.mode, a.finished_at, "
            "a.question_ids FROM attempt a JOIN student s ON s.id = a.student_id"
        ).fetchall()
        answers = db.execute(
            "SELECT attempt_id, question_id, chosen, correct, credit FROM answer"
        ).fetchall()
    by_attempt: dict[int, list[tuple[str, str, int, float | None]]] = {}
    for attempt_id, question_id, chosen, correct, credit in answers:
        by_attempt.setdefault(attempt_id, []).append((question_id, chosen, correct, credit))
    result = []
    for attempt_id, student, set_id, language, mode, finished, question_ids in attempts:
        qset = library.get_set(set_id, language)
        assert qset is not None
        right, points, verdicts = 0, 0.0, []
        for question_id, chosen, correct, credit in by_attempt.get(attempt_id, []):
            right += bool(correct)
            earned = own_credit(qset, question_id, json.loads(chosen), correct, credit)
            points += earned
            verdicts.append("right" if correct else f"{round(100 * earned)}" if earned else "no")
        total = len(json.loads(question_ids))
        raw = Raw(attempt_id, student, set_id, language, mode, finished, right, total, points)
        result.append(replace(raw, verdicts=tuple(verdicts)))
    return result


def own_credit(
    qset: QuestionSet, question_id: str, chosen: list[str], correct: int, credit: float | None
) -> float:
    if credit is not None:
        return credit
    question = qset.question(question_id)
    if isinstance(question, Question) and question.type is QuestionType.MULTIPLE and not correct:
        right = {c.id for c in question.choices if c.correct}
        return max(0, len(right & set(chosen)) - len(set(chosen) - right)) / len(right)
    return 1.0 if correct else 0.0


def spoken(raw: Raw, language: str, *, with_percent: bool = False) -> str:
    """The score as the issue wants it said: "9 of 15 right (60 %) · 10.4 points"."""
    right, total, points = raw.right, raw.questions, raw.points
    de = language == "de"
    text = f"{right} {'von' if de else 'of'} {total} {'richtig' if de else 'right'}"
    if with_percent:
        share = round(100 * right / total)
        text += f" ({share} %)" if de else f" ({share}%)"
    if round(points, 3) != right:
        number = f"{round(points, 1):.1f}".removesuffix(".0")
        number = number.replace(".", ",") if de else number
        unit = (
            ("Punkt" if de else "point")
            if round(points, 1) == 1
            else ("Punkte" if de else "points")
        )
        text += f" · {number} {unit}"
    return text


def verdict(key: str, language: str) -> str:
    """An answer's verdict as the issue words it: "Partly right (86 %)"."""
    de = language == "de"
    if key == "right":
        return "Richtig" if de else "Right"
    if key == "no":
        return "Nicht richtig" if de else "Not right"
    return f"Teilweise richtig ({key} %)" if de else f"Partly right ({key}%)"


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def firsts(raws: list[Raw]) -> dict[tuple[str, str], Raw]:
    """Each student's first finished whole-set attempt per set (as the reports define it)."""
    found: dict[tuple[str, str], Raw] = {}
    for raw in sorted(raws, key=lambda r: (r.finished or "", r.attempt_id)):
        if raw.finished and raw.mode == "full":
            found.setdefault((raw.student, raw.set_id), raw)
    return found


def dataset_of(folder: Path, library: ContentLibrary, *, every: bool) -> ClassDataset:
    repository = Repository.open(folder)
    try:
        return load_dataset(repository.class_reader, list(library.sets), all_answers=every)
    finally:
        repository.close()


def test_the_demo_class_has_partial_credit_to_show(folder: Path, library: ContentLibrary) -> None:
    raws = raw_scores(folder, library)
    assert len({r.student for r in raws}) == STUDENTS
    assert any(round(r.points, 3) != r.right for r in raws)  # else points would be untested


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_page_shows_the_rows_score(
    qtbot: QtBot, folder: Path, library: ContentLibrary, language: str
) -> None:
    raws = {r.attempt_id: r for r in raw_scores(folder, library)}
    view, review = ResultsView(), ReviewView()
    qtbot.addWidget(view)
    qtbot.addWidget(review)
    i18n.setup(language)
    try:
        with Repository.open(folder) as repository:
            controller = ResultsController(repository, library, view, review, lambda _w: None)
            shown = 0
            for student in repository.students():
                for attempt in repository.history(student.id):
                    raw = raws[attempt.id]
                    qset = library.get_set(attempt.set_id, attempt.language)
                    if not attempt.finished or raw.mode != "full" or qset is None:
                        continue
                    controller.show_attempt(attempt, qset)
                    assert flat(view.score.text()) == spoken(raw, language), attempt.id
                    share = round(100 * raw.right / raw.questions)
                    assert flat(view.big_score.text()) == (
                        f"{share} %" if language == "de" else f"{share}%"
                    )
                    shown += 1
        assert shown >= STUDENTS
    finally:
        i18n.setup("en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_class_grid_and_drill_down_show_the_rows_scores(
    folder: Path, library: ContentLibrary, language: str
) -> None:
    raws = raw_scores(folder, library)
    dataset = dataset_of(folder, library, every=True)
    with report_language(language):
        grid = class_grid(dataset, language)
        set_ids = [set_id for set_id, _title in grid.sets]
        for row in grid.students:
            for set_id, cell in zip(set_ids, row.cells, strict=True):
                mine = [r for r in raws if r.student == row.student and r.set_id == set_id]
                full = [r for r in mine if r.finished and r.mode == "full"]
                if not full:
                    continue
                best = max(full, key=lambda r: (r.right / r.questions, r.right, r.points))
                last = max(full, key=lambda r: (r.finished or "", r.attempt_id))
                details = flat(cell.details)
                assert spoken(best, language, with_percent=True) in details, details
                assert spoken(last, language, with_percent=True) in details, details
            for student in dataset.students.values():
                if student.name != row.student:
                    continue
                for set_id in set_ids:
                    shown = student_answers(dataset, student.id, set_id, language)
                    titles = [flat(a.title).split(" · ", 2)[2] for a in shown]
                    mine = [r for r in raws if r.student == row.student and r.set_id == set_id]
                    expected = [spoken(r, language) for r in mine if r.finished]
                    assert sorted(t for t in titles if t[0].isdigit()) == sorted(expected)
                    # Every answer's verdict: "Partly right (86 %)", never "Wrong".
                    lines = sorted(
                        flat(line.result).split(":")[0] for a in shown for line in a.answers
                    )
                    wanted = sorted(verdict(k, language) for r in mine for k in r.verdicts)
                    assert lines == wanted


@pytest.mark.parametrize("language", LANGUAGES)
def test_csv_xlsx_and_pdf_show_the_rows_first_attempt_scores(
    qtbot: QtBot, folder: Path, library: ContentLibrary, language: str, tmp_path: Path
) -> None:
    first = firsts(raw_scores(folder, library))
    dataset = dataset_of(folder, library, every=False)
    with report_language(language):
        right_header = i18n._("%(set)s – right (first attempt)")
        points_header = i18n._("%(set)s – points (first attempt)")
        titles = {
            set_id: qs.title
            for set_id in {s for _n, s in first}
            if (qs := dataset.question_set(set_id, language)) is not None
        }
    delimiter = ";" if language == "de" else ","
    matrix, _answers = write_report("csv", tmp_path / "class.csv", dataset, language)
    with matrix.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=delimiter))
    xlsx = write_report("xlsx", tmp_path / "class.xlsx", dataset, language)[0]
    sheet = load_workbook(xlsx).worksheets[1]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    for table, as_number in ((rows, lambda v: float(str(v).replace(",", "."))), (cells, float)):
        header, body = table[0], {line[0]: line for line in table[1:]}
        for (student, set_id), raw in first.items():
            title = titles[set_id]
            line = body[student]
            assert int(line[header.index(right_header % {"set": title})]) == raw.right
            points = as_number(line[header.index(points_header % {"set": title})])
            assert points == pytest.approx(raw.points, abs=0.001)
    pdf = write_report("pdf", tmp_path / "class.pdf", dataset, language)[0]
    text = flat(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
    # The Students table comes last; each student's row holds their first-attempt scores, the
    # right answers and the points on two lines of one cell. Text extraction puts stray spaces
    # between glyphs ("ri ght"), so the words are compared without blanks.
    students = sorted({student for student, _set in first})
    base = text.rindex(f"{students[0]} ")
    starts = [text.index(f"{student} ", base) for student in students] + [len(text)]
    for n, student in enumerate(students):
        chunk = "".join(text[starts[n] : starts[n + 1]].split())
        for set_id in titles:
            raw = first.get((student, set_id))
            if raw is not None:
                expected = "".join(spoken(raw, language).replace(" · ", " ").split())
                assert expected in chunk, (student, chunk)
