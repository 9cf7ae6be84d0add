"""JSON Schema for the content files, generated from the pydantic models.

Editors with the YAML language server read ``content/schema/*.schema.json`` (named in each
file's first line) to autocomplete fields and underline mistakes while a teacher types.
Regenerate after changing ``core/content/models.py``:
``uv run python -m quizapp.core.content.schema`` (a test fails while the committed files are stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quizapp.core.content.models import QuestionSet, SourceDocument

SCHEMAS: dict[str, type[BaseModel]] = {
    "question-set.schema.json": QuestionSet,
    "source.schema.json": SourceDocument,
}


def render(model: type[BaseModel]) -> str:
    """The schema of ``model`` as stable, pretty-printed JSON text."""
    schema = _plain_unions(model.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _plain_unions(node: Any) -> Any:
    """Replace pydantic's ``oneOf`` + OpenAPI ``discriminator`` by ``if``/``then`` on ``type``.

    JSON Schema validators ignore ``discriminator``; with a bare ``oneOf`` a task with one bad
    field fails every branch, and editors point at fields of the *other* task types
    ("Additional properties 'stance' unexpected" for ``difficulty: 4``). With ``if type is …
    then …`` only the branch the task names is checked, so the error is at the right field.
    """
    if isinstance(node, list):
        return [_plain_unions(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _plain_unions(value) for key, value in node.items()}
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or "oneOf" not in node:
        return node
    field = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    tags_by_ref: dict[str, list[str]] = {}
    for tag, ref in mapping.items():
        tags_by_ref.setdefault(ref, []).append(tag)
    return {
        "type": "object",
        "required": [field],
        "properties": {field: {"enum": sorted(mapping)}},
        "allOf": [
            {
                "if": {"properties": {field: {"enum": sorted(tags)}}, "required": [field]},
                "then": {"$ref": ref},
            }
            for ref, tags in sorted(tags_by_ref.items())
        ],
    }


def write_all(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        target = folder / name
        target.write_text(render(model), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    from quizapp.paths import content_dir

    for path in write_all(content_dir() / "schema"):
        sys.stdout.write(f"wrote {path}\n")
