"""The teacher's "New article…" and "New set…" dialogs: forms that collect, nothing more.

What the forms collect goes to :mod:`quizapp.core.content.authoring`, the same functions
``quizapp source new`` and ``quizapp set new`` call, so the app and the commands write the same
files. A refused entry (an id in use, a date that is not a date) is shown in the dialog and
announced at the field it is about; nothing typed is lost.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.new_source import SourceFields
from quizapp.i18n import _
from quizapp.ui.style import set_role
from quizapp.ui.widgets.announce import announce_on
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import em, heading, set_button_text, text_label


def suggested_id(title: str) -> str:
    """An id from a title: lowercase ASCII words joined by "-" (at most five words)."""
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    folded = title.lower().translate(str.maketrans(umlauts))
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words[:5])[:64].strip("-")


class _Form(QDialog):
    """A window-modal form with a heading, an intro, fields, a problem line and OK/Cancel."""

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(em(self, 0.5))
        self.title = heading(2)
        self.intro = text_label()
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.problem = text_label()
        set_role(self.problem, "badge", "wrong", fresh=True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)

    def row(self, label: QLabel, field: QWidget) -> None:
        label.setBuddy(field)
        self.form.addRow(label, field)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    @property
    def cancel_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert button is not None
        return button

    def show_problem(self, text: str, field: QWidget | None = None) -> None:
        """Say why nothing was written (empty hides it); the field it is about gets focus."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        announce_on(field or self.ok_button, text)


class NewArticleDialog(_Form):
    """Paste the article's text; title, outlet, date, link, language and the id."""

    create_requested = Signal(str, object)  # the text, SourceFields

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "new_article_dialog")
        self.text_label = QLabel()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(em(self, 9))
        self.layout_.addWidget(self.text_label)
        self.layout_.addWidget(self.text, 1)
        self.text_label.setBuddy(self.text)
        self.language_label = QLabel()
        self.language = ComboBox()
        self.title_label, self.title_field = QLabel(), QLineEdit()
        self.outlet_label, self.outlet = QLabel(), QLineEdit()
        self.date_label, self.date = QLabel(), QLineEdit()
        self.date.setMaxLength(10)
        self.url_label, self.url = QLabel(), QLineEdit()
        self.id_label, self.id_field = QLabel(), QLineEdit()
        self.id_field.setMaxLength(64)
        for label, field in (
            (self.language_label, self.language),
            (self.title_label, self.title_field),
            (self.outlet_label, self.outlet),
            (self.date_label, self.date),
            (self.url_label, self.url),
            (self.id_label, self.id_field),
        ):
            self.row(label, field)
        self._id_typed = False
        self.title_field.textEdited.connect(self._title_edited)
        self.text.textChanged.connect(self._text_changed)
        self.id_field.textEdited.connect(self._id_edited)
        self.buttons.accepted.connect(self._submit)
        self.finish_layout()
        self.setMinimumWidth(em(self, 34))
        self.retranslate()
        self.text.setFocus()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.setWindowTitle(_("New article"))
        self.title.setText(_("New article"))
        self.title.setAccessibleName(self.title.text())
        self.intro.setText(
            _(
                "Copy the article from the browser (headline first) and paste it here. Every "
                "word is kept; share buttons, bylines and similar lines are marked as page "
                "furniture. The article is saved in your folder as a source for new sets."
            )
        )
        self.text_label.setText(_("Article &text:"))
        self.text.setAccessibleName(_("Article text"))
        self.language_label.setText(_("&Language of the article:"))
        self.language.setAccessibleName(_("Language of the article"))
        chosen = self.language.currentData() or "de"
        self.language.clear()
        self.language.addItem(_("German"), "de")
        self.language.addItem(_("English"), "en")
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        labels = (
            (self.title_label, self.title_field, _("T&itle:"), _("Title (empty: the headline)")),
            (self.outlet_label, self.outlet, _("&Outlet:"), _("Outlet (empty: not given)")),
            (self.date_label, self.date, _("&Published:"), _("Published (YYYY-MM-DD)")),
            (self.url_label, self.url, _("Lin&k:"), _("Link to the article")),
            (self.id_label, self.id_field, _("I&d:"), _("Id of the source")),
        )
        for label, field, text, name in labels:
            label.setText(text)
            field.setAccessibleName(name)
        self.title_field.setPlaceholderText(_("empty: the headline"))
        self.outlet.setPlaceholderText(_("empty: not given"))
        self.date.setPlaceholderText(_("YYYY-MM-DD, empty: from the text or not given"))
        self.url.setPlaceholderText("https://…")
        self.id_field.setPlaceholderText(_("e.g. fake-audio-2023"))
        set_button_text(self.ok_button, _("Save article"))
        set_button_text(self.cancel_button, _("Cancel"))

    def fields(self) -> SourceFields:
        """What the form says about the article (empty fields are ``None``)."""
        return SourceFields(
            id=self.id_field.text().strip(),
            language=str(self.language.currentData()),
            title=self.title_field.text().strip() or None,
            outlet=self.outlet.text().strip() or None,
            published=self.date.text().strip() or None,
            url=self.url.text().strip() or None,
        )

    def _title_edited(self, text: str) -> None:
        if not self._id_typed:
            self.id_field.setText(suggested_id(text))

    def _text_changed(self) -> None:
        if not self._id_typed and not self.title_field.text():
            first = next((ln for ln in self.text.toPlainText().splitlines() if ln.strip()), "")
            self.id_field.setText(suggested_id(first))

    def _id_edited(self, _text: str) -> None:
        self._id_typed = True

    def _submit(self) -> None:
        if not self.text.toPlainText().strip():
            self.show_problem(_("Paste the article’s text first."), self.text)
            return
        if not self.id_field.text().strip():
            self.show_problem(_("Give the article an id."), self.id_field)
            return
        self.create_requested.emit(self.text.toPlainText(), self.fields())


