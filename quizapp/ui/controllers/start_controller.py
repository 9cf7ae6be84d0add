"""The start page's logic: who is playing, which language, which set, new or resumed attempt."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from quizapp import settings_keys
from quizapp.core.content.articles import ArticleGroup, group_by_article
from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import QuestionSet
from quizapp.i18n import SUPPORTED, _, ngettext
from quizapp.storage.errors import StorageError
from quizapp.storage.records import AttemptRecord, StudentRecord
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.quiz_controller import QuizRequest
from quizapp.ui.controllers.results_controller import new_seed
from quizapp.ui.dialogs import show_notice, show_storage_error
from quizapp.ui.language import LANGUAGE_NAMES, LanguageSwitcher
from quizapp.ui.views.problems_dialog import ProblemsDialog
from quizapp.ui.views.start_view import SetEntry, StartView

if TYPE_CHECKING:  # the article page is built after the start screen is painted
    from quizapp.ui.controllers.article_controller import ArticleController

NICKNAME_SETTING = settings_keys.LAST_NICKNAME
LANGUAGE_SETTING = settings_keys.UI_LANGUAGE


class StartController(QObject):
    """Fills the start view from the content library and the student's scores."""

    quiz_requested = Signal(object)  # QuizRequest
    history_requested = Signal(str, object)  # nickname, student id or None
    ready = Signal()  # the sets are listed with the student's best scores

    def __init__(
        self,
        repository: Repository,
        library: ContentLibrary,
        view: StartView,
        languages: LanguageSwitcher,
        show: Callable[[QWidget], None],
        article: Callable[[], ArticleController],
    ) -> None:
        super().__init__(view)
        self._repository = repository
        self._library = library
        self._view = view
        self._languages = languages
        self._show = show
        self._article = article
        self._listed_for: str | None = None  # the nickname whose best scores are listed
        view.start_requested.connect(self._start)
        view.start_over_requested.connect(self._start_over)
        view.history_requested.connect(self._history)
        view.language_requested.connect(self._switch_language)
        view.nickname_confirmed.connect(self._nickname_confirmed)
        view.details_requested.connect(self._show_problems)
        view.article_requested.connect(self._read_article)

    def activate(self) -> None:
        """First fill after loading: remembered nickname, broken-file notice, the sets."""
        try:
            nickname = self._repository.get_setting(NICKNAME_SETTING, "") or ""
        except StorageError:
            nickname = ""  # not worth a dialog: the student just types it again
        if nickname and not self._view.nickname_text():
            self._view.set_nickname(nickname)
        self._view.set_language(self._languages.language)
        self._view.set_broken_files(len(self._library.broken_files))
        self.refresh()
        self.ready.emit()

    def content_changed(self) -> None:
        """After the content was loaded again: the broken-file notice and the sets anew."""
        self._view.set_broken_files(len(self._library.broken_files))
        self.refresh()

    def show(self) -> None:
        """Back to the start page, with fresh best scores."""
        self.refresh()
        self._show(self._view)

    def refresh(self) -> None:
        """List the current language's sets with the current nickname's best scores."""
        language = self._languages.language
        self._listed_for = self._view.nickname_text()
        student = self._find_student(self._listed_for)
        # Grouped by article, newest first: students pick this week's article, then a set.
        groups = group_by_article(self._library.sets_for(language), self._library.sources, language)
        sets = [question_set for group in groups for question_set in group.sets]
        about = {question_set.id: group for group in groups for question_set in group.sets}
        best = {}
        unfinished: dict[str, AttemptRecord] = {}
        if student is not None:
            try:
                best = self._repository.best_scores(student.id, language)
                for question_set in sets:
                    attempt = self._unfinished(student, question_set)
                    if attempt is not None:
                        unfinished[question_set.id] = attempt
            except StorageError as error:
                show_storage_error(self._view.window(), error)
        entries = []
        for question_set in sets:
            score = best.get(question_set.id)
            open_attempt = unfinished.get(question_set.id)
            entries.append(
                SetEntry(
                    question_set.id,
                    question_set.title,
                    question_set.description,
                    len(question_set.questions),
                    score.score if score else None,
                    score.total if score else None,
                    len(open_attempt.answers) if open_attempt else None,
                    open_attempt.total if open_attempt else None,
                    about[question_set.id].title,
                    article_details(about[question_set.id]),
                )
            )
        self._view.set_entries(entries)

    def _unfinished(
        self, student: StudentRecord, question_set: QuestionSet
    ) -> AttemptRecord | None:
        """The attempt to continue at this set, if any (and if its questions still exist)."""
        attempt = self._repository.unfinished_attempt(
            student.id, question_set.id, question_set.language
        )
        return attempt if attempt is not None and _resumable(attempt, question_set) else None

    def _nickname_confirmed(self, nickname: str) -> None:
        # Refilled only for another nickname: its language, best scores, unfinished attempts.
        if nickname == self._listed_for:
            return
        student = self._find_student(nickname)
        remembered = None
        if student is not None:
            try:
                remembered = self._repository.student_language(student)
            except StorageError:
                remembered = None  # not worth a dialog: the language box still works
        note = ""
        if remembered in SUPPORTED and remembered != self._languages.language:
            assert remembered is not None
            self._languages.switch(remembered)
            self._view.set_language(remembered)
            note = _("Switched to %(language)s, the language %(nickname)s used last time.") % {
                "language": LANGUAGE_NAMES[remembered],
                "nickname": nickname,
            }
        self._view.show_language_note(note)
        self.refresh()

    def _find_student(self, nickname: str) -> StudentRecord | None:
        """The student with this nickname, without creating one for every name typed."""
        if not nickname:
            return None
        try:
            students = self._repository.students()
        except StorageError:
            return None
        for student in students:
            if student.nickname == nickname and not student.group and not student.is_demo:
                return student
        return None

    def _switch_language(self, language: str) -> None:
        before = self._languages.language
        unfinished = [entry.title for entry in self._view.entries() if entry.unfinished]
        lang = self._languages.switch(language)
        student = self._find_student(self._view.nickname_text())
        try:
            self._repository.set_setting(LANGUAGE_SETTING, lang)
            if student is not None:
                self._repository.set_student_language(student, lang)
        except StorageError as error:
            show_storage_error(self._view.window(), error)
        self.refresh()
        note = ""
        if unfinished and lang != before:
            # Attempts and scores are per language (content/README.md): say where it went.
            note = ngettext(
                "Your unfinished attempt at “%(titles)s” is kept. Switch back to %(language)s "
                "to continue it; scores count per language.",
                "Your unfinished attempts at “%(titles)s” are kept. Switch back to "
                "%(language)s to continue them; scores count per language.",
                len(unfinished),
            ) % {"titles": "”, “".join(unfinished), "language": LANGUAGE_NAMES[before]}
        self._view.show_language_note(note)

    def _start(self, set_id: str) -> None:
        """Continue the unfinished attempt at this set if there is one, else begin anew."""
        question_set = self._library.get_set(set_id, self._languages.language)
        if question_set is None:
            return
        try:
            student = self._repository.get_or_create_student(self._view.nickname_text())
            self._repository.set_setting(NICKNAME_SETTING, student.nickname)
            self._repository.set_student_language(student, self._languages.language)
            unfinished = self._unfinished(student, question_set)
        except StorageError as error:
            show_storage_error(self._view.window(), error, on_retry=lambda: self._start(set_id))
            return
        if unfinished is not None:
            self._request(question_set, unfinished)
        else:
            self._begin(student, question_set)

    def _start_over(self, set_id: str) -> None:
        """Drop the unfinished attempt at this set and begin it anew."""
        question_set = self._library.get_set(set_id, self._languages.language)
        nickname = self._view.nickname_text()
        if question_set is None or not nickname:
            return
        try:
            student = self._repository.get_or_create_student(nickname)
            unfinished = self._unfinished(student, question_set)
            if unfinished is not None:
                self._repository.abandon_attempt(unfinished.id)
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return
        self._begin(student, question_set)

    def _begin(self, student: StudentRecord, question_set: QuestionSet) -> None:
        try:
            attempt = self._repository.start_attempt(
                student.id,
                question_set.id,
                question_set.language,
                [question.id for question in question_set.questions],
                seed=new_seed(),
            )
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return
        self._request(question_set, attempt)

    def _request(self, question_set: QuestionSet, attempt: AttemptRecord) -> None:
        source = self._library.source_for(question_set)
        self.quiz_requested.emit(QuizRequest(question_set, attempt, source))

    def _history(self) -> None:
        nickname = self._view.nickname_text()
        if not nickname:
            self._view.show_message(_("Please enter your nickname to see your history."))
            self._view.nickname.setFocus()
            return
        student = self._find_student(nickname)
        self.history_requested.emit(nickname, student.id if student else None)

    def _read_article(self, set_id: str) -> None:
        question_set = self._library.get_set(set_id, self._languages.language)
        if question_set is None:
            return
        source = self._library.source_for(question_set)
        if source is None:
            show_notice(
                self._view.window(),
                _("Article not available"),
                _("The article for this question set could not be loaded."),
            )
            return
        self._article().open(source, question_set.language, None, self._view)

    def _show_problems(self) -> None:
        lines = [problem.format() for problem in self._library.errors]
        dialog = ProblemsDialog(lines, self._view.window())
        dialog.setObjectName("problems_dialog")
        dialog.open()


def article_details(group: ArticleGroup) -> str:
    """ "Outlet · date" of an article as far as known, else that they are not given."""
    known = [text for text in (group.outlet, group.published) if text]
    return " · ".join(known) if known else _("outlet and date not given")


def _resumable(attempt: AttemptRecord, question_set: QuestionSet) -> bool:
    """Whether every question of the attempt is still in the set (it may have been edited)."""
    return all(question_set.question(qid) is not None for qid in attempt.question_ids)
