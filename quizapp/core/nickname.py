"""Nicknames and group names as quizapp keeps them: one spelling for what reads the same.

A name that reaches quizapp (typed into the nickname field, read from a results file, passed to
the repository) goes through :func:`normalised` first: Unicode NFC, no invisible characters
(zero-width space and joiners, word joiner, soft hyphen, BOM), no bidi controls (a right-to-left
override makes "annA" read "Anna"), no control characters, spaces trimmed and runs of spaces
made one. So ``"An\\u200bna"``, ``"Anna "`` and ``"\\u200fAnna"`` are all the student "Anna",
and a results file cannot bring in a second "Anna" that only looks like her.

What normalising cannot fold is a name that mixes scripts, such as "Аnna" with a Cyrillic
"А": it may be a real name, so it is kept, and :func:`mixed_scripts` lets the teacher's views
and reports mark it.
"""

from __future__ import annotations

import re
import unicodedata

from quizapp.i18n import N_, _

# Invisible format characters and bidi controls (Unicode category Cf covers them all, and
# more: every Cf character is dropped), and the control characters (Cc) but space-like ones.
_SPACES = re.compile(r"\s+")


def _dropped(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category in ("Cf", "Cs", "Co", "Cn") or (category == "Cc" and not ch.isspace())


def normalised(name: str) -> str:
    """``name`` in NFC, without invisible, bidi or control characters, spaces trimmed."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if not _dropped(ch))
    return _SPACES.sub(" ", text).strip()


def _script(ch: str) -> str | None:
    """The script of a letter, from its Unicode name ("LATIN", "CYRILLIC", "GREEK", ...);
    ``None`` for what belongs to no script (digits, punctuation, marks, symbols)."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if not name:
        return None
    first = name.split(" ", 1)[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA"):
        return "CJK"  # Japanese mixes these by design
    return first


def mixed_scripts(name: str) -> list[str]:
    """The scripts a name's letters come from, when there are two or more (else ``[]``).

    Such a name may be a look-alike of a classmate's ("Аnna" with a Cyrillic "А").
    """
    scripts: list[str] = []
    for ch in name:
        script = _script(ch)
        if script is not None and script not in scripts:
            scripts.append(script)
    return scripts if len(scripts) > 1 else []


_SCRIPT_NAMES = {
    "LATIN": N_("Latin"),
    "CYRILLIC": N_("Cyrillic"),
    "GREEK": N_("Greek"),
    "ARMENIAN": N_("Armenian"),
    "ARABIC": N_("Arabic"),
    "HEBREW": N_("Hebrew"),
}


def marked(shown: str, nickname: str | None = None) -> str:
    """``shown`` (a nickname as shown, perhaps with its group or login) with a marker when
    ``nickname`` (default: ``shown``) mixes scripts: it may be made to look like a classmate's.

    The one place the teacher's views, reports and import summaries get the marker from.
    """
    scripts = mixed_scripts(shown if nickname is None else nickname)
    if not scripts:
        return shown
    return _("%(name)s ⚠ (mixed scripts: %(scripts)s; may imitate another name)") % {
        "name": shown,
        "scripts": " + ".join(
            _(_SCRIPT_NAMES[script]) if script in _SCRIPT_NAMES else script.title()
            for script in scripts
        ),
    }
