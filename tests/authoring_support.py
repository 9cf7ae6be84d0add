"""A teacher's week in files: the test article made into a source and a set, then filled in.

Shared by the command, app and documentation tests, so each starts from the same text and the
same edits a teacher makes in an editor (only the ``TODO`` texts of the source are replaced; the
set files are saved as the teacher finished them: three tasks kept, the others deleted).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from quizapp.core.content.placeholders import find_placeholders
from quizapp.core.content.yaml_source import read_yaml_file

ARTICLES = Path(__file__).parent / "data" / "articles"
ARTICLE = ARTICLES / "ki-stimme-schulleiterin.de.txt"
FILLED = ARTICLES / "filled"
SOURCE_ID = "ki-stimme"
SET_ID = "stimme"


def fill_source(path: Path) -> None:
    """Put the teacher's translations and note in place of the source's TODO texts, line by line
    (as an editor would: everything else in the file stays as ``source new`` wrote it)."""
    filled = yaml.safe_load((FILLED / "translations.yaml").read_text("utf-8"))
    document = read_yaml_file(path)
    lines = path.read_text("utf-8").splitlines()
    for at in find_placeholders(document.data):
        line, _column = document.positions.of_value(at)
        old = _value_at(document.data, at)
        new = _teacher_text(document.data, at, filled)
        encoded = json.dumps(old, ensure_ascii=False)
        assert encoded in lines[line - 1], (at, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(encoded, json.dumps(new, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _value_at(data: Any, at: tuple[str | int, ...]) -> Any:
    for step in at:
        data = data[step]
    return data


def _teacher_text(data: dict[str, Any], at: tuple[str | int, ...], filled: dict[str, Any]) -> str:
    if at[0] == "title_translations":
        return str(filled["title"])
    if at[0] == "unknown_note":
        return str(filled["unknown_note"][at[1]])
    assert at[0] == "paragraphs" and at[2:] == ("translations", "en"), at
    return str(filled["blocks"][data["paragraphs"][at[1]]["id"]])


def finish_set(sets_folder: Path) -> list[Path]:
    """Save the teacher's finished set over the skeleton (same ids and types, no draft mark)."""
    written = []
    for language in ("de", "en"):
        target = sets_folder / f"{SET_ID}.{language}.yaml"
        skeleton = yaml.safe_load(target.read_text("utf-8"))
        shutil.copyfile(FILLED / target.name, target)
        finished = yaml.safe_load(target.read_text("utf-8"))
        kinds = {q["id"]: q["type"] for q in skeleton["questions"]}
        assert all(kinds[q["id"]] == q["type"] for q in finished["questions"]), "same tasks"
        assert skeleton["source"] == finished["source"] and "draft" not in finished
        written.append(target)
    return written
