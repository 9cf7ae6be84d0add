"""A page with the article one click away: beside the body on wide windows, instead of it on
narrow ones.

The question and its feedback both refer to the article ("the first sentence …"), so it is
always reachable: on a window at least :data:`WIDE_PX` wide it sits beside the body (hideable),
on a narrower one the footer's toggle swaps the body for the article and back. Escape leaves
the article and puts the focus back on the page's main control (e.g. "Next question").
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.models import SourceDocument
from quizapp.i18n import _
from quizapp.ui.style import set_role
from quizapp.ui.views.article_reader import ArticleReader, Mark
from quizapp.ui.widgets.common import Page, em, heading, set_button_text, text_label
from quizapp.ui.widgets.keys import view_shortcut
from quizapp.ui.window_state import WIDE_PX


class ReadingPage(Page):
    """A scrolling page whose subclass calls :meth:`add_reading_pane` after building its body.

    Subclasses override :meth:`focus_main` (where the focus goes when the article is left).
    """

    # Hiding the article on a wide window holds for every reading page (question, feedback,
    # review) until it is shown again: one choice, not one per screen.
    _hidden_when_wide = False

    def add_reading_pane(self) -> None:
        """Build the article pane and its footer toggle (first in the footer)."""
        self._open_when_narrow = False
        self._tab_body: list[QWidget] = []
        ReadingPage._hidden_when_wide = False  # a new window (its pages are built together)
        self._pane_hint = ""
        self._has_source = False
        self._source_language = "de"  # the language of the set's article (quotes are in it)
        self._article_in_body = False
        self.pane = QFrame()
        set_role(self.pane, "pane", "article", fresh=True)
        column = QVBoxLayout(self.pane)
        pad = em(self, 0.8)
        column.setContentsMargins(pad, pad, pad, 0)
        column.setSpacing(em(self, 0.3))
        self.pane_title = heading(3)
        self.pane_hint = text_label(muted=True)
        self.reader = ArticleReader()
        column.addWidget(self.pane_title)
        column.addWidget(self.pane_hint)
        column.addWidget(self.reader, 1)
        self.middle.addWidget(self.pane, 2)
        self.pane.hide()
        self.article_button = QPushButton()
        self.article_button.clicked.connect(self.toggle_article)
        self.footer.insertWidget(0, self.article_button)
        self.article_button.hide()
        self.order_tabs([])
        view_shortcut(self, "Escape", self.leave_article)
        self.retranslate_pane()

    def order_tabs(self, body: Sequence[QWidget]) -> None:
        """Tab order as read: ``body``'s controls, the article beside it, the footer buttons.

        Kept as an explicit list (see :meth:`focusNextPrevChild`): widgets made for each
        question would otherwise join the end of Qt's focus chain, after the footer.
        """
        self._tab_body = list(body)

    def tab_order(self) -> list[QWidget]:
        """The controls Tab visits now, in order."""
        found = (self.footer.itemAt(i) for i in range(self.footer.count()))
        widgets = [item.widget() for item in found if item is not None]
        footer = [w for w in widgets if isinstance(w, QPushButton) and w is not self.article_button]
        order: list[QWidget] = []
        for widget in [*self._tab_body, self.reader, self.article_button, *footer]:
            # Qt leaves Tab focus on one radio button of a group (arrow keys move inside it).
            tab = bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
            if tab and widget.isVisibleTo(self) and widget.isEnabled():
                order.append(widget)
        return order

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: FBT001 (a Qt override)
        """Tab and Shift+Tab follow :meth:`tab_order` within the page."""
        if not self.isVisible():
            return super().focusNextPrevChild(next)  # being hidden: see Page
        order = self.tab_order()
        focused = QApplication.focusWidget()
        if focused not in order:
            return super().focusNextPrevChild(next)
        step = 1 if next else -1
        target = order[(order.index(focused) + step) % len(order)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    # ---- what the pane shows ---------------------------------------------------------------

    def set_source(self, source: SourceDocument | None, language: str) -> None:
        """The article of the running set (``None``: no article, no toggle)."""
        if source is None:
            self.reader.clear()
        elif self.reader.article is not source:
            self.reader.show_source(source, language)
        self._has_source = source is not None
        if source is not None:
            self._source_language = source.language
            # The article is read with its own language's rules, whatever the UI's language.
            self.reader.setLocale(QLocale(source.language))
        self._arrange()

    def set_article_in_body(self, *, in_body: bool) -> None:
        """The body shows the article itself (an evidence task): no pane, no toggle."""
        self._article_in_body = in_body
        self._arrange()

    def set_marks(self, marks: Sequence[Mark], hint: str) -> None:
        """Highlight ``marks`` (none before an answer) and say so in the pane's hint."""
        self._pane_hint = hint
        self.pane_hint.setText(hint)
        self.reader.set_marks(marks)
        if marks:
            self.reader.scroll_to_mark(0)
            QTimer.singleShot(0, lambda: self.reader.scroll_to_mark(0))  # once laid out

    def show_mark(self, index: int) -> None:
        """Open the article at mark ``index`` and give it the focus ("Show in article")."""
        if self.is_wide():
            ReadingPage._hidden_when_wide = False
        else:
            self._open_when_narrow = True
        self._arrange()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reader.scroll_to_mark(index)
        QTimer.singleShot(0, lambda: self.reader.scroll_to_mark(index))

    # ---- open and close --------------------------------------------------------------------

    def is_wide(self) -> bool:
        """Whether the article fits beside the body."""
        return self.width() >= WIDE_PX

    def article_visible(self) -> bool:
        """Whether the article pane is on screen (beside or instead of the body)."""
        return self.pane.isVisibleTo(self)

    def toggle_article(self) -> None:
        """Show or hide the article (the footer button)."""
        if self.is_wide():
            ReadingPage._hidden_when_wide = not self._hidden_when_wide
            self._arrange()
            if not self._hidden_when_wide:
                self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.article_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._open_when_narrow:
            self.leave_article()
        else:
            self._open_when_narrow = True
            self._arrange()
            self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave_article(self) -> None:
        """Escape: close the article on a narrow window; the focus goes to the main control.
        With no article to close, the page's own way back (:meth:`escape_pressed`)."""
        in_reader = self.reader.hasFocus()
        if not self._open_when_narrow and not in_reader:
            self.escape_pressed()
            return
        self._open_when_narrow = False
        self._arrange()
        self.focus_main()

    def escape_pressed(self) -> None:
        """Escape with no article to close: a page with a way back takes it (nothing here)."""

    def close_narrow_article(self) -> None:
        """Show the body again (a new question starts with the question, not the article)."""
        self._open_when_narrow = False
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:
        """Arranged anew when shown: another reading page may have hidden the article."""
        super().showEvent(event)
        if hasattr(self, "pane"):
            self._arrange()

    def focus_main(self) -> None:
        """Focus the page's main control; subclasses say which."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _arrange(self) -> None:
        has_source = self._has_source and not self._article_in_body
        wide = self.is_wide()
        if not has_source:
            show_pane, show_body = False, True
        elif wide:
            show_pane, show_body = not self._hidden_when_wide, True
        else:
            show_pane, show_body = self._open_when_narrow, not self._open_when_narrow
        self.main_area.setVisible(show_body)
        self.pane.setVisible(show_pane)
        set_role(self.pane, "beside", wide)
        self.article_button.setVisible(has_source)
        self._refresh_toggle_text()

    def _refresh_toggle_text(self) -> None:
        if self.is_wide():
            shown = not self._hidden_when_wide
            text = _("Hide the &article") if shown else _("Show the &article")
        else:
            text = _("Back to the &question") if self._open_when_narrow else _("Read the &article")
        set_button_text(self.article_button, text, _("Esc leaves the article."))

    def retranslate_pane(self) -> None:
        """The pane's texts in the current language."""
        self.pane_title.setText(_("The article"))
        self.pane_title.setAccessibleName(self.pane_title.text())
        self.pane_hint.setText(self._pane_hint)
        self.reader.retranslate()
        self._refresh_toggle_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Beside or instead: decided anew when the width crosses :data:`WIDE_PX`."""
        super().resizeEvent(event)
        if hasattr(self, "pane"):
            self._arrange()
