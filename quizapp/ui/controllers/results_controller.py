"""The results of one attempt, the review of single answers, and "practise the ones I missed"."""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import Question, QuestionSet
from quizapp.core.progress import mastered, skill_breakdown
from quizapp.core.quiz import calibration, display_order
from quizapp.core.scoring import credit, is_partly
from quizapp.core.set_score import answer_points
from quizapp.storage.errors import StorageError
from quizapp.storage.records import AttemptRecord
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.quiz_controller import QuizRequest
from quizapp.ui.dialogs import show_storage_error
from quizapp.ui.views.results_view import Progress, ResultRow, ResultsView
from quizapp.ui.views.review_view import ReviewView


def new_seed() -> int:
    """A fresh seed for an attempt's choice order (stored with it, so any int works)."""
    return random.SystemRandom().randrange(1, 2**31)


class ResultsController(QObject):
    """Shows an attempt's results; Review opens one answer's feedback read-only."""

    practice_requested = Signal(object)  # QuizRequest for the new practice attempt
    back_requested = Signal(bool)  # True: back to the history the attempt was opened from

    def __init__(
        self,
        repository: Repository,
        library: ContentLibrary,
        view: ResultsView,
        review_view: ReviewView,
        show: Callable[[QWidget], None],
    ) -> None:
        super().__init__(view)
        self._repository = repository
        self._library = library
        self._view = view
        self._review_view = review_view
        self._show = show
        self._attempt: AttemptRecord | None = None
        self._set: QuestionSet | None = None
        self._from_history = False
        self._reviewed: str | None = None
        view.review_requested.connect(self._review)
        view.practice_requested.connect(self._practise)
        view.back_requested.connect(lambda: self.back_requested.emit(self._from_history))
        review_view.next_requested.connect(self._back_from_review)

    def show_attempt(
        self, attempt: AttemptRecord, question_set: QuestionSet, *, from_history: bool = False
    ) -> None:
        """Show the results of ``attempt`` (answered questions in the order asked)."""
        self._attempt, self._set, self._from_history = attempt, question_set, from_history
        answers = {answer.result.question_id: answer.result for answer in attempt.answers}
        rows = []
        for question_id in attempt.question_ids:
            question = question_set.question(question_id)
            result = answers.get(question_id)
            if question is None or result is None:
                continue
            if isinstance(question, Question):
                earned = credit(question, result.chosen)
                row = ResultRow(
                    question_id,
                    question.prompt,
                    result.correct,
                    earned.found,
                    earned.of,
                    earned.partly,
                    earned=answer_points(
                        result.credit,
                        correct=result.correct,
                        question=question,
                        chosen=result.chosen,
                    ),
                )
            else:  # a newer task type: its partial credit, as a share
                row = ResultRow(
                    question_id,
                    question.prompt,
                    result.correct,
                    partly=is_partly(result.earned, correct=result.correct),
                    share=result.earned,
                    earned=result.earned,
                )
            rows.append(row)
        self._view.show_results(
            question_set.title,
            rows,
            calibration(answers.values()),
            can_practise=True,
            back_to_history=from_history,
            progress=self._progress(attempt, question_set),
        )
        self._show(self._view)

    def _progress(self, attempt: AttemptRecord, question_set: QuestionSet) -> Progress:
        """Skills of this attempt; the change since the last full round, or combined mastery."""
        skills = skill_breakdown(question_set, (a.result for a in attempt.answers))
        if not attempt.finished:
            return Progress(skills, unfinished=True)
        try:
            earlier = self._repository.history(attempt.student_id, attempt.set_id, attempt.language)
        except StorageError:
            return Progress(skills)  # the page works without the comparison
        # Oldest first, finished only, up to this attempt.
        rounds = [a for a in reversed(earlier) if a.finished and a.id <= attempt.id]
        fulls = [a for a in rounds if a.mode == "full"]
        if attempt.mode == "full":
            before = [a for a in fulls if a.id < attempt.id]
            previous = (before[-1].score, before[-1].total) if before else None
            return Progress(skills, previous=previous)
        if not fulls:
            return Progress(skills)
        # A practice round: the last full round and every practice round since, together.
        base = fulls[-1]
        since = [a for a in rounds if a.id >= base.id]
        right = mastered([[answer.result for answer in a.answers] for a in since])
        right &= set(base.question_ids)
        return Progress(skills, mastered=(len(right), base.total))

    def _review(self, question_id: str) -> None:
        attempt, question_set = self._attempt, self._set
        if attempt is None or question_set is None:
            return
        question = question_set.question(question_id)
        results = [a.result for a in attempt.answers if a.result.question_id == question_id]
        if question is None or not results:
            return
        self._reviewed = question_id
        source = self._library.source_for(question_set)
        self._review_view.set_source(source, question_set.language)
        self._review_view.show_result(
            question,
            display_order(question, attempt.seed),  # the order the student saw
            results[0],
            show_translations=source is not None and source.language != question_set.language,
        )
        self._show(self._review_view)

    def _back_from_review(self) -> None:
        self._show(self._view)
        self._view.focus_review_button(self._reviewed)

    def _practise(self) -> None:
        attempt, question_set = self._attempt, self._set
        if attempt is None or question_set is None:
            return
        missed = [a.result.question_id for a in attempt.answers if not a.result.correct]
        missed = [qid for qid in missed if question_set.question(qid) is not None]
        if not missed:
            return
        try:
            practice = self._repository.start_attempt(
                attempt.student_id,
                attempt.set_id,
                attempt.language,
                missed,
                seed=new_seed(),
                mode="practice",
            )
        except StorageError as error:
            show_storage_error(self._view.window(), error, on_retry=self._practise)
            return
        self.practice_requested.emit(
            QuizRequest(question_set, practice, self._library.source_for(question_set))
        )
