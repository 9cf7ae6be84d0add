"""The content model: source documents and question sets, as teachers write them in YAML.

Pure pydantic, no Qt. These classes are the single definition of the file format: the loader
validates against them and ``content/schema/*.json`` is generated from them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Ids are short, stable, lowercase slugs: they are stored with every answer, so renaming one
# breaks the link between old answers and the question.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LanguageCode = Literal["de", "en"]

LANGUAGES: tuple[LanguageCode, ...] = ("de", "en")


class _Strict(BaseModel):
    """Base for all content models: unknown keys are errors, values are not coerced.

    ``strict`` keeps YAML's loose typing from slipping through: a choice text written as
    ``no`` or ``123`` must be quoted rather than silently become a bool or an int.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class QuestionType(StrEnum):
    """How a question is answered."""

    SINGLE = "single"  # exactly one correct choice, shown as radio buttons
    MULTIPLE = "multiple"  # one or more correct choices, shown as check boxes
    TRUE_FALSE = "true_false"  # two choices with ids ``true`` and ``false``, never shuffled
    ORDER = "order"  # put steps into the right order
    CATEGORIZE = "categorize"  # sort statements into categories
    EVIDENCE = "evidence"  # mark the words in the article that support/undermine a statement
    SHORT_TEXT = "short_text"  # a short written answer, self-assessed against a rubric


#: The types answered by picking choices (the original three).
CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE})


class Skill(StrEnum):
    """The reading skill a question practises; reports count questions and scores per skill."""

    FACTS = "facts"
    MOTIVES = "motives"
    SOURCING = "sourcing"
    CLAIM_VS_FACT = "claim-vs-fact"
    MISSING_CONTEXT = "missing-context"
    WORDING = "wording"
    LATERAL_READING = "lateral-reading"  # leaving the text: who is behind it, what others say


class CognitiveLevel(StrEnum):
    """What a task asks students to do with the text; reports show it beside the skill."""

    RECALL = "recall"  # find or restate what the text says
    INFERENCE = "inference"  # work out what follows, who is speaking, what a word does
    EVALUATION = "evaluation"  # judge sources, wording or headlines
    BEYOND = "beyond"  # leave the text: how to check it elsewhere, or write something new


class BlockKind(StrEnum):
    """What a block of the source text is."""

    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    BODY = "body"
    FURNITURE = "furniture"  # page furniture ("Teile den Artikel"): on the page, not article text


# ---------------------------------------------------------------------------------------------
# Source documents


class Paragraph(_Strict):
    """One block of the source text with a stable id that citations point to."""

    id: Id
    kind: BlockKind = Field(strict=False)  # strict enums would refuse plain YAML text
    text: Text
    translations: dict[LanguageCode, Text] = Field(
        default_factory=dict,
        description="Optional reading aid: the block in other languages, shown marked as a "
        "translation, never instead of the original.",
    )


class SourceDocument(_Strict):
    """A source article. Unknown metadata is ``null`` and ``unknown_note`` says so plainly."""

    schema_version: Literal[1] = 1
    id: Id
    language: LanguageCode
    title: Text
    title_translations: dict[LanguageCode, Text] = Field(default_factory=dict)
    author: Text | None = Field(description="null when the text names no author")
    outlet: Text | None = Field(description="null when the text names no outlet")
    published: Text | None = Field(description="ISO date, or null when the text gives none")
    url: Text | None = None
    unknown_note: dict[LanguageCode, Text] = Field(
        description="Per language: what the text does not tell about itself (author, outlet, "
        "date). Shown in the article view."
    )
    origin: dict[LanguageCode, Text] = Field(
        default_factory=dict, description="Per language: how the text came to the project."
    )
    paragraphs: list[Paragraph] = Field(min_length=1)

    def block(self, block_id: str) -> Paragraph | None:
        """Return the block with this id, or ``None``."""
        for paragraph in self.paragraphs:
            if paragraph.id == block_id:
                return paragraph
        return None


# ---------------------------------------------------------------------------------------------
# Question sets


class Choice(_Strict):
    """One answer option. ``feedback`` says why picking it is right or wrong."""

    id: Id
    text: Text
    correct: bool
    feedback: Text | None = None


class Citation(_Strict):
    """An exact quote from one block of the source that backs the explanation."""

    paragraph: Id = Field(description="Id of a block of the set's source document")
    quote: Text = Field(description="Exact words from that block, in the source's language")
    translation: Text | None = Field(
        default=None,
        description="Required when the set's language differs from the source's: the quote in "
        "the set's language, shown marked as a translation.",
    )


