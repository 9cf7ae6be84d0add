"""The teacher area: the PIN gate in front of it, and filling the teacher view from the DB.

Nothing of the teacher area is built or filled before the PIN was accepted, and its data is
dropped again when the teacher goes back to the start view, so a student at the same computer
never sees it. Files (reports, results exchange, a student's data) are handled by
:class:`~quizapp.ui.teacher.actions.TeacherActions`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.pin import CheckOutcome, PinError, PinGate
from quizapp.i18n import _, current_language
from quizapp.reports.class_report import build_report
from quizapp.reports.dataset import ClassDataset, ReportFilters, load_dataset, skipped_text
from quizapp.storage.class_queries import ClassReader
from quizapp.storage.errors import StorageError
from quizapp.storage.repository import Repository
from quizapp.ui.controllers.background import Background
from quizapp.ui.dialogs import show_storage_error
from quizapp.ui.teacher import class_rows
from quizapp.ui.teacher.actions import TeacherActions
from quizapp.ui.teacher.pin_dialog import PinDialog
from quizapp.ui.teacher.rows import ClassGrid, OverviewRow, SetItems
from quizapp.ui.teacher.sets_controller import TeacherSets
from quizapp.ui.teacher.view import TeacherView

#: From this many stored answers on, reading and analysing the class takes longer than 0.1 s
#: (measured: 0.42 s for 2,146 answers), so it runs off the GUI thread with a Cancel button.
BACKGROUND_FROM_ANSWERS = 500


@dataclass(frozen=True)
class Loaded:
    """What the teacher view shows, computed in one go (possibly in a worker thread)."""

    dataset: ClassDataset
    grid: ClassGrid
    items: list[SetItems]


@dataclass(frozen=True)
class ContentPlaces:
    """Where content comes from, and how to read it all again (for the question sets tab)."""

    shipped: Path
    teacher_folder: Path
    reload: Callable[[], None]


class TeacherController(QObject):
    """Asks for the PIN, then shows the teacher view; Back drops the data again."""

    opened = Signal()
    back_requested = Signal()

    def __init__(
        self,
        repository: Repository,
        library: ContentLibrary,
        show: Callable[[QWidget], None],
        parent: QWidget,
        *,
        content: ContentPlaces | None = None,
        clock: Callable[[], float] = time.time,
        classes: ClassReader[Repository] | None = None,
    ) -> None:
        super().__init__(parent)
        self._repository = repository
        # The class's results: this machine's file, or the class database when one is set.
        self._classes = classes if classes is not None else repository.class_reader
        self._library = library
        self._show = show
        self._parent = parent
        self.gate = PinGate(repository, clock)
        self.dialog: PinDialog | None = None
        self.view: TeacherView | None = None  # built after the first accepted PIN
        self.actions: TeacherActions | None = None
        self.sets: TeacherSets | None = None
        self._content = content
        self.dataset: ClassDataset | None = None
        self.loader = Background(self)
        self.background_from = BACKGROUND_FROM_ANSWERS

    # ---- the gate ---------------------------------------------------------------------------

    def request_access(self) -> PinDialog | None:
        """Open the PIN dialog (choose a PIN on first use); ``None`` if the DB failed."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        try:
            choosing = not self.gate.has_pin()
            wait = self.gate.wait_seconds()
        except StorageError as error:
            show_storage_error(self._parent, error)
            return None
        dialog = PinDialog(self._parent, choosing=choosing)
        dialog.submitted.connect(self._pin_submitted)
        dialog.finished.connect(self._dialog_closed)
        if wait > 0:
            dialog.start_wait(wait)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _pin_submitted(self, pin: str, confirmation: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        try:
            if dialog.choosing:
                self.gate.set_pin(pin, confirmation)
                accepted = True
            else:
                result = self.gate.check(pin)
                accepted = result.ok
                if result.outcome is CheckOutcome.WRONG:
                    dialog.show_problem(_("That PIN is not right."))
                    dialog.start_wait(result.wait_seconds)
                elif result.outcome is CheckOutcome.WAIT:
                    dialog.show_problem("")
                    dialog.start_wait(result.wait_seconds)
        except PinError as error:
            dialog.show_problem(error.problem.message)
            return
        except StorageError as error:
            show_storage_error(dialog, error)
            return
        if accepted:
            dialog.accept()
            self.open_area()

    # ---- the area ---------------------------------------------------------------------------

    def open_area(self) -> None:
        """Build (once) and show the teacher view with fresh data. Only after the PIN."""
        if self.view is None:
            self.view = TeacherView(exchange=True)
            self.actions = TeacherActions(
                self._repository, self, self.view, student_data=self._classes.store
            )
            self.view.filters_changed.connect(self.refresh)
            self.view.back_requested.connect(self.leave)
            self.view.overview.row_chosen.connect(self._row_chosen)
            self.view.busy.cancel_requested.connect(self._cancel_loading)
            self.view.busy.retry_requested.connect(self.refresh)
            if self._content is not None:
                self.sets = TeacherSets(
                    self._library,
                    self.view.sets,
                    folder=self._content.teacher_folder,
                    shipped=self._content.shipped,
                    reload=self._content.reload,
                )
        if self.sets is not None:
            self.sets.refresh()
        self.refresh_options()
        self.refresh()
        self._show(self.view)
        self.opened.emit()

    def leave(self) -> None:
        """Drop the shown data and go back to the start view."""
        self.dataset = None
        self.loader.cancel()
        if self.view is not None:
            self.view.busy.stop()
            self.view.overview.show_grid(ClassGrid())
            self.view.items.show_sets([])
            self.view.files.set_status("")
        self.back_requested.emit()

    def refresh_options(self) -> None:
        """The groups and sets offered in the filters."""
        if self.view is None:
            return
        reader = self._classes
        language = current_language()
        try:
            include_demo = not reader.has_real_students()
            groups = reader.groups(include_demo=include_demo)
            set_ids = reader.set_ids()
        except StorageError as exc:
            self._failed(exc)
            return
        sets = [(sid, self._title(sid, language)) for sid in set_ids]
        self.view.set_filter_options(groups, sorted(sets, key=lambda s: s[1].casefold()))

    def report_filters(self) -> ReportFilters:
        """The view's filters as report filters."""
        chosen = self.view.filters() if self.view is not None else None
        if chosen is None:
            return ReportFilters()
        return ReportFilters(
            set_id=chosen.set_id,
            group=chosen.group,
            date_from=chosen.date_from,
            date_to=chosen.date_to,
        )

    def load(
        self, *, pseudonymise: bool = False, filters: ReportFilters | None = None
    ) -> ClassDataset:
        """The results matching ``filters`` (default: the view's), read now.

        Pass ``filters`` when reading in a worker thread: the view is read in the GUI thread.
        """
        return load_dataset(
            self._classes,
            self._library.sets,
            filters if filters is not None else self.report_filters(),
            pseudonymise=pseudonymise,
        )

    def is_big(self) -> bool:
        """Whether reading the class takes long enough to do it off the GUI thread."""
        return self._answer_count() >= self.background_from

    def refresh(self) -> None:
        """Re-read the results with the current filters and fill every tab.

        A big class is read and analysed in a worker thread while the view shows a moving bar
        and Cancel; a small one at once.
        """
        view = self.view
        if view is None:
            return
        language, filters = current_language(), self.report_filters()
        try:
            if not self.is_big():
                self._show_loaded(self._compute(filters, language))
                return
        except StorageError as exc:
            self._failed(exc)
            return
        view.busy.start()
        self.loader.run(lambda: self._compute(filters, language), self._loaded, self._load_failed)

    def _answer_count(self) -> int:
        return self._classes.answer_count()

    def _compute(self, filters: ReportFilters, language: str) -> Loaded:
        """Read and analyse the class (no Qt: runs in a worker thread for big classes)."""
        # The screen shows any attempt's answers, so it keeps them all (a report streams them).
        dataset = load_dataset(self._classes, self._library.sets, filters, all_answers=True)
        report = build_report(dataset, language)
        grid = class_rows.class_grid(dataset, language)
        return Loaded(dataset, grid, class_rows.set_items(report))

    def _loaded(self, loaded: object) -> None:
        if self.view is not None and isinstance(loaded, Loaded):
            self.view.busy.stop()
            self._show_loaded(loaded)

    def _load_failed(self, exc: Exception) -> None:
        if self.view is not None:
            self.view.busy.stop()
        if not isinstance(exc, StorageError):
            raise exc  # a bug: to the app's error handler, as if it had happened here
        self._failed(exc)

    def _cancel_loading(self) -> None:
        self.loader.cancel()
        if self.view is not None:
            self.view.busy.show_cancelled()

    def _show_loaded(self, loaded: Loaded) -> None:
        view = self.view
        if view is None:
            return
        self.dataset = loaded.dataset
        view.overview.show_grid(loaded.grid)
        view.items.show_sets(loaded.items)
        if loaded.dataset.skipped:  # damaged rows are left out; say which, never crash on them
            view.files.set_status(skipped_text(loaded.dataset.skipped))

    def retranslate(self) -> None:
        """After a language switch: texts and formatted numbers anew."""
        if self.view is not None and self.dataset is not None:
            self.refresh_options()
            self.refresh()
            if self.sets is not None:
                self.sets.refresh()  # language names and set titles in the new language

    def _row_chosen(self, row: OverviewRow | None) -> None:
        if self.view is None:
            return
        if row is None or self.dataset is None:
            self.view.overview.show_answers("", [])
            return
        language = current_language()
        title = _("Answers of %(student)s in “%(set)s”") % {
            "student": row.student,
            "set": row.set_title,
        }
        answers = class_rows.student_answers(self.dataset, row.student_id, row.set_id, language)
        self.view.overview.show_answers(title, answers)

    def _title(self, set_id: str, language: str) -> str:
        question_set = self._library.get_set(set_id, language)
        if question_set is None:
            question_set = next((s for s in self._library.sets if s.id == set_id), None)
        return question_set.title if question_set is not None else set_id

    def _failed(self, error: StorageError) -> None:
        show_storage_error(self._parent, error)
