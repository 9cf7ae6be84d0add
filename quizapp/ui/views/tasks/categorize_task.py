"""The ``categorize`` task: per statement a list box with the categories."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QWidget

from quizapp.core.content.models import CategorizeTask, Task
from quizapp.core.quiz import AnswerResult
from quizapp.core.responses import CategorizeResponse, TaskResponse
from quizapp.i18n import _
from quizapp.ui.style import set_role
from quizapp.ui.views.tasks.base import (
    TaskContext,
    TaskInput,
    bold_label,
    key_stop,
    status_row,
)
from quizapp.ui.widgets.announce import announce_on, say_now
from quizapp.ui.widgets.combo import ComboBox
from quizapp.ui.widgets.common import em, text_label


class CategorizeInput(TaskInput):
    """Each statement on a card with a list box of the categories (none picked at first)."""

    def __init__(self, context: TaskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._task: CategorizeTask | None = None
        self._order: list[str] = []
        self.boxes: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._descriptions: dict[QComboBox, str] = {}

    def show_task(self, task: Task, order: list[str]) -> None:
        """One card per statement, in the stored shuffled ``order``."""
        assert isinstance(task, CategorizeTask)
        self._task, self._order = task, list(order)
        statements = {s.id: s for s in task.statements}
        for number, statement_id in enumerate(order, start=1):
            statement = statements[statement_id]
            card = QFrame()
            set_role(card, "card", True)
            grid = QGridLayout(card)
            pad = em(self, 0.6)
            grid.setContentsMargins(pad, pad, pad, pad)
            label = text_label(f"{number}. {statement.text}")
            box = ComboBox()
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.addItem("", "")
            for category in task.categories:
                box.addItem(category.text, category.id)
            box.currentIndexChanged.connect(lambda _i, b=box: self._picked(b))
            # Orca names a combo box by the label it is the buddy of (by that label's
            # accessible name): "Category for statement n"; the statement is the description.
            label.setBuddy(box)
            grid.addWidget(label, 0, 0)
            grid.addWidget(box, 1, 0, Qt.AlignmentFlag.AlignLeft)
            self.box.addWidget(card)
            self.boxes[statement_id] = box
            self._labels[statement_id] = label
        self.retranslate()

    def retranslate(self) -> None:
        """The empty entry and the accessible names in the current language."""
        for number, (statement_id, box) in enumerate(self.boxes.items(), start=1):
            box.setItemText(0, _("Choose a category …"))
            text = self._labels[statement_id].text()
            box.setAccessibleName(_("Category for statement %(n)d") % {"n": number})
            self._labels[statement_id].setAccessibleName(box.accessibleName())
            self.describe(box, text, first=number == 1)
            self._descriptions[box] = box.accessibleDescription()

    def _picked(self, box: QComboBox) -> None:
        """A category was picked; with the arrow keys on the closed box, say which (a screen
        reader takes the change of a closed box's value for a redundant name change)."""
        if box.hasFocus() and not box.view().isVisible() and box.currentIndex() > 0:
            say_now(box, box.currentText(), resting=self._descriptions.get(box))
        self.changed.emit()

    def pick(self, statement_id: str, category_id: str) -> None:
        """Pick ``category_id`` for a statement (as the list box would)."""
        box = self.boxes[statement_id]
        box.setCurrentIndex(box.findData(category_id))

    def response(self) -> TaskResponse | None:
        """Ready once every statement has a category."""
        picks = {sid: str(box.currentData() or "") for sid, box in self.boxes.items()}
        if not picks or "" in picks.values():
            return None
        return CategorizeResponse(assignments=picks)

    def hint(self) -> str:
        """What to do."""
        return _("Choose a category for every statement.")

    def answer_for_check(self, *, right: bool) -> None:
        """Put every statement in its category, or each in the next one."""
        assert self._task is not None
        ids = [c.id for c in self._task.categories]
        for statement in self._task.statements:
            wrong = ids[(ids.index(statement.category) + 1) % len(ids)]
            self.pick(statement.id, statement.category if right else wrong)

    def on_enter(self) -> bool:
        """Enter with a statement left without a category: say which, on its box."""
        for number, box in enumerate(self.boxes.values(), start=1):
            if not box.currentData():
                announce_on(
                    box,
                    _(
                        "No category is chosen for statement %(n)d yet. Choose one with the "
                        "arrow keys, then press Enter."
                    )
                    % {"n": number},
                )
                return True
        return False

    def keys_hint(self) -> str:
        """The keys."""
        return _("Tab: next statement · ↑/↓: choose a category · Enter: submit")

    def focus_first(self) -> None:
        """Focus the first list box."""
        if self.boxes:
            next(iter(self.boxes.values())).setFocus(Qt.FocusReason.OtherFocusReason)


def categorize_feedback(
    task: CategorizeTask, order: list[str], result: AnswerResult
) -> list[QWidget]:
    """Per statement (as shown): the category picked, right or wrong, and the feedback."""
    picks = result.response.assignments if isinstance(result.response, CategorizeResponse) else {}
    categories = {c.id: c.text for c in task.categories}
    statements = {s.id: s for s in task.statements}
    widgets: list[QWidget] = []
    for number, statement_id in enumerate(order or list(statements), start=1):
        statement = statements.get(statement_id)
        if statement is None:
            continue
        picked = picks.get(statement_id, "")
        title = bold_label(f"{number}. {statement.text}")
        widgets.append(title)
        if picked == statement.category:
            text = _("Your category: %(category)s – right") % {
                "category": categories[statement.category]
            }
        else:
            text = _("Your category: %(picked)s – right is: %(right)s") % {
                "picked": categories.get(picked, "–"),
                "right": categories[statement.category],
            }
        # One Tab stop per statement: the statement, your category against the key, why.
        key_stop(title, f"{number}. {statement.text}", f"{text}. {statement.feedback or ''}")
        widgets.append(status_row(text, right=picked == statement.category))
        if statement.feedback:
            widgets.append(text_label(statement.feedback))
    return widgets
