"""Small tables of distinct values, each known by its position (a code).

A whole school's report keeps a few hundred thousand answers in typed columns (``array``);
the values that repeat in them — question ids, picked choices, credits, confidences — are
stored once in a :class:`ValueCodes` table and the columns hold their codes.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class ValueCodes(Generic[T]):
    """Distinct values in the order first seen; :meth:`code` gives a value's position."""

    def __init__(self) -> None:
        self.values: list[T] = []
        self._codes: dict[T, int] = {}

    def code(self, value: T) -> int:
        """The position of ``value``, added at the end if new."""
        found = self._codes.get(value)
        if found is None:
            found = self._codes[value] = len(self.values)
            self.values.append(value)
        return found
