"""The newer task types in the engine: scoring rules as content/README.md states them, the
shown order, submitting through the quiz session, and the stored answer's JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.content.loader import load_content
from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    QuestionSet,
    ShortTextTask,
    SourceDocument,
)
from quizapp.core.quiz import QuizError, QuizSession, display_order
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    Layer,
    Mark,
    OrderResponse,
    ShortTextResponse,
    TaskResponse,
    describe,
    response_from_json,
    response_to_json,
)
from quizapp.core.scoring import (
    count_words,
    score_categorize,
    score_evidence,
    score_order,
    score_short_text,
)

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "tests" / "data" / "tasks" / "sets"
SOURCES = ROOT / "content" / "sources"


@pytest.fixture(scope="module")
def sets() -> dict[str, QuestionSet]:
    library = load_content([TASKS, SOURCES])
    assert library.errors == []
    return {s.language: s for s in library.sets}


@pytest.fixture(scope="module")
def source() -> SourceDocument:
    return load_content([SOURCES]).sources["sora-leak"]


def task(qset: QuestionSet, task_id: str) -> object:
    found = qset.question(task_id)
    assert found is not None
    return found


def test_order_partial_credit_counts_pairs_in_the_right_relative_order(
    sets: dict[str, QuestionSet],
) -> None:
    order = task(sets["de"], "tt-order")
    assert isinstance(order, OrderTask)
    exact = score_order(order, OrderResponse(order=("a", "b", "c", "d")))
    neighbours = score_order(order, OrderResponse(order=("b", "a", "c", "d")))
    reverse = score_order(order, OrderResponse(order=("d", "c", "b", "a")))
    assert (exact.credit, exact.correct) == (1.0, True)
    assert neighbours.credit == pytest.approx(5 / 6) and not neighbours.correct
    assert (reverse.credit, reverse.correct) == (0.0, False)
    with pytest.raises(ValueError, match="every item exactly once"):
        score_order(order, OrderResponse(order=("a", "a", "c", "d")))


def test_categorize_credit_is_the_share_of_statements_placed_right(
    sets: dict[str, QuestionSet],
) -> None:
    categorize = task(sets["en"], "tt-categorize")
    assert isinstance(categorize, CategorizeTask)
    right = {"a": "fact", "b": "claim", "c": "guess", "d": "absent"}
    assert score_categorize(categorize, CategorizeResponse(assignments=right)).correct
    three = score_categorize(categorize, CategorizeResponse(assignments={**right, "c": "fact"}))
    assert (three.credit, three.correct) == (0.75, False)
    with pytest.raises(ValueError, match="unknown category"):
        score_categorize(categorize, CategorizeResponse(assignments={**right, "a": "opinion"}))


def mark(source: SourceDocument, paragraph: str, words: str, layer: Layer, lang: str) -> Mark:
    block = source.block(paragraph)
    assert block is not None
    text = block.text if layer is Layer.ORIGINAL else block.translations[lang]  # type: ignore[index]
    start = text.index(words)
    return Mark(paragraph=paragraph, layer=layer, start=start, end=start + len(words), text=words)


def test_evidence_is_right_when_a_mark_holds_a_cited_piece_within_its_sentence(
    sets: dict[str, QuestionSet], source: SourceDocument
) -> None:
    evidence = task(sets["de"], "tt-evidence")
    assert isinstance(evidence, EvidenceTask)

    def score(*marks: Mark) -> tuple[float, bool]:
        scored = score_evidence(evidence, EvidenceResponse(marks=marks), source, "de")
        return round(scored.credit, 3), scored.correct

    original = Layer.ORIGINAL
    # "Künstler behaupten" (p1) and "behauptet" (p2) are the targets; each alone is enough.
    assert score(mark(source, "p1", "Künstler behaupten", original, "de")) == (1.0, True)
    assert score(mark(source, "p2", "behauptet", original, "de")) == (1.0, True)
    # Half of a piece is half the credit: the mark must hold the whole piece.
    assert score(mark(source, "p1", "behaupten", original, "de")) == (0.5, False)
    # Extra words of the piece's own sentence do not count against it.
    sentence = (
        "Einige unzufriedene Künstler behaupten, OpenAI’s Video-Generator Sora geleakt zu haben."
    )
    assert score(mark(source, "p1", sentence, original, "de")) == (1.0, True)
    assert score(mark(source, "p1", "unzufriedene", original, "de")) == (0.0, False)
    # Words of other sentences do: the whole paragraph is mostly not evidence.
    block = source.block("p1")
    assert block is not None
    whole, right = score(mark(source, "p1", block.text, original, "de"))
    assert not right and 0 < whole < 1


def test_evidence_marked_in_the_english_translation_counts_for_english_readers(
    sets: dict[str, QuestionSet], source: SourceDocument
) -> None:
    evidence = task(sets["en"], "tt-evidence")
    assert isinstance(evidence, EvidenceTask)
    marked = mark(source, "p1", "artists claim", Layer.TRANSLATION, "en")
    scored = score_evidence(evidence, EvidenceResponse(marks=(marked,)), source, "en")
    assert (scored.credit, scored.correct) == (1.0, True)


def test_short_text_is_self_assessed_against_the_rubric(sets: dict[str, QuestionSet]) -> None:
    short = task(sets["de"], "tt-short")
    assert isinstance(short, ShortTextTask)
    text = "Künstler sagen, sie hätten Sora geleakt"
    all_ticked = score_short_text(short, ShortTextResponse(text=text, checked=("a", "b", "c")))
    one = score_short_text(short, ShortTextResponse(text=text, checked=("b",)))
    assert (all_ticked.credit, all_ticked.correct) == (1.0, True)
    assert one.credit == pytest.approx(1 / 3) and not one.correct
    assert count_words("Video-KI  Sora,  geleakt") == 3
    with pytest.raises(ValueError, match="more words"):
        score_short_text(short, ShortTextResponse(text="wort " * 13, checked=()))


def test_order_tasks_are_never_shown_in_the_right_order(sets: dict[str, QuestionSet]) -> None:
    order = task(sets["de"], "tt-order")
    assert isinstance(order, OrderTask)
    key = [item.id for item in order.items]
    shown = [display_order(order, seed) for seed in range(200)]
    assert all(sorted(s) == sorted(key) and s != key for s in shown)
    assert len({tuple(s) for s in shown}) > 5  # still shuffled, not one fixed order
    assert display_order(order, 7) == display_order(order, 7)  # stable per attempt


def test_the_session_scores_and_keeps_task_answers(
    sets: dict[str, QuestionSet], source: SourceDocument
) -> None:
    session = QuizSession(sets["en"], seed=3, source=source)
    with pytest.raises(QuizError, match="submit_task"):
        session.submit(["a"])
    result = session.submit_task(OrderResponse(order=("a", "b", "d", "c")), seconds=4.0)
    assert (result.question_id, result.correct, result.credit) == ("tt-order", False, 5 / 6)
    assert result.earned == 5 / 6 and result.chosen == frozenset()
    with pytest.raises(QuizError, match="does not fit"):
        session.submit_task(OrderResponse(order=("a", "b", "c", "d")))
    assert session.index == 1  # the refused answer changed nothing


def test_responses_round_trip_as_json_and_bad_json_is_refused() -> None:
    responses: list[TaskResponse] = [
        OrderResponse(order=("b", "a", "c")),
        CategorizeResponse(assignments={"a": "fact", "b": ""}),
        EvidenceResponse(
            marks=(Mark(paragraph="p1", layer=Layer.TRANSLATION, start=1, end=5, text="x"),)
        ),
        ShortTextResponse(text="Künstler sagen „geleakt“", checked=("a",)),
    ]
    for response in responses:
        assert response_from_json(response_to_json(response)) == response
    assert describe(responses[3]) == "Künstler sagen „geleakt“"
    for bad in ('{"kind": "order", "order": [1]}', '{"kind": "poem"}', "[", "x" * 50_000):
        with pytest.raises(ValueError):
            response_from_json(bad)
