"""The article view: metadata, furniture and translations marked, the quote highlighted."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_support import (
    MINI_CONTENT,
    SHIPPED_CONTENT,
    answer_current,
    begin,
    current,
    next_after_feedback,
    start_shell,
)

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import SourceDocument
from quizapp.ui.views.article_reader import ArticleReader
from quizapp.ui.views.article_view import ArticleView
from quizapp.ui.views.reading_page import WIDE_PX


def mini_source() -> SourceDocument:
    data = yaml.safe_load((MINI_CONTENT / "sources" / "mini-source.yaml").read_text("utf-8"))
    return SourceDocument.model_validate(data)


def test_show_in_article_highlights_the_quote(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    begin(shell)
    picked = answer_current(shell, right=True)
    feedback = shell.screens.feedback_view
    buttons = [b for b in feedback.findChildren(type(feedback.next_button)) if b.text()]
    show = [b for b in buttons if b.text() == "Show in article"]
    assert show, "every citation has a 'Show in article' button"
    show[0].click()
    assert current(shell) is feedback  # the article opens inside the feedback, not instead
    assert feedback.article_visible()
    reader = feedback.reader
    question = shell.screens.quiz.session.question_set.question(picked.question_id)
    citation = question.citations[0]
    assert reader.highlight_ranges and reader.highlight_ranges[0] is not None
    start, end = reader.highlight_ranges[0]
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    paragraph = shell.library.sources["mini-source"].block(citation.paragraph)
    found = locate_quote(paragraph.text, citation.quote)
    assert found is not None
    assert cursor.selectedText() == paragraph.text[found[0] : found[1]]
    # Marked by weight and underline as well as a background, never by colour alone.
    middle = QTextCursor(reader.document())
    middle.setPosition((start + end) // 2)
    char_format = middle.charFormat()
    assert char_format.fontWeight() == QFont.Weight.Bold
    assert char_format.fontUnderline()
    assert char_format.background().style() != 0
    # Just outside the quote nothing is marked.
    after = QTextCursor(reader.document())
    after.setPosition(end + 1)
    assert not after.charFormat().fontUnderline()
    # The text cursor sits on the quote, so a screen reader starts there.
    assert reader.textCursor().position() == start


def _underlined(reader: ArticleReader) -> bool:
    """Whether any character of the reader's document is marked."""
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().fontUnderline():
                return True
            it += 1
        block = block.next()
    return False


