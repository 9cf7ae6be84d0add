"""The shipped question sets: clean, big enough, citing the whole article, and misquote-proof."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.loader import ContentLibrary, load_content
from quizapp.core.content.models import BlockKind, EvidenceTask, Question
from quizapp.core.responses import EvidenceResponse, Layer, Mark
from quizapp.core.scoring import layer_text, score_evidence

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_content([CONTENT])


def test_shipped_content_has_no_errors_or_warnings(library: ContentLibrary) -> None:
    assert [p.format() for p in library.problems] == []


SHIPPED_SETS = {"what-happened", "why", "reading-critically", "beyond-the-article"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_language_has_four_sets_and_sixty_three_tasks(
    library: ContentLibrary, language: str
) -> None:
    sets = library.sets_for(language)
    assert {s.id for s in sets} >= SHIPPED_SETS
    assert sum(len(s.questions) for s in sets if s.id in SHIPPED_SETS) == 63


@pytest.mark.parametrize("language", ["de", "en"])
def test_levels_and_task_types_are_spread(library: ContentLibrary, language: str) -> None:
    """Issue 25's targets: at least 12 tasks beyond the text, recall at most 35 %, and each of
    the newer task types used at least twice."""
    tasks = [q for s in library.sets_for(language) if s.id in SHIPPED_SETS for q in s.questions]
    levels = Counter(q.level.value for q in tasks)
    types = Counter(q.type.value for q in tasks)
    assert levels["beyond"] >= 12, levels
    assert levels["recall"] <= 0.35 * len(tasks), levels
    assert set(levels) == {"recall", "inference", "evaluation", "beyond"}
    assert all(types[t] >= 2 for t in ("order", "categorize", "evidence", "short_text")), types


@pytest.mark.parametrize("language", ["de", "en"])
def test_beyond_the_article_uses_every_task_type(library: ContentLibrary, language: str) -> None:
    beyond = library.get_set("beyond-the-article", language)
    assert beyond is not None
    assert len(beyond.questions) >= 12
    types = {q.type.value for q in beyond.questions}
    assert types >= {"single", "multiple", "order", "categorize", "evidence", "short_text"}
    assert any(q.skill.value == "lateral-reading" for q in beyond.questions)


@pytest.mark.parametrize("language", ["de", "en"])
def test_multiple_answer_items_vary_in_how_many_are_right(
    library: ContentLibrary, language: str
) -> None:
    """Students must not learn that "select all" always means three of five."""
    right_counts = {
        len(q.correct_ids)
        for s in library.sets_for(language)
        for q in s.questions
        if isinstance(q, Question) and q.type.value == "multiple"
    }
    assert len(right_counts) >= 3, right_counts


@pytest.mark.parametrize("language", ["de", "en"])
def test_headline_and_every_body_paragraph_are_cited(
    library: ContentLibrary, language: str
) -> None:
    source = library.sources["sora-leak"]
    needed = {b.id for b in source.paragraphs if b.kind in {BlockKind.HEADLINE, BlockKind.BODY}}
    cited = {
        c.paragraph for s in library.sets_for(language) for q in s.questions for c in q.citations
    }
    assert needed <= cited


@pytest.mark.parametrize("language", ["de", "en"])
def test_support_items_have_yes_and_no_answers(library: ContentLibrary, language: str) -> None:
    answers = [
        next(iter(q.correct_ids))
        for s in library.sets_for(language)
        for q in s.questions
        if isinstance(q, Question) and q.support_item
    ]
    assert answers.count("true") >= 3 and answers.count("false") >= 3


@pytest.mark.parametrize("language", ["de", "en"])
def test_picking_the_longest_choice_is_no_strategy(library: ContentLibrary, language: str) -> None:
    """Test-wise students pick the longest, most careful-sounding answer; it must not pay off.

    With four choices the right one is the longest in about a quarter of questions by chance;
    more often than that and length becomes a cue.
    """
    singles = [
        q
        for s in library.sets_for(language)
        for q in s.questions
        if isinstance(q, Question) and q.type.value == "single"
    ]
    longest_is_right = [
        q.id
        for q in singles
        if max(q.choices, key=lambda c: len(c.text)).correct
        and sorted(len(c.text) for c in q.choices)[-2] < max(len(c.text) for c in q.choices)
    ]
    assert len(singles) >= 15
    assert len(longest_is_right) <= len(singles) / 4, longest_is_right


def test_changing_one_word_of_any_quote_breaks_it(library: ContentLibrary) -> None:
    source = library.sources["sora-leak"]
    for question_set in library.sets:
        for question in question_set.questions:
            for citation in question.citations:
                block = source.block(citation.paragraph)
                assert block is not None
                words = citation.quote.split()
                for i in range(len(words)):
                    changed = " ".join([*words[:i], words[i] + "x", *words[i + 1 :]])
                    assert locate_quote(block.text, changed) is None, (question.id, changed)


def test_a_changed_quote_fails_validation_of_that_file(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    target = copy / "sets" / "why.de.yaml"
    text = target.read_text(encoding="utf-8")
    marker = '    quote: "'
    start = text.index(marker) + len(marker)
    end = text.index(" ", start)
    target.write_text(text[:start] + "Anders" + text[end:], encoding="utf-8")
    library = load_content([copy])
    assert [p.path.name for p in library.errors] == ["why.de.yaml"]
    assert "not in paragraph" in library.errors[0].message


@pytest.mark.parametrize("language", ["de", "en"])
def test_shipped_evidence_tasks_reward_the_cited_words_not_whole_paragraphs(
    library: ContentLibrary, language: str
) -> None:
    """Marking exactly one cited quote (or its translation) is full credit; marking the whole
    article is not enough, so "mark everything" is no strategy."""
    source = library.sources["sora-leak"]
    tasks = [
        q for s in library.sets_for(language) for q in s.questions if isinstance(q, EvidenceTask)
    ]
    assert tasks
    for task in tasks:
        layers = [Layer.ORIGINAL] + ([Layer.TRANSLATION] if language != source.language else [])
        for citation in task.citations:
            block = source.block(citation.paragraph)
            assert block is not None
            for layer in layers:
                text = layer_text(block, layer, language)
                quote = citation.quote if layer is Layer.ORIGINAL else citation.translation
                assert text is not None and quote is not None
                found = locate_quote(text, quote)
                assert found is not None, (task.id, layer, quote)
                mark = Mark(
                    paragraph=block.id, layer=layer, start=found[0], end=found[1], text=quote
                )
                score = score_evidence(task, EvidenceResponse(marks=(mark,)), source, language)
                assert score.credit == 1.0 and score.correct, (task.id, quote)
        # The whole article holds every piece, but most of its words are in other sentences.
        everything = tuple(
            Mark(paragraph=b.id, layer=Layer.ORIGINAL, start=0, end=len(b.text), text="")
            for b in source.paragraphs
        )
        assert not score_evidence(
            task, EvidenceResponse(marks=everything), source, language
        ).correct
