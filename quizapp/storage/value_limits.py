"""The ranges every stored value must lie in: checked when results are imported, and again
when a report reads rows that may have arrived before these checks existed.

A date outside the window breaks any conversion to local time (year 9999 plus one hour is out
of Python's range), an infinite duration breaks XLSX, and a seed beyond 64 bits breaks SQLite.
"""

from __future__ import annotations

import math
from datetime import datetime

#: No quizapp result can be older (the app did not exist) ...
EARLIEST = datetime(2020, 1, 1)
#: ... or dated this far ahead; both far from the ends of Python's datetime range.
LATEST = datetime(2100, 1, 1)
#: The longest time one answer may record (a question left open over a week-end and more).
MAX_SECONDS = 14 * 24 * 3600.0
MAX_QUESTIONS = 1000  # questions in one attempt
MAX_CHOICES = 64  # choices picked in one answer
#: The longest stored texts (characters, as JSON): a list of MAX_QUESTIONS question ids, of
#: MAX_CHOICES choices (each id up to 64 characters, every one escaped), a task's answer.
#: The class database refuses longer ones (migration 0006); reports skip them, named.
MAX_QUESTION_IDS_CHARS = 1_000_000
MAX_CHOSEN_CHARS = 50_000
MAX_RESPONSE_CHARS = 40_000
SQLITE_INT_MIN = -(2**63)
SQLITE_INT_MAX = 2**63 - 1


def date_in_range(moment: object) -> bool:
    """True for a naive datetime inside the window (what the database stores)."""
    return isinstance(moment, datetime) and moment.tzinfo is None and EARLIEST <= moment < LATEST


def seconds_in_range(seconds: object) -> bool:
    """True for a finite, non-negative duration of at most :data:`MAX_SECONDS`."""
    return (
        isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
        and math.isfinite(seconds)
        and 0 <= seconds <= MAX_SECONDS
    )
