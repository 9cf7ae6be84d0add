"""The teacher area's files: class reports, results exchange, one student's data and deletion.

Every action has two halves: ``ask_…`` opens the file dialog (or the confirmation), the plain
method does the work with a path. Tests call the plain methods. Problems arrive as a message
with its hint, never as a traceback.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QMessageBox

from quizapp.i18n import _, counted, current_language, ngettext
from quizapp.output_path import OutputPathError
from quizapp.reports.dataset import ClassDataset, ReportFilters, SkippedRow, skipped_text
from quizapp.reports.export import ReportCancelled, ReportError, write_report
from quizapp.storage.class_import import Imported, ImportRefused, failed_text, import_into
from quizapp.storage.errors import StorageError, StorageErrorKind
from quizapp.storage.exchange import (
    ExchangeError,
    ImportSummary,
    check_files,
    export_results,
)
from quizapp.storage.import_texts import (
    export_skipped_text,
    held_back_lines,
    held_back_text,
    refused_lines,
    refused_text,
    student_lines,
)
from quizapp.storage.repository import Repository
from quizapp.storage.student_data import delete_student, export_student
from quizapp.ui.controllers.background import Background
from quizapp.ui.dialogs import (
    message_box,
    show_notice,
    show_problem,
    show_saved,
    show_storage_error,
)
from quizapp.ui.teacher.rows import OverviewRow
from quizapp.ui.teacher.view import TeacherView, tab_index
from quizapp.user_error import shown_path


class ClassPages(Protocol):
    """What the actions need of the teacher area's controller: the class as the filters select
    it, and a re-read after a file changed the data. A protocol, so this module does not import
    the controller that builds it."""

    @property
    def dataset(self) -> ClassDataset | None:
        """The class as last shown (``None`` before the first read)."""

    def report_filters(self) -> ReportFilters:
        """The view's filters."""

    def is_big(self) -> bool:
        """Whether reading the class should happen off the GUI thread."""

    def load(
        self, *, pseudonymise: bool = False, filters: ReportFilters | None = None
    ) -> ClassDataset:
        """The results matching ``filters``, read now."""

    def refresh_options(self) -> None:
        """Offer the groups and sets in the filters again."""

    def refresh(self) -> None:
        """Re-read the results and fill every tab."""


_FILTERS = {
    "xlsx": "XLSX (*.xlsx)",
    "pdf": "PDF (*.pdf)",
    "csv": "CSV (*.csv)",
}
RESULTS_FILTER = "JSON (*.json *.json.gz)"
#: Results files from this many bytes together are imported in a worker thread.
BACKGROUND_IMPORT_BYTES = 1_000_000
#: Failures only a class database has: an import into it is not queued and sent later.
_SERVER_KINDS = frozenset(
    {
        StorageErrorKind.UNREACHABLE,
        StorageErrorKind.BUSY,
        StorageErrorKind.DENIED,
        StorageErrorKind.NEEDS_UPGRADE,
    }
)


class _Stopped(Exception):
    """Cancel arrived before anything was written."""


