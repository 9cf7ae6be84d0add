"""The teacher area: filters over the tabs (overview, item analysis, files, question sets), Back.

Shown only after the teacher PIN was accepted (see the teacher controller). The view lays out
widgets and emits signals; file dialogs are asked for through :meth:`TeacherView.ask_save_path`
and :meth:`TeacherView.ask_open_paths`, so tests can drive the controller with paths instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from quizapp.i18n import _, current_language, format_locale
from quizapp.ui.teacher.files_tab import FilesTab
from quizapp.ui.teacher.overview_tab import OverviewTab
from quizapp.ui.teacher.rows import Filters
from quizapp.ui.teacher.sets_tab import SetsTab
from quizapp.ui.teacher.tabs import ItemsTab
from quizapp.ui.views.busy_bar import BusyBar
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import Page, em, heading, set_button_text, text_label


class TeacherView(Page):
    """Class results for the teacher; every change of a filter emits :attr:`filters_changed`."""

    MAX_TEXT_WIDTH_EM = 90.0  # tables need the width; there is little running text here

    filters_changed = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, exchange: bool = True) -> None:
        super().__init__(parent, scrolling=False)
        self.setObjectName("teacher_view")
        self._all_groups: list[str] = []
        self._all_sets: list[tuple[str, str]] = []
        self.heading = heading(1)
        self.intro = text_label(muted=True)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.intro)
        self.body.addLayout(self._build_filters())
        self.busy = BusyBar()
        self.body.addWidget(self.busy)
        self.tabs = QTabWidget()
        self.overview = OverviewTab()
        self.items = ItemsTab()
        self.files = FilesTab(exchange=exchange)
        self.sets = SetsTab()
        self.tabs.addTab(self.overview, "")
        self.tabs.addTab(self.items, "")
        # Pages of text and buttons scroll on a small window instead of squeezing (and
        # clipping) their labels; the two tables scroll by themselves.
        self.tabs.addTab(scrolling_page(self.files), "")
        self.tabs.addTab(scrolling_page(self.sets), "")
        self.body.addWidget(self.tabs, 1)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.footer.addWidget(self.back_button)
        self.footer.addStretch(1)
        # Outside a dialog Qt gives push buttons Space only; an auto-default button also takes
        # Enter in its own key handler (no window shortcut, so lists and date fields keep Enter).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)
        self.retranslate()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(em(self, 0.5))
        self.group_label, self.group_choice = QLabel(), ComboBox()
        self.set_label, self.set_choice = QLabel(), ComboBox()
        for label, choice in (
            (self.group_label, self.group_choice),
            (self.set_label, self.set_choice),
        ):
            label.setBuddy(choice)
            choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            choice.currentIndexChanged.connect(self.filters_changed)
            row.addWidget(label)
            row.addWidget(choice)
        self.dates_check = QCheckBox()
        self.dates_check.toggled.connect(self._dates_toggled)
        today = QDate.currentDate()
        self.date_from, self.date_to = QDateEdit(today.addDays(-30)), QDateEdit(today)
        self.to_label = QLabel()
        row.addSpacing(em(self, 0.5))
        row.addWidget(self.dates_check)
        row.addWidget(self.date_from)
        row.addWidget(self.to_label)
        row.addWidget(self.date_to)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.filters_changed)
        self.to_label.setBuddy(self.date_to)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.heading.setText(_("Teacher area"))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(
            _("Results of all students on this computer (and imported from other computers).")
        )
        self.group_label.setText(_("&Group:"))
        self.group_choice.setAccessibleName(_("Show the group"))
        self.set_label.setText(_("&Set:"))
        self.set_choice.setAccessibleName(_("Show the question set"))
        self.dates_check.setText(_("Only &from"))
        self.dates_check.setAccessibleName(_("Only attempts started between two days"))
        self.date_from.setAccessibleName(_("First day"))
        self.to_label.setText(_("&to"))
        self.date_to.setAccessibleName(_("Last day"))
        locale = QLocale(format_locale(current_language()))  # en_GB dates as elsewhere
        for edit in (self.date_from, self.date_to):
            edit.setLocale(locale)
            edit.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
        self._fill_choices()
        self.tabs.setTabText(0, _("Class overview"))
        self.tabs.setTabText(1, _("Item analysis"))
        self.tabs.setTabText(2, _("Reports and files"))
        self.tabs.setTabText(3, _("Question sets"))
        self.tabs.setAccessibleName(_("Teacher area sections"))
        # The tab bar is what takes the keyboard focus; a screen reader names it, not the widget.
        self.tabs.tabBar().setAccessibleName(_("Teacher area sections"))
        set_button_text(self.back_button, _("Back to start"))
        self.busy.retranslate()
        self.overview.retranslate()
        self.items.retranslate()
        self.files.retranslate()
        self.sets.retranslate()

    # ---- filters ----------------------------------------------------------------------------

    def set_filter_options(self, groups: list[str], sets: list[tuple[str, str]]) -> None:
        """Offer ``groups`` and ``sets`` (id, title) besides "all"; keeps what was chosen."""
        self._all_groups, self._all_sets = list(groups), list(sets)
        self._fill_choices()

    def _fill_choices(self) -> None:
        for choice, options, everything in (
            (self.group_choice, [(g, g or _("(no group)")) for g in self._all_groups], _("All")),
            (self.set_choice, self._all_sets, _("All sets")),
        ):
            chosen = choice.currentData()
            with QSignalBlocker(choice):
                choice.clear()
                choice.addItem(everything, None)
                for value, text in options:
                    choice.addItem(text, value)
                choice.setCurrentIndex(max(0, choice.findData(chosen)))

    def filters(self) -> Filters:
        """The filters as chosen now."""
        group, set_id = self.group_choice.currentData(), self.set_choice.currentData()
        date_from = date_to = None
        if self.dates_check.isChecked():
            date_from = _day(self.date_from.date())
            date_to = _day(self.date_to.date())
        return Filters(
            group=str(group) if group is not None else None,
            set_id=str(set_id) if set_id is not None else None,
            date_from=date_from,
            date_to=date_to,
        )

    def set_filters(self, filters: Filters) -> None:
        """Choose ``filters`` (used by tests and screenshots); emits :attr:`filters_changed`."""
        with QSignalBlocker(self):
            self.group_choice.setCurrentIndex(max(0, self.group_choice.findData(filters.group)))
            self.set_choice.setCurrentIndex(max(0, self.set_choice.findData(filters.set_id)))
            dated = filters.date_from is not None or filters.date_to is not None
            if filters.date_from is not None:
                self.date_from.setDate(QDate(filters.date_from))
            if filters.date_to is not None:
                self.date_to.setDate(QDate(filters.date_to))
            self.dates_check.setChecked(dated)
        self.filters_changed.emit()

    def _dates_toggled(self, on: bool) -> None:  # noqa: FBT001 (Qt passes the signal's value)
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.filters_changed.emit()

    # ---- files ------------------------------------------------------------------------------

    def ask_save_path(self, title: str, suggested: str, name_filter: str) -> Path | None:
        """Ask where to save a file (native dialog); ``None`` when cancelled."""
        start = str(Path.home() / suggested)
        path, _chosen = QFileDialog.getSaveFileName(self, title, start, name_filter)
        return Path(path) if path else None

    def ask_open_paths(self, title: str, name_filter: str) -> list[Path]:
        """Ask for files to open (native dialog); empty when cancelled."""
        paths, _chosen = QFileDialog.getOpenFileNames(self, title, str(Path.home()), name_filter)
        return [Path(path) for path in paths]

    def focus_first(self) -> None:
        """Focus the class overview's table (or the tabs when it is empty)."""
        self.tabs.setCurrentIndex(0)
        target = self.overview.table if self.overview.table.isVisible() else self.tabs
        target.setFocus(Qt.FocusReason.OtherFocusReason)


def scrolling_page(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that keeps it as wide as the tab."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def tab_index(tabs: QTabWidget, page: QWidget) -> int:
    """The tab showing ``page`` (itself or in its scroll area)."""
    for index in range(tabs.count()):
        shown = tabs.widget(index)
        if shown is page or (shown is not None and shown.isAncestorOf(page)):
            return index
    return -1


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
