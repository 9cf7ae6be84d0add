"""The teacher's preview: play any loaded set, drafts too, exactly as students see it.

The real quiz and feedback views and the real quiz controller run it, so the preview cannot
drift from what students get. Its answers go to a scratch results file in a temporary folder
that is deleted when the preview closes: nothing reaches the class's scores.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.models import QuestionSet, SourceDocument
from quizapp.i18n import _
from quizapp.storage.records import AttemptRecord
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.quiz_controller import QuizController, QuizRequest
from quizapp.ui.controllers.results_controller import new_seed
from quizapp.ui.views.feedback_view import FeedbackView
from quizapp.ui.views.quiz_view import QuizView
from quizapp.ui.widgets.banner import Banner
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label

PREVIEW_NICKNAME = "preview"


class PreviewWindow(QDialog):
    """A window of its own beside the teacher area: the set, then what the preview scored."""

    closed = Signal()

    def __init__(
        self, parent: QWidget | None, question_set: QuestionSet, source: SourceDocument | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview_window")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question_set = question_set
        self.source = source
        self._scratch = Path(tempfile.mkdtemp(prefix="quizapp-preview-"))
        self.repository = Repository.open(self._scratch)
        layout = QVBoxLayout(self)
        self.banner = Banner("notice")
        self.banner.show()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.quiz_view = QuizView()
        self.feedback_view = FeedbackView()
        self.done_page = self._build_done_page()
        for page in (self.quiz_view, self.feedback_view, self.done_page):
            self.stack.addWidget(page)
        self.quiz = QuizController(
            self.repository, self.quiz_view, self.feedback_view, self.stack.setCurrentWidget
        )
        self.quiz.finished.connect(self._finished)
        self.quiz.paused.connect(self.close)
        self.resize(em(self, 52), em(self, 38))
        self.retranslate()
        self.play()

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_heading = heading(2)
        self.done_text = text_label()
        layout.addWidget(self.done_heading)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.play)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        row.addStretch(1)
        row.addWidget(self.again_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        return page

    def retranslate(self) -> None:
        """Every text in the current language."""
        draft = _(" (draft)") if self.question_set.draft else ""
        self.setWindowTitle(
            _("Preview: %(title)s%(draft)s") % {"title": self.question_set.title, "draft": draft}
        )
        self.banner.text.setText(
            _("Preview – as students see it. Nothing is saved; class scores stay unchanged.")
        )
        self.done_heading.setText(_("End of the preview"))
        self.done_heading.setAccessibleName(self.done_heading.text())
        set_button_text(self.again_button, _("Play &again"))
        set_button_text(self.close_button, _("&Close preview"))

    def play(self) -> None:
        """Start the set from its first question."""
        student = self.repository.get_or_create_student(PREVIEW_NICKNAME)
        attempt = self.repository.start_attempt(
            student.id,
            self.question_set.id,
            self.question_set.language,
            [question.id for question in self.question_set.questions],
            seed=new_seed(),
        )
        self.quiz.start(QuizRequest(self.question_set, attempt, self.source))

    def _finished(self, attempt: AttemptRecord, _question_set: QuestionSet) -> None:
        self.done_text.setText(
            _("%(score)d of %(total)d right. This was a preview: nothing was saved.")
            % {"score": attempt.score, "total": len(attempt.question_ids)}
        )
        self.stack.setCurrentWidget(self.done_page)
        self.close_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the scratch results file and delete it with its folder."""
        self.repository.close()
        shutil.rmtree(self._scratch, ignore_errors=True)
        self.closed.emit()
        super().closeEvent(event)
