"""The results view: score and percentage, every question right or wrong, and calibration.

Each question links back to its explanation (a read-only feedback view); "Practise the ones I
missed" asks for a new practice attempt with just those questions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.progress import SKILL_LABELS, Level, SkillScore, level
from quizapp.core.quiz import CalibrationRow, Confidence
from quizapp.core.score_text import percent_text, score_line, verdict_text
from quizapp.core.set_score import set_score
from quizapp.i18n import N_, _, ngettext
from quizapp.ui.style import PARTLY_MARK, RIGHT_MARK, WRONG_MARK, scaled_font, set_role
from quizapp.ui.widgets.common import (
    Page,
    clear_layout,
    em,
    heading,
    primary_button,
    reading_stop,
    set_button_text,
    text_label,
)
from quizapp.ui.widgets.keys import on_enter, view_shortcut


@dataclass(frozen=True)
class ResultRow:
    """One asked question as listed in the results."""

    question_id: str
    prompt: str
    correct: bool
    found: int = 0  # right choices picked (multiple-answer questions: partly right)
    of: int = 0  # right choices the question has
    partly: bool = False
    share: float | None = None  # the credit 0–1 of a newer task type (shown when partly right)
    earned: float | None = None  # the answer's credit 0–1 (its points); None: 1 if right else 0

    @property
    def points(self) -> float:
        """What the answer adds to the points beside the score (its credit)."""
        if self.earned is not None:
            return self.earned
        return 1.0 if self.correct else 0.0


@dataclass(frozen=True)
class Progress:
    """What the results page says beyond this attempt's answers."""

    skills: list[SkillScore] = field(default_factory=list)
    previous: tuple[int, int] | None = None  # the last full attempt before: (right, total)
    mastered: tuple[int, int] | None = None  # after a practice round: (right now, of all)
    unfinished: bool = False  # reviewed from the history before the last answer


LEVEL_MESSAGES = {
    Level.TOP: N_("Excellent reading – you checked the article closely."),
    Level.GOOD: N_("Well done. Look at the few you missed, then try them again."),
    Level.FAIR: N_("A good start. Read the explanations of the ones you missed and practise them."),
    Level.LOW: N_(
        "Read the article once more, then practise the ones you missed – it gets easier."
    ),
}


def change_text(right: int, previous: tuple[int, int]) -> str:
    """How this score compares with the last full attempt ("3 more right than last time")."""
    before, total = previous
    values = {"before": before, "total": total, "n": abs(right - before)}
    if right > before:
        text = ngettext(
            "Last time %(before)d of %(total)d: %(n)d more right now.",
            "Last time %(before)d of %(total)d: %(n)d more right now.",
            abs(right - before),
        )
    elif right < before:
        text = ngettext(
            "Last time %(before)d of %(total)d: %(n)d fewer right this time.",
            "Last time %(before)d of %(total)d: %(n)d fewer right this time.",
            abs(right - before),
        )
    else:
        text = _("The same as last time: %(before)d of %(total)d.")
    return text % values


def calibration_text(row: CalibrationRow) -> str:
    """One calibration sentence, e.g. "When you were sure, you were right 4 of 5 times."."""
    values = {"right": row.right, "total": row.total}
    if row.confidence is Confidence.SURE:
        text = ngettext(
            "When you were sure, you were right %(right)d of %(total)d time.",
            "When you were sure, you were right %(right)d of %(total)d times.",
            row.total,
        )
    elif row.confidence is Confidence.UNSURE:
        text = ngettext(
            "When you were not sure, you were right %(right)d of %(total)d time.",
            "When you were not sure, you were right %(right)d of %(total)d times.",
            row.total,
        )
    else:
        text = ngettext(
            "When you were guessing, you were right %(right)d of %(total)d time.",
            "When you were guessing, you were right %(right)d of %(total)d times.",
            row.total,
        )
    return text % values


