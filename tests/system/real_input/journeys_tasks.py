"""The four newer task types (order, categorize, evidence, short text), each answered fully
right by mouse in one journey and by keyboard in the other; submit, feedback, next."""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from quizapp.core.content.citations import locate_quote
from quizapp.core.content.models import CategorizeTask, EvidenceTask, OrderTask, ShortTextTask
from quizapp.core.responses import Layer
from quizapp.i18n import _
from quizapp.ui.views.tasks.categorize_task import CategorizeInput
from quizapp.ui.views.tasks.evidence_task import EvidenceInput
from quizapp.ui.views.tasks.order_task import OrderInput
from quizapp.ui.views.tasks.short_text_task import ShortTextInput
from real_input.hands import JourneyFailure
from real_input.journey_world import Journey, World
from real_input.journeys_student import choose_set_by_keys, set_card_button

TASK_TITLES = {"de": "Neue Aufgabentypen", "en": "New task types"}
WRITTEN = {  # xdotool types umlauts too, but a plain line keeps the keymap out of the story
    "de": "Kuenstler sagen, sie haetten Sora aus Protest geleakt",
    "en": "Artists say they leaked Sora in protest",
}


def begin_task_set(world: World, *, by_keyboard: bool) -> None:
    hands, start = world.hands, world.shell.start_view
    world.on_screen(start, "the start page")
    world.step("nickname and the task set")
    if by_keyboard:
        hands.type("Ida2")
        choose_set_by_keys(world, TASK_TITLES[world.language])
        hands.keys("Return")
    else:
        world.click(start.nickname)
        hands.type("Ida2")
        card = set_card_button(world, TASK_TITLES[world.language])
        world.check(card, "the task set is chosen")
        world.press(start.start_button)
    world.on_screen(world.screens.quiz_view, "the first task")


def current_task(world: World):  # type: ignore[no-untyped-def]
    return world.hands.look(lambda: world.screens.quiz.session.current)


def submit_and_next(world: World, *, by_keyboard: bool) -> None:
    quiz, feedback = world.screens.quiz_view, world.screens.feedback_view
    world.see(lambda: quiz.submit_button.isEnabled(), "“Submit answer” is enabled")
    if by_keyboard:
        world.hands.keys("Return")
    else:
        world.press(quiz.submit_button)
    world.on_screen(feedback, "the feedback")
    world.see_text(feedback.verdict, _("Right!"), "the verdict")
    if by_keyboard:
        world.hands.keys("Return")
    else:
        world.press(feedback.next_button)


def row_rect(world: World, widget: OrderInput, row: int) -> QRect:
    def find() -> QRect:
        steps = widget.steps
        rect = steps.visualItemRect(steps.item(row))
        return QRect(steps.viewport().mapToGlobal(rect.topLeft()), rect.size())

    return world.hands.look(find)


def order_by_mouse(world: World, task: OrderTask, widget: OrderInput) -> None:
    """Drag the first misplaced step to its place, then put the others in place with "Move up"."""
    key = [item.id for item in task.items]
    world.hands.bring_into_view(widget.steps)
    world.step("order: drag a misplaced step to its place")
    shown = world.hands.look(widget.order)
    place = next((i for i, item_id in enumerate(key) if shown[i] != item_id), None)
    if place is None:
        raise JourneyFailure("the steps were shown in the right order: nothing to drag")
    source = shown.index(key[place])
    start, goal = row_rect(world, widget, source).center(), row_rect(world, widget, place)
    world.hands.drag((start.x(), start.y()), (goal.center().x(), goal.top() + 3))
    world.see(lambda: widget.order()[place] == key[place], "the dragged step is now in place")
    world.see(lambda: widget.steps.currentRow() == place, "the dragged step stays selected")
    world.step("order: the rest with “Move up”")
    for target, item_id in enumerate(key):
        row = world.hands.look(lambda i=item_id: widget.order().index(i))
        if row == target:
            continue
        here = row_rect(world, widget, row).center()
        world.hands.click_at(here.x(), here.y())
        world.see(lambda r=row: widget.steps.currentRow() == r, "a click selects the step")
        for _move in range(row - target):
            world.press(widget.up_button)
    world.see(lambda: widget.order() == key, "the steps are in the right order")


