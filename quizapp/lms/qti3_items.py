"""One QTI 3.0 assessment item per quizapp task, scored the way quizapp scores it.

Every item has ``SCORE`` (0–1, quizapp's credit) and ``MAXSCORE`` 1, the article as a
``qti-assessment-stimulus-ref``, and after answering a feedback block with the explanation and
the citations. Per type:

- ``single`` / ``true_false``: ``qti-choice-interaction`` (max-choices 1), 1 when right.
- ``multiple``: max-choices 0; ``qti-map-response`` gives each right choice +1 and each wrong
  one −1, bounded below by 0, divided by the number of right choices: quizapp's credit.
- ``order``: ``qti-order-interaction``; the item's own response processing finds each step's
  place (``qti-index``) and counts the pairs in the right relative order: quizapp's Kendall
  credit (the standard templates could only score all or nothing).
- ``categorize``: ``qti-match-interaction`` (statements × categories); each statement in its
  category earns 1/n.
- ``evidence``: ``qti-hottext-interaction`` over the article (:mod:`quizapp.lms.qti3_hottext`).
- ``short_text``: ``qti-extended-text-interaction``, scored by a person (``external-scored``)
  with the model answer and the rubric in a ``qti-rubric-block`` for scorers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from xml.etree import ElementTree as ET

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
    XHTML,
    XML_LANG,
    child,
    element,
    quoted,
    short_name,
    stable_id,
    why_elements,
)
from quizapp.lms.losses import LossKind, LossList
from quizapp.lms.qti3_hottext import hottext_interaction
from quizapp.lms.qti3_rules import (
    add_to,
    base,
    condition,
    is_null,
    mapping,
    operator,
    outcome_declaration,
    processing,
    response_declaration,
    set_outcome,
    variable,
)

QTI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
QTI_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: The EXPLANATION value that shows the explanation once an answer was processed.
EXPLAINED = "SHOWN"


@dataclass(frozen=True)
class Stimulus:
    """The article an item refers to: its identifier and its path from the item."""

    identifier: str
    href: str
    title: str


def qti_root(tag: str, identifier: str, title: str, language: str) -> ET.Element:
    """The root element of a QTI 3.0 file with its namespaces and schema."""
    return element(
        tag,
        None,
        {
            "xmlns": QTI_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": identifier,
            "title": title,
            XML_LANG: language,
        },
    )


def item_identifier(question_set: QuestionSet, task: Task) -> str:
    """The item's identifier: the same in every export of this task in this language."""
    return stable_id(question_set.id, question_set.language, task.id)


def task_item(
    qset: QuestionSet,
    task: Task,
    source: SourceDocument | None,
    stimulus: Stimulus | None,
    losses: LossList,
) -> ET.Element:
    """The ``qti-assessment-item`` for ``task``; what it cannot carry goes into ``losses``."""
    item = qti_root(
        "qti-assessment-item", item_identifier(qset, task), short_name(task), qset.language
    )
    item.set("adaptive", "false")
    item.set("time-dependent", "false")
    builder = _Item(item, qset, task, source)
    if isinstance(task, Question):
        builder.choices(task)
    elif isinstance(task, OrderTask):
        losses.add(LossKind.ORDER_CUSTOM_SCORING, task.id)
        builder.order(task)
    elif isinstance(task, CategorizeTask):
        losses.add(LossKind.CATEGORIZE_FEEDBACK, task.id)
        builder.categorize(task)
    elif isinstance(task, EvidenceTask):
        losses.add(LossKind.EVIDENCE_SPANS, task.id)
        builder.evidence(task)
    else:
        losses.add(LossKind.SHORT_TEXT_BY_TEACHER, task.id)
        losses.add(LossKind.WORD_LIMIT_STATED, task.id)
        builder.short_text(task)
    return builder.finish(stimulus if not isinstance(task, EvidenceTask) else None)


