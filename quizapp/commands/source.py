"""``quizapp source new FILE --id ID --lang de|en``: an article's text becomes a source file.

The text (``-`` reads standard input) is split into headline, subheadline, body paragraphs and
page furniture, every word kept, and written to ``DATA/content/sources/ID.yaml`` — never over
an existing file. What is left to fill in is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.commands.data_folder import data_dir_option
from quizapp.commands.outcome import EXIT_OK, carried_out
from quizapp.i18n import _


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``source`` command group to ``sub``."""
    source = sub.add_parser("source", help=_("make a source file from an article’s text"))
    actions = source.add_subparsers(dest="source_command", required=True)
    new = actions.add_parser(
        "new", help=_("split a pasted article into blocks and write it into your folder")
    )
    new.add_argument("file", metavar="FILE", help=_("the article as plain text (- for stdin)"))
    new.add_argument("--id", required=True, help=_("the source’s id, e.g. fake-audio-2023"))
    new.add_argument(
        "--lang",
        dest="article_language",
        required=True,
        choices=["de", "en"],
        help=_("the language the article is written in"),
    )
    new.add_argument("--title", help=_("the title (default: the headline)"))
    new.add_argument("--outlet", help=_("the outlet that published it"))
    new.add_argument("--published", metavar="YYYY-MM-DD", help=_("the date it was published"))
    new.add_argument("--url", help=_("the link to the article"))
    data_dir_option(new)


def run(args: argparse.Namespace) -> int:
    """Make the source ``args`` ask for."""
    from quizapp.core.content.new_source import NewContentError

    return carried_out(lambda: _new(args), NewContentError)


def _read(name: str) -> bytes:
    from quizapp.core.content.bounded_read import (
        BoundedReadError,
        ReadProblem,
        read_regular_file,
    )
    from quizapp.core.content.new_source import MAX_TEXT_BYTES, NewContentError

    if name == "-":
        return sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    try:
        return read_regular_file(Path(name), MAX_TEXT_BYTES + 1)
    except BoundedReadError as exc:
        if exc.problem is ReadProblem.TOO_LARGE:
            return b"\0" * (MAX_TEXT_BYTES + 1)  # refused by size, with the usual message
        reason = (
            _("it is a folder, pipe or device")
            if exc.problem is ReadProblem.NOT_A_FILE
            else exc.detail
        )
        raise NewContentError(
            _("%(name)s cannot be read as an article: %(reason)s.")
            % {"name": name, "reason": reason},
            _("Give a plain text file with the article’s text."),
        ) from None


def _new(args: argparse.Namespace) -> int:
    from quizapp.core.content.authoring import new_source
    from quizapp.core.content.loader import load_content
    from quizapp.core.content.new_source import SourceFields, decode_article
    from quizapp.paths import content_dir, content_paths, data_dir, teacher_content_dir

    text = decode_article(_read(args.file), "-" if args.file == "-" else args.file)
    fields = SourceFields(
        id=args.id,
        language=args.article_language,
        title=args.title,
        outlet=args.outlet,
        published=args.published,
        url=args.url,
    )
    folder = data_dir(args.data_dir)
    library = load_content(content_paths(folder))
    made, path = new_source(library, teacher_content_dir(folder), content_dir(), text, fields)
    kinds: dict[str, int] = {}
    for block in made.blocks:
        kinds[block.kind.value] = kinds.get(block.kind.value, 0) + 1
    print(_("Wrote %(path)s: %(blocks)s.") % {"path": path, "blocks": _blocks(kinds)})
    for block in made.blocks:
        print(f"  {block.id:<14} {block.kind.value:<12} {_short(block.text)}")
    for found in made.found:
        print(_("Read from the text: %(what)s.") % {"what": found})
    print(_("Still to fill in (search the file for TODO):"))
    for item in made.to_fill:
        print(f"  - {item}")
    print(_("Then: quizapp set new --source %(id)s --id SET-ID") % {"id": made.fields.id})
    return EXIT_OK


def _blocks(kinds: dict[str, int]) -> str:
    labels = {
        "headline": _("headline"),
        "subheadline": _("subheadline"),
        "body": _("body paragraphs"),
        "furniture": _("furniture lines"),
    }
    return ", ".join(f"{n} {labels[kind]}" for kind, n in kinds.items())


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