class TeacherActions:
    """Reports, exchange files and student data for the teacher view's buttons."""

    def __init__(
        self,
        repository: Repository,
        controller: ClassPages,
        view: TeacherView,
        *,
        student_data: Callable[[], Repository] | None = None,
    ) -> None:
        self._repository = repository
        # Where the overview's students live (their ids are that database's): this computer's
        # file, or the class database when the teacher area reads from one. Imports go there.
        self._student_data = student_data or (lambda: repository)
        self._controller = controller
        self._view = view
        view.files.export_report_requested.connect(
            lambda fmt, pseudonymise: self.ask_export_report(fmt, pseudonymise=pseudonymise)
        )
        view.files.export_results_requested.connect(self.ask_export_results)
        view.files.import_results_requested.connect(self.ask_import_results)
        view.overview.export_student_requested.connect(self.ask_export_student)
        view.overview.delete_student_requested.connect(self.confirm_delete)
        self.writer = Background(view)
        self._cancel_write = threading.Event()
        #: Importing results and saving one student's data, off the GUI thread (one at a time).
        self.files_job = Background(view)
        self._cancel_files = threading.Event()
        self._files_job_cancelled = ""  # the message once the running job stops on Cancel
        view.files.busy.cancel_requested.connect(self._cancel_requested)

    # ---- class report -----------------------------------------------------------------------

    def ask_export_report(self, fmt: str, *, pseudonymise: bool) -> None:
        """Ask where to save the report, then write it."""
        name = _("class-report") + f"-{date.today().isoformat()}.{fmt}"
        path = self._view.ask_save_path(_("Export report"), name, _FILTERS[fmt])
        if path is not None:
            if not path.suffix:
                path = path.with_suffix("." + fmt)
            self.export_report(fmt, path, pseudonymise=pseudonymise)

    def export_report(self, fmt: str, path: Path, *, pseudonymise: bool = False) -> list[Path]:
        """Write the report of the filtered results to ``path``; the files written (or none).

        A big class is written in a worker thread while the files tab shows a moving bar and
        Cancel: then this returns ``[]`` at once and the outcome is announced when done.
        """
        filters, language = self._controller.report_filters(), current_language()
        try:
            if self._controller.is_big():
                self._cancel_write = cancel = threading.Event()
                self._view.files.set_status("")
                self._writing(busy=True)
                self.writer.run(
                    lambda: self._write(
                        fmt, path, filters, language, cancel, pseudonymise=pseudonymise
                    ),
                    self._written,
                    self._write_failed,
                )
                return []
            result = self._write(fmt, path, filters, language, None, pseudonymise=pseudonymise)
        except Exception as error:
            self._write_failed(error)
            return []
        self._written(result)
        return result[0]

    def _write(
        self,
        fmt: str,
        path: Path,
        filters: ReportFilters,
        language: str,
        cancel: threading.Event | None,
        *,
        pseudonymise: bool,
    ) -> tuple[list[Path], tuple[SkippedRow, ...]]:
        """Read and write the report (no Qt widgets: runs in a worker thread for big classes)."""
        dataset = self._controller.load(pseudonymise=pseudonymise, filters=filters)
        written = write_report(
            fmt,
            path,
            dataset,
            language,
            protected=self._repository.protected_folders,
            cancelled=cancel.is_set if cancel is not None else None,
        )
        return written, tuple(dataset.skipped)

    def _writing(self, *, busy: bool) -> None:
        """Show the moving bar; one report at a time, so the button waits meanwhile."""
        files = self._view.files
        files.report_button.setEnabled(not busy)
        if busy:
            files.busy.start()
        else:
            files.busy.stop()

    def _written(self, result: object) -> None:
        self._writing(busy=False)
        assert isinstance(result, tuple)
        written, skipped = result
        names = "\n".join(shown_path(p) for p in written)
        # One line per file (a CSV report is two files), so no plural form is needed.
        text = _("Report saved:\n%(files)s") % {"files": names}
        if skipped:
            text += "\n\n" + skipped_text(skipped)
        self._done(text, saved=written[0] if written else None)

    def _write_failed(self, error: Exception) -> None:
        self._writing(busy=False)
        if isinstance(error, ReportError):
            self._problem(_("The report was not saved"), error.message, error.hint)
        elif isinstance(error, StorageError):
            show_storage_error(self._view.window(), error)
        elif not isinstance(error, ReportCancelled):
            raise error

    def _cancel_requested(self) -> None:
        if self.files_job.busy:
            self.cancel_files_job()
        else:
            self.cancel_report()

    def cancel_report(self) -> None:
        """Stop writing the report: nothing is put in place."""
        self._cancel_write.set()
        self.writer.cancel()
        self._view.files.report_button.setEnabled(True)
        self._view.files.busy.show_cancelled()

    # ---- results exchange -------------------------------------------------------------------

    def ask_export_results(self) -> None:
        """Ask where to save this computer's results, then export them."""
        name = _("results") + f"-{date.today().isoformat()}.json"
        path = self._view.ask_save_path(_("Export this computer’s results"), name, RESULTS_FILTER)
        if path is not None:
            self.export_results(path)

    def export_results(self, path: Path) -> bool:
        """Export every result of this computer to ``path``."""
        try:
            summary = export_results(self._repository, path)
        except ExchangeError as error:
            self._problem(_("The results were not exported"), error.message, error.hint)
            return False
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return False
        self._done(
            _("Exported %(students)s, %(attempts)s and %(answers)s to %(path)s.")
            % {
                "students": counted("student", summary.students),
                "attempts": counted("attempt", summary.attempts),
                "answers": counted("answer", summary.answers),
                "path": summary.path,
            }
            + (" " + export_skipped_text(summary.skipped) if summary.skipped else ""),
            saved=Path(summary.path),
        )
        return True

    def ask_import_results(self) -> None:
        """Ask for results files, then import them."""
        paths = self._view.ask_open_paths(_("Import results files"), RESULTS_FILTER)
        if paths:
            self.import_results(paths)

    def import_results(
        self, paths: Sequence[Path], *, accept_held_back: bool = False
    ) -> ImportSummary | None:
        """Import ``paths`` (all checked before any is written) and show what was added.

        The results go where the teacher area reads them from: the class database when one
        is configured (refused, with nothing written, for a student's or read-only login, as
        ``quizapp results import`` refuses it), else this computer's file.

        Attempts that would change a student's first attempt are held back; the teacher is
        then asked (:meth:`confirm_held_back`) whether to add them too. Big files, or a big
        class, are imported in a worker thread with a moving bar and Cancel: then this returns
        ``None`` at once and the outcome is shown when done.
        """
        paths = list(paths)

        def work(cancel: threading.Event | None) -> Imported:
            checked = check_files(paths)  # reading and checking: the long part of a big file
            if cancel is not None and cancel.is_set():
                raise _Stopped
            target = self._student_data()
            return import_into(target, checked, accept_held_back=accept_held_back)

        def done(imported: object) -> None:
            assert isinstance(imported, Imported)
            self._imported(paths, imported)

        if self._controller.is_big() or _size(paths) >= BACKGROUND_IMPORT_BYTES:
            self._start_files_job(
                work,
                done,
                self._import_failed,
                _("Importing the results…"),
                _("Cancelled: nothing was imported."),
            )
            return None
        try:
            imported = work(None)
        except (ExchangeError, ImportRefused, StorageError) as error:
            self._import_failed(error)
            return None
        self._imported(paths, imported)
        return imported.summary

    def _imported(self, paths: Sequence[Path], imported: Imported) -> None:
        self._controller.refresh_options()
        self._controller.refresh()
        summary = imported.summary
        if summary.held_back:
            self.confirm_held_back(paths, summary, where=imported.where)
        elif summary.refused:
            self._problem(
                _("Some results were refused"),
                import_summary_text(summary, imported.where),
                _(
                    "Ask the students concerned where the file came from; the refused "
                    "attempts were not imported and nothing of the other students changed."
                ),
            )
        else:
            self._done(import_summary_text(summary, imported.where))

    def _import_failed(self, error: Exception) -> None:
        if isinstance(error, ExchangeError):
            self._problem(_("Nothing was imported"), error.message, error.hint)
        elif isinstance(error, ImportRefused):
            self._problem(
                _("Nothing was imported"),
                error.message,
                error.hint
                + " "
                + _(
                    "Start quizapp with that login (--database), or import the files with "
                    "“quizapp results import --database …” on the command line."
                ),
            )
        elif isinstance(error, StorageError):
            if error.kind in _SERVER_KINDS:  # the class database: not "sent later"
                self._problem(_("The import did not finish"), failed_text(error), "")
            else:
                show_storage_error(self._view.window(), error)
        else:
            raise error

    # ---- import and one student's data off the GUI thread ----------------------------------

    def _start_files_job(
        self,
        work: Callable[[threading.Event], object],
        done: Callable[[object], None],
        failed: Callable[[Exception], None],
        running: str,
        cancelled: str,
    ) -> None:
        """Run ``work`` in a worker thread, the files tab's bar saying ``running`` with Cancel.

        Cancel stops the job before it writes anything (``work`` checks the event); once it
        writes, it finishes and its outcome is shown, so nothing happens unannounced.
        """
        self._cancel_files = cancel = threading.Event()
        self._files_job_cancelled = cancelled
        bar = self._view.files.busy
        self._view.files.set_status("")
        # The bar and its Cancel are on the files tab: show it (a student is saved from the
        # overview), with the keyboard focus on Cancel.
        self._view.tabs.setCurrentIndex(tab_index(self._view.tabs, self._view.files))
        bar.start()
        bar.button.setFocus()
        bar.message.setText(running)
        bar.message.setAccessibleName(running)
        bar.progress.setAccessibleName(running)

        def finished(result: object) -> None:
            bar.stop()
            done(result)

        def stopped(error: Exception) -> None:
            if isinstance(error, _Stopped):
                bar.show_cancelled()
                bar.message.setText(self._files_job_cancelled)
                bar.message.setAccessibleName(self._files_job_cancelled)
                self._view.files.set_status(self._files_job_cancelled)
                return
            bar.stop()
            failed(error)

        self.files_job.run(lambda: work(cancel), finished, stopped)

    def cancel_files_job(self) -> None:
        """Cancel the running import or student export (see :meth:`_start_files_job`)."""
        self._cancel_files.set()
        bar = self._view.files.busy
        text = _("Stopping… (what is already being written is finished and shown)")
        bar.message.setText(text)
        bar.message.setAccessibleName(text)

    def confirm_held_back(
        self, paths: Sequence[Path], summary: ImportSummary, *, where: str = ""
    ) -> QMessageBox:
        """Ask whether to add the held-back attempts too (opened; returned for tests);
        ``where``: the sentence saying where the others went."""
        self._view.files.set_status(import_summary_text(summary, where))
        dataset = self._controller.dataset
        titles = {}
        for held in summary.held_back:
            found = dataset.question_set(held.set_id, current_language()) if dataset else None
            if found is not None:
                titles[held.set_id] = found.title
        lines = "\n".join("• " + line for line in held_back_lines(summary, titles))
        box = message_box(
            self._view.window(),
            QMessageBox.Icon.Warning,
            _("Check the imported results"),
            import_summary_text(summary, where) + "\n\n" + held_back_text(summary) + "\n" + lines,
            _(
                "A results file proves only that it was not damaged, not who made it. Add "
                "these attempts only if you know the students really made them."
            ),
        )
        box.setObjectName("import_held_back_confirmation")
        accept = box.addButton(_("Add them too"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(_("Leave them out"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(skip)  # Enter must not let forged results in

        def finished() -> None:
            if box.clickedButton() is accept:
                self.import_results(paths, accept_held_back=True)

        box.finished.connect(finished)
        box.open()
        return box

    # ---- one student ------------------------------------------------------------------------

    def ask_export_student(self) -> None:
        """Ask where to save the chosen student's data, then write it."""
        row = self._view.overview.current_row()
        if row is None:
            return
        name = _("student-data") + f"-{_file_safe(row.student)}.json"
        path = self._view.ask_save_path(_("Export student data"), name, "JSON (*.json)")
        if path is not None:
            self.export_student(row.student_id, path)

    def export_student(self, student_id: int, path: Path) -> bool:
        """Write everything stored about the student to ``path`` as JSON.

        From a big class it is written in a worker thread with a
        moving bar and Cancel; then this returns ``False`` at once and says when it is saved.
        """

        def work(cancel: threading.Event | None) -> Path:
            if cancel is not None and cancel.is_set():
                raise _Stopped
            repository = self._student_data()
            return export_student(repository, student_id, path)

        if self._controller.is_big():
            self._start_files_job(
                work,
                lambda _path: self._student_saved(path),
                self._student_failed,
                _("Saving the student’s data…"),
                _("Cancelled: the student’s data was not saved."),
            )
            return False
        try:
            work(None)
        except (OutputPathError, StorageError) as error:
            self._student_failed(error)
            return False
        self._student_saved(path)
        return True

    def _student_saved(self, path: Path) -> None:
        self._done(_("The student’s data was saved in %(path)s.") % {"path": path}, saved=path)

    def _student_failed(self, error: Exception) -> None:
        if isinstance(error, OutputPathError):
            self._problem(_("The student’s data was not saved"), error.message, error.hint)
        elif isinstance(error, StorageError):
            show_storage_error(self._view.window(), error)
        else:
            raise error

    def confirm_delete(self) -> QMessageBox | None:
        """Ask whether to delete the chosen student, naming them; deletes on "Delete"."""
        row = self._view.overview.current_row()
        if row is None:
            return None
        try:
            if self._refused_on_server(self._student_data()):
                return None
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return None
        return self.confirm_delete_of(row)

    def _refused_on_server(self, repository: Repository) -> bool:
        """Students in the class database are deleted by its administrator, not here."""
        if not repository.is_server:
            return False
        self._problem(
            _("The student was not deleted"),
            _(
                "This student’s results are in the class database, which the teacher area "
                "can read but not change."
            ),
            _("Ask the school’s administrator to delete the student there."),
        )
        return True

    def confirm_delete_of(self, row: OverviewRow) -> QMessageBox:
        """The confirmation for deleting ``row``'s student (opened; returned for tests)."""
        who = _("%(student)s (group %(group)s)") % {"student": row.student, "group": row.group}
        if not row.group:
            who = row.student
        box = message_box(
            self._view.window(),
            QMessageBox.Icon.Warning,
            _("Delete student"),
            _("Delete %(student)s and all their results from this computer?") % {"student": who},
            _(
                "This cannot be undone. Results already exported to files or imported on "
                "another computer are not deleted there."
            ),
        )
        box.setObjectName("delete_student_confirmation")
        delete = box.addButton(
            _("Delete %(student)s") % {"student": row.student},
            QMessageBox.ButtonRole.DestructiveRole,
        )
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # Enter must never delete

        def finished() -> None:
            if box.clickedButton() is delete:
                self.delete_student(row.student_id)

        box.finished.connect(finished)
        box.open()
        return box

    def delete_student(self, student_id: int) -> bool:
        """Delete the student and all their results, leaving no trace in the database."""
        try:
            repository = self._student_data()
            if self._refused_on_server(repository):
                return False
            deleted = delete_student(repository, student_id)
        except StorageError as error:
            show_storage_error(self._view.window(), error)
            return False
        except ValueError:  # deleted meanwhile (another window)
            deleted = None
        self._controller.refresh_options()
        self._controller.refresh()
        if deleted is not None:
            self._done(
                _("%(student)s and their results were deleted.") % {"student": deleted.nickname}
            )
        return deleted is not None

    # ---- messages ---------------------------------------------------------------------------

    def _done(self, text: str, saved: Path | None = None) -> None:
        """One success message; after writing a file it offers to open it or its folder."""
        self._view.files.set_status(text, saved)
        if saved is not None:
            box = show_saved(self._view.window(), _("Teacher area"), text, saved)
        else:
            box = show_notice(self._view.window(), _("Teacher area"), text)
        box.setObjectName("teacher_done_notice")

    def _problem(self, title: str, message: str, hint: str) -> None:
        self._view.files.set_status(f"{message} {hint}".strip())
        box = show_problem(self._view.window(), title, message, hint)
        box.setObjectName("teacher_problem")


def import_summary_text(summary: ImportSummary, where: str = "") -> str:
    """What an import added and skipped, in words; ``where`` (a sentence) says into which
    database."""
    files = ngettext("%(n)d file imported.", "%(n)d files imported.", len(summary.files)) % {
        "n": len(summary.files)
    }
    counts = _(
        "Added: %(students)s, %(attempts)s, %(answers)s. "
        "Already here (skipped): %(s_skip)s, %(a_skip)s, %(q_skip)s."
    ) % {
        "students": counted("student", summary.students.added),
        "attempts": counted("attempt", summary.attempts.added),
        "answers": counted("answer", summary.answers.added),
        "s_skip": counted("student", summary.students.skipped),
        "a_skip": counted("attempt", summary.attempts.skipped),
        "q_skip": counted("answer", summary.answers.skipped),
    }
    parts = [files, *([where] if where else []), counts]
    parts += [line + "." for line in student_lines(summary)]
    if summary.merged_students:
        parts.append(
            ngettext(
                "%(n)d student matched a student already here by nickname and group.",
                "%(n)d students matched students already here by nickname and group.",
                summary.merged_students,
            )
            % {"n": summary.merged_students}
        )
    text = " ".join(parts)
    if summary.refused:  # whose rows a forged file aimed at, one per line
        lines = "\n".join("• " + line for line in refused_lines(summary))
        text += "\n\n" + refused_text(summary) + "\n" + lines
    return text


def _size(paths: Sequence[Path]) -> int:
    """Bytes of the files together (a missing file counts 0: reading it says what is wrong)."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += Path(path).stat().st_size
    return total


def _file_safe(name: str) -> str:
    kept = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    return kept.strip("-") or "student"
