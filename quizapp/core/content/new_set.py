"""A new question set skeleton in both languages: ``quizapp set new`` and the app's dialog.

The skeleton is a draft in parity: one example task of each type, the same ids and right
answers in both files, every citation pointing at a real block of the source with a real quote
(its first sentence), and every text only the teacher can write a ``TODO`` placeholder. It
validates as it is (the placeholders count as "to finish"), so the teacher can preview it at
once and fill it in step by step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.content.models import LANGUAGES, BlockKind, Paragraph, SourceDocument
from quizapp.core.content.new_source import ID_PATTERN, NewContentError, write_new_file
from quizapp.core.content.placeholders import is_placeholder, placeholder
from quizapp.core.content.yaml_writer import Commented, dump
from quizapp.i18n import _

_FIRST_SENTENCE = re.compile(r"^.+?[.!?…](?=\s|$)")
_MAX_QUOTE_WORDS = 14

# The skeleton's wording, in the language of the file it is written into.
_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Titel des Fragensets (kurz, z. B. „Was ist passiert?“)",
        "title_of": "der Titel des Sets auf Deutsch (in der Sprache des Artikels: „{0}“)",
        "description": "Ein Satz für die Startseite: was dieses Set übt",
        "prompt": "die Frage",
        "support": "Stützt der Artikel die Aussage: … ?",
        "choice": "eine Antwort",
        "feedback": "warum diese Antwort richtig oder falsch ist",
        "explanation": "warum die richtige Antwort richtig ist, in einfachen Worten",
        "translation": "das Zitat auf Deutsch, wörtlich aus der Übersetzung des Absatzes",
        "yes": "Ja",
        "no": "Nein",
        "step": "ein Schritt (die Schritte hier in der RICHTIGEN Reihenfolge)",
        "fact": "Im Text als Tatsache dargestellt",
        "claim": "Eine Behauptung, die der Text jemandem zuschreibt",
        "statement": "eine Aussage zum Einordnen",
        "evidence": "die Aussage, für die Belege markiert werden",
        "model_answer": "eine gute kurze Antwort",
        "rubric": "ein Punkt, den eine gute Antwort erfüllt",
    },
    "en": {
        "title": "title of the set (short, e.g. “What happened?”)",
        "title_of": "the set's title in English (in the article's language: “{0}”)",
        "description": "one sentence for the start page: what this set practises",
        "prompt": "the question",
        "support": "Does the article support the statement: … ?",
        "choice": "an answer",
        "feedback": "why this answer is right or wrong",
        "explanation": "why the right answer is right, in plain words",
        "translation": "the quote in English, word for word from the block's translation",
        "yes": "Yes",
        "no": "No",
        "step": "a step (write the steps here in the RIGHT order)",
        "fact": "Presented in the text as fact",
        "claim": "A claim the text attributes to someone",
        "statement": "a statement to sort",
        "evidence": "the statement students mark evidence for",
        "model_answer": "a good short answer",
        "rubric": "a point a good answer makes",
    },
}

_HEADER = {
    "de": [
        "Gerüst von „quizapp set new“: je eine Beispielaufgabe jedes Typs, die Zitate stammen",
        "wörtlich aus dem Artikel",
        "  „{title}“.",
        "Ersetzen Sie jedes TODO, löschen Sie nicht benötigte Aufgaben",
        "(in beiden Sprachen), und entfernen Sie dann „draft: true“. IDs, Typen und richtige",
        "Antworten bleiben in beiden Sprachen gleich. Prüfen: quizapp validate",
    ],
    "en": [
        "Skeleton from “quizapp set new”: one example task of each type, its quotes taken word",
        "for word from the article",
        "  “{title}”.",
        "Replace every TODO, delete the tasks you do not need (in both",
        "languages), then remove “draft: true”. Ids, types and right answers stay the same in",
        "both languages. Check with: quizapp validate",
    ],
}


_DRAFT_COMMENT = {
    "de": "draft: Schüler sehen das Set nicht. Zeile löschen, wenn kein TODO mehr übrig ist.",
    "en": "draft: students do not see the set. Remove this line when every TODO is done.",
}


@dataclass(frozen=True)
class NewSet:
    """The files of a new set: their paths and text, and how many placeholders each holds."""

    files: dict[str, Path]
    texts: dict[str, str]
    placeholders: int


def first_words(text: str) -> str:
    """A quote for an example citation: the first sentence, at most a few words of it."""
    match = _FIRST_SENTENCE.match(text)
    sentence = match.group(0) if match else text
    words = sentence.split(" ")
    return " ".join(words[:_MAX_QUOTE_WORDS]) if len(words) > _MAX_QUOTE_WORDS else sentence


def _citable(source: SourceDocument) -> Iterator[Paragraph]:
    """Body blocks first (cycled), else headline and subheadline: never furniture."""
    body = [b for b in source.paragraphs if b.kind is BlockKind.BODY]
    blocks = body or [b for b in source.paragraphs if b.kind is not BlockKind.FURNITURE]
    while True:
        yield from blocks


class _Writer:
    """Builds one language's tasks; the example citations are the same in both languages."""

    def __init__(self, source: SourceDocument, language: str) -> None:
        self.source = source
        self.language = language
        self.words = _WORDS[language]
        self.blocks = _citable(source)

    def todo(self, key: str) -> str:
        return placeholder(self.words[key])

    def citation(self) -> dict[str, object]:
        block = next(self.blocks)
        cited: dict[str, object] = {"paragraph": block.id, "quote": first_words(block.text)}
        if self.language != self.source.language:
            translated = next(
                (t for lang, t in block.translations.items() if lang == self.language), None
            )
            usable = translated is not None and not is_placeholder(translated)
            cited["translation"] = (
                first_words(translated) if usable and translated else self.todo("translation")
            )
        return cited

    def common(self, number: int, kind: str) -> dict[str, object]:
        return {"id": f"q{number:02d}", "type": kind, "prompt": self.todo("prompt")}

    def end(self, task: dict[str, object], *rest: object) -> dict[str, object]:
        """Explanation, citation, skill, difficulty and cognitive level after the task's own
        fields; ``rest`` is (skill, difficulty, level): examples the teacher adjusts."""
        skill, difficulty, level = rest
        task["explanation"] = self.todo("explanation")
        task["citations"] = [self.citation()]
        task["skill"] = skill
        task["difficulty"] = difficulty
        task["level"] = level
        return task

    def choices(self, correct: list[bool]) -> list[dict[str, object]]:
        return [
            {
                "id": "abcdefgh"[i],
                "text": self.todo("choice"),
                "correct": right,
                "feedback": self.todo("feedback"),
            }
            for i, right in enumerate(correct)
        ]

    def tasks(self) -> list[dict[str, object]]:
        w = self.words
        single = self.common(1, "single")
        single["choices"] = self.choices([True, False, False])
        multiple = self.common(2, "multiple")
        multiple["choices"] = self.choices([True, True, False, False])
        support = self.common(3, "true_false")
        support["prompt"] = placeholder(w["support"])
        support["support_item"] = True
        support["choices"] = [
            {"id": "true", "text": w["yes"], "correct": True, "feedback": self.todo("feedback")},
            {"id": "false", "text": w["no"], "correct": False, "feedback": self.todo("feedback")},
        ]
        order = self.common(4, "order")
        order["items"] = [{"id": i, "text": self.todo("step")} for i in "abc"]
        categorize = self.common(5, "categorize")
        categorize["categories"] = [
            {"id": "fact", "text": w["fact"]},
            {"id": "claim", "text": w["claim"]},
        ]
        categorize["statements"] = [
            {
                "id": sid,
                "text": self.todo("statement"),
                "category": category,
                "feedback": self.todo("feedback"),
            }
            for sid, category in (("a", "fact"), ("b", "claim"), ("c", "fact"), ("d", "claim"))
        ]
        evidence = self.common(6, "evidence")
        evidence["statement"] = self.todo("evidence")
        evidence["stance"] = "supports"
        short = self.common(7, "short_text")
        short["max_words"] = 40
        short["model_answer"] = self.todo("model_answer")
        short["rubric"] = [{"id": i, "text": self.todo("rubric")} for i in "ab"]
        plan = [
            (single, "facts", 1, "recall"),
            (multiple, "sourcing", 2, "inference"),
            (support, "claim-vs-fact", 2, "inference"),
            (order, "facts", 2, "recall"),
            (categorize, "claim-vs-fact", 2, "inference"),
            (evidence, "sourcing", 3, "evaluation"),
            (short, "wording", 3, "beyond"),
        ]
        return [self.end(task, *rest) for task, *rest in plan]


