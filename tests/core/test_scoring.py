"""The scoring rule: all-or-nothing scores, a partial count for multiple-answer questions."""

from __future__ import annotations

from quizapp.core.content.models import (
    Choice,
    Citation,
    CognitiveLevel,
    Question,
    QuestionType,
    Skill,
)
from quizapp.core.quiz import QuizSession, is_correct
from quizapp.core.scoring import count_right, credit


def _question(kind: QuestionType, right: int, total: int) -> Question:
    choices = [
        Choice(id=chr(ord("a") + i), text=f"choice {i}", correct=i < right) for i in range(total)
    ]
    return Question(
        id="q",
        type=kind,
        prompt="?",
        choices=choices,
        explanation="because",
        citations=[Citation(paragraph="p1", quote="x")],
        skill=Skill.FACTS,
        difficulty=1,
        level=CognitiveLevel.RECALL,
    )


def test_three_of_four_is_partly_right_and_counts_as_not_right() -> None:
    question = _question(QuestionType.MULTIPLE, right=4, total=6)
    earned = credit(question, ["a", "b", "c"])
    assert (earned.found, earned.of, earned.wrong) == (3, 4, 0)
    assert earned.partly and not earned.right
    assert not is_correct(question, ["a", "b", "c"])  # the engine uses the same rule


def test_every_right_choice_and_no_wrong_one_is_right() -> None:
    question = _question(QuestionType.MULTIPLE, right=2, total=4)
    assert credit(question, ["a", "b"]).right
    extra = credit(question, ["a", "b", "c"])  # all right ones plus a wrong one
    assert not extra.right and extra.partly and extra.wrong == 1
    assert not credit(question, ["c", "d"]).partly  # nothing right found


def test_single_choice_is_never_partly_right() -> None:
    question = _question(QuestionType.SINGLE, right=1, total=3)
    assert credit(question, ["a"]).right
    wrong = credit(question, ["b"])
    assert not wrong.right and not wrong.partly


def test_count_right_and_the_session_agree() -> None:
    multiple = _question(QuestionType.MULTIPLE, right=2, total=3)
    single = _question(QuestionType.SINGLE, right=1, total=2).model_copy(update={"id": "s"})
    from quizapp.core.content.models import QuestionSet

    question_set = QuestionSet(
        id="t", language="en", title="t", description="d", source="s", questions=[multiple, single]
    )
    session = QuizSession(question_set, seed=1)
    session.submit(["a"])  # 1 of 2: partly right
    session.submit(["a"])  # right
    credits = [credit(question_set.questions[0], ["a"]), credit(question_set.questions[1], ["a"])]
    assert count_right(credits) == (1, 1)
    assert session.score == 1  # the partial count adds nothing to a score


def test_a_multiple_answer_earns_its_credit_and_wrong_picks_cost() -> None:
    """The credit 0–1: right picked minus wrong picked, of the right ones; full only if right."""
    question = _question(QuestionType.MULTIPLE, right=4, total=6)
    assert credit(question, ["a", "b", "c"]).value == 0.75
    assert credit(question, ["a", "b", "c", "e"]).value == 0.5  # one wrong pick costs one
    assert credit(question, list("abcdef")).value == 0.5  # ticking everything gains nothing
    assert credit(question, ["e", "f"]).value == 0.0
    assert credit(question, list("abcd")).value == 1.0 and credit(question, list("abcd")).right
    single = _question(QuestionType.SINGLE, right=1, total=3)
    assert credit(single, ["a"]).value == 1.0 and credit(single, ["b"]).value == 0.0


def test_the_session_stores_the_credit_of_a_multiple_answer() -> None:
    """The engine keeps the credit with the answer (saved to answer.credit, used by reports)."""
    from quizapp.core.content.models import QuestionSet

    multiple = _question(QuestionType.MULTIPLE, right=2, total=3)
    single = _question(QuestionType.SINGLE, right=1, total=2).model_copy(update={"id": "s"})
    question_set = QuestionSet(
        id="t", language="en", title="t", description="d", source="s", questions=[multiple, single]
    )
    session = QuizSession(question_set, seed=1)
    half = session.submit(["a"])
    whole = session.submit(["a"])
    assert (half.credit, half.earned, half.correct) == (0.5, 0.5, False)
    assert (whole.credit, whole.earned, whole.correct) == (None, 1.0, True)  # 1 or 0: not stored
