"""The feedback view: right or wrong, which choices were right, why, and the article's words.

Shown after an answer was saved; :mod:`quizapp.ui.views.review_view` shows a finished
attempt's answers on the same page, in the past tense. The verdict is
given in words and with a mark, never by colour alone, and gets the focus so screen readers
announce it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.models import (
    Choice,
    Citation,
    EvidenceTask,
    Question,
    SourceDocument,
    Task,
)
from quizapp.core.quiz import AnswerResult
from quizapp.core.responses import EvidenceResponse
from quizapp.core.score_text import evidence_words, parts_text, verdict_text
from quizapp.core.scoring import Credit, check_evidence, credit, is_partly
from quizapp.i18n import _, ngettext
from quizapp.ui.style import PARTLY_MARK, RIGHT_MARK, WRONG_MARK, scaled_font, set_role
from quizapp.ui.views.article_reader import Mark
from quizapp.ui.views.reading_page import ReadingPage
from quizapp.ui.views.tasks import task_feedback
from quizapp.ui.views.tasks.base import TaskContext, tab_stops
from quizapp.ui.widgets.common import (
    clear_layout,
    em,
    heading,
    primary_button,
    reading_stop,
    set_button_text,
    text_label,
)
from quizapp.ui.widgets.keys import on_enter


def quoted(text: str) -> str:
    """``text`` in the current language's quotation marks."""
    return _("“%(quote)s”") % {"quote": text}


def choice_status(choice: Choice, *, chosen: bool, multiple: bool) -> tuple[str, str, str]:
    """Mark, words and style role for one choice in the feedback: (mark, status, role).

    A right choice the student did not pick keeps the tick (it is the answer) but in a neutral
    amber ("missed"), not success green: it is not the student's success.
    """
    if choice.correct and chosen:
        return RIGHT_MARK, _("Right answer – you chose it"), "right"
    if choice.correct:
        if multiple:
            return RIGHT_MARK, _("Also right – you did not choose it"), "missed"
        return RIGHT_MARK, _("Right answer – you did not choose it"), "missed"
    if chosen:
        return WRONG_MARK, _("Your choice – not right"), "wrong"
    return "", _("Not right"), ""


