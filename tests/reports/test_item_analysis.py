"""Item statistics against values computed by hand, and the report model built from a database.

The hand-computed class (tests/reports_fixtures.py, HAND_PICKS): six first attempts,
x = item scores, X₋ᵢ = total without the item, sample (n − 1 = 5) statistics.

q1: x = [1,1,1,1,0,0], X₋ᵢ = [2,2,2,1,2,1]
    mean x = 4/6, mean X₋ᵢ = 10/6
    dx = [⅓,⅓,⅓,⅓,−⅔,−⅔], dy = [⅓,⅓,⅓,−⅔,⅓,−⅔]
    Σ dx·dy = 3/9 − 2/9 − 2/9 + 4/9 = 3/9  → Cov = (1/3)/5 = 1/15
    Var x = (4·1/9 + 2·4/9)/5 = 4/15, Var X₋ᵢ = 4/15 (same pattern)
    F = 4/6 = 66.7 %, SD = √(4/15) = 0.5164, D = (1/15)/(4/15) = 0.25
    sorted: x = [0,0,1,1,1,1], X₋ᵢ = [1,1,2,2,2,2] → Cov_max = 4/15 → DE = 0.25
q2: x = [1,1,1,0,1,0], X₋ᵢ = [2,2,2,2,1,1] → the same numbers as q1: F = 4/6, D = DE = 0.25
q3: x = [1,1,0,0,0,0], X₋ᵢ = [2,2,3,2,2,1]
    dx = [⅔,⅔,−⅓,−⅓,−⅓,−⅓], dy = [0,0,1,0,0,−1] → Σ dx·dy = −⅓ + ⅓ = 0 → D = 0, DE = 0
    F = 1/3; flagged for DE < 15 % only (D = 0 is not negative)
q4: x = [0,0,1,1,1,1], X₋ᵢ = [3,3,2,1,1,0]
    dx = [−⅔,−⅔,⅓,⅓,⅓,⅓], dy = [4/3,4/3,⅓,−⅔,−⅔,−5/3]
    Σ dx·dy = −16/9 + (1/3)(−8/3) = −24/9 → Cov = −8/15
    Var X₋ᵢ = (16/9·2 + 1/9 + 4/9·2 + 25/9)/5 = 66/45 = 22/15
    D = (−8/15)/√(4/15 · 22/15) = −8/√88 = −0.8528
    sorted X₋ᵢ = [0,1,1,2,3,3], dy = [−5/3,−⅔,−⅔,⅓,4/3,4/3]
    Σ = 10/9 + 4/9 + (1/3)(7/3) = 21/9 → Cov_max = 7/15 → DE = −8/7 = −1.1429
    flagged: D < 0 and DE < 15 %
Support items: q2 (supported) said "true" 4 of 6, q3 (not supported) said "true" 4 of 6
    → H = FA = 4/6, corrected both (4 + 0.5)/(6 + 1), d′ = 0
Scores: [3,3,3,2,2,1]/4 → mean 3.5/6 = 0.5833, median (0.5 + 0.75)/2 = 0.625
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from reports_fixtures import (
    BASE_TIME,
    HAND_PICKS,
    ClassBuilder,
    english,
    fixture_set,
    hand_class,
)

from quizapp.core.quiz import Confidence
from quizapp.reports.class_report import build_report, score_distribution
from quizapp.reports.dataset import ReportFilters, load_dataset
from quizapp.reports.item_analysis import (
    ItemFlag,
    Response,
    analyse_set,
    count_changed_answers,
    d_prime,
    random_guess_score,
)
from quizapp.storage.repository import Repository

MINI = fixture_set()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


def hand_responses(picks: list[dict[str, list[str]]] = HAND_PICKS) -> list[Response]:
    responses = []
    for student, answers in enumerate(picks, start=1):
        for question in MINI.questions:
            chosen = frozenset(answers[question.id])
            correct = chosen == question.correct_ids
            confidence = Confidence.SURE if correct else Confidence.GUESSING
            responses.append(Response(student, question.id, chosen, correct, confidence))
    return responses


def test_item_statistics_match_the_hand_computation() -> None:
    analysis = analyse_set(MINI, hand_responses())
    q1, q2, q3, q4 = analysis.items
    assert analysis.students == 6
    assert q1.facility == pytest.approx(4 / 6)
    assert q1.sd == pytest.approx(math.sqrt(4 / 15))
    assert q1.discrimination == pytest.approx(0.25)
    assert q1.efficiency == pytest.approx(0.25)
    assert q1.flags == ()
    assert (q2.facility, q2.discrimination, q2.efficiency) == pytest.approx((4 / 6, 0.25, 0.25))
    assert q3.facility == pytest.approx(1 / 3)
    assert q3.discrimination == pytest.approx(0.0)
    assert q3.efficiency == pytest.approx(0.0)
    assert q3.flags == (ItemFlag.LOW_EFFICIENCY,)
    assert q4.discrimination == pytest.approx(-8 / math.sqrt(88))
    assert q4.efficiency == pytest.approx(-8 / 7)
    assert q4.flags == (ItemFlag.NEGATIVE_DISCRIMINATION, ItemFlag.LOW_EFFICIENCY)
    assert analysis.mean_score == pytest.approx(3.5 / 6)
    assert analysis.median_score == pytest.approx(0.625)


def test_random_guess_scores() -> None:
    q1, q2, _q3, q4 = MINI.questions
    assert random_guess_score(q1) == pytest.approx(1 / 4)
    assert random_guess_score(q2) == 0.5
    # Its expected credit. 3 choices (a, b right): of the 7 non-empty picks {a}, {b} and
    # {a,b,c} earn ½, {a,b} 1, {c}, {a,c} and {b,c} 0 (right minus wrong): 2.5 / 7.
    assert random_guess_score(q4) == pytest.approx(2.5 / 7)


def test_a_partly_right_multiple_answer_counts_with_its_credit() -> None:
    """The item score x_i of a multiple-answer response is its credit (core.scoring), also for
    a response stored without one: one of two right choices and nothing wrong is ½."""
    picks = [dict(p) for p in HAND_PICKS]
    picks[0]["q4"] = ["a"]  # S1: half of q4 instead of nothing
    q4 = analyse_set(MINI, hand_responses(picks)).items[3]
    assert q4.facility == pytest.approx(4.5 / 6)
    # ...but the set score is right answers ÷ all questions: credit never adds to it (issue 23.1)
    assert analyse_set(MINI, hand_responses(picks)).scores[0] == pytest.approx(3 / 4)


def test_the_set_score_counts_unanswered_questions_as_not_right() -> None:
    """A student who answered only some questions scores right ÷ all questions of the set."""
    kept = [r for r in hand_responses() if r.student != 1 or r.question_id in {"q1", "q2"}]
    analysis = analyse_set(MINI, kept)
    right = sum(1 for r in kept if r.student == 1 and r.correct)
    assert len(MINI.questions) == 4 and right > 0
    assert analysis.scores[0] == pytest.approx(right / 4)


def test_choice_counts_and_shares() -> None:
    q1 = analyse_set(MINI, hand_responses()).items[0]
    counts = {c.choice_id: (c.count, c.share, c.correct) for c in q1.choices}
    assert counts["a"] == (4, pytest.approx(4 / 6), True)
    assert counts["b"] == (2, pytest.approx(2 / 6), False)
    assert counts["c"][0] == counts["d"][0] == 0
    q4 = analyse_set(MINI, hand_responses()).items[3]
    # multiple choice: shares of students who ticked each box
    assert {c.choice_id: c.count for c in q4.choices} == {"a": 6, "b": 4, "c": 2}


def test_support_items_give_hits_false_alarms_and_d_prime() -> None:
    support = analyse_set(MINI, hand_responses()).support
    assert support is not None
    assert (support.supported_items, support.unsupported_items) == (1, 1)
    assert (support.hits, support.supported_responses) == (4, 6)
    assert (support.false_alarms, support.unsupported_responses) == (4, 6)
    assert support.hit_rate == pytest.approx(4 / 6)
    assert support.d_prime == pytest.approx(0.0)


def test_d_prime_uses_the_log_linear_correction_for_perfect_rates() -> None:
    # 5 of 5 hits, 0 of 5 false alarms: H = 5.5/6, FA = 0.5/6 (not 1 and 0, which give ±∞)
    # z(0.916667) = 1.38299 (normal table: between z = 1.38 → 0.91621 and 1.39 → 0.91774)
    assert d_prime(5, 5, 0, 5) == pytest.approx(2 * 1.38299, abs=1e-4)
    assert d_prime(3, 5, 0, 0) is None  # no unsupported statements: undefined


def test_too_few_responses_are_not_judged() -> None:
    analysis = analyse_set(MINI, hand_responses(HAND_PICKS[:4]))
    for item in analysis.items:
        assert not item.meaningful
        assert (item.sd, item.discrimination, item.efficiency) == (None, None, None)
        assert item.flags == (ItemFlag.TOO_FEW_RESPONSES,)
    assert analysis.items[0].facility == 1.0  # a plain share is still shown


def test_confidence_calibration_per_class() -> None:
    rows = {row.confidence: row for row in analyse_set(MINI, hand_responses()).calibration}
    # 14 right answers (4 + 4 + 2 + 4) given as "sure", the 10 wrong ones as "guessing"
    assert (rows[Confidence.SURE].right, rows[Confidence.SURE].total) == (14, 14)
    assert (rows[Confidence.GUESSING].right, rows[Confidence.GUESSING].total) == (0, 10)
    assert Confidence.UNSURE not in rows


def test_changed_questions_are_counted_per_language() -> None:
    from quizapp.core.quiz import question_hash

    german = fixture_set("de")
    current_en = question_hash(MINI.questions[0])
    current_de = question_hash(german.questions[0])
    answers = [
        ("en", "q1", current_en),
        ("de", "q1", current_de),  # the German text has its own hash: not a change
        ("en", "q1", "0ld0ld0ld0ld0ld0"),
        ("en", "gone", "whatever"),  # no longer in the set: not counted
    ]
    assert count_changed_answers(answers, {"en": MINI, "de": german}) == {"q1": 1}
    analysis = analyse_set(MINI, hand_responses(), {"q1": 1})
    assert ItemFlag.CHANGED in analysis.items[0].flags
    assert "edited" in ItemFlag.CHANGED.reason


def test_score_distribution_bins() -> None:
    bins = score_distribution([(3, 4), (3, 4), (1, 4)])
    assert [(b.low, b.count) for b in bins] == [(0, 0), (1, 1), (2, 0), (3, 2), (4, 0)]
    mixed = score_distribution([(3, 4), (10, 10), (0, 5)])
    assert [b.count for b in mixed] == [1, 0, 0, 0, 0, 0, 0, 1, 0, 1]
    assert mixed[-1].in_percent and mixed[-1].high == 100


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


def test_report_uses_first_finished_full_attempts_only(repository: Repository) -> None:
    builder = ClassBuilder([MINI, fixture_set("de")])
    students = hand_class(builder)
    later = BASE_TIME + timedelta(days=1)
    everything_right = {"q1": ["a"], "q2": ["true"], "q3": ["false"], "q4": ["a", "b"]}
    builder.attempt(students[5], everything_right, when=later)  # a second try
    builder.attempt(students[5], {"q1": ["a"]}, when=later, mode="practice")
    builder.attempt(students[4], everything_right, when=later, finished=False)
    builder.write(repository)
    dataset = load_dataset(repository.class_reader, [MINI, fixture_set("de")])
    report = build_report(dataset, "en")
    (set_report,) = report.sets
    assert set_report.analysis is not None
    assert [item.facility for item in set_report.analysis.items] == pytest.approx(
        [4 / 6, 4 / 6, 1 / 3, 4 / 6]
    )
    # Practice rounds are counted apart, never as finished attempts at the set.
    assert (set_report.finished_attempts, set_report.practice_attempts) == (7, 1)
    assert (report.finished_attempts, report.practice_attempts) == (7, 1)
    s6 = next(line for line in report.students if line.student.name == "S6")
    assert s6.results["mini"].first_score == 1
    assert s6.results["mini"].best == 1.0
    assert (s6.results["mini"].finished, s6.results["mini"].practice) == (2, 1)


def test_first_attempt_before_the_date_range_is_still_the_first(repository: Repository) -> None:
    builder = ClassBuilder([MINI])
    student = builder.student("Ada")
    builder.attempt(student, {"q1": ["b"]}, when=BASE_TIME)
    builder.attempt(student, {"q1": ["a"]}, when=BASE_TIME + timedelta(days=3))
    builder.write(repository)
    start = (BASE_TIME + timedelta(days=2)).date()
    dataset = load_dataset(repository.class_reader, [MINI], ReportFilters(date_from=start))
    assert len(dataset.attempts) == 1
    assert not dataset.attempts[0].is_first
    assert build_report(dataset, "en").sets[0].analysis.students == 0  # type: ignore[union-attr]


def test_filters_by_group_language_set_and_days(repository: Repository) -> None:
    sets = [MINI, fixture_set("de"), fixture_set("en", set_id="other")]
    builder = ClassBuilder(sets)
    ada, ben = builder.student("Ada", "7a"), builder.student("Ben", "7b")
    builder.attempt(ada, {"q1": ["a"]}, when=BASE_TIME)
    # Days apart, so the local-day filters give the same answer in every time zone.
    builder.attempt(ben, {"q1": ["a"]}, when=BASE_TIME + timedelta(days=2), language="de")
    builder.attempt(ben, {"q1": ["b"]}, when=BASE_TIME + timedelta(days=4), set_id="other")
    builder.write(repository)

    def names(filters: ReportFilters) -> list[str]:
        dataset = load_dataset(repository.class_reader, sets, filters)
        return sorted(s.name for s in dataset.students.values())

    assert names(ReportFilters()) == ["Ada", "Ben"]
    assert names(ReportFilters(group="7a")) == ["Ada"]
    assert names(ReportFilters(language="de")) == ["Ben"]
    assert names(ReportFilters(set_id="other")) == ["Ben"]
    day = BASE_TIME.date()
    assert names(ReportFilters(date_to=day)) == ["Ada"]  # "to" includes the whole day
    assert names(ReportFilters(date_from=day + timedelta(days=6))) == []
    dataset = load_dataset(repository.class_reader, sets, ReportFilters(set_id="unused"))
    report = build_report(dataset, "en")
    assert [s.set_id for s in report.sets] == ["unused"]
    assert report.sets[0].analysis is None  # not in the content: listed, not analysed


def test_demo_students_are_left_out_unless_the_data_is_a_demo(repository: Repository) -> None:
    builder = ClassBuilder([MINI])
    builder.attempt(builder.student("Demo", "Demo class", demo=True), {"q1": ["a"]})
    builder.write(repository)
    only_demo = load_dataset(repository.class_reader, [MINI])
    assert only_demo.includes_demo and len(only_demo.students) == 1
    builder = ClassBuilder([MINI])
    builder.attempt(builder.student("Real"), {"q1": ["a"]})
    builder.write(repository)
    mixed = load_dataset(repository.class_reader, [MINI])
    assert [s.name for s in mixed.students.values()] == ["Real"]
    both = load_dataset(repository.class_reader, [MINI], ReportFilters(include_demo=True))
    assert len(both.students) == 2 and both.includes_demo


def test_filter_choices_for_the_teacher_screen(repository: Repository) -> None:
    from quizapp.storage.class_queries import groups, set_ids

    builder = ClassBuilder([MINI, fixture_set("en", set_id="other")])
    builder.attempt(builder.student("Ada", "7b"), {"q1": ["a"]})
    builder.attempt(builder.student("Ben", "7a"), {"q1": ["a"]}, set_id="other")
    builder.attempt(builder.student("Demo", "Demo class", demo=True), {"q1": ["a"]})
    builder.write(repository)
    with repository.reading() as conn:
        assert groups(conn) == ["7a", "7b"]
        assert groups(conn, include_demo=True) == ["7a", "7b", "Demo class"]
        assert set_ids(conn) == ["mini", "other"]
