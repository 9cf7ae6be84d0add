"""The demo class answers the newer task types too, consistently with their scoring rules."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.content.loader import load_content
from quizapp.core.responses import ShortTextResponse
from quizapp.demo.simulated_class import build_demo_class

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "tests" / "data" / "tasks" / "sets"
SOURCES = ROOT / "content" / "sources"
KINDS = {
    "tt-order": "order",
    "tt-categorize": "categorize",
    "tt-evidence": "evidence",
    "tt-short": "short_text",
}


def test_demo_answers_to_tasks_carry_a_response_and_a_matching_credit() -> None:
    library = load_content([TASKS, SOURCES])
    payload = build_demo_class(library.sets, students=12, seed=4)
    answers = payload.answers
    assert answers and all(a.response is not None and a.credit is not None for a in answers)
    for answer in answers:
        assert answer.response is not None and answer.credit is not None
        assert answer.response.kind == KINDS[answer.question_id]
        assert answer.correct == (answer.credit == 1.0), answer
        assert answer.chosen == []
    kinds = {(a.question_id, a.correct) for a in answers}
    assert {("tt-order", True), ("tt-order", False)} <= kinds  # both kinds of answer occur
    texts = {a.response.text for a in answers if isinstance(a.response, ShortTextResponse)}
    assert texts and all(len(t.split()) <= 12 for t in texts)
