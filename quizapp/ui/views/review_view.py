"""The review screen: one answer of a finished attempt, opened from the results or the history.

The same page as the feedback after an answer (:class:`FeedbackView`), with a way back to the
results instead of on to the next question, no progress bar, and words in the past tense.
"""

from __future__ import annotations

from quizapp.i18n import _, ngettext
from quizapp.ui.views.feedback_view import FeedbackView


class ReviewView(FeedbackView):
    """A finished attempt's answer, read-only: its verdict, explanation and citations."""

    def _next_text(self) -> str:
        return _("Back to the results")

    def escape_pressed(self) -> None:
        """Escape goes back to the results, like the button (and as on the history)."""
        self.next_button.click()

    def _right_hint(self) -> str:
        return _("Your answer was right. Read why below.")

    def _wrong_hint(self, of: int) -> str:
        return ngettext(
            "Your answer was not right. The right answer is marked %(mark)s below.",
            "Your answer was not right. The right answers are marked %(mark)s below.",
            of,
        )

    def _wrong_spoken(self, of: int) -> str:
        return ngettext(
            "Your answer was not right. The right answer is marked with a tick below.",
            "Your answer was not right. The right answers are marked with a tick below.",
            of,
        )

    def _task_wrong_hint(self) -> str:
        return _("Your answer was not right. Compare it with the key below.")
