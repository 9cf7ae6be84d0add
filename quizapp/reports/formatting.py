"""Formatting shared by the report writers: numbers and dates for the report's language (babel),
the report language switch, and neutralising text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent, get_decimal_symbol

from quizapp import i18n

#: Text starting with one of these is read as a formula (or a DDE command) by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (and so XLSX) cannot hold; tab, newline and CR are allowed.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DASH = "–"  # shown where a statistic is not meaningful


@contextmanager
def report_language(language: str) -> Iterator[str]:
    """Translate with ``language`` inside the block, then switch back.

    A report may be written in another language than the app shows (a German teacher
    sending an English report); ``_()`` reads one process-wide catalog, so it is switched for
    the duration of the write.
    """
    previous = i18n.current_language()
    try:
        yield i18n.setup(language)
    finally:
        i18n.setup(previous)


FORMULA_STARTS = frozenset(FORMULA_PREFIXES)  # the same, for quick "in" checks


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would treat ``text`` as a formula when it is typed in."""
    return text.startswith(FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: a leading apostrophe keeps it from being a formula.

    Only text goes through here. Numbers the report computes are written as numbers and never
    changed, so a negative discrimination ``-0.25`` stays a number, while a nickname ``-5`` or
    ``=1+1`` (text typed by a student) gets the apostrophe.
    """
    return "'" + text if text[:1] in FORMULA_STARTS else text


def clean_text(text: str) -> str:
    """``text`` without control characters that XML-based files (XLSX) cannot store."""
    return _ILLEGAL_XML.sub("", text)


def percent(value: float | None, language: str, decimals: int = 0) -> str:
    """``0.456`` → ``"46 %"`` (German) / ``"46%"`` (English); a dash for ``None``."""
    if value is None:
        return DASH
    pattern = Locale.parse(language).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return str(format_percent(value, format=pattern, locale=language))


def number(value: float | None, language: str, decimals: int = 2) -> str:
    """A decimal number for the language (``0,25`` in German); a dash for ``None``."""
    if value is None:
        return DASH
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return str(format_decimal(value, format=pattern, locale=language))


def plain_number(value: float, language: str) -> str:
    """A number for a CSV cell: no grouping, the language's decimal mark, up to 3 decimals.

    Spreadsheets opening a German CSV expect a decimal comma; a thousands separator would
    make them read text. (Plain string formatting: babel is too slow for 100,000 rows.)
    """
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", _decimal_mark(language))


@functools.lru_cache(maxsize=8)
def _decimal_mark(language: str) -> str:
    return str(get_decimal_symbol(locale=language))


def day(value: date, language: str) -> str:
    """A date for the language (``12.03.2025`` / ``Mar 12, 2025``)."""
    return str(format_date(value, format="medium", locale=language))


def moment(value: datetime, language: str) -> str:
    """A date and time for the language, without seconds."""
    return str(format_datetime(value, format="short", locale=language))
