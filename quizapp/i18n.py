"""Translation of user-visible text with gettext catalogs compiled by babel.

``_`` translates now, ``N_`` marks a constant for extraction and is translated when shown,
``ngettext`` picks the plural form. ``setup(lang)`` switches the language for the whole process;
the functions below always look up the current catalog, so a language switch needs no restart.
"""

from __future__ import annotations

import gettext

from quizapp.paths import locales_dir

DOMAIN = "quizapp"
SUPPORTED = ("de", "en")
DEFAULT_LANGUAGE = "de"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: str = "en"


def setup(language: str) -> str:
    """Switch to ``language`` (falling back to English text if its catalog is missing).

    Returns the language now in effect. Widgets re-read their texts after a switch (the UI's
    ``retranslate`` methods); this module keeps no references to them.
    """
    global _translations, _language
    lang = language if language in SUPPORTED else DEFAULT_LANGUAGE
    _translations = gettext.translation(
        DOMAIN, localedir=str(locales_dir()), languages=[lang], fallback=True
    )
    _language = lang
    return lang


def language_from_environment() -> str:
    """The language the user's session asks for, as gettext decides it; English otherwise.

    The locale is the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (so ``LC_ALL`` wins
    over ``LANG``). ``LANGUAGE``, a list of preferences, comes first unless that locale is
    ``C``/``POSIX``, which means plain English. An unsupported choice falls back to English,
    never to a lower-priority variable.
    """
    import os

    locale = next(
        (os.environ[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(var)), ""
    )
    if locale.split(".")[0] in ("C", "POSIX"):
        return "en"
    for part in os.environ.get("LANGUAGE", "").split(":"):
        if part[:2].lower() in SUPPORTED:
            return part[:2].lower()
    code = locale[:2].lower()
    return code if code in SUPPORTED else "en"


def current_language() -> str:
    """The language set by the last :func:`setup` call."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form for ``n`` in the current language."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a disambiguating ``context``."""
    return _translations.pgettext(context, message)


def counted(kind: str, n: int) -> str:
    """``n`` results rows of one kind in words ("1 student", "3 answers"), plural per language.

    ``kind`` is ``"student"``, ``"attempt"`` or ``"answer"``. Sentences that list counts use
    these instead of "%(n)d students", which reads "1 students".
    """
    texts = {
        "student": ngettext("%(n)d student", "%(n)d students", n),
        "attempt": ngettext("%(n)d attempt", "%(n)d attempts", n),
        "answer": ngettext("%(n)d answer", "%(n)d answers", n),
    }
    return texts[kind] % {"n": n}
