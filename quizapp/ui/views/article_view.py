"""The article as a page of its own: read before a set starts (from the start page).

During a set the article sits beside the question instead (see
:mod:`quizapp.ui.views.reading_page`). Escape, like the Back button, leaves the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from quizapp.core.content.models import SourceDocument
from quizapp.i18n import _
from quizapp.ui.views.article_reader import ArticleReader, Mark
from quizapp.ui.widgets.common import Page, primary_button, set_button_text, text_label
from quizapp.ui.widgets.keys import on_enter, view_shortcut


class ArticleView(Page):
    """A hint, the article (metadata with "not given", every block) and a Back button."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scrolling=False)
        self._marked = False
        self.hint = text_label(muted=True)
        self.body.addWidget(self.hint)
        self.browser = ArticleReader()
        self.body.addWidget(self.browser, 1)
        self.back_button: QPushButton = primary_button()
        self.back_button.clicked.connect(self.back_requested)
        self.footer.addStretch(1)
        self.footer.addWidget(self.back_button)
        on_enter(self, self.back_button.click)
        view_shortcut(self, "Escape", self.back_button.click)
        self.retranslate()

    @property
    def highlight_range(self) -> tuple[int, int] | None:
        """Document range of the marked quote, if one is marked and found (for tests)."""
        ranges = self.browser.highlight_ranges
        return ranges[0] if ranges else None

    def retranslate(self) -> None:
        """Set every visible text again in the current language (rebuilds the document)."""
        set_button_text(self.back_button, _("Back to the start page"))
        if self._marked:
            self.hint.setText(
                _(
                    "The quoted words are highlighted and underlined. Scroll up for the title "
                    "and what is known about the article."
                )
            )
        else:
            self.hint.setText(
                _("Read the article first; the questions refer to it. Esc goes back.")
            )
        self.browser.retranslate()

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
        marks = [Mark(paragraph, quote, quote_translation)] if paragraph and quote else []
        self._marked = bool(marks)
        self.retranslate()
        self.browser.show_source(source, language, marks)
        if not marks:
            self.browser.verticalScrollBar().setValue(0)
            return
        # The layout is known only once the widget has its size: scroll after this turn.
        self.browser.scroll_to_mark(0)
        QTimer.singleShot(0, self.scroll_to_highlight)

    def scroll_to_highlight(self) -> None:
        """Scroll so the marked quote is near the top (or to the start without a mark)."""
        self.browser.scroll_to_mark(0)

    def focus_first(self) -> None:
        """Focus the text, so arrow keys and Page Down scroll it."""
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
