"""Hatch build hook: compile the gettext catalogs (.po -> .mo) whenever the package is built.

Runs for wheels and for the editable install that ``uv run`` makes, so a fresh checkout gets
working translations without anyone committing binary .mo files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile every ``locales/<lang>/LC_MESSAGES/*.po`` next to itself as ``.mo``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root) / "locales"
        for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parts[-3])
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
