"""``quizapp set new --source ID --id SET``: a draft skeleton of a set in both languages.

Writes ``SET.de.yaml`` and ``SET.en.yaml`` into ``DATA/content/sets/``: one example task of
each type citing real blocks of the source, every text to write a ``TODO``, marked as a draft.
"""

from __future__ import annotations

import argparse

from quizapp.commands.data_folder import data_dir_option
from quizapp.commands.outcome import EXIT_OK, carried_out
from quizapp.i18n import _


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``set`` command group to ``sub``."""
    question_set = sub.add_parser("set", help=_("start a new question set about a source"))
    actions = question_set.add_subparsers(dest="set_command", required=True)
    new = actions.add_parser(
        "new", help=_("write a draft skeleton of a set (German and English) into your folder")
    )
    new.add_argument("--source", required=True, help=_("the id of the source the set cites"))
    new.add_argument("--id", required=True, help=_("the set’s id, e.g. fake-audio-basics"))
    new.add_argument(
        "--title",
        help=_("the set’s title in the article’s language (default: a TODO to fill in)"),
    )
    data_dir_option(new)


def run(args: argparse.Namespace) -> int:
    """Write the skeleton ``args`` ask for."""
    from quizapp.core.content.new_source import NewContentError

    return carried_out(lambda: _new(args), NewContentError)


def _new(args: argparse.Namespace) -> int:
    from quizapp.core.content.authoring import new_set
    from quizapp.core.content.loader import load_content
    from quizapp.paths import content_dir, content_paths, data_dir, teacher_content_dir

    folder = data_dir(args.data_dir)
    library = load_content(content_paths(folder))
    made = new_set(
        library, teacher_content_dir(folder), content_dir(), args.source, args.id, args.title
    )
    for path in made.files.values():
        print(_("Wrote %(path)s") % {"path": path})
    print(
        _(
            "A draft with one example task of each type: students do not see it. Replace the "
            "%(n)d TODO texts in each file, delete the tasks you do not need (in both files), "
            "then remove “draft: true”. Check with: quizapp validate"
        )
        % {"n": made.placeholders}
    )
    return EXIT_OK
