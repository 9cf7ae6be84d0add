"""Results exchange between computers: export, import (idempotent, all or nothing), bad files."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from reports_fixtures import BASE_TIME, ClassBuilder, english, fixture_set, hand_class
from sqlalchemy import text

from quizapp.storage.exchange import export_results, import_results, machine_id_of
from quizapp.storage.exchange_format import ExchangeError, envelope, read_results_file
from quizapp.storage.repository import Repository

MINI = fixture_set()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


def counts(repository: Repository) -> tuple[int, int, int]:
    with repository.reading() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(text(f"select count(*) from {table}")).scalar_one()
            for table in ("student", "attempt", "answer")
        )


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[Repository]:
    """A classroom computer with six students' results."""
    with Repository.open(tmp_path / "machine") as repo:
        builder = ClassBuilder([MINI])
        hand_class(builder)
        builder.write(repo)
        yield repo


@pytest.fixture(params=["sqlite", "postgresql"])
def teacher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """The teacher's database: a SQLite file, or the class database (administrator's login)."""
    if request.param == "sqlite":
        with Repository.open(tmp_path / "teacher") as repo:
            yield repo
    else:
        with Repository.connect(request.getfixturevalue("pg_url")) as repo:
            yield repo


def test_export_then_import_copies_everything(
    machine: Repository, teacher: Repository, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    summary = export_results(machine, out)
    assert (summary.students, summary.attempts, summary.answers) == (6, 6, 24)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("quizapp-results", 1)
    assert data["machine_id"] == machine_id_of(machine) == summary.machine_id
    assert len(data["sha256"]) == 64
    imported = import_results(teacher, [out])
    assert (imported.students.added, imported.attempts.added, imported.answers.added) == (6, 6, 24)
    assert counts(teacher) == (6, 6, 24)
    theirs = {s.nickname for s in teacher.students()}
    assert theirs == {"S1", "S2", "S3", "S4", "S5", "S6"}


def test_importing_twice_adds_nothing(
    machine: Repository, teacher: Repository, tmp_path: Path
) -> None:
    out = tmp_path / "results.json.gz"
    export_results(machine, out)
    assert out.read_bytes()[:2] == b"\x1f\x8b"  # .gz: compressed
    import_results(teacher, [out])
    again = import_results(teacher, [out, out])
    assert (again.students.added, again.attempts.added, again.answers.added) == (0, 0, 0)
    assert (again.students.skipped, again.answers.skipped) == (12, 48)
    assert counts(teacher) == (6, 6, 24)


def test_a_truncated_file_changes_nothing(
    machine: Repository, teacher: Repository, tmp_path: Path
) -> None:
    good, cut = tmp_path / "good.json", tmp_path / "cut.json"
    export_results(machine, good)
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ExchangeError) as error:
        import_results(teacher, [good, cut])  # the good one is not imported either
    assert "cut.json" in error.value.message and "incomplete" in error.value.message
    assert error.value.hint
    assert counts(teacher) == (0, 0, 0)
    gz, cut_gz = tmp_path / "good.json.gz", tmp_path / "cut.json.gz"
    export_results(machine, gz)
    cut_gz.write_bytes(gz.read_bytes()[:-20])
    with pytest.raises(ExchangeError):
        import_results(teacher, [cut_gz])
    assert counts(teacher) == (0, 0, 0)


def test_foreign_and_tampered_files_are_rejected(
    machine: Repository, teacher: Repository, tmp_path: Path
) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"students": [], "hello": "world"}))
    with pytest.raises(ExchangeError, match="not a quizapp results file"):
        import_results(teacher, [foreign])
    not_json = tmp_path / "photo.jpg"
    not_json.write_bytes(b"\xff\xd8\xff\xe0 not json at all")
    with pytest.raises(ExchangeError):
        import_results(teacher, [not_json])
    good, tampered = tmp_path / "good.json", tmp_path / "tampered.json"
    export_results(machine, good)
    data = json.loads(good.read_text(encoding="utf-8"))
    data["payload"]["answers"][0]["correct"] = not data["payload"]["answers"][0]["correct"]
    tampered.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExchangeError, match="changed after it was exported"):
        import_results(teacher, [tampered])
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(json.loads(good.read_text()) | {"version": 2}))
    with pytest.raises(ExchangeError, match="newer version"):
        import_results(teacher, [newer])
    with pytest.raises(ExchangeError, match="cannot read"):
        import_results(teacher, [tmp_path / "missing.json"])
    assert counts(teacher) == (0, 0, 0)


