"""The shipped question sets: clean, big enough, citing the whole article, and misquote-proof."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core.citations import locate_quote
from quizapp.core.loader import ContentLibrary, load_content
from quizapp.core.models import BlockKind, Question

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_content([CONTENT])


def test_shipped_content_has_no_errors_or_warnings(library: ContentLibrary) -> None:
    assert [p.format() for p in library.problems] == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_language_has_three_sets_and_thirty_questions(
    library: ContentLibrary, language: str
) -> None:
    sets = library.sets_for(language)
    assert {s.id for s in sets} >= {"what-happened", "why", "reading-critically"}
    assert sum(len(s.questions) for s in sets) >= 30


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
        q for s in library.sets_for(language) for q in s.questions if q.type.value == "single"
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
