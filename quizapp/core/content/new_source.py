"""A new source file from an article's plain text: ``quizapp source new`` and the app's dialog.

One code path for both: :func:`source_yaml` makes the file's text, :func:`write_new_file` puts
it into the teacher's folder without ever replacing a file. What only the teacher can write
(the translations into the other language, what the text does not say about itself) is left
as ``TODO`` placeholders and listed in :attr:`NewSource.to_fill`.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.content.article_text import (
    TextBlock,
    byline_author,
    date_line_date,
    split_article,
)
from quizapp.core.content.models import LANGUAGES, BlockKind
from quizapp.core.content.placeholders import placeholder
from quizapp.core.content.yaml_writer import dump
from quizapp.i18n import _
from quizapp.user_error import UserFacingError, shown_path

#: The largest article text taken (a long report is 30 KB; this leaves room for any paste).
MAX_TEXT_BYTES = 512 * 1024
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

#: Each language's name in that language, for the placeholders written in it.
_OWN_NAME = {"de": "Deutsch", "en": "English"}


class NewContentError(UserFacingError):
    """A new source or set could not be made; the message says why and what to do.

    ``field`` names the entry it is about ("id", "published", "text"), so a dialog can put
    the focus there.
    """

    def __init__(
        self, message: str, hint: str = "", path: Path | None = None, field: str = "text"
    ) -> None:
        super().__init__(message, hint, path)
        self.field = field


@dataclass(frozen=True)
class SourceFields:
    """What the teacher says about the article (``None``: not given)."""

    id: str
    language: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class NewSource:
    """A source made from a text: its YAML, its blocks, and what is left to fill in."""

    fields: SourceFields
    blocks: list[TextBlock]
    text: str
    to_fill: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # what was read from the text itself


def decode_article(raw: bytes, name: str) -> str:
    """The text of an article file, refusing what is not one (empty, binary, oversized)."""
    if len(raw) > MAX_TEXT_BYTES:
        raise NewContentError(
            _("%(name)s is too large for an article (more than %(size)s).")
            % {"name": shown_path(name), "size": "512 KB"},
            _("Copy only the article’s text from the page, not the whole site."),
        )
    if b"\0" in raw:
        raise NewContentError(
            _("%(name)s is not a text file.") % {"name": shown_path(name)},
            _("Copy the article’s text from the browser into a plain text file (.txt)."),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewContentError(
            _("%(name)s is not UTF-8 text.") % {"name": shown_path(name)},
            _("Save it as UTF-8 in your editor (“Save with encoding” → UTF-8)."),
        ) from None
    if not text.strip():
        raise NewContentError(
            _("%(name)s holds no text.") % {"name": shown_path(name)},
            _("Paste the article’s text (headline first) and try again."),
        )
    return text


def check_fields(fields: SourceFields, known_ids: set[str]) -> None:
    """Refuse an id that is not an id or already in use, a language or date that is wrong."""
    if not ID_PATTERN.match(fields.id):
        raise NewContentError(
            _("“%(id)s” cannot be an id.") % {"id": fields.id},
            _("Use lowercase letters, digits, “-” and “_”, e.g. tagesschau-fake-2023."),
            field="id",
        )
    if fields.id in known_ids:
        raise NewContentError(
            _("There is already a source with the id “%(id)s”.") % {"id": fields.id},
            _("Choose another id; an existing source is never replaced."),
            field="id",
        )
    if fields.language not in LANGUAGES:
        raise NewContentError(
            _("The language must be de or en, not “%(lang)s”.") % {"lang": fields.language}
        )
    if fields.published is not None:
        try:
            datetime.date.fromisoformat(fields.published)
            valid = len(fields.published) == 10
        except ValueError:
            valid = False
        if not valid:
            raise NewContentError(
                _("“%(date)s” is not a date written year-month-day.") % {"date": fields.published},
                _("Write it as 2024-11-26."),
                field="published",
            )


def make_source(text: str, fields: SourceFields, known_ids: set[str]) -> NewSource:
    """Split ``text`` into blocks and make the source file's YAML (nothing is written yet)."""
    check_fields(fields, known_ids)
    blocks = split_article(text)
    if not any(b.kind is not BlockKind.FURNITURE for b in blocks):
        raise NewContentError(
            _("The text holds only page furniture (share buttons, notices), no article."),
            _("Paste the article’s headline and paragraphs too."),
        )
    made = NewSource(fields, blocks, "")
    made.text = _yaml(made)
    return made


