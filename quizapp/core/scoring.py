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

import bisect
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


def is_partly(credit_value: float, *, correct: bool) -> bool:
    """Whether an answer earned some credit without counting as right (any task type)."""
    return not correct and credit_value > 0.0


class ScoringError(ValueError):
    """The response does not fit the task (another type, unknown ids, too many words)."""


def order_pairs(task: OrderTask, response: OrderResponse) -> tuple[int, int]:
    """(pairs of steps in the right order, all pairs): "5 of 6 pairs in the right order"."""
    key = [item.id for item in task.items]
    if sorted(response.order) != sorted(key):
        raise ScoringError("the order must hold every item exactly once")
    rank = {item_id: i for i, item_id in enumerate(response.order)}
    pairs = list(itertools.combinations(key, 2))
    return sum(1 for first, second in pairs if rank[first] < rank[second]), len(pairs)


def score_order(task: OrderTask, response: OrderResponse) -> Score:
    """Right when exact; credit = share of item pairs in the right relative order (Kendall)."""
    concordant, pairs = order_pairs(task, response)
    return Score(concordant / pairs, list(response.order) == [item.id for item in task.items])


def categorize_parts(task: CategorizeTask, response: CategorizeResponse) -> tuple[int, int]:
    """(statements in their category, all statements): "3 of 4 statements in the right
    category"."""
    statements = {s.id: s.category for s in task.statements}
    categories = {c.id for c in task.categories} | {""}
    if set(response.assignments) - set(statements):
        raise ScoringError("unknown statement ids")
    if set(response.assignments.values()) - categories:
        raise ScoringError("unknown category ids")
    right = sum(1 for sid, cat in statements.items() if response.assignments.get(sid) == cat)
    return right, len(statements)


def score_categorize(task: CategorizeTask, response: CategorizeResponse) -> Score:
    """Credit = share of statements in their category; right when all are."""
    right, of = categorize_parts(task, response)
    return Score(right / of, right == of)


def rubric_parts(task: ShortTextTask, response: ShortTextResponse) -> tuple[int, int]:
    """(rubric points ticked, all rubric points): "2 of 3 points of the model answer"."""
    rubric = [point.id for point in task.rubric]
    if set(response.checked) - set(rubric):
        raise ScoringError("unknown rubric ids")
    return len(set(response.checked)), len(rubric)


def score_short_text(task: ShortTextTask, response: ShortTextResponse) -> Score:
    """Self-assessed: credit = share of rubric points ticked; right when all are."""
    ticked, of = rubric_parts(task, response)
    if not response.text.strip():
        raise ScoringError("the answer is empty")
    if count_words(response.text) > task.max_words:
        raise ScoringError("the answer has more words than allowed")
    return Score(ticked / of, ticked == of)


def layer_text(block: Paragraph, layer: Layer, language: str) -> str | None:
    """The text of ``block`` a student can mark in ``layer`` (the translation for readers of
    ``language``), or ``None`` when that layer does not exist."""
    if layer is Layer.ORIGINAL:
        return block.text
    return next((text for lang, text in block.translations.items() if lang == language), None)


# A word as a student selects it: letters joined by a hyphen or an apostrophe ("Video-Generator",
# "OpenAI’s") are one word, punctuation around it is not part of it.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def _words_in(text: str, start: int, end: int) -> list[int]:
    """Indexes of the words of ``text`` that overlap the characters ``start:end``."""
    return [
        i
        for i, word in enumerate(_TOKEN.finditer(text))
        if word.start() < end and word.end() > start
    ]


# A sentence ends at . ! ? or … (closing quotes may follow) before a blank.
_SENTENCE_END = re.compile(r"[.!?…][’‘“”\"'‚»«)]*\s+")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The selection ``start:end`` of ``text`` widened to whole words ("leiste" → "leisten"),
    without blanks or punctuation at its edges; ``None`` when it holds no word."""
    tokens = [t for t in _TOKEN.finditer(text) if t.start() < end and t.end() > start]
    if not tokens:
        return None
    return tokens[0].start(), tokens[-1].end()


def _sentences(text: str) -> list[int]:
    """For each word of ``text`` (as :data:`_TOKEN` counts them), the number of its sentence."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [bisect.bisect_right(ends, word.start()) for word in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Target:
    """One cited quote in one layer of the article: its words and the sentences they are in."""

    quote: str
    words: frozenset[WordKey]
    sentence: frozenset[WordKey]  # every word of the sentence(s) the quote is in