def test_article_before_the_set_from_the_start_page(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    start = shell.start_view
    start.article_button.setFocus()
    start.article_button.click()
    article: ArticleView = shell.screens.article_view
    assert current(shell) is article
    text = article.browser.document().toPlainText()
    assert "Some artists claim to have leaked the model." in text
    assert not _underlined(article.browser)  # nothing is given away before answering
    assert article.back_button.text() == "Back to the start page"
    QTest.keyClick(shell.window, Qt.Key.Key_Escape)
    assert current(shell) is start
    assert QApplication.focusWidget() is start.article_button


def test_article_beside_the_question_on_a_wide_window(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    shell.window.resize(1366, 768)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    qtbot.waitUntil(lambda: quiz_view.width() >= WIDE_PX)
    # Side by side: question and article both on screen, nothing marked before the answer.
    assert quiz_view.article_visible() and quiz_view.main_area.isVisible()
    assert not _underlined(quiz_view.reader)
    assert quiz_view.article_button.text() == "Hide the &article"
    quiz_view.article_button.click()
    assert not quiz_view.article_visible()
    answer_current(shell, right=False)
    feedback = shell.screens.feedback_view
    assert not feedback.article_visible()  # hidden once, hidden on the feedback too
    feedback.article_button.click()
    next_after_feedback(shell)
    assert quiz_view.article_visible()  # and shown again everywhere
    answer_current(shell, right=False)
    assert feedback.article_visible() and feedback.main_area.isVisible()
    assert _underlined(feedback.reader)  # the citations, highlighted after answering
    # Escape from the article puts the focus on "Next question".
    feedback.reader.setFocus()
    QTest.keyClick(shell.window, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is feedback.next_button
    assert feedback.next_button.text() == "Next question"


def test_article_toggle_on_a_narrow_window(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    shell.window.resize(1024, 600)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    qtbot.waitUntil(lambda: 0 < quiz_view.width() < WIDE_PX)
    assert not quiz_view.article_visible()  # the question first
    assert quiz_view.article_button.text() == "Read the &article"
    quiz_view.article_button.click()  # one click away
    assert quiz_view.article_visible() and not quiz_view.main_area.isVisible()
    assert QApplication.focusWidget() is quiz_view.reader
    QTest.keyClick(shell.window, Qt.Key.Key_Escape)
    assert not quiz_view.article_visible() and quiz_view.main_area.isVisible()
    assert QApplication.focusWidget() is quiz_view._cards[0].button
    answer_current(shell, right=True)
    feedback = shell.screens.feedback_view
    assert not feedback.article_visible()
    feedback.article_requested.emit(0)  # "Show in article"
    assert feedback.article_visible() and not feedback.main_area.isVisible()
    assert feedback.article_button.text() == "Back to the &question"
    QTest.keyClick(shell.window, Qt.Key.Key_Escape)
    assert feedback.main_area.isVisible() and not feedback.article_visible()
    assert QApplication.focusWidget() is feedback.next_button


def test_metadata_furniture_and_translations_are_marked(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    source = mini_source()
    view.show_source(source, "en", "p2", "wie ‚The Verge‘ berichtet", "as ‘The Verge’ reports")
    text = view.browser.document().toPlainText()
    for line in ("Author: not given", "Outlet: not given", "Published: not given"):
        assert line in text
    assert "Link: not given" in text
    assert "Note: The text names no author, no outlet and no date." in text
    assert "[Page furniture, not part of the article]\nTeile den Artikel" in text
    assert "Translation: Share the article" in text  # English readers get the reading aid
    assert "Translation: Some artists claim to have leaked the model." in text
    assert view.highlight_range is not None
    # The quote's translation is marked in the reading translation too.
    in_translation = view.browser.document().find("as ‘The Verge’ reports")
    assert not in_translation.isNull()
    probe = QTextCursor(view.browser.document())
    probe.setPosition(in_translation.selectionStart() + 3)
    assert probe.charFormat().fontUnderline()

    view.show_source(source, "de")  # German readers: the original only
    text = view.browser.document().toPlainText()
    assert "Translation:" not in text
    assert "Der Text nennt weder Autorin noch Medium oder Datum." in text
    assert view.highlight_range is None


def test_article_scrolls_to_a_late_paragraph(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path, content=SHIPPED_CONTENT)
    article: ArticleView = shell.screens.article_view
    source = shell.library.sources["sora-leak"]
    late = source.paragraphs[-4]  # the last body paragraph
    shell.window.show_view(article)
    article.show_source(source, "en", late.id, late.text.split(".")[0])
    bar = article.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert article.highlight_range is not None


def _tab_chain(start: QWidget, count: int) -> list[QWidget]:
    """``start`` and the next ``count`` widgets that Tab moves the focus to."""
    start.setFocus()
    chain = [start]
    for _ in range(count):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    return chain


def test_tab_order_reads_body_article_then_footer(qtbot: QtBot, tmp_path: Path) -> None:
    shell = start_shell(qtbot, tmp_path)
    shell.window.resize(1366, 768)
    begin(shell)
    quiz_view = shell.screens.quiz_view
    qtbot.waitUntil(quiz_view.article_visible)
    # One stop per radio group (arrow keys move inside it); Submit waits for a pick.
    first = quiz_view._cards[0].button
    confidence = next(iter(quiz_view._confidence_buttons.values()))
    footer = [quiz_view.article_button, quiz_view.pause_button]
    expected = [first, confidence, quiz_view.reader, *footer, first]
    assert _tab_chain(first, len(expected) - 1) == expected
    answer_current(shell, right=True)
    feedback = shell.screens.feedback_view
    qtbot.waitUntil(feedback.article_visible)
    chain = _tab_chain(feedback.reader, 2)
    assert chain[1:] == [feedback.article_button, feedback.next_button]
