"""The committed JSON Schema files must match the pydantic models they are generated from."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.content.schema import SCHEMAS, render

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "content" / "schema"


def test_committed_schemas_are_up_to_date() -> None:
    for name, model in SCHEMAS.items():
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == render(model), (
            f"content/schema/{name} is stale: run `uv run python -m quizapp.core.content.schema`"
        )


def test_every_content_file_names_its_schema() -> None:
    content = SCHEMA_DIR.parent
    for path in [*content.glob("sets/*.yaml"), *content.glob("sources/*.yaml")]:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "question-set" if path.parent.name == "sets" else "source"
        assert first_line == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
