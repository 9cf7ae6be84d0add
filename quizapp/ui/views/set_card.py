"""One question set in the start view's list (imported once sets are listed, after start-up)."""

from __future__ import annotations

from PySide6.QtWidgets import QRadioButton

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
