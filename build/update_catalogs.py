"""Extract translatable strings and update the gettext catalogs.

    uv run python build/update_catalogs.py           # write locales/quizapp.pot, update .po files
    uv run python build/update_catalogs.py --check   # exit 1 if the .pot is out of date

Extraction uses ``locales/babel.cfg`` and the keywords of ``quizapp/i18n.py`` (``_``, ``N_``,
``ngettext``, ``pgettext``). To keep diffs reviewable, locations name the file only (not the
line), output is sorted by message id and the header carries no creation date. New German
entries arrive empty; translate them in ``locales/de/LC_MESSAGES/quizapp.po`` (the catalog
test fails on any empty or fuzzy German entry). ``.mo`` files are compiled at install/build
time, never committed.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
POT = LOCALES / "quizapp.pot"
LANGUAGES = ("de", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
HEADER = "# Translations of quizapp's user interface. Update with build/update_catalogs.py."
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def extract() -> Catalog:
    """A catalog of every message in ``quizapp/`` (file-only locations, no dates)."""
    catalog = Catalog(project="quizapp", charset="utf-8", fuzzy=False, header_comment=HEADER)
    method_map = [("**.py", "python")]
    for filename, _lineno, message, comments, context in extract_from_dir(
        ROOT / "quizapp",
        method_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (f"quizapp/{Path(filename).as_posix()}", None)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    catalog.creation_date = catalog.revision_date = FIXED_DATE  # no churn in diffs
    return catalog


def render(catalog: Catalog) -> bytes:
    """The catalog as .po/.pot bytes, sorted and without line numbers."""
    out = io.BytesIO()
    write_po(out, catalog, sort_output=True, include_lineno=False, width=100)
    return out.getvalue()


def update_po(template: Catalog, language: str) -> None:
    """Merge the template into one language's catalog (creating it when missing)."""
    path = LOCALES / language / "LC_MESSAGES" / "quizapp.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
    else:
        catalog = Catalog(
            locale=language, project="quizapp", charset="utf-8", header_comment=HEADER
        )
    catalog.fuzzy = False  # a fuzzy header would make the .mo compiler drop the plural rule
    # No fuzzy matching: a guessed translation looks done but is wrong more often than not.
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    path.write_bytes(render(catalog))


def main() -> int:
    """Extract, then update (or, with --check, only compare)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the .pot is current")
    args = parser.parse_args()
    template = extract()
    fresh = render(template)
    if args.check:
        if not POT.exists() or POT.read_bytes() != fresh:
            sys.stderr.write(
                "locales/quizapp.pot is out of date: run `uv run python build/update_catalogs.py`\n"
            )
            return 1
        return 0
    POT.write_bytes(fresh)
    for language in LANGUAGES:
        update_po(template, language)
    print(f"{len(template)} messages extracted; catalogs updated for {', '.join(LANGUAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
