"""Shared fixtures for the report, exchange and demo tests: a small question set and a builder
that writes a class's results into a real SQLite database.

Results go in through :func:`quizapp.storage.exchange.insert_payload` (the import path), which
lets a test choose every timestamp; one test per module also uses the repository's own
``start_attempt``/``save_answer`` path.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from quizapp import i18n
from quizapp.core.content.models import (
    Choice,
    Citation,
    CognitiveLevel,
    Question,
    QuestionSet,
    QuestionType,
    Skill,
)
from quizapp.core.quiz import is_correct, question_hash
from quizapp.storage.exchange import insert_payload
from quizapp.storage.exchange_format import AnswerOut, AttemptOut, Payload, StudentOut
from quizapp.storage.repository import Repository

BASE_TIME = datetime(2025, 3, 10, 9, 0)
CITE = [Citation(paragraph="p1", quote="quote")]
OLD_HASH = "0ld0ld0ld0ld0ld0"  # the hash of an "older version" of a question


def _choice(choice_id: str, correct: bool, text: str | None = None) -> Choice:
    return Choice(id=choice_id, text=text or f"Choice {choice_id}", correct=correct)


def fixture_set(language: str = "en", set_id: str = "mini") -> QuestionSet:
    """Four questions: single (a right), supported statement, unsupported statement, multiple.

    q1 single, 4 choices, "a" right            → guess 1/4
    q2 true/false support item, "true" right   → a supported statement
    q3 true/false support item, "false" right  → an unsupported statement
    q4 multiple, 3 choices, "a" and "b" right  → guess 1/(2³ − 1) = 1/7
    """
    yes, no = ("Yes", "No") if language == "en" else ("Ja", "Nein")
    questions = [
        Question(
            id="q1",
            type=QuestionType.SINGLE,
            prompt=f"Who? ({language})",
            choices=[_choice(c, c == "a") for c in "abcd"],
            explanation="Because.",
            citations=CITE,
            skill=Skill.FACTS,
            difficulty=1,
            level=CognitiveLevel.RECALL,
        ),
        *(
            Question(
                id=qid,
                type=QuestionType.TRUE_FALSE,
                prompt=f"Does the article support {qid}? ({language})",
                choices=[_choice("true", supported, yes), _choice("false", not supported, no)],
                explanation="Because.",
                citations=CITE,
                skill=Skill.CLAIM_VS_FACT,
                difficulty=2,
                level=CognitiveLevel.RECALL,
                support_item=True,
            )
            for qid, supported in (("q2", True), ("q3", False))
        ),
        Question(
            id="q4",
            type=QuestionType.MULTIPLE,
            prompt=f"Which ones? ({language})",
            choices=[_choice(c, c in "ab") for c in "abc"],
            explanation="Because.",
            citations=CITE,
            skill=Skill.SOURCING,
            difficulty=3,
            level=CognitiveLevel.RECALL,
        ),
    ]
    return QuestionSet(
        id=set_id,
        language=language,  # type: ignore[arg-type]
        title=f"Mini set ({language})",
        description="A small set for tests.",
        source="src",
        questions=questions,
    )


@dataclass
class ClassBuilder:
    """Collects students, attempts and answers, then writes them in one transaction."""

    sets: Sequence[QuestionSet]
    students: list[StudentOut] = field(default_factory=list)
    attempts: list[AttemptOut] = field(default_factory=list)
    answers: list[AnswerOut] = field(default_factory=list)

    def student(self, nickname: str, group: str = "7a", *, demo: bool = False) -> str:
        """Add a student; return their UUID."""
        row = StudentOut(
            uuid=str(uuid.uuid4()),
            nickname=nickname,
            group=group,
            is_demo=demo,
            created_at=BASE_TIME,
        )
        self.students.append(row)
        return row.uuid

    def attempt(
        self,
        student: str,
        picks: Mapping[str, Sequence[str]],
        *,
        when: datetime = BASE_TIME,
        set_id: str | None = None,
        language: str = "en",
        mode: str = "full",
        finished: bool = True,
        confidence: Mapping[str, str | None] | None = None,
        stale: Sequence[str] = (),
    ) -> str:
        """Add an attempt answering ``picks`` (question id → chosen ids); return its UUID.

        Answers to questions in ``stale`` get a hash of an older version of the question.
        """
        question_set = self._set(set_id, language)
        attempt_uuid = str(uuid.uuid4())
        levels = confidence or {}
        clock = when
        for question in question_set.questions:
            if question.id not in picks:
                continue
            clock += timedelta(seconds=20)
            chosen = sorted(picks[question.id])
            # The newer task types are not answered by choices: ["right"] stands for a right
            # answer to them, anything else for a wrong one (no response is stored).
            if isinstance(question, Question):
                correct = is_correct(question, chosen)
            else:
                correct, chosen = chosen == ["right"], []
            self.answers.append(
                AnswerOut(
                    uuid=str(uuid.uuid4()),
                    attempt=attempt_uuid,
                    question_id=question.id,
                    question_hash=OLD_HASH if question.id in stale else question_hash(question),
                    chosen=chosen,
                    correct=correct,
                    confidence=levels.get(question.id, "sure" if correct else "guessing"),
                    seconds=12.5,
                    answered_at=clock,
                )
            )
        asked = [q.id for q in question_set.questions if mode == "full" or q.id in picks]
        self.attempts.append(
            AttemptOut(
                uuid=attempt_uuid,
                student=student,
                set_id=question_set.id,
                language=language,
                seed=1,
                question_ids=asked,
                mode=mode,  # type: ignore[arg-type]
                started_at=when,
                finished_at=clock if finished else None,
            )
        )
        return attempt_uuid

    def _set(self, set_id: str | None, language: str) -> QuestionSet:
        for question_set in self.sets:
            if (set_id is None or question_set.id == set_id) and question_set.language == language:
                return question_set
        raise LookupError(f"no set {set_id!r} in {language!r}")

    def payload(self) -> Payload:
        """The collected rows."""
        return Payload(students=self.students, attempts=self.attempts, answers=self.answers)

    def write(self, repository: Repository) -> None:
        """Insert the collected rows into ``repository``'s database."""
        insert_payload(repository, self.payload())


