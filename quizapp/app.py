"""Composition root: paths -> i18n -> QApplication -> main window -> (later) storage, content,
views and controllers. No logic of its own beyond wiring.

Start-up is "paint first, then boot", so a student never looks at a black window:
:class:`AppShell` builds the main window with the start view in its "loading" state, in the
student's language and at the window's final size (both from ``window.json``, see
:mod:`quizapp.ui.window_state`), using only Qt and light modules. Once that frame has been
painted on screen (:func:`quizapp.ui.startup_hooks.after_next_paint`), :meth:`AppShell.boot`
imports the database stack (SQLModel/SQLAlchemy) and the content loader (PyYAML/pydantic), opens
the database, loads the sets and wires the controllers. Nothing heavy may be imported at module
level here or in the modules imported before the first paint.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from quizapp import i18n, paths
from quizapp.i18n import _
from quizapp.ui.language import LanguageSwitcher
from quizapp.ui.main_window import MainWindow
from quizapp.ui.startup_hooks import after_next_paint, paint_now
from quizapp.ui.style import apply_app_style
from quizapp.ui.views.start_view import StartView
from quizapp.ui.window_state import WindowState, read_window_state, write_window_state

if TYPE_CHECKING:
    from quizapp.core.content.loader import ContentLibrary
    from quizapp.storage.errors import StorageError
    from quizapp.storage.records import AttemptRecord
    from quizapp.storage.repository import Repository
    from quizapp.ui.class_database import ClassDatabase
    from quizapp.ui.controllers.article_controller import ArticleController
    from quizapp.ui.controllers.history_controller import HistoryController
    from quizapp.ui.controllers.quiz_controller import QuizController
    from quizapp.ui.controllers.results_controller import ResultsController
    from quizapp.ui.controllers.start_controller import StartController
    from quizapp.ui.teacher.controller import TeacherController
    from quizapp.ui.views.article_view import ArticleView
    from quizapp.ui.views.feedback_view import FeedbackView
    from quizapp.ui.views.history_view import HistoryView
    from quizapp.ui.views.quiz_view import QuizView
    from quizapp.ui.views.results_view import ResultsView


@dataclass(frozen=True)
class Screens:
    """Every view and controller beyond the start screen, wired together (see
    :meth:`AppShell.ensure_screens`)."""

    quiz_view: QuizView
    feedback_view: FeedbackView
    review_view: FeedbackView  # a finished attempt's answers, from the results or history
    article_view: ArticleView
    results_view: ResultsView
    history_view: HistoryView
    quiz: QuizController
    results: ResultsController
    history: HistoryController
    article: ArticleController
    teacher: TeacherController


class AppShell(QObject):
    """The running app: the window at once, everything else from :meth:`boot`.

    ``language`` given (``--lang``) wins over the language saved by the last session.
    ``content_paths`` defaults to the shipped content (tests and screenshots pass their own).
    """

    boot_started = Signal()  # the first frame is on screen; the heavy part begins
    ready = Signal()  # the sets are listed (and painted) and every view is wired
    quit_requested = Signal(int)  # exit code; the app could not start (e.g. no database)

    def __init__(
        self,
        app: QApplication,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        language: str | None = None,
        content_paths: Sequence[Path] | None = None,
        database: str | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.data_dir = paths.data_dir(data_dir)
        self.database = paths.database_url(database)  # the class database server, if any
        self.class_database: ClassDatabase | None = None
        self._language_forced = language is not None
        self._shipped_content = list(content_paths or [paths.content_dir()])
        self.repository: Repository | None = None
        self.library: ContentLibrary | None = None
        #: The start screen's controller, once booted.
        self.start_controller: StartController | None = None
        #: The other views and controllers, once built (after the start screen is painted).
        self.screens: Screens | None = None
        self._saved_state = read_window_state(self.data_dir)
        self._language_chosen = False  # switched in this session (so worth remembering)
        apply_app_style(app)
        self.window = MainWindow()
        self.window.place_on_screen(self._saved_state.size())
        self.languages = LanguageSwitcher(app, self.window.retranslate)
        self.languages.apply_initial(
            language or self._saved_state.language or i18n.DEFAULT_LANGUAGE
        )
        self.languages.changed.connect(self._language_changed)
        self.window.retranslate()
        self.start_view = StartView()
        self.start_view.set_language(self.languages.language)
        self.start_view.set_loading()
        self.window.show_view(self.start_view)
        self.window.closing.connect(self.close)

    def show(self) -> None:
        """Show the window (the start view says it is loading), maximised if it was last time."""
        if self._saved_state.maximized:
            self.window.showMaximized()
        else:
            self.window.show()

    def start(self) -> None:
        """Show the window and boot once its first frame has been painted."""
        after_next_paint(self.start_view, self.boot)
        self.show()

    def boot(self) -> None:
        """Open the database, load the content, build and wire the remaining views."""
        self.boot_started.emit()
        from quizapp.storage.errors import StorageError
        from quizapp.storage.repository import Repository

        try:
            self.repository = Repository.open(self.data_dir, outbox=self.database is not None)
        except StorageError as error:
            self._storage_failed(error)
            return
        if self.database is not None and self.class_database is None:
            from quizapp.ui.class_database import ClassDatabase

            self.class_database = ClassDatabase(self.window, self.repository, self.database)
        self._restore_language(self.repository)
        from quizapp.core.content.loader import load_content

        self.library = load_content(self.content_paths())
        self._wire(self.repository, self.library)
        if self.repository.recovered_from is not None:
            self._tell_recovered(self.repository.recovered_from)

    def content_paths(self) -> list[Path]:
        """The shipped (or given) content, then the teacher's own folder if it has sets."""
        return [*self._shipped_content, *paths.teacher_content_paths(self.data_dir)]

    def reload_content(self) -> None:
        """Read every content file again; the start view lists what loads now."""
        from quizapp.core.content.loader import load_content

        if self.library is None:
            return
        self.library.replace_with(load_content(self.content_paths()))
        if self.start_controller is not None:
            self.start_controller.content_changed()

    def close(self) -> None:
        """Remember the window, close the database (idempotent); called when the window closes."""
        self._remember_window()
        if self.class_database is not None:
            self.class_database.close()
            self.class_database = None
        if self.repository is not None:
            self.repository.close()
            self.repository = None

    def _language_changed(self) -> None:
        self._language_chosen = True

    def _remember_window(self) -> None:
        saved = self._saved_state
        forced_only = self._language_forced and not self._language_chosen
        size = self.window.normal_size() or saved.size()
        state = WindowState(
            width=size.width() if size is not None else None,
            height=size.height() if size is not None else None,
            maximized=self.window.isMaximized(),
            language=saved.language if forced_only else self.languages.language,
        )
        if state != saved and write_window_state(self.data_dir, state):
            self._saved_state = state

    def _storage_failed(self, error: StorageError) -> None:
        from quizapp.ui.dialogs import show_storage_error

        self.start_view.set_unavailable(error.message, error.hint)
        show_storage_error(
            self.window,
            error,
            on_retry=self._retry_boot,
            on_close=lambda: self.quit_requested.emit(1),
            close_text=_("Quit"),
        )

    def _retry_boot(self) -> None:
        self.start_view.set_loading()
        QTimer.singleShot(0, self.boot)

    def _restore_language(self, repository: Repository) -> None:
        from quizapp import settings_keys
        from quizapp.storage.errors import StorageError

        if self._language_forced:
            return
        try:
            saved = repository.get_setting(settings_keys.UI_LANGUAGE)
        except StorageError:
            return
        if saved in i18n.SUPPORTED and saved != self.languages.language:
            self.languages.switch(saved)
            self.start_view.set_language(saved)

    def _tell_recovered(self, old_file: Path) -> None:
        from quizapp.ui.dialogs import show_notice

        box = show_notice(
            self.window,
            _("A new results file was started"),
            _(
                "The results file was damaged, so quizapp started a new, empty one. The old "
                "file was kept; please give it to your teacher."
            ),
            _("Old file: %(path)s") % {"path": old_file},
        )
        box.setObjectName("recovered_notice")

    def _wire(self, repository: Repository, library: ContentLibrary) -> None:
        """List the sets; the other views and controllers follow once the list is on screen.

        A student on the start screen needs only the start controller. The rest (quiz,
        feedback, article, results, history and the teacher area, ~70 ms of imports and
        widgets) is built on the next event-loop turn, after the listed sets are painted, or
        at once if the student asks for it sooner; :attr:`ready` is emitted when everything
        is in place.
        """
        from quizapp.ui.controllers.start_controller import StartController

        show = self.window.show_view
        # The article page is built with the rest, when "Read the article" first needs it.
        start = StartController(
            repository,
            library,
            self.start_view,
            self.languages,
            show,
            lambda: self.ensure_screens().article,
        )
        start.quiz_requested.connect(lambda request: self.ensure_screens().quiz.start(request))
        start.history_requested.connect(
            lambda nickname, student: self.ensure_screens().history.show_for(nickname, student)
        )
        self.start_view.teacher_requested.connect(
            lambda: self.ensure_screens().teacher.request_access()
        )
        self.start_controller = start
        start.activate()
        paint_now(self.window)  # the listed sets whole on screen, then the rest
        QTimer.singleShot(0, self._wire_rest)

    def ensure_screens(self) -> Screens:
        """:attr:`screens`, built now if they are not yet (a quick student, or a test).

        Raises ``RuntimeError`` before :meth:`boot` opened the database and listed the sets.
        """
        self._wire_rest()
        if self.screens is None:
            raise RuntimeError("quizapp has not booted: there is nothing to show yet")
        return self.screens

    def _wire_rest(self) -> None:
        """Build and wire everything but the start screen (once), then emit :attr:`ready`."""
        start = self.start_controller
        if self.screens is not None or start is None:
            return
        if self.repository is None or self.library is None:
            return  # closed meanwhile
        from quizapp.ui.controllers.article_controller import ArticleController
        from quizapp.ui.controllers.history_controller import HistoryController
        from quizapp.ui.controllers.quiz_controller import QuizController
        from quizapp.ui.controllers.results_controller import ResultsController
        from quizapp.ui.teacher.controller import ContentPlaces, TeacherController
        from quizapp.ui.views.article_view import ArticleView
        from quizapp.ui.views.feedback_view import FeedbackView
        from quizapp.ui.views.history_view import HistoryView
        from quizapp.ui.views.quiz_view import QuizView
        from quizapp.ui.views.results_view import ResultsView

        repository, library = self.repository, self.library
        window, show = self.window, self.window.show_view
        quiz_view, feedback_view = QuizView(), FeedbackView()
        review_view = FeedbackView(review=True)
        article_view, results_view, history_view = ArticleView(), ResultsView(), HistoryView()
        for view in (
            quiz_view,
            feedback_view,
            review_view,
            article_view,
            results_view,
            history_view,
        ):
            window.add_view(view)
        article = ArticleController(article_view, show)
        quiz = QuizController(repository, quiz_view, feedback_view, show)
        results = ResultsController(repository, library, results_view, review_view, show)
        history = HistoryController(repository, library, history_view, show)
        quiz.paused.connect(start.show)
        quiz.finished.connect(results.show_attempt)
        results.practice_requested.connect(quiz.start)
        results.back_requested.connect(
            lambda to_history: history.refresh() if to_history else start.show()
        )
        history.back_requested.connect(start.show)
        history.quiz_requested.connect(quiz.start)
        history.attempt_opened.connect(
            lambda attempt: self._open_from_history(results, library, attempt)
        )
        places = ContentPlaces(
            shipped=self._shipped_content[0],
            teacher_folder=paths.teacher_content_dir(self.data_dir),
            reload=self.reload_content,
        )
        classes = self.class_database.classes if self.class_database is not None else None
        teacher = TeacherController(
            repository, library, show, window, content=places, classes=classes
        )
        teacher.back_requested.connect(start.show)
        self.screens = Screens(
            quiz_view=quiz_view,
            feedback_view=feedback_view,
            review_view=review_view,
            article_view=article_view,
            results_view=results_view,
            history_view=history_view,
            quiz=quiz,
            results=results,
            history=history,
            article=article,
            teacher=teacher,
        )
        self.ready.emit()

    @staticmethod
    def _open_from_history(
        results: ResultsController, library: ContentLibrary, attempt: AttemptRecord
    ) -> None:
        question_set = library.get_set(attempt.set_id, attempt.language)
        if question_set is not None:
            results.show_attempt(attempt, question_set, from_history=True)
