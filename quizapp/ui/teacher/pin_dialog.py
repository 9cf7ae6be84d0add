"""The door to the teacher area: choose a PIN on first use, enter it afterwards.

The dialog only collects text and shows what the controller tells it (a problem, the time to
wait after wrong tries); checking the PIN is :mod:`quizapp.core.pin`'s job. It is window-modal
and opened with ``open()``, like every dialog of the app, so the event loop keeps running.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.pin import MAX_LENGTH, MIN_LENGTH
from quizapp.i18n import _, ngettext
from quizapp.ui.style import set_role
from quizapp.ui.widgets.announce import announce_on
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label
from quizapp.ui.widgets.secret_field import SecretField


class PinDialog(QDialog):
    """PIN (and, when ``choosing``, the PIN again); emits :attr:`submitted` on OK."""

    submitted = Signal(str, str)  # PIN, confirmation ("" when entering)

    def __init__(self, parent: QWidget | None, *, choosing: bool) -> None:
        super().__init__(parent)
        self.choosing = choosing
        self._wait_left = 0
        self._problem = ""
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("teacher_pin_dialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(em(self, 0.6))
        self.title = heading(2)
        self.intro = text_label()
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.pin_label = QLabel()
        self.pin = self._pin_field()
        self.pin_label.setBuddy(self.pin)
        form.addRow(self.pin_label, self.pin)
        self.confirm_label = QLabel()
        self.confirm = self._pin_field()
        self.confirm_label.setBuddy(self.confirm)
        if choosing:
            form.addRow(self.confirm_label, self.confirm)
        else:
            self.confirm_label.hide()
            self.confirm.hide()
        layout.addLayout(form)
        # Words, not only red: the badge style adds colour to a message that stands alone.
        self.problem = text_label()
        set_role(self.problem, "badge", "wrong", fresh=True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.setMinimumWidth(em(self, 26))
        self.retranslate()
        self.pin.setFocus()

    def _pin_field(self) -> SecretField:
        field = SecretField()
        field.setMaxLength(MAX_LENGTH)
        field.setMinimumWidth(em(self, 10))
        return field

    @property
    def ok_button(self) -> QPushButton:
        """The OK button (disabled while a wait after wrong tries runs)."""
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.setWindowTitle(_("Teacher area"))
        if self.choosing:
            self.title.setText(_("Choose a teacher PIN"))
            self.intro.setText(
                _(
                    "The teacher area shows every student’s results. Choose a PIN of at least "
                    "%(min)d digits or characters that students do not know. You will need it "
                    "every time you open the teacher area."
                )
                % {"min": MIN_LENGTH}
            )
        else:
            self.title.setText(_("Teacher PIN"))
            self.intro.setText(_("Enter the teacher PIN to see the class results."))
        self.title.setAccessibleName(self.title.text())
        self.pin_label.setText(_("&PIN:"))
        self.pin.setAccessibleName(_("Teacher PIN"))
        self.confirm_label.setText(_("PIN &again:"))
        self.confirm.setAccessibleName(_("Teacher PIN again"))
        set_button_text(self.ok_button, _("Open teacher area"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            set_button_text(cancel, _("Cancel"))
        self._show_problem()

    # ---- what the controller tells it -------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Show why the PIN was not accepted (empty hides it); clears the fields."""
        self._problem = text
        self.pin.clear()
        self.confirm.clear()
        self._show_problem()
        announce_on(self.pin, text)
        if not text:
            self.pin.setFocus()

    def start_wait(self, seconds: float) -> None:
        """Refuse tries for ``seconds`` (after wrong tries), counting down in the message."""
        self._wait_left = math.ceil(seconds)
        self.ok_button.setEnabled(self._wait_left <= 0)
        if self._wait_left > 0:
            self._timer.start()
        self._show_problem()

    def wait_left(self) -> int:
        """Whole seconds until the next try is accepted."""
        return self._wait_left

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if self._wait_left == 0:
            self._timer.stop()
            self.ok_button.setEnabled(True)
        self._show_problem()

    def _show_problem(self) -> None:
        parts = [self._problem] if self._problem else []
        if self._wait_left > 0:
            parts.append(
                ngettext(
                    "Please wait %(n)d second before the next try.",
                    "Please wait %(n)d seconds before the next try.",
                    self._wait_left,
                )
                % {"n": self._wait_left}
            )
        text = " ".join(parts)
        self.problem.setText(text)
        self.problem.setAccessibleName(text)
        self.problem.setVisible(bool(text))
        # A new line of text needs height: grow the dialog instead of squeezing its labels.
        self.adjustSize()

    def _submit(self) -> None:
        if self._wait_left > 0:
            return
        self.submitted.emit(self.pin.secret(), self.confirm.secret() if self.choosing else "")
