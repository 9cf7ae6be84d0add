"""Answers to the newer task types in storage: saved with their response and credit, read back,
carried through a results file to the teacher's computer, and refused when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.core.content.loader import load_content
from quizapp.core.quiz import QuizSession
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    Layer,
    Mark,
    OrderResponse,
    ShortTextResponse,
)
from quizapp.storage.exchange import export_results, import_results
from quizapp.storage.exchange_format import ExchangeError, envelope
from quizapp.storage.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "tests" / "data" / "tasks" / "sets"
SOURCES = ROOT / "content" / "sources"


def answered_machine(folder: Path) -> Repository:
    """A machine where one student answered the four example tasks in German."""
    library = load_content([TASKS, SOURCES])
    qset = library.get_set("task-types", "de")
    assert qset is not None
    repo = Repository.open(folder)
    student = repo.get_or_create_student("Kim", "7a")
    ids = [q.id for q in qset.questions]
    attempt = repo.start_attempt(student.id, qset.id, "de", ids, seed=5)
    session = QuizSession(qset, seed=5, source=library.sources["sora-leak"])
    block = library.sources["sora-leak"].block("p1")
    assert block is not None
    start = block.text.index("Künstler behaupten")
    for response in (
        OrderResponse(order=("a", "b", "d", "c")),
        CategorizeResponse(assignments={"a": "fact", "b": "claim", "c": "guess", "d": "absent"}),
        EvidenceResponse(
            marks=(
                Mark(
                    paragraph="p1",
                    layer=Layer.ORIGINAL,
                    start=start,
                    end=start + 18,
                    text="Künstler behaupten",
                ),
            )
        ),
        ShortTextResponse(text="Künstler sagen, sie hätten Sora „geleakt“", checked=("a", "c")),
    ):
        repo.save_answer(attempt.id, session.submit_task(response))
    repo.finish_attempt(attempt.id)
    return repo


def test_task_answers_are_stored_and_read_back(tmp_path: Path) -> None:
    with answered_machine(tmp_path / "machine") as repo:
        [attempt] = repo.history(repo.students()[0].id)
    results = {a.result.question_id: a.result for a in attempt.answers}
    assert results["tt-order"].credit == pytest.approx(5 / 6)
    assert results["tt-categorize"].correct and results["tt-categorize"].credit == 1.0
    assert results["tt-evidence"].correct
    short = results["tt-short"].response
    assert isinstance(short, ShortTextResponse)
    assert short.text == "Künstler sagen, sie hätten Sora „geleakt“"
    assert attempt.score == 2  # categorize and evidence are fully right


def test_task_answers_travel_in_results_files(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    with answered_machine(tmp_path / "machine") as machine:
        export_results(machine, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    written = [a for a in data["payload"]["answers"] if a["question_id"] == "tt-short"]
    assert written[0]["response"]["text"].startswith("Künstler sagen")
    with Repository.open(tmp_path / "teacher") as teacher:
        import_results(teacher, [out])
        [attempt] = teacher.history(teacher.students()[0].id)
    by_id = {a.result.question_id: a.result for a in attempt.answers}
    assert by_id["tt-short"].response == ShortTextResponse(
        text="Künstler sagen, sie hätten Sora „geleakt“", checked=("a", "c")
    )
    assert by_id["tt-order"].credit == pytest.approx(5 / 6)


def test_a_results_file_with_a_damaged_task_answer_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    with answered_machine(tmp_path / "machine") as machine:
        export_results(machine, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    for answer in data["payload"]["answers"]:
        if answer["question_id"] == "tt-short":
            answer["response"]["text"] = "x" * 5000  # over the cap
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(
        envelope(data["payload"], data["machine_id"], data["exported_at"], data["app_version"])
    )
    with Repository.open(tmp_path / "teacher") as teacher, pytest.raises(ExchangeError) as caught:
        import_results(teacher, [damaged])
    assert "response" in str(caught.value.hint) + str(caught.value)
    with Repository.open(tmp_path / "teacher") as teacher:
        assert teacher.students() == []  # nothing of the refused file was imported


def test_an_attempt_with_task_answers_resumes_where_it_stopped(tmp_path: Path) -> None:
    library = load_content([TASKS, SOURCES])
    qset = library.get_set("task-types", "en")
    assert qset is not None
    with Repository.open(tmp_path) as repo:
        student = repo.get_or_create_student("Ali")
        attempt = repo.start_attempt(student.id, qset.id, "en", [q.id for q in qset.questions], 9)
        session = QuizSession(qset, seed=9, source=library.sources["sora-leak"])
        first = session.submit_task(OrderResponse(order=("b", "a", "c", "d")))
        repo.save_answer(attempt.id, first)
    with Repository.open(tmp_path) as repo:  # the app was closed and opened again
        resumed = repo.unfinished_attempt(student.id, qset.id, "en")
    assert resumed is not None
    again = QuizSession(
        qset, seed=9, answers=[a.result for a in resumed.answers], source=session.source
    )
    assert again.index == 1 and again.current.id == "tt-categorize"
    assert again.answers[0].response == first.response
    assert again.answers[0].credit == pytest.approx(5 / 6)
