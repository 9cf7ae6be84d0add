"""A blind student does every task type with the real Orca screen reader (issue 28).

Orca (Debian's ``orca``) runs on a private AT-SPI bus under Xvfb; the student's keys are real
key presses (xdotool); what the student hears is Orca's own speech, from its debug log (see
``tests/system/a11y/orca_session.py``). In English and German, one journey checks:

* the question is spoken on arrival, for every task type (single, multiple, true/false, order,
  categorize, evidence, short text), and the evidence task's statement too;
* the article is read line by line with ↓ (the reading pane and the evidence marker);
* each error of the newer task types is spoken, and spoken again the second time;
* the key of each newer task type is reachable by Tab on the feedback page and spoken;
* the results page's reading-skill and "How sure were you?" sections are reachable.

Skipped, with the reason, only where Orca or the AT-SPI stack is not installed (``.ci/run``
installs them). One to two minutes per language.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from a11y.orca_session import OrcaSession, missing
from real_input.xserver import xvfb

ROOT = Path(__file__).resolve().parents[2]
MISSING = missing() if sys.platform.startswith("linux") else "Orca and AT-SPI are Linux only"
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs the Orca screen reader: {MISSING}")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private X server (no window manager)."""
    with xvfb() as name:
        yield name


def content_into(data: Path) -> None:
    """The mini set (single, multiple, true/false) and the task-types set, with articles."""
    folder = data / "content"
    (folder / "sets").mkdir(parents=True)
    (folder / "sources").mkdir(parents=True)
    for sets in (ROOT / "tests/data/ui/content/sets", ROOT / "tests/data/tasks/sets"):
        for path in sets.glob("*.yaml"):
            shutil.copy(path, folder / "sets" / path.name)
    for sources in (ROOT / "tests/data/ui/content/sources", ROOT / "content/sources"):
        for path in sources.glob("*.yaml"):
            shutil.copy(path, folder / "sources" / path.name)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def questions(set_file: Path) -> dict[str, dict[str, Any]]:
    """The set's questions by type (one of each in these sets)."""
    return {q["type"]: q for q in load(set_file)["questions"]}


def article_lines(source: Path, lang: str) -> list[str]:
    """Every text of an article a reader may hear: title, blocks and their translations."""
    article = load(source)
    texts = [article["title"], (article.get("title_translations") or {}).get(lang, "")]
    for block in article["paragraphs"]:
        texts.append(block["text"])
        texts.append((block.get("translations") or {}).get(lang, ""))
    return [t for t in texts if t]


def said_article(lines: list[str], article: list[str]) -> list[str]:
    """The utterances that are a piece (a line) of the article, maybe after a label such as
    "Title:" or "Translation:"."""
    pieces = [line.strip().split(": ", 1)[-1] for line in lines]
    return [piece for piece in pieces if len(piece) > 8 and any(piece in t for t in article)]


