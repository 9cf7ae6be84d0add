"""Splitting an article pasted out of a browser into blocks: headline, subheadline, body, furniture.

A browser copies one paragraph per line (often with blank lines between) and takes the page's
furniture along: share buttons, comment counters, newsletter and cookie notices, "Mehr zum
Thema", bylines. Every word of every line is kept; only whitespace is normalised (runs of
spaces, tabs and no-break spaces become one space, line breaks inside a hard-wrapped paragraph
become spaces). Furniture is kept too, marked, so the article looks as it did on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.core.content.models import BlockKind

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january januar jan jän",
            "february februar feb",
            "march märz maerz mar mär",
            "april apr",
            "may mai",
            "june juni jun",
            "july juli jul",
            "august aug",
            "september sept sep",
            "october oktober oct okt",
            "november nov",
            "december dezember dec dez",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
#: A date with the month written out, day first ("21 January 2025", "3. März 2025") or after
#: the month ("January 21, 2025").
_WORD_DATE = rf"(\d{{1,2}})\.?\s+{_MONTH}\s+(\d{{4}})|{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})"

#: Longest line that can still be page furniture (longer lines are article text).
_FURNITURE_MAX = 160
#: A second block this short, followed by body text, is the subheadline (teaser).
_SUBHEADLINE_MAX = 320

_FURNITURE = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # share, comment, print, save
        r"^(artikel |jetzt |beitrag )?(teilen|teile den artikel|share( this)?( article| story)?)\b",
        r"^(auf |via |bei )?(facebook|x|twitter|whatsapp|linkedin|e-mail|email|mail)"
        r"( teilen| share)?$",
        r"^(schreibe|schreiben sie|leave|write|post|add) (einen|a|your) (kommentar|comment)",
        r"^(\d+ )?(kommentare?|comments?)( \(\d+\)| \d+)?$",
        r"^(drucken|print|speichern|save|merken|vorlesen|listen|anhören)( artikel| article)?$",
        r"(e-mail-adresse|email address) (wird|will) (nicht|not)",
        r"^erforderliche felder|^required fields",
        # newsletter, cookies, ads, paywall
        r"newsletter",
        r"cookie",
        r"^(anzeige|werbung|advertisement|sponsored|gesponsert)$",
        r"^(jetzt |now )?(abonnieren|subscribe|anmelden|sign up|log ?in|einloggen)\b",
        # links to other articles
        r"^(mehr zum thema|mehr dazu|lesen sie auch|auch interessant|das könnte sie auch "
        r"interessieren|weiterlesen|more on this( topic)?|read more|related( articles)?|"
        r"see also|top[- ]?themen|meistgelesen|most read)\b",
        # bylines, date lines, reading time, picture credits
        r"^(von|by|text:|autor:|autorin:|author:)\s+\S+(\s+\S+){0,4}$",
        r"^(stand|updated|aktualisiert|veröffentlicht|published)( am| on)?:?\s*[\d.,:/ ]+"
        r"(uhr|am|pm)?$",
        r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(,? \d{1,2}:\d{2}( uhr)?)?$",
        # the same with the month written out: "Updated: 21 January 2025", "3. März 2025"
        rf"^((last )?(stand|updated|aktualisiert|veröffentlicht|published|posted)( am| on)?:?\s*)?"
        rf"(\w+, )?({_WORD_DATE})(,? (at |um )?\d{{1,2}}[:.]\d{{2}}( ?uhr| ?am| ?pm)?)?$",
        r"^(lesezeit|reading time):?\s*\d+|^\d+ (min\.?|minuten|minutes?) (lesezeit|read)$",
        r"^(foto|bild|bildquelle|photo|image|picture|quelle):\s*\S.{0,60}$",
        r"^(zur startseite|home|startseite|nach oben|back to top|zurück)$",
        # read-aloud players, durations, captions, reading lists, broadcast notes
        r"(diesen |den )?(artikel|beitrag) (anhören|vorlesen( lassen)?)|"
        r"listen to (this|the) (article|story)",
        r"^\d{1,3}\s?(min|minuten|minutes|sek|sekunden|sec|seconds)\.?$",
        r"^(bildunterschrift|bildbeschreibung|caption)\b|^bild \d+ (von|/) \d+$",
        r"merkliste|leseliste|lesezeichen|bookmark|reading list",
        r"^über dieses thema berichtete\b",
    )
]
_SPACE = re.compile(r"[^\S\n]+")  # any whitespace but a line break (tabs, no-break spaces, …)
_SENTENCE_END = tuple(".!?:;…\"'“”„«»‚‘’)")
_RELATED = re.compile(
    r"^(mehr zum thema|mehr dazu|lesen sie auch|auch interessant|more on this( topic)?|"
    r"read more|related( articles)?|see also)\b",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
_BYLINE = re.compile(r"^(von|by)\s+(\S+(\s+\S+){0,4})$", re.IGNORECASE)


@dataclass(frozen=True)
class TextBlock:
    """One block of a pasted article, with the id citations will use."""

    id: str
    kind: BlockKind
    text: str


def is_furniture(line: str) -> bool:
    """Whether ``line`` is page furniture rather than article text."""
    text = line.strip()
    if len(text) > _FURNITURE_MAX and "adresse" not in text.lower():
        return False
    return any(pattern.search(text) for pattern in _FURNITURE)


def normalised_lines(text: str) -> list[str]:
    """Lines with whitespace normalised; blank lines kept as ``""`` (paragraph breaks)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u00ad", "")  # soft hyphens are invisible
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return [_SPACE.sub(" ", line).strip() for line in text.split("\n")]


