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
#: Cells starting with one of these need a closer look (:func:`neutralise`): formula starts,
#: and blanks that a spreadsheet may skip before it sees one.
NEEDS_CHECK = FORMULA_STARTS | {" ", "\n"}
_BLANKS = " \t\r\n"
_FORMULA_CHARS = frozenset("=+-@")
# Control characters no cell should hold (NUL, BEL, ...); tab, newline and CR stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet could treat ``text`` as a formula, also after leading blanks."""
    return text.startswith(FORMULA_PREFIXES) or text.lstrip(_BLANKS)[:1] in _FORMULA_CHARS


#: Words Calc (and Excel) turn into the booleans TRUE/FALSE when a CSV is opened, in the
#: languages of the reports; a choice id ``true`` must stay the text "true".
_BOOLEAN_WORDS = frozenset({"true", "false", "wahr", "falsch"})


def reads_as_boolean(text: str) -> bool:
    """True if a spreadsheet opening a CSV would make ``text`` a boolean (``true``, ``WAHR``)."""
    return len(text) <= 8 and text.strip(_BLANKS).casefold() in _BOOLEAN_WORDS


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: a leading apostrophe keeps it from being a formula
    (or a boolean: Calc reads ``true`` as TRUE).

    Control characters are removed *first*, then the rest is checked: ``"\x00=1+1"`` would
    otherwise slip past a check of the first character and become ``=1+1`` in a spreadsheet
    that drops the NUL. Only text goes through here. Numbers the report computes are written
    as numbers and never changed, so a negative discrimination ``-0.25`` stays a number, while
    a nickname ``-5`` or ``=1+1`` (text typed by a student) gets the apostrophe.
    """
    text = _CONTROL.sub("", text)
    return "'" + text if is_formula_like(text) or reads_as_boolean(text) else text


def needs_neutralising(text: str) -> bool:
    """Quick test whether :func:`neutralise` could change ``text`` (for the 100,000-row loop)."""
    return text[:1] in NEEDS_CHECK or not text.isprintable() or reads_as_boolean(text)


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


def _region(language: str) -> str:
    """A locale with its region ("de" → "de_DE", "en" → "en_GB" unless the system says else)."""
    return language if "_" in language else i18n.format_locale(language)


@functools.lru_cache(maxsize=16)
def date_pattern(language: str) -> str:
    """The language's short date with a four-digit year (CLDR: ``dd.MM.yyyy``, ``dd/MM/yyyy``):
    one date format for the app, every report and both ends of a PDF page (issue 23.5)."""
    pattern = str(Locale.parse(_region(language)).date_formats["short"].pattern)
    return re.sub(r"y+", "yyyy", pattern)


@functools.lru_cache(maxsize=16)
def _time_pattern(language: str) -> str:
    return str(Locale.parse(_region(language)).time_formats["short"].pattern)


def day(value: date, language: str) -> str:
    """A date for the language (``12.03.2025`` / ``12/03/2025``), always a four-digit year."""
    return str(format_date(value, format=date_pattern(language), locale=_region(language)))


def moment(value: datetime, language: str) -> str:
    """A date and time for the language, without seconds (``12.03.2025, 14:05``)."""
    region = _region(language)
    joined = str(Locale.parse(region).datetime_formats["short"])  # e.g. "{1}, {0}"
    time = format_datetime(value, format=_time_pattern(language), locale=region)
    return joined.replace("{1}", day(value.date(), language)).replace("{0}", str(time))


def spreadsheet_datetime_format(language: str) -> str:
    """The same date and time as a spreadsheet number format (``dd.mm.yyyy hh:mm``), so a date
    cell reads as the report's language writes it and stays a date."""
    date_part = date_pattern(language)
    date_part = re.sub(r"M+", lambda m: "mm" if len(m.group()) >= 2 else "m", date_part)
    time_part = _time_pattern(language).replace("HH", "hh").replace("H", "h")
    time_part = time_part.replace("a", "AM/PM")
    return f"{date_part} {time_part}"
