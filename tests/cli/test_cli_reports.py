"""The teacher's sub-commands, run in-process through ``quizapp.cli.main``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reports_fixtures import BASE_TIME, ClassBuilder, english

from quizapp.cli import main
from quizapp.core.content.loader import load_content
from quizapp.core.content.models import Question, QuestionSet
from quizapp.paths import content_dir
from quizapp.storage.repository import Repository

# Qt needs one application object per process; the widget tests need it to be a QApplication,
# so PDFs are rendered under pytest-qt's (outside tests, the report makes a QGuiApplication).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    """The commands switch the process language; put it back for the other tests."""
    with english():
        yield


@pytest.fixture(scope="module")
def why() -> QuestionSet:
    found = load_content([content_dir()]).get_set("why", "en")
    assert found is not None
    return found


def all_right(question_set: QuestionSet) -> dict[str, list[str]]:
    # ["right"]: a right answer to a task that is not answered by choices (see ClassBuilder)
    return {
        q.id: sorted(q.correct_ids) if isinstance(q, Question) else ["right"]
        for q in question_set.questions
    }


def machine(folder: Path, why: QuestionSet, names: list[str], day: int) -> None:
    """A classroom computer where ``names`` (all in 7a) each did the "why" set once."""
    with Repository.open(folder) as repo:
        builder = ClassBuilder([why])
        for n, name in enumerate(names):
            student = builder.student(name, "7a")
            picks = all_right(why)
            missed = why.questions[n]  # one wrong answer each
            picks[missed.id] = (
                [next(c.id for c in missed.choices if not c.correct)]
                if isinstance(missed, Question)
                else ["wrong"]
            )
            builder.attempt(student, picks, when=BASE_TIME + timedelta(days=day, minutes=n))
        builder.write(repo)


def test_three_machines_merged_into_one_report(
    why: QuestionSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine(tmp_path / "pc1", why, ["Anna", "Ben"], 0)
    machine(tmp_path / "pc2", why, ["Cara", "Anna"], 1)  # Anna again, on another computer
    machine(tmp_path / "pc3", why, ["Dev"], 2)
    files = []
    for n in (1, 2, 3):
        out = tmp_path / f"pc{n}.json.gz"
        args = ["--lang", "en", "--data-dir", str(tmp_path / f"pc{n}")]
        assert main([*args, "results", "export", "--out", str(out)]) == 0
        files.append(str(out))
    teacher = ["--lang", "en", "--data-dir", str(tmp_path / "teacher")]
    assert main([*teacher, "results", "import", *files]) == 0
    printed = capsys.readouterr().out
    answers = 5 * len(why.questions)  # every attempt answers the whole set
    assert f"Added 4 students, 5 attempts and {answers} answers." in printed
    assert "1 student matched a student here" in printed
    assert main([*teacher, "results", "import", files[0]]) == 0  # again: nothing new
    assert "Added 0 students" in capsys.readouterr().out
    report = tmp_path / "class.xlsx"
    assert main([*teacher, "report", "--format", "xlsx", "--out", str(report)]) == 0
    sheet = load_workbook(report)["Students × Questions"]
    names = sorted(row[0].value for row in sheet.iter_rows(min_row=2))
    assert names == ["Anna", "Ben", "Cara", "Dev"]
    anna = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Anna")
    assert anna[6].value == 2  # finished attempts at "why", one from each computer


def test_report_formats_filters_and_options(
    why: QuestionSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine(tmp_path / "data", why, ["Anna", "Ben", "Cara"], 0)
    base = ["--data-dir", str(tmp_path / "data"), "report"]
    csv_out = tmp_path / "class.csv"
    assert main([*base, "--format", "csv", "--out", str(csv_out), "--lang", "en"]) == 0
    assert "class-answers.csv" in capsys.readouterr().out
    assert (tmp_path / "class-answers.csv").is_file()
    first_line = csv_out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line.startswith("Student,Group,")
    semicolons = tmp_path / "semi.csv"
    args = ["--format", "csv", "--out", str(semicolons), "--lang", "en", "--delimiter", ";"]
    assert main([*base, *args]) == 0
    assert semicolons.read_text(encoding="utf-8-sig").startswith("Student;Group;")
    pdf = tmp_path / "codes.pdf"
    args = ["--format", "pdf", "--out", str(pdf), "--lang", "en", "--pseudonymise"]
    assert main([*base, *args, "--set", "why", "--group", "7a", "--from", "2025-03-01"]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Anna" not in text and "S-" in text
    # Nothing matches: a clear message and exit 1, not a header-only file (issue 13).
    empty = tmp_path / "empty.xlsx"
    capsys.readouterr()
    assert main([*base, "--format", "xlsx", "--out", str(empty), "--to", "2025-01-01"]) == 1
    assert "No results match" in capsys.readouterr().err and not empty.exists()


def test_data_dir_may_follow_the_sub_command(why: QuestionSet, tmp_path: Path) -> None:
    machine(tmp_path / "data", why, ["Anna"], 0)
    out = tmp_path / "r.xlsx"
    args = ["report", "--format", "xlsx", "--out", str(out), "--data-dir", str(tmp_path / "data")]
    assert main(args) == 0 and out.is_file()


def test_demo_command_fills_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "demo"
    args = ["--lang", "en", "demo", "--students", "12", "--seed", "4", "--data-dir", str(folder)]
    assert main(args) == 0
    assert "12 students" in capsys.readouterr().out
    with Repository.open(folder) as repo:
        students = repo.students()
    assert len(students) == 12 and all(s.is_demo and s.group == "Demo class" for s in students)
    out = tmp_path / "demo.pdf"
    assert main(["--lang", "en", "--data-dir", str(folder), "report", "--format", "pdf",
                 "--out", str(out)]) == 0  # fmt: skip
    first_page = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Simulated demo class" in first_page


def test_failures_are_clear_messages_without_traceback(
    why: QuestionSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine(tmp_path / "data", why, ["Anna"], 0)
    base = ["--lang", "en", "--data-dir", str(tmp_path / "data")]
    missing = tmp_path / "no-folder" / "r.pdf"
    assert main([*base, "report", "--format", "pdf", "--out", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "no-folder" in err and "Traceback" not in err
    nowhere = ["--lang", "en", "--data-dir", str(tmp_path / "nothing-here")]
    assert main([*nowhere, "report", "--format", "csv", "--out", str(tmp_path / "x.csv")]) == 1
    assert "no results" in capsys.readouterr().err.lower()
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "quizapp-results", "version": 1, "payl')
    assert main([*base, "results", "import", str(cut)]) == 1
    assert "cut.json" in capsys.readouterr().err
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"hello": 1}))
    assert main([*base, "results", "import", str(foreign)]) == 1
    assert "not a quizapp results file" in capsys.readouterr().err
    assert main(["--lang", "en", "demo", "--students", "3"]) == 2  # demo needs --data-dir
    assert main([*base, "demo", "--students", "3"]) == 1  # a folder with real students
    assert "real students" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "doc", "--out", "x"],
        ["report", "--format", "csv"],
        ["report", "--format", "csv", "--out", "x.csv", "--from", "10.03.2025"],
        ["report", "--format", "csv", "--out", "x.csv", "--delimiter", ";;"],
        ["results", "import"],
        ["demo", "--students", "0", "--data-dir", "x"],
    ],
)
def test_bad_usage_exits_with_2(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2


def test_help_explains_the_csv_pair(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "-answers" in capsys.readouterr().out
