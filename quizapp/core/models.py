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


class Skill(StrEnum):
    """The reading skill a question practises; reports count questions and scores per skill."""

    FACTS = "facts"
    MOTIVES = "motives"
    SOURCING = "sourcing"
    CLAIM_VS_FACT = "claim-vs-fact"
    MISSING_CONTEXT = "missing-context"
    WORDING = "wording"


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


class Question(_Strict):
    """One question with its choices, explanation and citations."""

    id: Id
    type: QuestionType = Field(strict=False)  # strict enums would refuse plain YAML text
    prompt: Text
    choices: list[Choice] = Field(min_length=2, max_length=8)
    explanation: Text = Field(description="Why the right answer is right, in plain words")
    citations: list[Citation] = Field(min_length=1)
    skill: Skill = Field(strict=False)
    difficulty: Annotated[int, Field(ge=1, le=3)]
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


class QuestionSet(_Strict):
    """One question set in one language: ``content/sets/<id>.<language>.yaml``."""

    schema_version: Literal[1] = 1
    id: Id
    language: LanguageCode
    title: Text
    description: Text
    source: Id = Field(description="Id of the source document the citations point into")
    questions: list[Question] = Field(min_length=1)

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or ``None``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None
