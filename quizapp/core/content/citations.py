"""Finding a citation's quote in its paragraph, tolerant of typography but not of wording.

The article mixes ’ ‚ ‘ and ASCII ' quotes, en dashes and line breaks; a teacher typing a quote
will use whatever their keyboard gives. So both sides are normalised (quote marks, apostrophes,
dashes, whitespace) before comparing, and the match is mapped back to offsets in the original
text so the article view can highlight exactly those characters. Words themselves must match.
"""

from __future__ import annotations

import difflib
import functools
import re

# Every kind of quotation mark becomes "'" (single and double are interchangeable: the article
# nests ‚…‘ inside ‚…‘ where a teacher might type "…"); every dash becomes "-".
_QUOTES = "'‘’‚‛′`´‹›\"“”„‟″«»"
_DASHES = "-‐‑‒–—―−"
_TRANSLATE = {ord(c): "'" for c in _QUOTES} | {ord(c): "-" for c in _DASHES}

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=256)  # the same few paragraphs are searched for every citation
def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each normalised character, its original index."""
    out: list[str] = []
    index_map: list[int] = []
    in_space = False
    for i, char in enumerate(text):
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                index_map.append(i)
            in_space = True
            continue
        in_space = False
        out.append(char.translate(_TRANSLATE))
        index_map.append(i)
    while out and out[-1] == " ":
        out.pop()
        index_map.pop()
    return "".join(out), index_map


def normalise(text: str) -> str:
    """Typography-insensitive form of ``text`` used to compare quotes."""
    return _SPACES.sub(" ", text.translate(_TRANSLATE)).strip()


_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")  # "a … b": words left out of a quote


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Start and end offsets of ``quote`` in the original ``text``, or ``None`` if absent.

    A quote may leave words out with "…" (as translations often must: word order differs):
    its pieces must then appear in order, and the range runs from the first to the last.
    """
    norm_text, index_map = normalise_with_map(text)
    norm_quote = normalise(quote)
    if not norm_quote:
        return None
    start = norm_text.find(norm_quote)
    if start >= 0:
        return index_map[start], index_map[start + len(norm_quote) - 1] + 1
    pieces = [piece for piece in _GAP.split(norm_quote) if piece]
    if len(pieces) < 2:
        return None
    first = position = norm_text.find(pieces[0])
    if first < 0:
        return None
    for piece in pieces:
        position = norm_text.find(piece, position)
        if position < 0:
            return None
        end = position + len(piece)
        position = end
    return index_map[first], index_map[end - 1] + 1


def closest_passage(text: str, quote: str) -> str:
    """The stretch of ``text`` that most resembles ``quote``, to show beside a misquote."""
    words = list(_WORD.finditer(text))
    quote_words = [m.group().lower() for m in _WORD.finditer(quote)]
    if not words or not quote_words:
        return text[:80]
    width = len(quote_words)
    target = normalise(quote).lower()
    best_ratio, best_start = -1.0, 0
    for start in range(max(1, len(words) - width + 1)):
        last = words[min(start + width, len(words)) - 1]
        window = normalise(text[words[start].start() : last.end()]).lower()
        # Character-level similarity ranks "wie The Verge berichtet" above "haben, wie The
        # Verge" for the misquote "wie The Verge meldet", where word overlap ties.
        ratio = difflib.SequenceMatcher(None, window, target, autojunk=False).ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    first = words[best_start]
    last = words[min(best_start + width, len(words)) - 1]
    return text[first.start() : last.end()]
