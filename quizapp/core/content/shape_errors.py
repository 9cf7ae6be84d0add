"""Turning pydantic's validation errors into teacher-readable problems at file positions.

pydantic says *what* is wrong in developer terms (``bool_type``, ``extra_forbidden``); a teacher
needs the line, the field's name, the value found, and what to write instead — in German too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import annotated_types
from babel.lists import format_list
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from quizapp.core.content.models import (
    NEW_TASK_CLASSES,
    Question,
    QuestionSet,
    QuestionType,
    SourceDocument,
)
from quizapp.core.content.problems import Problem, Severity
from quizapp.core.content.yaml_source import Positions, YamlPath
from quizapp.i18n import _, current_language, ngettext


def _field(loc: YamlPath) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "?"


def _found(error: ErrorDetails) -> str:
    value = error.get("input")
    if isinstance(value, dict | list):
        return type(value).__name__
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def _ctx(error: ErrorDetails, key: str) -> Any:
    return (error.get("ctx") or {}).get(key, "")


def _message_and_hint(error: ErrorDetails, loc: YamlPath) -> tuple[str, str]:
    kind = error["type"]
    field = _field(loc)
    values = {"field": field, "found": _found(error)}
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(error, values)
    # Rare kinds fall back to pydantic's English wording, still with the field name.
    return (
        _("“%(field)s”: %(detail)s") % {"field": field, "detail": error["msg"]},
        _("See content/README.md for the format of this field."),
    )


def _missing(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("required field “%(field)s” is missing") % v,
        _("Add “%(field)s:” with a value here.") % v,
    )


def _extra(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("unknown field “%(field)s”") % v,
        _("Check the spelling; content/README.md lists the allowed fields.") % v,
    )


def _bool(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("“%(field)s” must be true or false, not “%(found)s”") % v,
        _("Write true or false (yes/no/ja/nein are read as text)."),
    )


def _string(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("“%(field)s” must be text, not “%(found)s”") % v,
        _('Put the value in double quotes, e.g. "%(found)s".') % v,
    )


def _int(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("“%(field)s” must be a whole number, not “%(found)s”") % v,
        _("Write a number without quotes, e.g. 2."),
    )


def _choice_of(e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    # pydantic writes the allowed values as English prose ("'a', 'b' or 'c'"); take the values
    # and let babel join them in the message language ("a, b oder c").
    values = re.findall(r"'([^']*)'", str(_ctx(e, "expected")))
    expected = format_list(values, style="or", locale=current_language()) if values else "?"
    return (
        _("“%(field)s” cannot be “%(found)s”") % v,
        _("Use one of: %(expected)s.") % {"expected": expected},
    )


def _empty(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (_("“%(field)s” is empty") % v, _("Write the text, or remove the field if optional."))


def _pattern(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    return (
        _("“%(found)s” is not a valid id") % v,
        _("Ids use lowercase letters, digits, “-” and “_” only, e.g. wh-01."),
    )


def _iso_date(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    # A German date (13.11.2023) is the usual slip: offer it turned round.
    german = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", v["found"])
    example = (
        f"{german.group(3)}-{int(german.group(2)):02d}-{int(german.group(1)):02d}"
        if german
        else "2024-11-26"
    )
    return (
        _("“%(field)s” must be a date written year-month-day, not “%(found)s”") % v,
        _('Write it as "%(example)s" (in quotes), or null when the text gives no date.')
        % {"example": example},
    )


def _too_short(e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    least = _count(_ctx(e, "min_length"))
    values = {**v, "min": least}
    return (
        ngettext(
            "“%(field)s” needs at least %(min)d entry",
            "“%(field)s” needs at least %(min)d entries",
            least,
        )
        % values,
        _("Add entries to “%(field)s”.") % values,
    )


def _too_long(e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    most = _count(_ctx(e, "max_length"))
    values = {**v, "max": most}
    return (
        ngettext(
            "“%(field)s” has more than %(max)d entry",
            "“%(field)s” has more than %(max)d entries",
            most,
        )
        % values,
        _("Remove entries from “%(field)s”.") % values,
    )


def _bad_type(e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    # The task's "type" decides which fields it has; pydantic reports an unknown one at the task.
    found = str(_ctx(e, "tag"))
    expected = format_list([t.value for t in QuestionType], style="or", locale=current_language())
    return (
        _("“type” cannot be “%(found)s”") % {"found": found},
        _("Use one of: %(expected)s.") % {"expected": expected},
    )


def _no_type(_e: ErrorDetails, _v: dict[str, str]) -> tuple[str, str]:
    return (
        _("required field “type” is missing"),
        _("Add “type:” with one of: %(expected)s.")
        % {
            "expected": format_list(
                [t.value for t in QuestionType], style="or", locale=current_language()
            )
        },
    )


def _count(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _range(e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
    low, high = _ctx(e, "ge"), _ctx(e, "le")
    bound = {**v, "bound": low if low != "" else high}
    known = field_range(v["field"])
    hint = (
        _("Use a whole number from %(low)d to %(high)d.") % {"low": known[0], "high": known[1]}
        if known is not None
        else _("Use a value between the limits given in content/README.md.")
    )
    if low != "":
        return (_("“%(field)s” must be at least %(bound)s") % bound, hint)
    return (_("“%(field)s” must be at most %(bound)s") % bound, hint)


def field_range(name: str) -> tuple[int, int] | None:
    """The allowed range of the numeric field ``name`` as the models define it.

    pydantic's error names only the bound that was crossed; the hint needs both ends, read
    from the one definition in :mod:`quizapp.core.content.models`.
    """
    models: tuple[type[BaseModel], ...] = (*_task_models(), SourceDocument, QuestionSet)
    for model in models:
        info = model.model_fields.get(name)
        if info is None:
            continue
        low = next((m.ge for m in info.metadata if isinstance(m, annotated_types.Ge)), None)
        high = next((m.le for m in info.metadata if isinstance(m, annotated_types.Le)), None)
        if isinstance(low, int) and isinstance(high, int):
            return low, high
    return None


def _task_models() -> tuple[type[BaseModel], ...]:
    return (Question, *NEW_TASK_CLASSES)


def _wrong_container(kind: str) -> Callable[[ErrorDetails, dict[str, str]], tuple[str, str]]:
    def handler(_e: ErrorDetails, v: dict[str, str]) -> tuple[str, str]:
        if kind == "list":
            return (
                _("“%(field)s” must be a list (lines starting with “- ”)") % v,
                _("Write each entry on its own line starting with “- ”."),
            )
        return (
            _("“%(field)s” must be a group of fields (key: value lines)") % v,
            _("Indent the fields of “%(field)s” below it.") % v,
        )

    return handler


_HANDLERS: dict[str, Callable[[ErrorDetails, dict[str, str]], tuple[str, str]]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "bool_type": _bool,
    "bool_parsing": _bool,
    "string_type": _string,
    "int_type": _int,
    "int_parsing": _int,
    "literal_error": _choice_of,
    "enum": _choice_of,
    "string_too_short": _empty,
    "string_pattern_mismatch": _pattern,
    "iso_date": _iso_date,
    "too_short": _too_short,
    "too_long": _too_long,
    "greater_than_equal": _range,
    "less_than_equal": _range,
    "list_type": _wrong_container("list"),
    "dict_type": _wrong_container("dict"),
    "union_tag_invalid": _bad_type,
    "union_tag_not_found": _no_type,
    "model_type": _wrong_container("dict"),
    "model_attributes_type": _wrong_container("dict"),
}


_TYPE_TAGS = frozenset(t.value for t in QuestionType)


def _file_path(loc: tuple[int | str, ...]) -> YamlPath:
    """The error's place in the file: pydantic puts the task type (the union's tag) after a
    task's index, and ``[key]`` after a mapping key; neither is a key in the YAML."""
    parts: list[int | str] = []
    for i, part in enumerate(loc):
        if part == "[key]":
            continue
        if part in _TYPE_TAGS and i > 0 and isinstance(loc[i - 1], int):
            continue
        parts.append(part)
    return tuple(parts)


def problems_from_validation_error(
    error: ValidationError, path: Path, positions: Positions
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, placed at the offending key or value."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = _file_path(tuple(detail["loc"]))
        if detail["type"] == "union_tag_invalid":
            line, column = positions.of_value((*loc, "type"))
        elif (
            detail["type"] in {"extra_forbidden", "union_tag_not_found"} or "[key]" in detail["loc"]
        ):
            line, column = positions.of_key(loc)
        else:
            line, column = positions.of_value(loc)
        message, hint = _message_and_hint(detail, loc)
        problems.append(Problem(path, line, column, Severity.ERROR, message, hint))
    return problems