def test_checked_rows_with_broken_references_are_rejected(tmp_path: Path) -> None:
    payload = {
        "students": [],
        "attempts": [
            {
                "uuid": "a1",
                "student": "nobody",
                "set_id": "mini",
                "language": "en",
                "seed": 1,
                "question_ids": ["q1"],
                "started_at": "2025-03-10T09:00:00",
            }
        ],
        "answers": [],
    }
    path = tmp_path / "broken.json"
    path.write_bytes(envelope(payload, "m1", "2025-03-10T09:00:00Z", "test"))
    with pytest.raises(ExchangeError, match="invalid data") as error:
        read_results_file(path)
    assert "unknown student" in error.value.message


def test_an_import_failing_half_way_writes_nothing(
    machine: Repository, teacher: Repository, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    export_results(machine, first)
    import_results(teacher, [first])
    data = json.loads(first.read_text(encoding="utf-8"))
    payload = data["payload"]
    # A new student (added first) and, later in the same transaction, an answer under a new
    # uuid to a question that attempt already has an answer for here (e.g. a doctored file).
    payload["students"].append(dict(payload["students"][0], uuid="new-student", nickname="New"))
    payload["answers"][0] = dict(payload["answers"][0], uuid="new-answer")
    conflicting = tmp_path / "conflict.json"
    conflicting.write_bytes(
        envelope(payload, data["machine_id"], data["exported_at"], data["app_version"])
    )
    with pytest.raises(ExchangeError, match="conflicts"):
        import_results(teacher, [conflicting])
    assert counts(teacher) == (6, 6, 24)
    assert "New" not in {s.nickname for s in teacher.students()}


def test_students_with_the_same_nickname_and_group_are_merged(
    teacher: Repository, tmp_path: Path
) -> None:
    files = []
    for n in range(2):  # Anna of 7a sat at two computers
        with Repository.open(tmp_path / f"pc{n}") as pc:
            builder = ClassBuilder([MINI])
            anna = builder.student("Anna", "7a")
            builder.attempt(anna, {"q1": ["a"]}, when=BASE_TIME + timedelta(days=n))
            builder.write(pc)
            files.append(export_results(pc, tmp_path / f"pc{n}.json").path)
    summary = import_results(teacher, files)
    assert (summary.students.added, summary.merged_students) == (1, 1)
    (anna,) = teacher.students()
    assert len(teacher.history(anna.id)) == 2
    assert import_results(teacher, files).attempts.added == 0


def test_an_unfinished_attempt_is_completed_by_a_later_export(
    teacher: Repository, tmp_path: Path
) -> None:
    with Repository.open(tmp_path / "pc") as pc:
        student = pc.get_or_create_student("Ben", "7a")
        attempt = pc.start_attempt(student.id, "mini", "en", ["q1", "q2"], seed=1)
        from quizapp.core.quiz import QuizSession

        session = QuizSession(MINI, seed=1, question_ids=["q1", "q2"])
        pc.save_answer(attempt.id, session.submit(["a"]))
        import_results(teacher, [export_results(pc, tmp_path / "early.json").path])
        pc.save_answer(attempt.id, session.submit(["true"]))
        pc.finish_attempt(attempt.id)
        later = import_results(teacher, [export_results(pc, tmp_path / "late.json").path])
    assert (later.answers.added, later.completed_attempts) == (1, 1)
    (ben,) = teacher.students()
    (done,) = teacher.history(ben.id)
    assert done.finished and done.score == 2


def test_export_to_a_bad_path_is_a_clear_error(machine: Repository, tmp_path: Path) -> None:
    with pytest.raises(ExchangeError) as error:
        export_results(machine, tmp_path / "no-such-folder" / "out.json")
    assert "no-such-folder" in error.value.message
    assert not list(tmp_path.glob("**/out.json"))


def test_machine_id_is_stable(machine: Repository) -> None:
    assert machine_id_of(machine) == machine_id_of(machine)
    assert machine.get_setting("machine_id") == machine_id_of(machine)


def test_gzip_and_plain_files_hold_the_same_rows(machine: Repository, tmp_path: Path) -> None:
    plain = read_results_file(export_results(machine, tmp_path / "a.json").path)
    packed = export_results(machine, tmp_path / "b.dat", compress=True).path
    assert gzip.decompress(packed.read_bytes()).startswith(b"{")
    assert read_results_file(packed).payload == plain.payload
