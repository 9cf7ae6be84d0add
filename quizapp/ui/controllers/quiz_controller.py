"""Runs one attempt: question → save the answer → feedback → next, until the results.

The answer is committed through the repository *before* the feedback is shown; if saving fails
the student sees why and the question stays, so nothing shown as answered is ever unsaved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.content.models import QuestionSet, SourceDocument
from quizapp.core.quiz import AnswerResult, Confidence, QuizError, QuizSession
from quizapp.core.responses import TaskResponse
from quizapp.i18n import _
from quizapp.storage.errors import StorageError
from quizapp.storage.records import AnswerRecord, AttemptRecord
from quizapp.storage.repository import Repository
from quizapp.ui.dialogs import show_notice, show_storage_error
from quizapp.ui.views.feedback_view import FeedbackView
from quizapp.ui.views.quiz_view import QuizView


@dataclass(frozen=True)
class QuizRequest:
    """An attempt to run (new or resumed) with its set and the set's source."""

    question_set: QuestionSet
    attempt: AttemptRecord
    source: SourceDocument | None


class QuizController(QObject):
    """Connects the quiz and feedback views to the quiz engine and the repository."""

    answer_saved = Signal(object)  # AnswerRecord, after it was committed
    finished = Signal(object, object)  # finished AttemptRecord, QuestionSet
    paused = Signal()

    def __init__(
        self,
        repository: Repository,
        quiz_view: QuizView,
        feedback_view: FeedbackView,
        show: Callable[[QWidget], None],
    ) -> None:
        super().__init__(quiz_view)
        self._repository = repository
        self._quiz_view = quiz_view
        self._feedback_view = feedback_view
        self._show = show
        self._request: QuizRequest | None = None
        self._session: QuizSession | None = None
        self._order: list[str] = []
        self._shown_at = 0.0
        self._last: AnswerResult | None = None
        quiz_view.submitted.connect(self._submit)
        quiz_view.task_submitted.connect(self._submit_task)
        quiz_view.pause_requested.connect(self.paused)
        feedback_view.next_requested.connect(self._next)

    @property
    def session(self) -> QuizSession | None:
        """The running attempt's engine state (for tests and the autoplay hook)."""
        return self._session

    def start(self, request: QuizRequest) -> None:
        """Run ``request.attempt``: a new one from the first question, a resumed one onwards."""
        attempt = request.attempt
        self._request = request
        self._session = QuizSession(
            request.question_set,
            seed=attempt.seed,
            question_ids=list(attempt.question_ids),
            answers=[answer.result for answer in attempt.answers],
            source=request.source,
        )
        language = request.question_set.language
        self._quiz_view.set_context(request.source, language)  # evidence tasks mark in it
        self._quiz_view.set_source(request.source, language)
        self._feedback_view.set_source(request.source, language)
        if self._session.finished:  # every answer saved, the app closed before "finish"
            self._finish()
            return
        self._show_question()

    def _show_question(self) -> None:
        session, request = self._session, self._request
        assert session is not None and request is not None
        self._order = session.current_choice_order()
        self._quiz_view.show_question(
            session.current,
            self._order,
            session.index + 1,
            session.total,
            request.question_set.title,
            practice=request.attempt.mode == "practice",
        )
        self._show(self._quiz_view)
        self._shown_at = time.monotonic()

    def _submit(self, chosen: list[str], confidence: Confidence | None) -> None:
        self._answer(
            lambda session, seconds: session.score_choices(chosen, confidence, seconds),
            retry=lambda: self._submit(chosen, confidence),
        )

    def _submit_task(self, response: TaskResponse, confidence: Confidence | None) -> None:
        self._answer(
            lambda session, seconds: session.score_response(response, confidence, seconds),
            retry=lambda: self._submit_task(response, confidence),
        )

    def _answer(
        self,
        score: Callable[[QuizSession, float], AnswerResult],
        retry: Callable[[], None],
    ) -> None:
        """Score the answer, save it, count it, then show the feedback (or keep the question
        on failure: an answer that is not saved is not answered)."""
        session, request = self._session, self._request
        if session is None or request is None or session.finished:
            return
        self._quiz_view.set_busy(busy=True)
        question = session.current
        try:
            result = score(session, time.monotonic() - self._shown_at)
        except QuizError:  # an answer the task cannot take (the view normally prevents it)
            self._quiz_view.set_busy(busy=False)
            return
        record = self._save(request.attempt.id, result, retry=retry)
        if record is None:
            self._quiz_view.set_busy(busy=False)
            return
        session.record(result)
        self._last = result
        self.answer_saved.emit(record)
        self._feedback_view.show_result(
            question,
            self._order,
            result,
            show_translations=self._show_translations(),
            is_last=session.finished,
            progress=(session.index, session.total),
        )
        self._show(self._feedback_view)

    def _save(
        self, attempt_id: int, result: AnswerResult, retry: Callable[[], None]
    ) -> AnswerRecord | None:
        """Commit ``result``; on failure tell the student why and return ``None``."""
        try:
            return self._repository.save_answer(attempt_id, result)
        except StorageError as error:
            show_storage_error(
                self._quiz_view.window(),
                error,
                on_retry=retry,
                close_text=_("Back to the question"),
            )
        except ValueError:
            # The attempt was finished or answered in another window meanwhile.
            show_notice(
                self._quiz_view.window(),
                _("Answer not saved"),
                _(
                    "This attempt was changed in another quizapp window, so the answer was "
                    "not saved. Start the set again from the start page."
                ),
            )
            self.paused.emit()
        return None

    def _show_translations(self) -> bool:
        request = self._request
        assert request is not None
        source = request.source
        return source is not None and source.language != request.question_set.language

    def _next(self) -> None:
        session = self._session
        if session is None:
            return
        if session.finished:
            self._finish()
        else:
            self._show_question()

    def _finish(self) -> None:
        request = self._request
        assert request is not None
        try:
            finished = self._repository.finish_attempt(request.attempt.id)
        except StorageError as error:
            show_storage_error(self._feedback_view.window(), error, on_retry=self._finish)
            return
        self.finished.emit(finished, request.question_set)