def _paragraphs(lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph; a browser's one-paragraph lines stay apart.

    A line is continued by the next when it does not end a sentence and the next one starts
    in lower case (a wrap in the middle of a sentence), or when both are long lines of one
    block without a blank line between, the first not ending a sentence.
    """
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if (
            current
            and not is_furniture(line)
            and not is_furniture(current)
            and _continues(current, line)
        ):
            current = f"{current} {line}"
            continue
        if current:
            paragraphs.append(current)
        current = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(_SENTENCE_END):
        return False
    return line[:1].islower() or (len(previous) >= 60 and len(line) >= 40)


def split_article(text: str) -> list[TextBlock]:
    """The blocks of a pasted article: the first text line is the headline, a short second one
    the subheadline, the rest body paragraphs; furniture wherever it stands."""
    blocks: list[TextBlock] = []
    counts = {BlockKind.BODY: 0, BlockKind.FURNITURE: 0}
    paragraphs = _paragraphs(normalised_lines(text))
    text_left = sum(1 for p in paragraphs if not is_furniture(p))  # teasers counted: harmless
    after_related = False  # the short teaser lines under "Mehr zum Thema" are links too
    for paragraph in paragraphs:
        teaser = after_related and len(paragraph) <= 100 and not paragraph.endswith(".")
        after_related = (after_related and teaser) or bool(_RELATED.search(paragraph))
        if teaser or is_furniture(paragraph):
            counts[BlockKind.FURNITURE] += 1
            number = counts[BlockKind.FURNITURE]
            blocks.append(TextBlock(f"furniture-{number}", BlockKind.FURNITURE, paragraph))
            continue
        kinds = {b.kind for b in blocks}
        if BlockKind.HEADLINE not in kinds and _section_name(paragraph):
            counts[BlockKind.FURNITURE] += 1
            number = counts[BlockKind.FURNITURE]
            blocks.append(TextBlock(f"furniture-{number}", BlockKind.FURNITURE, paragraph))
            text_left -= 1
            continue
        if BlockKind.HEADLINE not in kinds:
            blocks.append(TextBlock("headline", BlockKind.HEADLINE, paragraph))
        elif (
            BlockKind.SUBHEADLINE not in kinds
            and counts[BlockKind.BODY] == 0
            and len(paragraph) <= _SUBHEADLINE_MAX
            and text_left >= 2  # this one and at least one body paragraph after it
        ):
            blocks.append(TextBlock("subheadline", BlockKind.SUBHEADLINE, paragraph))
        else:
            counts[BlockKind.BODY] += 1
            blocks.append(TextBlock(f"p{counts[BlockKind.BODY]}", BlockKind.BODY, paragraph))
        text_left -= 1
    return blocks


def _section_name(line: str) -> bool:
    """A single word above the headline is the site's section ("Faktenfinder", "Panorama")."""
    return " " not in line and not line.endswith(_SENTENCE_END)


def byline_author(blocks: list[TextBlock]) -> str | None:
    """The name in a furniture byline ("Von Anna Beispiel"), if there is one."""
    for block in blocks:
        match = _BYLINE.match(block.text) if block.kind is BlockKind.FURNITURE else None
        if match:
            return match.group(2).split(",")[0].rstrip(";").strip()  # "Von A, Redaktion"
    return None


def date_line_date(blocks: list[TextBlock]) -> str | None:
    """The ISO date of a furniture date line ("Stand: 14.03.2025, 16:20 Uhr", "Updated: 21
    January 2025"), if any."""
    for block in blocks:
        if block.kind is not BlockKind.FURNITURE:
            continue
        found = _numeric_date(block.text) or _word_date(block.text)
        if found is not None:
            day, month, year = found
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _numeric_date(text: str) -> tuple[int, int, int] | None:
    match = _DATE_LINE.search(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    return day, month, year


def _word_date(text: str) -> tuple[int, int, int] | None:
    match = re.search(_WORD_DATE, text, re.IGNORECASE)
    if match is None:
        return None
    day, month, year, month_first, day_after, year_after = match.groups()
    if day is not None:
        return int(day), _MONTHS[month.lower()], int(year)
    return int(day_after), _MONTHS[month_first.lower()], int(year_after)
