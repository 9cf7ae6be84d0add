"""What the quiz and feedback views need from a task type's widgets: the plug-in point.

A choice question is shown by the quiz view itself; every newer task type brings a
:class:`TaskInput` (how the student answers) and a feedback builder (what the student sees after
submitting), registered in :mod:`quizapp.ui.views.tasks`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from quizapp.core.content.models import SourceDocument, Task
from quizapp.core.responses import TaskResponse
from quizapp.i18n import _
from quizapp.ui.style import RIGHT_MARK, WRONG_MARK, scaled_font, set_role
from quizapp.ui.widgets.common import em, reading_stop, text_label


@dataclass(frozen=True)
class TaskContext:
    """What a task's widgets may need beyond the task: the article and the reader's language."""

    source: SourceDocument | None
    language: str

    @property
    def shows_translations(self) -> bool:
        """True when the reader's language is not the article's (translations are shown)."""
        return self.source is not None and self.source.language != self.language


class TaskInput(QWidget):
    """How a student answers one kind of task. Emits ``changed`` whenever the answer changes."""

    changed = Signal()
    #: True when the input holds the article itself (evidence: words are marked in it); the
    #: page then leaves out its own article pane, so only one article is on screen.
    shows_article = False
    #: The question's prompt (set before :meth:`show_task`): read on arrival as part of the
    #: description of the control that gets the focus first (see :meth:`describe`).
    prompt = ""

    def __init__(self, context: TaskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(em(self, 0.45))

    def show_task(self, task: Task, order: list[str]) -> None:
        """Show ``task``; ``order`` is the stored display order of its parts (may be empty)."""
        raise NotImplementedError

    def response(self) -> TaskResponse | None:
        """The answer as it stands, or ``None`` while it cannot be submitted yet."""
        raise NotImplementedError

    def hint(self) -> str:
        """One line under the prompt: what to do."""
        raise NotImplementedError

    def keys_hint(self) -> str:
        """The keys that work here, for the footer."""
        raise NotImplementedError

    def controls(self) -> list[QWidget]:
        """The controls Tab visits, in the order they are shown."""
        tab = Qt.FocusPolicy.TabFocus.value
        return [w for w in self.findChildren(QWidget) if w.focusPolicy().value & tab]

    def focus_first(self) -> None:
        """Put the keyboard focus where the student starts."""
        self.focusNextChild()

    def describe(self, widget: QWidget, text: str, *, first: bool = False) -> None:
        """Set ``widget``'s accessible description; on the ``first`` control (the one
        :meth:`focus_first` focuses) the prompt comes first, so a screen reader says the
        question on arrival, not only the control."""
        if first and self.prompt:
            text = f"{self.prompt} {text}".strip()
        widget.setAccessibleDescription(text)

    def answer_for_check(self, *, right: bool) -> None:
        """Make the shown task ready to submit with a fully right or a surely wrong answer, the
        way a student's input would (used by the self-check and the tests)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    def on_enter(self) -> bool:
        """Enter was pressed while the answer is not ready; return True if handled."""
        return False


def status_row(text: str, *, right: bool, said: str = "") -> QWidget:
    """A feedback line: a mark (✔/✘) and words, so right and wrong never rely on colour.

    With ``said``, the line is a Tab stop that a screen reader reads as ``said`` (the mark
    in words): the key of a task must be reachable by keyboard, as a choice's status is.
    """
    row = QFrame()
    line = QVBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    label = text_label(f"{RIGHT_MARK if right else WRONG_MARK} {text}")
    set_role(label, "badge", "right" if right else "wrong")
    if said:
        reading_stop(label, said, "")
    line.addWidget(label)
    return row


def key_stop(label: QLabel, said: str, more: str = "") -> QLabel:
    """Make a feedback ``label`` a Tab stop read as ``said`` and then ``more`` (see
    :func:`status_row`). Both go into the name: Orca reads no description of a text."""
    reading_stop(label, f"{said} – {more}" if more else said, "")
    return label


def tab_stops(widgets: list[QWidget]) -> list[QWidget]:
    """The Tab stops among ``widgets`` and their children, in order (for the feedback view)."""
    tab = Qt.FocusPolicy.TabFocus.value
    found: list[QWidget] = []
    for widget in widgets:
        for candidate in (widget, *widget.findChildren(QWidget)):
            if candidate.focusPolicy().value & tab and candidate not in found:
                found.append(candidate)
    return found


def bold_label(text: str) -> QLabel:
    """A wrapping plain-text label in bold (the student's own answer in the feedback)."""
    label = text_label(text)
    label.setFont(scaled_font(label.font(), 1.0, bold=True))
    return label


def quoted(text: str) -> str:
    """``text`` in the current language's quotation marks."""
    return _("“%(quote)s”") % {"quote": text}
