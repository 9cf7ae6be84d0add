"""The texts both exports carry, built once: the article, a task's explanation and citations.

Each is a small tree of XHTML elements (:mod:`xml.etree.ElementTree`): Moodle gets it as an
HTML string in CDATA, QTI as elements of the item body. The words around the set's own texts
("Evidence in the article", "Translation") are translated in the set's language, so call these
inside :func:`quizapp.reports.formatting.report_language`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from quizapp.core.content.articles import title_in
from quizapp.core.content.models import (
    BlockKind,
    Citation,
    LanguageCode,
    Question,
    QuestionSet,
    SourceDocument,
    Task,
)
from quizapp.i18n import _

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Characters XML 1.0 cannot hold (control characters but tab and line breaks, non-characters,
#: lone surrogates): a file with one is refused by every importer, so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Markup:
    """How the target names an element's language: ``lang`` in HTML, ``xml:lang`` in XML."""

    lang_key: str


HTML = Markup("lang")
XHTML = Markup(XML_LANG)


def element(tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> ET.Element:
    """An element with ``text`` inside and ``attrs``."""
    node = ET.Element(tag, attrs or {})
    node.text = text
    return node


def child(
    parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None
) -> ET.Element:
    """A new element appended to ``parent``."""
    node = element(tag, text, attrs)
    parent.append(node)
    return node


def quoted(text: str, language: str) -> str:
    """``text`` in the quotation marks of ``language`` („…“ in German, “…” in English)."""
    return f"„{text}“" if language == "de" else f"“{text}”"


def block_label(source: SourceDocument, block_id: str) -> str:
    """Where a block is, in words: "Headline", "Paragraph 3", …"""
    body = 0
    for block in source.paragraphs:
        if block.kind is BlockKind.BODY:
            body += 1
        if block.id != block_id:
            continue
        if block.kind is BlockKind.HEADLINE:
            return _("Headline")
        if block.kind is BlockKind.SUBHEADLINE:
            return _("Sub-headline")
        if block.kind is BlockKind.FURNITURE:
            return _("Page furniture")
        return _("Paragraph %(n)d") % {"n": body}
    return block_id


def stable_id(*parts: str, limit: int = 100) -> str:
    """One identifier from ``parts`` that stays the same from export to export.

    Content ids are slugs without dots, so the dotted join is unique; QTI identifiers must not
    start with a digit, hence the ``quizapp.`` prefix. Longer than ``limit`` (Moodle's
    idnumber holds 100 characters), the end becomes a short hash of the whole.
    """
    joined = ".".join(("quizapp", *parts))
    if len(joined) <= limit:
        return joined
    digest = hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]
    return f"{joined[: limit - 11]}.{digest}"


def citation_element(
    citation: Citation, source: SourceDocument, language: str, markup: Markup
) -> ET.Element:
    """One quote: the words in the article's language, where they stand, and the translation."""
    quote = element("blockquote")
    words = child(quote, "p", None, {markup.lang_key: source.language})
    words.text = quoted(citation.quote, source.language) + " "
    child(words, "small", f"({block_label(source, citation.paragraph)})")
    if citation.translation and language != source.language:
        translation = child(quote, "p", None, {markup.lang_key: language})
        child(
            translation,
            "em",
            _("Translation: %(text)s") % {"text": quoted(citation.translation, language)},
        )
    return quote


def why_elements(
    task: Task, source: SourceDocument | None, language: str, markup: Markup
) -> list[ET.Element]:
    """The explanation, then every citation: the *why* that travels with the item."""
    parts = [element("p", task.explanation)]
    if source is not None and task.citations:
        parts.append(element("p", None))
        child(parts[-1], "strong", _("Evidence in the article:"))
        parts.extend(citation_element(c, source, language, markup) for c in task.citations)
    return parts


def article_elements(source: SourceDocument, language: str, markup: Markup) -> list[ET.Element]:
    """The article as students read it in quizapp: title, what it does not say about itself,
    every block in the original and, for readers of another language, its translation."""
    parts = [element("h2", title_in(source, language), {markup.lang_key: language})]
    note = in_language(source.unknown_note, language)
    if note:
        parts.append(element("p", None))
        child(parts[-1], "em", note)
    for block in source.paragraphs:
        tag = {BlockKind.HEADLINE: "h3", BlockKind.SUBHEADLINE: "h4"}.get(block.kind, "p")
        attrs = {markup.lang_key: source.language, "id": f"block-{block.id}"}
        if block.kind is BlockKind.FURNITURE:
            attrs["class"] = "quizapp-furniture"
        parts.append(element(tag, block.text, attrs))
        translation = in_language(block.translations, language)
        if translation and language != source.language:
            parts.append(element("p", None, {markup.lang_key: language}))
            child(parts[-1], "em", _("Translation: %(text)s") % {"text": translation})
    return parts


def in_language(texts: Mapping[LanguageCode, str], language: str) -> str | None:
    """The text of ``texts`` for ``language``, if there is one."""
    return next((text for lang, text in texts.items() if lang == language), None)


def html_string(parts: Iterable[ET.Element]) -> str:
    """``parts`` as one HTML string (for Moodle's text fields)."""
    return "".join(ET.tostring(part, encoding="unicode", method="html") for part in parts)


def task_tags(question_set: QuestionSet, task: Task) -> list[str]:
    """The task's reading skill, difficulty, level and type as tags ("skill:facts"); a
    "Does the article support this statement?" item is tagged ``support-item``."""
    tags = [
        "quizapp",
        f"quizapp-set:{question_set.id}",
        f"type:{task.type.value}",
        f"skill:{task.skill.value}",
        f"difficulty:{task.difficulty}",
        f"level:{task.level.value}",
    ]
    if isinstance(task, Question) and task.support_item:
        tags.append("support-item")
    return tags


def short_name(task: Task, limit: int = 80) -> str:
    """The task's id and the start of its prompt: a name a teacher recognises in a list."""
    prompt = " ".join(task.prompt.split())
    if len(prompt) > limit:
        prompt = prompt[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"{task.id} – {prompt}"
