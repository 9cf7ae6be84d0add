"""argparse's own user-facing messages, listed so babel extracts them into our catalog.

argparse translates through the module-level ``_``/``ngettext`` it imported from gettext;
:func:`translate_argparse` points those at our catalog, so ``quizapp --help`` and usage errors
appear in the CLI's language. The ids are argparse's exact strings (Python 3.11).
"""

from __future__ import annotations

import argparse

from quizapp import i18n
from quizapp.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def translate_argparse() -> None:
    """Make argparse's own texts follow :mod:`quizapp.i18n` (call before building a parser)."""
    setattr(argparse, "_", i18n._)  # noqa: B010  (argparse looks the name up at call time)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
