"""Finding quotes in the article despite its mix of typographic marks."""

from __future__ import annotations

from quizapp.core.content.citations import closest_passage, locate_quote, normalise

P3 = (
    "In einem offenen Brief auf der öffentlichen KI-Modellplattform Hugging Face heißt es: "
    "‚Wir erhielten Zugang zu Sora mit dem Versprechen, frühzeitige Tester, Red Teamer und "
    "kreative Partner zu sein.‘"
)


def test_typographic_marks_and_whitespace_are_ignored() -> None:
    assert normalise("OpenAI’s  ‚Sora‘ –\n gut") == normalise("OpenAI's 'Sora' - gut")


def test_locate_maps_back_to_original_offsets() -> None:
    quote = '"Wir erhielten   Zugang zu Sora'
    span = locate_quote(P3, quote)
    assert span is not None
    start, end = span
    assert P3[start:end] == "‚Wir erhielten Zugang zu Sora"


def test_words_must_match() -> None:
    assert locate_quote(P3, "Wir bekamen Zugang zu Sora") is None
    assert locate_quote(P3, "") is None
    assert locate_quote(P3, "wir erhielten zugang") is None  # case matters: exact quote


def test_closest_passage_points_at_the_intended_words() -> None:
    assert closest_passage(P3, "Wir bekamen Zugang zu Sora") == "Wir erhielten Zugang zu Sora"


def test_a_quote_may_leave_words_out_with_an_ellipsis() -> None:
    """Translations often elide words ("a group of testers … claim"): the pieces, in order."""
    text = "Now, however, a group of testers who were given early access claim to have leaked it"
    start_end = locate_quote(text, "Now, however, a group of testers … claim")
    assert start_end is not None
    assert text[start_end[0] : start_end[1]] == text[: text.index("claim") + len("claim")]
    assert locate_quote(text, "testers ... early access") is not None
    assert locate_quote(text, "claim … Now") is None  # pieces out of order
    assert locate_quote(text, "nowhere … claim") is None
    assert locate_quote(text, "…") is None
