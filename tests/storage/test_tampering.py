"""Tampering: PIN parameters only as the app writes them, and forged results that would take
over a classmate's first attempt are held back until the teacher accepts them (issue 15.5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from reports_fixtures import BASE_TIME, ClassBuilder, english, fixture_set
from ui_support import (
    db_rows,
    open_teacher_area,
    reset_language,
    start_shell,
    teacher_controller,
)

from quizapp.cli import main
from quizapp.core.pin import hash_pin, verify_pin
from quizapp.reports.dataset import load_dataset
from quizapp.storage.exchange import HoldReason, export_results, import_results
from quizapp.storage.repository import Repository

MINI = fixture_set()
ALL_RIGHT = {"q1": ["a"], "q2": ["true"], "q3": ["false"], "q4": ["a", "b"]}
ALL_WRONG = {"q1": ["b"], "q2": ["false"], "q3": ["true"], "q4": ["c"]}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


def test_pin_hashes_with_other_scrypt_parameters_are_refused_without_work() -> None:
    good = hash_pin("4711")
    assert verify_pin("4711", good)
    _, n, r, p, salt, digest = good.split("$")
    for params in ((2**20, r, p), (n, 16, p), (n, r, 2), (2**14, 8, 64), (2**30, 8, 1)):
        tampered = "$".join(["scrypt", *(str(v) for v in params), salt, digest])
        assert verify_pin("4711", tampered) is False  # no 1 GiB allocation, no ValueError
    assert verify_pin("4711", "$".join(["scrypt", n, r, p, salt[:8], digest])) is False


def _anna_here(teacher: Path) -> None:
    """Anna (7a) did the set on the teacher's machine, badly, on day 2."""
    with Repository.open(teacher) as repo:
        builder = ClassBuilder([MINI])
        anna = builder.student("Anna", "7a")
        builder.attempt(anna, ALL_WRONG, when=BASE_TIME + timedelta(days=2))
        builder.write(repo)


def _forger(folder: Path, out: Path, *, days: int, set_id: str = "mini") -> Path:
    """Another computer where someone calls themselves Anna (7a) and does perfectly."""
    with Repository.open(folder) as repo:
        builder = ClassBuilder([MINI, fixture_set(set_id=set_id)] if set_id != "mini" else [MINI])
        anna = builder.student("Anna", "7a")
        builder.attempt(anna, ALL_RIGHT, when=BASE_TIME + timedelta(days=days), set_id=set_id)
        builder.write(repo)
        return export_results(repo, out).path


def _first_score(teacher: Path) -> int:
    with Repository.open(teacher) as repo:
        dataset = load_dataset(repo.class_reader, [MINI])
    (first,) = dataset.first_attempts("mini")
    return sum(answer.correct for answer in dataset.first_responses[first.id])


def test_a_backdated_attempt_of_a_classmate_is_held_back(tmp_path: Path) -> None:
    teacher = tmp_path / "teacher"
    _anna_here(teacher)
    forged = _forger(tmp_path / "forger", tmp_path / "forged.json", days=0)
    with Repository.open(teacher) as repo:
        summary = import_results(repo, [forged])
    (held,) = summary.held_back
    assert (held.nickname, held.group, held.set_id) == ("Anna", "7a", "mini")
    assert held.reason is HoldReason.EARLIER_THAN_FIRST
    assert (summary.attempts.added, summary.answers.added) == (0, 0)
    assert _first_score(teacher) == 0  # Anna's real first attempt is still the first
    with Repository.open(teacher) as repo:
        accepted = import_results(repo, [forged], accept_held_back=True)
    assert (accepted.attempts.added, accepted.answers.added, accepted.held_back) == (1, 4, [])
    assert _first_score(teacher) == 4


def test_a_first_attempt_of_a_same_named_student_from_elsewhere_is_held_back(
    tmp_path: Path,
) -> None:
    teacher = tmp_path / "teacher"
    _anna_here(teacher)
    other_set = _forger(tmp_path / "pc", tmp_path / "other.json", days=5, set_id="other")
    with Repository.open(teacher) as repo:
        summary = import_results(repo, [other_set])
    (held,) = summary.held_back
    assert held.reason is HoldReason.OTHER_COMPUTER and held.set_id == "other"


def test_later_attempts_from_another_computer_go_in_without_asking(tmp_path: Path) -> None:
    teacher = tmp_path / "teacher"
    _anna_here(teacher)
    later = _forger(tmp_path / "pc", tmp_path / "later.json", days=9)
    with Repository.open(teacher) as repo:
        summary = import_results(repo, [later])
    assert summary.held_back == [] and summary.attempts.added == 1
    assert summary.per_student[("Anna", "7a")].attempts == 1
    assert _first_score(teacher) == 0  # a second try is a second try


def test_the_command_line_skips_held_back_rows_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teacher = tmp_path / "teacher"
    _anna_here(teacher)
    forged = _forger(tmp_path / "forger", tmp_path / "forged.json", days=0)
    base = ["--lang", "en", "--data-dir", str(teacher), "results", "import", str(forged)]
    assert main(base) == 0
    printed = capsys.readouterr()
    assert "Added 0 students, 0 attempts and 0 answers." in printed.out
    assert "1 attempt was not imported because it would change" in printed.err
    assert "Anna (group 7a), set “mini”" in printed.err and "--accept-backdated" in printed.err
    assert main([*base, "--accept-backdated"]) == 0
    printed = capsys.readouterr()
    assert "Added 0 students, 1 attempt and 4 answers." in printed.out
    assert "Anna (group 7a): 1 attempt, 4 answers" in printed.out
    assert _first_score(teacher) == 4


def test_the_teacher_area_asks_before_adding_held_back_attempts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    forged = _forger(tmp_path / "forger", tmp_path / "forged.json", days=0)
    shell = start_shell(qtbot, tmp_path / "teacher")
    assert shell.repository is not None
    builder = ClassBuilder([MINI])
    builder.attempt(builder.student("Anna", "7a"), ALL_WRONG, when=BASE_TIME + timedelta(days=2))
    builder.write(shell.repository)
    open_teacher_area(qtbot, shell)
    actions = teacher_controller(shell).actions
    assert actions is not None

    def attempts() -> int:
        return len(db_rows(tmp_path / "teacher", "SELECT id FROM attempt"))

    for button, expected in (("Leave them out", 1), ("Add them too", 2)):
        summary = actions.import_results([forged])
        assert summary is not None and len(summary.held_back) == 1
        box = shell.window.findChild(QMessageBox, "import_held_back_confirmation")
        assert box is not None and "Anna (group 7a), set “Mini set”" in box.text()
        assert box.defaultButton().text() == "Leave them out"  # Enter keeps forgeries out
        next(b for b in box.buttons() if b.text() == button).click()
        qtbot.waitUntil(lambda expected=expected: attempts() == expected)
        box.deleteLater()
        qtbot.wait(10)
