"""Student journeys on the mini set: start by mouse (nickname, language, set, article), the
choice questions by mouse, "Continue later" and continue, results, practice, history; and the
whole set by keyboard only."""

from __future__ import annotations

import time

from quizapp.core.content.models import Question
from quizapp.i18n import _
from real_input.hands import JourneyFailure
from real_input.journey_world import Journey, World

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
MINI_TITLES = {"de": "Mini-Set", "en": "Mini set"}


def other(language: str) -> str:
    return "en" if language == "de" else "de"


def right_indexes(world: World, *, right: bool = True) -> list[int]:
    """The shown positions of the right (or the wrong) choices of the question on screen."""

    def find() -> list[int]:
        session = world.screens.quiz.session
        question = session.current
        assert isinstance(question, Question)
        order = session.current_choice_order()
        return [i for i, cid in enumerate(order) if question.choice(cid).correct == right]

    return world.hands.look(find)


def set_card_button(world: World, title: str):  # type: ignore[no-untyped-def]
    start = world.shell.start_view
    cards = world.hands.look(lambda: list(start._cards.values()))
    for card in cards:
        if world.hands.look(card.button.text) == title:
            return card.button
    raise JourneyFailure(f"no set card “{title}” on the start page")


def start_by_mouse(world: World) -> None:
    """Nickname typed, language and set picked by mouse, the article read, Start clicked."""
    hands, start = world.hands, world.shell.start_view
    world.on_screen(start, "the start page")
    world.step("type the nickname")
    world.click(start.nickname)
    hands.type("Kim7")
    world.see(lambda: start.nickname.text() == "Kim7", "the nickname as typed")
    world.step(f"pick {LANGUAGE_NAMES[world.language]} in the language box by mouse")
    world.pick_by_mouse(start.language, LANGUAGE_NAMES[world.language])
    world.see(
        lambda: world.shell.languages.language == world.language,
        "the app switched its language",
    )
    world.see_text(start.title, _("Reading the news critically"), "the start page's title")
    world.step("pick the mini set by mouse")
    card = set_card_button(world, MINI_TITLES[world.language])
    world.check(card, "the mini set's card is chosen")
    world.step("read the article")
    world.press(start.article_button)
    article = world.screens.article_view
    world.on_screen(article, "the article page")
    browser = article.browser
    bar = browser.verticalScrollBar()
    box = hands.rect(browser)
    hands.wheel(box.center().x(), box.center().y(), notches=3)
    world.see(lambda: bar.value() > 0 or bar.maximum() == 0, "the wheel scrolls the article")
    world.press(article.back_button)
    world.on_screen(start, "back on the start page")
    world.step("start the set")
    world.see_text(start.start_button, _("Start"), "the button says Start")
    world.press(start.start_button)
    world.on_screen(world.screens.quiz_view, "the first question")


def answer_by_mouse(world: World, *, right: bool, sure: bool = True) -> None:
    """Click the right (or a wrong) choice(s) and a confidence, then "Submit answer"."""
    quiz = world.screens.quiz_view
    wanted = right_indexes(world, right=right)
    if not right:
        wanted = wanted[:1]
    cards = world.hands.look(lambda: list(quiz._cards))
    for index in wanted:
        world.check(cards[index].button, f"choice {index + 1} is ticked")
    if sure:
        sure_button = world.hands.look(lambda: next(iter(quiz._confidence_buttons.values())))
        world.check(sure_button, "“Sure” is chosen")
    world.press(quiz.submit_button)
    world.on_screen(world.screens.feedback_view, "the feedback")
    verdict = _("Right!") if right else _("Not right.")
    world.see_text(world.screens.feedback_view.verdict, verdict, "the verdict")


def show_in_article(world: World) -> None:
    """ "Show in article" opens the article at the quote, highlighted; Esc (narrow) goes back."""
    feedback = world.screens.feedback_view
    buttons = world.hands.look(lambda: list(feedback._show_buttons))
    if not buttons:
        raise JourneyFailure("no “Show in article” button on the feedback")
    if world.hands.look(lambda: world.shell.window.screen().size().width()) >= 1366:
        # Issue 21.4: a 1366x768 laptop gets the article beside the feedback at once.
        world.see(lambda: feedback.is_wide(), "the window is wide enough for the article beside")
    world.press(buttons[0])
    world.see(lambda: feedback.article_visible(), "the article is shown beside or instead")
    world.see(
        lambda: any(r is not None for r in feedback.reader.highlight_ranges),
        "the quote is highlighted in the article",
    )
    if not world.hands.look(feedback.is_wide):
        world.hands.keys("Escape")
        world.see(lambda: not feedback.article_visible(), "Esc closes the article again")


def next_question(world: World) -> None:
    world.press(world.screens.feedback_view.next_button)


def progress(world: World) -> str:
    return world.text(world.screens.quiz_view.progress_label)


