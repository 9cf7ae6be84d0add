"""Opens the article page (before a set) and returns to the view it came from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from quizapp.core.content.models import Citation, SourceDocument
from quizapp.ui.views.article_view import ArticleView


class ArticleController(QObject):
    """Shows a source (optionally with one quote highlighted); Back goes to ``return_to``."""

    def __init__(self, view: ArticleView, show: Callable[[QWidget], None]) -> None:
        super().__init__(view)
        self._view = view
        self._show = show
        self._return_to: QWidget | None = None
        self._return_focus: QWidget | None = None
        view.back_requested.connect(self._back)

    def open(
        self,
        source: SourceDocument,
        language: str,
        citation: Citation | None,
        return_to: QWidget,
    ) -> None:
        """Show ``source`` for a reader of ``language`` (at ``citation`` if given)."""
        self._return_to = return_to
        # Back puts the focus on the button that opened the article, not on the view's top.
        focused = QApplication.focusWidget()
        self._return_focus = (
            focused if focused is not None and return_to.isAncestorOf(focused) else None
        )
        if citation is None:
            self._view.show_source(source, language)
        else:
            self._view.show_source(
                source, language, citation.paragraph, citation.quote, citation.translation
            )
        self._show(self._view)

    def _back(self) -> None:
        if self._return_to is not None:
            self._show(self._return_to)
            if self._return_focus is not None:
                self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
