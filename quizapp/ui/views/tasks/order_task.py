"""The ``order`` task: a list of steps the student puts in order by dragging a step (a line
shows where it will land), with Alt+↑/Alt+↓ or with the buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.content.models import OrderTask, Task
from quizapp.core.quiz import AnswerResult
from quizapp.core.responses import OrderResponse, TaskResponse
from quizapp.i18n import _
from quizapp.ui.views.tasks.base import (
    TaskContext,
    TaskInput,
    bold_label,
    key_stop,
    status_row,
)
from quizapp.ui.widgets.common import em, set_button_text, text_label

ITEM_ID = Qt.ItemDataRole.UserRole


class StepList(QListWidget):
    """The steps; drag one to move it, or Alt+Up / Alt+Down (plain arrows select)."""

    def __init__(self, move: Callable[[int], None], dropped: Callable[[int], None]) -> None:
        super().__init__()
        self._move = move
        self._dropped = dropped
        self._kept_row = -1
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        # 14-year-olds drag first: a step moves where it is dropped, a line shows where.
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Room around each step, so a long one that wraps still reads as one item.
        self.setSpacing(em(self, 0.2))

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden (the feedback is shown): no step of a list off screen claims the focus for
        a screen reader (Qt reports the current item as focused); it comes back on show."""
        self._kept_row = self.currentRow()
        selection = self.selectionModel()
        if selection is not None:
            selection.clearCurrentIndex()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again: the step that was selected is selected again."""
        super().showEvent(event)
        if self.currentRow() < 0 and 0 <= self._kept_row < self.count():
            self.setCurrentRow(self._kept_row)

    def dropEvent(self, event: QDropEvent) -> None:
        """Let Qt move the row, then hand the new position of the dragged step on."""
        moved = self.currentItem()
        super().dropEvent(event)
        if moved is not None:
            self._dropped(self.row(moved))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Alt+arrow moves the current step; everything else as usual."""
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self._move(step)
            event.accept()
            return
        super().keyPressEvent(event)