def student_by_mouse(world: World) -> None:
    """Start, a right and a wrong answer, continue later and continue, results, practice,
    history: all by mouse."""
    start_by_mouse(world)
    quiz = world.screens.quiz_view
    world.step("question 1 by mouse: right, Sure")
    answer_by_mouse(world, right=True)
    world.step("Show in article")
    show_in_article(world)
    next_question(world)
    world.on_screen(quiz, "question 2")
    world.step("Continue later")
    world.press(quiz.pause_button)
    start = world.shell.start_view
    world.on_screen(start, "the start page after “Continue later”")
    continue_text = _("Continue – %(answered)d/%(total)d") % {"answered": 1, "total": 3}
    world.see_text(start.start_button, continue_text, "the start button offers to continue")
    world.press(start.start_button)
    world.on_screen(quiz, "the unfinished attempt again")
    world.see_text(
        quiz.progress_label,
        _("Question %(n)d of %(total)d") % {"n": 2, "total": 3},
        "it goes on at question 2",
    )
    world.step("question 2 by mouse: wrong")
    answer_by_mouse(world, right=False, sure=False)
    next_question(world)
    world.step("question 3 by mouse: right")
    world.on_screen(quiz, "question 3")
    answer_by_mouse(world, right=True)
    next_question(world)
    results_and_practice(world)


def results_and_practice(world: World) -> None:
    """The results (2 of 3), "Practise mistakes" (the wrong one again, right now), history."""
    results = world.screens.results_view
    world.step("results")
    world.on_screen(results, "the results")
    world.see_text(results.score, "2", "the score counts two right answers")
    world.step("practise mistakes")
    world.press(results.practice_button)
    world.on_screen(world.screens.quiz_view, "the practice question")
    answer_by_mouse(world, right=True, sure=False)
    next_question(world)
    world.on_screen(results, "the practice results")
    world.step("history")
    world.press(results.back_button)
    start = world.shell.start_view
    if world.current() is not start:
        world.on_screen(start, "the start page")
    world.press(start.history_button)
    history = world.screens.history_view
    world.on_screen(history, "the history")
    world.see(lambda: history.tree.topLevelItemCount() >= 1, "the history lists the set")
    first = world.hands.look(lambda: history.tree.topLevelItem(0))
    world.hands.look(lambda: history.tree.expandAll())
    rect = world.hands.look(lambda: history.tree.visualItemRect(first))
    port = world.hands.rect(history.tree.viewport())
    world.hands.click_at(port.x() + rect.center().x(), port.y() + rect.center().y())
    world.see(lambda: history.tree.currentItem() is not None, "a click selects the attempt")
    world.press(history.back_button)
    world.on_screen(start, "back on the start page")


def choose_set_by_keys(world: World, title: str) -> None:
    """Tab to the set list, arrows to the set, Space: chosen."""
    hands, start = world.hands, world.shell.start_view
    for _press in range(16):
        # Looked up anew each time: leaving the nickname field lists that student's sets.
        card = set_card_button(world, title)
        if hands.look(card.hasFocus):
            break
        on_a_card = hands.look(lambda: any(c.button.hasFocus() for c in start._cards.values()))
        hands.keys("Down" if on_a_card else "Tab")  # arrows move within the set list
    else:
        raise JourneyFailure(f"Tab and arrows never reached the card “{title}”")
    hands.keys("space")
    world.see(lambda: set_card_button(world, title).isChecked(), f"“{title}” is chosen")


def student_by_keyboard(world: World) -> None:
    """The whole mini set by keyboard only: nickname, set, Enter, digits, Alt+S, Enter…"""
    hands, start = world.hands, world.shell.start_view
    world.on_screen(start, "the start page")
    world.step("type the nickname (the field has the focus)")
    world.see(lambda: start.nickname.hasFocus(), "the nickname field has the keyboard focus")
    hands.type("Lou5")
    world.step("Tab to the sets and choose the mini set with the arrow keys")
    choose_set_by_keys(world, MINI_TITLES[world.language])
    hands.keys("Return")
    quiz = world.screens.quiz_view
    world.on_screen(quiz, "the first question after Enter")
    for number in range(3):
        world.step(f"question {number + 1} by keys: digits, Alt+S, Enter")
        for index in right_indexes(world, right=True):
            hands.keys(str(index + 1))
        hands.keys("alt+s")
        world.see(
            lambda: next(iter(quiz._confidence_buttons.values())).isChecked(), "Alt+S chose Sure"
        )
        hands.keys("Return")
        world.on_screen(world.screens.feedback_view, "the feedback after Enter")
        world.see_text(world.screens.feedback_view.verdict, _("Right!"), "the verdict")
        time.sleep(0.1)
        hands.keys("Return")
    results = world.screens.results_view
    world.on_screen(results, "the results after the last Enter")
    world.see_text(results.score, "3", "all three right")
    world.step("Esc/Enter leave the results")
    hands.keys("Return")
    world.on_screen(start, "the start page after Enter on the results")


JOURNEYS = {
    "student-mouse": Journey(student_by_mouse, start_language=lambda language: other(language)),
    "student-keyboard": Journey(student_by_keyboard),
}
