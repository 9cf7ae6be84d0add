"""A dialog listing content problems as ``quizapp validate`` prints them, for the teacher."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.widgets.common import em, text_label


class ProblemsDialog(QDialog):
    """Read-only, selectable lines (``file:line:column: error: …``) and a Close button."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Problems in the content files"))
        layout = QVBoxLayout(self)
        layout.setSpacing(em(self, 0.6))
        self.intro = text_label(
            _(
                "These files have errors and were left out. Fix them and check them with "
                "“quizapp validate”, then restart the app."
            )
        )
        layout.addWidget(self.intro)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(fixed.pointSizeF(), self.font().pointSizeF() * 0.95))
        self.text.setFont(fixed)
        self.text.setPlainText("\n".join(lines))
        self.text.setAccessibleName(_("Problems found"))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))
        layout.addWidget(buttons)
        self.resize(em(self, 46), em(self, 24))
