"""The ``evidence`` task: the statement, the article to mark words in, and the marks so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import EvidenceTask, Stance, Task
from quizapp.core.quiz import AnswerResult
from quizapp.core.responses import EvidenceResponse, Layer, TaskResponse
from quizapp.core.score_text import evidence_words, verdict_text
from quizapp.core.scoring import check_evidence
from quizapp.i18n import _
from quizapp.ui.style import set_role
from quizapp.ui.views.tasks.article_marker import ArticleMarker
from quizapp.ui.views.tasks.base import (
    TaskContext,
    TaskInput,
    bold_label,
    key_stop,
    quoted,
    status_row,
)
from quizapp.ui.widgets.announce import announce_on, say_now
from quizapp.ui.widgets.common import em, reading_stop, set_button_text, text_label


class EvidenceInput(TaskInput):
    """Statement, stance, the article (select words, "Mark as evidence"), and the marks.

    The article to mark in takes the place of the page's reading pane (see ``shows_article``).
    """

    shows_article = True

    def __init__(self, context: TaskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._task: EvidenceTask | None = None
        self.statement = bold_label("")
        set_role(self.statement, "banner", "quote", fresh=True)
        # Which words to mark is the prompt's to say; the stance label is hidden (on screen it
        # repeated the prompt) and read with the statement. The first Tab stop: the question,
        # the statement and what to mark, read on arrival.
        reading_stop(self.statement, "", "")
        self.stance = text_label()
        self.stance.hide()
        self.article = ArticleMarker()
        # Grows with the page (see QuizView); a 600 px screen still shows how sure and Submit.
        self.article.setMinimumHeight(em(self, 14))
        self.mark_button = QPushButton()
        self.clear_button = QPushButton()
        self.mark_button.clicked.connect(self.mark_selection)
        self.clear_button.clicked.connect(self.clear_marks)
        self.marks_label = text_label()
        reading_stop(self.marks_label, "", "")  # "Your evidence: …" reachable by Tab
        self.status = text_label(muted=True)
        buttons = QHBoxLayout()  # the marks so far beside the buttons: one line less
        buttons.addWidget(self.mark_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addSpacing(em(self, 0.5))
        buttons.addWidget(self.marks_label, 1)
        self.box.addWidget(self.statement)
        self.box.addWidget(self.article, 1)
        self.box.addLayout(buttons)
        self.box.addWidget(self.status)
        self.status.hide()  # shown only to say what to do when nothing was selected
        self.article.selectionChanged.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        """Buttons, names and the marks list in the current language."""
        set_button_text(
            self.mark_button,
            _("&Mark as evidence"),
            _("Marks the words selected in the article as your evidence."),
        )
        set_button_text(self.clear_button, _("C&lear marks"), _("Removes all your marks."))
        self.article.setAccessibleName(_("Article text to mark"))
        self.article.setAccessibleDescription(self._article_description())
        if self._task is not None:
            self._fill_texts(self._task)
        self._update()

    @staticmethod
    def _article_description() -> str:
        return _(
            "Move with the arrow keys, select words with Shift and the arrow keys, "
            "then press Alt+M to mark them."
        )

    def _fill_texts(self, task: EvidenceTask) -> None:
        self.statement.setText(_("Statement: %(text)s") % {"text": task.statement})
        self.stance.setText(
            _("Mark the words in the article that support this statement.")
            if task.stance is Stance.SUPPORTS
            else _("Mark the words in the article that undermine this statement.")
        )
        # Orca reads a text's name, not its description: the question, the statement and the
        # stance are the name of this first stop; what to do follows as its description.
        said = f"{self.statement.text()} {self.stance.text()}"
        self.statement.setAccessibleName(f"{self.prompt} {said}".strip())
        self.statement.setAccessibleDescription(self.hint())

    def show_task(self, task: Task, order: list[str]) -> None:
        """The statement and the article, without marks."""
        assert isinstance(task, EvidenceTask)
        self._task = task
        self.retranslate()  # the prompt joins the article's description
        self._fill_texts(task)
        if self.context.source is not None:
            self.article.show_source(self.context.source, self.context.language)
        else:
            self.article.setPlainText(_("The article for this question set could not be loaded."))
        self._update()

    def mark_selection(self) -> None:
        """Mark the selected words and say what is marked now; say why when nothing was."""
        selected = self.article.textCursor().selectedText().strip()
        new = self.article.add_selection()
        self._update()
        if new:
            self.status.setText("")
            self.article.setFocus(Qt.FocusReason.OtherFocusReason)
            say_now(self.article, self.marks_label.text(), resting=self._article_description())
        else:
            if selected:  # only a label was selected, such as "Translation:"
                label = _("Translation: %(text)s").split("%(text)s", 1)[0].strip()
                message = _(
                    "“%(label)s” and the other labels are not part of the article. Select "
                    "words of the article itself, then press Alt+M."
                ) % {"label": label}
            else:
                message = _(
                    "Nothing is selected. Select words in the article with Shift and the "
                    "arrow keys first, then press Alt+M."
                )
            self.status.setText(message)
            announce_on(self.article, message)
        self.status.setVisible(bool(self.status.text()))
        self.changed.emit()

    def on_enter(self) -> bool:
        """Enter with nothing marked: say what to do, on the article."""
        if self.article.marks:
            return False
        message = _(
            "Nothing is marked yet. Select words in the article with Shift and the arrow keys, "
            "then press Alt+M."
        )
        self.status.setText(message)
        self.status.show()
        announce_on(self.article, message)
        return True

    def clear_marks(self) -> None:
        """Remove every mark."""
        self.article.clear_marks()
        self._update()
        self.changed.emit()

    def _update(self, *_args: object) -> None:
        marks = self.article.marks
        if marks:
            words = " · ".join(quoted(m.text) for m in marks)
            self.marks_label.setText(_("Your evidence: %(marks)s") % {"marks": words})
        else:
            self.marks_label.setText(_("Your evidence: nothing marked yet."))
        self.clear_button.setEnabled(bool(marks))
        self.mark_button.setEnabled(self.context.source is not None)

    def response(self) -> TaskResponse | None:
        """Ready once something is marked."""
        marks = self.article.marks
        return EvidenceResponse(marks=tuple(marks)) if marks else None

    def hint(self) -> str:
        """How to mark (what to mark is the prompt's to say, and the stance's, read with the
        statement: the page once said it three times)."""
        return _("Select words in the article, then press “Mark as evidence”.")

    def answer_for_check(self, *, right: bool) -> None:
        """Mark the first cited quote, or the article's last block (page furniture, never
        evidence)."""
        source = self.context.source
        assert self._task is not None and source is not None
        citation = self._task.citations[0]
        block = source.block(citation.paragraph) if right else source.paragraphs[-1]
        assert block is not None
        found = locate_quote(block.text, citation.quote) if right else (0, len(block.text))
        assert found is not None
        self.article.select_range(block.id, Layer.ORIGINAL, *found)
        self.mark_selection()

    def keys_hint(self) -> str:
        """The keys."""
        return _("Shift+arrows: select · Alt+M: mark · Enter: submit")

    def focus_first(self) -> None:
        """Focus the statement: the question, the statement and the stance are read first."""
        self.statement.setFocus(Qt.FocusReason.OtherFocusReason)


def evidence_feedback(
    task: EvidenceTask, result: AnswerResult, context: TaskContext | None = None
) -> list[QWidget]:
    """What the student marked and, in words, how it compares with the evidence (why it falls
    short); the quotes follow below."""
    response = result.response if isinstance(result.response, EvidenceResponse) else None
    marks = response.marks if response is not None else ()
    marked = " · ".join(quoted(m.text) for m in marks) or "–"
    if response is not None and context is not None and context.source is not None:
        check = check_evidence(task, response, context.source, context.language)
        summary = evidence_words(check)
    else:
        summary = verdict_text(correct=result.correct, credit=result.earned)
    widgets: list[QWidget] = [
        text_label(_("Statement: %(text)s") % {"text": task.statement}),
        text_label(_("You marked:")),
        # A Tab stop: what you marked and how much of it was evidence, read together.
        key_stop(bold_label(marked), f"{_('You marked:')} {marked}", summary),
    ]
    widgets.append(status_row(summary, right=result.correct))
    widgets.append(
        text_label(
            _(
                "The evidence is quoted under “What the article says” above "
                "and marked in the article."
            ),
            muted=True,
        )
    )
    return widgets
