"""The scoring rule: all-or-nothing scores, a partial count for multiple-answer questions."""

from __future__ import annotations

from quizapp.core.models import Choice, Citation, Question, QuestionType, Skill
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
    from quizapp.core.models import QuestionSet

    question_set = QuestionSet(
        id="t", language="en", title="t", description="d", source="s", questions=[multiple, single]
    )
    session = QuizSession(question_set, seed=1)
    session.submit(["a"])  # 1 of 2: partly right
    session.submit(["a"])  # right
    credits = [credit(question_set.questions[0], ["a"]), credit(question_set.questions[1], ["a"])]
    assert count_right(credits) == (1, 1)
    assert session.score == 1  # the partial count adds nothing to a score
