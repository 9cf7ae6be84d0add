"""The articles the loaded sets are about: grouped for the start page, newest first.

Every week brings a new article, so students pick the article first and then one of its sets.
Pure Python, no Qt: the start page and the teacher's preview show these groups as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date

from quizapp.core.content.models import QuestionSet, SourceDocument


def published_text(published: str | None, language: str) -> str | None:
    """``published`` (ISO, as validated) as a date in ``language`` ("13. November 2023")."""
    if not published:
        return None
    try:
        day = datetime.date.fromisoformat(published)
    except ValueError:  # only validated sources get here; keep any other text as written
        return published
    return format_date(day, format="long", locale=language)


def title_in(source: SourceDocument, language: str) -> str:
    """The article's title as a reader of ``language`` sees it (its translation if given)."""
    if source.language == language:
        return source.title
    translated = (text for lang, text in source.title_translations.items() if lang == language)
    return next(translated, source.title)


@dataclass(frozen=True)
class ArticleGroup:
    """One article and the sets about it that students in one language may play."""

    source: SourceDocument
    title: str
    outlet: str | None
    published: str | None  # formatted for the language
    sets: tuple[QuestionSet, ...]


def group_by_article(
    sets: Sequence[QuestionSet], sources: dict[str, SourceDocument], language: str
) -> list[ArticleGroup]:
    """``sets`` grouped by the article they cite, newest article first.

    Articles without a date come after the dated ones (in the order their sets came). The sets
    inside a group keep their given order.
    """
    by_source: dict[str, list[QuestionSet]] = {}
    for question_set in sets:
        if question_set.source in sources:
            by_source.setdefault(question_set.source, []).append(question_set)
    groups = [
        ArticleGroup(
            source=sources[source_id],
            title=title_in(sources[source_id], language),
            outlet=sources[source_id].outlet,
            published=published_text(sources[source_id].published, language),
            sets=tuple(members),
        )
        for source_id, members in by_source.items()
    ]
    # Stable sort: undated articles keep their order, after every dated one.
    groups.sort(key=lambda g: g.source.published or "", reverse=True)
    return groups
