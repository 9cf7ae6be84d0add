"""Screenshots of every student view in both languages, for the README and for layout review.

    uv run python build/screenshots.py            # offscreen (needs fonts, e.g. fonts-dejavu)
    xvfb-run -a uv run python build/screenshots.py --platform xcb

Drives the real app (real database in a temporary folder, the shipped content) through start,
quiz, feedback, article, results and history; through the "Beyond the article" set for each
newer task type (order, categorize, evidence, short_text: the task and its feedback); and once
more with a broken content file for the notice, its details and the teacher area's question
sets tab; then every teacher tab with the 30-student demo class. Every view is taken at two window
sizes: 1366×768 into ``build/screenshots/<lang>-<view>.png`` and 1024×600 into
``build/screenshots/1024x600/<lang>-<view>.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from quizapp.app import AppShell

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "screenshots"
SIZES = ((1366, 768), (1024, 600))  # a common laptop, a small netbook-class screen
BROKEN_SET = """id: broken-example
language: en
title: "A set with a mistake"
description: "The teacher is still writing this one."
source: sora-leak
questions:
  - id: b-01
    type: single
    prompt: "Is this file finished?"
    choices:
      - {id: a, text: "Yes", correct: yes}
      - {id: b, text: "No", correct: false}
    explanation: "Not yet."
    citations: []
    skill: fact
    difficulty: 1
"""


def main() -> int:
    """Take all screenshots; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        out = args.out if size == SIZES[0] else args.out / f"{size[0]}x{size[1]}"
        out.mkdir(parents=True, exist_ok=True)
        shoot_all(app, size, out)
    print(f"screenshots in {args.out}")
    return 0


def shoot_all(app: QApplication, size: tuple[int, int], out: Path) -> None:
    """Every screenshot at one window ``size`` into ``out``."""
    global SIZE
    SIZE = size
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content" / "sets", content / "sets")
        shutil.copytree(ROOT / "content" / "sources", content / "sources")
        for language in ("en", "de"):
            data = Path(tmp) / f"data-{language}"
            shoot_student_views(app, language, data, [content], out)
            shoot_task_types(app, language, Path(tmp) / f"data-tasks-{language}", [content], out)
        (content / "sets" / "broken-example.en.yaml").write_text(BROKEN_SET, encoding="utf-8")
        for language in ("en", "de"):
            data = Path(tmp) / f"data-broken-{language}"
            shoot_broken_notice(app, language, data, [content], out)
            shoot_teacher_sets(app, language, data, [content], out)
        (content / "sets" / "broken-example.en.yaml").unlink()
        for language in ("en", "de"):
            data = Path(tmp) / f"data-class-{language}"
            shoot_teacher_tabs(app, language, data, [content], out)


SIZE = SIZES[0]


