"""Moodle XML: the file Moodle's question bank imports (Question bank → Import → Moodle XML).

Written the way Moodle's own exporter writes it (``question/format/xml/format.php``), so its
importer reads every field: one category per set, the article as a ``description`` question at
its head, then one question per task. HTML goes into ``<![CDATA[…]]>``; answer fractions are
taken only from Moodle's list of grades (an import with any other value fails). Per type:

- ``single`` / ``multiple``: ``multichoice``; a multiple-answer question gives each right
  choice +100/k % and each wrong one −100/k % (k right choices). Moodle keeps a question's grade
  between 0 and 1, so the credit is quizapp's: (right − wrong) / k, never below 0.
- ``true_false``: ``truefalse``, the choices' feedback as the feedback for true and false.
- ``order``: ``ordering`` (core Moodle from 4.4), graded "relative to all the previous and next
  items": the share of item pairs in the right order, quizapp's own partial credit.
- ``categorize``: ``matching``, statements as sub-questions, categories as their answers.
- ``evidence``: ``essay``, asking for the words; the quotes are the information for graders.
- ``short_text``: ``essay`` with a word limit; the model answer and rubric for the graders.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from quizapp.core.content.articles import title_in
from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    Question,
    QuestionSet,
    QuestionType,
    ShortTextTask,
    SourceDocument,
    Stance,
    Task,
)
from quizapp.i18n import _
from quizapp.lms.item_text import (
    HTML,
    article_elements,
    element,
    html_string,
    quoted,
    short_name,
    stable_id,
    task_tags,
    why_elements,
    xml_safe,
)
from quizapp.lms.losses import LossKind, LossList, note_lines

#: Every grade Moodle accepts for an answer, in percent (``question_bank::fraction_options``);
#: the negatives are accepted too. Moodle compares with a tolerance of 0.001 percent.
MOODLE_GRADES = (
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
)  # fmt: skip


def moodle_grade(percent: float) -> str:
    """``percent`` as the nearest grade of Moodle's list, written as Moodle writes it.

    Raises ``ValueError`` when no grade is within Moodle's tolerance: such a file would not
    import, so it is never written.
    """
    for grade in MOODLE_GRADES:
        if abs(abs(percent) - grade) < 0.001:
            value = grade if percent >= 0 else -grade
            text = f"{value:.5f}".rstrip("0").rstrip(".")
            return "0" if text in ("-0", "") else text
    raise ValueError(f"Moodle has no grade of {percent} %")


class _Out:
    """The lines of the file, indented as Moodle's exporter indents them."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def raw(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)

    def text(self, depth: int, tag: str, value: str, attrs: str = "") -> None:
        """``<tag attrs><text>value</text></tag>``, the value in CDATA when it needs it."""
        self.raw(depth, f"<{tag}{attrs}>")
        self.raw(depth + 1, f"<text>{cdata(value)}</text>")
        self.raw(depth, f"</{tag}>")

    def value(self, depth: int, tag: str, value: str) -> None:
        self.raw(depth, f"<{tag}>{escape(value)}</{tag}>")


def cdata(text: str) -> str:
    """``text`` as Moodle's ``xml_escape`` writes it: in CDATA if escaping would change it."""
    if not text or escape(text, {'"': "&quot;"}) == text:
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def moodle_xml(sets: Sequence[tuple[QuestionSet, SourceDocument | None]], losses: LossList) -> str:
    """The Moodle XML file for ``sets`` (one language); what it loses goes into ``losses``.

    Call inside the sets' language (:func:`quizapp.reports.formatting.report_language`).
    """
    body = _Out()
    losses.add(LossKind.CONFIDENCE)
    for question_set, source in sets:
        _write_set(body, question_set, source, losses)
    note = "\n".join(f"  {line}" for line in note_lines(losses.losses()))
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!--",
        note.replace("--", "–"),
        "-->",
        "<quiz>",
    ]
    return xml_safe("\n".join([*head, *body.lines, "</quiz>", ""]))