# The hand-computed class of test_item_analysis: six students' first attempts.
#          q1  q2  q3  q4   total
#   S1      1   1   1   0     3   (q4: a and c, one right minus one wrong = 0)
#   S2      1   1   1   0     3
#   S3      1   1   0   1     3
#   S4      1   0   0   1     2
#   S5      0   1   0   1     2
#   S6      0   0   0   1     1
HAND_PICKS: list[dict[str, list[str]]] = [
    {"q1": ["a"], "q2": ["true"], "q3": ["false"], "q4": ["a", "c"]},
    {"q1": ["a"], "q2": ["true"], "q3": ["false"], "q4": ["a", "c"]},
    {"q1": ["a"], "q2": ["true"], "q3": ["true"], "q4": ["a", "b"]},
    {"q1": ["a"], "q2": ["false"], "q3": ["true"], "q4": ["a", "b"]},
    {"q1": ["b"], "q2": ["true"], "q3": ["true"], "q4": ["a", "b"]},
    {"q1": ["b"], "q2": ["false"], "q3": ["true"], "q4": ["a", "b"]},
]


def hand_class(builder: ClassBuilder, *, group: str = "7a") -> list[str]:
    """Add the six students of :data:`HAND_PICKS` with one first attempt each."""
    uuids = []
    for n, picks in enumerate(HAND_PICKS, start=1):
        student = builder.student(f"S{n}", group)
        builder.attempt(student, picks, when=BASE_TIME + timedelta(minutes=n))
        uuids.append(student)
    return uuids


@contextmanager
def english() -> Iterator[None]:
    """Messages in English inside the block; afterwards exactly the catalog that was active.

    Other tests may have switched the language, and ours switch it (reports are written in
    their own language), so the previous catalog object itself is put back.
    """
    saved = (i18n._translations, i18n._language)
    i18n.setup("en")
    try:
        yield
    finally:
        i18n._translations, i18n._language = saved


def open_repository(folder: Path) -> Repository:
    """A repository (migrated schema) in ``folder``."""
    return Repository.open(folder)