def wait(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    """Process events until ``condition()`` holds."""
    from PySide6.QtTest import QTest

    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the app did not get there in time")
        QTest.qWait(20)
        waited += 20


def settle() -> None:
    """Let layouts, scrolling and repaints finish before a grab."""
    from PySide6.QtTest import QTest

    QTest.qWait(150)


def boot(app: QApplication, language: str, data: Path, content: list[Path]) -> AppShell:
    """Start the real app shell and wait until the sets are listed."""
    from quizapp.app import AppShell

    shell = AppShell(app, data_dir=data, language=language, content_paths=content)
    ready: list[bool] = []
    shell.ready.connect(lambda: ready.append(True))
    shell.window.resize(*SIZE)
    shell.start()
    wait(lambda: bool(ready))
    return shell


def save(widget: QWidget, out: Path, name: str) -> None:
    """Grab ``widget`` into ``out/name.png``."""
    settle()
    widget.grab().save(str(out / f"{name}.png"))


def shoot_student_views(
    app: QApplication, language: str, data: Path, content: list[Path], out: Path
) -> None:
    """Start → quiz → feedback → article → results → history, then start with a best score."""
    shell = boot(app, language, data, content)
    window, screens, start = shell.window, shell.ensure_screens(), shell.start_view
    start.nickname.setText("Fox7")
    save(window, out, f"{language}-start")
    start.article_button.click()
    save(window, out, f"{language}-article-before")
    screens.article_view.back_button.click()
    start.start_button.click()
    quiz_view, feedback_view = screens.quiz_view, screens.feedback_view
    session = screens.quiz.session
    for number in range(session.total):
        # Mostly right answers, two wrong ones so both kinds of feedback appear.
        # Question 4 takes several answers: one right one only, for the "partly right" look.
        partly = session.current.type.value == "multiple" and number == 3
        pick(quiz_view, session, right=number not in (1, 4), confidence=number % 3, one=partly)
        if number == 1:
            save(window, out, f"{language}-quiz")
            if not quiz_view.is_wide():
                quiz_view.toggle_article()
                save(window, out, f"{language}-quiz-article")
                quiz_view.leave_article()
        quiz_view.submit()
        if number == 1:
            save(window, out, f"{language}-feedback-wrong")
            feedback_view.article_requested.emit(0)
            save(window, out, f"{language}-article")
            feedback_view.leave_article()
        if number == 0:
            save(window, out, f"{language}-feedback-right")
        if partly:
            save(window, out, f"{language}-feedback-partly")
        feedback_view.next_button.click()
    save(window, out, f"{language}-results")
    results = screens.results_view
    results.ensure_visible(results.practice_button)
    results.scroller.verticalScrollBar().setValue(results.scroller.verticalScrollBar().maximum())
    save(window, out, f"{language}-results-bottom")
    screens.results_view.practice_button.click()  # a practice round, for the history
    practice = screens.quiz.session
    save(window, out, f"{language}-quiz-practice")  # says it is a practice of the mistakes
    while not practice.finished:
        pick(quiz_view, practice, right=True, confidence=0)
        quiz_view.submit()
        feedback_view.next_button.click()
    save(window, out, f"{language}-results-practice")
    screens.results_view.back_button.click()
    start.history_button.click()
    save(window, out, f"{language}-history")
    screens.history_view.back_button.click()
    save(window, out, f"{language}-start-with-score")
    # An unfinished attempt at the last set: the card and the button say "Continue".
    list(start._cards.values())[-1].button.setChecked(True)
    start.start_button.click()
    for _number in range(2):
        if quiz_view.task_input is None:
            pick(quiz_view, screens.quiz.session, right=True, confidence=0)
        else:
            fill_task(shell, quiz_view.task_input, screens.quiz.session)
        quiz_view.submit()
        feedback_view.next_button.click()
    quiz_view.pause_button.click()
    save(window, out, f"{language}-start-unfinished")
    start.history_button.click()
    save(window, out, f"{language}-history-unfinished")
    window.close()


TASK_SET = "beyond-the-article"


def shoot_task_types(
    app: QApplication, language: str, data: Path, content: list[Path], out: Path
) -> None:
    """Each newer task type of the "Beyond the article" set: the task, then its feedback.

    Choice questions on the way are answered right; each task is answered partly right (or,
    for evidence, with the cited words), so the feedback shows the partial credit.
    """
    shell = boot(app, language, data, content)
    window, screens, start = shell.window, shell.ensure_screens(), shell.start_view
    start.nickname.setText("Owl3")
    start.nickname.editingFinished.emit()
    start._cards[TASK_SET].button.setChecked(True)
    start.start_button.click()
    quiz_view, feedback_view = screens.quiz_view, screens.feedback_view
    session = screens.quiz.session
    shot: set[str] = set()
    while not session.finished:
        kind = session.current.type.value
        if quiz_view.task_input is None:
            pick(quiz_view, session, right=True, confidence=0)
            quiz_view.submit()
        else:
            fill_task(shell, quiz_view.task_input, session)
            if kind not in shot:
                save(window, out, f"{language}-task-{kind}")
            quiz_view.submit()
            if kind not in shot:
                save(window, out, f"{language}-task-{kind}-feedback")
                shot.add(kind)
        feedback_view.next_button.click()
    window.close()


def fill_task(shell: AppShell, widget: Any, session: Any) -> None:
    """Answer the task on screen as a student who gets most, not all, of it."""
    from quizapp.core.content.citations import locate_quote
    from quizapp.core.content.models import CategorizeTask, EvidenceTask, OrderTask, ShortTextTask
    from quizapp.core.responses import Layer

    task = session.current
    if isinstance(task, OrderTask):  # right but for the last two steps, swapped
        key = [item.id for item in task.items]
        wanted = [*key[:-2], key[-1], key[-2]]
        for target, item_id in enumerate(wanted):
            widget.steps.setCurrentRow(widget.order().index(item_id))
            while widget.order().index(item_id) > target:
                widget.move_step(-1)
    elif isinstance(task, CategorizeTask):  # every statement right but the last one
        ids = [category.id for category in task.categories]
        for number, statement in enumerate(task.statements):
            right = statement.category
            wrong = ids[(ids.index(right) + 1) % len(ids)]
            widget.pick(statement.id, wrong if number == len(task.statements) - 1 else right)
    elif isinstance(task, EvidenceTask):  # the first cited quote, where the student reads it
        source = shell.library.sources[session.question_set.source]
        citation = task.citations[0]
        block = source.block(citation.paragraph)
        translated = block.translations.get(session.question_set.language)
        if translated and citation.translation and source.language != session.question_set.language:
            found, layer = locate_quote(translated, citation.translation), Layer.TRANSLATION
        else:
            found, layer = locate_quote(block.text, citation.quote), Layer.ORIGINAL
        assert found is not None
        widget.article.select_range(block.id, layer, *found)
        widget.mark_selection()
    elif isinstance(task, ShortTextTask):  # a fair answer that meets all but one point
        widget.answer.setText(" ".join(task.model_answer.split()[: task.max_words]))
        widget.reveal()
        boxes = list(widget.rubric.values())
        for box in boxes[:-1]:
            box.setChecked(True)


def pick(quiz_view: Any, session: Any, *, right: bool, confidence: int, one: bool = False) -> None:
    """Pick the right (or one wrong) choice(s) of the question on screen, and a confidence.

    ``one``: only the first right choice (a multiple-answer question is then partly right).
    """
    question = session.current
    order = session.current_choice_order()
    wanted = [i for i, cid in enumerate(order) if question.choice(cid).correct == right]
    for index in wanted if right and not one else wanted[:1]:
        quiz_view.pick(index)
    list(quiz_view._confidence_buttons.values())[confidence].setChecked(True)


def shoot_broken_notice(
    app: QApplication, language: str, data: Path, content: list[Path], out: Path
) -> None:
    """The start page's notice about a broken content file, and its details dialog."""
    from PySide6.QtWidgets import QDialog

    shell = boot(app, language, data, content)
    window, start = shell.window, shell.start_view
    save(window, out, f"{language}-broken-notice")
    start.details_button.click()
    settle()
    dialog = window.findChild(QDialog, "problems_dialog")
    assert dialog is not None
    save(dialog, out, f"{language}-broken-details")
    dialog.close()
    window.close()


def open_teacher_area(shell: AppShell) -> Any:
    """Through the PIN dialog into the teacher area; returns the teacher view."""
    teacher = shell.ensure_screens().teacher
    shell.start_view.teacher_button.click()
    dialog = teacher.dialog
    dialog.pin.setText("2468")
    if dialog.choosing:
        dialog.confirm.setText("2468")
    dialog.ok_button.click()
    wait(lambda: teacher.view is not None)
    return teacher.view


def shoot_teacher_tabs(
    app: QApplication, language: str, data: Path, content: list[Path], out: Path
) -> None:
    """Every teacher tab with the 30-student demo class (the class overview also with answers)."""
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "quizapp", "demo", "--data-dir", str(data), "--lang", language],
        check=True,
        capture_output=True,
    )
    shell = boot(app, language, data, content)
    view = open_teacher_area(shell)
    wait(lambda: view.overview.table.model().rowCount() > 0 and not view.busy.isVisible(), 60_000)
    names = ("overview", "items", "files", "sets")
    for index, name in enumerate(names):
        view.tabs.setCurrentIndex(index)
        save(shell.window, out, f"{language}-teacher-{name}")
    view.tabs.setCurrentIndex(0)
    view.overview.table.setCurrentIndex(view.overview.table.model().index(0, 2))
    view.overview.answers_button.setChecked(True)
    save(shell.window, out, f"{language}-teacher-overview-answers")
    # After a save: the report's path in full with its Copy button (issue 21.1).
    teacher = shell.ensure_screens().teacher
    view.tabs.setCurrentIndex(2)
    report = data.parent / "reports" / "class-7b-report-for-the-parents-evening.csv"
    report.parent.mkdir(parents=True, exist_ok=True)
    teacher.actions.export_report("csv", report)
    wait(lambda: view.files.status.path.text() == str(report), 60_000)
    close_notices(shell.window)
    save(shell.window, out, f"{language}-teacher-files-saved")
    # "Open your folder" (no file manager asked here): the message and the path to copy.
    view.tabs.setCurrentIndex(3)
    teacher.sets.opener = lambda _folder: True
    view.sets.open_button.click()
    save(shell.window, out, f"{language}-teacher-sets-opened")
    shell.window.close()


def close_notices(window: QWidget) -> None:
    """Close the message boxes a save opened (they are not part of the window's picture)."""
    from PySide6.QtWidgets import QMessageBox

    for box in window.findChildren(QMessageBox):
        box.close()


def shoot_teacher_sets(
    app: QApplication, language: str, data: Path, content: list[Path], out: Path
) -> None:
    """The teacher area's "Question sets" tab, listing the broken file's problem."""
    shell = boot(app, language, data, content)
    open_teacher_area(shell).tabs.setCurrentIndex(3)
    save(shell.window, out, f"{language}-teacher-sets")
    shell.window.close()


if __name__ == "__main__":
    sys.exit(main())