def skeleton_texts(source: SourceDocument, set_id: str, title: str | None) -> dict[str, str]:
    """The YAML of the new set in every language, by language."""
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        writer = _Writer(source, language)
        data: dict[str, object] = {
            "id": set_id,
            "language": language,
            "title": _title(writer, title, own=language == source.language),
            "description": writer.todo("description"),
            "source": source.id,
            "draft": Commented(value=True, comment=_DRAFT_COMMENT[language]),
            "questions": writer.tasks(),
        }
        header = [
            "yaml-language-server: $schema=../schema/question-set.schema.json",
            *(line.format(title=source.title) for line in _HEADER[language]),
        ]
        texts[language] = dump(data, header)
    return texts


def _title(writer: _Writer, title: str | None, *, own: bool) -> str:
    """The title the teacher gave is in the article's language; the other file asks for its
    translation (one title in both files would show German to English students unnoticed)."""
    if not title:
        return writer.todo("title")
    return title if own else placeholder(writer.words["title_of"].format(title))


def check_set_id(set_id: str, taken: set[str]) -> None:
    """Refuse an id that is not an id, or is the id of a set that exists."""
    if not ID_PATTERN.match(set_id):
        raise NewContentError(
            _("“%(id)s” cannot be an id.") % {"id": set_id},
            _("Use lowercase letters, digits, “-” and “_”, e.g. fake-audio-basics."),
            field="id",
        )
    if set_id in taken:
        raise NewContentError(
            _("There is already a question set with the id “%(id)s”.") % {"id": set_id},
            _("Choose another id; an existing set is never replaced."),
            field="id",
        )


def create_set(
    sets_folder: Path, source: SourceDocument, set_id: str, title: str | None, taken: set[str]
) -> NewSet:
    """Write ``SET.de.yaml`` and ``SET.en.yaml`` into ``sets_folder`` (never replacing one)."""
    check_set_id(set_id, taken)
    texts = skeleton_texts(source, set_id, title)
    files = {lang: sets_folder / f"{set_id}.{lang}.yaml" for lang in texts}
    for path in files.values():
        if path.exists():
            write_new_file(path, "")  # raises the "already exists" error, writes nothing
    written: list[Path] = []
    try:
        for language, text in texts.items():
            written.append(write_new_file(files[language], text))
    except NewContentError:
        for path in written:  # both files or neither: a set in one language is a warning
            path.unlink(missing_ok=True)
        raise
    count = sum(text.count('"TODO') for text in texts.values()) // len(texts)
    return NewSet(files=files, texts=texts, placeholders=count)