def evidence_pieces(task: EvidenceTask, source: SourceDocument, language: str) -> list[Target]:
    """Every cited quote a student of ``language`` may mark, per layer (the original and, for
    another language, the translation)."""
    pieces: list[Target] = []
    for citation in task.citations:
        block = source.block(citation.paragraph)
        if block is None:
            continue
        layers = [(Layer.ORIGINAL, citation.quote)]
        if language != source.language and citation.translation:
            layers.append((Layer.TRANSLATION, citation.translation))
        for layer, quote in layers:
            text = layer_text(block, layer, language)
            found = locate_quote(text, quote) if text else None
            if text is None or found is None:
                continue
            indexes = _words_in(text, *found)
            if not indexes:
                continue
            sentence_of = _sentences(text)
            sentences = {sentence_of[i] for i in indexes}
            pieces.append(
                Target(
                    quote=quote,
                    words=frozenset((block.id, layer, i) for i in indexes),
                    sentence=frozenset(
                        (block.id, layer, i) for i, s in enumerate(sentence_of) if s in sentences
                    ),
                )
            )
    return pieces


def evidence_targets(
    task: EvidenceTask, source: SourceDocument, language: str
) -> list[frozenset[WordKey]]:
    """Per cited quote and layer, its words (what the article view highlights)."""
    return [piece.words for piece in evidence_pieces(task, source, language)]


def marked_words(
    response: EvidenceResponse, source: SourceDocument, language: str
) -> frozenset[WordKey]:
    """The article's words the marks cover, each mark widened to whole words (marks outside
    any block's text are ignored)."""
    words: set[WordKey] = set()
    for mark in response.marks:
        block = source.block(mark.paragraph)
        text = layer_text(block, mark.layer, language) if block is not None else None
        if text is None or mark.end <= mark.start:
            continue
        words |= {(mark.paragraph, mark.layer, i) for i in _words_in(text, mark.start, mark.end)}
    return frozenset(words)


@dataclass(frozen=True)
class EvidenceCheck:
    """How marks compare with the evidence, in counts a student can follow.

    ``piece`` is the cited piece the marks come closest to (one a mark holds whole, if any);
    ``outside`` counts marked words outside every sentence that holds a cited piece.
    """

    marked: int  # words marked
    outside: int  # of them, outside the sentences with evidence
    piece: str  # the closest cited piece ("" when there is none)
    piece_words: int  # its words
    piece_marked: int  # of them marked

    @property
    def found(self) -> bool:
        """A mark holds a whole cited piece."""
        return self.piece_words > 0 and self.piece_marked == self.piece_words

    @property
    def precision(self) -> float:
        """The share of marked words in a sentence that holds evidence."""
        return (self.marked - self.outside) / self.marked if self.marked else 0.0

    @property
    def credit(self) -> float:
        """Share of the closest piece marked, lowered when fewer than half of the marked words
        are in a sentence with evidence."""
        if not self.marked or not self.piece_words:
            return 0.0
        return self.piece_marked / self.piece_words * min(1.0, self.precision / EVIDENCE_THRESHOLD)

    @property
    def correct(self) -> bool:
        """Right: a whole piece found, and at least half of the marked words in its sentence."""
        return self.found and self.precision >= EVIDENCE_THRESHOLD


def check_evidence(
    task: EvidenceTask, response: EvidenceResponse, source: SourceDocument, language: str
) -> EvidenceCheck:
    """Compare the marks with the cited pieces (see :func:`score_evidence`)."""
    marked = marked_words(response, source, language)
    pieces = evidence_pieces(task, source, language)
    if not marked or not pieces:
        return EvidenceCheck(len(marked), len(marked), "", 0, 0)
    in_sentences = frozenset().union(*(piece.sentence for piece in pieces))
    # The closest piece: one held whole (the longest such), else the best-covered share.
    best = max(
        pieces,
        key=lambda p: (
            p.words <= marked,
            len(p.words) if p.words <= marked else 0,
            len(marked & p.words) / len(p.words),
            -len(p.words),
        ),
    )
    return EvidenceCheck(
        marked=len(marked),
        outside=len(marked - in_sentences),
        piece=best.quote,
        piece_words=len(best.words),
        piece_marked=len(marked & best.words),
    )


def score_evidence(
    task: EvidenceTask, response: EvidenceResponse, source: SourceDocument, language: str
) -> Score:
    """Right when a mark holds a whole cited piece and at least half of the marked words are in
    a sentence that holds evidence (extra words of the piece's own sentence are fine: "Einige
    unzufriedene Künstler behaupten," holds "behaupten"). Credit = share of the closest piece
    marked × min(1, that share of words in evidence sentences ÷ 0.5). Marks are whole words:
    a mark that cuts a word counts the whole word.
    """
    check = check_evidence(task, response, source, language)
    return Score(check.credit, check.correct)