class Student:
    """A blind student at the keyboard: presses keys, listens to Orca."""

    def __init__(self, orca: OrcaSession) -> None:
        self.orca = orca

    def press(self, *keys: str) -> None:
        self.orca.press(*keys)

    def hears(self, *pieces: str, seconds: float = 20.0) -> list[str]:
        return self.orca.heard(*pieces, seconds=seconds)

    def tab_until(self, *pieces: str, most: int = 14) -> list[str]:
        """Tab until Orca says one of ``pieces`` (a Tab stop holds it); what it said on the
        way."""
        said: list[str] = []
        for _ in range(most):
            self.press("Tab")
            said += self.orca.next_speech()  # one Tab, its answer: never a Tab too many
            if any(piece in line for line in said for piece in pieces):
                return said
        raise AssertionError(f"no Tab stop said any of {pieces!r}; Orca said: {said!r}")

    def choose_set(self, title: str) -> None:
        """On the start page: ↑/↓ through the set list until Orca says the set, then Enter."""
        said: list[str] = []
        for key in ["Down"] * 8 + ["Up"] * 8:
            self.press(key)
            said += self.orca.next_speech()
            if any(title in line for line in said):
                self.press("Return")
                return
        raise AssertionError(f"the set list never said {title!r}; Orca said: {said!r}")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_blind_student_does_every_task_type_with_orca(
    display: str, tmp_path: Path, lang: str
) -> None:
    from quizapp import i18n

    i18n.setup(lang)
    _ = i18n._
    data = tmp_path / "data"
    content_into(data)
    mini_set = ROOT / f"tests/data/ui/content/sets/mini.{lang}.yaml"
    task_set = ROOT / f"tests/data/tasks/sets/task-types.{lang}.yaml"
    mini, tasks = questions(mini_set), questions(task_set)
    mini_article = article_lines(ROOT / "tests/data/ui/content/sources/mini-source.yaml", lang)
    sora_article = article_lines(ROOT / "content/sources/sora-leak.yaml", lang)

    orca = OrcaSession(display, tmp_path / "orca")
    try:
        orca.start_bus_and_orca()
        orca.start_app([sys.executable, "-m", "quizapp", "--data-dir", str(data), "--lang", lang])
        student = Student(orca)
        student.hears(_("Your nickname"), seconds=20)
        orca.type_text("Kim")
        student.press("Tab", "Tab")  # the language box, then the set list
        orca.skip_speech()

        # -- the choice questions: the question is said on arrival -----------------------
        student.choose_set(load(mini_set)["title"])
        student.hears(mini["single"]["prompt"])
        # The article in the reading pane, line by line with ↓.
        student.tab_until(_("Article text"))
        said = []
        for _key in range(12):  # the title, the details (author, outlet …), the text
            student.press("Down")
            said += orca.skip_speech(0.5)
            if len(said_article(said, mini_article)) >= 3:
                break
        assert len(said_article(said, mini_article)) >= 3, said
        student.press("1", "Return")  # a digit picks an option anywhere on the page
        student.hears(_("Next question"))
        student.press("Return")
        student.hears(mini["multiple"]["prompt"])
        student.press("space", "Return")
        student.hears(_("Next question"))
        student.press("Return")
        student.hears(mini["true_false"]["prompt"])
        student.press("Down", "Return")
        student.hears(_("See results"))
        student.press("Return")
        orca.skip_speech(1.0)
        # The results page: the reading skills and "How sure were you?" have Tab stops.
        student.tab_until(_("By reading skill"))
        student.tab_until(_("How sure were you?"))
        student.press("Escape")  # back to the start page
        orca.skip_speech(1.0)

        # -- the newer task types -----------------------------------------------------------
        student.tab_until("radio button")  # Orca says role names in its own language
        student.choose_set(load(task_set)["title"])

        # Order: the question and the keys on arrival, a move heard.
        student.hears(tasks["order"]["prompt"], "Alt")
        student.press("Down")
        second = student.hears("2. ")
        student.press("alt+Up")
        moved = [line for line in second if line.startswith("2. ")][-1].removeprefix("2. ")
        student.hears(f"1. {moved}")
        student.press("Return")
        student.hears(_("Next question"))
        # The steps start shuffled, so one move may or may not put them all in place.
        student.tab_until(
            _("Belongs here: %(step)s").split("%")[0].strip(), _("In the right place")
        )
        student.press("Return")

        # Categorize: the question and the box's meaning; a missing category said twice.
        categorize = tasks["categorize"]
        student.hears(categorize["prompt"], _("Category for statement %(n)d") % {"n": 1})
        missing_one = _(
            "No category is chosen for statement %(n)d yet. Choose one with the arrow keys, "
            "then press Enter."
        ) % {"n": 1}
        student.press("Return")
        student.hears(missing_one)
        student.press("Return")
        student.hears(missing_one)
        student.press("Down")
        student.hears(categorize["categories"][0]["text"])
        for _statement in categorize["statements"][1:]:
            student.press("Tab", "Down")
        orca.skip_speech()
        student.press("Return")
        student.hears(_("Next question"))
        student.tab_until(_("Your category: %(picked)s – right is: %(right)s").split(":")[0])
        student.press("Return")

        # Evidence: the question and the statement on arrival; errors said, also twice.
        evidence = tasks["evidence"]
        student.hears(evidence["prompt"], evidence["statement"])
        nothing_marked = _(
            "Nothing is marked yet. Select words in the article with Shift and the arrow keys, "
            "then press Alt+M."
        )
        student.press("Return")
        student.hears(nothing_marked)
        student.press("Return")
        student.hears(nothing_marked)
        student.tab_until(_("Article text to mark"))
        nothing_selected = _(
            "Nothing is selected. Select words in the article with Shift and the arrow keys "
            "first, then press Alt+M."
        )
        student.press("alt+m")
        student.hears(nothing_selected)
        student.press("alt+m")
        student.hears(nothing_selected)
        said = []
        for _key in range(3):
            student.press("Down")
            said += orca.skip_speech(0.5)
        assert len(said_article(said, sora_article)) >= 2, said
        if lang == "en":  # translations shown: a selection inside the "Translation:" label
            label = _("Translation: %(text)s").split("%")[0].strip()
            for _key in range(6):
                if said and said[-1].startswith(label):  # the caret's line
                    break
                student.press("Down")
                said = orca.skip_speech(0.5)
            student.press("Home", "shift+Right", "shift+Right", "shift+Right")
            orca.skip_speech()
            student.press("alt+m")
            student.hears(f"“{label}”")
        student.press("Home", "shift+End", "alt+m")
        student.hears(_("Your evidence: %(marks)s").split("%")[0].strip())
        student.press("Return")
        student.hears(_("Next question"))
        student.tab_until(_("You marked:").removesuffix(":"))
        student.press("Return")

        # Short text: an empty answer said twice; Enter compares and reads the model answer.
        short = tasks["short_text"]
        student.hears(short["prompt"])
        empty = _("Your answer is empty. Write at most %(max)d words, then press Enter.") % {
            "max": short["max_words"]
        }
        student.press("Return")
        student.hears(empty)
        student.press("Return")
        student.hears(empty)
        orca.type_text("Sora")
        student.press("Return")
        student.hears(short["model_answer"])
        student.tab_until(short["rubric"][0]["text"])
        student.press("space", "Return")
        student.hears(_("See results"))
        student.tab_until(_("Model answer: %(text)s").split("%")[0].strip())
    finally:
        orca.stop()
