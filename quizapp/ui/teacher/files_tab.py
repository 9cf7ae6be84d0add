"""The teacher view's "Reports and files" tab: class reports and results exchange files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.i18n import _
from quizapp.ui.teacher.tabs import StatusWithPath
from quizapp.ui.views.busy_bar import BusyBar, BusyKind
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label

REPORT_FORMATS = ("xlsx", "pdf", "csv")


class FilesTab(QWidget):
    """Class reports, and results files to and from other computers."""

    export_report_requested = Signal(str, bool)  # format, pseudonymise
    export_results_requested = Signal()
    import_results_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, exchange: bool = True) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(em(self, 0.6))
        self.report_heading = heading(2)
        self.report_text = text_label()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.format_label = QLabel()
        self.format_choice = ComboBox()
        self.format_label.setBuddy(self.format_choice)
        form.addRow(self.format_label, self.format_choice)
        self.pseudonymise = QCheckBox()
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self._export_report)
        for widget in (self.report_heading, self.report_text):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.pseudonymise)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.busy = BusyBar(BusyKind.WRITING)  # a big class's report is written in the background
        layout.addWidget(self.busy)
        self.exchange_heading = heading(2)
        self.exchange_text = text_label()
        self.export_results_button = QPushButton()
        self.export_results_button.clicked.connect(self.export_results_requested)
        self.import_results_button = QPushButton()
        self.import_results_button.clicked.connect(self.import_results_requested)
        row = QHBoxLayout()
        row.addWidget(self.export_results_button)
        row.addWidget(self.import_results_button)
        row.addStretch(1)
        layout.addSpacing(em(self, 0.6))
        layout.addWidget(self.exchange_heading)
        layout.addWidget(self.exchange_text)
        layout.addLayout(row)
        for widget in (self.exchange_heading, self.exchange_text):
            widget.setVisible(exchange)
        self.export_results_button.setVisible(exchange)
        self.import_results_button.setVisible(exchange)
        self.status = StatusWithPath()  # a saved file's path in full, with a Copy button
        layout.addSpacing(em(self, 0.6))
        layout.addWidget(self.status)
        layout.addStretch(1)

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.report_heading.setText(_("Class report"))
        self.report_text.setText(
            _(
                "A report of the results shown with the current filters, in the language of "
                "the app: scores per student and the item analysis."
            )
        )
        chosen = self.format_choice.currentData()
        self.format_choice.clear()
        names = {
            "xlsx": _("Spreadsheet (XLSX)"),
            "pdf": _("Printable document (PDF)"),
            "csv": _("Plain table (CSV)"),
        }
        for fmt in REPORT_FORMATS:
            self.format_choice.addItem(names[fmt], fmt)
        self.format_choice.setCurrentIndex(max(0, self.format_choice.findData(chosen)))
        self.format_label.setText(_("For&mat:"))
        self.format_choice.setAccessibleName(_("Report format"))
        self.pseudonymise.setText(_("Replace nicknames by &codes (pseudonymise)"))
        self.pseudonymise.setAccessibleName(_("Replace nicknames by codes"))
        set_button_text(self.report_button, _("Export &report…"))
        self.exchange_heading.setText(_("Results from other computers"))
        self.exchange_text.setText(
            _(
                "Export this computer’s results to a file, copy it to the teacher’s computer "
                "and import it there. Importing the same file twice adds nothing twice."
            )
        )
        set_button_text(self.export_results_button, _("Export this computer’s results…"))
        set_button_text(self.import_results_button, _("Import results files…"))
        for label in (self.report_heading, self.exchange_heading):
            label.setAccessibleName(label.text())
        self.busy.retranslate()
        self.status.retranslate()

    def set_status(self, text: str, path: Path | None = None) -> None:
        """Say what the last export or import did, and where the file is."""
        self.status.show_status(text, path)

    def chosen_format(self) -> str:
        """The chosen report format ("xlsx", "pdf" or "csv")."""
        return str(self.format_choice.currentData() or REPORT_FORMATS[0])

    def _export_report(self) -> None:
        self.export_report_requested.emit(self.chosen_format(), self.pseudonymise.isChecked())
