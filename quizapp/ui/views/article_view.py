"""The article view: the source text with its metadata, a quote highlighted and scrolled to.

The document is built block by block with a text cursor (not from HTML), so the quoted words
found by :func:`locate_quote` can be marked by exact character offsets. The mark is a
background plus bold and underline, so it does not rely on colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPushButton, QTextBrowser, QWidget

from quizapp.core.citations import locate_quote
from quizapp.core.models import BlockKind, Paragraph, SourceDocument
from quizapp.i18n import _
from quizapp.ui.style import scaled_font
from quizapp.ui.widgets.common import Page, em, primary_button, set_button_text, text_label
from quizapp.ui.widgets.keys import on_enter

HIGHLIGHT_BACKGROUND = QColor("#ffe066")
HIGHLIGHT_TEXT = QColor("#000000")
MUTED_TEXT = QColor("#4b5563")


def in_language(texts: Mapping[Any, str], language: str) -> str | None:
    """The text for ``language`` from a per-language mapping of the content model."""
    return texts.get(language)


class ArticleView(Page):
    """Title, metadata (with "not given"), the note on what is unknown, and every block."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scrolling=False)
        self._source: SourceDocument | None = None
        self._language = "en"
        self._paragraph: str | None = None
        self._quote: str | None = None
        self._quote_translation: str | None = None
        self.highlight_range: tuple[int, int] | None = None  # document positions, for tests
        self.hint = text_label(muted=True)
        self.body.addWidget(self.hint)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDocumentMargin(em(self, 1.0))
        self.body.addWidget(self.browser, 1)
        self.back_button: QPushButton = primary_button()
        self.back_button.clicked.connect(self.back_requested)
        self.footer.addStretch(1)
        self.footer.addWidget(self.back_button)
        on_enter(self, self.back_button.click)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible text again in the current language (rebuilds the document)."""
        set_button_text(self.back_button, _("Back to the question"))
        self.hint.setText(
            _(
                "The quoted words are highlighted and underlined. Scroll up for the title and "
                "what is known about the article."
            )
        )
        self.browser.setAccessibleName(_("Article text"))
        self.browser.setAccessibleDescription(
            _("The source article. Translations and page furniture are marked as such.")
        )
        if self._source is not None:
            self._render()

    def show_source(
        self,
        source: SourceDocument,
        language: str,
        paragraph: str | None = None,
        quote: str | None = None,
        quote_translation: str | None = None,
    ) -> None:
        """Show ``source`` for a reader of ``language``; mark ``quote`` in block ``paragraph``.

        ``quote_translation`` is also marked in the block's reading translation, when shown.
        """
        self._source, self._language = source, language
        self._paragraph, self._quote = paragraph, quote
        self._quote_translation = quote_translation
        self._render()
        if self.highlight_range is not None:
            # The text cursor on the quote: a screen reader starts reading there.
            cursor = self.browser.textCursor()
            cursor.setPosition(self.highlight_range[0])
            self.browser.setTextCursor(cursor)
        # The layout is known only once the widget has its size: scroll after this turn.
        QTimer.singleShot(0, self.scroll_to_highlight)

    def focus_first(self) -> None:
        """Focus the text, so arrow keys and Page Down scroll it."""
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render(self) -> None:
        source = self._source
        assert source is not None
        document = QTextDocument(self.browser)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(em(self, 1.0))
        cursor = QTextCursor(document)
        self.highlight_range = None
        self._write_header(cursor, source)
        for block in source.paragraphs:
            self._write_block(cursor, block)
        self.browser.setDocument(document)

    def _write_header(self, cursor: QTextCursor, source: SourceDocument) -> None:
        """What is known about the text, before the text itself (which repeats the title)."""
        self._write(cursor, _("About this text"), scale=1.2, bold=True, first=True)
        self._write(cursor, _("Title: %(title)s") % {"title": source.title}, space_before=0.4)
        translated_title = in_language(source.title_translations, self._language)
        if source.language != self._language and translated_title:
            self._write_translation(cursor, translated_title)
        not_given = _("not given")
        rows = (
            (_("Author"), source.author),
            (_("Outlet"), source.outlet),
            (_("Published"), source.published),
            (_("Link"), source.url),
        )
        for index, (label, value) in enumerate(rows):
            self._write(
                cursor,
                _("%(label)s: %(value)s") % {"label": label, "value": value or not_given},
                color=MUTED_TEXT,
                space_before=0.3 if index == 0 else 0.0,
            )
        note = in_language(source.unknown_note, self._language)
        if note:
            self._write(cursor, _("Note: %(note)s") % {"note": note}, italic=True, space_before=0.4)
        self._write(cursor, _("The text"), scale=1.2, bold=True, space_before=1.6)

    def _write_block(self, cursor: QTextCursor, block: Paragraph) -> None:
        scale = {BlockKind.HEADLINE: 1.35, BlockKind.SUBHEADLINE: 1.1}.get(block.kind, 1.0)
        bold = block.kind in (BlockKind.HEADLINE, BlockKind.SUBHEADLINE)
        furniture = block.kind is BlockKind.FURNITURE
        if furniture:
            self._write(
                cursor,
                _("[Page furniture, not part of the article]"),
                italic=True,
                color=MUTED_TEXT,
                space_before=1.0,
            )
        start = self._write(
            cursor,
            block.text,
            scale=scale,
            bold=bold,
            color=MUTED_TEXT if furniture else None,
            space_before=0.2 if furniture else 1.0,
            anchor=block.id,
            indent=furniture,
        )
        marked = block.id == self._paragraph
        if marked and self._quote:
            self.highlight_range = self._mark_quote(cursor, start, block.text, self._quote)
        translation = in_language(block.translations, self._language)
        if translation and self._source is not None and self._source.language != self._language:
            start = self._write_translation(cursor, translation)
            if marked and self._quote_translation:
                self._mark_quote(cursor, start, translation, self._quote_translation)

    def _write_translation(self, cursor: QTextCursor, text: str) -> int:
        """Append a reading translation, marked as such; return where ``text`` starts."""
        label = _("Translation: %(text)s")
        position = self._write(
            cursor,
            label % {"text": text},
            italic=True,
            color=MUTED_TEXT,
            space_before=0.2,
            indent=True,
        )
        return position + label.index("%(text)s")

    def _write(
        self,
        cursor: QTextCursor,
        text: str,
        *,
        scale: float = 1.0,
        bold: bool = False,
        italic: bool = False,
        color: QColor | None = None,
        space_before: float = 0.0,
        anchor: str | None = None,
        indent: bool = False,
        first: bool = False,
    ) -> int:
        """Append one block; return the document position where its text starts."""
        block_format = QTextBlockFormat()
        block_format.setTopMargin(em(self, space_before))
        block_format.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if indent:
            block_format.setLeftMargin(em(self, 1.2))
        char_format = QTextCharFormat()
        char_format.setFont(scaled_font(self.font(), scale, bold=bold))
        char_format.setFontItalic(italic)
        if color is not None:
            char_format.setForeground(color)
        if anchor:
            char_format.setAnchor(True)
            char_format.setAnchorNames([anchor])
        if first:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block_format, char_format)
        start = cursor.position()
        cursor.insertText(text, char_format)
        return start

    def _mark_quote(
        self, cursor: QTextCursor, start: int, text: str, quote: str
    ) -> tuple[int, int] | None:
        """Mark ``quote`` inside ``text`` (written at ``start``); return the document range."""
        found = locate_quote(text, quote)
        if found is None:
            return None
        mark = QTextCharFormat()
        mark.setBackground(HIGHLIGHT_BACKGROUND)
        mark.setForeground(HIGHLIGHT_TEXT)
        mark.setFontWeight(QFont.Weight.Bold)
        mark.setFontUnderline(True)
        marker = QTextCursor(cursor.document())
        marker.setPosition(start + found[0])
        marker.setPosition(start + found[1], QTextCursor.MoveMode.KeepAnchor)
        marker.mergeCharFormat(mark)
        return start + found[0], start + found[1]

    def scroll_to_highlight(self) -> None:
        """Scroll so the marked paragraph is near the top (or to the start without a mark)."""
        bar = self.browser.verticalScrollBar()
        if self._paragraph is None:
            bar.setValue(0)
            return
        position = self.highlight_range[0] if self.highlight_range else None
        if position is None:
            self.browser.scrollToAnchor(self._paragraph)
            return
        document = self.browser.document()
        block = document.findBlock(position)
        top = document.documentLayout().blockBoundingRect(block).top()
        bar.setValue(max(0, int(top) - em(self, 0.8)))  # a little of what comes before
