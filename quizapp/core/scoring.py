"""The scoring rule, defined once: what an answer earns, used by the engine, the UI and reports.

Every answer earns a *credit* between 0 and 1, and counts as **right** only when the credit is
full (1). Scores a student sees (results, best scores, history, class totals) count right
answers; the credit is shown beside them ("Partly right", "3 of 4", a percentage) and is the
item score x_i of the item analysis. Per type:

- ``single`` / ``true_false``: 1 or 0.
- ``multiple``: (right choices picked − wrong choices picked) / right choices, never below 0;
  so it is 1 exactly when every right choice and no wrong one was picked (:class:`Credit`).
- ``order``, ``categorize``, ``evidence``, ``short_text``: see the functions below.

content/README.md states the same rules for teachers; change both together.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    Paragraph,
    Question,
    QuestionType,
    ShortTextTask,
    SourceDocument,
)
from quizapp.core.responses import (
    CategorizeResponse,
    EvidenceResponse,
    Layer,
    OrderResponse,
    ShortTextResponse,
)

WORD = re.compile(r"\w+", re.UNICODE)


def count_words(text: str) -> int:
    """Words as a student counts them: runs of non-space characters ("Video-KI" is one)."""
    return len(text.split())


@dataclass(frozen=True)
class Score:
    """Partial credit (0–1) and whether the answer counts as right."""

    credit: float
    correct: bool


#: Evidence counts as right from this credit on (see content/README.md).
EVIDENCE_THRESHOLD = 0.5

# A word of the article: (block id, layer, index of the word in that text).
WordKey = tuple[str, Layer, int]


@dataclass(frozen=True)
class Credit:
    """What one answer to one choice question earned: right choices found, of how many."""

    found: int  # right choices picked
    of: int  # right choices the question has
    wrong: int  # wrong (or unknown) choices picked
    multiple: bool  # a multiple-answer question (only those can be partly right)

    @property
    def right(self) -> bool:
        """Fully right: every right choice and no wrong one."""
        return self.found == self.of and self.wrong == 0

    @property
    def value(self) -> float:
        """The credit 0–1: right choices found minus wrong ones picked, of the right ones."""
        if not self.multiple:
            return 1.0 if self.right else 0.0
        return max(0, self.found - self.wrong) / self.of if self.of else 0.0

    @property
    def partly(self) -> bool:
        """Some credit but not all of it (only multiple-answer questions can be partly right)."""
        return 0.0 < self.value < 1.0


def credit(question: Question, chosen: Iterable[str]) -> Credit:
    """Score ``chosen`` against ``question``'s right choices (see the module docstring)."""
    picked = frozenset(chosen)
    right = question.correct_ids
    return Credit(
        found=len(picked & right),
        of=len(right),
        wrong=len(picked - right),
        multiple=question.type is QuestionType.MULTIPLE,
    )


def count_right(credits: Iterable[Credit]) -> tuple[int, int]:
    """(questions fully right, questions partly right) among ``credits``."""
    right = partly = 0
    for item in credits:
        right += item.right
        partly += item.partly
    return right, partly


def is_partly(credit_value: float, correct: bool) -> bool:
    """Whether an answer earned some credit without counting as right (any task type)."""
    return not correct and credit_value > 0.0


class ScoringError(ValueError):
    """The response does not fit the task (another type, unknown ids, too many words)."""


def score_order(task: OrderTask, response: OrderResponse) -> Score:
    """Right when exact; credit = share of item pairs in the right relative order (Kendall)."""
    key = [item.id for item in task.items]
    if sorted(response.order) != sorted(key):
        raise ScoringError("the order must hold every item exactly once")
    rank = {item_id: i for i, item_id in enumerate(response.order)}
    pairs = list(itertools.combinations(key, 2))
    concordant = sum(1 for first, second in pairs if rank[first] < rank[second])
    return Score(concordant / len(pairs), list(response.order) == key)


def score_categorize(task: CategorizeTask, response: CategorizeResponse) -> Score:
    """Credit = share of statements in their category; right when all are."""
    statements = {s.id: s.category for s in task.statements}
    categories = {c.id for c in task.categories} | {""}
    if set(response.assignments) - set(statements):
        raise ScoringError("unknown statement ids")
    if set(response.assignments.values()) - categories:
        raise ScoringError("unknown category ids")
    right = sum(1 for sid, cat in statements.items() if response.assignments.get(sid) == cat)
    return Score(right / len(statements), right == len(statements))