class ResultsView(Page):
    """Score, the list of questions with "Review", calibration, practice and back buttons."""

    review_requested = Signal(str)  # question id
    practice_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._rows: list[ResultRow] = []
        self._calibration: list[CalibrationRow] = []
        self._progress = Progress()
        self._practice = False
        self._back_to_history = False
        self._review_buttons: dict[str, QPushButton] = {}
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.heading = heading(1)
        self.set_title = text_label(muted=True)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.set_title)
        # The score large, then what it means; no focus ring: these are texts, not controls.
        self.big_score = QLabel()
        self.big_score.setFont(scaled_font(self.font(), 2.6, bold=True))
        self.score = QLabel()
        self.score.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.message = text_label()
        self.change = text_label()
        self.mastery = text_label()
        set_role(self.mastery, "badge", "right", fresh=True)
        # After a practice round: its best score on the start page counts whole sets only.
        self.mastery_note = text_label(muted=True)
        widgets = (self.big_score, self.score, self.message, self.change, self.mastery)
        for widget in (*widgets, self.mastery_note):
            self.body.addWidget(widget)
        self.skills_heading = heading(2)
        self.body.addWidget(self.skills_heading)
        self._skills = QGridLayout()
        self._skills.setHorizontalSpacing(em(self, 0.8))
        self._skills.setVerticalSpacing(em(self, 0.3))
        self._skills.setColumnStretch(2, 1)
        self.body.addLayout(self._skills)
        self.answers_heading = heading(2)
        self.body.addWidget(self.answers_heading)
        self._answers = QGridLayout()
        self._answers.setHorizontalSpacing(em(self, 0.8))
        self._answers.setVerticalSpacing(em(self, 0.4))
        self._answers.setColumnStretch(1, 1)
        self.body.addLayout(self._answers)
        self.calibration_heading = heading(2)
        self.body.addWidget(self.calibration_heading)
        self._calibration_box = QVBoxLayout()
        self.body.addLayout(self._calibration_box)
        self.body.addStretch(1)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.practice_button = primary_button()
        self.practice_button.clicked.connect(self.practice_requested)
        self.footer.addWidget(self.back_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.practice_button)
        on_enter(self, self._default_action)
        view_shortcut(self, "Escape", self.back_button.click)

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.heading.setText(
            _("Your answers so far") if self._progress.unfinished else _("Your result")
        )
        self.skills_heading.setText(_("By reading skill"))
        self.answers_heading.setText(_("Your answers"))
        self.calibration_heading.setText(_("How sure were you?"))
        headings = (self.heading, self.skills_heading, self.answers_heading)
        for label in (*headings, self.calibration_heading):
            label.setAccessibleName(label.text())
        self._refresh_back_text()
        self._fill()

    def show_results(
        self,
        set_title: str,
        rows: list[ResultRow],
        calibration: list[CalibrationRow],
        *,
        can_practise: bool,
        back_to_history: bool = False,
        progress: Progress | None = None,
    ) -> None:
        """Show the results of one attempt; Back leads to the history or the start page."""
        self._title, self._rows, self._calibration = set_title, rows, calibration
        self._progress = progress or Progress()
        self._practice = can_practise and any(not row.correct for row in rows)
        self._back_to_history = back_to_history
        self.retranslate()  # headings, Back and the page (the heading says if it is final)
        self.scroll_to_top()

    def _refresh_back_text(self) -> None:
        if self._back_to_history:
            set_button_text(self.back_button, _("Back to the history"))
        else:
            set_button_text(self.back_button, _("Back to start"))

    def focus_review_button(self, question_id: str | None) -> None:
        """After a review, put the focus back on that question's Review button."""
        button = self._review_buttons.get(question_id or "")
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensure_visible(button)

    def focus_first(self) -> None:
        """Focus the main action; its description starts with the score, read out first."""
        button = self.practice_button if self._practice else self.back_button
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        self.set_title.setText(self._title)
        right = sum(1 for row in self._rows if row.correct)
        total = len(self._rows)
        # One definition everywhere (core/set_score.py, core/score_text.py): right ÷ all
        # questions, the points (every answer's credit) beside it.
        self.big_score.setText(percent_text(set_score(right, total)))
        score = score_line(right, total, sum(row.points for row in self._rows))
        self.score.setText(score)
        self.score.setAccessibleName(score)
        self.big_score.setAccessibleName(score)
        # An unfinished attempt gets no verdict on its level yet.
        message = total and not self._progress.unfinished
        self.message.setText(_(LEVEL_MESSAGES[level(right, total)]) if message else "")
        self.message.setVisible(bool(message))
        previous = self._progress.previous
        self.change.setText(change_text(right, previous) if previous else "")
        self.change.setVisible(previous is not None)
        mastered = self._progress.mastered
        if mastered is not None:
            self.mastery.setText(
                ngettext(
                    "Together with your earlier round: now %(right)d of %(total)d right.",
                    "Together with your earlier round: now %(right)d of %(total)d right.",
                    mastered[1],
                )
                % {"right": mastered[0], "total": mastered[1]}
            )
            self.mastery_note.setText(
                _(
                    "Your best score on the start page counts whole-set rounds only: play the "
                    "whole set again to raise it."
                )
            )
        self.mastery.setVisible(mastered is not None)
        self.mastery_note.setVisible(mastered is not None)
        self._fill_skills()
        self._fill_answers()
        self._fill_calibration()
        self._order_tabs()
        missed = total - right
        set_button_text(
            self.practice_button,
            ngettext("Practise my %(n)d mistake", "Practise my %(n)d mistakes", missed)
            % {"n": missed},
            _("A new round with only the questions you did not get right"),
        )
        self.practice_button.setVisible(self._practice)
        self.practice_button.setAccessibleDescription(score)
        self.back_button.setAccessibleDescription(score)
        set_role(self.back_button, "primary", not self._practice)

    def _order_tabs(self) -> None:
        """Tab as the page reads: reading skills, answers, "How sure were you?", the buttons."""
        chain: list[QWidget] = [
            *self._skill_stops,
            *self._review_buttons.values(),
            *self._calibration_stops,
            self.back_button,
            self.practice_button,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _fill_skills(self) -> None:
        clear_layout(self._skills)
        self._skill_stops: list[QWidget] = []
        skills = self._progress.skills
        self.skills_heading.setVisible(bool(skills))
        for row, item in enumerate(skills):
            name = _(SKILL_LABELS.get(item.skill.value, item.skill.value))
            count = _("%(right)d of %(total)d") % {"right": item.right, "total": item.total}
            bar = QProgressBar()
            bar.setRange(0, max(1, item.total))
            bar.setValue(item.right)
            bar.setTextVisible(False)
            bar.setMaximumHeight(em(self, 0.6))
            bar.setAccessibleName(f"{name}: {count}")
            label = QLabel(name)
            # A Tab stop per skill (the first one names the section): a screen reader reaches
            # the section only by focus.
            said = f"{name}: {count}"
            reading_stop(label, f"{self.skills_heading.text()} – {said}" if row == 0 else said, "")
            self._skill_stops.append(label)
            self._skills.addWidget(label, row, 0)
            self._skills.addWidget(QLabel(count), row, 1)
            self._skills.addWidget(bar, row, 2, Qt.AlignmentFlag.AlignVCenter)

    def _fill_answers(self) -> None:
        clear_layout(self._answers)
        self._review_buttons = {}
        for index, row in enumerate(self._rows):
            if row.correct:
                badge = QLabel(_("%(mark)s Right") % {"mark": RIGHT_MARK})
                set_role(badge, "badge", "right")
            elif row.partly or row.points > 0:
                verdict_words = verdict_text(correct=False, credit=row.points)
                badge = QLabel(f"{PARTLY_MARK} {verdict_words}")  # "Partly right (75 %)"
                set_role(badge, "badge", "partial")
            else:
                badge = QLabel(_("%(mark)s Not right") % {"mark": WRONG_MARK})
                set_role(badge, "badge", "wrong")
            prompt = text_label(_("%(n)d. %(prompt)s") % {"n": index + 1, "prompt": row.prompt})
            button = QPushButton()
            set_button_text(
                button,
                _("Review"),
                _("Question %(n)d: see the explanation again") % {"n": index + 1},
            )
            # The badge's words without its symbol: "Review question 3: Not right".
            verdict = badge.text().removeprefix(RIGHT_MARK).removeprefix(WRONG_MARK)
            verdict = verdict.removeprefix(PARTLY_MARK).strip()
            badge.setAccessibleName(verdict)
            button.setAccessibleName(
                _("Review question %(n)d: %(verdict)s") % {"n": index + 1, "verdict": verdict}
            )
            button.setAccessibleDescription(
                _("Question %(n)d: see the explanation again") % {"n": index + 1}
                + f" – {row.prompt}"
            )
            button.clicked.connect(
                lambda _checked=False, qid=row.question_id: self.review_requested.emit(qid)
            )
            self._review_buttons[row.question_id] = button
            self._answers.addWidget(badge, index, 0, Qt.AlignmentFlag.AlignVCenter)
            self._answers.addWidget(prompt, index, 1)
            self._answers.addWidget(button, index, 2, Qt.AlignmentFlag.AlignVCenter)

    def _fill_calibration(self) -> None:
        clear_layout(self._calibration_box)
        if not self._calibration:
            lines = [
                _(
                    "You did not say how sure you were. Next time, try it: it helps you see "
                    "when your feeling is a good guide."
                )
            ]
        else:
            lines = [calibration_text(row) for row in self._calibration]
        self._calibration_stops: list[QWidget] = []
        for index, line in enumerate(lines):
            label = text_label(line)
            said = f"{self.calibration_heading.text()} – {line}" if index == 0 else line
            reading_stop(label, said, "")
            self._calibration_stops.append(label)
            self._calibration_box.addWidget(label)

    def _default_action(self) -> None:
        if self._practice:
            self.practice_requested.emit()
        else:
            self.back_requested.emit()