class FeedbackView(ReadingPage):
    """Verdict, the choices marked, feedback, explanation, citations with "Show in article"."""

    next_requested = Signal()
    article_requested = Signal(int)  # index of the citation in the question

    def __init__(self, parent: QWidget | None = None) -> None:
        self._task_context: TaskContext | None = None  # set_source may run from super()
        super().__init__(parent)
        self._question: Task | None = None
        self._order: list[str] = []
        self._result: AnswerResult | None = None
        self._show_translations = False
        self._is_last = False
        self._build()
        self.retranslate()

    def _build(self) -> None:
        # The same progress as on the question, so it stays in sight between questions.
        self.progress_label = text_label(muted=True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(em(self, 0.5))
        self.body.addWidget(self.progress_label)
        self.body.addWidget(self.progress)
        self._progress: tuple[int, int] | None = None
        self.banner = QFrame()
        row = QHBoxLayout(self.banner)
        pad = em(self, 0.7)
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(em(self, 0.7))
        self.mark = QLabel()
        self.mark.setFont(scaled_font(self.font(), 2.0, bold=True))
        self.mark.setAccessibleName("")
        self.verdict = heading(1)
        self.verdict.setWordWrap(False)  # one or two words
        self.verdict_hint = text_label()
        texts = QVBoxLayout()
        texts.setSpacing(em(self, 0.2))
        texts.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignLeft)
        texts.addWidget(self.verdict_hint)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(texts, 1)
        self.body.addWidget(self.banner)
        self.prompt = text_label(muted=True)
        self.body.addWidget(self.prompt)
        # Why first, then the article's words, then the choices: the reasons sit above the fold.
        self.explanation_heading = heading(2)
        self.explanation = text_label()
        reading_stop(self.explanation, "", "")
        self.body.addWidget(self.explanation_heading)
        self.body.addWidget(self.explanation)
        self.citations_heading = heading(2)
        self.body.addWidget(self.citations_heading)
        self._citations = QGridLayout()
        self._citations.setVerticalSpacing(em(self, 0.5))
        self.body.addLayout(self._citations)
        self.choices_heading = heading(2)
        self.body.addWidget(self.choices_heading)
        self._choices = QGridLayout()
        self._choices.setHorizontalSpacing(em(self, 0.6))
        self._choices.setVerticalSpacing(em(self, 0.25))
        self._choices.setColumnStretch(1, 1)
        self.body.addLayout(self._choices)
        self.body.addStretch(1)
        self.next_button = primary_button()
        self.next_button.clicked.connect(self.next_requested)
        self.footer.addStretch(1)
        self.footer.addWidget(self.next_button)
        on_enter(self, self.next_button.click)
        self.article_requested.connect(self.show_mark)
        self.add_reading_pane()

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.choices_heading.setText(
            _("The choices")
            if self._question is None or isinstance(self._question, Question)
            else _("Your answer")
        )
        self.explanation_heading.setText(_("Explanation"))
        self.citations_heading.setText(_("What the article says"))
        for label in (self.choices_heading, self.explanation_heading, self.citations_heading):
            label.setAccessibleName(label.text())
        self._refresh_next_text()
        if self._question is not None and self._result is not None:
            self._fill()
        self.retranslate_pane()

    def _refresh_next_text(self) -> None:
        set_button_text(self.next_button, self._next_text())

    # The words that differ on the review screen (:class:`~quizapp.ui.views.review_view.
    # ReviewView`), which speaks of a finished attempt in the past.

    def _next_text(self) -> str:
        return _("See results") if self._is_last else _("Next question")

    def _right_hint(self) -> str:
        return _("Your answer is right. Read why below.")

    def _wrong_hint(self, of: int) -> str:
        """With ``%(mark)s`` for the tick that marks the right answers."""
        return ngettext(
            "Your answer is not right. The right answer is marked %(mark)s below.",
            "Your answer is not right. The right answers are marked %(mark)s below.",
            of,
        )

    def _wrong_spoken(self, of: int) -> str:
        return ngettext(
            "Your answer is not right. The right answer is marked with a tick below.",
            "Your answer is not right. The right answers are marked with a tick below.",
            of,
        )

    def _task_wrong_hint(self) -> str:
        return _("Your answer is not right. Compare it with the key below.")

    def show_result(
        self,
        question: Task,
        order: list[str],
        result: AnswerResult,
        *,
        show_translations: bool,
        is_last: bool = False,
        progress: tuple[int, int] | None = None,
    ) -> None:
        """Show the feedback for ``result``; choices in the ``order`` the student saw them.

        ``progress``: (questions answered, of how many) for the bar; none on the review screen.
        """
        self._question, self._order, self._result = question, list(order), result
        self._progress = progress
        self._show_translations = show_translations
        self._is_last = is_last
        self._refresh_next_text()
        self.retranslate()  # fills the view (its headings depend on the task's type)
        self.close_narrow_article()
        self.scroll_to_top()

    def focus_first(self) -> None:
        """Focus the way on; its description carries the verdict, so it is read out first.

        The verdict itself is a heading, not a control: it takes no focus and shows no ring.
        """
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_main(self) -> None:
        """After the article: "Next question" (or "See results", "Back to the results")."""
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        question, result = self._question, self._result
        assert question is not None and result is not None
        if isinstance(question, Question):
            verdict, hint, role, mark = self._verdict(credit(question, result.chosen))
        else:
            verdict, hint, role, mark = self._task_verdict(result)
        set_role(self.banner, "banner", role)
        self.mark.setText(mark)
        self.mark.setAccessibleName(verdict)  # a symbol alone says nothing to a screen reader
        self.verdict.setText(verdict)
        self.verdict_hint.setText(hint)
        spoken = f"{verdict} {self._spoken(hint)}"
        self.verdict.setAccessibleName(spoken)
        self.next_button.setAccessibleDescription(spoken)
        self.prompt.setText(question.prompt)
        self._fill_progress()
        self._fill_choices(question, result)
        self.explanation.setText(question.explanation)
        self.explanation.setAccessibleName(
            _("Explanation: %(text)s") % {"text": question.explanation}
        )
        self._fill_citations(question.citations)
        # Reading order for Tab: why, the article's words, then each choice with its status.
        self.order_tabs([self.explanation, *self._citation_stops, *self._choice_stops])
        self.set_marks(
            [Mark.of(citation) for citation in question.citations],
            _("The quotes for this question are highlighted."),
        )

    def _fill_progress(self) -> None:
        progress = self._progress
        self.progress_label.setVisible(progress is not None)
        self.progress.setVisible(progress is not None)
        if progress is None:
            return
        answered, total = progress
        text = ngettext(
            "%(n)d of %(total)d question answered",
            "%(n)d of %(total)d questions answered",
            total,
        ) % {"n": answered, "total": total}
        self.progress_label.setText(text)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(answered)
        self.progress.setAccessibleName(text)

    def _verdict(self, earned: Credit) -> tuple[str, str, str, str]:
        """(verdict, hint, banner role, mark) for an answer."""
        if earned.right:
            return _("Right!"), self._right_hint(), "right", RIGHT_MARK
        values = {"found": earned.found, "of": earned.of, "mark": RIGHT_MARK}
        if earned.partly:
            text = (
                ngettext(
                    "You found %(found)d of %(of)d right answer. A question counts as right "
                    "only with every right answer and no wrong one.",
                    "You found %(found)d of %(of)d right answers. A question counts as right "
                    "only with every right answer and no wrong one.",
                    earned.of,
                )
                % values
            )
            verdict = verdict_text(correct=False, credit=earned.value)  # "Partly right (50 %)"
            return verdict, text, "partial", PARTLY_MARK
        return _("Not right."), self._wrong_hint(earned.of) % values, "wrong", WRONG_MARK

    def _spoken(self, hint: str) -> str:
        """``hint`` for the ear: the tick symbol named in words (a screen reader says "✔" badly)."""
        if RIGHT_MARK not in hint or self._question is None or self._result is None:
            return hint
        assert isinstance(self._question, Question)
        return self._wrong_spoken(credit(self._question, self._result.chosen).of)

    def _task_verdict(self, result: AnswerResult) -> tuple[str, str, str, str]:
        """The verdict for a newer task type: right, partly right (its credit) or not right."""
        if result.correct:
            return self._verdict(Credit(found=1, of=1, wrong=0, multiple=False))
        if is_partly(result.earned, correct=result.correct):
            hint = _("%(detail)s Compare your answer with the key below.") % {
                "detail": self._task_detail(result)
            }
            verdict = verdict_text(correct=False, credit=result.earned)
            return verdict, hint.strip(), "partial", PARTLY_MARK
        return _("Not right."), self._task_wrong_hint(), "wrong", WRONG_MARK

    def set_source(self, source: SourceDocument | None, language: str) -> None:
        """The article of the running set; evidence feedback measures marks against it."""
        super().set_source(source, language)
        self._task_context = TaskContext(source, language)

    def _task_detail(self, result: AnswerResult) -> str:
        """What a partly right task's credit counts, in words ("5 of 6 pairs in the right
        order."; for evidence, why the marks fall short)."""
        task, context = self._question, self._task_context
        response = result.response
        if (
            isinstance(task, EvidenceTask)
            and isinstance(response, EvidenceResponse)
            and context is not None
            and context.source is not None
        ):
            return evidence_words(check_evidence(task, response, context.source, context.language))
        text = parts_text(task, response) if task is not None else ""
        return f"{text}." if text else ""

    def _fill_choices(self, question: Task, result: AnswerResult) -> None:
        """One compact row per choice: mark, text and status; the reason under picked ones.

        A newer task type shows its own rows instead (the answer against the key).
        """
        clear_layout(self._choices)
        self._choice_stops: list[QWidget] = []
        # Spacer rows of an earlier, longer fill keep their height in a grid: reset them.
        for old_row in range(self._choices.rowCount()):
            self._choices.setRowMinimumHeight(old_row, 0)
        row = 0
        if not isinstance(question, Question):
            rows = task_feedback(question, self._order, result, self._task_context)
            for widget in rows:
                self._choices.addWidget(widget, row, 0, 1, 3)
                row += 1
            self._choice_stops = tab_stops(rows)  # the key, line by line, after the quotes
            return
        multiple = credit(question, result.chosen).multiple
        for choice_id in self._order:
            choice = question.choice(choice_id)
            if choice is None:
                continue
            chosen = choice_id in result.chosen
            mark_text, status, role = choice_status(choice, chosen=chosen, multiple=multiple)
            mark = QLabel(mark_text)
            mark.setFont(scaled_font(self.font(), 1.2, bold=True))
            mark.setAccessibleName(status)  # the words, never only "✔" or "✘"
            if role:
                set_role(mark, "badge", role)
            text = text_label(choice.text)
            if chosen:
                text.setFont(scaled_font(self.font(), 1.0, bold=True))
            # One Tab stop per choice that says all of it: the text, its status, the reason.
            # All in the name: Orca reads a text's name, not its description.
            reason = (choice.feedback or "") if chosen or choice.correct else ""
            reading_stop(text, " – ".join(p for p in (choice.text, status, reason) if p), "")
            self._choice_stops.append(text)
            status_label = text_label(status, muted=not role)
            status_label.setWordWrap(False)  # a few words; the choice's text wraps instead
            if role:
                set_role(status_label, "badge", role)
            top = Qt.AlignmentFlag.AlignTop
            self._choices.addWidget(mark, row, 0, top)
            self._choices.addWidget(text, row, 1, top)
            self._choices.addWidget(status_label, row, 2, top)
            row += 1
            # The reason, kept short and muted: for what was picked and right choices missed.
            if choice.feedback and (chosen or choice.correct):
                self._choices.addWidget(text_label(choice.feedback, muted=True), row, 1, 1, 2)
                row += 1
            self._choices.setRowMinimumHeight(row, em(self, 0.3))
            row += 1

    def _fill_citations(self, citations: list[Citation]) -> None:
        clear_layout(self._citations)
        self._show_buttons: list[QWidget] = []
        self._citation_stops: list[QWidget] = []
        for index, citation in enumerate(citations):
            box = QFrame()
            set_role(box, "banner", "quote")
            column = QGridLayout(box)
            pad = em(self, 0.6)
            column.setContentsMargins(pad, pad, pad, pad)
            quote = text_label(quoted(citation.quote))
            quote.setFont(scaled_font(self.font(), 1.0, bold=False))
            # The quote is in the article's language: a screen reader reads it with those rules.
            quote.setLocale(QLocale(self._source_language))
            said = _("Quote from the article: %(quote)s") % {"quote": citation.quote}
            if citation.translation and self._show_translations:
                # In the name: Orca reads a text's name, not its description.
                said += " – " + _("Translation: %(text)s") % {"text": citation.translation}
            reading_stop(quote, said, "")
            column.addWidget(quote, 0, 0)
            self._citation_stops.append(quote)
            if citation.translation and self._show_translations:
                translation = text_label(
                    _("Translation: %(text)s") % {"text": quoted(citation.translation)},
                    muted=True,
                )
                column.addWidget(translation, 1, 0)
            button = QPushButton()
            set_button_text(
                button,
                _("Show in article"),
                _("Opens the article at this quote: %(quote)s") % {"quote": citation.quote},
            )
            if len(citations) > 1:  # two buttons of one name: say which quote each opens
                button.setAccessibleName(
                    _("Show quote %(n)d of %(total)d in the article")
                    % {"n": index + 1, "total": len(citations)}
                )
            button.clicked.connect(lambda _checked=False, i=index: self.article_requested.emit(i))
            column.addWidget(button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            # Only once it has a parent: shown without one, it would open as a window of its
            # own for a moment and take the activation from the main window.
            button.setVisible(self._has_source)  # no article loaded: nothing to show it in
            self._show_buttons.append(button)
            self._citation_stops.append(button)
            column.setColumnStretch(0, 1)
            self._citations.addWidget(box, index, 0)
