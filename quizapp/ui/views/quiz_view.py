"""The quiz view: one question with its choices, an optional confidence, and Submit.

It shows what the quiz controller hands it and emits the student's pick; scoring and saving
happen in the controller. Number keys 1–8 pick a choice, Enter submits. The newer task types
(order, categorize, evidence, short_text) bring their own input widget from
:mod:`quizapp.ui.views.tasks`, shown where the choices go; their answer is emitted by
``task_submitted``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.models import Question, QuestionType, SourceDocument, Task
from quizapp.core.quiz import Confidence
from quizapp.i18n import N_, _, ngettext
from quizapp.ui.style import set_role
from quizapp.ui.views.reading_page import ReadingPage
from quizapp.ui.views.tasks import TaskContext, TaskInput, make_task_input
from quizapp.ui.widgets.announce import announce_on
from quizapp.ui.widgets.card import ButtonCard
from quizapp.ui.widgets.common import (
    clear_layout,
    em,
    heading,
    primary_button,
    set_button_text,
    text_label,
)
from quizapp.ui.widgets.keys import on_digits, on_enter
from quizapp.ui.widgets.roving import RovingGroup

CONFIDENCE_LABELS: dict[Confidence, str] = {
    Confidence.SURE: N_("Sure"),
    Confidence.UNSURE: N_("Not sure"),
    Confidence.GUESSING: N_("Guessing"),
}
# The same on the buttons, with an Alt+letter each: number keys already pick the choices.
CONFIDENCE_BUTTON_TEXTS: dict[Confidence, str] = {
    Confidence.SURE: N_("&Sure"),
    Confidence.UNSURE: N_("&Not sure"),
    Confidence.GUESSING: N_("&Guessing"),
}


class ChoiceCard(ButtonCard):
    """One choice: its button, its number key and its (wrapping) text."""

    def __init__(self, button: QAbstractButton, number: int, text: str) -> None:
        super().__init__(button)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(em(self, 0.6))
        self.key_hint = QLabel(str(number))
        self.key_hint.setFont(heading(3).font())
        self.key_hint.setProperty("muted", "true")
        self.text = text_label(text)
        line.addWidget(self.key_hint, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.text, 1)
        self.add_widget(row)
        button.setAccessibleName(f"{number}. {text}")


class QuizView(ReadingPage):
    """Progress, prompt, choices (radio buttons or check boxes), confidence, Submit."""

    submitted = Signal(list, object)  # chosen choice ids in shown order, Confidence | None
    task_submitted = Signal(object, object)  # TaskResponse of a newer task type, Confidence | None
    pause_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._question: Task | None = None
        self._task_input: TaskInput | None = None
        self._context = TaskContext(None, "en")
        self._order: list[str] = []
        self._number = 0
        self._total = 0
        self._set_title = ""
        self._practice = False
        self._cards: list[ChoiceCard] = []
        self._choices = QButtonGroup(self)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.set_title = text_label(muted=True)
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(em(self, 0.5))
        top = QHBoxLayout()
        top.addWidget(self.set_title, 1)
        top.addWidget(self.progress_label)
        self.body.addLayout(top)
        self.body.addWidget(self.progress)
        self.body.addSpacing(em(self, 0.4))
        self.prompt = heading(2)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = text_label(muted=True)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.hint)
        # The choices (or a task's input) in one named group: a screen reader entering it hears
        # the question, and the prompt label is tied to it as its label.
        self.choices = QWidget()
        self._choice_box = QVBoxLayout(self.choices)
        self._choice_box.setContentsMargins(0, 0, 0, 0)
        self._choice_box.setSpacing(em(self, 0.45))
        self.body.addWidget(self.choices)
        self.prompt.setBuddy(self.choices)
        # Said (and shown) when Enter is pressed with nothing chosen; words, not only colour.
        self.nothing_chosen = text_label()
        set_role(self.nothing_chosen, "badge", "wrong", fresh=True)
        self.nothing_chosen.hide()
        self.body.addWidget(self.nothing_chosen)
        self._choice_keys = RovingGroup(self)
        self.body.addSpacing(em(self, 0.5))
        self.body.addLayout(self._build_confidence())
        self.body.addStretch(1)
        self._tail = self.body.count() - 1  # the stretch that keeps short questions at the top
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.pause_requested)
        self.keys_hint = text_label(muted=True)
        self.submit_button = primary_button()
        self.submit_button.clicked.connect(self.submit)
        self.footer.addWidget(self.pause_button)
        self.footer.addWidget(self.keys_hint, 1)
        self.footer.addWidget(self.submit_button)
        on_digits(self, self.pick)
        on_enter(self, self.submit)
        self.add_reading_pane()

    def _build_confidence(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(em(self, 1.0))
        self.confidence_label = QLabel()
        row.addWidget(self.confidence_label)
        # Optional, so a second click takes the choice back: the group is not exclusive and
        # _confidence_clicked keeps at most one checked. The buttons stay auto-exclusive all
        # the same (the group, not that flag, decides what may be unchecked): Qt announces
        # auto-exclusive buttons as radio buttons, which is what these behave like.
        self._confidence = QButtonGroup(self)
        self._confidence.setExclusive(False)
        self._confidence.buttonClicked.connect(self._confidence_clicked)
        self._confidence_buttons: dict[Confidence, QRadioButton] = {}
        for level in CONFIDENCE_LABELS:
            button = QRadioButton()
            button.setProperty("confidence", level.value)
            self._confidence.addButton(button)
            self._confidence_buttons[level] = button
        # One Tab stop, arrows within, announced as the radio buttons they behave like.
        self.confidence_group = QWidget()
        group_row = QHBoxLayout(self.confidence_group)
        group_row.setContentsMargins(0, 0, 0, 0)
        group_row.setSpacing(em(self, 1.0))
        for button in self._confidence_buttons.values():
            group_row.addWidget(button)
        self._confidence_keys = RovingGroup(self)
        self._confidence_keys.set_buttons(list(self._confidence_buttons.values()))
        row.addWidget(self.confidence_group)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.confidence_label.setText(_("How sure are you? (optional)"))
        self.confidence_group.setAccessibleName(_("How sure are you? (optional)"))
        for level, button in self._confidence_buttons.items():
            button.setText(_(CONFIDENCE_BUTTON_TEXTS[level]))
            button.setAccessibleName(
                _("How sure are you: %(level)s") % {"level": _(CONFIDENCE_LABELS[level])}
            )
        set_button_text(
            self.pause_button,
            _("Continue later"),
            _("Back to the start page; your answers so far are saved."),
        )
        set_button_text(self.submit_button, _("Submit answer"))
        if self._task_input is not None:
            self._task_input.retranslate()
        self._refresh_dynamic_texts()
        self.set_marks([], self._pane_hint_text())
        self.retranslate_pane()

    @staticmethod
    def _pane_hint_text() -> str:
        return _("The quotes behind each answer are highlighted after you answer.")

    def set_context(self, source: SourceDocument | None, language: str) -> None:
        """The article and the reader's language, for tasks that show the article."""
        self._context = TaskContext(source, language)

    def _refresh_dynamic_texts(self) -> None:
        if self._practice:
            progress = ngettext(
                "Practice: question %(n)d of %(total)d – your mistakes",
                "Practice: question %(n)d of %(total)d – your mistakes",
                self._total,
            ) % {"n": self._number, "total": self._total}
        else:
            progress = ngettext(
                "Question %(n)d of %(total)d", "Question %(n)d of %(total)d", self._total
            ) % {"n": self._number, "total": self._total}
        self.progress_label.setText(progress)
        self.progress.setAccessibleName(progress)
        self.set_title.setText(self._set_title)
        count = len(self._cards)
        self.keys_hint.setText(
            _("1–%(last)d: choose · Alt+letter: how sure · Enter: submit") % {"last": count}
            if count
            else ""
        )
        question = self._question
        if self._task_input is not None:
            self.hint.setText(self._task_input.hint())
            self.keys_hint.setText(self._task_input.keys_hint())
        elif question is not None and question.type is QuestionType.MULTIPLE:
            self.hint.setText(_("Select all that apply."))
        else:
            self.hint.setText(_("Choose one answer."))
        description = self.hint.text()
        # Many prompts already end with the instruction: never say it twice on screen.
        prompt = question.prompt.casefold() if question is not None else ""
        self.hint.setVisible(description.rstrip(".").casefold() not in prompt)
        prompt_text = question.prompt if question is not None else ""
        self.choices.setAccessibleName(prompt_text)
        self.choices.setAccessibleDescription(progress)
        for index, card in enumerate(self._cards):
            # The first option gets the focus on arrival: it also says the question itself.
            said = f"{prompt_text} " if index == 0 and prompt_text else ""
            card.button.setAccessibleDescription(f"{said}{progress}. {description}")

    def show_question(
        self,
        question: Task,
        order: list[str],
        number: int,
        total: int,
        set_title: str,
        *,
        practice: bool = False,
    ) -> None:
        """Show ``question`` with its choices in ``order`` as question ``number`` of ``total``;
        a ``practice`` round (only the questions missed before) says so above the question."""
        self._question, self._order = question, list(order)
        self._number, self._total, self._set_title = number, total, set_title
        self._practice = practice
        self.prompt.setText(question.prompt)
        self.prompt.setAccessibleName(question.prompt)
        self.progress.setRange(0, total)
        self.progress.setValue(number - 1)
        self.nothing_chosen.hide()
        self._fill_choices(question, order)
        for button in self._confidence_buttons.values():
            button.setChecked(False)
        self._confidence_keys.reset()
        self._refresh_dynamic_texts()
        self._update_submit()
        confidence = list(self._confidence_buttons.values())
        task_controls = self._task_input.controls() if self._task_input is not None else []
        self.order_tabs([*task_controls, *(card.button for card in self._cards), *confidence])
        # An evidence task shows the article itself, to mark words in: one article on screen,
        # and it gets the page's spare height instead of the empty space under the question.
        in_body = self._task_input is not None and self._task_input.shows_article
        self.set_article_in_body(in_body=in_body)
        self.body.setStretchFactor(self.choices, 1 if in_body else 0)
        self.body.setStretch(self._tail, 0 if in_body else 1)
        self.set_marks([], self._pane_hint_text())
        self.close_narrow_article()
        self.scroll_to_top()

    def _fill_choices(self, question: Task, order: list[str]) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.choices.isAncestorOf(focused):
            # Removing the focused choice would hand the focus to the next control (the
            # confidence), which a screen reader announces; the new question focuses once.
            focused.clearFocus()
        for old in self._choices.buttons():
            self._choices.removeButton(old)
        clear_layout(self._choice_box)
        self._cards = []
        self._task_input = make_task_input(question, order, self._context)
        if self._task_input is not None:
            self._task_input.changed.connect(self._update_submit)
            self._choice_box.addWidget(self._task_input)
            self._choice_keys.set_buttons([])  # the last question's options are going away
            return
        assert isinstance(question, Question)
        multiple = question.type is QuestionType.MULTIPLE
        self._choices.setExclusive(not multiple)
        self._cards = []
        for number, choice_id in enumerate(order, start=1):
            choice = question.choice(choice_id)
            if choice is None:
                continue
            button: QAbstractButton = QCheckBox() if multiple else QRadioButton()
            button.setProperty("choice_id", choice_id)
            button.toggled.connect(self._update_submit)
            self._choices.addButton(button)
            card = ChoiceCard(button, number, choice.text)
            self._cards.append(card)
            self._choice_box.addWidget(card)
        self._choice_keys.set_buttons([card.button for card in self._cards])

    def focus_first(self) -> None:
        """Focus the first choice (or the task's input), so the keys work at once."""
        if self._task_input is not None:
            self._task_input.focus_first()
        elif self._cards:
            self._cards[0].button.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_main(self) -> None:
        """After the article: the task's input, or the picked choice, else the first one."""
        if self._task_input is not None:
            self._task_input.focus_first()
            return
        checked = [card.button for card in self._cards if card.button.isChecked()]
        target = checked[0] if checked else self._cards[0].button if self._cards else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensure_visible(target)

    def pick(self, index: int) -> None:
        """Pick choice ``index`` (0-based, as shown); toggles a check box."""
        if 0 <= index < len(self._cards):
            picked = self._cards[index].button
            if isinstance(picked, QCheckBox):
                picked.toggle()
            else:
                picked.setChecked(True)
            picked.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.ensure_visible(picked)

    def chosen_ids(self) -> list[str]:
        """Ids of the picked choices, in the order shown."""
        return [
            str(card.button.property("choice_id"))
            for card in self._cards
            if card.button.isChecked()
        ]

    def confidence_buttons(self) -> list[QRadioButton]:
        """The confidence levels' buttons, from sure to guessing."""
        return list(self._confidence_buttons.values())

    def confidence(self) -> Confidence | None:
        """The confidence picked, if any."""
        for level, button in self._confidence_buttons.items():
            if button.isChecked():
                return level
        return None

    def _confidence_clicked(self, clicked: QAbstractButton) -> None:
        if clicked.isChecked():
            for button in self._confidence_buttons.values():
                if button is not clicked:
                    button.setChecked(False)

    @property
    def task_input(self) -> TaskInput | None:
        """The input widget of a newer task type on screen, if any."""
        return self._task_input

    def submit(self) -> None:
        """Emit the pick (ignored while nothing is picked)."""
        if self._task_input is not None:
            self._submit_task(self._task_input)
            return
        chosen = self.chosen_ids()
        if not chosen:
            self._say_nothing_chosen()
            return
        if not self.submit_button.isEnabled():
            return
        confidence = self.confidence()
        self.submitted.emit(chosen, confidence)

    def _say_nothing_chosen(self) -> None:
        multiple = bool(self._cards) and isinstance(self._cards[0].button, QCheckBox)
        message = (
            _("Nothing is chosen yet. Tick one or more answers (Space), then press Enter.")
            if multiple
            else _(
                "Nothing is chosen yet. Choose an answer (arrow keys or 1–%(last)d), "
                "then press Enter."
            )
            % {"last": len(self._cards)}
        )
        self.nothing_chosen.setText(message)
        self.nothing_chosen.show()
        target = self._choice_keys.tab_stop()
        if target is not None:
            announce_on(target, message)

    def _clear_nothing_chosen(self) -> None:
        if self.nothing_chosen.isVisible():
            self.nothing_chosen.hide()
            self._refresh_dynamic_texts()  # the choices' own descriptions again

    def _submit_task(self, task_input: TaskInput) -> None:
        response = task_input.response()
        if response is None or not self.submit_button.isEnabled():
            task_input.on_enter()  # e.g. "compare with the model answer" first
            return
        confidence = self.confidence()
        self.task_submitted.emit(response, confidence)

    def _ready(self) -> bool:
        if self._task_input is not None:
            return self._task_input.response() is not None
        return bool(self.chosen_ids())

    def set_busy(self, *, busy: bool) -> None:
        """Block a second Submit while the answer is being saved."""
        self.submit_button.setEnabled(not busy and self._ready())

    def _update_submit(self, *_args: object) -> None:
        self.submit_button.setEnabled(self._ready())
        if self.chosen_ids():
            self._clear_nothing_chosen()
