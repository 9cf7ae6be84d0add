"""Look-alike nicknames (issue 27.5): names that only differ by invisible characters, bidi
controls or spaces are one student wherever they come in (a results file, the repository the
nickname field writes to), the hold-back matches on the normalised name, and a name mixing
scripts ("Аnna" with a Cyrillic "А") is marked in the teacher's reports and class view."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pg_server import PostgresServer
from reports_fixtures import english
from ui_support import reset_language

from quizapp.core.nickname import mixed_scripts, normalised
from quizapp.reports.dataset import load_dataset
from quizapp.storage.exchange import HoldReason, import_results
from quizapp.storage.exchange_format import envelope
from quizapp.storage.import_texts import student_lines
from quizapp.storage.repository import Repository

OpenStore = Callable[[], Repository]

#: The issue's look-alikes of "Anna": all but the last two read exactly "Anna" once normalised.
LOOKALIKES = [
    "An\u200bna",
    "Anna ",
    " Anna",
    "Anna\u2060",
    "\u200fAnna",
    "\ufeffAnna\u200d",
    "A\u0301nna",  # decomposed "Ánna": NFC makes it the one-character spelling
    "\u0410nna",  # Cyrillic А: kept, but marked
    "\u202eannA",  # a right-to-left override made "annA" read "Anna": the override goes
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield
    reset_language()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OpenStore:
    if request.param == "sqlite":
        return lambda: Repository.open(tmp_path / "teacher")
    server: PostgresServer = request.getfixturevalue("pg_server")
    database: str = request.getfixturevalue("pg_database")
    return lambda: Repository.connect(server.url(database))


def test_invisible_bidi_and_space_variants_normalise_to_one_name() -> None:
    assert {normalised(name) for name in LOOKALIKES[:6]} == {"Anna"}
    assert normalised("A\u0301nna") == "\u00c1nna"
    assert normalised("\u202eannA") == "annA"
    assert normalised("Anna  \u00a0Lena\n") == "Anna Lena"
    assert normalised("Ben\x1b[2J") == "Ben[2J"  # no escape sequence reaches a terminal


def test_mixed_scripts_are_found_and_single_scripts_are_not() -> None:
    assert mixed_scripts("\u0410nna") == ["CYRILLIC", "LATIN"]
    assert mixed_scripts("Anna") == []
    assert mixed_scripts("Анна") == []
    assert mixed_scripts("Anna-2") == []  # digits and punctuation belong to no script
    assert mixed_scripts("さくら サクラ 桜") == []  # Japanese mixes kana and kanji by design


def test_the_repository_keeps_one_student_for_look_alikes(store: OpenStore) -> None:
    with store() as repo:
        anna = repo.get_or_create_student("Anna", "8b")
        for name in LOOKALIKES[:6]:
            assert repo.get_or_create_student(name, " 8b\u200b").id == anna.id
        with pytest.raises(ValueError):
            repo.get_or_create_student("\u200b\u200f ")  # nothing visible left


def _student(n: int, nickname: str) -> dict[str, Any]:
    return {
        "uuid": f"other-computer-{n}",
        "nickname": nickname,
        "group": "8b",
        "is_demo": False,
        "created_at": "2025-03-10T08:00:00",
    }


def _attempt(n: int) -> dict[str, Any]:
    return {
        "uuid": f"attempt-{n}",
        "student": f"other-computer-{n}",
        "set_id": "mini",
        "language": "en",
        "seed": 1,
        "question_ids": ["q1"],
        "started_at": f"2025-03-10T09:{n:02d}:00",
        "finished_at": f"2025-03-10T09:{n:02d}:30",
    }


def _lookalike_file(path: Path) -> Path:
    payload = {
        "students": [_student(n, name) for n, name in enumerate(LOOKALIKES)],
        "attempts": [_attempt(n) for n in range(len(LOOKALIKES))],
        "answers": [],
    }
    path.write_bytes(envelope(payload, "other", "2025-03-10T12:00:00Z", "0.1.0"))
    return path


def test_a_file_of_look_alikes_is_held_back_as_anna_not_added_as_new_students(
    store: OpenStore, tmp_path: Path
) -> None:
    with store() as repo:
        repo.get_or_create_student("Anna", "8b")
        summary = import_results(repo, [_lookalike_file(tmp_path / "lookalikes.json")])
        names = sorted(student.nickname for student in repo.students())
        print(f"\nstudents now: {names!r}")
        # Anna, the Cyrillic look-alike, the one whose override was removed, and "Ánna".
        assert names == ["Anna", "annA", "\u00c1nna", "\u0410nna"]
        held = [h for h in summary.held_back if h.reason is HoldReason.OTHER_COMPUTER]
        assert [h.nickname for h in held] == ["Anna"] * 6  # matched Anna on the normalised name
        assert summary.merged_students == 6
        (cyrillic,) = [line for line in student_lines(summary) if "\u0410nna" in line]
        assert cyrillic.startswith("\u0410nna ⚠ (mixed scripts: Cyrillic + Latin;")


def test_reports_mark_a_name_that_mixes_scripts(store: OpenStore) -> None:
    with store() as repo:
        for name in ("Anna", "\u0410nna"):
            student = repo.get_or_create_student(name, "8b")
            repo.start_attempt(student.id, "mini", "en", ["q1"], seed=1)
        dataset = load_dataset(repo.class_reader, [])
        names = sorted(student.name for student in dataset.students.values())
        print(f"\n{names!r}")
        assert names[0] == "Anna"
        assert names[1] == "\u0410nna ⚠ (mixed scripts: Cyrillic + Latin; may imitate another name)"
