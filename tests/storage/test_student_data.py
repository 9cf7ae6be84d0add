"""One student's data: the JSON export, and deletion that leaves no trace in the file or WAL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.atomic_file import OutputPathError
from quizapp.core.quiz import AnswerResult, Confidence
from quizapp.storage.repository import DB_FILENAME, Repository
from quizapp.storage.student_data import delete_student, export_student

NICK = "Quokka-Zebulon-77"


def _answer(qid: str, *, correct: bool) -> AnswerResult:
    return AnswerResult(qid, frozenset({"a"}), correct, Confidence.SURE, 3.5, "h" * 16)


def _fill(repo: Repository) -> tuple[int, int]:
    """The student to delete (two attempts) and one who stays."""
    ada = repo.get_or_create_student(NICK, "7b")
    attempt = repo.start_attempt(ada.id, "set-1", "en", ["q1", "q2"], seed=1)
    repo.save_answer(attempt.id, _answer("q1", correct=True))
    repo.save_answer(attempt.id, _answer("q2", correct=False))
    repo.finish_attempt(attempt.id)
    second = repo.start_attempt(ada.id, "set-1", "en", ["q1", "q2"], seed=2)
    repo.save_answer(second.id, _answer("q1", correct=True))
    repo.set_setting("last_nickname", NICK)
    other = repo.get_or_create_student("Stays", "7b")
    kept = repo.start_attempt(other.id, "set-1", "en", ["q1"], seed=3)
    repo.save_answer(kept.id, _answer("q1", correct=True))
    return ada.id, other.id


def _raw_bytes(folder: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        path = folder / (DB_FILENAME + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def test_export_writes_everything_about_the_student(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    with Repository.open(tmp_path / "db") as repo:
        ada, _other = _fill(repo)
        record = repo.student(ada)
        assert record is not None
        repo.set_student_language(record, "de")
        out = export_student(repo, ada, tmp_path / "ada.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "quizapp-student-data"
    assert data["student"]["nickname"] == NICK and data["student"]["group"] == "7b"
    assert data["student"]["language"] == "de"  # the remembered UI language is theirs too
    assert [len(a["answers"]) for a in data["attempts"]] == [2, 1]
    first = data["attempts"][0]
    assert first["score"] == 1 and first["total"] == 2 and first["finished_at"]
    assert first["answers"][0] == {
        **first["answers"][0],
        "question_id": "q1",
        "chosen": ["a"],
        "correct": True,
        "confidence": "sure",
    }
    assert data["attempts"][1]["finished_at"] is None
    assert "Stays" not in out.read_text(encoding="utf-8")


def test_export_to_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        ada, _other = _fill(repo)
        with pytest.raises(OutputPathError) as caught:
            export_student(repo, ada, tmp_path / "nowhere" / "ada.json")
    assert caught.value.hint


def test_delete_removes_every_trace(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        ada, other = _fill(repo)
        record = repo.student(ada)
        assert record is not None
        repo.set_student_language(record, "de")  # keyed by the UUID: must go too
        assert repo.student_language(record) == "de"
        assert NICK.encode() in _raw_bytes(tmp_path)  # the test can see it before
        deleted = delete_student(repo, ada)
        assert (deleted.nickname, deleted.attempts, deleted.answers) == (NICK, 2, 3)
        # Checked while the database is still open: nothing waits for a close to vanish.
        raw = _raw_bytes(tmp_path)
        assert NICK.encode() not in raw
        assert record.uuid.encode() not in raw
        assert repo.student(ada) is None
        assert repo.history(ada) == []
        assert repo.get_setting("last_nickname") is None
        assert [s.nickname for s in repo.students()] == ["Stays"]
        assert len(repo.history(other)[0].answers) == 1
        # The database keeps working after VACUUM.
        again = repo.get_or_create_student("Newcomer")
        repo.start_attempt(again.id, "set-1", "en", ["q1"], seed=4)
    assert NICK.encode() not in _raw_bytes(tmp_path)


def test_delete_unknown_student(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo, pytest.raises(ValueError):
        delete_student(repo, 999)
