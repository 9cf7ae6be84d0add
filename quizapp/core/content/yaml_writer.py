"""Writing content files the way a teacher reads them: block style, comments kept, ``"…"`` text.

PyYAML's dumper would wrap long lines at odd places, pick quoting styles per value and lose the
comments that guide a teacher through a skeleton. Content files only hold mappings, lists,
text, numbers, booleans and null, so a small writer does it predictably. Text is written as a
JSON string, which is valid double-quoted YAML (typographic quotes „…“ stay as they are).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

_PLAIN = re.compile(r"^[a-z][a-z0-9_-]*$")
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}

#: A value in a content file (with comments: ``Commented`` wraps a value and its comment).
Value = object


class Commented:
    """A value with a comment written on the line before it."""

    def __init__(self, *, value: Value, comment: str) -> None:
        self.value = value
        self.comment = comment


def _scalar(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if _PLAIN.match(value) and not value.isdigit() and value.lower() not in _KEYWORDS:
            return value  # ids and kinds read best unquoted
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"not a content value: {value!r}")


def _lines(value: Value, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, Commented):
                out.extend(f"{pad}# {line}" for line in item.comment.splitlines())
                item = item.value
            if isinstance(item, Mapping | list) and item:
                out.append(f"{pad}{key}:")
                out.extend(_lines(item, indent + 2))
            elif isinstance(item, Mapping):
                out.append(f"{pad}{key}: {{}}")
            elif isinstance(item, list):
                out.append(f"{pad}{key}: []")
            else:
                out.append(f"{pad}{key}: {_scalar(item)}")
        return out
    if isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            inner = _lines(item, indent + 2)
            if isinstance(item, Mapping) and inner:
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {_scalar(item)}")
        return out
    return [f"{pad}{_scalar(value)}"]


def dump(data: Mapping[str, Value], header: Sequence[str] = ()) -> str:
    """``data`` as a YAML document, after ``header`` comment lines."""
    lines = [f"# {line}" if line else "#" for line in header]
    lines.extend(_lines(data, 0))
    return "\n".join(lines) + "\n"