class NewSetDialog(_Form):
    """Pick the article (source), give the set an id and, if known, a title."""

    create_requested = Signal(str, str, str)  # source id, set id, title ("" = a TODO)

    def __init__(self, parent: QWidget | None, sources: list[tuple[str, str]]) -> None:
        super().__init__(parent, "new_set_dialog")
        self.source_label = QLabel()
        self.source = ComboBox()
        for source_id, title in sources:
            self.source.addItem(f"{title} ({source_id})", source_id)
        self.id_label, self.id_field = QLabel(), QLineEdit()
        self.id_field.setMaxLength(64)
        self.set_title_label, self.set_title = QLabel(), QLineEdit()
        self.row(self.source_label, self.source)
        self.row(self.id_label, self.id_field)
        self.row(self.set_title_label, self.set_title)
        self._id_typed = False
        self.set_title.textEdited.connect(self._title_edited)
        self.id_field.textEdited.connect(self._id_edited)
        self.buttons.accepted.connect(self._submit)
        self.finish_layout()
        self.setMinimumWidth(em(self, 32))
        self.retranslate()
        self.source.setFocus()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.setWindowTitle(_("New question set"))
        self.title.setText(_("New question set"))
        self.title.setAccessibleName(self.title.text())
        self.intro.setText(
            _(
                "Writes a draft in German and English with one example task of each type, "
                "quoting the article. Students do not see a draft. Open it in the editor, "
                "replace every TODO, delete the tasks you do not need, then remove "
                "“draft: true”; the list below shows what is left."
            )
        )
        self.source_label.setText(_("&Article:"))
        self.source.setAccessibleName(_("Article the set is about"))
        self.id_label.setText(_("I&d:"))
        self.id_field.setAccessibleName(_("Id of the set"))
        self.id_field.setPlaceholderText(_("e.g. fake-audio-basics"))
        self.set_title_label.setText(_("T&itle:"))
        self.set_title.setAccessibleName(_("Title of the set"))
        self.set_title.setPlaceholderText(
            _("in the article’s language; empty: write it in the file later")
        )
        set_button_text(self.ok_button, _("Create draft"))
        set_button_text(self.cancel_button, _("Cancel"))

    def _title_edited(self, text: str) -> None:
        if not self._id_typed:
            self.id_field.setText(suggested_id(text))

    def _id_edited(self, _text: str) -> None:
        self._id_typed = True

    def _submit(self) -> None:
        if self.source.currentIndex() < 0:
            self.show_problem(_("Save an article first (“New article…”)."), self.source)
            return
        if not self.id_field.text().strip():
            self.show_problem(_("Give the set an id."), self.id_field)
            return
        self.create_requested.emit(
            str(self.source.currentData()), self.id_field.text().strip(), self.set_title.text()
        )
