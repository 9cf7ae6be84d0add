"""The gettext catalogs: German complete and consistent, extraction current, switching works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from quizapp import i18n

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "locales" / "de" / "LC_MESSAGES" / "quizapp.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


def _german() -> list[tuple[object, object, bool]]:
    with GERMAN.open("rb") as f:
        catalog = read_po(f, locale="de")
    return [(m.id, m.string, m.fuzzy) for m in catalog if m.id]


def test_every_german_entry_is_translated_and_not_fuzzy() -> None:
    missing = []
    for msgid, msgstr, fuzzy in _german():
        strings = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        if fuzzy or not all(strings):
            missing.append(msgid)
    assert missing == [], (
        f"{len(missing)} German entries untranslated or fuzzy in {GERMAN.relative_to(ROOT)}, "
        f"e.g. {missing[:5]}"
    )


def test_placeholders_match() -> None:
    wrong = []
    for msgid, msgstr, _fuzzy in _german():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        expected = sorted(set(PLACEHOLDER.findall(str(ids[-1]))))
        for string in strings:
            if string and sorted(set(PLACEHOLDER.findall(str(string)))) != expected:
                wrong.append((msgid, string))
    assert wrong == []


def test_template_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "build" / "update_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_language_switch_and_plurals_at_runtime() -> None:
    try:
        i18n.setup("de")
        one = i18n.ngettext("%(n)d file checked", "%(n)d files checked", 1) % {"n": 1}
        two = i18n.ngettext("%(n)d file checked", "%(n)d files checked", 2) % {"n": 2}
        assert one != two
        assert "1" in one and "2" in two
        assert one != "1 file checked"
        i18n.setup("en")
        assert i18n.ngettext("%(n)d file checked", "%(n)d files checked", 2) % {"n": 2} == (
            "2 files checked"
        )
    finally:
        i18n.setup(i18n.DEFAULT_LANGUAGE)


def test_english_texts_use_typographic_apostrophes() -> None:
    """“student’s”, not "student's": one style of apostrophe in every English UI text."""
    straight = []
    for msgid, _msgstr, _fuzzy in _german():
        for text in msgid if isinstance(msgid, tuple) else (msgid,):
            if re.search(r"[A-Za-z]'[A-Za-z]", str(text)):
                straight.append(text)
    assert straight == []