def score_short_text(task: ShortTextTask, response: ShortTextResponse) -> Score:
    """Self-assessed: credit = share of rubric points ticked; right when all are."""
    rubric = [point.id for point in task.rubric]
    if set(response.checked) - set(rubric):
        raise ScoringError("unknown rubric ids")
    if not response.text.strip():
        raise ScoringError("the answer is empty")
    if count_words(response.text) > task.max_words:
        raise ScoringError("the answer has more words than allowed")
    ticked = len(set(response.checked))
    return Score(ticked / len(rubric), ticked == len(rubric))


def layer_text(block: Paragraph, layer: Layer, language: str) -> str | None:
    """The text of ``block`` a student can mark in ``layer`` (the translation for readers of
    ``language``), or ``None`` when that layer does not exist."""
    if layer is Layer.ORIGINAL:
        return block.text
    return next((text for lang, text in block.translations.items() if lang == language), None)


def _words_in(text: str, start: int, end: int) -> list[int]:
    """Indexes of the words of ``text`` that overlap the characters ``start:end``."""
    return [
        i for i, word in enumerate(WORD.finditer(text)) if word.start() < end and word.end() > start
    ]


def evidence_targets(
    task: EvidenceTask, source: SourceDocument, language: str
) -> list[frozenset[WordKey]]:
    """Per cited quote, its words — in the original and, for another language, the translation.

    A quote and its translation are one target: marking either counts.
    """
    targets: list[frozenset[WordKey]] = []
    for citation in task.citations:
        block = source.block(citation.paragraph)
        if block is None:
            continue
        words: set[WordKey] = set()
        found = locate_quote(block.text, citation.quote)
        if found is not None:
            words |= {(block.id, Layer.ORIGINAL, i) for i in _words_in(block.text, *found)}
        translated = layer_text(block, Layer.TRANSLATION, language)
        if language != source.language and translated and citation.translation:
            found = locate_quote(translated, citation.translation)
            if found is not None:
                words |= {(block.id, Layer.TRANSLATION, i) for i in _words_in(translated, *found)}
        if words:
            targets.append(frozenset(words))
    return targets


def marked_words(
    response: EvidenceResponse, source: SourceDocument, language: str
) -> frozenset[WordKey]:
    """The article's words the marks cover (marks outside any block's text are ignored)."""
    words: set[WordKey] = set()
    for mark in response.marks:
        block = source.block(mark.paragraph)
        text = layer_text(block, mark.layer, language) if block is not None else None
        if text is None or mark.end <= mark.start:
            continue
        words |= {(mark.paragraph, mark.layer, i) for i in _words_in(text, mark.start, mark.end)}
    return frozenset(words)


def score_evidence(
    task: EvidenceTask, response: EvidenceResponse, source: SourceDocument, language: str
) -> Score:
    """Right when precision and coverage both reach 0.5; credit = min(1, min(both) / 0.5).

    Precision is the share of marked words inside any cited quote; coverage is the share of the
    best-covered quote that is marked (a quote and its translation count together, so marking
    either is enough). Half a quote is enough evidence, so credit reaches 1 at the threshold.
    """
    marked = marked_words(response, source, language)
    targets = evidence_targets(task, source, language)
    if not marked or not targets:
        return Score(0.0, False)
    every_target = frozenset().union(*targets)
    precision = len(marked & every_target) / len(marked)
    coverage = max(_coverage(marked, target) for target in targets)
    overlap = min(precision, coverage)
    return Score(min(1.0, overlap / EVIDENCE_THRESHOLD), overlap >= EVIDENCE_THRESHOLD)


def _coverage(marked: frozenset[WordKey], target: frozenset[WordKey]) -> float:
    # A target spans the original and the translation; the better-covered layer counts.
    coverages = []
    for layer in {key[1] for key in target}:
        words = {key for key in target if key[1] is layer}
        coverages.append(len(marked & words) / len(words))
    return max(coverages)
