"""The student's earlier attempts, grouped per set, with localised dates and scores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from babel import Locale
from babel.dates import format_date, format_time
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import QuestionSet
from quizapp.core.score_text import score_line
from quizapp.core.set_score import answer_points
from quizapp.i18n import _, current_language, format_locale, ngettext
from quizapp.storage.errors import StorageError
from quizapp.storage.records import AttemptRecord
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.quiz_controller import QuizRequest
from quizapp.ui.dialogs import show_storage_error
from quizapp.ui.language import LANGUAGE_NAMES
from quizapp.ui.views.history_view import HistoryGroup, HistoryRow, HistoryView


def local_time(stored: datetime) -> datetime:
    """A stored (naive UTC) time as an aware time in the computer's time zone."""
    return stored.replace(tzinfo=UTC).astimezone()


def when_text(stored: datetime, language: str) -> str:
    """Date and time in the locale's own order and format, without seconds.

    e.g. "25.11.2026, 16:40" or "25 Nov 2026, 16:40".
    """
    moment = local_time(stored)
    region = format_locale(language)  # en_GB unless the system says otherwise
    pattern = str(Locale.parse(region).datetime_formats["medium"])  # e.g. "{1}, {0}"
    date = format_date(moment, "medium", locale=region)
    time = format_time(moment, "short", locale=region)
    return pattern.replace("{1}", date).replace("{0}", time)


def attempt_row(
    attempt: AttemptRecord, language: str, question_set: QuestionSet | None = None
) -> HistoryRow:
    """How one attempt is listed, in the current UI ``language`` (``question_set``: the set
    in the attempt's language, for the points of answers saved without their credit)."""
    when = when_text(attempt.finished_at or attempt.started_at, language)
    kind = _("Practice") if attempt.mode == "practice" else _("Whole set")
    if attempt.language != language:
        kind = _("%(kind)s (%(language)s)") % {
            "kind": kind,
            "language": LANGUAGE_NAMES.get(attempt.language, attempt.language),
        }
    if attempt.finished:
        points = sum(
            answer_points(
                a.result.credit,
                correct=a.result.correct,
                question=question_set.question(a.result.question_id) if question_set else None,
                chosen=a.result.chosen,
            )
            for a in attempt.answers
        )
        result = score_line(attempt.score, attempt.total, points, with_percent=True)
    else:
        result = ngettext(
            "not finished: %(n)d of %(total)d answered",
            "not finished: %(n)d of %(total)d answered",
            attempt.total,
        ) % {"n": len(attempt.answers), "total": attempt.total}
    return HistoryRow(attempt.id, when, kind, result, attempt.finished, len(attempt.answers))


class HistoryController(QObject):
    """Fills the history view for one student; opening an attempt asks for its results."""

    attempt_opened = Signal(object)  # AttemptRecord
    quiz_requested = Signal(object)  # QuizRequest: continue an unfinished attempt
    back_requested = Signal()

    def __init__(
        self,
        repository: Repository,
        library: ContentLibrary,
        view: HistoryView,
        show: Callable[[QWidget], None],
    ) -> None:
        super().__init__(view)
        self._repository = repository
        self._library = library
        self._view = view
        self._show = show
        self._student: tuple[str, int | None] = ("", None)
        view.open_requested.connect(self._open)
        view.continue_requested.connect(self._continue)
        view.back_requested.connect(self.back_requested)

    def show_for(self, nickname: str, student_id: int | None) -> None:
        """Show the attempts of ``student_id`` (``None``: a nickname never used here)."""
        self._student = (nickname, student_id)
        try:
            attempts = self._repository.history(student_id) if student_id is not None else []
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return
        self._view.show_history(nickname, self._groups(attempts))
        self._show(self._view)

    def refresh(self) -> None:
        """Re-list (after a language switch, dates and kinds are formatted anew)."""
        nickname, student_id = self._student
        if nickname:
            self.show_for(nickname, student_id)

    def _groups(self, attempts: list[AttemptRecord]) -> list[HistoryGroup]:
        language = current_language()
        order = [s.id for s in self._library.sets_for(language)]
        by_set: dict[str, list[AttemptRecord]] = {}
        for attempt in attempts:  # newest first, as the repository returns them
            by_set.setdefault(attempt.set_id, []).append(attempt)
        set_ids = sorted(
            by_set, key=lambda sid: (order.index(sid) if sid in order else len(order), sid)
        )
        return [
            HistoryGroup(
                self._title(set_id, language),
                [
                    attempt_row(attempt, language, self._library.get_set(set_id, attempt.language))
                    for attempt in by_set[set_id]
                ],
            )
            for set_id in set_ids
        ]

    def _title(self, set_id: str, language: str) -> str:
        question_set = self._library.get_set(set_id, language)
        if question_set is None:
            others = [s for s in self._library.sets if s.id == set_id]
            question_set = others[0] if others else None
        return question_set.title if question_set is not None else set_id

    def _open(self, attempt_id: int) -> None:
        try:
            attempt = self._repository.attempt(attempt_id)
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return
        if attempt is not None and attempt.answers:  # unfinished: what was answered so far
            self.attempt_opened.emit(attempt)

    def _continue(self, attempt_id: int) -> None:
        try:
            attempt = self._repository.attempt(attempt_id)
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return
        if attempt is None or attempt.finished:
            return
        question_set = self._library.get_set(attempt.set_id, attempt.language)
        if question_set is None or any(
            question_set.question(q) is None for q in attempt.question_ids
        ):
            return  # the set was removed or edited: it can only be started anew
        source = self._library.source_for(question_set)
        self.quiz_requested.emit(QuizRequest(question_set, attempt, source))