def _write_set(
    out: _Out, question_set: QuestionSet, source: SourceDocument | None, losses: LossList
) -> None:
    language = question_set.language
    out.raw(1, f"<!-- quizapp set: {question_set.id} ({language}) -->")
    out.raw(1, '<question type="category">')
    # Moodle splits a category path at "/"; a slash in a name is written "//".
    out.text(2, "category", "$course$/top/quizapp/" + question_set.title.replace("/", "//"))
    out.text(2, "info", html_string([element("p", question_set.description)]), ' format="html"')
    out.value(2, "idnumber", stable_id(question_set.id, language))
    out.raw(1, "</question>")
    if source is not None:
        out.raw(1, '<question type="description">')
        out.text(2, "name", _("Article: %(title)s") % {"title": title_in(source, language)})
        out.text(2, "questiontext", html_string(article_elements(source, language, HTML)), _HTML)
        out.text(2, "generalfeedback", "", _HTML)
        out.value(2, "defaultgrade", "0")
        out.value(2, "penalty", "0")
        out.value(2, "hidden", "0")
        out.value(2, "idnumber", stable_id(question_set.id, language, "article"))
        out.raw(1, "</question>")
    for task in question_set.questions:
        _write_task(out, question_set, task, source, losses)


_HTML = ' format="html"'
_MOODLE_TYPES = {
    QuestionType.SINGLE: "multichoice",
    QuestionType.MULTIPLE: "multichoice",
    QuestionType.TRUE_FALSE: "truefalse",
    QuestionType.ORDER: "ordering",
    QuestionType.CATEGORIZE: "matching",
    QuestionType.EVIDENCE: "essay",
    QuestionType.SHORT_TEXT: "essay",
}


def _write_task(
    out: _Out, qset: QuestionSet, task: Task, source: SourceDocument | None, losses: LossList
) -> None:
    language = qset.language
    out.raw(1, f'<question type="{_MOODLE_TYPES[task.type]}">')
    out.text(2, "name", short_name(task))
    prompt = [element("p", task.prompt)]
    if isinstance(task, EvidenceTask):
        prompt.append(element("p", None))
        prompt[-1].text = _("Statement: %(text)s") % {"text": quoted(task.statement, language)}
        prompt.append(element("p", _evidence_instruction(task)))
    out.text(2, "questiontext", html_string(prompt), _HTML)
    why = why_elements(task, source, language, HTML)
    if isinstance(task, CategorizeTask):
        why.extend(_statement_reasons(task))
    out.text(2, "generalfeedback", html_string(why), _HTML)
    out.value(2, "defaultgrade", "1")
    out.value(2, "penalty", "0")
    out.value(2, "hidden", "0")
    out.value(2, "idnumber", stable_id(qset.id, language, task.id))
    if isinstance(task, Question):
        _choices(out, task, losses)
    elif isinstance(task, OrderTask):
        _ordering(out, task, losses)
    elif isinstance(task, CategorizeTask):
        _matching(out, task, losses)
    elif isinstance(task, EvidenceTask):
        _evidence(out, task, source, language, losses)
    else:
        _short_text(out, task, losses)
    out.raw(2, "<tags>")
    for tag in task_tags(qset, task):
        out.raw(3, f"<tag><text>{escape(tag)}</text></tag>")
    out.raw(2, "</tags>")
    out.raw(1, "</question>")


def _combined_feedback(out: _Out, *, numbered: bool) -> None:
    out.text(2, "correctfeedback", html_string([element("p", _("Right."))]), _HTML)
    out.text(2, "partiallycorrectfeedback", html_string([element("p", _("Partly right."))]), _HTML)
    out.text(2, "incorrectfeedback", html_string([element("p", _("Not right."))]), _HTML)
    if numbered:
        out.raw(2, "<shownumcorrect/>")


def _choices(out: _Out, task: Question, losses: LossList) -> None:
    if task.type is QuestionType.TRUE_FALSE:
        losses.add(LossKind.TRUE_FALSE_LABELS, task.id)
        for choice in sorted(task.choices, key=lambda c: c.id != "true"):
            grade = moodle_grade(100.0 if choice.correct else 0.0)
            out.raw(2, f'<answer fraction="{grade}" format="moodle_auto_format">')
            out.raw(3, f"<text>{choice.id}</text>")
            out.text(3, "feedback", _paragraph(choice.feedback), _HTML)
            out.raw(2, "</answer>")
        return
    multiple = task.type is QuestionType.MULTIPLE
    right = len(task.correct_ids)
    out.value(2, "single", "false" if multiple else "true")
    out.value(2, "shuffleanswers", "true" if task.shuffle else "false")
    out.value(2, "answernumbering", "abc")
    out.value(2, "showstandardinstruction", "1" if multiple else "0")
    _combined_feedback(out, numbered=multiple)
    for choice in task.choices:
        if multiple:
            grade = moodle_grade(100.0 / right if choice.correct else -100.0 / right)
        else:
            grade = moodle_grade(100.0 if choice.correct else 0.0)
        out.raw(2, f'<answer fraction="{grade}"{_HTML}>')
        out.raw(3, f"<text>{cdata(_paragraph(choice.text))}</text>")
        out.text(3, "feedback", _paragraph(choice.feedback), _HTML)
        out.raw(2, "</answer>")


