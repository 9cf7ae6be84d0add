"""The guide's "Bring your own article" walk-through, run verbatim, in English and in German.

The section's ``sh`` blocks are run as written (with ``quizapp`` on the PATH and the teacher's
folder in ``QUIZAPP_DATA_DIR``, as an installed app has it); the files it shows (the article's
text, the filled-in source, the finished set) are saved where it says, as a teacher's editor
would. Then a student plays the set in the real app by keyboard, the answers are in the class
report, and the set is retired as the guide says: gone from the start page, answers kept; then
two shipped sets are retired by the guide's ``retired-sets.yaml``.
"""

from __future__ import annotations

import csv
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from ui_support import SHIPPED_CONTENT, answers_in_db, current, start_shell

from quizapp.core.content.placeholders import find_placeholders, is_placeholder

ROOT = Path(__file__).resolve().parents[2]
GUIDES = {
    "en": (ROOT / "content" / "README.md", "## Bring your own article"),
    "de": (ROOT / "content" / "README.de.md", "## Einen eigenen Artikel mitbringen"),
}
SET_ID = "erfundene-quellen"
SOURCE = "content/sources/schuelerzeitung-ki.yaml"
# A file to save: the marker, an optional <details> line, then the fenced block.
_STEP = re.compile(
    r"<!-- walkthrough file: (?P<file>\S+) -->\n(?:<details>[^\n]*\n\n)?```\w*\n(?P<text>.*?)```"
    r"|```sh\n(?P<shell>.*?)```",
    re.DOTALL,
)
HEADINGS = {
    "en": ("Chatbot invents sources: school newspaper withdraws AI article", "June 2, 2025"),
    "de": ("Chatbot erfindet Quellen: Schülerzeitung zieht KI-Artikel zurück", "2. Juni 2025"),
}


