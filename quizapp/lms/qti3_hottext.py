"""The evidence task as a QTI 3.0 ``qti-hottext-interaction`` over the article.

quizapp lets students mark any words; a hottext interaction offers pieces to pick. The pieces
are the task's cited passages (each one piece, the right ones) and the rest of every block cut
at punctuation (the wrong ones), in the layer the reader reads: the translation for readers of
another language where the quote's translation is found in it, else the original.

Scoring is quizapp's rule (:func:`quizapp.core.scoring.score_evidence`) as far as pieces allow:
a cited passage picked is held whole, so the answer is right when a cited piece is among the
picked ones and at least half of the picked words stand in a sentence that holds evidence;
below that the credit is that share / 0.5; without a cited piece it is 0. Each piece carries
its word count and its words in such sentences, counted by quizapp's own functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import BlockKind, EvidenceTask, Paragraph, SourceDocument
from quizapp.core.responses import EvidenceResponse, Layer, Mark
from quizapp.core.scoring import EVIDENCE_THRESHOLD, WORD, evidence_pieces, marked_words
from quizapp.lms.item_text import XML_LANG, child, element
from quizapp.lms.qti3_rules import add_to, base, condition, operator, set_outcome, variable

#: A piece of plain article text ends after one of these (and the space after it).
_CUT = re.compile(r"(?<=[,.;:!?–—])\s+")


@dataclass(frozen=True)
class Piece:
    """One piece the student can pick: where it stands in which block and layer, its words."""

    identifier: str
    paragraph: str
    layer: Layer
    start: int
    end: int
    words: int
    cited: bool


@dataclass(frozen=True)
class BlockPieces:
    """One block as the reader sees it, cut into pieces (``None``: plain text between them)."""

    block: Paragraph
    text: str
    language: str
    parts: list[tuple[int, int, Piece | None]]


@dataclass
class Hottexts:
    """The interaction, the identifiers of its right pieces, and the rules that score it."""

    interaction: ET.Element
    right: list[str] = field(default_factory=list)
    rules: list[ET.Element] = field(default_factory=list)


def article_pieces(task: EvidenceTask, source: SourceDocument, language: str) -> list[BlockPieces]:
    """Every block the interaction shows, cut into pieces, numbered H1, H2, … in order."""
    blocks: list[BlockPieces] = []
    counter = 0
    for block in source.paragraphs:
        text, text_language, layer, targets = _layer(task, source, block, language)
        if block.kind is BlockKind.FURNITURE and not targets:
            continue
        parts: list[tuple[int, int, Piece | None]] = []
        for start, end, cited in _pieces(text, targets):
            words = len(WORD.findall(text[start:end]))
            if not words:
                parts.append((start, end, None))
                continue
            # Spaces at a piece's edges stay plain text: a piece is words and punctuation.
            first = start + len(text[start:end]) - len(text[start:end].lstrip())
            last = end - (len(text[start:end]) - len(text[start:end].rstrip()))
            counter += 1
            piece = Piece(f"H{counter}", block.id, layer, first, last, words, cited)
            parts.extend(
                part
                for part in ((start, first, None), (first, last, piece), (last, end, None))
                if part[1] > part[0]
            )
        blocks.append(BlockPieces(block, text, text_language, parts))
    return blocks


def hottext_interaction(
    task: EvidenceTask, source: SourceDocument | None, language: str
) -> Hottexts:
    """The interaction for ``task`` over ``source`` as a reader of ``language`` sees it."""
    interaction = element(
        "qti-hottext-interaction", None, {"response-identifier": "RESPONSE", "max-choices": "0"}
    )
    built = Hottexts(interaction)
    if source is None:
        return built
    targets = evidence_pieces(task, source, language)
    near_evidence = frozenset().union(*(target.sentence for target in targets))
    for shown in article_pieces(task, source, language):
        paragraph = child(interaction, "p", None, {XML_LANG: shown.language})
        if shown.block.kind in (BlockKind.HEADLINE, BlockKind.SUBHEADLINE):
            paragraph.set("class", f"quizapp-{shown.block.kind.value}")
        for start, end, piece in shown.parts:
            if piece is None:
                _append_text(paragraph, shown.text[start:end])
                continue
            hottext = child(
                paragraph, "qti-hottext", shown.text[start:end], {"identifier": piece.identifier}
            )
            hottext.tail = ""
            if piece.cited:
                built.right.append(piece.identifier)
            mark = Mark(
                paragraph=piece.paragraph,
                layer=piece.layer,
                start=piece.start,
                end=piece.end,
                text=shown.text[piece.start : piece.end],
            )
            words = marked_words(EvidenceResponse(marks=(mark,)), source, language)
            built.rules.append(
                _count_rule(
                    piece.identifier,
                    len(words),
                    len(words & near_evidence),
                    cited=piece.cited,
                )
            )
    built.rules.append(_score_rule())
    return built


def _layer(
    task: EvidenceTask, source: SourceDocument, block: Paragraph, language: str
) -> tuple[str, str, Layer, list[tuple[int, int]]]:
    """The block's text to show, its language and layer, and where the task's quotes are."""
    citations = [c for c in task.citations if c.paragraph == block.id]
    translated = next((t for lang, t in block.translations.items() if lang == language), None)
    if language != source.language and translated:
        found = [
            locate_quote(translated, c.translation) if c.translation else None for c in citations
        ]
        if all(spot is not None for spot in found):
            located = [spot for spot in found if spot is not None]
            return translated, language, Layer.TRANSLATION, located
    originals = [locate_quote(block.text, c.quote) for c in citations]
    return block.text, source.language, Layer.ORIGINAL, [s for s in originals if s is not None]


def _pieces(text: str, targets: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """``text`` cut into (start, end, cited) pieces: merged quotes whole, the rest at commas,
    full stops and dashes."""
    merged: list[list[int]] = []
    for start, end in sorted(targets):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[int, int, bool]] = []
    position = 0
    for start, end in merged:
        pieces.extend(_plain(text, position, start))
        pieces.append((start, end, True))
        position = end
    pieces.extend(_plain(text, position, len(text)))
    return pieces


def _plain(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    pieces: list[tuple[int, int, bool]] = []
    position = start
    for cut in _CUT.finditer(text, start, end):
        pieces.append((position, cut.start(), False))
        pieces.append((cut.start(), cut.end(), False))  # the space: plain text
        position = cut.end()
    if position < end:
        pieces.append((position, end, False))
    return [piece for piece in pieces if piece[1] > piece[0]]


def _append_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _count_rule(identifier: str, words: int, near: int, *, cited: bool) -> ET.Element:
    """Picked: add its words to PICKED, those in a sentence with evidence to NEAR; a cited
    piece also to CITED."""
    picked = operator("qti-member", base("identifier", identifier), variable("RESPONSE"))
    then = [add_to("PICKED", base("float", words)), add_to("NEAR", base("float", near))]
    if cited:
        then.append(add_to("CITED", base("float", words)))
    return condition(picked, then)


def _score_rule() -> ET.Element:
    precision = operator("qti-divide", variable("NEAR"), variable("PICKED"))
    full = operator("qti-gte", precision, base("float", EVIDENCE_THRESHOLD))
    partial = operator(
        "qti-divide",
        operator("qti-divide", variable("NEAR"), variable("PICKED")),
        base("float", EVIDENCE_THRESHOLD),
    )
    return condition(
        operator("qti-gt", variable("CITED"), base("float", 0)),
        [
            condition(
                full,
                [set_outcome("SCORE", base("float", 1))],
                [set_outcome("SCORE", partial)],
            )
        ],
        [set_outcome("SCORE", base("float", 0))],
    )