def _ordering(out: _Out, task: OrderTask, losses: LossList) -> None:
    losses.add(LossKind.ORDER_NEEDS_MOODLE_44, task.id)
    out.value(2, "layouttype", "VERTICAL")
    out.value(2, "selecttype", "ALL")
    out.value(2, "selectcount", str(len(task.items)))
    out.value(2, "gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT")
    out.value(2, "showgrading", "SHOW")
    out.value(2, "numberingstyle", "none")
    _combined_feedback(out, numbered=True)
    # The answers in the right order; Moodle's own exporter numbers them 1, 2, … the same way.
    for position, item in enumerate(task.items, start=1):
        out.raw(2, f'<answer fraction="{position}.0000000"{_HTML}>')
        out.raw(3, f"<text>{cdata(escape(item.text))}</text>")
        out.raw(2, "</answer>")


def _matching(out: _Out, task: CategorizeTask, losses: LossList) -> None:
    losses.add(LossKind.MATCHING_FEEDBACK, task.id)
    categories = {category.id: category.text for category in task.categories}
    out.value(2, "shuffleanswers", "true")
    _combined_feedback(out, numbered=True)
    for statement in task.statements:
        out.raw(2, f"<subquestion{_HTML}>")
        out.raw(3, f"<text>{cdata(_paragraph(statement.text))}</text>")
        # Answers are plain text in Moodle; statements of one category share it.
        out.text(3, "answer", categories[statement.category])
        out.raw(2, "</subquestion>")


def _statement_reasons(task: CategorizeTask) -> list[ET.Element]:
    categories = {category.id: category.text for category in task.categories}
    listed = element("ul")
    for statement in task.statements:
        entry = element("li", f"{statement.text} → {categories[statement.category]}")
        if statement.feedback:
            entry.text = f"{entry.text}: {statement.feedback}"
        listed.append(entry)
    return [element("p", _("Where each statement belongs:")), listed]


def _evidence_instruction(task: EvidenceTask) -> str:
    if task.stance is Stance.SUPPORTS:
        return _("Copy the words from the article that support the statement.")
    return _("Copy the words from the article that undermine the statement.")


def _essay_options(out: _Out, *, lines: int, max_words: int | None) -> None:
    out.value(2, "responseformat", "plain")
    out.value(2, "responserequired", "1")
    out.value(2, "responsefieldlines", str(lines))
    if max_words is not None:
        out.value(2, "maxwordlimit", str(max_words))
    out.value(2, "attachments", "0")
    out.value(2, "attachmentsrequired", "0")


def _evidence(
    out: _Out, task: EvidenceTask, source: SourceDocument | None, language: str, losses: LossList
) -> None:
    losses.add(LossKind.EVIDENCE_AS_ESSAY, task.id)
    _essay_options(out, lines=3, max_words=None)
    info = [element("p", _("Any one of these passages is enough evidence:"))]
    quotes = element("ul")
    for citation in task.citations:
        text = quoted(citation.quote, source.language if source else language)
        if citation.translation and source is not None and language != source.language:
            text += " / " + quoted(citation.translation, language)
        quotes.append(element("li", text))
    info.append(quotes)
    info.append(
        element(
            "p",
            _(
                "In quizapp the answer is right when at least half of the marked words are "
                "cited words and at least half of one passage is marked."
            ),
        )
    )
    out.text(2, "graderinfo", html_string(info), _HTML)
    out.text(2, "responsetemplate", "", _HTML)


def _short_text(out: _Out, task: ShortTextTask, losses: LossList) -> None:
    losses.add(LossKind.SHORT_TEXT_BY_TEACHER, task.id)
    _essay_options(out, lines=5, max_words=task.max_words)
    info = [element("p", None)]
    info[0].text = _("Model answer: %(text)s") % {"text": task.model_answer}
    info.append(element("p", _("A good answer meets these points (each earns an equal share):")))
    points = element("ul")
    for point in task.rubric:
        points.append(element("li", point.text))
    info.append(points)
    out.text(2, "graderinfo", html_string(info), _HTML)
    # Empty on purpose: Moodle puts a template into the student's answer box.
    out.text(2, "responsetemplate", "", _HTML)


def _paragraph(text: str | None) -> str:
    return html_string([element("p", text)]) if text else ""