def order_by_keys(world: World, task: OrderTask, widget: OrderInput) -> None:
    """Arrows select, Alt+Up moves, step by step."""
    key = [item.id for item in task.items]
    world.step("order: arrows and Alt+Up")
    world.see(lambda: widget.steps.hasFocus(), "the step list has the focus")
    for target, item_id in enumerate(key):
        row = world.hands.look(lambda i=item_id: widget.order().index(i))
        current = world.hands.look(widget.steps.currentRow)
        world.hands.keys(*(["Down"] * (row - current) + ["Up"] * (current - row)))
        world.hands.keys(*(["alt+Up"] * (row - target)))
        world.see(lambda i=item_id, t=target: widget.order().index(i) == t, "Alt+Up moved it")
    world.see(lambda: widget.order() == key, "the steps are in the right order")


def categorize(world: World, task: CategorizeTask, widget: CategorizeInput, *, keys: bool) -> None:
    """Each box opened and the right category clicked (or chosen by keys in the open list)."""
    names = {category.id: category.text for category in task.categories}
    right = {statement.id: statement.category for statement in task.statements}
    shown = world.hands.look(lambda: list(widget.boxes.items()))  # in the order on screen
    for number, (statement_id, box) in enumerate(shown):
        world.step(f"categorize: statement {number + 1} ({statement_id})")
        wanted = names[right[statement_id]]
        if not keys:
            world.pick_by_mouse(box, wanted)
            continue
        if number > 0:
            world.hands.keys("Tab")
        world.see(lambda b=box: b.hasFocus(), "Tab reached the next category box")
        world.hands.screenshot(f"category-focus-{number}")
        world.hands.keys("alt+Down")  # opens the list, as F4 does
        world.see(lambda b=box: b.view().isVisible(), "Alt+Down opened the list")
        row = world.hands.look(lambda b=box, w=wanted: b.findText(w))
        current = world.hands.look(lambda b=box: b.view().currentIndex().row())
        world.hands.keys(*(["Down"] * (row - current)), "Return")
        world.see(lambda b=box, w=wanted: b.currentText() == w, f"the box shows “{wanted}”")


def evidence_place(world: World, task: EvidenceTask, widget: EvidenceInput) -> tuple[int, int]:
    """Document positions of the first cited quote where this reader reads it."""

    def find() -> tuple[int, int]:
        source = world.shell.library.sources[world.screens.quiz.session.question_set.source]
        citation = task.citations[0]
        block = source.block(citation.paragraph)
        translated = block.translations.get(world.language)
        if translated and citation.translation and source.language != world.language:
            found, layer = locate_quote(translated, citation.translation), Layer.TRANSLATION
        else:
            found, layer = locate_quote(block.text, citation.quote), Layer.ORIGINAL
        assert found is not None
        segment = next(
            s
            for s in widget.article.segments
            if s.paragraph == citation.paragraph and s.layer is layer
        )
        return segment.start + found[0], segment.start + found[1]

    return world.hands.look(find)


def caret_point(world: World, widget: EvidenceInput, position: int) -> QPoint:
    def find() -> QPoint:
        cursor = QTextCursor(widget.article.document())
        cursor.setPosition(position)
        rect = widget.article.cursorRect(cursor)
        return widget.article.viewport().mapToGlobal(QPoint(rect.x(), rect.center().y()))

    return world.hands.look(find)


def evidence_by_mouse(world: World, task: EvidenceTask, widget: EvidenceInput) -> None:
    """Scroll the article with the wheel to the quote, drag over it, press the button."""
    start, end = evidence_place(world, task, widget)
    article = widget.article
    world.step("evidence: wheel to the quote, drag over it")
    world.hands.bring_into_view(article)
    port = world.hands.rect(article.viewport())
    for _turn in range(30):
        if port.contains(caret_point(world, widget, start)) and port.contains(
            caret_point(world, widget, end)
        ):
            break
        world.hands.wheel(port.center().x(), port.center().y(), notches=1)
        time.sleep(0.1)
    first, last = caret_point(world, widget, start), caret_point(world, widget, end)
    world.hands.drag((first.x() + 1, first.y()), (last.x() - 1, last.y()))
    world.see(lambda: article.textCursor().hasSelection(), "the dragged words are selected")
    world.press(widget.mark_button)
    world.see(lambda: bool(article.marks), "the words are marked")


