"""The teacher area's "Question sets" tab: loaded sets, content problems, the teacher's folder.

Reloading goes through the app shell (``reload``), which reads every content folder again and
updates the one shared :class:`~quizapp.core.content.loader.ContentLibrary`, so the start view lists
a new or fixed set at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel import Locale
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import QuestionSet
from quizapp.core.content.teacher_folder import (
    TeacherFolderError,
    add_content_files,
    prepare_teacher_folder,
)
from quizapp.i18n import _, current_language, ngettext
from quizapp.paths import RETIRED_SETS_FILE
from quizapp.ui.dialogs import show_problem
from quizapp.ui.teacher.folder_watch import FolderWatch
from quizapp.ui.teacher.lms_export import LmsExport
from quizapp.ui.teacher.sets_authoring import SetsAuthoring
from quizapp.ui.teacher.sets_tab import SetLine, SetsTab


def open_in_file_manager(folder: Path) -> bool:
    """Ask the desktop to show ``folder``; ``False`` if nothing could open it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


class TeacherSets:
    """Fills the tab from the library; opens and reloads the teacher's own folder."""

    def __init__(
        self,
        library: ContentLibrary,
        tab: SetsTab,
        *,
        folder: Path,
        shipped: Path,
        reload: Callable[[], None],
        opener: Callable[[Path], bool] = open_in_file_manager,
    ) -> None:
        self._library = library
        self._tab = tab
        self._folder = folder
        self._shipped = shipped
        self._reload = reload
        self.opener = opener  # tests put a recorder here instead of the file manager
        tab.open_folder_requested.connect(self.open_folder)
        tab.add_files_requested.connect(self.ask_add_files)
        tab.reload_requested.connect(self.reload)
        self.authoring = SetsAuthoring(
            library, tab, folder=folder, shipped=shipped, reload=self._reload_and_watch
        )
        self.lms_export = LmsExport(library, tab, data_folder=folder.parent)
        # Saved in an editor: loaded again and its problems listed, without pressing Reload.
        self.watch = FolderWatch(
            [folder / "sources", folder / "sets"],
            self.reload,
            tab,
            files=[folder / RETIRED_SETS_FILE],
        )

    def _reload_and_watch(self) -> None:
        """After the app wrote a file: read everything again and watch new folders too."""
        self.watch.renew()
        self.reload()

    def refresh(self) -> None:
        """Show the loaded sets, every problem, and the folder's path."""
        self._tab.set_folder(str(self._folder))
        self.watch.renew()
        self._tab.show_sets(self._lines())
        self._tab.show_problems([problem.format() for problem in self._library.problems])

    def open_folder(self) -> bool:
        """Prepare the folder (sets/, guide, examples) and open it; ``False`` on a problem."""
        try:
            prepare_teacher_folder(self._folder, self._shipped)
        except TeacherFolderError as error:
            self._problem(error)
            return False
        # The desktop only says whether it could ask a file manager, not whether one opened.
        if self.opener(self._folder):
            self._tab.set_status(
                _(
                    "Asked the file manager to open your folder. No window came up? Copy its "
                    "path with “Copy path” above and open it yourself."
                )
            )
        else:
            self._tab.set_status(
                _(
                    "No file manager could be opened. Your folder is ready: copy its path with "
                    "“Copy path” above and open it yourself."
                )
            )
        return True

    def ask_add_files(self) -> None:
        """Ask for set files, then add them."""
        files = self._tab.ask_set_files()
        if files:
            self.add_files(files)

    def add_files(self, files: list[Path]) -> bool:
        """Copy ``files`` into the folder and reload; ``False`` if copying failed."""
        try:
            added = add_content_files(self._folder, files, self._shipped)
        except TeacherFolderError as error:
            self._problem(error)
            return False
        self.reload()
        replaced = sum(1 for item in added if item.backup is not None)
        text = ngettext("%(n)d file added.", "%(n)d files added.", len(added)) % {"n": len(added)}
        if replaced:
            text += " " + ngettext(
                "%(n)d file of the same name was replaced; the old one is kept as .bak.",
                "%(n)d files of the same name were replaced; the old ones are kept as .bak.",
                replaced,
            ) % {"n": replaced}
        self._tab.set_status(f"{text} {self._tab.status.text()}")
        return True

    def _problem(self, error: TeacherFolderError) -> None:
        self._tab.set_status(f"{error.message} {error.hint}")
        box = show_problem(self._tab.window(), _("Question sets"), error.message, error.hint)
        box.setObjectName("teacher_folder_problem")

    def reload(self) -> None:
        """Read every content file again and show the result."""
        self._reload()
        self.refresh()
        sets = len({s.id for s in self._library.sets})
        loaded = ngettext("%(n)d set loaded", "%(n)d sets loaded", sets) % {"n": sets}
        errors, warnings = len(self._library.errors), len(self._library.warnings)
        if errors or warnings:
            found = ngettext("%(n)d error", "%(n)d errors", errors) % {"n": errors}
            found += ", " + ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings}
            self._tab.set_status(
                _("%(loaded)s; %(found)s – see the list below.")
                % {"loaded": loaded, "found": found}
            )
        else:
            self._tab.set_status(_("%(loaded)s; no problems.") % {"loaded": loaded})

    def _lines(self) -> list[SetLine]:
        language = current_language()
        by_id: dict[str, list[QuestionSet]] = {}
        for each in self._library.sets:
            by_id.setdefault(each.id, []).append(each)
        lines = []
        for set_id, versions in by_id.items():
            languages = [version.language for version in versions]
            # The title in the app's language where the set has it, else its first language.
            question_set = next((v for v in versions if v.language == language), versions[0])
            path = self._library.set_files.get((set_id, question_set.language))
            own = path is not None and path.is_relative_to(self._folder.resolve())
            lines.append(
                SetLine(
                    title=question_set.title,
                    set_id=set_id,
                    languages=", ".join(_language_name(code, language) for code in languages),
                    questions=str(len(question_set.questions)),
                    origin=_origin(question_set, own=own),
                )
            )
        return lines


def _origin(question_set: QuestionSet, *, own: bool) -> str:
    where = _("Your folder") if own else _("Shipped with quizapp")
    if question_set.draft:
        return _("%(where)s · draft (not shown to students)") % {"where": where}
    if question_set.retired:
        return _("%(where)s · retired (not shown to students)") % {"where": where}
    return where


def _language_name(code: str, display_language: str) -> str:
    try:
        return str(Locale.parse(code).get_display_name(display_language))
    except (ValueError, LookupError):
        return code
