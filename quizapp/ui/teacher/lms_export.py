"""The "Question sets" tab's "Export for the LMS…": the chosen set as Moodle XML or a QTI 3.0
package, through the same code as ``quizapp export`` (:mod:`quizapp.lms.export`).

A small dialog asks for the format and the language version, a save dialog for the file; the
message afterwards lists what the format does not carry, as the command line does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel import Locale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.loader import ContentLibrary
from quizapp.i18n import _, current_language
from quizapp.lms.export import ExportError, build_export, default_file_name, write_export
from quizapp.lms.losses import LmsFormat
from quizapp.output_path import OutputPathError
from quizapp.ui.dialogs import show_problem, show_saved
from quizapp.ui.teacher.sets_tab import SetsTab
from quizapp.ui.widgets.common import text_label

#: A save path for (dialog title, suggested file name, name filter); ``None`` when cancelled.
AskPath = Callable[[str, str, str], Path | None]


class LmsExportDialog(QDialog):
    """Which format and which language version of one set."""

    def __init__(self, parent: QWidget | None, title: str, languages: list[str]) -> None:
        super().__init__(parent)
        self.setObjectName("lms_export_dialog")
        self.setWindowTitle(_("Export for the LMS"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            text_label(
                _(
                    "“%(set)s” as a file for the school’s learning platform. Moodle: in the "
                    "course, Question bank → Import → Moodle XML. Other platforms (ILIAS, "
                    "OpenOLAT, …): import the QTI 3.0 package. What a format cannot carry is "
                    "listed after saving and noted in the file."
                )
                % {"set": title}
            )
        )
        form = QFormLayout()
        self.format_box = QComboBox()
        self.format_box.addItem(_("Moodle XML (Moodle’s question bank)"), LmsFormat.MOODLE_XML)
        self.format_box.addItem(_("QTI 3.0 package (zip)"), LmsFormat.QTI3)
        self.language_box = QComboBox()
        shown = current_language()
        for code in languages:
            self.language_box.addItem(_language_name(code, shown), code)
        if shown in languages:
            self.language_box.setCurrentIndex(languages.index(shown))
        for text, box in ((_("&Format:"), self.format_box), (_("&Language:"), self.language_box)):
            label = QLabel(text)
            label.setBuddy(box)
            box.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[LmsFormat, str]:
        """The chosen format and language."""
        return LmsFormat(self.format_box.currentData()), str(self.language_box.currentData())


class LmsExport:
    """Connects the tab's button to the export: choose, save, say what did not travel."""

    def __init__(self, library: ContentLibrary, tab: SetsTab, *, data_folder: Path) -> None:
        self._library = library
        self._tab = tab
        self._data_folder = data_folder
        self.ask_path: AskPath = self._ask_path  # tests put a recorder here
        self.dialog: LmsExportDialog | None = None
        tab.lms_export_requested.connect(self.ask_export)

    def ask_export(self) -> LmsExportDialog | None:
        """Ask format and language for the set chosen in the table (a hint when none is)."""
        set_id = self._tab.selected_set_id()
        versions = [s for s in self._library.sets if s.id == set_id]
        if set_id is None or not versions:
            self._tab.set_status(_("Choose a set in the table first, then export it."))
            return None
        title = next((s.title for s in versions if s.language == current_language()), None)
        self.dialog = LmsExportDialog(
            self._tab.window(), title or versions[0].title, [s.language for s in versions]
        )
        self.dialog.accepted.connect(lambda: self._chosen(set_id))
        self.dialog.open()
        return self.dialog

    def _chosen(self, set_id: str) -> None:
        if self.dialog is None:
            return
        fmt, language = self.dialog.choice()
        name_filter = _("Moodle XML (*.xml)") if fmt is LmsFormat.MOODLE_XML else "QTI (*.zip)"
        suggested = default_file_name([set_id], language, fmt)
        path = self.ask_path(_("Export for the LMS"), suggested, name_filter)
        if path is not None:
            self.export(set_id, language, fmt, path)

    def export(self, set_id: str, language: str, fmt: LmsFormat, path: Path) -> Path | None:
        """Write ``set_id`` in ``language`` as ``fmt`` to ``path``; ``None`` after a problem."""
        try:
            made = build_export(self._library, [set_id], language, fmt)
            written = write_export(made, path, protected=[self._data_folder])
        except (ExportError, OutputPathError) as error:
            self._tab.set_status(f"{error.message} {error.hint}")
            title = _("Export for the LMS")
            box = show_problem(self._tab.window(), title, error.message, error.hint)
            box.setObjectName("lms_export_problem")
            return None
        done = _("Saved %(path)s.") % {"path": written}
        lines = [done]
        if made.losses:
            lines.append(_("Not carried as in quizapp (also noted in the file):"))
            lines.extend(f"• {loss.text()}" for loss in made.losses)
        self._tab.set_status(done)
        box = show_saved(self._tab.window(), _("Export for the LMS"), "\n".join(lines), written)
        box.setObjectName("lms_export_done")
        return written

    def _ask_path(self, title: str, suggested: str, name_filter: str) -> Path | None:
        start = str(Path.home() / suggested)
        path, _chosen = QFileDialog.getSaveFileName(self._tab, title, start, name_filter)
        return Path(path) if path else None


def _language_name(code: str, display_language: str) -> str:
    try:
        return str(Locale.parse(code).get_display_name(display_language))
    except (ValueError, LookupError):
        return code
