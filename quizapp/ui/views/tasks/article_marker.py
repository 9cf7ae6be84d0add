"""The article as a text the student can mark: select words, press "Mark as evidence".

The document is built block by block (like :mod:`quizapp.ui.views.article_reader`), remembering
where each block's text and reading translation start, so a selection maps back to character
offsets in the source: the :class:`Mark` stored and scored. Marks are shown with a background,
bold and underline, so they do not rely on colour; the list of marked words is also given in
words beside the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from quizapp.core.content.models import BlockKind, SourceDocument
from quizapp.core.responses import MAX_MARKS, Layer, Mark
from quizapp.core.scoring import layer_text, snap_to_words
from quizapp.i18n import _
from quizapp.ui.style import scaled_font
from quizapp.ui.views.article_reader import (
    HIGHLIGHT_BACKGROUND,
    HIGHLIGHT_TEXT,
    MUTED_TEXT,
    insert_block,
)
from quizapp.ui.widgets.common import em, single_focus_node


@dataclass(frozen=True)
class Segment:
    """Where one block's text (or its translation) sits in the document."""

    paragraph: str
    layer: Layer
    start: int  # document position of the first character
    text: str

    @property
    def end(self) -> int:
        """Document position after the last character."""
        return self.start + len(self.text)


class ArticleMarker(QTextBrowser):
    """Read-only article text with a keyboard caret (Shift+arrows select) and marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        single_focus_node(self)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # A caret two pixels wide: marking by keyboard needs to see where it is.
        self.setCursorWidth(2)
        self.segments: list[Segment] = []
        self.marks: list[Mark] = []
        self._source: SourceDocument | None = None
        self._language = "en"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+↓/↑ move the caret to the next/previous paragraph (Qt only scrolls there, the
        caret left behind); with Shift they select to it."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            cursor = self.textCursor()
            keep = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            mode = QTextCursor.MoveMode.KeepAnchor if keep else QTextCursor.MoveMode.MoveAnchor
            if event.key() == Qt.Key.Key_Down:
                cursor.movePosition(QTextCursor.MoveOperation.NextBlock, mode)
            else:
                if cursor.atBlockStart():
                    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock, mode)
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, mode)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_source(self, source: SourceDocument, language: str) -> None:
        """Render ``source`` for a reader of ``language`` (translations under each block)."""
        self._source, self._language = source, language
        self.marks = []
        self.setLocale(QLocale(source.language))  # read in the article's language
        self._render()

    def _render(self) -> None:
        source = self._source
        if source is None:
            return
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(em(self, 0.6))
        cursor = QTextCursor(document)
        self.segments = []
        first = True
        for block in source.paragraphs:
            furniture = block.kind is BlockKind.FURNITURE
            if furniture:
                self._write(cursor, _("[Page furniture, not part of the article]"), first=first)
                first = False
            bold = block.kind in (BlockKind.HEADLINE, BlockKind.SUBHEADLINE)
            start = self._write(cursor, block.text, bold=bold, first=first, top=0.7)
            first = False
            self.segments.append(Segment(block.id, Layer.ORIGINAL, start, block.text))
            translated = layer_text(block, Layer.TRANSLATION, self._language)
            if translated and source.language != self._language:
                label = _("Translation: %(text)s")
                position = self._write(cursor, label % {"text": translated}, muted=True, top=0.2)
                start = position + label.index("%(text)s")
                self.segments.append(Segment(block.id, Layer.TRANSLATION, start, translated))
        self.setDocument(document)
        for mark in self.marks:
            self._paint(mark)

    def _write(
        self,
        cursor: QTextCursor,
        text: str,
        *,
        bold: bool = False,
        muted: bool = False,
        first: bool = False,
        top: float = 0.0,
    ) -> int:
        block_format = QTextBlockFormat()
        block_format.setTopMargin(em(self, top))
        char_format = QTextCharFormat()
        char_format.setFont(scaled_font(self.font(), 1.0, bold=bold))
        char_format.setFontItalic(muted)
        if muted:
            char_format.setForeground(MUTED_TEXT)
        return insert_block(cursor, text, block_format, char_format, first=first)

    def marks_for_selection(self) -> list[Mark]:
        """The current selection as marks, one per block text it touches (may be none)."""
        cursor = self.textCursor()
        low, high = cursor.selectionStart(), cursor.selectionEnd()
        found = []
        for segment in self.segments:
            start, end = max(low, segment.start), min(high, segment.end)
            if start >= end:
                continue
            # Whole words only: a selection cutting "leisten" to "leiste" marks "leisten".
            snapped = snap_to_words(segment.text, start - segment.start, end - segment.start)
            if snapped is None:
                continue
            begin, finish = snapped
            text = segment.text[begin:finish]
            if text:
                found.append(
                    Mark(
                        paragraph=segment.paragraph,
                        layer=segment.layer,
                        start=begin,
                        end=finish,
                        text=text,
                    )
                )
        return found

    def add_selection(self) -> list[Mark]:
        """Mark the selected words; return the new marks (none without a selection)."""
        new = self.marks_for_selection()[: MAX_MARKS - len(self.marks)]
        self.marks.extend(new)
        for mark in new:
            self._paint(mark)
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        return new

    def clear_marks(self) -> None:
        """Remove every mark."""
        self.marks = []
        self._render()

    def select_range(self, paragraph: str, layer: Layer, start: int, end: int) -> None:
        """Select characters ``start:end`` of a block's text (for tests and scripted demos)."""
        segment = next(s for s in self.segments if s.paragraph == paragraph and s.layer is layer)
        cursor = self.textCursor()
        cursor.setPosition(segment.start + start)
        cursor.setPosition(segment.start + end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _paint(self, mark: Mark) -> None:
        segment = next(
            (s for s in self.segments if s.paragraph == mark.paragraph and s.layer is mark.layer),
            None,
        )
        if segment is None:
            return
        style = QTextCharFormat()
        style.setBackground(HIGHLIGHT_BACKGROUND)
        style.setForeground(HIGHLIGHT_TEXT)
        style.setFontWeight(QFont.Weight.Bold)
        style.setFontUnderline(True)
        painter = QTextCursor(self.document())
        painter.setPosition(segment.start + mark.start)
        painter.setPosition(segment.start + mark.end, QTextCursor.MoveMode.KeepAnchor)
        painter.mergeCharFormat(style)