def _yaml(made: NewSource) -> str:
    f = made.fields
    other = next(lang for lang in LANGUAGES if lang != f.language)
    headline = next(b.text for b in made.blocks if b.kind is BlockKind.HEADLINE)
    author = byline_author(made.blocks)
    published = f.published
    if published is None:
        published = date_line_date(made.blocks)
        if published is not None:
            made.found.append(_("the date %(date)s (from the date line)") % {"date": published})
    if author is not None:
        made.found.append(_("the author %(name)s (from the byline)") % {"name": author})
    made.to_fill.append(
        _("the English translation of the title and of every block (furniture needs none)")
        if other == "en"
        else _("the German translation of the title and of every block (furniture needs none)")
    )
    made.to_fill.append(_("unknown_note: what the text does not say about itself"))
    today = datetime.date.today().isoformat()
    data: dict[str, object] = {
        "id": f.id,
        "language": f.language,
        "title": f.title or headline,
        "title_translations": {other: placeholder(_in(other, "the title in", _OWN_NAME[other]))},
        "author": author,
        "outlet": f.outlet,
        "published": published,
        "url": f.url,
        "unknown_note": {lang: placeholder(_in(lang, "unknown", "")) for lang in LANGUAGES},
        "origin": {lang: _in(lang, "origin", today) for lang in LANGUAGES},
        "paragraphs": [_block(block, other) for block in made.blocks],
    }
    header = [
        "yaml-language-server: $schema=../schema/source.schema.json",
        f"Made by “quizapp source new” on {today} from a pasted text. Every word of the text is",
        "kept; check each block's kind (headline, subheadline, body, furniture = page furniture,",
        "shown greyed and never cited; it needs no translation). Block ids are stable: citations",
        "and stored answers refer to them. Replace every TODO.",
    ]
    return dump(data, header)


def _block(block: TextBlock, other: str) -> dict[str, object]:
    """One block; a translation to write for the article's text, none for page furniture
    (greyed, never cited: "Teilen" under a German article needs no English)."""
    written: dict[str, object] = {"id": block.id, "kind": block.kind.value, "text": block.text}
    if block.kind is not BlockKind.FURNITURE:
        written["translations"] = {other: placeholder(_in(other, "block in", _OWN_NAME[other]))}
    return written


# Placeholder wording in the language of the text it stands for (not the app's language).
_WORDING = {
    "de": {
        "the title in": "die Überschrift auf {0}",
        "block in": "dieser Absatz auf {0} (Satz für Satz; Zitate daraus müssen wörtlich passen)",
        "unknown": "Was der Text nicht über sich sagt (Autor, Medium, Datum, Link) – "
        "oder: „Autor, Medium und Datum stehen im Text.“",
        "origin": "Von einer Webseite kopierter Text, mit „quizapp source new“ am {0} übernommen.",
    },
    "en": {
        "the title in": "the title in {0}",
        "block in": "this block in {0} (sentence by sentence; quotes from it must match)",
        "unknown": "What the text does not say about itself (author, outlet, date, link) – "
        'or: "The text names its author, outlet and date."',
        "origin": "Text copied from a web page, taken over with “quizapp source new” on {0}.",
    },
}


def _in(language: str, key: str, value: str) -> str:
    return _WORDING[language][key].format(value)


def write_new_file(target: Path, text: str) -> Path:
    """Write ``text`` to ``target``, which must not exist yet: an existing file is never
    replaced, and a reader never sees half a file (written beside, then linked into place)."""
    if target.exists():
        raise NewContentError(
            _("%(path)s already exists.") % {"path": shown_path(target)},
            _("Choose another id; an existing file is never replaced."),
            target,
            field="id",
        )
    temp = target.with_name(f".{target.name}.new")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(text, encoding="utf-8")
        os.link(temp, target)  # fails if the target appeared meanwhile: nothing is replaced
    except FileExistsError:
        raise NewContentError(
            _("%(path)s already exists.") % {"path": shown_path(target)},
            _("Choose another id; an existing file is never replaced."),
            target,
            field="id",
        ) from None
    except OSError as exc:
        raise NewContentError(
            _("%(path)s could not be written.") % {"path": shown_path(target)},
            _("Check that you may write there and the drive is not full (%(reason)s).")
            % {"reason": exc.strerror or exc.__class__.__name__},
            target,
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return target


def create_source(
    sources_folder: Path, text: str, fields: SourceFields, known_ids: set[str]
) -> tuple[NewSource, Path]:
    """Make the source from ``text`` and write it as ``sources_folder/ID.yaml``."""
    made = make_source(text, fields, known_ids)
    path = write_new_file(sources_folder / f"{fields.id}.yaml", made.text)
    return made, path