def section(language: str) -> str:
    path, heading = GUIDES[language]
    text = path.read_text("utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.index("\n## ", start + len(heading) + 2)
    return text[start:end]


def quizapp_on_path(folder: Path) -> dict[str, str]:
    """An environment where ``quizapp`` is this checkout's app, as an installed one would be."""
    shim = folder / "bin" / "quizapp"
    shim.parent.mkdir(parents=True)
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m quizapp "$@"\n', "utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = dict(os.environ)
    env["PATH"] = f"{shim.parent}{os.pathsep}{env['PATH']}"
    env["QUIZAPP_DATA_DIR"] = str(folder / "data")
    return env


def same_except_placeholders(made: Any, shown: Any, at: tuple[object, ...] = ()) -> None:
    """What the guide shows is what the command wrote, with only the TODO texts written."""
    if at == ("origin",):
        return  # the date the guide's example was made on
    if isinstance(made, dict):
        assert isinstance(shown, dict) and set(made) == set(shown), at
        for key in made:
            same_except_placeholders(made[key], shown[key], (*at, key))
    elif isinstance(made, list):
        assert isinstance(shown, list) and len(made) == len(shown), at
        for index, (one, other) in enumerate(zip(made, shown, strict=True)):
            same_except_placeholders(one, other, (*at, index))
    elif is_placeholder(made):
        assert isinstance(shown, str) and shown.strip() and not is_placeholder(shown), at
    else:
        assert made == shown, at


def run_walkthrough(language: str, folder: Path) -> list[subprocess.CompletedProcess[str]]:
    env = quizapp_on_path(folder)
    env["LANG"] = env["LC_ALL"] = "de_DE.UTF-8" if language == "de" else "en_US.UTF-8"
    work = folder / "work"
    work.mkdir()
    data = folder / "data"
    runs = []
    steps = list(_STEP.finditer(section(language)))
    assert len(steps) == 7, "article, source new, source, set new + validate, 2 sets, validate"
    for step in steps:
        if step["shell"] is not None:
            run = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", step["shell"]],
                cwd=work, env=env, capture_output=True, text=True, check=False, timeout=300,
            )  # fmt: skip
            assert run.returncode == 0, (step["shell"], run.stdout, run.stderr)
            assert "Traceback" not in run.stderr
            runs.append(run)
            continue
        target = data / step["file"] if step["file"].startswith("content/") else work / step["file"]
        if step["file"] == SOURCE:
            made = yaml.safe_load(target.read_text("utf-8"))
            assert len(find_placeholders(made)) == 8, "the guide says: eight TODO texts"
            same_except_placeholders(made, yaml.safe_load(step["text"]))
        target.write_text(step["text"], "utf-8")
    return runs


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_guide_walkthrough_runs_verbatim(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    runs = run_walkthrough(language, tmp_path)
    made_source, made_set, last_check = runs
    assert "schuelerzeitung-ki.yaml" in made_source.stdout
    if language == "en":
        assert "1 headline, 1 subheadline, 3 body paragraphs" in made_source.stdout
        assert "8 furniture lines" in made_source.stdout, "as the guide says"
    assert "erfundene-quellen.de.yaml" in made_set.stdout
    assert re.search(r" 0 (errors|Fehler)", made_set.stdout), made_set.stdout
    assert re.search(r" 0 (errors, 0 warnings|Fehler, 0 Warnungen)", last_check.stdout), (
        last_check.stdout
    )
    assert "TODO" not in last_check.stdout
    data = tmp_path / "data"
    # A student plays the set in the real app, by keyboard: it is this week's article.
    shell = start_shell(qtbot, data, language=language, content=SHIPPED_CONTENT)
    start = shell.start_view
    title, date = HEADINGS[language]
    heading = start.article_headings[0]
    assert heading.title.text() == title  # type: ignore[attr-defined]
    assert heading.details.text() == f"Nordstädter Anzeiger · {date}"  # type: ignore[attr-defined]
    assert start.selected_set_id() == SET_ID
    card = start._cards[SET_ID].button
    assert title in card.accessibleDescription(), "a screen reader hears which article"
    start.nickname.setFocus()
    QTest.keyClicks(start.nickname, "Ada")
    QTest.keyClick(shell.window, Qt.Key.Key_Return)
    assert current(shell) is shell.screens.quiz_view
    session = shell.screens.quiz.session
    assert session is not None and session.total == 2
    for _number in range(session.total):
        QTest.keyClick(shell.window, Qt.Key.Key_1)
        QTest.keyClick(shell.window, Qt.Key.Key_Return)  # Submit
        assert current(shell) is shell.screens.feedback_view
        QTest.keyClick(shell.window, Qt.Key.Key_Return)  # Next / See results
    assert current(shell) is shell.screens.results_view
    assert len(list(answers_in_db(data))) == 2
    shell.close()
    assert ada_in_report(tmp_path, data) == 2
    # Retired as the guide says: off the start page, the answers still reported.
    snippet = re.search(r"```yaml\n(source: schuelerzeitung-ki\nretired: true\n)```",
                        section(language))  # fmt: skip
    assert snippet is not None
    for name in (f"{SET_ID}.de.yaml", f"{SET_ID}.en.yaml"):
        path = data / "content" / "sets" / name
        text = path.read_text("utf-8")
        path.write_text(text.replace("source: schuelerzeitung-ki\n", snippet[1], 1), "utf-8")
    shell = start_shell(qtbot, data, language=language, content=SHIPPED_CONTENT)
    assert SET_ID not in shell.start_view._cards
    assert shell.start_view.article_headings[0].title.text() != title  # type: ignore[attr-defined]
    shell.close()
    assert ada_in_report(tmp_path, data) == 2
    # The shipped sets too, by the list the guide shows, saved where it says.
    listed = re.search(r"```yaml\n(# retired-sets\.yaml: [^\n]*\n(?:- [a-z-]+\n)+)```",
                       section(language))  # fmt: skip
    assert listed is not None
    (data / "content" / "retired-sets.yaml").write_text(listed[1], "utf-8")
    shell = start_shell(qtbot, data, language=language, content=SHIPPED_CONTENT)
    assert set(shell.start_view._cards) == {"reading-critically", "beyond-the-article"}
    shell.close()
    assert ada_in_report(tmp_path, data) == 2


def ada_in_report(folder: Path, data: Path) -> int:
    out = folder / "class.csv"
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--lang", "en", "report", "--format", "csv",
         "--out", str(out), "--set", SET_ID, "--data-dir", str(data)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((folder / "class-answers.csv").open(encoding="utf-8-sig")))
    return sum(1 for row in rows if SET_ID in row and "Ada" in row)
