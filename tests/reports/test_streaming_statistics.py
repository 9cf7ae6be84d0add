"""Issue 23.7: the item statistics, computed from the compact first-attempt columns in one
pass, equal a straightforward computation that holds every first answer in memory (its own
small functions, the textbook formulas), on a demo class of the shipped sets."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from reports_fixtures import english

from quizapp.core.content.loader import load_content
from quizapp.core.content.models import Question, QuestionSet, QuestionType, Task
from quizapp.core.scoring import credit
from quizapp.demo.simulated_class import create_demo_class
from quizapp.paths import content_dir
from quizapp.reports.class_report import build_report
from quizapp.reports.dataset import ClassDataset, load_dataset
from quizapp.reports.task_parts import part_hits
from quizapp.storage.repository import Repository
from quizapp.storage.rows.answer import AnswerRow, decoded_response

SETS = [s for s in load_content([content_dir()]).sets if not s.draft]


@pytest.fixture(scope="module")
def class_of_80(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repository]:
    folder: Path = tmp_path_factory.mktemp("school") / "data"
    with english(), Repository.open(folder) as repo:
        create_demo_class(repo, SETS, 80, seed=11, language="en")
        yield repo


def _score(question: Task, answer: AnswerRow) -> float:
    """x_i as the docs define it: the stored credit, a multiple-answer question's credit from
    the choices, else 1 or 0."""
    if answer.credit is not None:
        return answer.credit
    multiple = isinstance(question, Question) and question.type is QuestionType.MULTIPLE
    if multiple and answer.chosen:
        assert isinstance(question, Question)
        return credit(question, answer.chosen).value
    return 1.0 if answer.correct else 0.0


def _mean(v: list[float]) -> float:
    return sum(v) / len(v)


def _cov(x: list[float], y: list[float]) -> float:
    mx, my = _mean(x), _mean(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / (len(x) - 1)


def _first_answers(held: ClassDataset, question_set: QuestionSet) -> dict[int, list[AnswerRow]]:
    """Student → their first attempt's answers at the set, everything in memory."""
    return {
        attempt.student_id: held.answers[attempt.id]
        for attempt in held.attempts
        if attempt.set_id == question_set.id and attempt.is_first
    }


def _expected_items(held: ClassDataset, question_set: QuestionSet) -> list[dict[str, object]]:
    by_student = _first_answers(held, question_set)
    known = {q.id: q for q in question_set.questions}
    totals = {
        s: sum(_score(known[a.question_id], a) for a in answers if a.question_id in known)
        for s, answers in by_student.items()
    }
    expected = []
    for question in question_set.questions:
        pairs = [
            (s, a)
            for s, answers in by_student.items()
            for a in answers
            if a.question_id == question.id
        ]
        x = [_score(question, a) for _s, a in pairs]
        rest = [totals[s] - xi for (s, _a), xi in zip(pairs, x, strict=True)]
        item: dict[str, object] = {"responses": len(x)}
        item["facility"] = _mean(x) if x else None
        if len(x) >= 5:
            vx, vr = _cov(x, x), _cov(rest, rest)
            item["sd"] = math.sqrt(vx)
            item["discrimination"] = _cov(x, rest) / math.sqrt(vx * vr) if vx > 0 < vr else None
            cov_max = _cov(sorted(x), sorted(rest))
            item["efficiency"] = _cov(x, rest) / cov_max if cov_max > 0 else None
        if isinstance(question, Question):
            item["counts"] = [sum(c.id in a.chosen for _s, a in pairs) for c in question.choices]
        else:
            hits = part_hits(question, (decoded_response(a.response) for _s, a in pairs))
            item["counts"] = hits
        expected.append(item)
    return expected


def test_streamed_item_statistics_equal_an_in_memory_computation(
    class_of_80: Repository,
) -> None:
    streamed = load_dataset(class_of_80.class_reader, SETS)
    held = load_dataset(class_of_80.class_reader, SETS, all_answers=True)
    report = build_report(streamed, "en")
    checked = 0
    for set_report in report.sets:
        analysis = set_report.analysis
        assert analysis is not None
        question_set = analysis.question_set
        by_student = _first_answers(held, question_set)
        assert analysis.students == len(by_student) > 50
        size = len(question_set.questions)
        assert sorted(analysis.scores) == sorted(
            sum(a.correct for a in answers) / size for answers in by_student.values()
        )
        for item, expected in zip(analysis.items, _expected_items(held, question_set), strict=True):
            assert item.responses == expected["responses"]
            assert item.facility == pytest.approx(expected["facility"], abs=1e-12)
            for name in ("sd", "discrimination", "efficiency"):
                assert getattr(item, name) == pytest.approx(expected.get(name), abs=1e-12), name
            if isinstance(item.question, Question):
                assert [c.count for c in item.choices] == expected["counts"]
            else:
                hits = expected["counts"]
                assert isinstance(hits, dict)
                assert {c.choice_id: c.count for c in item.choices if c.count} == hits
            checked += 1
    assert checked > 40  # every question of every shipped set, choice and newer task types


def test_the_compact_columns_read_back_as_the_answers_saved(class_of_80: Repository) -> None:
    """Every first answer comes back from the columns as it was stored (choices, credit,
    confidence, the decoded task answer), in the order saved."""
    streamed = load_dataset(class_of_80.class_reader, SETS)
    held = load_dataset(class_of_80.class_reader, SETS, all_answers=True)
    firsts = [a for a in held.attempts if a.is_first]
    assert len(streamed.first_responses) == len(firsts)
    kinds = set()
    for attempt in firsts:
        back = streamed.first_responses[attempt.id]
        saved = held.answers[attempt.id]
        assert [r.question_id for r in back] == [a.question_id for a in saved]
        for response, answer in zip(back, saved, strict=True):
            assert response.student == attempt.student_id
            assert (response.chosen, response.correct, response.credit) == (
                answer.chosen,
                answer.correct,
                answer.credit,
            )
            assert (response.confidence.value if response.confidence else None) == (
                answer.confidence
            )
            assert response.response == decoded_response(answer.response)
            if response.response is not None:
                kinds.add(response.response.kind)
    assert {"order", "categorize", "short_text"} <= kinds
