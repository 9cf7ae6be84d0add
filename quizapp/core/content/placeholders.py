"""Placeholders: the texts a teacher still has to write in a skeleton (``TODO: …``).

``quizapp set new`` and ``quizapp source new`` write every text only a teacher can write as a
placeholder starting with :data:`MARK`. In a set marked ``draft: true`` they are reported as
"to finish" (the set validates and shows in the teacher's preview); without the draft mark each
one is an error, so nothing unfinished reaches students.
"""

from __future__ import annotations

from typing import Any

from quizapp.core.content.yaml_source import YamlPath

#: How every placeholder text starts (an editor's search for it finds all of them).
MARK = "TODO"


def is_placeholder(text: object) -> bool:
    """Whether ``text`` is a placeholder still to be written."""
    return isinstance(text, str) and text.lstrip().startswith(MARK)


def placeholder(what: str) -> str:
    """A placeholder asking for ``what`` ("TODO: the question")."""
    return f"{MARK}: {what}"


def find_placeholders(data: Any, at: YamlPath = ()) -> list[YamlPath]:
    """The paths of every placeholder text in the plain data of a file, in file order."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in find_placeholders(value, (*at, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in find_placeholders(value, (*at, i))]
    return [at] if is_placeholder(data) else []
