"""The simulated demo class: labelled, seeded, plausible, and never mixed with real students."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from reports_fixtures import ClassBuilder, english, fixture_set

from quizapp.core.content.loader import load_content
from quizapp.core.content.models import Question
from quizapp.core.quiz import question_hash
from quizapp.demo.simulated_class import DemoError, build_demo_class, create_demo_class
from quizapp.paths import content_dir
from quizapp.reports.dataset import load_dataset
from quizapp.storage.exchange import insert_payload
from quizapp.storage.repository import Repository

SETS = [fixture_set("en"), fixture_set("de")]
TODAY = date(2025, 3, 20)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


def test_same_seed_same_class() -> None:
    first = build_demo_class(SETS, 12, seed=5, today=TODAY)
    again = build_demo_class(SETS, 12, seed=5, today=TODAY)
    other = build_demo_class(SETS, 12, seed=6, today=TODAY)
    assert first == again
    assert [a.correct for a in first.answers] != [a.correct for a in other.answers]


def test_students_are_clearly_demo_students() -> None:
    german = build_demo_class(SETS, 12, language="de", today=TODAY)
    assert [s.nickname for s in german.students][:3] == ["Demo 01", "Demo 02", "Demo 03"]
    assert {s.group for s in german.students} == {"Demo-Klasse"}
    assert all(s.is_demo for s in german.students)
    english = build_demo_class(SETS, 120, language="en", today=TODAY)
    assert english.students[-1].nickname == "Demo 120"
    assert {s.group for s in english.students} == {"Demo class"}


def test_answers_are_consistent_with_the_questions() -> None:
    payload = build_demo_class(SETS, 30, seed=1, today=TODAY)
    questions = {(s.language, q.id): q for s in SETS for q in s.questions}
    language = {a.uuid: a.language for a in payload.attempts}
    for answer in payload.answers:
        question = questions[(language[answer.attempt], answer.question_id)]
        assert answer.question_hash == question_hash(question)
        if not isinstance(question, Question):  # a newer task type: see test_task_demo
            assert answer.response is not None and answer.correct == (answer.credit == 1.0)
            continue
        assert (frozenset(answer.chosen) == question.correct_ids) == answer.correct
        assert set(answer.chosen) <= {c.id for c in question.choices} and answer.chosen
    per_attempt = Counter(a.attempt for a in payload.answers)
    for attempt in payload.attempts:
        assert per_attempt[attempt.uuid] == len(attempt.question_ids)
        assert attempt.finished_at is not None and attempt.finished_at >= attempt.started_at


def test_some_students_repeat_and_practise() -> None:
    payload = build_demo_class(SETS, 60, seed=2, today=TODAY)
    full = Counter(a.student for a in payload.attempts if a.mode == "full")
    assert 1 in full.values() and max(full.values()) == 2
    assert any(a.mode == "practice" for a in payload.attempts)
    scaled = build_demo_class(SETS, 10, seed=2, answers_scale=4, today=TODAY)
    assert min(Counter(a.student for a in scaled.attempts if a.mode == "full").values()) >= 4


def test_ability_difficulty_and_confidence_shape_the_answers() -> None:
    payload = build_demo_class(SETS, 400, seed=3, today=TODAY)
    by_question: dict[str, list[bool]] = defaultdict(list)
    for answer in payload.answers:
        by_question[answer.question_id].append(answer.correct)
    facility = {qid: statistics.fmean(values) for qid, values in by_question.items()}
    # q1 has difficulty 1 and four choices, q4 difficulty 3 and all-or-nothing boxes
    assert facility["q1"] > facility["q4"]
    sure = [a.correct for a in payload.answers if a.confidence == "sure"]
    guessing = [a.correct for a in payload.answers if a.confidence == "guessing"]
    assert statistics.fmean(sure) > statistics.fmean(guessing) + 0.2
    scores: dict[str, list[bool]] = defaultdict(list)
    for answer in payload.answers:
        scores[answer.attempt].append(answer.correct)
    spread = statistics.pstdev(statistics.fmean(v) for v in scores.values())
    assert spread > 0.15  # abilities differ: not everyone scores the same


def test_wrong_answers_favour_a_plausible_distractor() -> None:
    payload = build_demo_class(SETS, 400, seed=4, today=TODAY)
    wrong = Counter(a.chosen[0] for a in payload.answers if a.question_id == "q1" and not a.correct)
    shares = sorted((n / sum(wrong.values()) for n in wrong.values()), reverse=True)
    assert shares[0] > 1 / 3 + 0.05  # one distractor draws more than an even share


def test_create_demo_class_writes_and_reports(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "demo") as repo:
        summary = create_demo_class(repo, SETS, 20, seed=9, language="en")
        assert (summary.students, summary.group) == (20, "Demo class")
        dataset = load_dataset(repo.class_reader, SETS)
        assert dataset.includes_demo and len(dataset.students) == 20
        assert dataset.answer_count == summary.answers


def test_demo_class_refuses_a_folder_with_real_students(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "school") as repo:
        builder = ClassBuilder(SETS)
        builder.attempt(builder.student("Real"), {"q1": ["a"]})
        builder.write(repo)
        with pytest.raises(DemoError):
            create_demo_class(repo, SETS, 5)
        assert [s.nickname for s in repo.students()] == ["Real"]
        # and should demo students get in anyway, a report leaves them out
        insert_payload(repo, build_demo_class(SETS, 3, today=TODAY))
        dataset = load_dataset(repo.class_reader, SETS)
        assert [s.name for s in dataset.students.values()] == ["Real"]
        assert not dataset.includes_demo


def test_shipped_content_gives_about_100000_answers_when_scaled() -> None:
    library = load_content([content_dir()])
    sets = [s for s in library.sets if s.id in {"what-happened", "why"}]
    payload = build_demo_class(sets, 40, seed=1, answers_scale=9, today=TODAY)
    # 40 students × 2 sets × 13 questions × (9 takes + the odd repeat and practice) ≈ 10,000;
    # ten times the students gives the ~100,000 answers of the report benchmark.
    assert 9_000 < len(payload.answers) < 12_000