class _Item:
    """Collects an item's declarations, body and rules, then puts them in QTI's order."""

    def __init__(
        self, item: ET.Element, qset: QuestionSet, task: Task, source: SourceDocument | None
    ) -> None:
        self.item = item
        self.qset = qset
        self.task = task
        self.source = source
        self.responses: list[ET.Element] = []
        self.outcomes: list[ET.Element] = [
            outcome_declaration("SCORE", "float", 0, extra={"normal-maximum": "1"}),
            outcome_declaration("MAXSCORE", "float", 1),
            outcome_declaration("EXPLANATION", "identifier"),
        ]
        self.body: list[ET.Element] = []
        self.rules: list[ET.Element] = []
        #: For choice questions: FEEDBACK takes the picked ids, showing their own feedback.
        self.choice_feedback = False

    def finish(self, stimulus: Stimulus | None) -> ET.Element:
        self.item.extend(self.responses)
        self.item.extend(self.outcomes)
        body = element("qti-item-body")
        if stimulus is not None:
            child(
                self.item,
                "qti-assessment-stimulus-ref",
                None,
                {"identifier": stimulus.identifier, "href": stimulus.href, "title": stimulus.title},
            )
            # Where a player shows the referred article (qti-components reads this attribute).
            child(body, "div", None, {"data-stimulus-idref": stimulus.identifier})
        body.extend(self.body)
        why = child(
            body,
            "qti-feedback-block",
            None,
            {"outcome-identifier": "EXPLANATION", "identifier": EXPLAINED, "show-hide": "show"},
        )
        content = child(why, "qti-content-body")
        content.extend(why_elements(self.task, self.source, self.qset.language, XHTML))
        self.item.append(body)
        # Once answered, the explanation (and the feedback of the picked choices) shows.
        shown = [set_outcome("EXPLANATION", base("identifier", EXPLAINED))]
        if self.choice_feedback:
            shown.append(set_outcome("FEEDBACK", variable("RESPONSE")))
        self.rules.append(condition(operator("qti-not", is_null("RESPONSE")), shown))
        self.item.append(processing(self.rules))
        return self.item

    def _interaction(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        interaction = element(tag, None, {"response-identifier": "RESPONSE"} | attrs)
        child(interaction, "qti-prompt", self.task.prompt)
        self.body.append(interaction)
        return interaction

    def _score_or_zero(self, score: ET.Element) -> None:
        self.rules.append(
            condition(is_null("RESPONSE"), [set_outcome("SCORE", base("float", 0))], [score])
        )

    def choices(self, task: Question) -> None:
        multiple = task.type is QuestionType.MULTIPLE
        right = sorted(task.correct_ids)
        declaration = response_declaration(
            "multiple" if multiple else "single", "identifier", right
        )
        self.responses.append(declaration)
        cardinality = "multiple" if multiple else "single"
        self.outcomes.append(outcome_declaration("FEEDBACK", "identifier", cardinality=cardinality))
        self.choice_feedback = True
        shuffle = task.shuffle and task.type is not QuestionType.TRUE_FALSE
        interaction = self._interaction(
            "qti-choice-interaction",
            {"max-choices": "0" if multiple else "1", "shuffle": "true" if shuffle else "false"},
        )
        for choice in task.choices:
            option = child(interaction, "qti-simple-choice", choice.text, {"identifier": choice.id})
            if choice.feedback:
                child(
                    option,
                    "qti-feedback-inline",
                    " " + choice.feedback,
                    {
                        "outcome-identifier": "FEEDBACK",
                        "identifier": choice.id,
                        "show-hide": "show",
                    },
                )
        if multiple:
            entries = [(c.id, 1.0 if c.correct else -1.0) for c in task.choices]
            declaration.append(mapping(entries, lower=0.0))
            score = operator(
                "qti-divide", operator("qti-map-response", attrs=_RESPONSE), _count(right)
            )
        else:
            score = operator(
                "qti-match", variable("RESPONSE"), operator("qti-correct", attrs=_RESPONSE)
            )
            self.rules.append(
                condition(
                    operator("qti-not", is_null("RESPONSE")),
                    [
                        condition(
                            score,
                            [set_outcome("SCORE", base("float", 1))],
                            [set_outcome("SCORE", base("float", 0))],
                        )
                    ],
                )
            )
            return
        self._score_or_zero(set_outcome("SCORE", score))

    def order(self, task: OrderTask) -> None:
        key = [item.id for item in task.items]
        self.responses.append(response_declaration("ordered", "identifier", key))
        interaction = self._interaction("qti-order-interaction", {"shuffle": "true"})
        for item in task.items:
            child(interaction, "qti-simple-choice", item.text, {"identifier": item.id})
        # Where did the student put each step? Then: the share of pairs in the right order.
        places: list[ET.Element] = []
        for item_id in key:
            self.outcomes.append(outcome_declaration(f"PLACE_{item_id}", "integer"))
        for position, item_id in itertools.product(range(1, len(key) + 1), key):
            at = operator("qti-index", variable("RESPONSE"), attrs={"n": str(position)})
            places.append(
                condition(
                    operator("qti-match", at, base("identifier", item_id)),
                    [set_outcome(f"PLACE_{item_id}", base("integer", position))],
                )
            )
        self.outcomes.append(outcome_declaration("PAIRS", "integer", 0))
        pairs = list(itertools.combinations(key, 2))
        counted = [
            condition(
                operator("qti-lt", variable(f"PLACE_{first}"), variable(f"PLACE_{second}")),
                [add_to("PAIRS", base("integer", 1))],
            )
            for first, second in pairs
        ]
        score = set_outcome(
            "SCORE", operator("qti-divide", variable("PAIRS"), base("float", len(pairs)))
        )
        self.rules.append(
            condition(
                is_null("RESPONSE"),
                [set_outcome("SCORE", base("float", 0))],
                [*places, *counted, score],
            )
        )

    def categorize(self, task: CategorizeTask) -> None:
        pairs = [f"{s.id} {s.category}" for s in task.statements]
        declaration = response_declaration("multiple", "directedPair", pairs)
        declaration.append(mapping([(pair, 1.0) for pair in pairs], lower=0.0))
        self.responses.append(declaration)
        interaction = self._interaction(
            "qti-match-interaction",
            {"max-associations": str(len(task.statements)), "shuffle": "true"},
        )
        interaction.set("class", "qti-match-tabular")
        statements = child(interaction, "qti-simple-match-set")
        for statement in task.statements:
            child(
                statements,
                "qti-simple-associable-choice",
                statement.text,
                {"identifier": statement.id, "match-max": "1"},
            )
        categories = child(interaction, "qti-simple-match-set")
        for category in task.categories:
            child(
                categories,
                "qti-simple-associable-choice",
                category.text,
                {"identifier": category.id, "match-max": str(len(task.statements))},
            )
        score = operator("qti-divide", operator("qti-map-response", attrs=_RESPONSE), _count(pairs))
        self._score_or_zero(set_outcome("SCORE", score))

    def evidence(self, task: EvidenceTask) -> None:
        language = self.qset.language
        # The prompt goes before the article: players do not all show a hot-text prompt.
        self.body.append(element("p", task.prompt))
        statement = element("p", None)
        child(statement, "strong", _("Statement:"))
        statement[-1].tail = " " + quoted(task.statement, language)
        self.body.append(statement)
        if task.stance is Stance.SUPPORTS:
            advice = _("Pick the words in the article that support the statement.")
        else:
            advice = _("Pick the words in the article that undermine the statement.")
        self.body.append(element("p", advice))
        built = hottext_interaction(task, self.source, language)
        self.responses.append(response_declaration("multiple", "identifier", built.right))
        self.outcomes.extend(
            [
                outcome_declaration("PICKED", "float", 0),
                outcome_declaration("NEAR", "float", 0),
                outcome_declaration("CITED", "float", 0),
            ]
        )
        self.body.append(built.interaction)
        self.rules.append(
            condition(is_null("RESPONSE"), [set_outcome("SCORE", base("float", 0))], built.rules)
        )

    def short_text(self, task: ShortTextTask) -> None:
        self.outcomes[0].set("external-scored", "human")
        self.responses.append(response_declaration("single", "string", []))
        limit = _("Write at most %(n)d words.") % {"n": task.max_words}
        self.body.append(element("p", limit))
        self._interaction(
            "qti-extended-text-interaction",
            {"expected-length": str(task.max_words * 8), "expected-lines": "4"},
        )
        rubric = element("qti-rubric-block", None, {"view": "scorer", "use": "scoring"})
        content = child(rubric, "qti-content-body")
        model = child(content, "p")
        child(model, "strong", _("Model answer:"))
        model[-1].tail = " " + task.model_answer
        child(content, "p", _("A good answer meets these points (each earns an equal share):"))
        points = child(content, "ul")
        for point in task.rubric:
            child(points, "li", point.text)
        self.body.insert(0, rubric)


_RESPONSE = {"identifier": "RESPONSE"}


def _count(values: list[str]) -> ET.Element:
    return base("float", len(values))
