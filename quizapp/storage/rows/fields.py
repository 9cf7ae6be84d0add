"""What the row modules share: field types of the results file, times as stored, and table
values built from a row's mapping by the table's own columns."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from sqlalchemy import Table

from quizapp.storage.value_limits import EARLIEST, LATEST


def utc_in_window(moment: datetime) -> datetime:
    """``moment`` as naive UTC, refused outside the years quizapp can have written it."""
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise ValueError("date out of range") from None
    if not EARLIEST <= moment < LATEST:
        raise ValueError(f"date outside {EARLIEST.year}–{LATEST.year - 1}")
    return moment


Uuid = Annotated[str, StringConstraints(min_length=1, max_length=36)]
Short = Annotated[str, StringConstraints(max_length=64)]
Moment = Annotated[datetime, AfterValidator(utc_in_window)]


class FileRow(BaseModel):
    """A row of a results file: no unknown fields, never changed after it was checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def naive(moment: datetime) -> datetime:
    """A datetime as stored: naive UTC (files written by this app carry no zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def iso(moment: datetime) -> str:
    """A stored time as a results file writes it."""
    return moment.isoformat(timespec="microseconds")


#: Stands in for a time that cannot be read; no report's range check accepts it.
UNREADABLE_TIME = datetime.min


def read_time(value: object) -> datetime:
    """A stored time (text in SQLite, a datetime from other drivers); unreadable → sentinel."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return UNREADABLE_TIME
    return value if value.tzinfo is None else UNREADABLE_TIME  # stored times are naive UTC


def shared(text: Any) -> Any:
    """One string object for text that repeats in every row (question ids and hashes), not
    one per row: a big report keeps the first attempts' answers."""
    return sys.intern(text) if isinstance(text, str) else text


def table_values(table: Table, row: Mapping[str, Any], **override: Any) -> dict[str, Any]:
    """``row``'s values for every column of ``table`` but its id, with ``override`` applied:
    a row copied to another database (the server) by the table's own column list."""
    values = {column.name: row[column.name] for column in table.c if column.name != "id"}
    values.update(override)
    return values
