"""The start view: nickname, language, the question sets, and the way into a quiz.

Shown first, before the database and content are loaded, so it imports nothing heavy and does
not touch ``Qt``'s enum namespace (see :mod:`quizapp.ui.widgets.common`); the set cards are
imported when the first set is listed. It gets plain :class:`SetEntry` rows from the start
controller and only emits signals.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.nickname import normalised
from quizapp.i18n import _, ngettext
from quizapp.ui.language import LANGUAGE_NAMES
from quizapp.ui.style import set_role
from quizapp.ui.widgets.announce import announce_on
from quizapp.ui.widgets.banner import Banner
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import (
    Page,
    clear_layout,
    em,
    heading,
    primary_button,
    set_button_text,
    text_label,
)
from quizapp.ui.widgets.keys import on_enter

if TYPE_CHECKING:
    from quizapp.ui.views.set_card import SetCard

NICKNAME_MAX_LENGTH = 64  # the column size in the database


@dataclass(frozen=True)
class SetEntry:
    """One question set as listed: its texts, size and the student's best finished score."""

    set_id: str
    title: str
    description: str
    question_count: int
    best_score: int | None = None
    best_total: int | None = None
    answered: int | None = None  # an unfinished attempt: questions answered so far …
    unfinished_total: int | None = None  # … of this many
    article: str = ""  # the title of the article the set is about (sets are grouped by it)
    article_details: str = ""  # its outlet and date, as far as known

    @property
    def unfinished(self) -> bool:
        """Whether the student has an attempt at this set to continue."""
        return self.answered is not None and self.unfinished_total is not None