class _TaskBase(_Strict):
    """What every task has, whatever its type: id, prompt, explanation, citations, skill, level."""

    id: Id
    prompt: Text
    explanation: Text = Field(description="Why the right answer is right, in plain words")
    citations: list[Citation] = Field(min_length=1)
    skill: Skill = Field(strict=False)
    difficulty: Annotated[int, Field(ge=1, le=3)]
    level: CognitiveLevel = Field(
        strict=False,
        description="recall, inference, evaluation or beyond: what the task asks students to "
        "do with the text (shown in the item analysis).",
    )


class Question(_TaskBase):
    """A choice question (single, multiple or true_false) with its choices."""

    type: Literal[QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE]
    choices: list[Choice] = Field(min_length=2, max_length=8)
    support_item: bool = Field(
        default=False,
        description="A 'Does the article support this statement?' item (type true_false; "
        "choice 'true' = supported). Reports compute hit and false-alarm rates from these.",
    )
    shuffle: bool = Field(
        default=True,
        description="Shuffle choices per attempt. Ignored for true_false, which keeps its order.",
    )

    @property
    def correct_ids(self) -> frozenset[str]:
        """Ids of the correct choices."""
        return frozenset(choice.id for choice in self.choices if choice.correct)

    def choice(self, choice_id: str) -> Choice | None:
        """Return the choice with this id, or ``None``."""
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


class Item(_Strict):
    """One step of an ``order`` task, a category, or a rubric point: an id and a text."""

    id: Id
    text: Text


class OrderTask(_TaskBase):
    """Put steps into order. ``items`` are written in the RIGHT order; the app shuffles them."""

    type: Literal[QuestionType.ORDER]
    items: list[Item] = Field(
        min_length=3,
        max_length=8,
        description="The steps in the right order (the app shows them shuffled).",
    )


class Statement(_Strict):
    """A statement of a ``categorize`` task and the id of the category it belongs to."""

    id: Id
    text: Text
    category: Id = Field(description="Id of one of the task's categories")
    feedback: Text | None = Field(
        default=None, description="Why it belongs there; shown after answering."
    )


class CategorizeTask(_TaskBase):
    """Sort each statement into one of the categories."""

    type: Literal[QuestionType.CATEGORIZE]
    categories: list[Item] = Field(min_length=2, max_length=5)
    statements: list[Statement] = Field(
        min_length=2, max_length=8, description="Shown shuffled; each names its right category."
    )


class Stance(StrEnum):
    """Whether the words to mark support or undermine the evidence task's statement."""

    SUPPORTS = "supports"
    UNDERMINES = "undermines"


class EvidenceTask(_TaskBase):
    """Mark the words in the article that support (or undermine) a statement.

    The ``citations`` are the target quotes: each one on its own is enough evidence, and the
    student's marking is scored by its overlap with them (see :mod:`quizapp.core.scoring`).
    """

    type: Literal[QuestionType.EVIDENCE]
    statement: Text = Field(description="The statement the student finds evidence for/against")
    stance: Stance = Field(
        strict=False, description="supports or undermines: what the marked words should do"
    )


class ShortTextTask(_TaskBase):
    """A short written answer, then a model answer and a rubric the student checks against."""

    type: Literal[QuestionType.SHORT_TEXT]
    max_words: Annotated[int, Field(ge=1, le=80)] = Field(
        description="Most words the answer may have (the app counts and stops there)."
    )
    model_answer: Text = Field(description="A good answer, shown after the student's own")
    rubric: list[Item] = Field(
        min_length=1,
        max_length=6,
        description="Points a good answer meets; the student ticks the ones theirs meets.",
    )


#: Any task of a set; the ``type`` field says which model applies.
Task = Annotated[
    Question | OrderTask | CategorizeTask | EvidenceTask | ShortTextTask,
    Field(discriminator="type"),
]
#: The same as a runtime tuple, for ``isinstance``.
NEW_TASK_CLASSES = (OrderTask, CategorizeTask, EvidenceTask, ShortTextTask)


class QuestionSet(_Strict):
    """One question set in one language: ``content/sets/<id>.<language>.yaml``."""

    schema_version: Literal[1] = 1
    id: Id
    language: LanguageCode
    title: Text
    description: Text
    source: Id = Field(description="Id of the source document the citations point into")
    questions: list[Task] = Field(min_length=1)

    def question(self, question_id: str) -> Task | None:
        """Return the question with this id, or ``None``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None
