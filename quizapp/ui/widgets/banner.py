"""A framed notice with a text and its buttons (broken content, resume offer)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from quizapp.ui.style import set_role
from quizapp.ui.widgets.common import em, text_label


class Banner(QFrame):
    """``text`` with buttons beside it, or below it when ``stacked``; hidden until shown.

    Built before the first window is shown, so like :mod:`quizapp.ui.widgets.common` it does
    not touch ``Qt``'s enum namespace.
    """

    def __init__(
        self, kind: str = "notice", *, stacked: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_role(self, "banner", kind, fresh=True)
        outer: QBoxLayout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        pad = em(self, 0.7 if stacked else 0.6)
        outer.setContentsMargins(pad, pad, pad, pad)
        self.text = text_label()
        outer.addWidget(self.text, 0 if stacked else 1)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(em(self, 0.5))
        outer.addLayout(self._buttons)
        self.hide()

    def add_button(self, button: QPushButton, *, apart: bool = False) -> QPushButton:
        """Add ``button`` to the row; ``apart`` puts it at the far end (e.g. Cancel)."""
        if apart:
            self._buttons.addStretch(1)
        self._buttons.addWidget(button)
        return button
