"""Progress across attempts, for the results page: per-skill scores, change, combined mastery.

Pure functions over the engine's :class:`AnswerResult` values and the set's questions (no Qt,
no storage). "Right" always means the one scoring rule of :mod:`quizapp.core.scoring`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizapp.core.content.models import CognitiveLevel, QuestionSet, Skill
from quizapp.core.quiz import AnswerResult
from quizapp.i18n import N_

SKILL_LABELS: dict[str, str] = {
    Skill.FACTS.value: N_("Facts"),
    Skill.MOTIVES.value: N_("Motives"),
    Skill.SOURCING.value: N_("Sourcing"),
    Skill.CLAIM_VS_FACT.value: N_("Claim vs. fact"),
    Skill.MISSING_CONTEXT.value: N_("Missing context"),
    Skill.WORDING.value: N_("Wording"),
    Skill.LATERAL_READING.value: N_("Lateral reading"),
}
#: What a task asks students to do, as the item analysis shows it (the app and every report).
LEVEL_LABELS: dict[str, str] = {
    CognitiveLevel.RECALL.value: N_("Recall"),
    CognitiveLevel.INFERENCE.value: N_("Inference"),
    CognitiveLevel.EVALUATION.value: N_("Evaluation"),
    CognitiveLevel.BEYOND.value: N_("Beyond the text"),
}


@dataclass(frozen=True)
class SkillScore:
    """Right answers out of all answers for the questions practising one skill."""

    skill: Skill
    right: int
    total: int


def skill_breakdown(question_set: QuestionSet, answers: Iterable[AnswerResult]) -> list[SkillScore]:
    """Per skill (in the order of :class:`Skill`), how many answered questions were right."""
    counts: dict[Skill, list[int]] = {}
    for answer in answers:
        question = question_set.question(answer.question_id)
        if question is None:
            continue
        count = counts.setdefault(question.skill, [0, 0])
        count[0] += int(answer.correct)
        count[1] += 1
    return [SkillScore(skill, *counts[skill]) for skill in Skill if skill in counts]


def mastered(rounds: Sequence[Iterable[AnswerResult]]) -> set[str]:
    """Ids of the questions answered right in any of ``rounds`` (a full round and its retries)."""
    return {answer.question_id for answers in rounds for answer in answers if answer.correct}


class Level:
    """How a score reads, for a message that matches it (thresholds in percent right)."""

    TOP = "top"  # 90 % and more
    GOOD = "good"  # 70 % and more
    FAIR = "fair"  # 40 % and more
    LOW = "low"


def level(right: int, total: int) -> str:
    """The :class:`Level` of ``right`` out of ``total``."""
    share = right / total if total else 0.0
    if share >= 0.9:
        return Level.TOP
    if share >= 0.7:
        return Level.GOOD
    if share >= 0.4:
        return Level.FAIR
    return Level.LOW
