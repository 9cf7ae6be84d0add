"""The article's text as a read-only browser: metadata first, every block, quotes marked.

Shared by the full-page article view (before a set) and the reading pane beside a question
or its feedback. The document is built block by block with a text cursor (not from HTML), so
the quoted words found by :func:`locate_quote` can be marked by exact character offsets. The
mark is a background plus bold and underline, so it does not rely on colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from quizapp.core.content.articles import published_text
from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import BlockKind, Citation, Paragraph, SourceDocument
from quizapp.i18n import _
from quizapp.ui.style import scaled_font
from quizapp.ui.widgets.common import em, single_focus_node

HIGHLIGHT_BACKGROUND = QColor("#ffe066")
HIGHLIGHT_TEXT = QColor("#000000")
MUTED_TEXT = QColor("#4b5563")


def in_language(texts: Mapping[Any, str], language: str) -> str | None:
    """The text for ``language`` from a per-language mapping of the content model."""
    return texts.get(language)


def insert_block(
    cursor: QTextCursor,
    text: str,
    block_format: QTextBlockFormat,
    char_format: QTextCharFormat,
    *,
    first: bool,
) -> int:
    """Add ``text`` as a block of its own (the ``first`` one reuses the empty first block);
    return where its text starts, for quotes and marks to be found in it later."""
    if first:
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(char_format)
    else:
        cursor.insertBlock(block_format, char_format)
    start = cursor.position()
    cursor.insertText(text, char_format)
    return start


@dataclass(frozen=True)
class Mark:
    """A quote to mark in one block (and its translation in the block's reading aid)."""

    paragraph: str
    quote: str
    translation: str | None = None

    @classmethod
    def of(cls, citation: Citation) -> Mark:
        """The mark for a question's citation."""
        return cls(citation.paragraph, citation.quote, citation.translation)


class ArticleReader(QTextBrowser):
    """The source for a reader of one language, with any number of quotes marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        single_focus_node(self)  # one focused node for a screen reader, not the viewport too
        # Readable by keyboard: a caret that ↓, Ctrl+End and Shift+arrows move (a screen reader
        # reads the line it lands on); links stay reachable by Tab, Tab leaves at the last one.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document().setDocumentMargin(em(self, 1.0))
        self._source: SourceDocument | None = None
        self._language = "en"
        self._marks: tuple[Mark, ...] = ()
        # Document ranges of the marked quotes (originals only), in the order of ``marks``.
        self.highlight_ranges: list[tuple[int, int] | None] = []
        self.retranslate()

    @property
    def article(self) -> SourceDocument | None:
        """The source shown, if any."""
        return self._source

    def retranslate(self) -> None:
        """Names and the document again in the current language."""
        self.setAccessibleName(_("Article text"))
        self.setAccessibleDescription(
            _("The source article. Translations and page furniture are marked as such.")
        )
        if self._source is not None:
            self._render()

    def show_source(
        self, source: SourceDocument, language: str, marks: Sequence[Mark] = ()
    ) -> None:
        """Show ``source`` for a reader of ``language`` with ``marks`` highlighted."""
        self._source, self._language, self._marks = source, language, tuple(marks)
        # The text is in the article's language (German in an English UI): read it so.
        self.setLocale(QLocale(source.language))
        self._render()

    def set_marks(self, marks: Sequence[Mark]) -> None:
        """Highlight ``marks`` instead of the current ones (none: nothing is marked)."""
        if tuple(marks) != self._marks and self._source is not None:
            self._marks = tuple(marks)
            self._render()

    def scroll_to_mark(self, index: int = 0) -> None:
        """Scroll so mark ``index`` is near the top and put the text cursor on it.

        Without that mark, the start of its paragraph (or the top of the text) is shown.
        """
        bar = self.verticalScrollBar()
        if not 0 <= index < len(self._marks):
            bar.setValue(0)
            return
        found = self.highlight_ranges[index] if index < len(self.highlight_ranges) else None
        if found is None:
            self.scrollToAnchor(self._marks[index].paragraph)
            return
        cursor = self.textCursor()
        cursor.setPosition(found[0])
        self.setTextCursor(cursor)  # a screen reader starts reading at the quote
        document = self.document()
        block = document.findBlock(found[0])
        top = document.documentLayout().blockBoundingRect(block).top()
        bar.setValue(max(0, int(top) - em(self, 0.8)))  # a little of what comes before

    def _render(self) -> None:
        source = self._source
        assert source is not None
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(em(self, 1.0))
        cursor = QTextCursor(document)
        self.highlight_ranges = [None] * len(self._marks)
        self._write_header(cursor, source)
        for block in source.paragraphs:
            self._write_block(cursor, block)
        self.setDocument(document)

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
            (_("Published"), published_text(source.published, self._language)),
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
        marks = [(i, m) for i, m in enumerate(self._marks) if m.paragraph == block.id]
        for index, mark in marks:
            self.highlight_ranges[index] = self._mark_quote(cursor, start, block.text, mark.quote)
        translation = in_language(block.translations, self._language)
        if translation and self._source is not None and self._source.language != self._language:
            start = self._write_translation(cursor, translation)
            for _index, mark in marks:
                if mark.translation:
                    self._mark_quote(cursor, start, translation, mark.translation, any_case=True)

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
        return insert_block(cursor, text, block_format, char_format, first=first)

    def _mark_quote(
        self, cursor: QTextCursor, start: int, text: str, quote: str, *, any_case: bool = False
    ) -> tuple[int, int] | None:
        """Mark ``quote`` inside ``text`` (written at ``start``); return the document range.

        A quote is the article's exact words; a translation is only a reading aid, so with
        ``any_case`` "Super-Powerful" is found in "super-powerful" too (same offsets: ``lower``
        keeps the length of these texts, checked)."""
        found = locate_quote(text, quote)
        if found is None and any_case and len(text.lower()) == len(text):
            found = locate_quote(text.lower(), quote.lower())
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
