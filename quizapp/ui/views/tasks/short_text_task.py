"""The ``short_text`` task: a line with a word counter, then the model answer and the rubric.

Step 1: the student writes (at most ``max_words`` words) and presses "Compare with the model
answer". Step 2: their text is locked, the model answer and the rubric appear, and they tick the
points their answer meets; Submit saves the text with the ticks (self-assessment).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLineEdit, QPushButton, QVBoxLayout, QWidget

from quizapp.core.content.models import ShortTextTask, Task
from quizapp.core.quiz import AnswerResult
from quizapp.core.responses import MAX_TEXT_CHARS, ShortTextResponse, TaskResponse
from quizapp.core.scoring import count_words
from quizapp.i18n import _, ngettext
from quizapp.ui.style import set_role
from quizapp.ui.views.tasks.base import (
    TaskContext,
    TaskInput,
    bold_label,
    key_stop,
    status_row,
)
from quizapp.ui.widgets.announce import announce_on
from quizapp.ui.widgets.common import em, heading, reading_stop, set_button_text, text_label


class ShortTextInput(TaskInput):
    """The answer line, its word counter, and (after comparing) the model answer and rubric."""

    def __init__(self, context: TaskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._task: ShortTextTask | None = None
        self.answer_label = text_label()
        self.answer = QLineEdit()
        self.answer.setMaxLength(MAX_TEXT_CHARS)
        self.answer_label.setBuddy(self.answer)
        self.counter = text_label(muted=True)
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.reveal)
        self.answer.textChanged.connect(self._count)
        self.answer.installEventFilter(self)  # the full description again on focus
        self._over = False
        self.box.addWidget(self.answer_label)
        self.box.addWidget(self.answer)
        self.box.addWidget(self.counter)
        self.box.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.reveal_box = QFrame()
        set_role(self.reveal_box, "banner", "quote")
        inner = QVBoxLayout(self.reveal_box)
        pad = em(self, 0.6)
        inner.setContentsMargins(pad, pad, pad, pad)
        self.model_heading = heading(3)
        self.model_answer = text_label()
        # Where Enter (compare) puts the focus: the model answer is read before the rubric.
        reading_stop(self.model_answer, "", "")
        self.rubric_heading = heading(3)
        self.rubric_hint = text_label(muted=True)
        inner.addWidget(self.model_heading)
        inner.addWidget(self.model_answer)
        inner.addWidget(self.rubric_heading)
        inner.addWidget(self.rubric_hint)
        self._rubric_box = QVBoxLayout()
        inner.addLayout(self._rubric_box)
        self.rubric: dict[str, QCheckBox] = {}
        self.box.addWidget(self.reveal_box)
        self.reveal_box.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Labels, button and counter in the current language."""
        self.answer_label.setText(_("&Your answer:"))
        self.answer.setAccessibleName(_("Your answer"))
        set_button_text(
            self.compare_button,
            _("&Compare with the model answer"),
            _("Locks your answer and shows a model answer and points to check it against."),
        )
        self.model_heading.setText(_("Model answer"))
        if self._task is not None:
            self._name_model_answer(self._task)
        self.rubric_heading.setText(_("Check your answer"))
        self.rubric_hint.setText(
            _("Tick every point your answer meets. Your teacher sees your text and your ticks.")
        )
        self._count()

    def show_task(self, task: Task, order: list[str]) -> None:
        """An empty answer line for ``task``."""
        assert isinstance(task, ShortTextTask)
        self._task = task
        self.model_answer.setText(task.model_answer)
        self._name_model_answer(task)
        for point in task.rubric:
            box = QCheckBox(point.text)
            box.setAccessibleName(point.text)
            box.toggled.connect(lambda _c: self.changed.emit())
            self._rubric_box.addWidget(box)
            self.rubric[point.id] = box
        self._count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The answer line gets the focus: the question and the count, read with it (set
        before the screen reader hears of the focus)."""
        if watched is self.answer and event.type() == QEvent.Type.FocusIn and self._task:
            self.describe(self.answer, self.counter.text(), first=True)
        return super().eventFilter(watched, event)

    def _name_model_answer(self, task: ShortTextTask) -> None:
        # All in the name: Orca reads a text's name, not its description.
        model = _("Model answer: %(text)s") % {"text": task.model_answer}
        then = _("Tab: the points to check your answer against; Space ticks one.")
        self.model_answer.setAccessibleName(f"{model} – {then}")

    def words(self) -> int:
        """Words typed so far."""
        return count_words(self.answer.text())

    def _limit(self) -> int:
        return self._task.max_words if self._task is not None else 0

    def _count(self, *_args: object) -> None:
        if self._task is None:  # no limit known yet: no "0 of at most 0 words"
            self.counter.setText("")
            self.describe(self.answer, "", first=True)
            return
        words, limit = self.words(), self._limit()
        text = ngettext(
            "%(n)d of at most %(max)d word", "%(n)d of at most %(max)d words", limit
        ) % {"n": words, "max": limit}
        if words > limit:
            text += " – " + _("too many: shorten your answer")
        self.counter.setText(text)
        over = words > limit
        if not self.answer.hasFocus():
            self.describe(self.answer, text, first=True)  # read out with the field
        elif over != self._over:
            # While typing, a screen reader speaks every change of the field's description:
            # only crossing the limit (either way) is said, not the question at every word.
            self.answer.setAccessibleDescription(text)
        self._over = over
        set_role(self.counter, "badge", "wrong" if words > limit else False)
        self.compare_button.setEnabled(self.revealable())

    def revealable(self) -> bool:
        """True while the answer can be compared: written, within the limit, not yet locked."""
        words = self.words()
        return not self.revealed() and 0 < words <= self._limit()

    def revealed(self) -> bool:
        """True once the model answer and rubric are shown."""
        return self.answer.isReadOnly()

    def reveal(self) -> None:
        """Lock the answer and show the model answer and the rubric."""
        if not self.revealable():
            return
        self.answer.setReadOnly(True)
        self.compare_button.setEnabled(False)
        self.reveal_box.show()
        self.model_answer.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def answer_for_check(self, *, right: bool) -> None:
        """Write the model answer's first words, reveal the rubric, tick all points or none."""
        assert self._task is not None
        self.answer.setText(" ".join(self._task.model_answer.split()[: self._task.max_words]))
        self.reveal()
        for box in self.rubric.values():
            box.setChecked(right)

    def response(self) -> TaskResponse | None:
        """Ready once compared; the ticks may be none (an honest "not yet")."""
        if not self.revealed():
            return None
        checked = tuple(pid for pid, box in self.rubric.items() if box.isChecked())
        return ShortTextResponse(text=self.answer.text().strip(), checked=checked)

    def hint(self) -> str:
        """What to do."""
        return _("Write a short answer, then compare it with the model answer.")

    def keys_hint(self) -> str:
        """The keys."""
        return _("Enter: compare · Space: tick a point · Enter: submit")

    def focus_first(self) -> None:
        """Focus the answer line."""
        self.answer.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_enter(self) -> bool:
        """Enter in step 1 compares with the model answer; an empty or too long answer is
        said on the answer line."""
        if self.revealable():
            self.reveal()
            return True
        if self.revealed():
            return False
        words, limit = self.words(), self._limit()
        if words == 0:
            message = _("Your answer is empty. Write at most %(max)d words, then press Enter.")
        else:
            message = _(
                "Your answer has %(n)d words, at most %(max)d are allowed. Shorten it, "
                "then press Enter."
            )
        announce_on(self.answer, message % {"n": words, "max": limit})
        return True


def short_text_feedback(task: ShortTextTask, result: AnswerResult) -> list[QWidget]:
    """The student's text, the model answer, and each rubric point ticked or not."""
    response = result.response if isinstance(result.response, ShortTextResponse) else None
    mine = response.text if response else "–"
    model = _("Model answer: %(text)s") % {"text": task.model_answer}
    widgets: list[QWidget] = [
        key_stop(bold_label(mine), _("Your answer: %(text)s") % {"text": mine}),
        key_stop(text_label(model), model),
    ]
    ticked = set(response.checked) if response else set()
    for point in task.rubric:
        if point.id in ticked:
            text = _("Met (you ticked it): %(point)s") % {"point": point.text}
        else:
            text = _("Not ticked: %(point)s") % {"point": point.text}
        widgets.append(status_row(text, right=point.id in ticked, said=text))
    return widgets
