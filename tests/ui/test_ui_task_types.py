"""Every new task type end to end: YAML → the real quiz view (keyboard) → SQLite → reports.

Both languages; the English run marks its evidence in the translation. Real widgets, a real
database in a temporary folder, the example set from tests/data/tasks and the shipped article.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    SHIPPED_CONTENT,
    answer_current,
    begin,
    current,
    db_rows,
    start_shell,
)

from quizapp.app import AppShell
from quizapp.core.content.models import OrderTask
from quizapp.core.responses import Layer
from quizapp.reports.class_report import build_report
from quizapp.reports.dataset import ReportFilters, load_dataset
from quizapp.reports.pdf_html import build_content
from quizapp.reports.report_tables import answers_table, items_table, written_answers
from quizapp.ui.teacher.class_rows import student_answers
from quizapp.ui.views.tasks.categorize_task import CategorizeInput
from quizapp.ui.views.tasks.evidence_task import EvidenceInput
from quizapp.ui.views.tasks.order_task import OrderInput
from quizapp.ui.views.tasks.short_text_task import ShortTextInput

ROOT = Path(__file__).resolve().parents[2]
TASK_SETS = ROOT / "tests" / "data" / "tasks" / "sets"

WRITTEN = {
    # Typed with QTest, which knows ASCII keys only; umlauts are covered by the JSON tests.
    "de": "Kuenstler sagen, sie haetten Sora aus Protest geleakt",
    "en": "Artists say they leaked Sora in protest",
}
VERDICTS = {
    "de": ("Richtig!", "Teilweise richtig"),
    "en": ("Right!", "Partly right"),
}


def content_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(TASK_SETS, folder / "sets")
    shutil.copytree(SHIPPED_CONTENT / "sources", folder / "sources")
    return folder


def stored(data_dir: Path, question_id: str) -> tuple[dict[str, object], float, bool]:
    rows = db_rows(
        data_dir,
        "select response, credit, correct from answer where question_id = ?",
        question_id,
    )
    assert len(rows) == 1
    response, credit, correct = rows[0]
    return json.loads(response), credit, bool(correct)


def verdict(shell: AppShell) -> str:
    feedback = shell.screens.feedback_view
    assert current(shell) is feedback
    return str(feedback.verdict.text())


def next_task(shell: AppShell) -> None:
    shell.screens.feedback_view.next_button.click()


def answer_order_by_keyboard(qtbot: QtBot, shell: AppShell) -> None:
    """Sort the steps into the right order with Alt+Up only, then press Enter."""
    quiz_view = shell.screens.quiz_view
    order_input = quiz_view.task_input
    assert isinstance(order_input, OrderInput)
    key = ["a", "b", "c", "d"]
    assert order_input.order() != key  # never shown solved
    quiz_view.focus_first()
    for target, item_id in enumerate(key):
        order_input.steps.setCurrentRow(order_input.order().index(item_id))
        while order_input.order().index(item_id) > target:
            qtbot.keyClick(order_input.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order_input.order() == key
    assert order_input.steps.item(0).text().startswith("1. ")
    qtbot.keyClick(order_input.steps, Qt.Key.Key_Return)


def answer_categorize_by_keyboard(qtbot: QtBot, shell: AppShell) -> None:
    """Pick every category with the arrow keys; statement "c" goes (wrongly) to "fact"."""
    quiz_view = shell.screens.quiz_view
    sorter = quiz_view.task_input
    assert isinstance(sorter, CategorizeInput)
    wanted = {"a": "fact", "b": "claim", "c": "fact", "d": "absent"}
    positions = {"fact": 1, "claim": 2, "guess": 3, "absent": 4}
    assert not quiz_view.submit_button.isEnabled()  # not before every statement has one
    for statement_id, box in sorter.boxes.items():
        box.setFocus()
        for _ in range(positions[wanted[statement_id]]):
            qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.accessibleName().startswith(("Category for statement", "Kategorie für"))
    assert quiz_view.submit_button.isEnabled()
    quiz_view.submit_button.click()


def answer_evidence(qtbot: QtBot, shell: AppShell, language: str) -> None:
    """Select the evidence in the article and press Alt+M ("Mark as evidence")."""
    quiz_view = shell.screens.quiz_view
    marker = quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    source = shell.library.sources["sora-leak"]
    block = source.block("p1")
    assert block is not None
    if language == "de":
        text, words, layer = block.text, "Künstler behaupten", Layer.ORIGINAL
    else:
        text, words, layer = block.translations["en"], "artists claim", Layer.TRANSLATION
    start = text.index(words)
    marker.article.setFocus()
    marker.article.select_range("p1", layer, start, start + len(words))
    QTest.keyClick(shell.window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the marks arrive a moment later.
    qtbot.waitUntil(lambda: bool(marker.article.marks), timeout=2000)
    assert [m.text for m in marker.article.marks] == [words]
    assert words in marker.marks_label.text()
    quiz_view.submit_button.click()


def answer_short_text_by_keyboard(qtbot: QtBot, shell: AppShell, language: str) -> None:
    """Type, Enter (compare), Space ticks the first rubric point, Enter submits."""
    quiz_view = shell.screens.quiz_view
    writer = quiz_view.task_input
    assert isinstance(writer, ShortTextInput)
    quiz_view.focus_first()
    qtbot.keyClicks(
        writer.answer, "one two three four five six seven eight nine ten eleven twelve 13"
    )
    assert "13" in writer.counter.text() and not writer.compare_button.isEnabled()
    writer.answer.clear()
    qtbot.keyClicks(writer.answer, WRITTEN[language])
    assert not quiz_view.submit_button.isEnabled()
    qtbot.keyClick(writer.answer, Qt.Key.Key_Return)
    assert writer.revealed() and writer.reveal_box.isVisible() and writer.answer.isReadOnly()
    # Enter compared: the focus is on the model answer (read out), Tab leads to the rubric.
    assert writer.model_answer.hasFocus()
    first = next(iter(writer.rubric.values()))
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    qtbot.keyClick(first, Qt.Key.Key_Return)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_new_task_type_round_trips_to_the_reports(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    data = tmp_path / "data"
    shell = start_shell(qtbot, data, language=language, content=content_folder(tmp_path))
    right, partly = VERDICTS[language]
    begin(shell)

    answer_order_by_keyboard(qtbot, shell)
    assert verdict(shell) == right
    assert stored(data, "tt-order") == ({"kind": "order", "order": ["a", "b", "c", "d"]}, 1.0, True)
    next_task(shell)

    answer_categorize_by_keyboard(qtbot, shell)
    assert verdict(shell).startswith(partly)  # "Partly right (75 %)"
    hint = shell.screens.feedback_view.verdict_hint.text()
    assert ("3 of 4 statements" if language == "en" else "3 von 4 Aussagen") in hint
    response, credit, correct = stored(data, "tt-categorize")
    assert response["assignments"] == {"a": "fact", "b": "claim", "c": "fact", "d": "absent"}
    assert (credit, correct) == (0.75, False)
    next_task(shell)

    answer_evidence(qtbot, shell, language)
    assert verdict(shell) == right
    # The feedback says in words what the marks hold (issue 23.3).
    said = " ".join(
        w.text()
        for w in shell.screens.feedback_view.findChildren(type(shell.screens.feedback_view.verdict))
    )
    assert ("that is evidence" if language == "en" else "Das ist ein Beleg") in said
    response, credit, correct = stored(data, "tt-evidence")
    marks = response["marks"]
    assert isinstance(marks, list) and len(marks) == 1
    assert marks[0]["paragraph"] == "p1"
    assert (credit, correct) == (1.0, True)
    next_task(shell)

    answer_short_text_by_keyboard(qtbot, shell, language)
    assert verdict(shell).startswith(partly)
    response, credit, correct = stored(data, "tt-short")
    assert response == {"kind": "short_text", "text": WRITTEN[language], "checked": ["a"]}
    assert credit == pytest.approx(1 / 3) and not correct
    feedback_texts = [
        w.text()
        for w in shell.screens.feedback_view.findChildren(type(shell.screens.feedback_view.verdict))
    ]
    assert any(WRITTEN[language] in t for t in feedback_texts)
    shell.screens.feedback_view.next_button.click()  # "See results": the attempt is finished

    repository = shell.repository
    assert repository is not None
    sets = shell.library.sets
    dataset = load_dataset(repository.class_reader, sets, ReportFilters(), all_answers=True)
    report = build_report(dataset, language)
    answers = answers_table(report)
    header = [c.header for c in answers.columns]
    rows = list(answers.rows)
    given = {row[header.index("Question" if language == "en" else "Frage")]: row for row in rows}
    assert len(given) == 4
    credit_col, answer_col = len(header) - 2, len(header) - 1
    assert given["tt-short"][answer_col] == WRITTEN[language]
    assert given["tt-categorize"][credit_col] == 0.75
    assert "→" in str(given["tt-order"][answer_col])
    set_report = report.sets[0]
    [(task, texts)] = written_answers(report, set_report)
    assert task.id == "tt-short" and [t.text for t in texts] == [WRITTEN[language]]
    assert set_report.analysis is not None
    facility = {item.question.id: item.facility for item in set_report.analysis.items}
    assert facility == pytest.approx(
        {"tt-order": 1.0, "tt-categorize": 0.75, "tt-evidence": 1.0, "tt-short": 1 / 3}
    )
    items = list(items_table(report).rows)
    assert len(items) == 4
    categorize = next(i for i in set_report.analysis.items if i.question.id == "tt-categorize")
    assert [(c.choice_id, c.count) for c in categorize.choices] == [
        ("a", 1),
        ("b", 1),
        ("c", 0),
        ("d", 1),
    ]
    pdf = build_content(report, text_width_px=1000, dpi=96)
    assert WRITTEN[language] in pdf.html  # the teacher reads the text in the PDF too

    # The class overview's drill-down shows the text and the order in words.
    student = next(iter(dataset.students))
    [attempt_lines] = student_answers(dataset, student, "task-types", language)
    shown = {line.question: line.chosen for line in attempt_lines.answers}
    short_task = shell.library.get_set("task-types", language)
    assert short_task is not None
    prompts = {q.id: q.prompt for q in short_task.questions}
    assert shown[prompts["tt-short"]] == WRITTEN[language]
    first_step = short_task.questions[0]
    assert isinstance(first_step, OrderTask)
    assert shown[prompts["tt-order"]].startswith(first_step.items[0].text + " → ")

    # Reviewing the written answer from the results shows it again.
    shell.screens.results_view.review_requested.emit("tt-short")
    review = shell.screens.review_view
    assert current(shell) is review
    texts = [label.text() for label in review.findChildren(QLabel) if label.isVisibleTo(review)]
    assert WRITTEN[language] in texts


def test_task_screens_use_no_alt_letter_twice(qtbot: QtBot, tmp_path: Path) -> None:
    """The task inputs add Alt+letters beside the confidence ones; none may clash."""
    for language in ("en", "de"):
        shell = start_shell(
            qtbot,
            tmp_path / language,
            language=language,
            content=content_folder(tmp_path / language),
        )
        begin(shell)
        quiz_view = shell.screens.quiz_view
        for _task in range(4):
            letters = []
            for widget in quiz_view.findChildren(QWidget):
                if not widget.isVisibleTo(quiz_view):
                    continue
                if isinstance(widget, QAbstractButton) or (
                    isinstance(widget, QLabel) and widget.buddy() is not None
                ):
                    match = re.search(r"&(\w)", widget.text().replace("&&", ""))
                    if match:
                        letters.append(match.group(1).lower())
            assert len(letters) == len(set(letters)), (language, letters)
            task_input = quiz_view.task_input
            assert task_input is not None
            answer_any(task_input)
            quiz_view.submit_button.click()
            shell.screens.feedback_view.next_button.click()


def answer_any(task_input: object) -> None:
    """Make the answer ready to submit, whatever it is."""
    if isinstance(task_input, CategorizeInput):
        for box in task_input.boxes.values():
            box.setCurrentIndex(1)
    elif isinstance(task_input, EvidenceInput):
        segment = task_input.article.segments[2]
        task_input.article.select_range(segment.paragraph, segment.layer, 0, 6)
        task_input.mark_selection()
    elif isinstance(task_input, ShortTextInput):
        task_input.answer.setText("Drei kurze Worte")
        task_input.reveal()


@pytest.mark.parametrize("right", [True, False])
def test_the_shared_answer_helper_answers_tasks_right_or_wrong(
    qtbot: QtBot, tmp_path: Path, *, right: bool
) -> None:
    """answer_current (used by the flow tests) copes with tasks, should a set mix them in."""
    data = tmp_path / "data"
    shell = start_shell(qtbot, data, language="en", content=content_folder(tmp_path))
    begin(shell)
    for _task in range(4):
        picked = answer_current(shell, right=right)
        assert verdict(shell) == ("Right!" if right else "Not right.")
        assert stored(data, picked.question_id)[1:] == ((1.0, True) if right else (0.0, False))
        next_task(shell)
    assert current(shell) is shell.screens.results_view


def test_evidence_can_be_selected_and_marked_with_the_keyboard_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shell = start_shell(qtbot, tmp_path / "data", language="de", content=content_folder(tmp_path))
    begin(shell)
    for _task in range(2):  # to the evidence task
        answer_current(shell, right=True)
        next_task(shell)
    quiz_view = shell.screens.quiz_view
    marker = quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    quiz_view.focus_first()
    assert marker.statement.hasFocus()  # the question and the statement, read on arrival
    article = marker.article
    article.setFocus()
    qtbot.keyClick(article, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+Home puts the caret before the headline; Ctrl+Shift+Right selects its first word.
    qtbot.keyClick(
        article,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert article.textCursor().hasSelection()
    QTest.keyClick(shell.window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(article.marks), timeout=2000)
    assert article.marks[0].paragraph == "headline" and article.marks[0].text.startswith("OpenAI")
    assert quiz_view.submit_button.isEnabled()
    QTest.keyClick(shell.window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # clear marks
    qtbot.waitUntil(lambda: not article.marks, timeout=2000)
    assert not quiz_view.submit_button.isEnabled()
