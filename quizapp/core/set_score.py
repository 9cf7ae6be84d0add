"""The one definition of a set score (issue 23 point 1).

A set score is the number of right answers divided by the number of questions in the set.
Partial credit never adds to a score (see ``content/README.md``); unanswered questions count
as not right.
"""


def set_score(right: int, questions: int) -> float:
    """Share of the set's ``questions`` answered right; 0.0 for an empty set."""
    if questions <= 0:
        return 0.0
    return right / questions