def evidence_by_keys(world: World, task: EvidenceTask, widget: EvidenceInput) -> None:
    """Ctrl+Home, Ctrl+Right to the quote, Shift+Ctrl+Right over it, Alt+M."""
    start, end = evidence_place(world, task, widget)
    article = widget.article
    world.step("evidence: caret to the quote by Ctrl+Right, select with Shift")
    # The statement is the first stop (read on arrival); Tab leads into the article.
    world.see(lambda: widget.statement.hasFocus(), "the statement has the focus")
    world.hands.keys("Tab")
    world.see(lambda: article.hasFocus(), "the article has the focus")
    world.hands.keys("ctrl+Home", "ctrl+Down")
    world.see(lambda: article.textCursor().position() > 0, "Ctrl+Down moves the caret")
    world.hands.screenshot("evidence-caret")
    world.hands.keys("ctrl+Home")
    for _round in range(4):  # jump by words, then correct by letters, looking each time
        here = world.hands.look(lambda: article.textCursor().position())
        if here == start:
            break
        words = world.hands.look(lambda h=here: _words_between(article.document(), h, start))
        if words > 1:
            world.hands.repeat("ctrl+Right", words - 1)
        else:
            step = "Right" if here < start else "Left"
            world.hands.repeat(step, abs(start - here))
    world.see(lambda: article.textCursor().position() == start, "the caret is at the quote")
    world.hands.repeat("shift+Right", end - start)
    world.see(lambda: article.textCursor().selectionEnd() == end, "the quote is selected")
    world.hands.keys("alt+m")
    world.see(lambda: bool(article.marks), "Alt+M marked the words")


def _words_between(document, low: int, high: int) -> int:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(document)
    cursor.setPosition(low)
    count = 0
    while cursor.position() < high and count < 2000:
        if not cursor.movePosition(QTextCursor.MoveOperation.NextWord):
            break
        count += 1
    return count


def short_text(world: World, task: ShortTextTask, widget: ShortTextInput, *, keys: bool) -> None:
    world.step("short text: write, compare, tick the points")
    if not keys:
        world.click(widget.answer)
    world.see(lambda: widget.answer.hasFocus(), "the answer line has the focus")
    world.hands.type(WRITTEN[world.language])
    world.see(lambda: widget.answer.text() == WRITTEN[world.language], "the typed answer")
    if keys:
        world.hands.keys("Return")  # Enter compares
    else:
        world.press(widget.compare_button)
    world.see(lambda: widget.reveal_box.isVisible(), "the model answer and the points")
    boxes = list(widget.rubric.values())
    for number, box in enumerate(boxes):
        if keys:
            if number == 0:  # Enter put the focus on the model answer, read first
                world.see(lambda: widget.model_answer.hasFocus(), "the model answer is read")
            world.hands.keys("Tab")
            world.see(lambda b=box: b.hasFocus(), "Tab reached the next point")
            world.hands.screenshot(f"rubric-focus-{number}")
            world.hands.keys("space")
            world.see(lambda b=box: b.isChecked(), "Space ticked the point")
        else:
            world.check(box, "the point is ticked")
    if keys:
        world.see(
            lambda: QApplication.focusWidget() is not None,
            "the focus is somewhere Enter submits",
        )


def tasks(world: World, *, keys: bool) -> None:
    begin_task_set(world, by_keyboard=keys)
    quiz = world.screens.quiz_view
    for _number in range(4):
        world.on_screen(quiz, "the next task")
        task = current_task(world)
        widget = world.hands.look(lambda: quiz.task_input)
        if isinstance(task, OrderTask):
            (order_by_keys if keys else order_by_mouse)(world, task, widget)
        elif isinstance(task, CategorizeTask):
            categorize(world, task, widget, keys=keys)
        elif isinstance(task, EvidenceTask):
            (evidence_by_keys if keys else evidence_by_mouse)(world, task, widget)
        elif isinstance(task, ShortTextTask):
            short_text(world, task, widget, keys=keys)
        else:
            raise JourneyFailure(f"unexpected task {task.id}")
        submit_and_next(world, by_keyboard=keys)
    world.on_screen(world.screens.results_view, "the results")
    world.see_text(world.screens.results_view.score, "4", "all four right")


JOURNEYS = {
    "tasks-mouse": Journey(lambda world: tasks(world, keys=False)),
    "tasks-keyboard": Journey(lambda world: tasks(world, keys=True)),
}
