"""Wording and small things students and teachers met (issue 21.6): the start page does not
jump or squeeze its messages, the article's translations are highlighted whatever their case,
Esc goes back from the review, one key-hint style, plural forms and one word for "not sure"
everywhere (also in the reports), and the "Start over" question in German.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_support import SHIPPED_CONTENT, start_shell

from quizapp.app import AppShell


def _at(widget: QWidget, window: QWidget) -> tuple[int, int]:
    return widget.mapTo(window, QPoint(0, 0)).toTuple()


def test_start_page_does_not_jump_when_the_sets_appear(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(app, data_dir=tmp_path, language="en", content_paths=[SHIPPED_CONTENT])
    qtbot.addWidget(shell.window)
    shell.window.resize(1024, 600)
    shell.show()
    view = shell.start_view
    qtbot.waitExposed(shell.window)
    qtbot.wait(20)
    before = [_at(w, shell.window) for w in (view.title, view.nickname, view.sets_heading)]
    with qtbot.waitSignal(shell.ready, timeout=20_000):
        shell.boot()
    qtbot.wait(50)
    assert view.scroller is not None
    view.scroller.verticalScrollBar().setValue(0)
    after = [_at(w, shell.window) for w in (view.title, view.nickname, view.sets_heading)]
    print("JUMP", before, after)
    assert after == before


def test_nickname_problem_reads_as_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    shell.window.resize(1024, 600)
    view = shell.start_view
    view.nickname.clear()
    view.choose_set_at(0)
    view.start_button.click()
    message = view.message
    qtbot.waitUntil(message.isVisible)
    assert message.text() == "Please enter a nickname first."
    line = message.fontMetrics().height()
    assert message.height() < 2 * line + 2 * message.margin() + 12, "wrapped into a column"


def test_translation_of_the_title_is_highlighted_in_any_case(qtbot: QtBot) -> None:
    """The quote's translation says "Super-Powerful", the reading aid "super-powerful"."""
    import yaml

    from quizapp.core.content.models import SourceDocument
    from quizapp.ui.views.article_view import ArticleView

    data = yaml.safe_load((SHIPPED_CONTENT / "sources" / "sora-leak.yaml").read_text("utf-8"))
    source = SourceDocument.model_validate(data)
    view = ArticleView()
    qtbot.addWidget(view)
    quote = "OpenAI’s Super-Powerful AI-Video-Generator"
    translation = "OpenAI’s Super-Powerful AI video generator"
    view.show_source(source, "en", "headline", quote, translation)
    document = view.browser.document()
    # The first one is in "About this text" (the title); the second under the headline.
    first = document.find("OpenAI’s super-powerful AI video generator")
    found = document.find("OpenAI’s super-powerful AI video generator", first)
    assert not found.isNull(), "the reading aid is written in lower case"
    from PySide6.QtGui import QTextCursor

    probe = QTextCursor(document)
    probe.setPosition(found.selectionStart() + 12)
    assert probe.charFormat().fontUnderline()  # marked like the quote itself


