"""Repository behaviour on real SQLite files and a real PostgreSQL class database: students,
attempts, answers, scores, settings. Tests taking ``store`` run once on each backend."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from quizapp.core.quiz import AnswerResult, Confidence
from quizapp.storage.repository import Repository

QUESTIONS = ["q1", "q2", "q3"]


def answer(
    question_id: str,
    *,
    correct: bool = True,
    chosen: tuple[str, ...] = ("a",),
    confidence: Confidence | None = None,
) -> AnswerResult:
    """An answer as the quiz engine would produce it."""
    return AnswerResult(
        question_id,
        frozenset(chosen),
        correct=correct,
        confidence=confidence,
        seconds=4.5,
        question_hash="hash1234",
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, data_dir: Path) -> Callable[[], Repository]:
    """Opens the same database anew on each call: a SQLite file, or a fresh class database."""
    if request.param == "sqlite":
        return lambda: Repository.open(data_dir)
    url = request.getfixturevalue("pg_url")
    return lambda: Repository.connect(url)


@pytest.fixture
def repo(store: Callable[[], Repository]) -> Iterator[Repository]:
    with store() as repository:
        yield repository


def play(
    repo: Repository, student_id: int, right: int, *, mode: str = "full", lang: str = "de"
) -> int:
    """Run and finish one attempt at "set-a" with ``right`` correct answers; return its id."""
    attempt = repo.start_attempt(student_id, "set-a", lang, QUESTIONS, seed=1, mode=mode)
    for n, qid in enumerate(QUESTIONS):
        repo.save_answer(attempt.id, answer(qid, correct=n < right))
    return repo.finish_attempt(attempt.id).id


def test_open_creates_the_folder_and_database(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        assert repo.path == data_dir / "quizapp.sqlite"
        assert repo.path.is_file()
        assert repo.recovered_from is None
        assert repo.upgrade_backup is None


def test_every_connection_gets_the_pragmas(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo, repo.reading() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": 5000,
        "foreign_keys": 1,
    }


def test_students_are_found_by_stripped_nickname_and_group(repo: Repository) -> None:
    anna = repo.get_or_create_student("  Anna ")
    assert anna.nickname == "Anna" and anna.group == "" and not anna.is_demo
    assert repo.get_or_create_student("Anna") == anna
    other_group = repo.get_or_create_student("Anna", "7b")
    demo = repo.get_or_create_student("Anna", demo=True)
    assert len({anna.id, other_group.id, demo.id}) == 3
    assert demo.is_demo
    assert repo.student(anna.id) == anna
    assert repo.student(9999) is None
    assert [s.id for s in repo.students()] == [anna.id, demo.id, other_group.id]


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 65])
def test_unusable_nicknames_are_refused(repo: Repository, nickname: str) -> None:
    with pytest.raises(ValueError):
        repo.get_or_create_student(nickname)


def test_full_attempt_round_trip(store: Callable[[], Repository]) -> None:
    with store() as repo:
        student = repo.get_or_create_student("Anna")
        started = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=42)
        assert (started.answers, started.finished, started.mode) == ((), False, "full")
        saved = [
            repo.save_answer(
                started.id, answer("q1", correct=True, chosen=("a",), confidence=Confidence.SURE)
            ),
            repo.save_answer(
                started.id,
                answer("q2", correct=False, chosen=("b", "c"), confidence=Confidence.GUESSING),
            ),
            repo.save_answer(started.id, answer("q3", correct=True, chosen=("d",))),
        ]
        finished = repo.finish_attempt(started.id)
    with store() as reopened:
        stored = reopened.attempt(started.id)
    assert stored == finished
    assert stored.answers == tuple(saved)
    assert stored.question_ids == tuple(QUESTIONS)
    assert (stored.seed, stored.set_id, stored.language) == (42, "set-a", "de")
    assert stored.answers[1].result.chosen == frozenset({"b", "c"})
    assert stored.answers[1].result.confidence is Confidence.GUESSING
    assert stored.answers[2].result.confidence is None
    assert (stored.score, stored.total, stored.finished) == (2, 3, True)
    assert stored.finished_at is not None and stored.finished_at >= stored.started_at


def test_finishing_twice_keeps_the_first_time(repo: Repository) -> None:
    student = repo.get_or_create_student("Anna")
    first = repo.finish_attempt(repo.start_attempt(student.id, "s", "de", QUESTIONS, seed=1).id)
    assert repo.finish_attempt(first.id).finished_at == first.finished_at


def test_resume_the_latest_unfinished_attempt(store: Callable[[], Repository]) -> None:
    with store() as repo:
        student = repo.get_or_create_student("Anna")
        assert repo.unfinished_attempt(student.id, "set-a", "de") is None
        play(repo, student.id, right=3)
        older = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=2)
        newer = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=3)
        repo.save_answer(newer.id, answer("q1"))
    with store() as repo:  # as after a crash or a closed window
        resumed = repo.unfinished_attempt(student.id, "set-a", "de")
        assert resumed is not None and resumed.id == newer.id
        assert [a.result.question_id for a in resumed.answers] == ["q1"]
        repo.save_answer(resumed.id, answer("q2"))  # the question list comes from the file
        assert repo.unfinished_attempt(student.id, "set-a", "en") is None
        repo.abandon_attempt(newer.id)
        again = repo.unfinished_attempt(student.id, "set-a", "de")
        assert again is not None and again.id == older.id
        assert repo.attempt(newer.id) is None


def test_an_answer_cannot_be_saved_twice(repo: Repository) -> None:
    student = repo.get_or_create_student("Anna")
    attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
    first = repo.save_answer(attempt.id, answer("q1", correct=True))
    with pytest.raises(ValueError, match="already answered"):
        repo.save_answer(attempt.id, answer("q1", correct=False))
    stored = repo.attempt(attempt.id)
    assert stored is not None and stored.answers == (first,)


def test_answers_must_belong_to_an_open_attempt(repo: Repository) -> None:
    student = repo.get_or_create_student("Anna")
    attempt = repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1)
    with pytest.raises(ValueError, match="not in attempt"):
        repo.save_answer(attempt.id, answer("q99"))
    with pytest.raises(ValueError, match="no attempt"):
        repo.save_answer(attempt.id + 100, answer("q1"))
    repo.finish_attempt(attempt.id)
    with pytest.raises(ValueError, match="finished"):
        repo.save_answer(attempt.id, answer("q1"))
    with pytest.raises(ValueError, match="finished"):
        repo.abandon_attempt(attempt.id)


def test_start_attempt_checks_its_arguments(repo: Repository) -> None:
    student = repo.get_or_create_student("Anna")
    with pytest.raises(ValueError, match="no student"):
        repo.start_attempt(student.id + 1, "set-a", "de", QUESTIONS, seed=1)
    with pytest.raises(ValueError, match="mode"):
        repo.start_attempt(student.id, "set-a", "de", QUESTIONS, seed=1, mode="exam")
    with pytest.raises(ValueError):
        repo.start_attempt(student.id, "set-a", "de", [], seed=1)
    with pytest.raises(ValueError):
        repo.start_attempt(student.id, "set-a", "de", ["q1", "q1"], seed=1)


def test_best_scores_count_finished_full_attempts_only(repo: Repository) -> None:
    anna = repo.get_or_create_student("Anna")
    ben = repo.get_or_create_student("Ben")
    play(repo, anna.id, right=1)
    best = play(repo, anna.id, right=2)
    play(repo, anna.id, right=1)
    play(repo, anna.id, right=3, mode="practice")
    play(repo, anna.id, right=3, lang="en")
    play(repo, ben.id, right=3)
    unfinished = repo.start_attempt(anna.id, "set-a", "de", QUESTIONS, seed=9)
    for qid in QUESTIONS:
        repo.save_answer(unfinished.id, answer(qid))
    scores = repo.best_scores(anna.id, "de")
    assert set(scores) == {"set-a"}
    top = scores["set-a"]
    assert (top.set_id, top.language, top.score, top.total) == ("set-a", "de", 2, 3)
    best_attempt = repo.attempt(best)
    assert best_attempt is not None and top.finished_at == best_attempt.finished_at
    assert repo.best_scores(anna.id, "en")["set-a"].score == 3
    assert repo.best_scores(ben.id, "en") == {}


def test_history_is_newest_first_and_filtered(repo: Repository) -> None:
    anna = repo.get_or_create_student("Anna")
    first = play(repo, anna.id, right=1)
    second = repo.start_attempt(anna.id, "set-b", "de", QUESTIONS, seed=2).id
    third = play(repo, anna.id, right=2, lang="en")
    assert [a.id for a in repo.history(anna.id)] == [third, second, first]
    assert [a.id for a in repo.history(anna.id, set_id="set-a")] == [third, first]
    assert [a.id for a in repo.history(anna.id, language="de")] == [second, first]
    assert [a.id for a in repo.history(anna.id, "set-a", "de")] == [first]
    assert [a.score for a in repo.history(anna.id)] == [2, 0, 1]
    assert repo.history(anna.id + 1) == []


def test_settings(repo: Repository) -> None:
    assert repo.get_setting("ui_language") is None
    assert repo.get_setting("ui_language", "de") == "de"
    repo.set_setting("ui_language", "en")
    repo.set_setting("ui_language", "de")
    assert repo.get_setting("ui_language") == "de"


def test_storage_errors_import_without_the_database_stack() -> None:
    """The UI imports StorageError at start-up; SQLAlchemy must not come with it."""
    code = (
        "import sys, quizapp.storage.errors\n"
        "assert 'sqlalchemy' not in sys.modules and 'sqlmodel' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_folder_names_with_url_characters_work(tmp_path: Path) -> None:
    folder = tmp_path / "Klasse 7?b #1 – Müller"
    with Repository.open(folder) as repo:
        repo.set_setting("k", "v")
    with Repository.open(folder) as repo:  # the second open checks the existing file first
        assert repo.get_setting("k") == "v"
        assert repo.path.parent == folder