class OrderInput(TaskInput):
    """The steps in the student's current order, with "Move up" and "Move down"."""

    def __init__(self, context: TaskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._task: OrderTask | None = None
        self._ids: list[str] = []
        self._moved = False
        self.steps = StepList(self.move_step, self._dropped)
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.position_label = text_label(muted=True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(em(self, 0.6))
        row.addWidget(self.steps, 1)
        row.addLayout(buttons)
        self.box.addLayout(row)
        self.box.addWidget(self.position_label)
        self.steps.currentRowChanged.connect(self._announce)
        self.retranslate()

    def retranslate(self) -> None:
        """Button texts and accessible names in the current language."""
        set_button_text(self.up_button, _("Move &up"), _("Moves the selected step up (Alt+↑)."))
        set_button_text(
            self.down_button, _("Move &down"), _("Moves the selected step down (Alt+↓).")
        )
        self.steps.setAccessibleName(_("Steps in your order"))
        self.describe(self.steps, self._keys_said(), first=True)
        self._refill()

    @staticmethod
    def _keys_said() -> str:
        return _(
            "Drag a step to its place, or select it with the arrow keys and move it with "
            "Alt+Up and Alt+Down."
        )

    def show_task(self, task: Task, order: list[str]) -> None:
        """Show the steps in the stored shuffled ``order``."""
        assert isinstance(task, OrderTask)
        self._task = task
        self._ids = list(order)
        self.describe(self.steps, self._keys_said(), first=True)  # the prompt is known now
        self._refill()
        self.steps.setCurrentRow(0)
        # As tall as its steps (wrapped lines included), so no inner scrolling hides one.
        gap = 2 * self.steps.spacing()
        rows = sum(self.steps.sizeHintForRow(i) + gap for i in range(self.steps.count()))
        spare = self.steps.sizeHintForRow(0)  # room for a step that wraps at a narrow width
        self.steps.setFixedHeight(rows + spare + 2 * self.steps.frameWidth())

    def _text(self, item_id: str) -> str:
        assert self._task is not None
        return next(item.text for item in self._task.items if item.id == item_id)

    def _refill(self) -> None:
        if self._task is None:
            return
        current = self.steps.currentRow()
        self.steps.clear()
        for number, item_id in enumerate(self._ids, start=1):
            item = QListWidgetItem(f"{number}. {self._text(item_id)}")
            item.setData(ITEM_ID, item_id)
            if not self._moved and number == 1:
                # A screen reader reads the step that gets the focus, not the list: the first
                # step says the question and the keys until a step has been moved.
                said = f"{self.prompt} {self._keys_said()}".strip()
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, said)
            self.steps.addItem(item)
        if 0 <= current < len(self._ids):
            self.steps.setCurrentRow(current)
        self._announce()

    def move_step(self, step: int) -> None:
        """Move the selected step ``step`` places (−1 up, +1 down), keeping it selected."""
        row = self.steps.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self._ids):
            return
        # The list first: "Move up" disables itself at the top, and Qt would pass its focus
        # on to the next control (a screen reader announces each) before the list got it.
        self.steps.setFocus(Qt.FocusReason.OtherFocusReason)
        self._moved = True
        self._ids[row], self._ids[target] = self._ids[target], self._ids[row]
        self.steps.setCurrentRow(target)
        self._refill()
        self.changed.emit()

    def _dropped(self, row: int) -> None:
        """A step was dragged to ``row``: take the list's new order, renumber, keep it chosen."""
        ids = [str(self.steps.item(i).data(ITEM_ID)) for i in range(self.steps.count())]
        if sorted(ids) != sorted(self._ids):
            self._refill()  # a drop Qt did not complete as a move: show the order as it was
            return
        changed = ids != self._ids
        self._ids = ids
        self._moved = self._moved or changed
        self.steps.setCurrentRow(row)
        self._refill()
        if changed:
            self.changed.emit()

    def _announce(self, *_args: object) -> None:
        row = self.steps.currentRow()
        text = (
            _("Selected: step %(n)d of %(total)d") % {"n": row + 1, "total": len(self._ids)}
            if row >= 0 and self._ids
            else ""
        )
        self.position_label.setText(text)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._ids) - 1)

    def order(self) -> list[str]:
        """The item ids in the student's current order."""
        return list(self._ids)

    def response(self) -> TaskResponse | None:
        """Any order is an answer (the shown order too)."""
        return OrderResponse(order=tuple(self._ids)) if self._ids else None

    def hint(self) -> str:
        """What to do."""
        return _("Put the steps in the right order, first at the top: drag a step to its place.")

    def answer_for_check(self, *, right: bool) -> None:
        """Move the steps into the right order, or the reverse one (no pair right)."""
        assert self._task is not None
        key = [item.id for item in self._task.items]
        for target, item_id in enumerate(key if right else reversed(key)):
            self.steps.setCurrentRow(self.order().index(item_id))
            while self.order().index(item_id) > target:
                self.move_step(-1)

    def keys_hint(self) -> str:
        """The keys."""
        return _("↑/↓: select · Alt+↑/Alt+↓: move · Enter: submit")

    def focus_first(self) -> None:
        """Focus the list."""
        self.steps.setFocus(Qt.FocusReason.OtherFocusReason)


def order_feedback(task: OrderTask, result: AnswerResult) -> list[QWidget]:
    """Per position: the student's step, right or wrong, and the right step when it differs."""
    given = result.response.order if isinstance(result.response, OrderResponse) else ()
    widgets: list[QWidget] = []
    for number, item in enumerate(task.items, start=1):
        mine = given[number - 1] if number - 1 < len(given) else None
        mine_text = next((i.text for i in task.items if i.id == mine), "–")
        if mine == item.id:
            status = _("In the right place")
        else:
            status = _("Belongs here: %(step)s") % {"step": item.text}
        # One Tab stop per place: your step and its verdict, read together.
        said = f"{number}. {mine_text}"
        widgets.append(key_stop(bold_label(said), said, status))
        widgets.append(status_row(status, right=mine == item.id))
    return widgets
