"""The "Question sets" tab's authoring buttons: New article…, New set…, Open in editor, Preview.

New articles and sets are written by :mod:`quizapp.core.content.authoring`, the code the
``quizapp source new`` and ``quizapp set new`` commands run, so both make the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from quizapp.core.content import authoring
from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import QuestionSet
from quizapp.core.content.new_source import NewContentError, SourceFields
from quizapp.core.content.retire import RetireError, retire_set
from quizapp.core.content.teacher_folder import TeacherFolderError
from quizapp.i18n import _, current_language
from quizapp.storage.errors import StorageError
from quizapp.ui.dialogs import show_problem, show_storage_error
from quizapp.ui.teacher.authoring_dialogs import NewArticleDialog, NewSetDialog
from quizapp.ui.teacher.sets_tab import SetsTab


def open_file(path: Path) -> bool:
    """Ask the desktop to open ``path`` in the program set for its kind (the editor)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class SetsAuthoring:
    """Opens the dialogs and the preview; writes through the shared authoring functions."""

    def __init__(
        self,
        library: ContentLibrary,
        tab: SetsTab,
        *,
        folder: Path,
        shipped: Path,
        reload: Callable[[], None],
        file_opener: Callable[[Path], bool] = open_file,
    ) -> None:
        self._library = library
        self._tab = tab
        self._folder = folder
        self._shipped = shipped
        self._reload = reload
        self.file_opener = file_opener  # tests put a recorder here instead of the editor
        self.article_dialog: NewArticleDialog | None = None
        self.set_dialog: NewSetDialog | None = None
        self.preview: object | None = None  # the open PreviewWindow
        self._last_source: str | None = None
        tab.new_article_requested.connect(self.new_article)
        tab.new_set_requested.connect(self.new_set)
        tab.open_editor_requested.connect(self.open_in_editor)
        tab.preview_requested.connect(self.open_preview)
        tab.retire_requested.connect(self.toggle_retired)

    # ---- new article --------------------------------------------------------------------

    def new_article(self) -> NewArticleDialog:
        """Open the "New article" form."""
        dialog = NewArticleDialog(self._tab.window())
        dialog.create_requested.connect(self.create_article)
        dialog.finished.connect(lambda _result: setattr(self, "article_dialog", None))
        self.article_dialog = dialog
        dialog.open()
        return dialog

    def create_article(self, text: str, fields: SourceFields) -> Path | None:
        """Write the source (as ``quizapp source new`` does); ``None`` if it was refused."""
        dialog = self.article_dialog
        try:
            made, path = authoring.new_source(
                self._library, self._folder, self._shipped, text, fields
            )
        except (NewContentError, TeacherFolderError) as error:
            if dialog is not None:
                field = {
                    "id": dialog.id_field,
                    "published": dialog.date,
                }.get(getattr(error, "field", ""), dialog.text)
                dialog.show_problem(f"{error.message} {error.hint}".strip(), field)
            return None
        if dialog is not None:
            dialog.accept()
        self._last_source = fields.id
        self._reload()
        furniture = sum(1 for b in made.blocks if b.kind.value == "furniture")
        self._tab.set_status(
            _(
                "Saved %(path)s: %(blocks)d blocks, %(furniture)d of them page furniture. "
                "Still to write: %(todo)s. Next: “New set…”."
            )
            % {
                "path": path,
                "blocks": len(made.blocks),
                "furniture": furniture,
                "todo": "; ".join(made.to_fill),
            },
            path,
        )
        return path

    # ---- new set ------------------------------------------------------------------------

    def new_set(self) -> NewSetDialog:
        """Open the "New set" form, this week's article chosen."""
        sources = sorted(
            self._library.sources.values(), key=lambda s: s.published or "", reverse=True
        )
        dialog = NewSetDialog(self._tab.window(), [(s.id, s.title) for s in sources])
        if self._last_source is not None:
            dialog.source.setCurrentIndex(max(0, dialog.source.findData(self._last_source)))
        dialog.create_requested.connect(self.create_set)
        dialog.finished.connect(lambda _result: setattr(self, "set_dialog", None))
        self.set_dialog = dialog
        dialog.open()
        return dialog

    def create_set(self, source_id: str, set_id: str, title: str) -> list[Path]:
        """Write the skeleton (as ``quizapp set new`` does); empty if it was refused."""
        dialog = self.set_dialog
        try:
            made = authoring.new_set(
                self._library, self._folder, self._shipped, source_id, set_id, title or None
            )
        except (NewContentError, TeacherFolderError) as error:
            if dialog is not None:
                field = dialog.id_field if getattr(error, "field", "") == "id" else dialog.source
                dialog.show_problem(f"{error.message} {error.hint}".strip(), field)
            return []
        if dialog is not None:
            dialog.accept()
        self._reload()
        self._tab.select_set(set_id)
        self._tab.set_status(
            _(
                "Wrote the draft “%(id)s” (German and English, %(n)d TODO texts each). "
                "“Open in editor” to fill it in, “Preview” to try it; students do not see it."
            )
            % {"id": set_id, "n": made.placeholders}
        )
        return list(made.files.values())

    # ---- the chosen set -----------------------------------------------------------------

    def _chosen(self) -> QuestionSet | None:
        set_id = self._tab.selected_set_id()
        versions = [s for s in self._library.sets if s.id == set_id]
        if not versions:
            self._tab.set_status(_("Choose a set in the list first."))
            return None
        return next((s for s in versions if s.language == current_language()), versions[0])

    def open_in_editor(self) -> Path | None:
        """Open the chosen set's file (in the app's language) in the desktop's editor."""
        question_set = self._chosen()
        if question_set is None:
            return None
        path = self._library.set_files.get((question_set.id, question_set.language))
        if path is None:
            return None
        if not path.is_relative_to(self._folder.resolve()):
            self._tab.set_status(
                _(
                    "“%(title)s” ships with quizapp and is replaced by every update. Copy it "
                    "from “examples” in your folder to change it."
                )
                % {"title": question_set.title}
            )
            return None
        if self.file_opener(path):
            self._tab.set_status(
                _("Opened %(path)s. Saved changes are loaded at once.") % {"path": path}, path
            )
        else:
            self._tab.set_status(
                _("No editor could be opened. The file is here: %(path)s") % {"path": path}, path
            )
        return path

    def toggle_retired(self) -> bool | None:
        """Retire the chosen set in every language (or offer a retired one again); the new
        state, or ``None`` when nothing changed."""
        question_set = self._chosen()
        if question_set is None:
            return None
        paths = [
            path
            for (set_id, _language), path in self._library.set_files.items()
            if set_id == question_set.id
        ]
        # One way for every set: the teacher's own files get the line, a shipped set (not
        # the teacher's files) goes into the list of retired sets in the teacher's folder.
        retired = not question_set.retired
        try:
            retire_set(question_set.id, paths, folder=self._folder, retired=retired)
        except RetireError as error:
            show_problem(self._tab.window(), _("Retire"), f"{error.message} {error.hint}")
            return None
        self._reload()
        self._tab.select_set(question_set.id)
        message = (
            _("Retired “%(title)s”: students no longer see it; its results stay in the reports.")
            if retired
            else _("“%(title)s” is offered to students again.")
        )
        self._tab.set_status(message % {"title": question_set.title})
        return retired

    def open_preview(self) -> object | None:
        """Play the chosen set (drafts too) in a preview window that saves nothing."""
        from quizapp.ui.teacher.preview import PreviewWindow

        question_set = self._chosen()
        if question_set is None:
            return None
        try:
            window = PreviewWindow(
                self._tab.window(), question_set, self._library.source_for(question_set)
            )
        except StorageError as error:
            show_storage_error(self._tab.window(), error)
            return None
        except OSError as error:
            show_problem(self._tab.window(), _("Preview"), str(error))
            return None
        window.closed.connect(lambda: setattr(self, "preview", None))
        self.preview = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window