def test_escape_goes_back_from_the_review_and_the_history(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from ui_support import answer_current, begin, current, next_after_feedback

    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    picks = []
    while not shell.screens.quiz.session.finished:
        picks.append(answer_current(shell, right=False))
        next_after_feedback(shell)
    results = shell.screens.results_view
    results.review_requested.emit(picks[0].question_id)
    review = shell.screens.review_view
    assert current(shell) is review
    review.next_button.setFocus()
    qtbot.keyClick(review.next_button, Qt.Key.Key_Escape)
    assert current(shell) is results
    qtbot.keyClick(results, Qt.Key.Key_Escape)
    assert current(shell) is shell.start_view
    shell.start_view.history_button.click()
    history = shell.screens.history_view
    assert current(shell) is history
    qtbot.keyClick(history.tree, Qt.Key.Key_Escape)
    assert current(shell) is shell.start_view


def test_key_hints_have_one_style(qtbot: QtBot, tmp_path: Path) -> None:
    """Every footer hint reads "key: what it does", parts joined by " · ", Enter last."""
    import re

    from test_ui_task_types import content_folder
    from ui_support import answer_current, begin

    shell = start_shell(qtbot, tmp_path / "data", content=content_folder(tmp_path))
    begin(shell)
    quiz_view = shell.screens.quiz_view
    hints = []
    session = shell.screens.quiz.session
    while not session.finished:
        hints.append(quiz_view.keys_hint.text())
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    shell.screens.results_view.back_button.click()
    mini = start_shell(qtbot, tmp_path / "mini")
    begin(mini)
    hints.append(mini.screens.quiz_view.keys_hint.text())
    assert len(set(hints)) >= 4
    for hint in hints:
        parts = hint.split(" · ")
        assert parts[-1] == "Enter: submit", hint
        for part in parts:
            assert re.fullmatch(r"\S+: [a-z].*", part), f"{part!r} in {hint!r}"


def test_calibration_sentences_have_plural_forms_in_german() -> None:
    from quizapp import i18n
    from quizapp.core.quiz import CalibrationRow, Confidence
    from quizapp.ui.views.results_view import calibration_text

    i18n.setup("de")
    try:
        one = calibration_text(CalibrationRow(Confidence.SURE, 1, 1))
        three = calibration_text(CalibrationRow(Confidence.SURE, 2, 3))
        unsure = calibration_text(CalibrationRow(Confidence.UNSURE, 0, 2))
        guess = calibration_text(CalibrationRow(Confidence.GUESSING, 1, 1))
    finally:
        i18n.setup("en")
    assert one == "Bei 1 Antwort warst du sicher – davon richtig: 1."
    assert three == "Bei 3 Antworten warst du sicher – davon richtig: 2."
    assert unsure == "Bei 2 Antworten warst du unsicher – davon richtig: 0."  # unsure too
    assert guess == "Bei 1 Antwort hast du geraten – davon richtig: 1."
    assert "Fall" not in one + three + unsure + guess


def test_reports_say_not_sure_as_the_quiz_does() -> None:
    from quizapp import i18n
    from quizapp.reports.report_tables import CONFIDENCE_LABELS as REPORT_LABELS
    from quizapp.ui.views.quiz_view import CONFIDENCE_LABELS as QUIZ_LABELS

    assert {REPORT_LABELS[level.value] for level in QUIZ_LABELS} == set(QUIZ_LABELS.values())
    i18n.setup("de")
    try:
        assert i18n._(REPORT_LABELS["unsure"]) == "Unsicher"
    finally:
        i18n.setup("en")


def test_start_over_asks_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox
    from ui_support import answer_current, begin, current, next_after_feedback, reset_language

    shell = start_shell(qtbot, tmp_path, language="de")
    try:
        begin(shell)
        answer_current(shell, right=False)
        next_after_feedback(shell)
        shell.screens.quiz_view.pause_button.click()
        view = shell.start_view
        assert view.start_over_button.text() == "Von &vorn beginnen"
        seen: list[tuple[str, str, str]] = []

        def answer(button_text: str) -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox), box
            default = box.defaultButton()
            seen.append((box.text(), box.informativeText(), default.text() if default else ""))
            next(b for b in box.buttons() if b.text() == button_text).click()

        QTimer.singleShot(0, lambda: answer("Nein, behalten"))
        view.start_over_button.click()
        qtbot.waitUntil(lambda: bool(seen))
        text, info, default = seen[0]
        assert text == "Von vorn beginnen? 1 bisherige Antwort wird beiseitegelegt."
        assert info == (
            "Das Fragenset beginnt wieder bei Frage 1. Wähle „Nein, behalten“, um den "
            "Durchgang zu behalten."
        )
        assert default == "Nein, behalten"  # Enter keeps the answers
        assert current(shell) is view and view.start_button.text().startswith("Weiter")
        QTimer.singleShot(0, lambda: answer("Von vorn beginnen"))
        view.start_over_button.click()
        qtbot.waitUntil(lambda: current(shell) is shell.screens.quiz_view)
        assert shell.screens.quiz_view.progress_label.text() == "Frage 1 von 3"
    finally:
        reset_language()


def test_evidence_task_says_its_instruction_once_and_fits_a_netbook(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """One instruction (which words, and how), the article as tall as the screen allows, and
    the confidence row and Submit still on screen at 1024×600."""
    from test_ui_task_types import content_folder
    from ui_support import answer_current, begin

    from quizapp.ui.views.tasks.evidence_task import EvidenceInput

    shell = start_shell(qtbot, tmp_path / "data", content=content_folder(tmp_path))
    shell.window.resize(1024, 600)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    for _task in range(2):  # order, categorize
        answer_current(shell, right=True)
        shell.screens.feedback_view.next_button.click()
    marker = quiz_view.task_input
    assert isinstance(marker, EvidenceInput)
    qtbot.wait(50)
    shown = [
        w.text()
        for w in quiz_view.findChildren(type(quiz_view.hint))
        if w.isVisible() and w.text().startswith(("Mark the words", "Select words"))
    ]
    # What to mark is said once (the prompt), how to mark it once (the hint): it was three
    # lines, with "Mark the words in the article that undermine this statement" as well.
    assert shown == [marker.prompt, "Select words in the article, then press “Mark as evidence”."]
    assert not marker.stance.isVisible()
    # Still read: Orca speaks the statement stop's name, which holds the stance (issue 28).
    assert marker.stance.text() in marker.statement.accessibleName()
    # The marks so far sit beside the buttons, and the article gets the height.
    assert (
        marker.marks_label.y() == marker.mark_button.y()
        or abs(
            marker.marks_label.geometry().center().y() - marker.mark_button.geometry().center().y()
        )
        < marker.mark_button.height()
    )
    assert marker.article.height() >= 14 * marker.fontMetrics().height() - 2
    window = shell.window
    for widget in (*quiz_view._confidence_buttons.values(), quiz_view.submit_button):
        bottom = widget.mapTo(window, widget.rect().bottomLeft()).y()
        assert widget.isVisible() and bottom <= window.height(), widget.text()
    if quiz_view.scroller is not None:
        assert quiz_view.scroller.verticalScrollBar().value() == 0


def test_teacher_answers_say_not_given_like_sure() -> None:
    """Beside "Sure" and "Guessing", a missing confidence is "Not given", capitalised too."""
    from quizapp.ui.teacher.class_rows import _answer_line

    given = _answer_line("q1", frozenset({"a"}), None, None, correct=True)
    sure = _answer_line("q1", frozenset({"a"}), "sure", None, correct=True)
    unsure = _answer_line("q1", frozenset({"a"}), "unsure", None, correct=True)
    assert (given.confidence, sure.confidence, unsure.confidence) == (
        "Not given",
        "Sure",
        "Not sure",
    )