class StartView(Page):
    """Nickname, language, list of sets, Start (or Continue); notices for broken content."""

    start_requested = Signal(str)  # set id: a new attempt, or continue the unfinished one
    start_over_requested = Signal(str)  # set id: drop the unfinished attempt, begin anew
    history_requested = Signal()
    teacher_requested = Signal()
    language_requested = Signal(str)
    nickname_confirmed = Signal(str)
    details_requested = Signal()
    article_requested = Signal(str)  # set id: read its article before starting

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[SetEntry] = []
        self._cards: dict[str, SetCard] = {}
        self._state = "loading"
        self._broken_count = 0
        self._unavailable = ("", "")
        self._build()
        self.retranslate()

    # ---- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = heading(1)
        self.intro = text_label()
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.body.addLayout(self._build_form())
        self.notice = self._build_notice()
        self.body.addWidget(self.notice)
        self.sets_heading = heading(2)
        self.body.addSpacing(em(self, 0.4))
        self.body.addWidget(self.sets_heading)
        self.status = text_label(muted=True)
        self.body.addWidget(self.status)
        self._sets_box = QVBoxLayout()
        self._sets_box.setSpacing(em(self, 0.5))
        self.body.addLayout(self._sets_box)
        self._group = QButtonGroup(self)
        self._group.buttonToggled.connect(self._update_start_enabled)
        self.body.addStretch(1)
        self._build_footer()
        on_enter(self, self._on_enter)
        if self.scroller is not None:
            # The list grows after it is filled (headings, wrapped card texts) and on a
            # resize: the unfinished set's card is brought into view again each time.
            self.scroller.verticalScrollBar().rangeChanged.connect(self._show_unfinished_card)
            # The scroll bar that comes with the list must not shift the page sideways.
            self.scroller.verticalScrollBar().rangeChanged.connect(self._keep_column_still)
            self._keep_column_still(0, 0)

    def _keep_column_still(self, _minimum: int, maximum: int) -> None:
        """Keep room for the scroll bar while it is hidden: the column stays where it is when
        the list arrives and the bar appears (it once jumped 7 px)."""
        assert self.scroller is not None
        holder = self.scroller.widget()
        bar = self.scroller.verticalScrollBar()
        right = 0 if maximum > 0 else bar.sizeHint().width()
        if holder is not None and holder.contentsMargins().right() != right:
            holder.setContentsMargins(0, 0, right, 0)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setHorizontalSpacing(em(self, 0.8))
        form.setVerticalSpacing(em(self, 0.5))
        self.nickname_label = QLabel()
        self.nickname = QLineEdit()
        self.nickname.setMaxLength(NICKNAME_MAX_LENGTH)
        self.nickname.setMinimumWidth(em(self, 14))
        self.nickname.editingFinished.connect(self._confirm_nickname)
        self.nickname_label.setBuddy(self.nickname)
        self.language_label = QLabel()
        self.language = ComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.activated.connect(self._language_activated)
        self.language_label.setBuddy(self.language)
        form.addRow(self.nickname_label, self.nickname)
        # Problems with the nickname appear right under it, where the student looks.
        self.message = text_label()
        # Wide enough for a sentence on one line (it once wrapped into a narrow column).
        self.message.setMinimumWidth(em(self, 26))
        set_role(self.message, "badge", "wrong", fresh=True)
        self.message.hide()
        form.addRow("", self.message)
        form.addRow(self.language_label, self.language)
        # What a language switch did to unfinished attempts, right under the language box.
        self.language_note = text_label(muted=True)
        self.language_note.setMinimumWidth(em(self, 26))
        self.language_note.hide()
        form.addRow("", self.language_note)
        return form

    def _build_notice(self) -> Banner:
        notice = Banner("notice")
        self.notice_text = notice.text
        self.details_button = notice.add_button(QPushButton())
        self.details_button.clicked.connect(self.details_requested)
        return notice

    def _build_footer(self) -> None:
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.history_requested)
        # The teacher area (a colleague's views) hangs off this button's signal.
        self.teacher_button = QPushButton()
        self.teacher_button.clicked.connect(self.teacher_requested)
        self.start_button = primary_button()
        self.start_button.clicked.connect(self._start_clicked)
        self.article_button = QPushButton()
        self.article_button.clicked.connect(self._article_clicked)
        self.start_over_button = QPushButton()
        self.start_over_button.clicked.connect(self._start_over_clicked)
        self.start_over_button.hide()
        self.footer.addWidget(self.history_button)
        self.footer.addWidget(self.teacher_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.article_button)
        self.footer.addWidget(self.start_over_button)
        self.footer.addWidget(self.start_button)
        self._update_start_enabled()

    # ---- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
        self.title.setText(_("Reading the news critically"))
        self.title.setAccessibleName(self.title.text())
        self.intro.setText(
            _(
                "Answer questions about a real news article. After every answer you see why "
                "it is right or wrong, with quotes from the article."
            )
        )
        self.nickname_label.setText(_("Your &nickname:"))
        self.nickname.setPlaceholderText(_("e.g. Fox7"))
        self.nickname.setAccessibleName(_("Your nickname"))
        self._nickname_help = _("Your results are saved under this name on this computer.")
        self.nickname.setAccessibleDescription(self._nickname_help)
        self.language_label.setText(_("&Language:"))
        self.language.setAccessibleName(_("Language"))
        self.language.setAccessibleDescription(_("Changes the language of the app and its sets."))
        self.sets_heading.setText(_("Choose a question set"))
        self.sets_heading.setAccessibleName(self.sets_heading.text())
        set_button_text(self.details_button, _("Details"), _("Show what is wrong in the files"))
        set_button_text(
            self.start_over_button,
            _("Start &over"),
            _("Drops the unfinished attempt at the chosen set and starts it anew"),
        )
        set_button_text(
            self.history_button, _("History"), _("Your earlier attempts and their scores")
        )
        set_button_text(self.teacher_button, _("Teacher area"))
        set_button_text(
            self.article_button,
            _("Read the &article"),
            _("The article the chosen set asks about, to read before you start"),
        )
        self._refresh_dynamic_texts()

    def _refresh_dynamic_texts(self) -> None:
        if self._state == "loading":
            self.status.setText(_("Loading the question sets …"))
        elif self._state == "unavailable":
            self.status.setText("\n".join(t for t in self._unavailable if t))
        elif not self._entries:
            self.status.setText(_("There are no question sets in this language yet."))
        self.status.setVisible(self._state != "ready" or not self._entries)
        for entry in self._entries:
            self._fill_card_texts(entry)
        count = self._broken_count
        self.notice_text.setText(
            ngettext(
                "%(n)d content file could not be loaded, so its questions are missing. "
                "Please tell your teacher.",
                "%(n)d content files could not be loaded, so their questions are missing. "
                "Please tell your teacher.",
                count,
            )
            % {"n": count}
        )
        self._refresh_start_text()

    def _refresh_start_text(self) -> None:
        """ "Start", or "Continue – 9/17" when the chosen set has an unfinished attempt."""
        entry = self.selected_entry()
        if entry is not None and entry.unfinished:
            values = {"answered": entry.answered, "total": entry.unfinished_total}
            set_button_text(
                self.start_button,
                _("Continue – %(answered)d/%(total)d") % values,
                _("Continue the unfinished attempt: %(answered)d of %(total)d answered") % values,
            )
        else:
            set_button_text(self.start_button, _("Start"), _("Start the chosen question set"))
        self.start_over_button.setVisible(entry is not None and entry.unfinished)

    # ---- filling ----------------------------------------------------------------------------

    def set_loading(self) -> None:
        """Show that sets are being loaded; Start stays disabled."""
        self._state = "loading"
        self._refresh_dynamic_texts()
        self._update_start_enabled()

    def set_unavailable(self, message: str, hint: str) -> None:
        """Show why the app cannot run a quiz (e.g. the database could not be opened)."""
        self._state = "unavailable"
        self._unavailable = (message, hint)
        self.set_entries([])
        self._state = "unavailable"
        self._refresh_dynamic_texts()
        self._update_start_enabled()

    def set_entries(self, entries: list[SetEntry]) -> None:
        """List ``entries``; keeps the chosen set chosen if it is still listed."""
        chosen = self._preferred(self.selected_set_id(), entries)
        if self._state == "ready" and [e.set_id for e in entries] == list(self._cards):
            # The same sets (e.g. listed again for the nickname just typed): new texts on the
            # same cards. Rebuilt, the card under a pressed mouse button would vanish and the
            # click that left the nickname field would choose nothing.
            self._entries = list(entries)
            if chosen is not None:
                self._cards[chosen].button.setChecked(True)
            self._refresh_dynamic_texts()
            self._update_start_enabled()
            self._show_unfinished_card()
            return
        for button in self._group.buttons():
            self._group.removeButton(button)
        clear_layout(self._sets_box)
        self._cards = {}
        self._entries = list(entries)
        self._state = "ready"
        self.article_headings: list[QWidget] = []
        previous = None
        for entry in entries:
            if entry.article and entry.article != previous:
                self._add_article_heading(entry)
            previous = entry.article
            self._add_card(entry)
        self._order_tabs()
        if self._entries:
            wanted = chosen if chosen in self._cards else self._entries[0].set_id
            self._cards[wanted].button.setChecked(True)
        self._refresh_dynamic_texts()
        self._update_start_enabled()
        self._show_unfinished_card()

    def _order_tabs(self) -> None:
        """Tab reads as the page does: the language, the set list, then the footer buttons.

        Cards are made after the footer, so Qt's own chain would put them after Start.
        """
        from PySide6.QtCore import Qt  # see the module docstring

        tab = Qt.FocusPolicy.TabFocus.value
        listed: list[QWidget] = []
        for index in range(self._sets_box.count()):
            item = self._sets_box.itemAt(index)
            shown = item.widget() if item is not None else None
            if shown is None:
                continue
            inner = [w for w in shown.findChildren(QWidget) if w.focusPolicy().value & tab]
            listed.extend([shown] if shown.focusPolicy().value & tab else inner)
        chain = [
            self.language,
            *listed,
            self.history_button,
            self.teacher_button,
            self.article_button,
            self.start_over_button,
            self.start_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _preferred(self, chosen: str | None, entries: list[SetEntry]) -> str | None:
        """The set to choose: an attempt left unfinished that this listing newly shows (after
        a restart, "Continue later" or the nickname typed) wins over a set without one, so
        the page opens on "Continue" instead of "Start" at the first set."""
        known = {entry.set_id for entry in self._entries if entry.unfinished}
        fresh = [e.set_id for e in entries if e.unfinished and e.set_id not in known]
        still = next((e for e in entries if e.set_id == chosen), None)
        if fresh and (still is None or not still.unfinished):
            return fresh[0]
        return chosen

    def _show_unfinished_card(self, *_args: object) -> None:
        chosen_entry = self.selected_entry()
        if chosen_entry is not None and chosen_entry.unfinished:
            # Its "unfinished" line must be on screen with the "Continue" button; the
            # layout is known only after this turn.
            QTimer.singleShot(0, self, self._show_continue)  # dropped if the page is gone

    def _show_continue(self) -> None:
        if self.window().focusWidget() is self.nickname and self.nickname_text():
            # Focused at boot while Start was still disabled, before the remembered
            # nickname came: the focus goes on to Continue (in the fixed footer), or the
            # field keeps the page scrolled to the top, away from the unfinished card.
            self.focus_first()
        self.show_chosen_card()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Listed before the window was shown (a restart), the card was scrolled against a
        # layout not yet final: bring the unfinished set's card into view again.
        self._show_unfinished_card()

    def choose_set_at(self, index: int) -> None:
        """Choose the ``index``-th listed set, as a click on its card does."""
        list(self._cards.values())[index].button.setChecked(True)

    def show_chosen_card(self) -> None:
        """Scroll the chosen set's card into view."""
        card = self._cards.get(self.selected_set_id() or "")
        if card is not None:
            self.ensure_visible(card)

    def _add_article_heading(self, entry: SetEntry) -> None:
        from quizapp.ui.views.set_card import ArticleHeading

        self._sets_box.addSpacing(em(self, 0.4) if self.article_headings else 0)
        label = ArticleHeading(entry.article, entry.article_details)
        self._sets_box.addWidget(label)
        self.article_headings.append(label)

    def _add_card(self, entry: SetEntry) -> None:
        from quizapp.ui.views.set_card import SetCard  # see the module docstring

        card = SetCard(entry.set_id)
        self._group.addButton(card.button)
        self._cards[entry.set_id] = card
        self._sets_box.addWidget(card)
        self._fill_card_texts(entry)

    def _fill_card_texts(self, entry: SetEntry) -> None:
        card = self._cards.get(entry.set_id)
        if card is None:
            return
        count = ngettext("%(n)d question", "%(n)d questions", entry.question_count) % {
            "n": entry.question_count
        }
        states = []
        if entry.answered is not None and entry.unfinished_total is not None:
            states.append(
                ngettext(
                    "unfinished: %(answered)d of %(total)d answered",
                    "unfinished: %(answered)d of %(total)d answered",
                    entry.unfinished_total,
                )
                % {"answered": entry.answered, "total": entry.unfinished_total}
            )
        if entry.best_score is not None and entry.best_total is not None:
            states.append(
                _("best whole-set score: %(score)s")
                % {"score": _best_score_line(entry.best_score, entry.best_total)}
            )
        elif not states:
            states.append(_("not tried yet"))
        details = " · ".join([count, *states])
        card.button.setText(entry.title)
        card.button.setAccessibleName(entry.title)
        about = (
            _("About the article: %(title)s.") % {"title": entry.article} if entry.article else ""
        )
        card.button.setAccessibleDescription(f"{entry.description} {details} {about}".strip())
        card.description.setText(entry.description)
        card.details.setText(details)
        set_role(card.details, "state", "unfinished" if entry.unfinished else "none")

    def set_broken_files(self, count: int) -> None:
        """Show (count > 0) or hide the notice about content files that could not be loaded."""
        self._broken_count = count
        self.notice.setVisible(count > 0)
        self._refresh_dynamic_texts()

    def set_language(self, language: str) -> None:
        """Show ``language`` as chosen in the language box (without emitting a request)."""
        index = self.language.findData(language)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def set_nickname(self, nickname: str) -> None:
        """Fill in a remembered nickname."""
        self.nickname.setText(nickname)

    # ---- reading ----------------------------------------------------------------------------

    def selected_set_id(self) -> str | None:
        """Id of the chosen set, if any."""
        button = self._group.checkedButton()
        value = button.property("set_id") if button is not None else None
        return str(value) if value else None

    def entries(self) -> list[SetEntry]:
        """The sets listed now."""
        return list(self._entries)

    def selected_entry(self) -> SetEntry | None:
        """The listed entry of the chosen set, if any."""
        set_id = self.selected_set_id()
        return next((entry for entry in self._entries if entry.set_id == set_id), None)

    def nickname_text(self) -> str:
        """The nickname as typed, normalised as it is stored (trimmed, no invisible characters)."""
        return normalised(self.nickname.text())

    def show_message(self, text: str) -> None:
        """Show a short problem under the list (e.g. "enter a nickname"); empty hides it."""
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))
        if not text:
            self.nickname.setAccessibleDescription(self._nickname_help)

    def show_language_note(self, text: str) -> None:
        """Explain, under the language box, what a switch meant (empty hides it)."""
        self.language_note.setText(text)
        self.language_note.setAccessibleName(text)
        self.language_note.setVisible(bool(text))

    def focus_first(self) -> None:
        """Focus the nickname when it is empty, else the Start button."""
        if not self.nickname_text():
            self.nickname.setFocus()
        else:
            self.start_button.setFocus()

    # ---- reactions --------------------------------------------------------------------------

    def _update_start_enabled(self, *_args: object) -> None:
        ready = self._state == "ready"
        self.start_button.setEnabled(ready and self.selected_set_id() is not None)
        self.article_button.setEnabled(self.start_button.isEnabled())
        self._refresh_start_text()
        self.history_button.setEnabled(ready)

    def _confirm_nickname(self) -> None:
        if self.nickname_text():
            self.show_message("")
            self.nickname_confirmed.emit(self.nickname_text())

    def _language_activated(self, index: int) -> None:
        self.language_requested.emit(str(self.language.itemData(index)))

    def _start_clicked(self) -> None:
        set_id = self.selected_set_id()
        if set_id is None or self._state != "ready":
            return
        if not self.nickname_text():
            problem = _("Please enter a nickname first.")
            self.show_message(problem)
            announce_on(self.nickname, f"{problem} {self._nickname_help}")
            return
        self.show_message("")
        before, language = self.selected_entry(), self.language.currentData()
        self.nickname_confirmed.emit(self.nickname_text())  # list this nickname's attempts
        after = self.selected_entry()
        if self.language.currentData() != language:
            # Switched to this student's language: let them see the sets in it first.
            self.start_button.setFocus()
            return
        if after is not None and after.unfinished and not (before and before.unfinished):
            # The button said "Start" for another nickname; now it says "Continue – 9/17".
            self.start_button.setFocus()
            return
        self.start_requested.emit(set_id)

    def _article_clicked(self) -> None:
        set_id = self.selected_set_id()
        if set_id is not None and self._state == "ready":
            self.article_requested.emit(set_id)

    def _start_over_clicked(self) -> None:
        """Ask first: "Start over" sits next to "Continue" and drops the answers given."""
        from quizapp.ui.dialogs import message_box

        set_id, entry = self.selected_set_id(), self.selected_entry()
        if set_id is None or entry is None or self._state != "ready":
            return
        answered = entry.answered or 0
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            _("Start over"),
            ngettext(
                "Start over? Your %(n)d answer so far will be set aside.",
                "Start over? Your %(n)d answers so far will be set aside.",
                answered,
            )
            % {"n": answered},
            _("The set begins again at question 1. Choose No to keep the attempt."),
        )
        box.setObjectName("start_over_confirmation")
        yes = box.addButton(_("Start over"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(_("No, keep it"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)  # Enter must not drop the answers
        box.setEscapeButton(no)

        def finished() -> None:
            if box.clickedButton() is yes:
                self.start_over_requested.emit(set_id)

        box.finished.connect(finished)
        box.open()

    def _on_enter(self) -> None:
        if self.start_button.isEnabled():
            self._start_clicked()


def _best_score_line(right: int, total: int) -> str:
    """The set card's best score in the one wording of scores (``core.score_text``).

    Imported here, not at the top: the start page comes up before babel and the content
    models are loaded (tests/system/test_ui_process.py), and a card with a score only
    appears once results were read.
    """
    from quizapp.core.score_text import score_line

    return score_line(right, total, with_percent=True)
