"""One question set in the start view's list (imported once sets are listed, after start-up)."""

from __future__ import annotations

from PySide6.QtWidgets import QRadioButton, QVBoxLayout, QWidget

from quizapp.ui.widgets.card import ButtonCard
from quizapp.ui.widgets.common import heading, text_label


class SetCard(ButtonCard):
    """One set in the list: a radio button with its title, the description and the details."""

    def __init__(self, set_id: str) -> None:
        button = QRadioButton()
        button.setProperty("set_id", set_id)
        button.setFont(heading(3).font())
        super().__init__(button, stacked=True)
        self.description = text_label()
        self.details = text_label(muted=True)
        self.add_widget(self.description)
        self.add_widget(self.details)


class ArticleHeading(QWidget):
    """Above a group of sets: the article they are about (title), then its outlet and date."""

    def __init__(self, title: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title = heading(2)
        self.title.setWordWrap(True)
        self.title.setText(title)
        self.title.setAccessibleName(title)
        self.details = text_label(muted=True)
        self.details.setText(details)
        if not details:
            self.details.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.details)
