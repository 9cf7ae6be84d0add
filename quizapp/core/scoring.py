"""Scoring the newer task types: partial credit between 0 and 1, and when an answer is right.

Choice questions stay all-or-nothing (:func:`quizapp.core.quiz.is_correct`). The rules here are
the ones content/README.md states for teachers; change both together.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)


def count_words(text: str) -> int:
    """Words as a student counts them: runs of non-space characters ("Video-KI" is one)."""
    return len(text.split())
